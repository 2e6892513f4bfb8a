"""The ``ordinance-drafter`` command line.

Only Typer is imported at start-up; every command imports what it needs when it runs, so
``--help`` stays instant. Every user mistake is a :class:`~ordinance_drafter.errors.DrafterError`,
shown as one paragraph on standard error with a non-zero exit and no traceback.

This module deliberately has no ``from __future__ import annotations``: Typer reads every
command's parameter annotations when the program starts, and evaluating them as strings
cost more than the rest of ``--help``.
"""

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

app = typer.Typer(
    name="ordinance-drafter",
    help=(
        "Draft a local separation ordinance (keeping a city or county out of federal civil "
        "immigration enforcement) from a vetted clause library, with explanatory notes.\n\n"
        "Start with: ordinance-drafter draft"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

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
        "inline, appendix, or none (a clean council copy).",
        show_default=False,
    ),
]
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


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def handle_errors(func: F) -> F:
    """Show a DrafterError as one paragraph and exit non-zero; Ctrl-C exits quietly."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import DrafterError

        try:
            return func(*args, **kwargs)
        except DrafterError as exc:
            from rich.markup import escape

            _stderr().print(f"[bold red]Error:[/bold red] {escape(exc.message)}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _stderr().print("\nStopped. No output file was written.")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _library(path: Path | None) -> Any:
    from .library import load_library

    return load_library(path)


def _options(
    notes: str | None,
    default_notes: str,
    line_numbers: bool,
    confidential: bool,
    cover: bool,
    xref_fields: bool = True,
) -> Any:
    from .errors import DrafterError
    from .render import NOTES_MODES, RenderOptions

    mode = notes or default_notes
    if mode not in NOTES_MODES:
        from ._yaml import did_you_mean

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
    )


def _format(out: Path, fmt: str | None) -> str:
    from .errors import DrafterError
    from .render import FORMATS, format_for_path

    if fmt:
        if fmt not in FORMATS:
            from ._yaml import did_you_mean

            raise DrafterError(
                f"--format {fmt!r} is not supported.{did_you_mean(fmt, FORMATS)} "
                f"Formats: {', '.join(FORMATS)}."
            )
        return fmt
    return format_for_path(str(out)) or "docx"


def _write(
    ordinance: Any, out: Path, fmt: str, options: Any, force: bool, both: bool
) -> list[Path]:
    """Write the document (and, with --both, the clean and annotated copies)."""
    from dataclasses import replace

    from .build import write_document

    written = []
    if both:
        clean = out.with_name(out.stem + "-clean" + out.suffix)
        annotated_mode = options.notes if options.notes != "none" else "comments"
        pairs = [
            (out, replace(options, notes=annotated_mode)),
            (clean, replace(options, notes="none")),
        ]
    else:
        pairs = [(out, options)]
    from ._io import check_output_path

    for path, _opts in pairs:
        check_output_path(path, force=force)
    for path, opts in pairs:
        write_document(ordinance, path, fmt, opts, force=force)
        written.append(path)
    return written


@app.command()
@handle_errors
def build(
    answers: Annotated[Path, typer.Argument(help="The answers file (YAML) to build from.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the draft.")],
    notes: NotesOpt = None,
    fmt: FormatOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
    both: Annotated[bool, typer.Option("--both", help="Also write a clean copy (-clean).")] = False,
    line_numbers: Annotated[
        bool, typer.Option("--line-numbers", help="Number lines in the margin.")
    ] = False,
    confidential: Annotated[
        bool,
        typer.Option(
            "--confidential", help="Mark the header 'Confidential attorney work product'."
        ),
    ] = False,
    cover: Annotated[
        bool,
        typer.Option(
            "--cover", help="Start with a one-page plain-language summary for the council."
        ),
    ] = False,
    xref_fields: Annotated[
        bool | None,
        typer.Option(
            "--xref-fields/--no-xref-fields",
            help="DOCX: write cross-references as Word REF fields to bookmarks "
            "(default: document.xref_fields, which is on).",
            show_default=False,
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override an answer: --set jurisdiction.name=Northfield (repeatable)."
        ),
    ] = None,
    library: LibraryOpt = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Write (or refresh) the 'library:' block in the answers file: the clause "
            "library and provision versions this draft uses. Nothing else in the file changes.",
        ),
    ] = False,
    old_library: Annotated[
        Path | None,
        typer.Option(
            "--old-library",
            help="The clause library folder the answers file was built with, to compare "
            "with (see --redline).",
            show_default=False,
        ),
    ] = None,
    redline: Annotated[
        Path | None,
        typer.Option(
            "--redline",
            help="With --old-library: also write a DOCX redline from the draft as the old "
            "library renders it to the draft as this library does.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Rebuild a draft from a saved answers file, without questions.

    If the answers file records an older clause library, says which provisions changed.
    """
    from ._io import check_output_path
    from .build import draft_ordinance, resolve_file
    from .errors import DrafterError

    if redline is not None and old_library is None:
        raise DrafterError(
            "--redline needs --old-library PATH: the folder of the clause library the answers "
            "file was built with (for example an older release's clauses/ folder)."
        )
    if record and set_:
        raise DrafterError(
            "--record writes the library record into the answers file, but --set answers are "
            "not in that file. Run --record without --set, or put the answers in the file."
        )
    fmt_name = _format(output, fmt)
    check_output_path(output, force=force)
    if redline is not None:
        _check_redline_path(redline, force)
    lib = _library(library)
    resolved = resolve_file(answers, lib, set_ or [])
    options = _options(
        notes,
        resolved.document.notes,
        line_numbers or resolved.document.line_numbers,
        confidential or resolved.document.confidential,
        cover or resolved.document.cover_summary,
        resolved.document.xref_fields if xref_fields is None else xref_fields,
    )
    old_lib = _library(old_library) if old_library is not None else None
    ordinance = draft_ordinance(lib, resolved)
    for path in _write(ordinance, output, fmt_name, options, force, both):
        typer.echo(f"Wrote {path}")
    for pid, reason in resolved.dropped:
        typer.echo(f"Note: left out '{pid}': {reason}", err=True)
    _library_update(
        answers, lib, resolved, old_lib, old_library, set_ or [], redline, force, record
    )


