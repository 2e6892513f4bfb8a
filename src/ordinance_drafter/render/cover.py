"""The cover: a one-page plain-language summary of the draft for the council.

Each section (and companion resolution paragraph) in plain words, what state law says
about the draft, and the laws it is modeled on. A short draft's cover gives each part its
whole summary and a table of sources; a long one (from :data:`COVER_COLUMNS_FROM` parts,
in a paged medium) is set in two columns and gives each part its caption and its cover
sentence (the provision's ``cover:`` line in the clause library), each kind of state-law
warning in a line and the main sources in a paragraph, so that it stays on one page.

:class:`CoverBuilder` is the part of the page layout's builder (:mod:`.layout`) that lays
the cover out; the functions are what the tests and other tools read the cover with.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..assembly.model import Note, Ordinance, Section
from ..statelaw.flags import Flag
from . import RenderOptions, flag_label, flag_text, is_warning, long_date, typeset
from .blocks import Block, Item, Medium, Part, Run, Table, placement
from .blocks import paragraph as _p

COVER_NOTE = (
    "This summary is not part of the ordinance. The draft that follows is a model for review "
    "by the jurisdiction's attorney; it is not legal advice."
)
#: The council copy's cover: it assumes the attorney's review, so it does not call the
#: text a model.
COUNCIL_COVER_NOTE = "This summary is not part of the ordinance."
COVER_WARNINGS_BOX = "Each is given in full in the box at the start of the draft."
NO_STATE_LAW = "None recorded for this state. The attorney must still check current state law."

# Citations per part in the cover's sources table: fewer when the draft has many parts,
# to keep the summary to one page.
COVER_SOURCES = {6: 3, 10: 2}
COVER_SOURCES_MIN = 1
SOURCES_FOOTNOTE = (
    "The main sources of each part; the explanatory notes list them all and say what each "
    "provides. A source marked (described) or (unconfirmed) was not checked against its "
    "text: verify it before relying on it. A source marked (… law, a model) is another "
    "state's law, cited only as a model: it is not the law of this jurisdiction's state."
)
#: The footnote of a copy without notes (``--notes none``): it points at no notes.
SOURCES_FOOTNOTE_CLEAN = (
    "The main sources of each part; the annotated draft lists them all and says what each "
    "provides. A source marked (described) or (unconfirmed) was not checked against its "
    "text: verify it before relying on it. A source marked (… law, a model) is another "
    "state's law, cited only as a model: it is not the law of this jurisdiction's state."
)
#: The council copy's: it assumes the attorney's review, so it marks no source.
SOURCES_FOOTNOTE_COUNCIL = "The main laws and ordinances each part is modeled on or relies on."
# From this many parts (sections and resolution paragraphs), a paged cover is set in two
# columns, in smaller type, to stay on one page: a sentence for each part (its summary's
# main clause), each state-law warning in a line, and the main sources in a paragraph
# instead of the table; from this many rows a table is set smaller too.
COVER_COLUMNS_FROM = 13
#: How many sources a long cover names (those the most parts cite first).
COVER_MAIN_SOURCES = 2
COVER_TABLE_HEADER = ("Part", "Modeled on or relies on")
COVER_TABLE_WIDTHS = (1.2, 5.3)  # inches


def cover_sources(o: Ordinance, notes: bool = True, marks: bool = True) -> list[tuple[str, str]]:
    """The cover's sources table: one row per part of the draft, citations joined by ";".

    Args:
        notes: The copy has the explanatory notes, so "and 2 more" says "in the notes".
        marks: Mark a source not checked against its text "(described)", "(unconfirmed)".

    Another state's law the text is only modeled on says whose it is: "(Oregon law, a
    model)", or in the council copy, which calls nothing a model, "(Oregon law)".
    """
    parts: list[tuple[str, Note | None]] = []
    if o.findings:
        parts.append(("Findings", o.findings.note))
    parts += [(s.number_label.rstrip("."), s.note) for s in o.sections]
    if o.resolution:
        parts += [(f"Resolution ¶ {s.number}", s.note) for s in o.resolution.sections]
    limit = next(
        (n for most, n in sorted(COVER_SOURCES.items()) if len(parts) <= most), COVER_SOURCES_MIN
    )
    rows = []
    for where, note in parts:
        if note and note.sources:
            cites: list[str] = []
            for src in note.sources:
                cite = src.cite
                if src.model_of:
                    cite += f" ({src.model_of} law, a model)" if marks else f" ({src.model_of} law)"
                if marks and src.status != "verified":
                    cite += f" ({src.status})"
                if cite not in cites:
                    cites.append(cite)
            more = len(cites) - limit
            text = "; ".join(cites[:limit])
            rest = f"; and {more} more" + (" in the notes" if notes else "") if more > 0 else ""
            rows.append((where, text + rest))
    return rows


def cover_sentence(summary: str) -> str:
    """A summary's main clause, for a long cover, as a sentence: without its
    parenthetical asides (an opening parenthesis after a space: "287(g)" stays whole), up
    to its first semicolon, and with its exceptions ("unless ...", "except ...") said as
    "with exceptions"."""
    short = re.sub(r"\s+\([^()]*\)", "", summary).split(";")[0]
    pieces = re.split(r",? (?:unless|except) ", short, maxsplit=1)
    main = pieces[0].strip().rstrip(".,:")
    if not main:
        return ""
    return main + (", with exceptions." if len(pieces) > 1 else ".")


def main_sources(o: Ordinance, count: int = COVER_MAIN_SOURCES) -> list[str]:
    """The sources the most parts of the draft rely on (each part's citations counted
    once), the most cited first, then in the order the draft first cites them."""
    notes = [o.findings.note] if o.findings else []
    notes += [s.note for s in o.sections]
    if o.resolution:
        notes += [s.note for s in o.resolution.sections]
    tally: dict[str, int] = {}
    for note in notes:
        for cite in dict.fromkeys(src.cite for src in (note.sources if note else ())):
            tally[cite] = tally.get(cite, 0) + 1
    order = list(tally)
    return sorted(order, key=lambda c: (-tally[c], order.index(c)))[:count]


def cover_state_law(o: Ordinance, notes: bool = True) -> tuple[list[tuple[str, Flag]], str]:
    """What the cover says about state law: each warning in full, context in one line.

    Args:
        notes: The copy has the explanatory notes (the context sentence points at them).

    Returns:
        The warnings with the part each concerns, and a sentence naming the parts whose
        notes carry state-law context (empty when none do).
    """
    flagged = o.flagged_sections()
    warnings = [(where, f) for where, f in flagged if is_warning(f)]
    parts = list(dict.fromkeys(where.split(". ")[0] for where, f in flagged if not is_warning(f)))
    context = ""
    if parts:
        listed = _parts_named(parts)
        context = (
            f"The explanatory notes add state-law context for {listed}."
            if notes
            else f"State law also bears on {listed}; the annotated draft's notes explain how."
        )
    return warnings, context


def _runs_of_requests(
    rows: list[tuple[Section, Block]], said: dict[str, str], style: str
) -> list[Block]:
    """A long cover's resolution paragraphs, with each run of two or more consecutive
    paragraphs that request what sections of the ordinance provide said in one line."""
    out: list[Block] = []
    index = 0
    while index < len(rows):
        end = index
        while end < len(rows) and rows[end][0].summary in said:
            end += 1
        if end - index >= 2:
            first, last = rows[index][0], rows[end - 1][0]
            wheres = [said[sec.summary] for sec, _ in rows[index:end]]
            numbers = [w.removeprefix("section ") for w in wheres]
            label = f"Paragraphs {first.number} to {last.number}."
            text = f" Request what sections {', '.join(numbers[:-1])} and {numbers[-1]} provide."
            out.append(Block(style, (Run(label, "Note Lead"), Run(text))))
            index = end
        else:
            out.append(rows[index][1])
            index += 1
    return out


def _parts_named(wheres: list[str]) -> str:
    """Parts of the draft named briefly: ``the whole ordinance; sections 3, 4 and 7;
    resolution paragraphs 2 and 5``."""
    groups: dict[str, list[str]] = {}
    for where in dict.fromkeys(wheres):
        for prefix, plural in (
            ("Section ", "sections"),
            ("Resolution paragraph ", "resolution paragraphs"),
        ):
            if where.startswith(prefix):
                groups.setdefault(plural, []).append(where.removeprefix(prefix))
                break
        else:
            groups.setdefault(where[:1].lower() + where[1:], [])
    named = []
    for name, numbers in groups.items():
        if not numbers:
            named.append(name if name.startswith("the ") else f"the {name}")
        elif len(numbers) == 1:
            named.append(
                f"{name.removesuffix('s').replace('paragraphs', 'paragraph')} {numbers[0]}"
            )
        else:
            named.append(f"{name} {_listed(numbers)}")
    return "; ".join(named)


def _listed(items: list[str]) -> str:
    """``a, b and c``."""
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]


class CoverBuilder:
    """The cover's part of the layout builder (mixed into :class:`.layout._Builder`).

    It holds what every part of the layout reads: the ordinance (``o``), the options, the
    medium, whether this is the council copy, where the notes go and how text is typeset
    (``fix``); and it draws flags, which the cover and the warnings box both show.
    """

    def __init__(self, ordinance: Ordinance, options: RenderOptions, medium: Medium) -> None:
        self.o = ordinance
        self.options = options
        self.medium = medium
        self.council = options.council_copy
        self.notes = "none" if self.council else placement(options.notes, medium)
        self.fix = typeset if medium.typeset else _same

    def flag(self, style: str, where: str, flag: Flag, kind: str = "") -> Block:
        """A state-law or federal flag, after the part it concerns (if ``where``)."""
        text = f"{where} — {flag_text(flag)}" if where else flag_text(flag)
        return _p(style, self.fix(text), flag=flag, where=where, kind=kind)

    def cover(self) -> list[Part]:
        """The one-page summary: each part in plain words, state law, the sources."""
        o = self.o
        count = len(o.sections) + (len(o.resolution.sections) if o.resolution else 0)
        compact = self.medium.paged and count >= COVER_COLUMNS_FROM
        heading = "Cover Heading Compact" if compact else "Cover Heading"
        items: list[Item] = [
            _p(
                "Cover Title Compact" if compact else "Cover Title",
                f"Summary: {o.jurisdiction_name}",
            ),
            _p("Cover Text Compact" if compact else "Cover Subtitle", self.cover_subtitle()),
        ]
        # A long draft's cover gives each part a sentence (its summary's main clause) so
        # that it stays on one page; a short draft's gives each part's whole summary.
        style = "Cover Item Compact" if compact else "Cover Item"
        said: dict[str, str] = {}  # a summary already given, and where

        def describe(label: str, sec: Section, where: str = "") -> Block:
            # Each part's caption and its cover sentence: the provision's ``cover:``,
            # written for this jurisdiction and the variant chosen (the summary is the
            # library's, for every variant: "or, in one variant, ..."). Without one, a
            # long cover gives the summary's main clause, a short one the whole summary.
            runs = [Run(f"{label} {sec.caption}", "Note Lead")]
            text = sec.cover or (cover_sentence(sec.summary) if compact else sec.summary)
            if compact and sec.summary in said:
                text = f"Requests what {said[sec.summary]} provides."
            elif where:
                said.setdefault(sec.summary, where)
            if text:
                runs.append(Run(" " + self.fix(text)))
            return Block(style, tuple(runs))

        # A long cover numbers the sections under its heading ("14."), to stay on a page.
        items.append(
            _p(heading, "What each section does" if compact else "What the ordinance does")
        )
        items += [
            describe(
                f"{sec.number}." if compact else sec.number_label,
                sec,
                f"section {sec.number}" if sec.summary else "",
            )
            for sec in o.sections
        ]
        if o.resolution:
            # A long cover heads the resolution briefly and says once for a run of
            # paragraphs that request what sections of the ordinance provide.
            title = "The companion resolution" if compact else o.resolution.title
            items.append(_p(heading, title))
            rows = [
                (sec, describe(f"Paragraph {sec.number}.", sec)) for sec in o.resolution.sections
            ]
            items += _runs_of_requests(rows, said, style) if compact else [b for _, b in rows]
        if not self.council:  # the warnings are the attorney's, who has read them
            items += self.cover_state_law(compact)
        if compact:
            items += self.cover_main_sources()
        parts = [Part("cover", "cover", tuple(items), columns=2 if compact else 1)]
        rows = cover_sources(o, notes=self.notes != "none", marks=not self.council)
        if rows and not compact:  # the sources table runs the full width
            table = Table(
                "Cover Table Compact" if len(rows) >= COVER_COLUMNS_FROM else "Cover Table Text",
                COVER_TABLE_HEADER,
                tuple((where, self.fix(cites)) for where, cites in rows),
                COVER_TABLE_WIDTHS,
            )
            footnote = (
                SOURCES_FOOTNOTE_COUNCIL
                if self.council
                else SOURCES_FOOTNOTE
                if self.notes != "none"
                else SOURCES_FOOTNOTE_CLEAN
            )
            sources = (_p(heading, "Sources"), _p("Cover Footnote", footnote))
            parts.append(Part("cover-sources", "cover-sources", (*sources, table)))
        return parts

    def cover_main_sources(self) -> list[Item]:
        """A long cover's sources: the main ones in a paragraph, and where the rest are."""
        heading = "Cover Heading Compact"
        cites = main_sources(self.o)
        if not cites:
            return []
        where = (
            ""
            if self.council
            else " The explanatory notes list the rest."
            if self.notes != "none"
            else " The annotated draft lists the rest."
        )
        text = f"Modeled mainly on: {'; '.join(cites)}.{where}"
        return [_p(heading, "Sources"), _p("Cover Text Compact", self.fix(text))]

    def cover_state_law(self, compact: bool = False) -> list[Item]:
        """The cover's state law: the state's law in a line (when the library has data
        for the state), each warning (in full, or on a long cover in a line), the parts
        with state-law context."""
        o = self.o
        warnings, context = cover_state_law(o, notes=self.notes != "none")
        text = "Cover Text Compact" if compact else "Cover Text"
        heading = "Cover Heading Compact" if compact else "Cover Heading"
        items: list[Item] = [_p(heading, "State law")]
        if o.state_law is not None:
            law = o.state_law
            items.append(_p(text, self.fix(f"{law.heading}: {law.status}.")))
            if law.forbidding and not self.council:
                # Whether adopting is itself the violation, and whom the penalties reach;
                # each penalty in full is in the state-law box at the start of the draft.
                style = "Cover Flag Compact" if compact else "Cover Flag"
                if law.adoption:
                    # A long cover gives the rule's lead and the law (the box at the start
                    # gives it in full); a short one the rule without its citation.
                    said = law.adoption_with_law(lead_only=True) if compact else law.adoption
                    items.append(_p(style, self.fix(f"Adoption itself: {said}")))
                if law.penalties:
                    reach = "; ".join(dict.fromkeys(w for p in law.penalties for w in p.whom))
                    items.append(
                        _p(
                            style,
                            self.fix(
                                f"Penalties ({len(law.penalties)}, listed at the start of the "
                                f"draft) reach {reach}."
                            ),
                        )
                    )
        if compact and warnings:
            # A warning on the whole ordinance in full (it is about the power to enact
            # it); then one line for each kind of warning, naming the parts it reaches.
            whole = [(where, flag) for where, flag in warnings if not flag.provision_id]
            items += [self.flag("Cover Flag Compact", where, flag) for where, flag in whole]
            kinds: dict[str, list[str]] = {}
            for where, flag in warnings:
                if not flag.provision_id:
                    continue
                label = flag_label(replace(flag, as_of="")).removeprefix("State law warning: ")
                label = label[:1].upper() + label[1:]
                kinds.setdefault(label, []).append(where.split(". ")[0])
            items += [
                _p("Cover Flag Compact", self.fix(f"{label}: {_parts_named(parts)}."))
                for label, parts in kinds.items()
            ]
            if kinds:
                items.append(_p(text, COVER_WARNINGS_BOX))
        else:
            items += [self.flag("Cover Flag", where, flag) for where, flag in warnings]
        if context:
            items.append(_p(text, context))
        if not warnings and not context and o.state_law is None:
            items.append(_p(text, NO_STATE_LAW))
        return items

    def cover_subtitle(self) -> str:
        """The title, the date and what the summary (and, but in the council copy, the
        draft) is."""
        date = long_date(self.o.metadata.draft_date)
        if self.council:
            return f"{self.o.title}. {date}. {COUNCIL_COVER_NOTE}"
        return f"{self.o.title}. Draft of {date}. {COVER_NOTE}"


def _same(text: str) -> str:
    return text
