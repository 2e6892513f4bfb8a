"""The definitions section: exactly the terms the chosen text uses (and those they use).

Its caption, opening sentence, cover summary and note are the library's wording
(``library.yaml``, ``document.definitions_*``); the terms and their sources are the
definition files' (``definitions/<id>.yaml``).
"""

from __future__ import annotations

from typing import Any

from ..answers.resolve import Resolved
from ..library.loader import Library
from ..library.notes import parse_note
from ..statelaw.context import state_context
from .drafts import Draft, render_string
from .drafts import block as new_block
from .model import Note, Source
from .statetext import state_sources
from .terms import definition_forms, used_terms


def definitions_draft(library: Library, resolved: Resolved, drafts: list[Draft]) -> Draft | None:
    """The definitions section for ``drafts`` (the chosen sections), or None if no section
    uses a defined term."""
    jur = resolved.jurisdiction
    context = {
        "jur": jur,
        "has": lambda pid: pid in resolved.choices,
        "state": state_context(library, jur.state),
    }
    rendered = {did: definition_forms(d, context) for did, d in library.definitions.items()}
    forms = {did: f for did, (_term, f) in rendered.items()}
    texts = [b.text for d in drafts for b in d.blocks] + [d.caption for d in drafts]
    used = used_terms(library, texts, context, forms)
    means: dict[str, str] = {}
    frontier = set(used)
    while frontier:
        for did in frontier:
            means[did] = " ".join(library.definitions[did].means_template.render(context).split())
        extra = used_terms(library, [means[d] for d in frontier], context, forms) - used
        used |= extra
        frontier = extra
    if not used:
        return None
    items = sorted((rendered[did][0].lower(), rendered[did][0], did) for did in used)
    doc = library.meta_document
    blocks = [new_block(0, " ".join(doc.definitions_intro.split()))]
    for _key, term, did in items:
        blocks.append(new_block(1, f"“{term[:1].upper()}{term[1:]}” {means[did]}"))
    note = Note(
        title=doc.definitions_caption,
        parts=parse_note(
            library.compile_string(
                doc.definitions_note, "library.yaml (document.definitions_note)"
            ).render(context)
        ),
        sources=_sources(library, [did for *_rest, did in items], context),
        provision_id="definitions",
    )
    return Draft(
        "definitions",
        doc.definitions_caption,
        blocks,
        "body",
        note,
        render_string(
            library, doc.definitions_summary, context, "library.yaml (document.definitions_summary)"
        ),
        doc.definitions_order,
        "definitions/",
        "definition",
    )


def _sources(library: Library, used: list[str], context: dict[str, Any]) -> tuple[Source, ...]:
    """The sources of the terms used, in their order, one entry per citation (several terms
    may rest on one); a source's ``when`` counts as a provision's does."""
    jur = context["jur"]
    sources: list[Source] = []
    cited: set[str] = set()
    for did in used:
        defn = library.definitions[did]
        where = f"{defn.path}: sources"
        listed = [
            s
            for s in defn.spec.sources
            if s.listed(
                jur.state, lambda e, c=f"{where} ({s.cite})": library.evaluate(e, context, c)
            )
        ]
        for s in state_sources(listed, jur.state, jur.state_name):
            if s.cite not in cited:
                cited.add(s.cite)
                sources.append(s)
    return tuple(sources)