def _library_update(
    answers: Path,
    lib: Any,
    resolved: Any,
    old_lib: Any,
    old_path: Path | None,
    sets: list[str],
    redline: Path | None,
    force: bool,
    record: bool,
) -> None:
    """``build``: report library changes, write the update redline, record versions."""
    from .updates import check_update, describe_update, recorded_library, write_record

    recorded = recorded_library(answers)
    update = check_update(recorded, lib, resolved, old_lib)
    stale = old_lib is not None and recorded is not None and recorded.version
    if stale and old_lib.version != recorded.version:
        typer.echo(
            f"Note: --old-library {old_path} is version {old_lib.version}, but {answers} "
            f"records {recorded.version}; the comparison is with {old_lib.version}.",
            err=True,
        )
    if redline is not None:
        _update_redline(answers, lib, resolved, old_lib, old_path, sets, redline, force)
    if record:
        if write_record(answers, lib, resolved):
            typer.echo(
                f"Recorded clause library {lib.version} and {len(resolved.choices)} provision "
                f"versions in {answers} (its 'library:' block)."
            )
        else:
            typer.echo(f"{answers} already records clause library {lib.version}.")
        return
    for line in describe_update(update, answers, lib, suggest=redline is None):
        typer.echo(line, err=True)


def _update_redline(
    answers: Path,
    lib: Any,
    resolved: Any,
    old_lib: Any,
    old_path: Path | None,
    sets: list[str],
    redline: Path,
    force: bool,
) -> None:
    from ._io import atomic_write_bytes
    from .build import draft_ordinance, resolve_file
    from .errors import DrafterError
    from .redline import changes_between, render_redline, summary

    try:
        old_resolved = resolve_file(answers, old_lib, sets)
        before = draft_ordinance(old_lib, old_resolved)
    except DrafterError as exc:
        raise type(exc)(f"With the old library (--old-library {old_path}): {exc.message}") from None
    after = draft_ordinance(lib, resolved)
    data = render_redline(
        before,
        after,
        title_a=f"{answers} with clause library {old_lib.version}",
        title_b=f"{answers} with clause library {lib.version}",
    )
    atomic_write_bytes(redline, data, force=force)
    counts = summary(changes_between(before, after))
    typer.echo(
        f"Wrote {redline}: the draft with clause library {lib.version}, tracked against "
        f"{old_lib.version} ({counts.get('modify', 0)} paragraph(s) changed, "
        f"{counts.get('insert', 0)} inserted, {counts.get('delete', 0)} deleted)."
    )


