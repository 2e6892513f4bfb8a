"""The last resort: what the user sees when something unexpected escapes a command.

A :class:`~ordinance_drafter.errors.DrafterError` is a mistake the user can fix; anything
else is a bug in the tool. The user gets one paragraph saying so, where the details were
saved (a log file under the user's log folder, see :func:`log_folders`), and a non-zero
exit; the traceback goes into that file, never onto the terminal.
"""

import datetime as dt
import os
import platform
import signal
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

#: The exit code of a bug (sysexits' EX_SOFTWARE), apart from the user's mistakes (2).
BUG_EXIT = 70

APP = "ordinance-drafter"


def log_folders() -> list[Path]:
    """Where a log is written, in order of preference: the user's log folder, the user's
    cache folder, then the system's temporary folder."""
    import platformdirs

    return [
        Path(platformdirs.user_log_dir(APP, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP, appauthor=False)) / "log",
        Path(tempfile.gettempdir()),
    ]


def write_log(exc: BaseException, command: str) -> tuple[Path | None, str]:
    """Write the details of ``exc`` to a new log file.

    Returns:
        The file (``None`` if no folder could take it) and, if none could, why.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool = version("ordinance-drafter")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        tool = "source"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    text = "".join(
        [
            f"Ordinance Drafter {tool}: an unexpected error in the '{command}' command.\n",
            f"When: {dt.datetime.now().isoformat(timespec='seconds')}\n",
            f"Python {sys.version.split()[0]} on {platform.platform()}\n",
            f"Command line: {sys.argv!r}\n\n",
            *traceback.format_exception(type(exc), exc, exc.__traceback__),
        ]
    )
    why = ""
    for folder in log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{APP}-bug-{stamp}-{os.getpid()}.log"
            with open(path, "x", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
            return path, ""
        except OSError as error:
            why = error.strerror or str(error)
    return None, why


def bug_message(
    exc: BaseException, command: str, log: Path | None, why: str, written: Sequence[Path]
) -> str:
    """The one paragraph the user sees for a bug."""
    where = (
        f"The details are in {log}; please attach that file to a bug report."
        if log is not None
        else f"The details could not be saved ({why}); please report the command you ran."
    )
    return (
        f"This is a bug in Ordinance Drafter, not a mistake in your input: the '{command}' "
        f"command stopped on an unexpected {type(exc).__name__}. {written_note(written, 'it')} "
        f"{where}"
    )


def written_note(written: Sequence[Path], event: str = "the stop") -> str:
    """What was written before ``event`` (a stop, an error), in one sentence."""
    if not written:
        return "No file was written."
    names = ", ".join(str(p) for p in written)
    verb = "was" if len(written) == 1 else "were"
    return f"{names} {verb} written in full before {event}; nothing else was written."


def unraisable(hook_args: "sys.UnraisableHookArgs") -> None:
    """``sys.unraisablehook`` for the command line.

    Python cannot raise an exception out of a weak-reference callback or a ``__del__``
    method: it prints "Exception ignored in ..." with a traceback and goes on. A Ctrl-C
    that lands there (the import system runs such callbacks) would be printed as a traceback
    and then lost. It is raised again instead, to take effect as soon as Python is back in
    ordinary code; anything else goes into a log, with one line on the terminal.
    """
    exc = hook_args.exc_value
    if isinstance(exc, KeyboardInterrupt) or hook_args.exc_type is KeyboardInterrupt:
        _interrupt_soon()
        return
    if exc is None:  # pragma: no cover - Python always passes the exception
        return
    log, why = write_log(exc, "ordinance-drafter (an error Python could not raise)")
    where = f"details in {log}" if log is not None else f"no log could be written: {why}"
    sys.stderr.write(
        f"Note: an unexpected {type(exc).__name__} was ignored ({where}); please report it.\n"
    )


def _interrupt_soon() -> None:
    """Send Ctrl-C again a millisecond from now, from ordinary code.

    Raising it here would only make this hook's own exception "ignored"; a one-shot timer
    (SIGALRM) fires once Python is out of the callback and sends SIGINT through whatever
    handler is then in place (so a write in progress still holds it until it is done).
    Where there is no such timer (Windows), Python's own behaviour stands.
    """
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        return
    previous = signal.getsignal(signal.SIGALRM)

    def fire(signum: int, frame: object) -> None:
        signal.signal(signal.SIGALRM, previous)
        signal.raise_signal(signal.SIGINT)

    signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, 0.001)
