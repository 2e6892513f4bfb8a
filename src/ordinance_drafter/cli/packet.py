"""``ordinance-drafter packet``: the adoption packet from an answers file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .common import LibraryOpt, _library, handle_errors


def packet_paths(folder: Path, stem: str, docs: list[Any]) -> list[tuple[Path, bytes]]:
    """Where each document goes: ``DIR/<stem>-<suffix>``."""
    return [(folder / f"{stem}-{d.suffix}", d.data) for d in docs]


def check_packet_folder(folder: Path, *, force: bool) -> None:
    """The folder must be a folder (created if missing, when its parent exists)."""
    from ..errors import OutputError

    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"{folder}: is a file, not a folder. Give -o the folder the packet goes in, "
            "e.g. -o packet/."
        )
    parent = folder.parent if str(folder.parent) else Path(".")
    if not folder.exists() and not parent.is_dir():
        raise OutputError(
            f"{folder}: its parent folder {parent} does not exist. Create it first or "
            "choose another folder with -o."
        )


def write_packet(
    library: Any, resolved: Any, ordinance: Any, folder: Path, options: Any, *, force: bool
) -> tuple[list[Path], list[str]]:
    """Build every document in memory, check every destination, then write them all.

    Nothing is written if any document fails or any destination exists (without
    ``force``), so a packet is never half-written by a mistake the tool can see.
    """
    from ..answers.jurisdiction import base_name
    from ..files import atomic_write_bytes, check_output_path
    from ..library.loader import slug
    from ..packet import build_packet

    check_packet_folder(folder, force=force)
    docs, skipped = build_packet(library, resolved, ordinance, options)
    jur = resolved.jurisdiction
    stem = slug(base_name(jur.name, jur.kind)) or "packet"
    planned = packet_paths(folder, stem, docs)
    if folder.is_dir():
        existing = [p for p, _ in planned if p.exists()]
        if existing and not force:
            from ..errors import OutputError

            names = ", ".join(p.name for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
            raise OutputError(
                f"{folder}: {len(existing)} file(s) of the packet already exist ({names}) and "
                "were left untouched. Add --force to overwrite them, or choose another "
                "folder with -o."
            )
        for path, _data in planned:
            check_output_path(path, force=force)
    else:
        folder.mkdir()
    written = []
    for path, data in planned:
        atomic_write_bytes(path, data, force=force)
        written.append(path)
    return written, skipped


@handle_errors
def packet(
    answers: Annotated[Path, typer.Argument(help="The answers file (YAML) to build from.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder to write the packet in.")
    ],
    language: Annotated[
        str,
        typer.Option(
            "--language",
            help="Also write the community summary in this language (es is built in; "
            "others need --translations), marked as an unofficial translation.",
        ),
    ] = "",
    translations: Annotated[
        Path | None,
        typer.Option(
            "--translations",
            help="A folder of gettext .po files (CODE.po or CODE/LC_MESSAGES/"
            "community-summary.po) translated from the packet's community-summary.pot.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the packet's files in the folder.")
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="Override an answer: --set document.publication_date=2027-01-21 (repeatable).",
        ),
    ] = None,
    library: LibraryOpt = None,
) -> None:
    """Write the adoption packet: staff report, community summary, adoption checklist,
    publication summary (where allowed), staff card, sheriff's directive (sheriff-run jail)
    and certification designation (U and T visas), from the same answers as the draft.
    """
    from ..answers.sources import resolve_file
    from ..errors import DrafterError
    from ..packet import PacketOptions
    from ..packet.i18n import check_language
    from ..pipeline import draft_ordinance

    if translations is not None and not language:
        raise DrafterError(
            "--translations needs --language CODE: the language of the .po file to use "
            "(for example --language so for Somali)."
        )
    if translations is not None and not translations.is_dir():
        raise DrafterError(f"--translations {translations}: not a folder of .po files.")
    lang = check_language(language) if language else ""
    check_packet_folder(output, force=force)
    lib = _library(library)
    resolved = resolve_file(answers, lib, set_ or [])
    ordinance = draft_ordinance(lib, resolved)
    options = PacketOptions(language=lang, translations=translations)
    written, skipped = write_packet(lib, resolved, ordinance, output, options, force=force)
    for path in written:
        typer.echo(f"Wrote {path}")
    for line in skipped:
        typer.echo(f"Note: {line}", err=True)
