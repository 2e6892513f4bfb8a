"""``ordinance-drafter draft``: the interview."""

from pathlib import Path
from typing import Annotated

import typer

from .common import BothOpt, CouncilOpt, FormatOpt, LibraryOpt, NotesOpt, handle_errors


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
    both: BothOpt = False,
    council_copy: CouncilOpt = False,
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
        council_copy=council_copy,
        library=library,
    )
