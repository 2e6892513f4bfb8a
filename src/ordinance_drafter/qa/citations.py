"""The citation record: how every source of the library was confirmed, from the data.

Every ``sources`` entry of a provision or definition, every source page of ``federal.yaml``
and every ``checked`` entry of a state file says what was read (``url``, ``read``) and when
(``checked``). :func:`confirmation_problems` lists what lacks that record (lint reports it);
:func:`citations_markdown` writes ``docs/citations.md`` from it (``scripts/update_citations.py``;
a test fails when the file is out of date).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from ..library.loader import Library
from ..statelaw.cites import law_of_citation
from ..statelaw.codes import STATES
from ..statelaw.data import state_data

INTRO = """\
# How each citation was confirmed

Generated from the clause library by `python scripts/update_citations.py`; do not edit by
hand (`tests/test_citations_doc.py` fails when this file and the data disagree). It lists,
for every source the library cites, the page that was read to confirm it, what that page is,
and the date it was read, exactly as the data records it next to the citation:

* `clauses/provisions/*/clause.yaml` and `clauses/definitions/*.yaml`: each `sources` entry
  has `url`, `read` and `checked`;
* `clauses/federal.yaml`: each item's `sources` give the pages read and their dates;
* `clauses/states/*.yaml`: each `checked` entry confirms the citations that begin with its
  `cite`, with `url`, `read` and `checked`.

Status: **verified** means the text or an official page was read (a faithful mirror of an
official code counts); **described** means only a secondary source (a bill quoting the
statute, a news report, a case summary) shows it; **unconfirmed** means nothing read shows
it, and the draft marks it for the user's review. A source whose `states` names a state is
that state's law as the basis of text only that state's drafts get; other drafts list, in
its place, what to confirm under their own state's law. A source whose `law_of` names a
state is that state's statute, decision or opinion the text is only modeled on: every draft
lists it, and other states' drafts label it "<state> law, cited as a model only (not <this
state> law)". `lint-library` reports a citation in the form of a state's law that says
neither.

How to confirm a new citation: docs/clause-format.md ("Confirming a citation").
"""


def _every_source(library: Library) -> list[tuple[str, Any]]:
    """Every source of the library with where it is: the provisions', the definitions',
    and the companion resolution's."""
    uses = [u for found in library_sources(library).values() for u in found]
    uses += [
        ("library.yaml (document.resolution)", src)
        for src in library.meta_document.resolution.sources
    ]
    return uses


def state_law_problems(library: Library) -> list[str]:
    """Sources that are a state's own law but do not say whose law they are.

    A citation in the form of a state's statute, decision or opinion
    (:func:`~ordinance_drafter.statelaw.cites.law_of_citation`) must say either ``states``
    (the basis of text only that state's drafts get) or ``law_of`` (a model, which other
    states' drafts label as one), so that no draft presents it as its own state's law.
    """
    uses = _every_source(library)
    problems = []
    for where, src in uses:
        for code in law_of_citation(src.cite):
            if code not in src.states and src.law_of != code:
                problems.append(
                    f"{where}: source '{src.cite}' is cited like {STATES[code]} law but says "
                    f"neither 'states: [{code}]' (the basis of text only {code} drafts get, "
                    f"with 'elsewhere' saying what other states confirm) nor 'law_of: {code}' "
                    f"(a model, which other states' drafts label as one)."
                )
    return problems


# What a source's ``when`` may not test: the state, which ``states`` and ``law_of`` say.
_STATE_ATTRS = frozenset({"state", "state_name", "is_minnesota"})


def _tests_state(library: Library, expression: str) -> bool:
    """Whether a ``when`` expression reads the jurisdiction's state (``jur.state``,
    ``jur.is_minnesota``, ``state.<anything>``); an expression that does not parse is left
    to the checks that evaluate it."""
    try:
        tree = library.env.parse("{% if " + expression + " %}1{% endif %}")
    except TemplateSyntaxError:
        return False
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if isinstance(node, nodes.Name):
            if node.name == "state" and node.ctx == "load":
                return True
            continue
        owner = node.node
        attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(owner, nodes.Name) and owner.name == "jur" and attr in _STATE_ATTRS:
            return True
    return False


def source_when_problems(library: Library) -> list[str]:
    """Sources whose ``when`` or ``elsewhere_when`` tests the state.

    A source's state is what ``states`` (or ``law_of``) says; ``when`` says only which
    jurisdictions of every state it concerns (kind, type, jail, variant), and is evaluated
    in every state's drafts. One that repeated the state would hide the item to confirm
    from another state's drafts, or (as it once did) make the tool skip ``when`` there.
    """
    uses = _every_source(library)
    problems = []
    for where, src in uses:
        for field in ("when", "elsewhere_when"):
            expression = getattr(src, field)
            if expression and _tests_state(library, expression):
                problems.append(
                    f"{where}: source '{src.cite}' has {field}: {expression!r}, which tests the "
                    "state; say the state with 'states' (or 'law_of') and keep in "
                    f"'{field}' only the kind or type of jurisdiction, the jail or the variant "
                    "it concerns (it is evaluated in every state's drafts)."
                )
    return problems


