"""A template's text is kept under the values it reads, and used again only for the same
values (library/reads.py, CompiledTemplate.render).

The memo must never change a draft: every preset x kind in a sample of states, and drafts
for jurisdictions that differ in one answer at a time, read the same with the memo as with
every template rendered afresh. It must also work: a second jurisdiction that differs only
in what a template never reads gets the kept text without a render.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import build_clause_library
from ordinance_drafter.answers.resolve import resolve
from ordinance_drafter.answers.schema import Answers, JurisdictionAnswers
from ordinance_drafter.library.loader import Library, load_library
from ordinance_drafter.library.reads import NoKey, reads_of
from ordinance_drafter.library.templates import CompiledTemplate, make_ref
from ordinance_drafter.pipeline import draft_ordinance, render_bytes
from ordinance_drafter.render import RenderOptions
from ordinance_drafter.statelaw.codes import STATES


def _draft(library: Library, answers: Answers) -> bytes:
    ordinance = draft_ordinance(library, resolve(answers, library, "test"))
    return render_bytes(ordinance, "md", RenderOptions())


def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render every template afresh (the memo bypassed)."""
    monkeypatch.setattr(CompiledTemplate, "render", lambda self, context: self._render(context))


# The states of the sample: every sixth state, plus each state whose law forbids or limits
# provisions (their text differs most), taken from the state data.
def _sample_states(library: Library) -> list[str]:
    from ordinance_drafter.statelaw.data import state_data

    data = state_data(library)
    forbidding = [code for code in STATES if (e := data.get(code)) is not None and e.forbidding]
    return sorted(set(list(STATES)[::6]) | set(forbidding))


def test_memo_changes_no_draft(library: Library, monkeypatch: pytest.MonkeyPatch):
    """Every preset x kind x sampled state, twice over (so that the second pass is served
    from the memo), reads as it does with every template rendered afresh."""
    jobs = []
    for preset, spec in library.presets.items():
        for state in _sample_states(library):
            for kind in ("city", "county"):
                if spec.jurisdiction.get("kind", kind) != kind:
                    continue
                jur = JurisdictionAnswers(name="Memo", kind=kind, state=state)
                jobs.append(Answers(jurisdiction=jur, preset=preset))
    assert len(jobs) > len(library.presets)
    kept = [_draft(library, a) for a in jobs + jobs]
    with monkeypatch.context() as m:
        _fresh(m)
        fresh = [_draft(library, a) for a in jobs]
    assert kept == fresh + fresh


