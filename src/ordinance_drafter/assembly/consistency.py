"""The whole-ordinance check: does the assembled draft contradict or misname itself?

Each provision is vetted alone by ``lint-library``; this module reads the assembled
:class:`~ordinance_drafter.assembly.model.Ordinance` as a whole, the way its attorney
would, and reports what is wrong as :class:`~ordinance_drafter.assembly.model.Finding`
records. The pipeline runs it on every build; ``check`` and ``lint-library`` report it.

What it checks:

* **interactions**: what one section needs from another and the answers do not give, and
  conflicts between chosen sections (``interactions`` in ``clause.yaml``);
* **references**: every cross-reference points at a section or subsection of this draft,
  and no section number is typed by hand;
* **terms**: every defined term is used, every term of art used is defined (a term of art
  is a library definition's term, or one of its ``avoid`` synonyms, which are reported as
  a second name for the defined term);
* **names**: one name for each office and body (``vocabulary`` in ``library.yaml``): the
  name the jurisdiction's answers give, never one of its other names;
* **cover**: the title the cover summary gives each section is its caption;
* **spacing**: no doubled spaces or space before punctuation, and no glued words: every
  word of a section's text must be a word of its template's literal text or string
  literals, of the definitions, or of the values and vocabulary it was rendered with.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..answers.resolve import Resolved
from ..library.loader import Library
from .model import Finding, Ordinance, Paragraph, Ref, Section
from .sourcewords import (
    WORD_RE,
    common_words,
    part_words,
    typed_texts,
    values_words,
)
from .terms import definition_forms, mentions, term_pattern

# A doubled space, a space before punctuation or a closing bracket, a space after an opening
# bracket, or empty brackets: what an empty value leaves behind.
_SPACING_RE = re.compile(r"[ (\[][ ,.;:)\]]")
# A section or subsection number written as text instead of with ref().
_HAND_REF_RE = re.compile(
    r"\b(?:[Ss]ections?|[Pp]aragraphs?)\s+\d+(?:\.\d+)?(?:\([A-Za-z0-9]+\))*"
    r"|\b[Ss]ubsections?\s+\([A-Za-z0-9]+\)"
)
# A citation of another law ("Minnesota Statutes, section 626.8473") is not a reference.
_CITATION_LEAD_RE = re.compile(
    r"(?:Statutes|Code|Laws|Act|Rules|Regulations|Charter|Constitution|C\.F\.R\.|U\.S\.C\.)"
    r"(?: of [A-Z][\w.]*(?: [A-Z][\w.]*)*)?,?\s*$"
)


@dataclass(frozen=True)
class _Part:
    """A piece of the draft to read: where it is, which provision it comes from, its text."""

    where: str
    key: str
    texts: tuple[str, ...]


def check_ordinance(library: Library, resolved: Resolved, ordinance: Ordinance) -> list[Finding]:
    """Every finding for an assembled draft, in the order of the checks above."""
    parts = list(_parts(ordinance))
    findings: list[Finding] = []
    findings += _interaction_findings(library, resolved, ordinance)
    findings += _reference_findings(ordinance)
    findings += _term_findings(library, resolved, ordinance, parts)
    findings += _name_findings(library, resolved, parts)
    findings += _cover_findings(ordinance)
    findings += _spacing_findings(library, resolved, ordinance, parts)
    return list(dict.fromkeys(findings))


# -- what the draft says, part by part ---------------------------------------------------


def _where(section: Section, resolution: bool) -> str:
    if resolution:
        return f"paragraph {section.number} of the companion resolution"
    return (
        f"section {section.number}"
        if section.key != "definitions"
        else (f"section {section.number} (definitions)")
    )


def _text_of(p: Paragraph) -> str:
    """A paragraph's text as printed (cross-references included, labels not)."""
    return p.text


