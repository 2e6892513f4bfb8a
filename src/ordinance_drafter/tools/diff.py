"""Word-level diffing: the redline's engine, over plain strings.

* :func:`tokens` splits text into words, runs of white space and punctuation marks;
* :func:`word_diff` compares two paragraphs token by token (``difflib``), folding short
  unchanged fillers between two changes into them, so the redline does not read choppy;
* :func:`align` pairs the paragraphs of two lists in sequence by word similarity (a
  weighted longest common subsequence), so that an inserted paragraph does not pair the
  rest with the wrong ones.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_PAIR_THRESHOLD = 0.4  # below this word similarity, two paragraphs are not "the same one"


def tokens(text: str) -> list[str]:
    """Split text into word, whitespace and punctuation tokens (the redline's granularity)."""
    return _TOKEN_RE.findall(text)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Compare two paragraphs word by word.

    Returns:
        ``(op, text)`` pieces in reading order, ``op`` being ``equal``, ``delete`` or
        ``insert``; a deletion comes before the insertion that replaces it. Joining the
        ``equal`` and ``insert`` pieces gives ``after``; the ``equal`` and ``delete``
        pieces give ``before``.
    """
    a, b = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[tuple[str, str, str]] = []  # (kind, old text, new text)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pieces.append(
            ("equal" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2]))
        )
    # A lone space or a short word left between two changes makes a choppy redline
    # ("~~a~~ x ~~b~~ y"); fold it into the change on both sides.
    merged: list[tuple[str, str, str]] = []
    for i, (kind, old, new) in enumerate(pieces):
        between = 0 < i < len(pieces) - 1 and pieces[i - 1][0] == pieces[i + 1][0] == "change"
        if kind == "equal" and between and _is_filler(old):
            kind = "change"
        if merged and merged[-1][0] == kind == "change":
            _, o, n = merged.pop()
            merged.append(("change", o + old, n + new))
        else:
            merged.append((kind, old, new))
    out: list[tuple[str, str]] = []
    for kind, old, new in merged:
        if kind == "equal":
            out.append(("equal", old))
            continue
        if old:
            out.append(("delete", old))
        if new:
            out.append(("insert", new))
    return out


def _is_filler(text: str) -> bool:
    return len(text.strip()) <= 3 and len(tokens(text)) <= 3


def _similarities(before: Sequence[str], after: Sequence[str]) -> list[list[float]]:
    """The word similarity of every pair (0 below the threshold), labels aside.

    Each paragraph is split into tokens once, and each of ``after`` is indexed once and
    compared with every paragraph of ``before`` (``difflib`` caches its second sequence).
    """
    ta = [tokens(_strip_label(a)) for a in before]
    sim = [[0.0] * len(after) for _ in before]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for j, b in enumerate(after):
        matcher.set_seq2(tokens(_strip_label(b)))
        for i, a in enumerate(before):
            if a == b:
                sim[i][j] = 1.0
                continue
            matcher.set_seq1(ta[i])
            # Each bound is at least the next: skip the costly ratio when a bound is low.
            if matcher.real_quick_ratio() < _PAIR_THRESHOLD:
                continue
            if matcher.quick_ratio() < _PAIR_THRESHOLD:
                continue
            sim[i][j] = matcher.ratio()
    return sim


def _strip_label(text: str) -> str:
    return text.split("\t", 1)[1] if "\t" in text else text


def align(before: Sequence[str], after: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Align two lists of paragraphs in sequence, pairing similar ones.

    A weighted longest-common-subsequence: pairs score their word similarity (ignoring
    subsection labels, which shift when an item is added), and paragraphs less similar
    than a threshold are never paired, so they show as deleted and inserted.

    Returns:
        ``(i, j)`` steps in order: a pair, ``(i, None)`` for a paragraph only in
        ``before`` or ``(None, j)`` for one only in ``after``.
    """
    n, m = len(before), len(after)
    sim = _similarities(before, after)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if sim[i][j] >= _PAIR_THRESHOLD:
                best = max(best, score[i + 1][j + 1] + sim[i][j])
            score[i][j] = best
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= _PAIR_THRESHOLD and score[i][j] == score[i + 1][j + 1] + sim[i][j]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    steps += [(k, None) for k in range(i, n)]
    steps += [(None, k) for k in range(j, m)]
    return steps
