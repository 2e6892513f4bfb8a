"""Safe file writing: never a half-written file, never an overwrite the user did not ask for."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def check_output_path(path: Path, *, force: bool) -> None:
    """Check that ``path`` can be written, before any work is done.

    Raises:
        OutputError: The path is a directory, its folder is missing or read-only, or the
            file exists and ``force`` is false.
    """
    if path.is_dir():
        raise OutputError(
            f"{path}: is a directory. Give a file name for the output, e.g. {path / 'draft.docx'}."
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise OutputError(
            f"{path}: the folder {parent} does not exist. Create it first or choose another "
            "output path."
        )
    if not parent.is_dir():
        raise OutputError(f"{path}: {parent} is not a folder.")
    if path.exists() and not force:
        raise OutputError(
            f"{path}: the file already exists and was left untouched. Add --force to "
            "overwrite it, or choose another output path with -o."
        )
    if not os.access(parent, os.W_OK):
        raise OutputError(
            f"{path}: the folder {parent} is read-only, so the file cannot be written there. "
            "Choose another output path with -o."
        )


def atomic_write_bytes(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    An interruption or a full disk leaves either the old file or no file, never a
    partial one.

    Raises:
        OutputError: The file exists and ``force`` is false, or the write failed.
    """
    path = Path(path)
    check_output_path(path, force=force)
    parent = path.parent if str(path.parent) else Path(".")
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates files readable only by their owner; give the new file the usual
        # permissions (0666 less the umask), or keep those of the file it replaces.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        if path.exists() and not force:  # created by someone else meanwhile
            raise OutputError(f"{path}: the file appeared while writing; it was left untouched.")
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(
            f"{path}: could not write the file ({exc.strerror or exc}). Nothing was written."
        ) from None
    finally:
        if tmp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write_text(path: Path, text: str, *, force: bool) -> None:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), force=force)
