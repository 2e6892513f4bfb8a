"""Saving an answers file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..library.yamlio import (
    dump_yaml,
)


def save_answers(path: Path, data: Mapping[str, Any], *, force: bool = True) -> None:
    """Write an answers file atomically, with a header saying how to use it."""
    from ..files import atomic_write_text

    header = (
        "# Ordinance Drafter answers file (format documented in docs/answers-format.md).\n"
        "# Rebuild the draft without questions:  ordinance-drafter build "
        f"{path.name} -o draft.docx\n"
    )
    atomic_write_text(path, header + dump_yaml(dict(data)), force=force)
