"""What every command shares: option types, the error handler, the library loader, and
writing outputs.

This package's modules deliberately have no ``from __future__ import annotations``: Typer
reads every command's parameter annotations when the program starts, and evaluating them as
strings cost more than the rest of ``--help``. Each command imports the pipeline stages it
needs when it runs, so ``--help`` imports only Typer.
"""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])


LibraryOpt = Annotated[
    Path | None,
    typer.Option(
        "--library",
        help="Use this clause library folder instead of the built-in one.",
        show_default=False,
    ),
]


NotesOpt = Annotated[
    str | None,
    typer.Option(
        "--notes",
        help="Explanatory notes: comments (Word comments, the default), "
        "inline, appendix, or none (a clean copy, still marked as a model draft).",
        show_default=False,
    ),
]


BothOpt = Annotated[
    bool,
    typer.Option("--both", help="Also write a clean copy (-clean; with --council-copy, -council)."),
]
CouncilOpt = Annotated[
    bool,
    typer.Option(
        "--council-copy",
        help="Write the copy to introduce, after the attorney's review: no notes, no "
        "MODEL DRAFT notice, no state-law warnings box, no DRAFT header.",
    ),
]

#: What the terminal says after writing a council copy.
COUNCIL_REMINDER = (
    "Council copy: {paths} {has} no notes, no MODEL DRAFT notice, no state-law warnings box "
    "and no DRAFT header. It assumes the attorney has reviewed the draft (use the default "
    "copy for that review); nothing in it says that it is a model or not legal advice."
)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: docx, md, html or pdf (default: from "
        "the output file's extension, else docx).",
        show_default=False,
    ),
]


SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="Override an answer on both sides: --set jurisdiction.name=Northfield (repeatable).",
    ),
]


def terminal(**options: Any) -> Any:
    """A Rich console for the terminal that shows control characters in any text it prints
    escaped (``\\x1b``), so that text from an answers file, a flag, a custom library or
    the interview's input cannot clear the screen or set the window title.

    Rich's own colours and cursor moves are not text and pass as they are: the escaping is
    done on the text of each rendered segment, by a render hook, for everything printed.
    """
    from rich.console import Console

    console = Console(**options)
    console.push_render_hook(_PrintableHook())
    return console


class _PrintableHook:
    """Wraps every renderable so that its text segments are passed through ``printable``."""

    def process_renderables(self, renderables: list[Any]) -> list[Any]:
        return [_Printable(r) for r in renderables]


class _Printable:
    def __init__(self, renderable: Any) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment

        from ..errors import printable

        for segment in console.render(self.renderable, options):
            if segment.control or not segment.text:
                yield segment
            else:
                text = printable(segment.text)
                yield segment if text == segment.text else Segment(text, segment.style)


