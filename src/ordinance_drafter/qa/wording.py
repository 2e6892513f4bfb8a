"""Wording checks every linted text shares: one modal style and nothing left unfilled."""

from __future__ import annotations

import re

PLACEHOLDER_RE = re.compile(r"\[[A-Z][A-Z _/-]{2,}\]|\bTODO\b|\bXXX\b|\{\{|\}\}|\{%|%\}|\{#")
SHALL_RE = re.compile(r"\bshall\b", re.IGNORECASE)
MAY_NOT_RE = re.compile(r"\bmay not\b", re.IGNORECASE)


def style(problems: list[str], label: str, what: str, text: str) -> None:
    """Report 'shall', 'may not' and an unfilled placeholder or template tag in ``text``."""
    if SHALL_RE.search(text):
        problems.append(f"{label}: the {what} uses 'shall'; use 'must' or 'must not'.")
    if MAY_NOT_RE.search(text):
        problems.append(f"{label}: the {what} uses 'may not'; use 'must not' for prohibitions.")
    found = PLACEHOLDER_RE.search(text)
    if found:
        problems.append(f"{label}: the {what} leaves '{found.group()}' unfilled.")
