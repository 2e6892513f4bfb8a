"""The command line: the only part of the tool that knows argv and the terminal.

:func:`main` is the console script. It imports the command set itself, so that a Ctrl-C
while the program is still starting (importing Typer, Rich and the commands) ends it
quietly instead of with a traceback. It imports nothing itself but ``sys``, which Python
has loaded before any of the tool's code runs: the only moments left where a Ctrl-C gives a
traceback are Python's own start-up and the two imports of the console-script wrapper that
the installer writes. It also installs :func:`.bugs.unraisable`, so that a Ctrl-C landing in
a callback Python cannot raise from is neither printed as a traceback nor lost.
"""

import sys


def main() -> None:
    """Console-script entry point."""
    try:
        from .bugs import unraisable

        sys.unraisablehook = unraisable  # a Ctrl-C in a callback is not lost (see there)
        from .app import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\nStopped. No file was written.\n")
        raise SystemExit(130) from None
    run()


def __getattr__(name: str) -> object:
    """``from ordinance_drafter.cli import app`` still works (imported when asked for)."""
    if name == "app":
        from .app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
