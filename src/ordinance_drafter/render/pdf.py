"""PDF rendering through LibreOffice, when it is installed.

The PDF is the DOCX rendering for a printed medium (:data:`~.blocks.PRINT`): a PDF shows
no Word comments in print, so the layout puts the notes of ``--notes comments`` after
each section, as ``--notes inline`` does. LibreOffice then converts that DOCX.

LibreOffice keeps a user profile (settings, font caches); making one takes it a few
seconds. Conversions reuse one profile in the user's cache folder (``platformdirs``:
``~/.cache/ordinance-drafter/libreoffice`` on Linux), apart from any LibreOffice the user
runs. Two conversions cannot share a profile at once: while one holds it (a lock file
beside it), another uses a temporary profile, as it does when
``ORDINANCE_DRAFTER_NO_CACHE=1`` is set, when the cache folder cannot be written, and
once more when a conversion with the kept profile fails (a damaged profile is rebuilt).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from ..assembly.model import Ordinance
from ..errors import MissingDependencyError, OutputError
from . import RenderOptions
from .blocks import PRINT
from .docx import render as render_docx

CANDIDATES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None`` if it is not installed."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def profile_folder() -> Path | None:
    """The LibreOffice profile kept between conversions (``None``: caching is off)."""
    if os.environ.get("ORDINANCE_DRAFTER_NO_CACHE"):
        return None
    return Path(platformdirs.user_cache_dir("ordinance-drafter")) / "libreoffice"


@contextlib.contextmanager
def _kept_profile() -> Iterator[Path | None]:
    """The kept profile, held for this conversion; ``None`` if it cannot be had now."""
    folder = profile_folder()
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, so no shared profile
        yield None
        return
    if folder is None:
        yield None
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        lock = open(folder.with_name(folder.name + ".lock"), "a")  # noqa: SIM115
    except OSError:
        yield None
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another conversion holds it
            yield None
            return
        try:
            yield folder
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _convert(soffice: str, src: Path, outdir: Path, profile: Path, timeout: int) -> bytes | str:
    """One LibreOffice run: the PDF's bytes, or what LibreOffice said when it failed."""
    try:
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.absolute().as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(outdir),
                str(src),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OutputError(
            f"LibreOffice did not finish converting the draft to PDF within {timeout} s."
        ) from None
    pdf = outdir / (src.stem + ".pdf")
    if result.returncode == 0 and pdf.is_file():
        return pdf.read_bytes()
    detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[:300]
    return detail or f"exit status {result.returncode}"


def docx_to_pdf(docx_bytes: bytes, timeout: int = 180) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice in headless mode.

    Raises:
        MissingDependencyError: LibreOffice is not installed.
        OutputError: The conversion failed.
    """
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependencyError(
            "PDF output needs LibreOffice, which is not installed. Install it (on Debian or "
            "Ubuntu: sudo apt-get install libreoffice-writer-nogui), or write DOCX with "
            "--format docx and convert it in Word."
        )
    with tempfile.TemporaryDirectory(prefix="ordinance-pdf-") as tmp:
        work = Path(tmp)
        src = work / "draft.docx"
        src.write_bytes(docx_bytes)
        with _kept_profile() as kept:
            result = _convert(soffice, src, work, kept or work / "profile", timeout)
            if isinstance(result, str) and kept is not None:
                # Perhaps the kept profile is damaged: make it afresh, once.
                _remove(kept)
                result = _convert(soffice, src, work, kept, timeout)
        if isinstance(result, str):
            raise OutputError(f"LibreOffice could not convert the draft to PDF: {result}")
        return result


def _remove(path: Path) -> None:
    """Remove a profile, whether a folder or (damaged) anything else."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance to PDF via its DOCX rendering for print."""
    return docx_to_pdf(render_docx(ordinance, options, PRINT))
