"""Where answers come from: a file, data, and ``--set``, resolved in order."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..library.loader import Library
from .resolve import Resolved, resolve
from .schema import load_answers, parse_answers
from .sets import apply_sets


def resolve_data(
    data: dict[str, Any], library: Library, source: str, sets: Iterable[str] = ()
) -> Resolved:
    """Validate raw answers data (plus ``--set`` overrides) against the library."""
    sets = list(sets)
    if sets:
        data = apply_sets(data, sets, library)
        shown = " --set ".join(s if len(s) <= 60 else s[:57] + "..." for s in sets)
        source = f"{source} (with --set {shown})"
    return resolve(parse_answers(data, source), library, source)


def resolve_file(path: Path, library: Library, sets: Iterable[str] = ()) -> Resolved:
    """Load an answers file and resolve it against the library."""
    sets = list(sets)
    if not sets:
        return resolve(load_answers(path), library, str(path))
    from ..errors import AnswerError
    from ..library.yamlio import read_yaml

    data = read_yaml(path, AnswerError, "answers file")
    if not isinstance(data, dict):
        parse_answers(data, str(path))  # raises the standard message
    return resolve_data(data, library, str(path), sets)
