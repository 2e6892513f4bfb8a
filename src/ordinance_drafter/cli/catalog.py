"""Commands that show the clause library: ``provisions``, ``lint-library``, ``explore``."""

from pathlib import Path
from typing import Annotated, Any

import typer

from .common import LibraryOpt, _library, handle_errors, say, terminal


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

    from ..interview.describe import check_provision_id, provision_detail_text
    from ..tools.catalog import provision_record

    lib = _library(library)
    if compare_ and not provision:
        from ..errors import DrafterError

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
            say(provision_detail_text(lib, provision))
        return
    records = [provision_record(lib, pid) for pid in lib.clauses]
    if json_:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{lib.meta.name} {lib.version}", highlight=False)
    # Ids are what --set takes: never cut or folded. Each provision's variant ids go
    # under its id, one a line; the titles wrap instead, at any width and when piped.
    cells = [
        "\n".join([escape(r["id"]), *(f"  {escape(v['id'])}" for v in r["variants"])])
        for r in records
    ]
    widest = max((len(line) for cell in cells for line in cell.split("\n")), default=2)
    table.add_column("id (variants)", no_wrap=True, min_width=widest)
    table.add_column("title", ratio=3, overflow="fold")
    table.add_column("category", ratio=1)
    table.add_column("sources", justify="right", no_wrap=True)
    for cell, r in zip(cells, records, strict=True):
        table.add_row(cell, escape(r["title"]), escape(r["category"]), str(len(r["sources"])))
    terminal().print(table)


def _print_variants(lib: Any, provision: str, json_: bool) -> None:
    """``provisions ID --compare``: every variant side by side."""
    from ..tools.catalog import comparison_record, comparison_renderables

    if json_:
        import json

        record = comparison_record(lib, provision)
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return

    console = terminal(highlight=False)
    # Colours mark the differences on a terminal; piped or under NO_COLOR, text markers do.
    styled = console.is_terminal and not console.no_color and console.color_system is not None
    for renderable in comparison_renderables(lib, provision, styled=styled):
        console.print(renderable)
        console.print()


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
    from ..qa.lint import lint

    problems = lint(path)
    for problem in problems:
        say(problem)
    if problems:
        say(f"{len(problems)} problem(s).", err=True)
        raise typer.Exit(1)
    say("Library is clean.")


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
    from ..files import atomic_write_bytes, check_output_path
    from ..tools.explorer import render_explorer

    check_output_path(output, force=force)
    lib = _library(library)
    atomic_write_bytes(output, render_explorer(lib), force=force)
    say(f"Wrote {output}: {len(lib.clauses)} provisions. Open it in a web browser.")