def _parts(o: Ordinance) -> Iterator[_Part]:
    yield _Part("the title", "", (o.title,))
    yield _Part("the disclaimer", "", (o.disclaimer,))
    if o.findings is not None:
        texts = (o.findings.intro, *(_text_of(p) for p in o.findings.paragraphs))
        yield _Part("the findings", "findings", texts)
    yield _Part("the enacting clause", "", (o.enacting_clause,))
    for sec in o.sections:
        # The cover sentence too: the cover names offices and bodies as the text does.
        texts = (sec.caption, sec.cover, *map(_text_of, sec.paragraphs))
        yield _Part(_where(sec, False), sec.key, texts)
    sig = o.signature
    lines = (sig.passed_line, *(s.role for s in sig.signers), *(s.role for s in sig.attest))
    yield _Part("the signature block", "", (*lines, *sig.extra_lines, sig.confirm_note))
    if o.resolution is not None:
        res = o.resolution
        sig = res.signature
        lines = (sig.passed_line, sig.vote_line, *(s.role for s in sig.signers))
        lines += tuple(s.role for s in sig.attest)
        texts = (res.number_line, res.title, *res.recitals, res.resolving_clause, *lines)
        yield _Part("the companion resolution", "", texts)
        for sec in res.sections:
            texts = (sec.caption, sec.cover, *map(_text_of, sec.paragraphs))
            yield _Part(_where(sec, True), sec.key, texts)


def _section_names(o: Ordinance) -> dict[str, str]:
    """Where each provision's text is, by provision id."""
    out = {s.key: _where(s, False) for s in o.sections}
    if o.resolution is not None:
        out.update({s.key: _where(s, True) for s in o.resolution.sections})
    if o.findings is not None:
        out.setdefault("findings", "the findings")
    return out


# -- interactions --------------------------------------------------------------------------


def _interaction_findings(library: Library, resolved: Resolved, o: Ordinance) -> Iterator[Finding]:
    names = _section_names(o)
    for outcome in resolved.interactions:
        if not outcome.is_problem:
            continue
        pids = (outcome.provision, outcome.target)
        yield Finding(
            "interaction" if outcome.kind == "needs" else "conflict",
            f"{outcome.message} {outcome.why}",
            outcome.fix,
            pids,
            tuple(names.get(p, p) for p in pids),
        )


# -- cross-references ----------------------------------------------------------------------


def _reference_findings(o: Ordinance) -> Iterator[Finding]:
    sections = [(s, False) for s in o.sections]
    sections += [(s, True) for s in (o.resolution.sections if o.resolution else ())]
    anchors = {s.anchor for s, _r in sections} | {
        p.anchor for s, _r in sections for p in s.paragraphs if p.anchor
    }
    for sec, res in sections:
        where = _where(sec, res)
        for p in sec.paragraphs:
            for seg in p.segments:
                if isinstance(seg, Ref):
                    targets = {seg.target} | {part.target for part in seg.parts if part.target}
                    missing = sorted(t for t in targets if t not in anchors)
                    joined = "".join(part.text for part in seg.parts)
                    if missing or (seg.parts and joined != seg.text):
                        yield Finding(
                            "reference",
                            f"The cross-reference '{seg.text}' in {where} points at "
                            f"{', '.join(missing) or 'a part whose number differs'}, which "
                            "this draft does not have.",
                            "Refer to it with ref() to a section or item that the draft "
                            "includes, guarded with has() if it is optional.",
                            (sec.key,),
                            (where,),
                        )
                elif "ection" in seg.text or "aragraph" in seg.text:
                    for match in _HAND_REF_RE.finditer(seg.text):
                        if _CITATION_LEAD_RE.search(seg.text[: match.start()]):
                            continue
                        yield Finding(
                            "reference",
                            f"{where.capitalize()} says '{match.group()}' in plain text; a "
                            "number typed by hand does not follow the numbering when "
                            "sections drop out or move.",
                            "Write the reference with ref() in the provision's text.md.j2.",
                            (sec.key,),
                            (where,),
                        )


# -- defined terms -------------------------------------------------------------------------


