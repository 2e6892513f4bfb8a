"""The pipeline as a library: answers -> resolved answers -> ordinance -> files.

``draft_ordinance`` is the one entry point that the CLI, the tests and the benchmarks
share::

    library = load_library()
    resolved = resolve_file(Path("northfield.answers.yaml"), library)
    ordinance = draft_ordinance(library, resolved)
    write_document(ordinance, Path("northfield.docx"), "docx", RenderOptions(), force=False)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._io import atomic_write_bytes, check_output_path
from .answers import Resolved, apply_sets, load_answers, parse_answers, resolve
from .library import Library
from .model import Ordinance
from .render import RenderOptions, renderer


def resolve_data(
    data: dict[str, Any], library: Library, source: str, sets: Iterable[str] = ()
) -> Resolved:
    """Validate raw answers data (plus ``--set`` overrides) against the library."""
    sets = list(sets)
    if sets:
        data = apply_sets(data, sets, library)
        source = f"{source} (with --set {' --set '.join(sets)})"
    return resolve(parse_answers(data, source), library, source)


def resolve_file(path: Path, library: Library, sets: Iterable[str] = ()) -> Resolved:
    """Load an answers file and resolve it against the library."""
    sets = list(sets)
    if not sets:
        return resolve(load_answers(path), library, str(path))
    from ._yaml import read_yaml
    from .errors import AnswerError

    data = read_yaml(path, AnswerError, "answers file")
    if not isinstance(data, dict):
        parse_answers(data, str(path))  # raises the standard message
    return resolve_data(data, library, str(path), sets)


def state_flagger() -> Any:
    """The state-law layer's flagger, if it is available in this build."""
    try:
        from .states import flag_provision
    except ImportError:  # pragma: no cover - the state layer ships with the tool
        return None
    return flag_provision


def draft_ordinance(library: Library, resolved: Resolved) -> Ordinance:
    """Assemble the document model for resolved answers (with state-law flags)."""
    from .assemble import assemble

    return assemble(library, resolved, flagger=state_flagger())


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
