"""What the user's state changes in a draft's notes: flags on sentences, sources by state.

A state flag may concern one sentence of a provision (``anchor`` and ``quote`` in the state
file). It is kept only when the draft still has that sentence, and it says where the
sentence is, so that the notes, the cover and the warnings box point at it. A provision's
sources are chosen for the state: state law of another state that is the basis of text
only that state has is left out (replaced by what to confirm under this state's law),
another state's statute or decision the text is only modeled on is labelled a model, and
the confirmed citations of this state's flags are listed first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..answers.resolve import Resolved
from ..library.loader import Library
from ..library.notes import NotePart
from ..library.schema import SourceSpec
from ..statelaw.codes import STATES
from ..statelaw.compliant import SERIOUS, Kept, compliant_provisions, is_state_compliant
from ..statelaw.data import state_data
from ..statelaw.flags import Flag
from ..statelaw.summary import StateLawSummary, state_law_summary
from .model import Source

_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(])")


def sentence_with(text: str, words: str) -> str:
    """The sentence of ``text`` that contains ``words`` (empty if none does)."""
    for sentence in _SENTENCE_END.split(text):
        if words in sentence:
            return sentence.strip()
    return ""


def locate_flags(flags: Iterable[Flag], rows: Sequence[tuple[str, str, str]]) -> tuple[Flag, ...]:
    """Keep each flag that applies to the rendered text, saying where it applies.

    Args:
        flags: The provision's flags.
        rows: ``(anchor, path, text)`` for each paragraph of the rendered provision, where
            ``path`` is its subsection label, e.g. ``(b)``.

    Returns:
        The flags that concern the whole provision, unchanged, and each flag on an item or a
        sentence that the text still has, with ``where`` set (e.g. ``(b), the sentence
        "If a joint operation ..."``). A flag whose item or sentence the draft leaves out is
        dropped: the text it warns about is not there.
    """
    out = []
    for flag in flags:
        if not (flag.anchor or flag.quote):
            out.append(flag)
            continue
        found = [
            (path, text)
            for anchor, path, text in rows
            if (not flag.anchor or anchor == flag.anchor) and (not flag.quote or flag.quote in text)
        ]
        if not found:
            continue
        path, text = found[0]
        sentence = sentence_with(text, flag.quote) if flag.quote else ""
        where = path or "this section"
        if sentence:
            where += f", the sentence \u201c{sentence}\u201d"
        out.append(replace(flag, where=where))
    return tuple(out)


def model_label(model: str, state_name: str) -> str:
    """What a note's source says when it is another state's law the text is modeled on."""
    return f"{model} law, cited as a model only (not {state_name} law)"


def state_sources(
    specs: Iterable[SourceSpec], state: str, state_name: str, flags: Iterable[Flag] = ()
) -> tuple[Source, ...]:
    """A provision's sources as a draft for ``state`` lists them.

    The confirmed citations of this state's flags come first; then the clause's sources,
    except those that are another state's law behind text only that state gets, which give
    way to a neutral entry saying what to confirm under this state's law. A source that is
    another state's statute or decision the text is modeled on (``law_of``) says so.
    """
    out: list[Source] = []
    seen: set[str] = set()
    for flag in flags:
        if flag.scope != "state":
            continue
        for cited in flag.cited:
            if cited.status == "verified" and cited.cite not in seen:
                seen.add(cited.cite)
                out.append(
                    Source(
                        cited.cite,
                        f"{state_name} law that bears on this section (state-law data)",
                        cited.url,
                        "verified",
                    )
                )
    for spec in specs:
        if spec.applies_in(state):
            model = STATES.get(spec.law_of, spec.law_of) if spec.law_of != state else ""
            note = f"{model_label(model, state_name)}: {spec.note}" if model else spec.note
            out.append(Source(spec.cite, note.rstrip(": "), spec.url, spec.status, model))
        elif spec.elsewhere and f"{state_name} law on {spec.elsewhere}" not in seen:
            seen.add(f"{state_name} law on {spec.elsewhere}")
            out.append(
                Source(
                    f"{state_name} law on {spec.elsewhere}",
                    "the model rests on another state's law on this point",
                    "",
                    "confirm",
                )
            )
    return tuple(out)


def lawful_reasons(library: Library, resolved: Resolved) -> dict[str, Kept]:
    """Why each provision the state-compliant preset keeps is lawful (empty for other presets)."""
    if not is_state_compliant(library, resolved.preset):
        return {}
    jur = resolved.jurisdiction
    assert resolved.preset is not None
    base = library.presets[resolved.preset].provisions
    return compliant_provisions(library, jur.state, jur.state_name, jur.kind, jur.jail, base)


def lawful_part(reason: Kept, state_name: str) -> NotePart:
    """The note part "Lawful in <state>" for a provision the state-compliant preset kept."""
    text = reason.why
    if reason.citations:
        text += f" ({'; '.join(reason.citations)})"
    text += f" Confidence: {reason.confidence}."
    if not reason.reviewed:
        text += " This reason was not written for this provision: confirm it."
    return NotePart(f"Lawful in {state_name}", (text,))


def draft_state_law(
    library: Library, state: str, flags: Iterable[Flag], kind: str | None = None
) -> StateLawSummary | None:
    """The state's law as the draft prints it first, with how many parts it warns about
    (and, for a ``kind`` of jurisdiction, the penalties that can reach it)."""
    data = state_data(library)
    entry = data.get(state) if data.present else None
    if entry is None:
        return None
    parts = {f.provision_id for f in flags if f.scope == "state" and f.severity in SERIOUS}
    return state_law_summary(entry, len(parts), kind)
