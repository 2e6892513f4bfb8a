"""LibreOffice, run headless, converting a DOCX to PDF.

LibreOffice keeps a user profile (settings, font caches); making one takes it a few
seconds. Conversions reuse one profile in the user's cache folder (``platformdirs``:
``~/.cache/ordinance-drafter/libreoffice`` on Linux), apart from any LibreOffice the user
runs. Two conversions cannot share a profile at once: while one holds it (a lock file
beside it), another uses a temporary profile, as it does when
``ORDINANCE_DRAFTER_NO_CACHE=1`` is set, when the cache folder cannot be written, and
once more when a conversion with the kept profile fails (a damaged profile is rebuilt).

Starting LibreOffice takes about a second before it converts anything. A build that will
write a PDF therefore starts it at once, in :func:`started_early`, so that it starts while
the draft is assembled. LibreOffice runs one instance a profile: the conversion, a
``soffice --convert-to`` run with the same profile, hands its file to that instance and
waits for the PDF, and the instance, headless with no document left open, then ends. If
the instance is not there (it failed to start, or the build stopped first), the conversion
runs on its own, as without an early start; an instance no conversion used is stopped.

This module imports nothing heavy, so that the CLI can start LibreOffice first.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from ..errors import MissingDependencyError, OutputError

CANDIDATES = ("soffice", "libreoffice")

#: How long an instance may take to end by itself after its conversion, in seconds.
_END_WAIT = 10


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


@dataclass
class _Session:
    """A LibreOffice started early, and the profile and folder it was started with."""

    soffice: str
    profile: Path
    kept: bool  # the kept profile (which a failed conversion rebuilds), not a temporary one
    work: Path  # a temporary folder, removed when the session ends
    process: subprocess.Popen[bytes] | None
    used: bool = False


_SESSION: ContextVar[_Session | None] = ContextVar("libreoffice_session", default=None)


def _start(soffice: str, profile: Path, log: Path) -> subprocess.Popen[bytes] | None:
    """LibreOffice, headless with no document, waiting for a conversion to be handed to it
    (in a process group of its own, to stop it whole); ``None`` if it cannot be started."""
    try:
        with open(log, "wb") as out:
            return subprocess.Popen(
                [
                    soffice,
                    f"-env:UserInstallation={profile.absolute().as_uri()}",
                    "--headless",
                    "--norestore",
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                start_new_session=True,
            )
    except OSError:
        return None


def _end(session: _Session, *, wait: bool = False) -> None:
    """Stop the session's LibreOffice, or with ``wait`` let it end by itself after its
    conversion (and stop it if it does not)."""
    process = session.process
    if process is None or process.poll() is not None:
        return
    if wait:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=_END_WAIT)
            return
    for stop in (signal.SIGTERM, getattr(signal, "SIGKILL", signal.SIGTERM)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if hasattr(os, "killpg"):
                os.killpg(process.pid, stop)  # its process group: oosplash and soffice.bin
            else:  # pragma: no cover - Windows: no process groups
                process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
            return


@contextlib.contextmanager
def started_early() -> Iterator[None]:
    """Start LibreOffice now, for the next :func:`docx_to_pdf` in this block to use; while
    the block runs, the profile is held for its conversions. Nothing if LibreOffice is not
    installed (the conversion says so)."""
    soffice = find_soffice()
    if soffice is None or _SESSION.get() is not None:
        yield
        return
    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ordinance-pdf-")))
        kept = stack.enter_context(_kept_profile())
        profile = kept or work / "profile"
        session = _Session(soffice, profile, kept is not None, work, None)
        session.process = _start(soffice, profile, work / "libreoffice.log")
        stack.callback(_end, session)
        token = _SESSION.set(session)
        stack.callback(_SESSION.reset, token)
        yield


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
    """Convert DOCX bytes to PDF bytes with LibreOffice in headless mode (through the
    LibreOffice :func:`started_early` started, if one is waiting).

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
    session = _SESSION.get()
    with tempfile.TemporaryDirectory(prefix="ordinance-pdf-") as tmp:
        work = Path(tmp)
        src = work / "draft.docx"
        src.write_bytes(docx_bytes)
        if session is not None:
            result = _convert_in(session, src, work, timeout)
        else:
            with _kept_profile() as kept:
                result = _convert(soffice, src, work, kept or work / "profile", timeout)
                if isinstance(result, str) and kept is not None:
                    result = _afresh(soffice, src, work, kept, timeout)
        if isinstance(result, str):
            raise OutputError(f"LibreOffice could not convert the draft to PDF: {result}")
        return result


def _convert_in(session: _Session, src: Path, work: Path, timeout: int) -> bytes | str:
    """Convert with the session's profile: the first time through its early LibreOffice."""
    first = not session.used
    session.used = True
    try:
        result = _convert(session.soffice, src, work, session.profile, timeout)
    except BaseException:  # timed out, or stopped (Ctrl-C): stop LibreOffice too
        _end(session)
        raise
    if first:
        _end(session, wait=True)  # before anything else uses the profile
    if isinstance(result, str) and first:
        with contextlib.suppress(OSError):
            said = (session.work / "libreoffice.log").read_text("utf-8", "replace").strip()
            result = said[-300:] or result
    if isinstance(result, str) and session.kept:
        result = _afresh(session.soffice, src, work, session.profile, timeout)
    return result


def _afresh(soffice: str, src: Path, work: Path, profile: Path, timeout: int) -> bytes | str:
    """Perhaps the kept profile is damaged: make it afresh, and convert once more."""
    _remove(profile)
    return _convert(soffice, src, work, profile, timeout)


def _remove(path: Path) -> None:
    """Remove a profile, whether a folder or (damaged) anything else."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
