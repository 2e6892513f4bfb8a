"""How each variant of a provision differs from the first, word by word.

``provisions ID --compare`` and the options explorer show a provision's variants side by
side. To make the differences visible, each variant's text is marked against the
*baseline*: the first variant that offers a text for that kind of jurisdiction (the
library lists a provision's variants from the most common or least demanding one). The
paragraphs are paired with :func:`diff.align` and each pair compared with
:func:`diff.word_diff`, the redline's engine, so the marks read as the redline does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .diff import align, word_diff


@dataclass(frozen=True)
class MarkedLine:
    """One line of a variant's text, marked against the baseline.

    Attributes:
        level: The line's level: -1 for the heading, else the subsection level (0 for
            plain text); for a line only the baseline has, the baseline's level.
        pieces: ``(op, text)`` in reading order, ``op`` being ``equal``, ``insert`` (only
            this variant has it) or ``delete`` (only the baseline has it). Joining the
            ``equal`` and ``insert`` pieces gives this variant's line.
    """

    level: int
    pieces: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        """Whether the line differs from the baseline."""
        return any(op != "equal" for op, _text in self.pieces)


@dataclass(frozen=True)
class Marked:
    """A provision's variants for one kind of jurisdiction, each marked against the baseline.

    Attributes:
        kind: ``city`` or ``county``.
        baseline: The baseline variant's id ("" when no variant has a text for ``kind``).
        lines: ``{variant id: marked lines}`` for every variant that has a text.
    """

    kind: str
    baseline: str
    lines: dict[str, tuple[MarkedLine, ...]]

    def differs(self, variant: str) -> bool:
        """Whether a variant's text differs from the baseline's."""
        return any(line.changed for line in self.lines.get(variant, ()))


def mark_line_pairs(
    base: tuple[tuple[int, str], ...], other: tuple[tuple[int, str], ...]
) -> tuple[MarkedLine, ...]:
    """Mark ``other``'s (level, text) lines against ``base``'s."""
    out: list[MarkedLine] = []
    steps = align([text for _l, text in base], [text for _l, text in other])
    for i, j in steps:
        if i is not None and j is not None:
            pieces = word_diff(base[i][1], other[j][1])
            out.append(MarkedLine(other[j][0], tuple(pieces)))
        elif j is not None:
            out.append(MarkedLine(other[j][0], (("insert", other[j][1]),)))
        else:
            assert i is not None
            out.append(MarkedLine(base[i][0], (("delete", base[i][1]),)))
    return tuple(out)


def mark_variants(samples: Sequence[Any], kind: str) -> Marked:
    """Mark every variant's text for ``kind`` against the baseline's (see the module).

    Args:
        samples: The provision's :class:`catalog.VariantSample` list, in library order
            (``catalog`` imports this module, so the type is not imported here).
        kind: ``city`` or ``county``.
    """
    offered = [s for s in samples if kind in s.paragraphs]
    if not offered:
        return Marked(kind, "", {})
    base = offered[0]
    lines = {s.id: mark_line_pairs(base.paragraphs[kind], s.paragraphs[kind]) for s in offered}
    return Marked(kind, base.id, lines)


def plain_marks(pieces: tuple[tuple[str, str], ...]) -> str:
    """Pieces as plain text with wdiff's markers: ``[-removed-]`` and ``{+added+}``."""
    out = []
    for op, text in pieces:
        if op == "insert":
            out.append("{+" + text + "+}")
        elif op == "delete":
            out.append("[-" + text + "-]")
        else:
            out.append(text)
    return "".join(out)