def _where(url: str, read: str) -> str:
    parts = [read] if read else []
    if url:
        parts.append(url)
    return "; ".join(parts) if parts else "—"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def library_sources(library: Library) -> dict[tuple[str, str], list[tuple[str, Any]]]:
    """``{(cite, status): [(where it is used, the source record), ...]}`` for the library."""
    found: dict[tuple[str, str], list[tuple[str, Any]]] = defaultdict(list)
    for clause in library.clauses.values():
        for src in clause.spec.sources:
            found[(src.cite, src.status)].append((clause.id, src))
    for definition in library.definitions.values():
        for src in definition.spec.sources:
            found[(src.cite, src.status)].append((f"definition {definition.id}", src))
    return dict(sorted(found.items()))


def confirmation_problems(library: Library) -> list[str]:
    """Every source that does not say what was read and when (empty when all do)."""
    problems = []
    for (cite, _status), uses in library_sources(library).items():
        for where, src in uses:
            if not src.checked:
                problems.append(
                    f"{where}: source '{cite}' has no 'checked' date; record when it was read "
                    "(YYYY-MM-DD), with the page ('url') and what it is ('read')."
                )
            elif not (src.url or src.read):
                problems.append(
                    f"{where}: source '{cite}' names no page read ('url' or 'read'); say what "
                    "was read, or mark it 'unconfirmed' and say in 'read' why nothing was."
                )
    data = state_data(library)
    for item in data.federal:
        for i, ref in enumerate(item.sources):
            if not ref.checked:
                problems.append(f"federal.yaml: item '{item.id}' sources[{i}] has no date.")
    return problems


def citations_markdown(library: Library) -> str:
    """``docs/citations.md``, generated from the data."""
    out = [INTRO, "## 1. Sources of the provisions and definitions", ""]
    out += [
        "| Citation | Used in | Status | Read (what, where) | Date |",
        "|---|---|---|---|---|",
    ]
    for (cite, status), uses in library_sources(library).items():
        src = uses[0][1]
        used = ", ".join(dict.fromkeys(w for w, _s in uses))
        states = src.whose
        out.append(
            f"| {_cell(cite)}{states} | {_cell(used)} | {status} | "
            f"{_cell(_where(src.url, src.read))} | {src.checked or '—'} |"
        )
    data = state_data(library)
    if data.federal:
        out += ["", "## 2. Federal context (`clauses/federal.yaml`)", ""]
        out += ["| Item | Citations | Status | Pages read | Date |", "|---|---|---|---|---|"]
        for item in data.federal:
            pages = "; ".join(_where(r.url, r.read) for r in item.sources)
            dates = ", ".join(sorted({r.checked for r in item.sources}))
            out.append(
                f"| {_cell(item.title)} | {_cell('; '.join(item.citations))} | {item.status} | "
                f"{_cell(pages)} | {dates} |"
            )
    states = data.states
    if states:
        out += ["", "## 3. The state-law layer (`clauses/states/*.yaml`)", ""]
        out += [
            "Each state's citations, as its `checked` entries confirm them. A citation of the "
            "file is confirmed by the entry whose `cite` begins it.",
            "",
        ]
        for code, entry in states.items():
            if not entry.checked:
                out += [f"### {entry.name} ({code}), as of {entry.as_of}", "", "No citations.", ""]
                continue
            out += [f"### {entry.name} ({code}), as of {entry.as_of}", ""]
            out += ["| Citation | Status | What the source showed | Read | Date |"]
            out += ["|---|---|---|---|---|"]
            for check in entry.checked:
                out.append(
                    f"| {_cell(check.cite)} | {check.status} | {_cell(check.finding) or '—'} | "
                    f"{_cell(_where(check.url, check.read))} | {check.checked or '—'} |"
                )
            out.append("")
    review = _for_review(library)
    out += ["## 4. Marked for the user's review", ""]
    out += [
        "Citations the data marks `unconfirmed`: a draft that uses one prints it with a "
        "warning. Confirm each against a primary or official source before relying on it.",
        "",
    ]
    out += [f"* {_cell(line)}" for line in review] or ["* None."]
    out += ["", *_government_section(library)]
    return "\n".join(out).rstrip() + "\n"


def _government_section(library: Library) -> list[str]:
    """Section 5: the law behind the forms of government and the county forms' warnings."""
    out = ["## 5. Forms of government (`clauses/governments.yaml`) and the forms' warnings", ""]
    out += [
        "Each form of government names the statutes that set it up; "
        "[forms-of-government.md](forms-of-government.md) says how each was confirmed.",
        "",
        "| Form of government | Citation | Status | What it provides | Page read |",
        "|---|---|---|---|---|",
    ]
    for gov in library.governments.all:
        for s in gov.statutes:
            out.append(
                f"| {_cell(gov.label)} | {_cell(s.cite)} | {s.status} | {_cell(s.note)} "
                f"| {_cell(s.url)} |"
            )
    warned = [(form, w) for form in library.forms for w in form.warnings]
    if warned:
        out += ["", "A form's warnings go to the front of every draft of that form:", ""]
        for form, w in warned:
            cites = "; ".join(w.citations) or "no citation"
            out.append(f"* {_cell(form.label)}: {cites} (law read as of {w.as_of}).")
    return out


def _for_review(library: Library) -> list[str]:
    lines = []
    for (cite, status), uses in library_sources(library).items():
        if status == "unconfirmed":
            used = ", ".join(dict.fromkeys(w for w, _s in uses))
            lines.append(f"{cite} ({used}): {uses[0][1].read}")
    for code, entry in state_data(library).states.items():
        for check in entry.checked:
            if check.status == "unconfirmed":
                lines.append(f"{code}: {check.cite}: {check.finding}")
    return lines
