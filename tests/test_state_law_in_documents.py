"""Issue 15: the state's law reaches every document, not only the terminal.

For every state whose data records penalties or an adoption rule (derived from the state
files), a city's and a county's draft, in every notes mode and in DOCX, HTML and Markdown,
starts with the state's law: its as-of date, whether adopting the ordinance is itself the
violation, and each penalty with whom it reaches. Penalties limited to one kind of
jurisdiction (a county sheriff's duty) are not printed for the other. Read back with
python-docx, an HTML parser and the Markdown text.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

import docx
import pytest

from ordinance_drafter.answers.resolve import resolve
from ordinance_drafter.answers.schema import parse_answers
from ordinance_drafter.pipeline import draft_ordinance
from ordinance_drafter.render import NOTES_MODES, RenderOptions, renderer
from ordinance_drafter.statelaw.data import state_data
from ordinance_drafter.statelaw.schema import WHO_LABELS, who_label

FORMATS = ("docx", "html", "md")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _read(fmt: str, data: bytes) -> str:
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    text = data.decode("utf-8")
    if fmt == "html":
        parser = _Text()
        parser.feed(text)
        return "".join(parser.parts)
    return text.replace("\\", "")


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _states(library) -> list[str]:
    data = state_data(library)
    return sorted(code for code, e in data.states.items() if e.penalties or e.adoption)


def _draft(library, state: str, kind: str):
    jur = {"name": "Sample", "kind": kind, "state": state}
    if kind == "county":
        jur["jail"] = "sheriff"
    answers = parse_answers(
        {
            "format": 1,
            "jurisdiction": jur,
            "preset": "standard",
            "document": {"draft_date": "2026-12-02"},
        },
        "test",
    )
    return draft_ordinance(library, resolve(answers, library, "test"))


def test_the_cases_come_from_the_data(library):
    """Texas is among them, and some penalty is limited to one kind of jurisdiction."""
    states = _states(library)
    assert "TX" in states and "MN" not in states
    data = state_data(library)
    assert any(p.kinds for code in states for p in data.get(code).penalties)


@pytest.mark.parametrize("kind", ["city", "county"])
def test_every_document_starts_with_the_states_law(library, kind):
    data = state_data(library)
    for code in _states(library):
        entry = data.get(code)
        ordinance = _draft(library, code, kind)
        law = ordinance.state_law
        assert law is not None
        expected = [p for p in entry.penalties if not p.kinds or kind in p.kinds]
        assert len(law.penalties) == len(expected)
        # Every notes mode and format for Texas; two of each for the other states (the
        # writers draw the same box, which the layout tests check for every format).
        modes = NOTES_MODES if code == "TX" else ("comments", "none")
        formats = FORMATS if code == "TX" else ("docx", "md")
        for notes in modes:
            for fmt in formats:
                text = _flat(_read(fmt, renderer(fmt)(ordinance, RenderOptions(notes=notes))))
                where = (code, kind, notes, fmt)
                assert f"as of {entry.as_of}" in text, where
                if entry.adoption:
                    assert _flat(entry.adoption.text) in text, where
                for penalty in law.penalties:
                    assert _flat(penalty.text)[1:60] in text, where
                    for who in penalty.who:
                        # "the county itself" in a county's draft, not "the city or county"
                        assert who_label(who, kind) in text, where
                        if who == "entity":
                            assert WHO_LABELS[who] not in text, where
                for penalty in entry.penalties:
                    if penalty.kinds and kind not in penalty.kinds:
                        assert _flat(penalty.text)[1:60] not in text, where


def test_the_state_compliant_texas_draft_still_says_what_texas_law_provides(library):
    """The draft with no warning still starts with Texas's penalties (the council adopting
    it should know them), and its box is headed as state law, not as warnings."""
    answers = parse_answers(
        {
            "format": 1,
            "jurisdiction": {"name": "Sample", "kind": "city", "state": "TX"},
            "preset": "state-compliant",
            "document": {"draft_date": "2026-12-02"},
        },
        "test",
    )
    ordinance = draft_ordinance(library, resolve(answers, library, "test"))
    assert not any(f.severity in ("forbidden", "limited") for _w, f in ordinance.flagged_sections())
    text = _flat(_read("md", renderer("md")(ordinance, RenderOptions(notes="none"))))
    assert "State law, for the attorney" in text and "State-law warnings" not in text
    assert "§ 752.0565" in text


def _switched_off(library):
    """(state, provision, value) that a state's `lawful` list turns off, giving as its reason
    that the sentence could be read as what state law bars (or reaches beyond its exception)."""
    out = []
    for code, entry in state_data(library).states.items():
        for pid, reason in (entry.lawful or {}).items():
            why = " ".join(reason.why.split())
            if "could be read" not in why and "not their grounds" not in why:
                continue
            spec = library.clauses[pid].spec
            for name, value in (reason.values or {}).items():
                var = next((v for v in spec.variables if v.name == name), None)
                if var is not None and var.type == "bool" and value is False and var.default:
                    out.append((code, pid, name))
    return out


def test_switched_off_sentences_are_derived(library):
    cases = _switched_off(library)
    assert ("TX", "victim_certification", "no_enforcement_use") in cases
    assert ("TX", "places_of_worship", "grounds") in cases


def test_a_sentence_the_state_compliant_preset_leaves_out_is_flagged_when_kept(library):
    """Each sentence the state-compliant preset drops for a state-law reason draws that
    state's warning when a draft keeps it (issue 15: flags reach single sentences), and the
    flag's fix is the value the preset uses."""
    for code, pid, name in _switched_off(library):
        answers = parse_answers(
            {
                "format": 1,
                "jurisdiction": {"name": "Sample", "kind": "city", "state": code},
                "preset": "essentials",
                "provisions": {pid: {"values": {name: True}}},
                "document": {"draft_date": "2026-12-02"},
            },
            "test",
        )
        ordinance = draft_ordinance(library, resolve(answers, library, "test"))
        flags = [
            f
            for where, f in ordinance.flagged_sections()
            if f.provision_id == pid and f.severity in ("forbidden", "limited")
        ]
        assert flags, (code, pid, name)
        spec = next(
            s
            for s in state_data(library).get(code).provisions[pid]
            if (s.fix or {}).get(name) is False
        )
        assert spec.quote
