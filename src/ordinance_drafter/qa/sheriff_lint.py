"""Lint checks for an elected sheriff's office: how each county provision treats it, and
that neither the ordinance nor the companion resolution commands the sheriff."""

from __future__ import annotations

import re
from typing import Any

from ..answers.sample import sample_jurisdiction
from ..assembly.markup import parse_blocks, split_refs
from ..errors import DrafterError
from ..library.templates import make_ref
from .wording import style as _style

# A command to the sheriff: the board cannot give one by ordinance or resolution.
_MUST_RE = re.compile(r"\bmust\b", re.IGNORECASE)
_SHERIFF_MUST_RE = re.compile(r"\b(?:Sheriff|Office of the Sheriff)(?:'s [a-z]+)? (?:must|shall)\b")
#: A county police department (not the sheriff's office), for the sample jurisdictions.
COUNTY_POLICE = "County Police Department"


def lint_sheriff_field(clause: Any, problems: list[str]) -> None:
    """Every county provision says how it treats an elected sheriff's office."""
    spec = clause.spec
    where = clause.directory / "clause.yaml"
    if "county" in spec.applies_to and spec.sheriff is None:
        problems.append(
            f"{where}: 'sheriff' is not set. Decide how a county whose elected sheriff runs "
            "the jail or is its law enforcement agency treats this provision: ordinance (it "
            "binds only what the board controls), request (it applies to the sheriff's office "
            "only as far as the board has authority, and the companion resolution asks the "
            "sheriff to follow it), resolution (it becomes a request in the companion "
            "resolution) or omit; say why in the note (docs/clause-format.md)."
        )
    if clause.request_path.is_file() and spec.sheriff != "request":
        problems.append(
            f"{clause.request_path}: a request to the sheriff is used only with "
            "'sheriff: request'; set it in clause.yaml or remove the file."
        )


def lint_sheriff_text(problems: list[str], label: str, part: str, text: str) -> None:
    """Neither part may command the sheriff; the resolution commands no one."""
    found = _SHERIFF_MUST_RE.search(text)
    if found:
        problems.append(
            f"{label}: says '{found.group()}', a command that a county board cannot give an "
            "elected sheriff; in the ordinance bind only what the board controls, and in the "
            "companion resolution say what the requested policy provides."
        )
    elif part == "resolution" and _MUST_RE.search(text):
        problems.append(
            f"{label}: the text for the companion resolution says 'must'; a resolution asks, "
            "so say what the requested policy provides ('the Office of the Sheriff does "
            "not ...')."
        )


def lint_request(clause: Any, context: dict[str, Any], problems: list[str], label: str) -> str:
    """Render a provision's request to the sheriff and check it; return its visible text."""
    where = f"{label} (request.md.j2)"
    try:
        blocks = parse_blocks(
            clause.request_template.render({**context, "part": "resolution"}),
            str(clause.request_path),
        )
    except DrafterError as exc:
        problems.append(f"{where}: {exc.message}")
        return ""
    for b in blocks:
        for kind, value in split_refs(b.text):
            target = value.partition("#")[0]
            if kind == "ref" and target not in (clause.id, "definitions", *clause.spec.requires):
                problems.append(
                    f"{where}: refers to '{target}'; a request names only its own section, "
                    "the definitions, and provisions listed under 'requires'."
                )
            elif kind == "anchor":
                problems.append(
                    f"{where}: uses anchor(); nothing can refer to an item of a request."
                )
    visible = re.sub("\x02[^\x03]*\x03", "", "\n".join(b.text for b in blocks))
    _style(problems, where, "text", visible)
    lint_sheriff_text(problems, where, "resolution", visible)
    return visible


def lint_resolution_wording(library: Any, problems: list[str]) -> None:
    """The companion resolution's own wording asks and never commands the sheriff."""
    spec = library.meta_document.resolution
    for jail, police in (("sheriff", ""), ("county", ""), ("sheriff", COUNTY_POLICE)):
        jur = sample_jurisdiction("county", jail=jail, police=police or None)
        form = library.form_for(jur.state, jur.kind, jur.city_type, jur.county_type)
        ctx = {
            "jur": jur,
            "has": lambda _pid: True,
            "ref": make_ref("definitions"),
            "clerk": "Clerk of the Board",
            "sections": ["the first section", "the second section"],
            "ordinance_number": "____",
            "ordinance_title": "An ordinance",
        }
        sources = [
            *(spec.recitals or ()),
            *(form.resolution.recitals or ()),
            spec.title,
            spec.resolving_clause,
            spec.terms,
            spec.sections,
            spec.transmittal,
            spec.response,
        ]
        for source in sources:
            try:
                text = library.compile_string(source, "library.yaml (document.resolution)").render(
                    ctx
                )
            except DrafterError as exc:
                problems.append(exc.message)
                continue
            visible = re.sub("\x02[^\x03]*\x03", "", text)
            label = f"library.yaml (document.resolution) [jail: {jail}]"
            _style(problems, label, "text", visible)
            lint_sheriff_text(problems, label, "resolution", visible)
        scope = library.compile_string(spec.sheriff_scope, "sheriff_scope").render(ctx)
        _style(problems, "library.yaml (document.resolution.sheriff_scope)", "text", scope)
