"""The companion resolution: what a county board asks of an elected sheriff.

A provision whose ``sheriff`` field is ``resolution`` becomes a paragraph here; one whose
field is ``request`` stays in the ordinance and is asked of the sheriff here, in its own
words (``request.md.j2``) or by name in one paragraph that lists such sections. The
wording of the rest (recitals, resolving clause, the paragraph on terms, the transmittal,
the request for a written response, the adoption and vote lines) is data: ``library.yaml``
(``document.resolution``), which a form in ``forms.yaml`` may change.
"""

from __future__ import annotations

from typing import Any

from ..library.documentspec import FormSpec, ResolutionSpec
from ..library.loader import Library
from ..library.notes import parse_note
from ..library.templates import make_ref
from .drafts import Draft, render_string
from .markup import parse_blocks
from .model import Note, Resolution, Section, SignatureBlock, SignatureLine
from .statetext import state_sources

# Where the paragraphs assembly adds go among the provisions' (by ``order``); the paragraph
# that lists sections by name goes where the last of them would.
TERMS_ORDER = -1
TRANSMITTAL_ORDER = 998
RESPONSE_ORDER = 999


def _pick(own: Any, default: Any) -> Any:
    return own if own else default


def resolution_drafts(
    library: Library,
    form: FormSpec,
    context: dict[str, Any],
    requested: list[tuple[str, str, int]],
    has_definitions: bool,
) -> list[Draft]:
    """The paragraphs of the resolution that no provision supplies.

    Args:
        library: The clause library.
        form: The form of government's formal parts.
        context: The template context (``jur``, ``has``).
        requested: ``(provision id, caption, order)`` of each ordinance section the sheriff
            is asked, by name, to follow in full.
        has_definitions: Whether the ordinance has a definitions section.
    """
    spec = library.meta_document.resolution
    clerk = render_string(library, _pick(form.resolution.attest, form.attest)[0], context, "attest")
    ctx = {**context, "ref": make_ref("definitions"), "clerk": clerk}
    out: list[Draft] = []

    def add(key: str, caption: str, source: str, order: int, extra: dict[str, Any]) -> None:
        where = f"library.yaml (document.resolution.{key})"
        text = library.compile_string(source, where).render({**ctx, **extra})
        out.append(
            Draft(
                f"resolution-{key}",
                caption,
                parse_blocks(text, where),
                "resolution",
                None,
                "",
                order,
                where,
            )
        )

    if has_definitions:
        add("terms", spec.terms_caption, spec.terms, TERMS_ORDER, {})
    if requested:
        ref = make_ref("definitions")
        entries = [f"{ref(pid)} ({caption.rstrip('.')})" for pid, caption, _o in requested]
        order = max(o for _p, _c, o in requested)
        add("sections", spec.sections_caption, spec.sections, order, {"sections": entries})
    add("transmittal", spec.transmittal_caption, spec.transmittal, TRANSMITTAL_ORDER, {})
    add("response", spec.response_caption, spec.response, RESPONSE_ORDER, {})
    return out


def recitals(
    spec: ResolutionSpec, library: Library, form: FormSpec, ctx: dict[str, Any]
) -> tuple[str, ...]:
    """The recitals, each opened by ``WHEREAS,`` and punctuated to lead into the resolve."""
    texts = []
    for i, source in enumerate(_pick(form.resolution.recitals, spec.recitals)):
        text = render_string(library, source, ctx, f"document.resolution.recitals[{i}]")
        text = text.rstrip(" ;.,")
        if text:
            texts.append(text)
    prefix = render_string(library, spec.recital_prefix, ctx, "document.resolution.recital_prefix")
    last = len(texts) - 1
    return tuple(f"{prefix} {t}{';' if i == last else '; and'}" for i, t in enumerate(texts))


def build_resolution(
    library: Library,
    form: FormSpec,
    context: dict[str, Any],
    sections: tuple[Section, ...],
    ordinance_number: str,
    ordinance_title: str,
) -> Resolution:
    """The companion resolution around its numbered paragraphs."""
    spec = library.meta_document.resolution
    own = form.resolution
    ctx = {**context, "ordinance_number": ordinance_number, "ordinance_title": ordinance_title}

    def render(source: str, what: str) -> str:
        return render_string(library, source, ctx, f"document.resolution.{what} ({form.id})")

    signature = SignatureBlock(
        passed_line=render(_pick(own.passed_line, spec.passed_line), "passed_line"),
        signers=tuple(
            SignatureLine(render(s, "signers")) for s in _pick(own.signers, form.signers)
        ),
        attest=tuple(SignatureLine(render(s, "attest")) for s in _pick(own.attest, form.attest)),
        vote_line=render(_pick(own.vote_line, spec.vote_line), "vote_line"),
    )
    note = None
    if spec.note:
        where = "library.yaml (document.resolution.note)"
        note_text = library.compile_string(spec.note, where).render(ctx)
        note = Note(
            title="Companion resolution",
            parts=parse_note(note_text),
            sources=state_sources(spec.sources, ctx["jur"].state, ctx["jur"].state_name),
            provision_id="resolution",
        )
    return Resolution(
        number_line=render(spec.number_line, "number_line"),
        title=render(spec.title, "title"),
        recitals=recitals(spec, library, form, ctx),
        resolving_clause=render(
            _pick(own.resolving_clause, spec.resolving_clause), "resolving_clause"
        ),
        sections=sections,
        signature=signature,
        note=note,
    )
