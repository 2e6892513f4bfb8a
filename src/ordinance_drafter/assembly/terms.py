"""Defined terms: finding which definitions the chosen text uses."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..library.loader import Definition, Library


def term_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """A regular expression that finds any form of a term (and its plural) in text."""
    return _term_pattern(tuple(forms))


@functools.lru_cache(maxsize=1024)
def _term_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted({f.strip() for f in forms if f.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(a) + "(?:s|es)?" for a in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def definition_forms(defn: Definition, context: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The rendered term and every form of it that counts as a use."""
    term = " ".join(defn.term_template.render(context).split())
    extra = tuple(
        " ".join(defn.library.compile_string(f, f"{defn.path} (forms)").render(context).split())
        for f in defn.spec.forms
    )
    return term, (term, *extra)


def used_terms(
    library: Library,
    texts: Iterable[str],
    context: dict[str, Any],
    forms: Mapping[str, tuple[str, ...]] | None = None,
) -> set[str]:
    """The ids of the definitions whose terms appear in ``texts`` (not following chains).

    Args:
        library: The clause library.
        texts: The text to search.
        context: The template context the terms are rendered in (``jur``).
        forms: Each definition's forms (see :func:`definition_forms`), if the caller has
            rendered them already.
    """
    blob = "\n".join(texts)
    lowered = blob.lower()
    found = set()
    for defn in library.definitions.values():
        these = forms[defn.id] if forms is not None else definition_forms(defn, context)[1]
        if _mentions(blob, lowered, these):
            found.add(defn.id)
    return found


def mentions(text: str, forms: Iterable[str], lowered: str | None = None) -> bool:
    """Whether ``text`` uses any of ``forms`` as a term (as :func:`term_pattern` finds it).

    ``lowered`` is ``text.lower()``, if the caller has it.
    """
    return _mentions(text, text.lower() if lowered is None else lowered, tuple(forms))


def _mentions(blob: str, lowered: str, forms: tuple[str, ...]) -> bool:
    """Whether :func:`term_pattern` would find one of ``forms`` in ``blob``.

    ``lowered`` is ``blob.lower()``. A plain search finds each form, and the pattern's
    edges (no letter, digit, ``_`` or ``-`` on either side; an optional ``s`` or ``es``)
    are checked where it is found: compiling a pattern for every term and running it over
    the whole draft cost more than the rest of finding the definitions.
    """
    if len(lowered) != len(blob):  # lower() changed the length; positions would not match
        return term_pattern(forms).search(blob) is not None
    for form in {f.strip().lower() for f in forms if f.strip()}:
        start = lowered.find(form)
        while start != -1:
            if not _is_word(lowered, start - 1):
                end = start + len(form)
                for suffix in ("s", "es", ""):
                    if lowered.startswith(suffix, end) and not _is_word(lowered, end + len(suffix)):
                        return True
            start = lowered.find(form, start + 1)
    return False


def _is_word(text: str, i: int) -> bool:
    """Whether ``text[i]`` exists and is a word character or a hyphen (``[\\w-]``)."""
    if i < 0 or i >= len(text):
        return False
    c = text[i]
    return c.isalnum() or c in "_-"