@app.command()
@handle_errors
def draft(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the draft (default: <name>.docx).",
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="Start from this answers file; its answers are not asked again "
            "(with --no-input: build from it).",
            show_default=False,
        ),
    ] = None,
    preset: Annotated[
        str | None,
        typer.Option(
            "--preset",
            help="Start from this preset (essentials, standard, comprehensive ...).",
            show_default=False,
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="Set an answer, checked like the interview's: --set jurisdiction.name=Northfield, "
            "--set provisions.training=on (repeatable).",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Ask nothing: use the given answers and defaults, or fail listing "
            "what is missing.",
        ),
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue the interview interrupted in this folder (its answers, -o and "
            "--library are kept).",
        ),
    ] = False,
    notes: NotesOpt = None,
    fmt: FormatOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing output files.")
    ] = False,
    both: Annotated[bool, typer.Option("--both", help="Also write a clean copy (-clean).")] = False,
    library: LibraryOpt = None,
) -> None:
    """Interview, save <name>.answers.yaml, and write <name>.docx.

    Answers are taken in this order, later ones winning: the library's defaults, the
    preset (--preset, else the file's preset:), --answers FILE, --set key=value, then
    what you type. Questions answered by those options are not asked, but the review at
    the end lists them and you can change any of them there. Ctrl-C keeps your answers;
    --resume continues (plain `draft` offers to).
    """
    from .drafting import run_draft

    run_draft(
        output=output,
        answers=answers,
        preset=preset,
        sets=set_ or [],
        no_input=no_input,
        resume=resume,
        notes=notes,
        fmt=fmt,
        force=force,
        both=both,
        library=library,
    )


@app.command("provisions")
@handle_errors
def provisions_cmd(
    provision: Annotated[
        str | None, typer.Argument(help="A provision id to show in full.", show_default=False)
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    compare_: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Show every variant of the provision side by side: what it changes, its "
            "text for a sample city and county, and its note.",
        ),
    ] = False,
    library: LibraryOpt = None,
) -> None:
    """List the clause library, or show one provision's variants, note and sources."""
    import json

    from .catalog import check_provision_id, provision_detail_text, provision_record

    lib = _library(library)
    if compare_ and not provision:
        from .errors import DrafterError

        raise DrafterError(
            "--compare needs a provision id, e.g. 'ordinance-drafter provisions "
            "status_inquiry --compare'. Run 'ordinance-drafter provisions' to list them."
        )
    if provision:
        check_provision_id(lib, provision)
        if compare_:
            _print_variants(lib, provision, json_)
            return
        if json_:
            typer.echo(
                json.dumps(
                    provision_record(lib, provision, full=True), indent=2, ensure_ascii=False
                )
            )
        else:
            typer.echo(provision_detail_text(lib, provision))
        return
    records = [provision_record(lib, pid) for pid in lib.clauses]
    if json_:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{lib.meta.name} {lib.version}", highlight=False)
    for col in ("id", "title", "category", "variants", "sources"):
        table.add_column(col)
    for r in records:
        table.add_row(
            escape(r["id"]),
            escape(r["title"]),
            escape(r["category"]),
            escape(", ".join(v["id"] for v in r["variants"]) or "—"),
            str(len(r["sources"])),
        )
    Console().print(table)