def _stderr() -> Any:
    return terminal(stderr=True, highlight=False, soft_wrap=True)


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print text that may hold user text (a path, an id, a custom library's words), with
    control characters shown escaped so that they cannot act on the terminal."""
    from ..errors import printable

    typer.echo(printable(str(text)), err=err, nl=nl)


_STOP_REPORTED: list[bool] = []


def stop_reported(now: bool = False) -> bool:
    """Whether a message about a Ctrl-C has been shown (``now=True``: one is being shown).

    Typer turns a Ctrl-C that lands outside a command (while it parses the command line)
    into a silent exit 130; :func:`~ordinance_drafter.cli.app.main` then says it."""
    if now:
        _STOP_REPORTED.append(True)
    return bool(_STOP_REPORTED)


_STOPS: list[int] = []


def on_stop(signum: int, frame: Any) -> None:
    """The handler of Ctrl-C (SIGINT) and SIGTERM for the command line: note the stop,
    then raise KeyboardInterrupt as Python does.

    The note matters when a library turns the KeyboardInterrupt into an error of its own
    (pydantic-core reports one raised while it builds a validator as a SchemaError): an
    error during a command that was asked to stop is reported as the stop, not as a bug.
    """
    _STOPS.append(signum)
    raise KeyboardInterrupt


def stops() -> int:
    """How many stops (Ctrl-C, SIGTERM) :func:`on_stop` has seen."""
    return len(_STOPS)


def handle_errors(func: F) -> F:
    """Every command's guard: what the user sees when the command does not finish.

    A DrafterError is shown as one paragraph (exit code 2, or the error's own); Ctrl-C
    says which files, if any, were written before it (exit code 130); anything else is a
    bug: one paragraph saying so and where its details were logged (exit code 70), never
    a traceback.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..errors import DrafterError, printable
        from ..files import written_files
        from .bugs import written_note

        start, stopped = len(written_files()), stops()
        try:
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                # Asked to stop, and something turned the KeyboardInterrupt into an error.
                if stops() != stopped and not _is_typers(exc):
                    raise KeyboardInterrupt from exc
                raise
        except DrafterError as exc:
            from rich.markup import escape

            written = written_files()[start:]
            note = f" ({written_note(written, 'this error')})" if written else ""
            message = escape(printable(exc.message + note))
            _stderr().print(f"[bold red]Error:[/bold red] {message}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            stop_reported(now=True)
            say(f"\nStopped. {written_note(written_files()[start:])}", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:  # the reader went away (`... | head`); Typer handles it
            raise
        except Exception as exc:
            if _is_typers(exc):
                raise
            code = report_bug(exc, _command_name(func), written_files()[start:])
            raise typer.Exit(code) from None

    return wrapper  # type: ignore[return-value]


def _command_name(func: Callable[..., Any]) -> str:
    """The command as the user types it: ``lint_library`` -> "lint-library"."""
    return func.__name__.removesuffix("_cmd").replace("_", "-")


def _is_typers(exc: BaseException) -> bool:
    """Whether ``exc`` is Typer's (or Click's) own: an exit, an abort or a usage error,
    which Typer reports itself. Typer 0.28 and later carry their own copy of Click."""
    return type(exc).__module__.split(".")[0] in ("typer", "click")


def report_bug(exc: BaseException, command: str, written: Any = ()) -> int:
    """Log an unexpected exception, tell the user in one paragraph; the exit code."""
    from .bugs import BUG_EXIT, bug_message, write_log

    log, why = write_log(exc, command)
    say(f"Error: {bug_message(exc, command, log, why, written)}", err=True)
    return BUG_EXIT


def _library(path: Path | None) -> Any:
    from ..library.loader import load_library

    return load_library(path)


def _options(
    notes: str | None,
    default_notes: str,
    line_numbers: bool,
    confidential: bool,
    cover: bool,
    xref_fields: bool = True,
    council_copy: bool = False,
    both: bool = False,
) -> Any:
    from ..errors import DrafterError
    from ..render import NOTES_MODES, RenderOptions

    if council_copy and not both and notes not in (None, "none"):
        raise DrafterError(
            f"--council-copy has no notes, so it cannot take --notes {notes}. Leave out "
            "--notes, or write the annotated copy and the council copy together with --both."
        )
    if council_copy and confidential and not both:
        raise DrafterError(
            "--council-copy is the copy to introduce in public, and --confidential (or "
            "document.confidential in the answers file) marks it attorney work product. "
            "Leave out --confidential or set document.confidential to false, or add --both "
            "to mark only the annotated copy."
        )
    mode = notes or default_notes  # the council copy has no notes whatever the mode
    if mode not in NOTES_MODES:
        from ..library.yamlio import did_you_mean

        raise DrafterError(
            f"--notes {mode!r} is not a notes mode.{did_you_mean(mode, NOTES_MODES)} "
            f"Modes: {', '.join(NOTES_MODES)}."
        )
    return RenderOptions(
        notes=mode,
        line_numbers=line_numbers,
        confidential=confidential,
        cover_summary=cover,
        xref_fields=xref_fields,
        council_copy=council_copy,
    )


def _format(out: Path, fmt: str | None) -> str:
    from ..errors import DrafterError
    from ..render import FORMATS, format_for_path

    if fmt:
        if fmt not in FORMATS:
            from ..library.yamlio import did_you_mean

            raise DrafterError(
                f"--format {fmt!r} is not supported.{did_you_mean(fmt, FORMATS)} "
                f"Formats: {', '.join(FORMATS)}."
            )
        return fmt
    return format_for_path(str(out)) or "docx"


def _write(
    ordinance: Any, out: Path, fmt: str, options: Any, force: bool, both: bool
) -> list[Path]:
    """Write the document (and, with --both, the clean and annotated copies).

    With --both and --council-copy, the second copy is the council copy, ``-council``.
    """
    from dataclasses import replace

    from ..pipeline import write_document

    written = []
    if both:
        council = options.council_copy
        clean = out.with_name(out.stem + ("-council" if council else "-clean") + out.suffix)
        annotated_mode = options.notes if options.notes != "none" else "comments"
        pairs = [
            (out, replace(options, notes=annotated_mode, council_copy=False)),
            (clean, replace(options, notes="none", confidential=False)),
        ]
    else:
        pairs = [(out, options)]
    from ..files import check_output_path

    for path, _opts in pairs:
        check_output_path(path, force=force)
    for path, opts in pairs:
        with _converting(fmt, path):
            write_document(ordinance, path, fmt, opts, force=force)
        written.append(path)
    return written


def _converting(fmt: str, path: Path) -> Any:
    """A status line on the terminal while LibreOffice converts a PDF (a few seconds);
    nothing when standard error is not a terminal, or for another format."""
    import contextlib
    import os
    import sys

    if fmt != "pdf":
        return contextlib.nullcontext()
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):  # no standard error, or a closed one
        tty = False
    if not tty and not any(
        os.environ.get(name) for name in ("FORCE_TERMINAL", "FORCE_COLOR", "TTY_COMPATIBLE")
    ):
        return contextlib.nullcontext()  # Rich would find no terminal: spare importing it
    from rich.markup import escape

    from ..errors import printable

    console = _stderr()
    if not console.is_terminal:
        return contextlib.nullcontext()
    name = escape(printable(path.name))
    return console.status(f"Converting {name} to PDF with LibreOffice...")


def council_reminder(options: Any, written: list[Path]) -> str:
    """The reminder printed after writing a council copy (empty if none was written)."""
    if not options.council_copy:
        return ""
    council = written[-1:]  # with --both, the council copy is the second file
    return COUNCIL_REMINDER.format(paths=", ".join(map(str, council)), has="has")


def _check_redline_path(output: Path, force: bool) -> None:
    from ..errors import DrafterError
    from ..files import check_output_path

    if output.suffix and output.suffix.lower() != ".docx":
        raise DrafterError(
            f"{output}: a redline is a Word document; give the output a .docx name, e.g. "
            f"{output.with_suffix('.docx')}."
        )
    check_output_path(output, force=force)
