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
