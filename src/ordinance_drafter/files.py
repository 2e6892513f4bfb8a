"""Safe file reading and writing: never a half-written file, never an overwrite the user did
not ask for, never a hang on a file that is not a file.

Writing goes through a temporary file beside the target and an atomic rename, with Ctrl-C
(SIGINT) and SIGTERM held while it runs: a stop that arrives before the rename abandons the
new file (the old one, if any, is untouched and the temporary file is removed); one that
arrives after it takes effect once the new file is complete. Either way the signal then acts
as it would have, and :func:`written_files` says which files were really written, so the
message about the stop can match what happened.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from .errors import DrafterError, OutputError

_WRITTEN: list[Path] = []


def written_files() -> tuple[Path, ...]:
    """Every file this process has written (completely) through this module, in order."""
    return tuple(_WRITTEN)


def check_output_path(path: Path, *, force: bool) -> None:
    """Check that ``path`` can be written, before any work is done.

    Raises:
        OutputError: The path is a directory or not a regular file, its folder is missing or
            read-only, or the file exists and ``force`` is false.
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
    if path.exists() and not path.is_file():
        raise OutputError(
            f"{path}: is {kind_of(path)}, not a regular file, so it cannot be replaced by the "
            "output. Choose another output path with -o."
        )
    if not os.access(parent, os.W_OK):
        raise OutputError(
            f"{path}: the folder {parent} is read-only, so the file cannot be written there. "
            "Choose another output path with -o."
        )


@contextlib.contextmanager
def signals_held() -> Iterator[list[int]]:
    """Hold Ctrl-C (SIGINT) and SIGTERM while the block runs.

    Yields the list of the signals that arrived meanwhile (the block may look at it to give
    up early). When the block ends, the previous handlers are put back and each signal that
    arrived is raised again, so it acts as it would have (Ctrl-C raises KeyboardInterrupt).
    Outside the main thread, where handlers cannot be set, nothing is held.
    """
    held: list[int] = []
    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():

        def hold(signum: int, frame: object) -> None:
            held.append(signum)

        for sig in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(sig) not in (signal.SIG_IGN, None):
                previous[sig] = signal.signal(sig, hold)
    try:
        yield held
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
    for sig in dict.fromkeys(held):
        signal.raise_signal(sig)


def atomic_write_bytes(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    An interruption, a full disk or any other failure leaves the old file (or no file) and
    no temporary file; a stop that arrives once the new file is in place acts after it (see
    the module's notes).

    Raises:
        OutputError: The file exists and ``force`` is false, or the write failed.
    """
    path = Path(path)
    check_output_path(path, force=force)
    parent = path.parent if str(path.parent) else Path(".")
    with signals_held() as held:
        tmp = ""
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp creates files readable only by their owner; give the new file the
            # usual permissions (0666 less the umask), or keep those of the file it replaces.
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
            if held:
                return  # stopped before the rename: the new file is abandoned
            if path.exists() and not force:  # created by someone else meanwhile
                raise OutputError(
                    f"{path}: the file appeared while writing; it was left untouched."
                )
            os.replace(tmp, path)
            tmp = ""
            _WRITTEN.append(path)
            _sync_folder(parent)
        except OSError as exc:
            raise OutputError(
                f"{path}: could not write the file ({exc.strerror or exc}). Nothing was written."
            ) from None
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere a no-op)."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write_text(path: Path, text: str, *, force: bool) -> None:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), force=force)


def kind_of(path: Path) -> str:
    """What ``path`` is, in words: 'a folder', 'a named pipe (FIFO)', ..."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "missing"
    return _kind_of_mode(mode)


def _kind_of_mode(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def read_user_file(path: Path, what: str, error: type[DrafterError], limit: int) -> bytes:
    """Read a file the user named, after checking that it is a regular file.

    The file is opened without blocking and checked through its open handle, so a named
    pipe with no writer, a device or a socket is refused at once instead of hanging, and
    nothing can be swapped in between the check and the read.

    Args:
        path: The file.
        what: What it is, for messages ("answers file").
        error: The error class to raise.
        limit: The most bytes the file may hold.

    Raises:
        DrafterError: ``error``: the file is missing, a folder, not a regular file,
            unreadable or larger than ``limit``.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(f"{path}: the {what} does not exist. Check the path.") from None
    except IsADirectoryError:
        raise error(
            f"{path}: is a directory, not a {what}. Give the path of a YAML file."
        ) from None
    except OSError as exc:
        raise error(f"{path}: the {what} cannot be read ({exc.strerror or exc}).") from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise error(f"{path}: the {what} cannot be read ({exc.strerror or exc}).") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path}: is a directory, not a {what}. Give the path of a YAML file.")
        raise error(
            f"{path}: is {_kind_of_mode(info.st_mode)}, not a regular file; the {what} must "
            "be a YAML file saved on disk."
        )
    with os.fdopen(fd, "rb") as handle:
        size = info.st_size
        if size > limit:
            raise error(
                f"{path}: the {what} is {size:,} bytes; the limit is {limit:,}. An answers or "
                "clause file is a few kilobytes; check that this is the right file."
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise error(f"{path}: the {what} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > limit:  # it grew after it was opened
        raise error(f"{path}: the {what} is over the limit of {limit:,} bytes.")
    return data
