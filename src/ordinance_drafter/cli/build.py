"""``ordinance-drafter build``: rebuild a draft from an answers file, without questions."""

from pathlib import Path
from typing import Annotated, Any

import typer

from .common import (
    BothOpt,
    CouncilOpt,
    FormatOpt,
    LibraryOpt,
    NotesOpt,
    _check_redline_path,
    _format,
    _library,
    _options,
    _write,
    council_reminder,
    handle_errors,
    say,
)


@handle_errors
def build(
    answers: Annotated[Path, typer.Argument(help="The answers file (YAML) to build from.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the draft.")],
    notes: NotesOpt = None,
    fmt: FormatOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
    both: BothOpt = False,
    council_copy: CouncilOpt = False,
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
            "--set",
            metavar="KEY=VALUE",
            help="Override an answer: --set jurisdiction.name=Northfield (repeatable).",
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
    from ..errors import DrafterError
    from ..files import check_output_path

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
    with _libreoffice_for(fmt_name):  # it starts while the draft is assembled
        from ..answers.sources import resolve_file
        from ..pipeline import draft_ordinance

        lib = _library(library)
        resolved = resolve_file(answers, lib, set_ or [])
        options = _options(
            notes,
            resolved.document.notes,
            line_numbers or resolved.document.line_numbers,
            confidential or resolved.document.confidential,
            cover or resolved.document.cover_summary,
            resolved.document.xref_fields if xref_fields is None else xref_fields,
            council_copy,
            both,
        )
        old_lib = _library(old_library) if old_library is not None else None
        ordinance = draft_ordinance(lib, resolved)
        written = _write(ordinance, output, fmt_name, options, force, both)
    for path in written:
        say(f"Wrote {path}")
    reminder = council_reminder(options, written)
    if reminder:
        say(reminder, err=True)
    for pid, reason in resolved.dropped:
        say(f"Note: left out '{pid}': {reason}", err=True)
    from ..render import terminal_summary

    for line in terminal_summary(ordinance, not options.council_copy or both):
        say(line, err=True)
    _consistency_warnings(ordinance)
    _library_update(
        answers, lib, resolved, old_lib, old_library, set_ or [], redline, force, record
    )


def _libreoffice_for(fmt: str) -> Any:
    """For a PDF, LibreOffice started now (it takes a second to start, the draft less to
    assemble); nothing for another format."""
    import contextlib

    if fmt != "pdf":
        return contextlib.nullcontext()
    from ..render.libreoffice import started_early

    return started_early()


def _consistency_warnings(ordinance: Any) -> None:
    """Print what the whole-ordinance check found, as warnings (the draft is still written)."""
    from ..tools.check import finding_text

    for finding in ordinance.consistency:
        say(f"Warning (consistency): {finding_text(finding)}", err=True)


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
    from ..tools.updates import check_update, describe_update, recorded_library, write_record

    recorded = recorded_library(answers)
    update = check_update(recorded, lib, resolved, old_lib)
    stale = old_lib is not None and recorded is not None and recorded.version
    if stale and old_lib.version != recorded.version:
        say(
            f"Note: --old-library {old_path} is version {old_lib.version}, but {answers} "
            f"records {recorded.version}; the comparison is with {old_lib.version}.",
            err=True,
        )
    if redline is not None:
        _update_redline(answers, lib, resolved, old_lib, old_path, sets, redline, force)
    if record:
        if update.newer:
            assert recorded is not None
            say(
                f"Warning: {answers} recorded clause library {recorded.version}, newer than "
                f"this one; --record replaces that record with {lib.version}.",
                err=True,
            )
        if write_record(answers, lib, resolved):
            say(
                f"Recorded clause library {lib.version} and {len(resolved.choices)} provision "
                f"versions in {answers} (its 'library:' block)."
            )
        else:
            say(f"{answers} already records clause library {lib.version}.")
        return
    for line in describe_update(update, answers, lib, suggest=redline is None):
        say(line, err=True)


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
    from ..answers.sources import resolve_file
    from ..errors import DrafterError
    from ..files import atomic_write_bytes
    from ..pipeline import draft_ordinance
    from ..tools.redline import redline as track_changes

    try:
        old_resolved = resolve_file(answers, old_lib, sets)
        before = draft_ordinance(old_lib, old_resolved)
    except DrafterError as exc:
        raise type(exc)(f"With the old library (--old-library {old_path}): {exc.message}") from None
    after = draft_ordinance(lib, resolved)
    result = track_changes(
        before,
        after,
        title_a=f"{answers} with clause library {old_lib.version}",
        title_b=f"{answers} with clause library {lib.version}",
    )
    atomic_write_bytes(redline, result.data, force=force)
    counts = result.counts()
    say(
        f"Wrote {redline}: the draft with clause library {lib.version}, tracked against "
        f"{old_lib.version} ({counts.get('modify', 0)} paragraph(s) changed, "
        f"{counts.get('insert', 0)} inserted, {counts.get('delete', 0)} deleted)."
    )