def _term_findings(
    library: Library, resolved: Resolved, o: Ordinance, parts: list[_Part]
) -> Iterator[Finding]:
    context = {"jur": resolved.jurisdiction, "has": lambda pid: pid in resolved.choices}
    defs = o.section("definitions")
    defined: dict[str, str] = {}  # term (lower case) -> the definition paragraph's text
    if defs is not None:
        for p in defs.paragraphs:
            found = re.match("^\u201c([^\u201d]+)\u201d", p.text)
            if found:
                defined[found.group(1).lower()] = p.text
    operative = [
        (part, text, text.lower())
        for part in parts
        if part.key not in ("", "findings", "definitions")
        for text in ("\n".join(part.texts),)
    ]
    lowered = "\n".join(low for _p, _t, low in operative)
    definitions_text = "\n".join(defined.values()).lower()

    def users_of(forms: Iterable[str]) -> list[str]:
        """The parts that use any of ``forms`` (a plain search first: most terms are absent)."""
        forms = tuple(f for f in forms if f.strip())
        if not any(f.lower() in lowered for f in forms):
            return []
        return sorted({part.where for part, text, _low in operative if _uses(text, forms)})

    definitions_where = _where(defs, False) if defs is not None else "the definitions"
    for defn in library.definitions.values():
        term, forms = _forms(library, defn, context)
        users = users_of(forms)
        in_defs = term.lower() in defined
        if in_defs and not users:
            pattern = term_pattern(forms)
            others = [t for k, t in defined.items() if k != term.lower() and pattern.search(t)]
            if not others and term.lower() in definitions_text:
                yield Finding(
                    "term",
                    f"'{term}' is defined in {definitions_where} but no section uses it.",
                    "Remove the definition, or use the term where the draft means it.",
                    ("definitions",),
                    (definitions_where,),
                )
        if users and not in_defs:
            yield Finding(
                "term",
                f"'{term}' is a defined term of the clause library, used in "
                f"{', '.join(users)}, but the draft does not define it.",
                "Add the definition (list the term under 'terms' in the clause.yaml of the "
                "provisions that use it), or reword the text.",
                _keys(parts, users),
                tuple(users),
            )
        for loose in defn.spec.avoid:
            where = users_of([loose])
            if where:
                yield Finding(
                    "term",
                    f"{', '.join(where).capitalize()} says '{loose}', a second name for the "
                    f"defined term '{term}'.",
                    f"Use '{term}' instead.",
                    _keys(parts, where),
                    tuple(where),
                )


@lru_cache(maxsize=4096)  # kept by text: a batch of drafts has the same parts again and again
def _uses(text: str, forms: tuple[str, ...]) -> bool:
    return mentions(text, forms)


_FORMS: weakref.WeakKeyDictionary[Library, dict[tuple[str, Any], tuple[str, tuple[str, ...]]]] = (
    weakref.WeakKeyDictionary()
)


