"""Explanatory notes: a rendered note split into its headed parts."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NotePart:
    """One headed part of an explanatory note (``What it does``, ``Why`` ...)."""

    heading: str
    paragraphs: tuple[str, ...]


_HEADING_RE = re.compile(r"^##\s+(.+?)\s*$")


@functools.lru_cache(maxsize=1024)  # a batch of drafts splits the same notes again and again
def parse_note(text: str) -> tuple[NotePart, ...]:
    """Split a rendered note into its ``## Heading`` parts and paragraphs."""
    parts: list[NotePart] = []
    heading = ""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush_para() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    def flush_part() -> None:
        flush_para()
        if heading or paragraphs:
            parts.append(NotePart(heading, tuple(paragraphs)))

    for line in text.splitlines():
        match = _HEADING_RE.match(line)
        if match:
            flush_part()
            heading, paragraphs = match.group(1), []
            continue
        stripped = line.strip()
        if not stripped:
            flush_para()
        elif stripped.startswith("- "):
            flush_para()
            current.append("• " + stripped[2:].strip())
        else:
            current.append(stripped)
    flush_part()
    return tuple(p for p in parts if p.paragraphs)
