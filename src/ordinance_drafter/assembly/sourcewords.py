"""The words a clause library's sources write, for the whole-ordinance check's search for
glued words (:mod:`.consistency`): every word of a drafted part must be a word its template's
literal text or string literals write, or of the definitions, the document's own wording, the
vocabulary, or the values it was rendered with. Computed once per library and kept for its
life.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from ..answers.resolve import Resolved
from ..library.loader import Library
from ..statelaw.data import state_data

# Words of two letters or more, read from lower-cased text (ASCII letters: the same rule
# reads the sources and the draft, so a word outside it is split alike on both sides).
WORD_RE = re.compile(r"[a-z]{2,}")
# Jinja2's comments, expressions and statements (the library's default delimiters), and the
# string literals inside them.
_TAG_RE = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
_STRING_RE = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", re.S)
# Words the assembly and the template helpers write themselves.
_ASSEMBLY_WORDS = frozenset({"and", "or", "chapter", "this", "section", "paragraph", "s"})
# The words each library's sources write, computed once per library.
_WORDS: weakref.WeakKeyDictionary[Library, dict[str, frozenset[str]]] = weakref.WeakKeyDictionary()


def word_set(text: str) -> set[str]:
    return set(WORD_RE.findall(text.lower()))


def value_words(value: Any) -> set[str]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return set().union(*(value_words(v) for v in value)) if value else set()
    if isinstance(value, dict):
        return value_words(list(value.values()))
    return word_set(str(value))


def typed_texts(resolved: Resolved) -> list[str]:
    """The texts the user typed that reach the draft (names, titles, text values)."""
    jur = resolved.jurisdiction
    doc = resolved.document
    texts = [jur.name, jur.body, jur.executive, jur.police, jur.attorney]
    texts += [doc.title or "", doc.number, doc.code_name or "", doc.code_chapter_title or ""]
    for choice in resolved.choices.values():
        texts += [v for v in choice.values.values() if isinstance(v, str)]
    # Templates may drop a leading article ("the County Attorney" as a title).
    texts += [t[4:] for t in texts if t[:4].lower() == "the "]
    # Longest first, so that a name inside a longer one is masked with it.
    return sorted({t.strip() for t in texts if t.strip()}, key=len, reverse=True)


def common_words(library: Library, resolved: Resolved) -> set[str]:
    """Words any part may use: the jurisdiction's vocabulary and the document answers."""
    jur = resolved.jurisdiction
    doc = resolved.document
    names = (
        jur.name,
        jur.full_name,
        jur.Kind,
        jur.body,
        jur.executive,
        jur.the_executive,  # "the City Council or the administering officer"
        jur.the_officer,
        jur.police,
        jur.sheriff_office_name,
        jur.attorney,
        jur.state_name,
        jur.jail_operator,
        doc.title or "",
        doc.number,
        doc.code_name or "",
        doc.code_chapter or "",
        doc.code_chapter_title or "",
        library.meta.name,
    )
    words = set(_ASSEMBLY_WORDS)
    for name in names:
        words |= word_set(name)
    # Templates print the state's law with state.cite(...): the citations are data.
    data = state_data(library)
    entry = data.get(jur.state) if data.present else None
    for fact in entry.facts.values() if entry else ():
        for citation in fact.citations:
            words |= word_set(citation)
    return words


def part_words(library: Library, key: str, where: str) -> frozenset[str]:
    """The words a part's own sources write (templates' literal text and string literals),
    lower-cased; kept for the life of the library."""

    def compute() -> set[str]:
        if key in library.clauses:
            clause = library.clauses[key]
            spec = clause.spec
            words = source_words(library, clause.text_path.read_text(encoding="utf-8"))
            if clause.request_path.is_file():
                words |= source_words(library, clause.request_path.read_text(encoding="utf-8"))
            words |= source_words(library, spec.caption or spec.title)
            words |= source_words(library, spec.cover)  # the cover's sentence for it
            words |= {w for var in spec.variables for c in var.choices for w in word_set(c.label)}
            if key == "findings" or where.startswith("paragraph"):
                words |= library_document_words(library)
            if spec.sheriff == "request":
                # The sentence that limits the section to the board's authority over the sheriff.
                words |= source_words(library, library.meta_document.resolution.sheriff_scope)
            return words
        if key == "definitions":
            return definition_words(library) | library_document_words(library)
        if key.startswith("resolution-"):
            # The resolution's own paragraphs name sections of the ordinance by their captions.
            return set(library_document_words(library)) | caption_words(library)
        return set(library_document_words(library))

    resolution = key in library.clauses and where.startswith("paragraph")
    return _cached(library, f"part:{key}:{resolution}", compute)


def values_words(resolved: Resolved, key: str) -> set[str]:
    """The words of the values a provision was rendered with (what the user chose or typed)."""
    choice = resolved.choices.get(key)
    return value_words(dict(choice.values)) if choice is not None else set()


def caption_words(library: Library) -> frozenset[str]:
    def compute() -> set[str]:
        words: set[str] = set()
        for clause in library.clauses.values():
            words |= source_words(library, clause.spec.caption or clause.spec.title)
        return words

    return _cached(library, "captions", compute)


def _cached(library: Library, key: str, compute: Any) -> frozenset[str]:
    """``compute()``'s words, kept for the life of ``library``."""
    cache = _WORDS.setdefault(library, {})
    if key not in cache:
        cache[key] = frozenset(compute())
    return cache[key]


def source_words(library: Library, source: str) -> set[str]:
    """The words of a Jinja2 source's literal text and string literals (not its names).

    A regular expression over the source finds the same words as Jinja2's lexer (its
    ``data`` and ``string`` tokens) in the library's default syntax, ten times faster: the
    check runs on every build. ``library`` is kept for callers that pass it.
    """
    del library
    words: set[str] = set()
    pos = 0
    for tag in _TAG_RE.finditer(source):
        words |= word_set(source[pos : tag.start()])
        if not tag.group().startswith("{#"):
            for literal in _STRING_RE.finditer(tag.group()):
                words |= word_set(literal.group(1) or literal.group(2) or "")
        pos = tag.end()
    words |= word_set(source[pos:])
    return words


def definition_words(library: Library) -> frozenset[str]:
    def compute() -> set[str]:
        words: set[str] = set()
        for defn in library.definitions.values():
            for source in (defn.spec.term, defn.spec.means, *defn.spec.forms):
                words |= source_words(library, source)
        return words

    return _cached(library, "definitions", compute)


def library_document_words(library: Library) -> frozenset[str]:
    def compute() -> set[str]:
        doc = library.meta_document
        sources = [
            doc.title,
            doc.disclaimer,
            doc.findings_intro,
            doc.definitions_caption,
            doc.definitions_intro,
        ]
        res = doc.resolution
        sources += [res.number_line, res.title, res.recital_prefix, *res.recitals]
        sources += [res.resolving_clause, res.terms_caption, res.terms, res.sheriff_scope]
        sources += [res.sections_caption, res.sections, res.transmittal_caption, res.transmittal]
        sources += [res.response_caption, res.response, res.passed_line, res.vote_line]
        for form in library.forms:
            sources += [form.enacting_clause, form.passed_line, *form.signers, *form.attest]
            sources += [*form.extra_lines, *form.confirm]
            own = form.resolution
            sources += [*own.recitals, own.resolving_clause, own.passed_line, own.vote_line]
            sources += [*own.signers, *own.attest]
        words: set[str] = set()
        for source in sources:
            words |= source_words(library, source)
        return words

    return _cached(library, "document", compute)