def _forms(library: Library, defn: Any, context: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """A definition's term and forms for a jurisdiction (rendered once per jurisdiction)."""
    cache = _FORMS.setdefault(library, {})
    key = (defn.id, context["jur"])
    if key not in cache:
        if len(cache) > 4096:  # a long batch of jurisdictions: start afresh
            cache.clear()
        cache[key] = definition_forms(defn, context)
    return cache[key]


def _keys(parts: list[_Part], wheres: Iterable[str]) -> tuple[str, ...]:
    wanted = set(wheres)
    return tuple(dict.fromkeys(p.key for p in parts if p.where in wanted and p.key))


# -- one name for each office and body -----------------------------------------------------


def _name_findings(library: Library, resolved: Resolved, parts: list[_Part]) -> Iterator[Finding]:
    context = {"jur": resolved.jurisdiction}
    blobs = [(part, "\n".join(part.texts)) for part in parts]
    everything = "\n".join(text for _p, text in blobs)
    for vocab in library.meta.vocabulary:
        name = library.compile_string(vocab.name, "library.yaml (vocabulary)").render(context)
        name = " ".join(name.split())
        others = [
            " ".join(library.compile_string(o, "library.yaml (vocabulary)").render(context).split())
            for o in vocab.others
        ]
        if vocab.form_bodies:
            others += [f.body for f in library.forms]
        # A plain search first: most other names are absent from most drafts.
        others = [o for o in dict.fromkeys(others) if o and o != name and o in everything]
        if not name or not others:
            continue
        chosen = _literal(name)
        for other in others:
            pattern = _literal(other)
            hits = []
            for part, text in blobs:
                if other not in text:
                    continue
                allowed = [(m.start(), m.end()) for m in chosen.finditer(text)]
                if any(
                    not any(a <= m.start() and m.end() <= b for a, b in allowed)
                    for m in pattern.finditer(text)
                ):
                    hits.append(part)
            wheres = tuple(dict.fromkeys(p.where for p in hits))
            if wheres:
                yield Finding(
                    "name",
                    f"The {vocab.role} is named '{name}' in this draft (from the jurisdiction's "
                    f"answers), but {', '.join(wheres)} call{'s' if len(wheres) == 1 else ''} "
                    f"it '{other}'.",
                    f"Use '{name}' everywhere: in the templates, write the vocabulary's name "
                    f"({vocab.name}) instead of '{other}'.",
                    tuple(dict.fromkeys(p.key for p in hits if p.key)),
                    wheres,
                )


@lru_cache(maxsize=512)
def _literal(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")


# -- the cover -----------------------------------------------------------------------------


def _cover_findings(o: Ordinance) -> Iterator[Finding]:
    sections = [(s, False) for s in o.sections]
    sections += [(s, True) for s in (o.resolution.sections if o.resolution else ())]
    for sec, res in sections:
        if sec.title.rstrip(".") != sec.caption.rstrip("."):
            where = _where(sec, res)
            yield Finding(
                "cover",
                f"The cover summary calls {where} '{sec.title}', but its caption is "
                f"'{sec.caption}'.",
                "Give the cover the section's caption.",
                (sec.key,),
                (where,),
            )


# -- white space and glued words -----------------------------------------------------------


def _spacing_findings(
    library: Library, resolved: Resolved, o: Ordinance, parts: list[_Part]
) -> Iterator[Finding]:
    common = common_words(library, resolved)
    typed = typed_texts(resolved)
    blobs = [(part, "\n".join(part.texts)) for part in parts]
    # One search over the whole draft first: almost every draft has no spacing fault.
    spaced = _SPACING_RE.search("\n".join(text for _p, text in blobs)) is not None
    for part, blob in blobs:
        if spaced and _SPACING_RE.search(blob):
            for text in part.texts:
                # What the user typed is data: "Foo ( Bar" as a name is not the template's.
                masked = text
                for value in typed:
                    if value in masked:
                        masked = masked.replace(value, "x" * len(value))
                bad = _SPACING_RE.search(masked)
                if bad:
                    yield Finding(
                        "spacing",
                        f"{part.where.capitalize()} has {_spacing_kind(bad.group())} in "
                        f"'…{text[max(bad.start() - 30, 0) : bad.end() + 30]}…'.",
                        "Check the template's white space where a value or condition is empty.",
                        (part.key,) if part.key else (),
                        (part.where,),
                    )
                    break
        # Set arithmetic over the part's distinct words, lower-cased (most parts have none).
        left = _strange_words(library, part.key, part.where, blob) - common
        if left:
            left -= values_words(resolved, part.key)
        if not left:
            continue
        unknown = sorted(left, key=blob.lower().find)  # in the order the text has them
        if unknown:
            source = _source_name(library, part.key)
            yield Finding(
                "spacing",
                f"{part.where.capitalize()} has the word{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(repr(w) for w in unknown[:5])}, which {source} never "
                "writes: most likely two words glued together where a template tag swallowed "
                "the space or line break between them.",
                "Put a space or line break the template keeps between the words (a line "
                "that ends with a {% ... %} tag loses its line break; see "
                "docs/clause-format.md).",
                (part.key,) if part.key else (),
                (part.where,),
            )


_STRANGE: weakref.WeakKeyDictionary[Library, dict[tuple[str, str, str], frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def _strange_words(library: Library, key: str, where: str, blob: str) -> frozenset[str]:
    """The words of a part's text that its own sources never write, lower-cased (kept by
    text: a batch of drafts has the same section text for many jurisdictions)."""
    cache = _STRANGE.setdefault(library, {})
    found = cache.get((key, where, blob))
    if found is None:
        if len(cache) > 4096:  # a long batch: start afresh
            cache.clear()
        words = set(WORD_RE.findall(blob.lower()))
        found = cache[(key, where, blob)] = frozenset(words - part_words(library, key, where))
    return found


def _spacing_kind(found: str) -> str:
    if found == "  ":
        return "a doubled space"
    if found[:1] in "([":
        return "empty brackets" if found[1:] in (")", "]") else "a space after an opening bracket"
    return "a space before punctuation"


def _source_name(library: Library, key: str) -> str:
    if key in library.clauses:
        return f"provisions/{key}/text.md.j2"
    if key == "definitions":
        return "the definitions"
    return "library.yaml and forms.yaml"