def _print_variants(lib: Any, provision: str, json_: bool) -> None:
    """``provisions ID --compare``: every variant side by side."""
    from .catalog import comparison_record, comparison_renderables

    if json_:
        import json

        record = comparison_record(lib, provision)
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    console = Console(highlight=False)
    for renderable in comparison_renderables(lib, provision):
        console.print(renderable)
        console.print()


@app.command("lint-library")
@handle_errors
def lint_library(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The library folder (default: the built-in library).", show_default=False
        ),
    ] = None,
) -> None:
    """Check a clause library: metadata, templates, terms, presets, sources, style."""
    from .lint import lint

    problems = lint(path)
    for problem in problems:
        typer.echo(problem)
    if problems:
        typer.echo(f"{len(problems)} problem(s).", err=True)
        raise typer.Exit(1)
    typer.echo("Library is clean.")


SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Override an answer on both sides: --set jurisdiction.name=Northfield (repeatable).",
    ),
]


@app.command()
@handle_errors
def compare(
    a: Annotated[
        str,
        typer.Argument(metavar="A", help="Draft A (before): a preset name or an answers file."),
    ],
    b: Annotated[
        str,
        typer.Argument(metavar="B", help="Draft B (after): a preset name or an answers file."),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write a DOCX redline: B's text with tracked changes against A's.",
            show_default=False,
        ),
    ] = None,
    set_: SetOpt = None,
    author: Annotated[
        str, typer.Option("--author", help="The author recorded on each tracked change.")
    ] = "Ordinance Drafter",
    show_all: Annotated[bool, typer.Option("--all", help="List unchanged provisions too.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
    library: LibraryOpt = None,
) -> None:
    """Compare two drafts provision by provision, and optionally write a redline.

    A preset has no jurisdiction of its own: it takes the jurisdiction and document
    options of the other argument when that is an answers file, else a sample Minnesota
    city (Sampleton). --set applies to both sides, last.
    """
    from .answers import check_text
    from .compare import compare_sides, resolve_pair
    from .errors import DrafterError

    problem = check_text(author, 200)
    if problem or not author.strip():
        raise DrafterError(f"--author {author!r} cannot be used: {problem or 'it is empty'}.")
    if output is not None:
        _check_redline_path(output, force)
    lib = _library(library)
    side_a, side_b = resolve_pair(a, b, lib, set_ or [])
    comparison = compare_sides(side_a, side_b)
    _print_comparison(comparison, show_all, json_)
    if output is not None:
        _write_redline(side_a, side_b, output, author, force)


def _print_comparison(comparison: Any, show_all: bool, json_: bool) -> None:
    import json

    from .compare import comparison_record, comparison_table

    if json_:
        typer.echo(json.dumps(comparison_record(comparison), indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    console = Console(highlight=False)
    if comparison.identical and not show_all:
        console.print(
            f"No differences: {comparison.a.title} and {comparison.b.title} choose the same "
            "provisions, variants and values.",
            markup=False,
        )
        return
    console.print(comparison_table(comparison, show_same=show_all))


def _check_redline_path(output: Path, force: bool) -> None:
    from ._io import check_output_path
    from .errors import DrafterError

    if output.suffix and output.suffix.lower() != ".docx":
        raise DrafterError(
            f"{output}: a redline is a Word document; give the output a .docx name, e.g. "
            f"{output.with_suffix('.docx')}."
        )
    check_output_path(output, force=force)


def _write_redline(side_a: Any, side_b: Any, output: Path, author: str, force: bool) -> None:
    from ._io import atomic_write_bytes
    from .build import draft_ordinance
    from .redline import changes_between, render_redline, summary

    before = draft_ordinance(side_a.library, side_a.resolved)
    after = draft_ordinance(side_b.library, side_b.resolved)
    data = render_redline(before, after, author=author, title_a=side_a.title, title_b=side_b.title)
    atomic_write_bytes(output, data, force=force)
    counts = summary(changes_between(before, after))
    typer.echo(
        f"Wrote {output}: B's text with tracked changes against A's "
        f"({counts.get('modify', 0)} paragraph(s) changed, {counts.get('insert', 0)} inserted, "
        f"{counts.get('delete', 0)} deleted)."
    )


@app.command()
@handle_errors
def explore(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the HTML page.")
    ] = Path("options.html"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
    library: LibraryOpt = None,
) -> None:
    """Write the options explorer: one self-contained HTML page of every provision,
    its variants (text for a sample city and county), notes and sources."""
    from ._io import atomic_write_bytes, check_output_path
    from .explorer import render_explorer

    check_output_path(output, force=force)
    lib = _library(library)
    atomic_write_bytes(output, render_explorer(lib), force=force)
    typer.echo(f"Wrote {output}: {len(lib.clauses)} provisions. Open it in a web browser.")


@app.command()
def version() -> None:
    """Show the tool and clause library versions."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as pkg_version

    try:
        tool = pkg_version("ordinance-drafter")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        tool = "source"
    typer.echo(f"ordinance-drafter {tool}")
    try:
        typer.echo(f"clause library {_library(None).version}")
    except Exception as exc:
        typer.echo(f"clause library: unavailable ({exc})")


@app.command("states")
@handle_errors
def states_cmd(
    code: Annotated[
        str | None,
        typer.Argument(help="A state code (e.g. TX) to show in full.", show_default=False),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    library: LibraryOpt = None,
) -> None:
    """List what each state's law says about separation ordinances, or show one state."""
    import json

    from .states import check_state_code, state_detail_text, state_record

    lib = _library(library)
    data = lib.state_data
    if code:
        state = check_state_code(lib, code)
        if data.get(state) is None:
            from .errors import DrafterError

            raise DrafterError(
                f"The clause library at {lib.root} has no state-law data for {state} "
                "(no states/" + state + ".yaml)."
            )
        if json_:
            typer.echo(
                json.dumps(state_record(lib, state, full=True), indent=2, ensure_ascii=False)
            )
        else:
            typer.echo(state_detail_text(lib, state), nl=False)
        return
    records = [state_record(lib, c) for c in data.states]
    if json_:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="State law on local separation ordinances", highlight=False)
    for col in ("code", "state", "status", "confidence", "as of", "flags"):
        table.add_column(col)
    for r in records:
        counts = ", ".join(f"{len(v)} {k}" for k, v in r["flags"].items() if v)
        status = r["status"] + (" (caution)" if r["caution_flag"] else "")
        table.add_row(
            r["code"], escape(r["name"]), status, r["confidence"], r["as_of"], counts or "—"
        )
    Console().print(table)
    typer.echo(
        "A flag is a warning, not a refusal. Run 'ordinance-drafter states CODE' for one "
        "state's summary, citations, sources and flags."
    )


@app.command("check")
@handle_errors
def check_cmd(
    answers: Annotated[Path, typer.Argument(help="The answers file (YAML) to check.")],
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    library: LibraryOpt = None,
) -> None:
    """Check an answers file against state law; list every flag with its citation.

    Exits 0 when no state-law flag applies, 1 when at least one does, and 2 when the
    answers file is not valid (as for build). Federal context is listed but does not
    change the exit code.
    """
    from .states import check_answers, report_json, report_text

    lib = _library(library)
    report = check_answers(lib, answers)
    if json_:
        typer.echo(report_json(report))
    else:
        typer.echo(report_text(report), nl=False)
    if report.flagged:
        raise typer.Exit(1)


def _terminate(signum: int, frame: Any) -> None:
    """Treat SIGTERM like Ctrl-C, so temporary files are cleaned up and answers are kept."""
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    import gc
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(prog_name="ordinance-drafter")
    finally:
        # The process ends here. Python's last garbage collection would walk every object
        # the command built (a third of a build's time); frozen objects are skipped, and
        # the operating system takes the memory back anyway.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
