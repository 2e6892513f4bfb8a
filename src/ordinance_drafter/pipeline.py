"""The pipeline as a library: answers -> resolved answers -> ordinance -> files.

``draft_ordinance`` is the one entry point that the CLI, the tests and the benchmarks
share::

    library = load_library()
    resolved = resolve_file(Path("northfield.answers.yaml"), library)
    ordinance = draft_ordinance(library, resolved)
    write_document(ordinance, Path("northfield.docx"), "docx", RenderOptions(), force=False)

``resolve_data`` and ``resolve_file`` (from :mod:`ordinance_drafter.answers.sources`) are
re-exported here, so the whole pipeline is one import.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .answers.resolve import Choice, Resolved
from .answers.sources import resolve_data, resolve_file
from .assembly.assemble import assemble
from .assembly.consistency import check_ordinance
from .assembly.model import Ordinance
from .files import atomic_write_bytes, check_output_path
from .library.loader import Clause, Library
from .render import RenderOptions, renderer
from .statelaw.flags import Flag, provision_flags

__all__ = [
    "draft_ordinance",
    "flag_provision",
    "render_bytes",
    "resolve_data",
    "resolve_file",
    "write_document",
]


def flag_provision(clause: Clause, choice: Choice, resolved: Resolved) -> list[Flag]:
    """The state-law and federal flags for one chosen provision (assembly's flagger hook)."""
    jur = resolved.jurisdiction
    return provision_flags(clause.library, jur.state, jur.kind, clause.id, choice.variant, jur.jail)


def draft_ordinance(library: Library, resolved: Resolved) -> Ordinance:
    """Assemble the document model for resolved answers (with state-law flags), and check
    it as a whole (``Ordinance.consistency``)."""
    ordinance = assemble(library, resolved, flagger=flag_provision)
    return replace(ordinance, consistency=tuple(check_ordinance(library, resolved, ordinance)))


def render_bytes(ordinance: Ordinance, fmt: str, options: RenderOptions) -> bytes:
    """Render an ordinance to the bytes of one format."""
    return renderer(fmt)(ordinance, options)


def write_document(
    ordinance: Ordinance, path: Path, fmt: str, options: RenderOptions, *, force: bool
) -> None:
    """Render and write atomically; refuses to overwrite unless ``force``."""
    check_output_path(path, force=force)
    data = render_bytes(ordinance, fmt, options)
    atomic_write_bytes(path, data, force=force)
