"""The documents in examples/ are exactly what their answers files produce today."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import docx
import pytest

from conftest import EXAMPLES, ROOT

spec = importlib.util.spec_from_file_location(
    "update_examples", ROOT / "scripts" / "update_examples.py"
)
update_examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_examples)

ANSWERS = sorted(EXAMPLES.glob("*/answers.yaml"))


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_there_is_a_city_and_a_county_example():
    """examples/ holds at least a Minnesota city and a Minnesota county."""
    import yaml

    kinds = {yaml.safe_load(a.read_text())["jurisdiction"]["kind"] for a in ANSWERS}
    assert kinds == {"city", "county"}


def test_there_is_a_code_chapter_example():
    """One example amends a chapter of a city code, with a cover summary."""
    import yaml

    documents = [yaml.safe_load(a.read_text()).get("document", {}) for a in ANSWERS]
    assert any(d.get("code_chapter") and d.get("cover_summary") for d in documents)


@pytest.mark.parametrize("answers", ANSWERS, ids=lambda p: p.parent.name)
def test_example_outputs_are_current(answers: Path):
    """ordinance.md and .html match byte for byte; ordinance.docx paragraph by paragraph.

    Regenerate with: python scripts/update_examples.py
    """
    fresh = update_examples.outputs(answers)
    assert (answers.parent / "ordinance.md").read_bytes() == fresh["ordinance.md"]
    assert (answers.parent / "ordinance.html").read_bytes() == fresh["ordinance.html"]
    committed = (answers.parent / "ordinance.docx").read_bytes()
    assert paragraphs(committed) == paragraphs(fresh["ordinance.docx"])


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of a DOCX package, uncompressed."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("answers", ANSWERS, ids=lambda p: p.parent.name)
def test_example_docx_is_current_part_by_part(answers: Path):
    """ordinance.docx matches part by part: styles, comments, fields, header and properties too.

    Rebuilds are byte-for-byte repeatable (fixed times in the package), so any change to the
    Word document shows here. Regenerate with: python scripts/update_examples.py
    """
    fresh = parts(update_examples.outputs(answers)["ordinance.docx"])
    committed = parts((answers.parent / "ordinance.docx").read_bytes())
    assert list(committed) == list(fresh)
    for name, data in fresh.items():
        assert committed[name] == data, f"{answers.parent.name}/ordinance.docx: {name} differs"


# The examples users open first (issue 16): what each kind of example must show.


def _examples() -> list[tuple[Path, dict]]:
    import yaml

    return [(a, yaml.safe_load(a.read_text())) for a in ANSWERS]


def _model(answers: Path):
    from ordinance_drafter.answers.sources import resolve_file
    from ordinance_drafter.library.loader import load_library
    from ordinance_drafter.pipeline import draft_ordinance

    library = load_library()
    return library, draft_ordinance(library, resolve_file(answers, library))


def _docx_text(answers: Path) -> str:
    document = docx.Document(io.BytesIO((answers.parent / "ordinance.docx").read_bytes()))
    return "\n".join(p.text for p in document.paragraphs)


def _pick(preset: str, **jurisdiction: str) -> list[Path]:
    return [
        a
        for a, data in _examples()
        if data.get("preset") == preset
        and all(data["jurisdiction"].get(k) == v for k, v in jurisdiction.items())
    ]


def test_a_texas_city_from_the_standard_preset_shows_the_state_law_warnings():
    """A Texas city's standard draft: its DOCX warns on each section the state data flags
    as forbidden or limited, and its findings name Texas law."""
    (answers,) = _pick("standard", state="TX", kind="city")
    _library, model = _model(answers)
    strong = [(h, f) for h, f in model.flagged_sections() if f.severity in ("forbidden", "limited")]
    assert strong, "the standard preset has provisions Texas law forbids"
    text = _docx_text(answers)
    assert "State-law warnings for the attorney" in text
    for heading, _flag in strong:
        assert heading in text
    assert "Tex. Gov't Code" in " ".join(p.text for p in model.findings.paragraphs)


def test_a_texas_city_from_the_state_compliant_preset_keeps_only_what_texas_allows():
    """The state-compliant draft for the same city has no forbidden or limited section, and
    holds only provisions the Texas data records as lawful (besides the always-included)."""
    from ordinance_drafter.statelaw.flags import state_entry

    (answers,) = _pick("state-compliant", state="TX", kind="city")
    library, model = _model(answers)
    assert not [f for _h, f in model.flagged_sections() if f.severity in ("forbidden", "limited")]
    lawful = set(state_entry(library, "TX").lawful)
    required = {pid for pid, c in library.clauses.items() if c.spec.required}
    kept = {s.key for s in model.sections} - required - {"definitions"}
    assert kept and kept <= lawful, kept - lawful
    (standard,) = _pick("standard", state="TX", kind="city")
    assert (
        _examples()[ANSWERS.index(standard)][1]["jurisdiction"]
        == (_examples()[ANSWERS.index(answers)][1]["jurisdiction"])
    ), "the two Texas examples are the same city, so they compare"


def test_a_minnesota_county_whose_sheriff_runs_the_jail_has_its_companion_resolution():
    """The sheriff-run county's DOCX holds the ordinance and, after it, the resolution with
    every paragraph the model has; each provision the library gives the sheriff to decide
    (``sheriff: resolution``) is a paragraph there and not a section of the ordinance."""
    from ordinance_drafter.answers.sources import resolve_file

    (answers,) = _pick("county-sheriff", state="MN", kind="county", jail="sheriff")
    library, model = _model(answers)
    assert model.resolution is not None and model.resolution.sections
    text = _docx_text(answers)
    title = " ".join(model.resolution.title.split())
    assert text.index(model.title) < text.upper().index(title.upper())
    for sec in model.resolution.sections:
        assert f"Paragraph {sec.number}. {sec.caption}" in text
    # Its number line, each recital and the resolving clause are paragraphs of their own.
    lines = [t for _style, t in paragraphs((answers.parent / "ordinance.docx").read_bytes())]
    res = model.resolution
    opening = [res.number_line, res.title, *res.recitals, res.resolving_clause]
    start = lines.index(res.number_line)
    assert [" ".join(x.split()) for x in lines[start : start + len(opening)]] == [
        " ".join(x.split()) for x in opening
    ]
    jur = resolve_file(answers, library).jurisdiction
    chosen = {s.key for s in model.all_sections()}
    to_sheriff = {
        pid
        for pid in chosen
        if pid in library.clauses
        and library.clauses[pid].spec.sheriff_treatment(jur) == "resolution"
    }
    in_resolution = {s.key for s in model.resolution.sections}
    assert to_sheriff and to_sheriff <= in_resolution
    assert not to_sheriff & {s.key for s in model.sections}, "not in the ordinance as well"


def test_a_comprehensive_draft_is_lawful_where_it_is_drafted():
    """The comprehensive example holds every provision of the preset that suits it, and
    none that the state data flags as forbidden or limited."""
    (answers,) = _pick("comprehensive")
    library, model = _model(answers)
    assert not [f for _h, f in model.flagged_sections() if f.severity in ("forbidden", "limited")]
    preset = set(library.presets["comprehensive"].provisions)
    chosen = {s.key for s in model.all_sections()} | {"findings"}
    jail = {pid for pid, c in library.clauses.items() if c.spec.needs_jail}
    assert preset - jail <= chosen, preset - jail - chosen


def test_the_readme_lists_every_example():
    """README.md names each example folder with a line on what it shows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for answers in ANSWERS:
        line = next((x for x in readme.splitlines() if f"examples/{answers.parent.name}" in x), "")
        assert len(line.split()) > 5, f"README has no line for examples/{answers.parent.name}"