JURISDICTIONS = st.builds(
    dict,
    name=st.sampled_from(["Northfield", "Rice", "Saint Paul", "O'Brien", "Las Cruces"]),
    kind=st.sampled_from(["city", "county"]),
    state=st.sampled_from(sorted(STATES)),
    jail=st.sampled_from(["none", "city", "county", "sheriff"]),
    body=st.sampled_from(["", "Town Council", "Board of Commissioners"]),
    executive=st.sampled_from(["", "City Manager", "Mayor", "County Administrator"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(jurs=st.lists(JURISDICTIONS, min_size=2, max_size=4), data=st.data())
def test_memo_across_jurisdictions(
    library: Library, monkeypatch: pytest.MonkeyPatch, jurs: list[dict], data: st.DataObject
):
    """Drafts for jurisdictions that differ in a few answers, one after another (the memo
    warm from the one before), read as they do rendered afresh."""
    preset = data.draw(st.sampled_from(sorted(library.presets)))
    answers = []
    for jur in jurs:
        spec = library.presets[preset]
        jur = {**jur, "kind": spec.jurisdiction.get("kind", jur["kind"])}
        if jur["jail"] == "sheriff" and jur["kind"] != "county":
            jur["jail"] = "county"
        fields = {k: v for k, v in jur.items() if v != ""}
        try:
            answers.append(Answers(jurisdiction=JurisdictionAnswers(**fields), preset=preset))
        except ValueError:
            continue  # an answer the schema refuses for this kind (a message, not a draft)
    kept = []
    for a in answers:
        try:
            kept.append(_draft(library, a))
        except Exception as exc:  # the same refusal must come with the memo bypassed
            kept.append(type(exc).__name__)
    assume(any(isinstance(k, bytes) for k in kept))
    with monkeypatch.context() as m:
        _fresh(m)
        fresh = []
        for a in answers:
            try:
                fresh.append(_draft(library, a))
            except Exception as exc:
                fresh.append(type(exc).__name__)
    assert kept == fresh


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    plain = CompiledTemplate._render

    def render(self: CompiledTemplate, context):  # type: ignore[no-untyped-def]
        rendered.append(self.path)
        return plain(self, context)

    monkeypatch.setattr(CompiledTemplate, "_render", render)
    return rendered


def test_memo_serves_what_a_template_does_not_read(tmp_path: Path, monkeypatch):
    """A template that reads the governing body's name is rendered for the first two
    states (the second render is when the memo starts: a template rendered once in a run is
    never read for its names), not for a third with the same name, and again for a
    jurisdiction whose body is named otherwise."""
    lib = load_library(
        build_clause_library(
            tmp_path / "lib",
            {"provisions/purpose/text.md.j2": "{{ jur.the_body }} adopts this {{ variant }}.\n"},
        )
    )
    rendered = _counting(monkeypatch)

    def text(state: str, body: str = "") -> str:
        fields = {"name": "X", "kind": "city", "state": state}
        if body:
            fields["body"] = body
        answers = Answers(jurisdiction=JurisdictionAnswers(**fields), preset="essentials")
        o = draft_ordinance(lib, resolve(answers, lib, "t"))
        return next(p.text for s in o.sections if s.key == "purpose" for p in s.paragraphs)

    def purpose_renders() -> int:
        return len([p for p in rendered if p.endswith("purpose/text.md.j2")])

    first, second = text("OH"), text("OR")
    assert first == second and "the City Council adopts" in first
    assert purpose_renders() == 2
    assert text("WA") == first
    assert purpose_renders() == 2  # Washington's text came from the memo
    other = text("OR", body="Town Council")
    assert "the Town Council adopts" in other
    assert purpose_renders() == 3


def test_reads_of_tells_how_each_name_is_used(library: Library):
    env = library.env
    reads = reads_of(
        env,
        "{% set local = 1 %}{{ local }}{{ jur.the_body }}{{ has('x') }}{{ state.has('f') }}"
        "{{ ref(label='a') }}{{ variant|upper }}{% if part == 'resolution' %}{% endif %}",
    )
    assert reads is not None
    assert reads.attrs == (("jur", "the_body"),)
    assert set(reads.calls) == {("has", "", ("x",)), ("state", "has", ("f",))}
    assert set(reads.whole) == {"ref", "variant", "part"}  # ref with a keyword: whole
    assert reads_of(env, "{% include 'provisions/purpose/text.md.j2' %}") is None


def test_keys_tell_apart_what_prints_apart(library: Library):
    env = library.env
    reads = reads_of(env, "{{ value }}")
    assert reads is not None
    keys = {reads.key(env, {"value": v}) for v in (True, 1, 1.0, "1", (1,), [1], None, 0.0, -0.0)}
    assert len(keys) == 9
    assert reads.key(env, {"value": make_ref("a")}) == reads.key(env, {"value": make_ref("a")})
    assert reads.key(env, {"value": make_ref("a")}) != reads.key(env, {"value": make_ref("b")})
    assert reads.key(env, {}) != reads.key(env, {"value": ""})  # absent is not empty
    with pytest.raises(NoKey):
        reads.key(env, {"value": {1, 2}})  # a set prints in no fixed order
    with pytest.raises(NoKey):
        reads.key(env, {"value": [set()]})  # inside a list too


def test_keys_never_read_what_the_sandbox_forbids(library: Library):
    env = library.env
    reads = reads_of(env, "{{ jur.__class__ }}{{ has.__closure__ }}")
    assert reads is not None
    with pytest.raises(NoKey):
        reads.key(env, {"jur": object(), "has": lambda p: True})


def test_a_template_cannot_print_at_random(tmp_path: Path):
    """Jinja2's random filter is not offered: a kept text must be what a render gives."""
    from ordinance_drafter.errors import DrafterError

    lib = load_library(
        build_clause_library(
            tmp_path / "lib",
            {"provisions/purpose/text.md.j2": "{{ ['a', 'b']|random }} adopts this.\n"},
        )
    )
    answers = Answers(
        jurisdiction=JurisdictionAnswers(name="X", kind="city", state="MN"), preset="essentials"
    )
    with pytest.raises(DrafterError, match="random"):
        draft_ordinance(lib, resolve(answers, lib, "t"))
