"""The light markup rendered clause text uses: paragraphs, nested items, anchors and references."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import TemplateError

_TOKEN_RE = re.compile("\x02([ar]):([^\x02\x03]*)\x03")


_ITEM_RE = re.compile(r"^( *)- (.*)$")


@dataclass
class RawBlock:
    """A paragraph parsed from rendered clause text, before labels are assigned."""

    depth: int
    text: str
    anchor: str = ""


def parse_blocks(text: str, path: str) -> list[RawBlock]:
    """Split rendered clause text into paragraphs and nested items (new blocks each time:
    assembly edits them).

    Args:
        text: The rendered template.
        path: The template's file, for error messages.

    Raises:
        TemplateError: An item is indented by an odd number of spaces or skips a level.
    """
    return [RawBlock(depth, text, anchor) for depth, text, anchor in _parsed(text, path)]


@functools.lru_cache(maxsize=1024)  # a batch of drafts parses the same texts again and again
def _parsed(text: str, path: str) -> tuple[tuple[int, str, str], ...]:
    blocks: list[RawBlock] = []
    current: RawBlock | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            current = None
            continue
        match = _ITEM_RE.match(line)
        if match:
            indent = len(match.group(1))
            if indent % 2:
                raise TemplateError(
                    f"{path}: rendered line {lineno} is indented by {indent} spaces; nest "
                    "items by two spaces per level."
                )
            depth = indent // 2 + 1
            prev_depth = max((b.depth for b in blocks[-1:]), default=0)
            if depth > prev_depth + 1:
                raise TemplateError(
                    f"{path}: rendered line {lineno} starts a level-{depth} item with no "
                    f"level-{depth - 1} item above it."
                )
            current = RawBlock(depth, match.group(2).strip())
            blocks.append(current)
        elif current is not None:
            current.text += " " + line.strip()
        else:
            current = RawBlock(0, line.strip())
            blocks.append(current)
    for block in blocks:
        block.text = " ".join(block.text.split())
        found = re.match("^\x02a:([^\x02\x03]*)\x03\\s*", block.text)
        if found:
            block.anchor = found.group(1)
            block.text = block.text[found.end() :]
        if "\x02a:" in block.text:
            raise TemplateError(f"{path}: anchor() must come first in an item.")
    return tuple((b.depth, b.text, b.anchor) for b in blocks if b.text)


def split_refs(text: str) -> list[tuple[str, str]]:
    """Split text into ``("text", s)`` and ``("ref", "provision#label")`` pieces."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    for match in _TOKEN_RE.finditer(text):
        if match.start() > pos:
            pieces.append(("text", text[pos : match.start()]))
        pieces.append(("ref" if match.group(1) == "r" else "anchor", match.group(2)))
        pos = match.end()
    if pos < len(text):
        pieces.append(("text", text[pos:]))
    return pieces


def _alpha(n: int, upper: bool) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr((65 if upper else 97) + rem) + letters
    return letters


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out


def subsection_label(depth: int, n: int) -> str:
    """The label of the ``n``-th item at ``depth``: (a), (1), (A), (i)."""
    body = {
        1: lambda: _alpha(n, upper=False),
        2: lambda: str(n),
        3: lambda: _alpha(n, upper=True),
    }.get(depth, lambda: _roman(n))()
    return f"({body})"
