"""Commands for the state-law layer: ``states`` and ``check``."""

from pathlib import Path
from typing import Annotated

import typer

from .common import LibraryOpt, _library, handle_errors, say, terminal


@handle_errors
def states_cmd(
    code: Annotated[
        str | None,
        typer.Argument(help="A state code (e.g. TX) to show in full.", show_default=False),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    stale: Annotated[
        int | None,
        typer.Option(
            "--stale",
            metavar="DAYS",
            min=0,
            help="List only the state files not checked within DAYS days (by their as_of date).",
            show_default=False,
        ),
    ] = None,
    library: LibraryOpt = None,
) -> None:
    """List what each state's law says about separation ordinances, or show one state."""
    import json

    from ..statelaw.data import state_data
    from ..statelaw.describe import check_state_code, state_detail_text, state_record
    from ..statelaw.summary import stale_states

    lib = _library(library)
    data = state_data(lib)
    if stale is not None:
        if code:
            from ..errors import DrafterError

            raise DrafterError(
                "--stale lists state files by age; give it without a state code "
                f"(not '{code}'), e.g. 'ordinance-drafter states --stale 90'."
            )
        old = stale_states(data.states, stale)
        if json_:
            records = [{"code": e.code, "as_of": e.as_of, "days": age} for e, age in old]
            typer.echo(json.dumps(records, indent=2))
            return
        if not old:
            typer.echo(f"Every state file was checked within {stale} days.")
            return
        typer.echo(f"State files not checked within {stale} days ({len(old)}):")
        for entry, age in old:
            typer.echo(f"  {entry.code}  {entry.name}: as of {entry.as_of} ({age} days ago)")
        return
    if code:
        state = check_state_code(lib, code)
        if data.get(state) is None:
            from ..errors import DrafterError

            raise DrafterError(
                f"The clause library at {lib.root} has no state-law data for {state} "
                "(no states/" + state + ".yaml)."
            )
        if json_:
            typer.echo(
                json.dumps(state_record(lib, state, full=True), indent=2, ensure_ascii=False)
            )
        else:
            say(state_detail_text(lib, state), nl=False)
        return
    records = [state_record(lib, c) for c in data.states]
    if json_:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
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
    terminal().print(table)
    say(
        "A flag is a warning, not a refusal. Run 'ordinance-drafter states CODE' for one "
        "state's summary, citations, sources and flags."
    )


@handle_errors
def check_cmd(
    answers: Annotated[Path, typer.Argument(help="The answers file (YAML) to check.")],
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    library: LibraryOpt = None,
) -> None:
    """Check an answers file against state law and the draft as a whole.

    Lists every state-law flag with its citation, every consistency finding (a section that
    contradicts or misnames another), and the changes made because of how the chosen
    provisions interact. Exit codes: 0 when nothing or only context applies (state-law
    context such as an Attorney General opinion, or a provision restating state law;
    federal context; the changes made); 1 when a warning applies (state law forbids or
    limits a provision or sentence) or the draft has a consistency finding; 2 when the
    answers file is not valid (as for build).
    """
    from ..tools.check import check_answers, report_json, report_text

    lib = _library(library)
    report = check_answers(lib, answers)
    if json_:
        typer.echo(report_json(report))
    else:
        say(report_text(report), nl=False)
    if report.exit_code:
        raise typer.Exit(report.exit_code)
