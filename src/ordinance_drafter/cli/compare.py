"""``ordinance-drafter compare``: two drafts side by side, and a redline."""

from pathlib import Path
from typing import Annotated, Any

import typer

from .common import LibraryOpt, SetOpt, _check_redline_path, _library, handle_errors, say, terminal


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
    from ..errors import DrafterError
    from ..library.values import check_text
    from ..tools.compare import compare_sides, resolve_pair

    problem = check_text(author, 200)
    if problem or not author.strip():
        raise DrafterError(f"--author {author!r} cannot be used: {problem or 'it is empty'}.")
    if output is not None:
        _check_redline_path(output, force)
    lib = _library(library)
    side_a, side_b = resolve_pair(a, b, lib, set_ or [])
    comparison = compare_sides(side_a, side_b)
    _print_comparison(comparison, show_all, json_, _left_out(side_a, side_b))
    if output is not None:
        _write_redline(side_a, side_b, output, author, force)


def _left_out(side_a: Any, side_b: Any) -> list[dict[str, Any]]:
    """The provisions a side's preset or file chose but its jurisdiction cannot have (a
    jail provision for a sample city that runs no jail), with the side(s) and why."""
    found: dict[str, dict[str, Any]] = {}
    for name, side in (("A", side_a), ("B", side_b)):
        for pid, reason in side.resolved.dropped:
            entry = found.setdefault(pid, {"id": pid, "sides": [], "reason": reason})
            entry["sides"].append(name)
    return list(found.values())


def _print_comparison(
    comparison: Any, show_all: bool, json_: bool, left_out: list[dict[str, Any]]
) -> None:
    import json

    from ..tools.compare import comparison_record, comparison_table

    if json_:
        record = {**comparison_record(comparison), "left_out": left_out}
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    for entry in left_out:
        sides = " and ".join(entry["sides"])
        say(f"Note: left out '{entry['id']}' in {sides}: {entry['reason']}", err=True)
    if any("jail" in entry["reason"] for entry in left_out):
        say(
            "To compare the jail provisions, give the jurisdiction a jail: --set "
            "jurisdiction.jail=city (a city jail), or for a county --set "
            "jurisdiction.kind=county --set jurisdiction.jail=county (or sheriff).",
            err=True,
        )

    console = terminal(highlight=False)
    if comparison.identical and not show_all:
        console.print(
            f"No differences: {comparison.a.title} and {comparison.b.title} choose the same "
            "provisions, variants and values.",
            markup=False,
        )
        return
    console.print(comparison_table(comparison, show_same=show_all))


def _write_redline(side_a: Any, side_b: Any, output: Path, author: str, force: bool) -> None:
    from ..files import atomic_write_bytes
    from ..pipeline import draft_ordinance
    from ..tools.redline import redline

    before = draft_ordinance(side_a.library, side_a.resolved)
    after = draft_ordinance(side_b.library, side_b.resolved)
    result = redline(before, after, author=author, title_a=side_a.title, title_b=side_b.title)
    atomic_write_bytes(output, result.data, force=force)
    counts = result.counts()
    say(
        f"Wrote {output}: B's text with tracked changes against A's "
        f"({counts.get('modify', 0)} paragraph(s) changed, {counts.get('insert', 0)} inserted, "
        f"{counts.get('delete', 0)} deleted)."
    )
