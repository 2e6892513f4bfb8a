"""The answers file: what the user chose, saved so that a draft can be rebuilt exactly.

The format is documented for users in ``docs/answers-format.md``. Answers come from four
places, later ones winning (like copier's answer map):

1. the library's defaults (every variable has one);
2. a preset (``preset: standard``), which picks provisions, variants and values;
3. an answers file, or what the interview collected;
4. ``--set key=value`` on the command line.

:func:`resolve` checks the merged answers against the clause library once and returns a
:class:`Resolved` set of choices that assembly can trust.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from ._records import Field, Record, ValidationFailed, field_validator
from ._yaml import (
    describe_validation_error,
    did_you_mean,
    dump_yaml,
    parse_yaml,
    read_yaml,
    short_repr,
)
from .errors import AnswerError, ClauseConflictError
from .jurisdiction import JAIL_CHOICES, STATES, Jurisdiction, base_name

if TYPE_CHECKING:
    from .library import Library, VariableSpec

FORMAT_VERSION = 1
MAX_NAME = 120
MAX_TEXT = 2000
NOTES_MODES = ("comments", "inline", "appendix", "none")
# A code chapter named by the user must end with its number: "Chapter 19", "Title 2, Chapter 2A".
CHAPTER_RE = re.compile(r"(?<![\w.])(\d+[A-Za-z]?)$")
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def check_text(value: str, limit: int = MAX_TEXT, *, single_line: bool = True) -> str | None:
    """Return a problem with user-entered text, or ``None`` if it is fine."""
    if not isinstance(value, str):
        return f"it must be text, not {type(value).__name__}"
    bad = _ILLEGAL_RE.search(value)
    if bad:
        return (
            f"it contains the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}, which a Word document cannot hold; remove it"
        )
    if single_line and ("\n" in value or "\r" in value or "\t" in value):
        return "it must be a single line (no line breaks or tabs)"
    if len(value) > limit:
        return f"it is {len(value):,} characters long; the limit is {limit:,}"
    return None


def _text_validator(limit: int, *, allow_empty: bool = True) -> Any:
    def check(cls: Any, value: Any) -> Any:
        if value is None:
            return value
        problem = check_text(value, limit)
        if problem:
            raise ValueError(problem)
        if not allow_empty and not value.strip():
            raise ValueError("it is empty; enter the name as it appears in the charter")
        return value

    return classmethod(check)


class _Strict(Record):
    """An answers record: unknown keys are refused."""


class JurisdictionAnswers(_Strict):
    """The ``jurisdiction`` part of an answers file."""

    name: str
    kind: Literal["city", "county"]
    state: str = "MN"
    city_type: Literal["statutory", "charter"] | None = None
    jail: Literal["none", "city", "county", "sheriff"] | None = None
    body: str | None = None
    executive: str | None = None
    police: str | None = None

    _name = field_validator("name")(_text_validator(MAX_NAME, allow_empty=False))
    _others = field_validator("body", "executive", "police")(_text_validator(MAX_NAME))

    @field_validator("kind", "city_type", "jail", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        # "City" and "Sheriff" are what people type; the choices themselves are lower-case.
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("state", mode="before")
    @classmethod
    def _state(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("it must be a two-letter state code such as MN")
        text = value.strip()
        by_name = {v.lower(): k for k, v in STATES.items()}
        code = by_name.get(text.lower(), text.upper())
        if code not in STATES:
            hint = did_you_mean(text.upper(), STATES) or did_you_mean(text.title(), STATES.values())
            raise ValueError(
                f"'{text}' is not a US state code.{hint} Use a two-letter code such as MN, "
                "WI or CA (DC is accepted too)"
            )
        return code


class ProvisionAnswers(_Strict):
    """One provision's choices: its variant and the values of its variables."""

    variant: str | None = None
    values: dict[str, Any] = Field(default_factory=dict)


class DocumentAnswers(_Strict):
    """Options for the document as a whole."""

    title: str | None = None
    number: str = "____"
    draft_date: str | None = None
    notes_author: str = "Ordinance Drafter (model notes)"
    notes: Literal["comments", "inline", "appendix", "none"] = "comments"
    confidential: bool = False
    code_chapter: str | None = None
    code_action: Literal["amend", "add"] = "amend"
    code_name: str | None = None
    code_chapter_title: str | None = None
    cover_summary: bool = False
    line_numbers: bool = False
    xref_fields: bool = True

    _texts = field_validator("title", "number", "notes_author", "code_name", "code_chapter_title")(
        _text_validator(300)
    )

    @field_validator("code_chapter")
    @classmethod
    def _chapter(cls, value: Any) -> Any:
        if value is None:
            return value
        problem = check_text(value, 120)
        if problem:
            raise ValueError(problem)
        if not CHAPTER_RE.search(value.strip()):
            raise ValueError(
                f"'{value}' does not end with a chapter number; write it as the code does, "
                "e.g. 'Chapter 19', 'Title 2, Chapter 19' or 'Chapter 2A', so that sections "
                "can be numbered 19.10, 19.20 ..."
            )
        return " ".join(value.split())

    @field_validator("draft_date")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if value is None:
            return value
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError("it must be a date written YYYY-MM-DD, e.g. 2026-11-25") from None
        return str(value)


class LibraryRecord(_Strict):
    """The ``library`` part of an answers file: which clause library built the draft.

    The tool writes it; ``build`` compares it with the library in use to say which
    provisions changed since (see ``docs/answers-format.md``). Older files recorded only
    ``name`` and ``version``; ``provisions`` (each chosen provision's version) is optional.
    """

    name: str = ""
    version: str = ""
    provisions: dict[str, str] = Field(default_factory=dict)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        # YAML reads an unquoted 0.1 as a number; a version is text.
        return str(value) if isinstance(value, (int, float)) else value

    @field_validator("provisions", mode="before")
    @classmethod
    def _provision_versions(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                for k, v in value.items()
            }
        return value


class Answers(_Strict):
    """A whole answers file."""

    format: int = FORMAT_VERSION
    library: LibraryRecord | None = None
    jurisdiction: JurisdictionAnswers
    preset: str | None = None
    provisions: dict[str, ProvisionAnswers | None] | None = None
    document: DocumentAnswers = Field(default_factory=DocumentAnswers)

    @field_validator("provisions", mode="before")
    @classmethod
    def _list_form(cls, value: Any) -> Any:
        # A plain list of provision ids is accepted as shorthand for "all defaults".
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise ValueError("a list of provisions must hold provision ids only")
            return {v: None for v in value}
        return value

    @field_validator("format")
    @classmethod
    def _format(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(
                f"this version of Ordinance Drafter reads answers format {FORMAT_VERSION}"
            )
        return value


ALLOWED_KEYS: dict[str, list[str]] = {
    "": list(Answers.model_fields),
    "jurisdiction": list(JurisdictionAnswers.model_fields),
    "document": list(DocumentAnswers.model_fields),
    "library": list(LibraryRecord.model_fields),
}


def parse_answers(data: Any, source: str) -> Answers:
    """Validate raw answers data (from a file, the interview or ``--set``).

    Raises:
        AnswerError: The data is not a valid answers set; the message names the field.
    """
    if data is None:
        raise AnswerError(f"{source}: the answers file is empty. See docs/answers-format.md.")
    if not isinstance(data, dict):
        raise AnswerError(
            f"{source}: an answers file must be a YAML mapping with the keys "
            f"{', '.join(ALLOWED_KEYS[''])}; this one is a {type(data).__name__}."
        )
    keys = dict(ALLOWED_KEYS)
    for pid, value in (
        (data.get("provisions") or {}).items() if isinstance(data.get("provisions"), dict) else []
    ):
        if isinstance(value, dict):
            keys[f"provisions.{pid}"] = list(ProvisionAnswers.model_fields)
    try:
        return Answers.model_validate(data)
    except ValidationFailed as exc:
        raise AnswerError(describe_validation_error(exc, source, keys)) from None


def load_answers(path: Path) -> Answers:
    """Read and validate an answers file."""
    return parse_answers(read_yaml(path, AnswerError, "answers file"), str(path))


def parse_answers_text(text: str, source: str) -> Answers:
    """Validate answers given as YAML text."""
    return parse_answers(parse_yaml(text, source, AnswerError, "answers file"), source)


# -- --set key=value ------------------------------------------------------------------


def apply_sets(
    data: dict[str, Any], sets: Iterable[str], library: Library | None = None
) -> dict[str, Any]:
    """Apply ``--set key=value`` overrides to raw answers data.

    ``key`` is a dotted path (``jurisdiction.name``, ``provisions.detainers.variant``,
    ``provisions.training.values.hours``). The value is read as YAML, so ``4`` is a number,
    ``true`` a boolean and ``[a, b]`` a list. ``provisions.<id>=on`` adds a provision with
    its defaults and ``provisions.<id>=off`` removes it.

    Raises:
        AnswerError: A ``--set`` is not of the form ``key=value`` or its path is unknown.
    """
    out = json.loads(json.dumps(data, default=str))
    for item in sets:
        if "=" not in item:
            raise AnswerError(
                f"--set {item!r}: expected key=value, e.g. --set jurisdiction.name=Northfield."
            )
        key, _, raw = item.partition("=")
        parts = [p for p in key.strip().split(".") if p]
        if not parts:
            raise AnswerError(f"--set {item!r}: the key before '=' is empty.")
        value = _set_value(parts, raw, library)
        if parts[0] not in ALLOWED_KEYS[""]:
            raise AnswerError(
                f"--set {item!r}: unknown key '{parts[0]}'."
                f"{did_you_mean(parts[0], ALLOWED_KEYS[''])}"
                f" Allowed first parts: {', '.join(ALLOWED_KEYS[''])}."
            )
        if parts[0] == "provisions" and len(parts) > 1:
            # Changing one provision starts from the preset's provisions, not from none.
            provisions = out.get("provisions")
            if provisions is None and library is not None:
                preset = out.get("preset") or library.default_preset
                chosen = library.presets.get(str(preset))
                # A deep copy: the preset itself must never change.
                provisions = json.loads(json.dumps(chosen.provisions)) if chosen else {}
            if provisions is None:
                provisions = {}
            if isinstance(provisions, list):
                provisions = {p: None for p in provisions}
            if isinstance(provisions, dict):
                provisions = {k: (v if v is not None else {}) for k, v in provisions.items()}
            out["provisions"] = provisions
        if parts[0] == "provisions" and len(parts) == 2 and value in ("on", "off", True, False):
            provisions = out["provisions"]
            if value in ("on", True):
                provisions.setdefault(parts[1], None)
            else:
                provisions.pop(parts[1], None)
            out["provisions"] = provisions
            continue
        node = out
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[parts[-1]] = value
    return out


def _set_value(parts: list[str], raw: str, library: Library | None) -> Any:
    """Type a ``--set`` value by what its key holds, as the interview would.

    Text answers (names, ids, dates, ordinance numbers) stay text, so ``number=12`` or
    ``name=Yes`` are not turned into a number or a boolean; a multiselect variable takes a
    comma-separated list; anything else is read as YAML (``45``, ``true``, ``[a, b]``).
    """
    import yaml

    text = raw.strip()
    models = {"jurisdiction": JurisdictionAnswers, "document": DocumentAnswers}
    if len(parts) == 1 and parts[0] == "preset":
        return text
    if len(parts) == 2 and parts[0] in models and _is_text_field(models[parts[0]], parts[1]):
        return text
    if len(parts) == 3 and parts[0] == "provisions" and parts[2] == "variant":
        return text
    if library is not None and len(parts) == 4 and parts[:3:2] == ["provisions", "values"]:
        clause = library.clauses.get(parts[1])
        var = clause.spec.variable(parts[3]) if clause else None
        if var is not None and var.type in ("text", "choice"):
            return text
        if var is not None and var.type == "multiselect" and not text.startswith("["):
            return [p.strip() for p in text.split(",") if p.strip()]
    try:
        value = yaml.safe_load(raw) if text else ""
    except yaml.YAMLError:
        value = raw
    if isinstance(value, (dt.date, dt.datetime)):
        value = str(raw)
    return value


def _is_text_field(model: type[Record], name: str) -> bool:
    """Whether a field of ``model`` holds text (str, optional str, or a literal of strings)."""
    info = model.model_fields.get(name)
    if info is None:
        return False
    annotation = info.annotation
    if get_origin(annotation) is Literal:
        args = [annotation]
    else:
        args = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
    return all(
        a is str or (get_origin(a) is Literal and all(isinstance(x, str) for x in get_args(a)))
        for a in args
    )


# -- checking values against the library ----------------------------------------------


def check_value(var: VariableSpec, value: Any) -> str | None:
    """Return what is wrong with ``value`` for variable ``var``, or ``None``."""
    kind = var.type
    if kind == "bool":
        return None if isinstance(value, bool) else "it must be true or false"
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "it must be a whole number"
        if var.min is not None and value < var.min:
            return f"it must be at least {var.min}"
        if var.max is not None and value > var.max:
            return f"it must be at most {var.max}"
        return None
    if kind == "text":
        return check_text(value, MAX_TEXT)
    allowed = var.choice_ids
    if kind == "choice":
        if value not in allowed:
            hint = did_you_mean(str(value), allowed)
            return (
                f"{short_repr(value)} is not one of the choices.{hint} "
                f"Allowed: {', '.join(allowed)}"
            )
        return None
    if not isinstance(value, list):
        return f"it must be a list of choices, e.g. [{', '.join(allowed[:2])}]"
    for item in value:
        if item not in allowed:
            hint = did_you_mean(str(item), allowed)
            return (
                f"{short_repr(item)} is not one of the choices.{hint} Allowed: {', '.join(allowed)}"
            )
    if len(set(value)) != len(value):
        return "it lists the same choice twice"
    return None


@dataclass(frozen=True)
class Choice:
    """One chosen provision after resolution: its variant and complete values."""

    id: str
    variant: str
    values: Mapping[str, Any]


@dataclass
class Resolved:
    """Answers checked against a library, with every default filled in.

    Attributes:
        jurisdiction: The jurisdiction and its vocabulary.
        choices: The chosen provisions, in the library's canonical order.
        document: Document options.
        preset: The preset the answers started from, if any.
        dropped: Provisions a preset offered that do not apply here, with the reason.
    """

    jurisdiction: Jurisdiction
    choices: dict[str, Choice]
    document: DocumentAnswers
    preset: str | None
    dropped: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""

    @property
    def draft_date(self) -> dt.date:
        """The date printed in the DRAFT header."""
        if self.document.draft_date:
            return dt.date.fromisoformat(self.document.draft_date)
        return dt.date.today()

    def to_answers(self, library: Library) -> dict[str, Any]:
        """The complete answers as saved to a file (every default written out)."""
        jur = self.jurisdiction
        jdata: dict[str, Any] = {"name": jur.name, "kind": jur.kind, "state": jur.state}
        if jur.city_type:
            jdata["city_type"] = jur.city_type
        jdata["jail"] = jur.jail
        for key in ("body", "executive", "police"):
            jdata[key] = getattr(jur, key)
        provisions = {
            c.id: ({"variant": c.variant} if c.variant else {})
            | ({"values": dict(c.values)} if c.values else {})
            for c in self.choices.values()
        }
        doc = self.document.model_dump()
        if not doc.get("draft_date"):
            doc["draft_date"] = self.draft_date.isoformat()
        return {
            "format": FORMAT_VERSION,
            "library": library_record(library, self.choices),
            "jurisdiction": jdata,
            "preset": self.preset,
            "provisions": provisions,
            "document": doc,
        }

    def fingerprint(self, library: Library) -> str:
        """A short hash of the answers that identifies this draft's content."""
        data = self.to_answers(library)
        data.pop("library", None)
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def library_record(library: Library, provisions: Iterable[str]) -> dict[str, Any]:
    """The ``library`` record of an answers file: name, version and provision versions.

    Args:
        library: The clause library that builds the draft.
        provisions: The ids of the provisions in the draft.
    """
    return {
        "name": library.meta.name,
        "version": library.version,
        "provisions": {
            pid: library.clauses[pid].spec.version for pid in provisions if pid in library.clauses
        },
    }


def _defaults_for_kind(kind: str) -> dict[str, str]:
    if kind == "city":
        return {"executive": "Mayor", "police": "Police Department", "jail": "none"}
    return {
        "executive": "County Administrator",
        "police": "Office of the Sheriff",
        "jail": "sheriff",
    }


def resolve(answers: Answers, library: Library, source: str = "answers") -> Resolved:
    """Check answers against the library and fill in every default.

    Args:
        answers: Validated answers.
        library: The clause library.
        source: Where the answers came from, for messages (a file path, "--set" ...).

    Raises:
        AnswerError: An id, variant or value is unknown or invalid.
        ClauseConflictError: Chosen provisions conflict, or one lacks a provision it requires.
    """
    ja = answers.jurisdiction
    defaults = _defaults_for_kind(ja.kind)
    preset_id = answers.preset
    if preset_id is not None and preset_id not in library.presets:
        raise AnswerError(
            f"{source}: field 'preset' is '{preset_id}', which is not a preset of this "
            f"library.{did_you_mean(str(preset_id), library.presets)} Presets: "
            f"{', '.join(library.presets)}."
        )
    preset_jur = library.presets[preset_id].jurisdiction if preset_id else {}
    if preset_jur.get("kind") and preset_jur["kind"] != ja.kind:
        fitting = [
            p for p, v in library.presets.items() if v.jurisdiction.get("kind", ja.kind) == ja.kind
        ]
        raise AnswerError(
            f"{source}: field 'preset' is '{preset_id}', which is written for a "
            f"{preset_jur['kind']}, but jurisdiction.kind is '{ja.kind}'. Choose another preset "
            f"({', '.join(fitting)})."
        )
    jail = ja.jail or preset_jur.get("jail") or defaults["jail"]
    if jail not in JAIL_CHOICES[ja.kind]:
        raise AnswerError(
            f"{source}: field 'jurisdiction.jail' is '{jail}', which does not fit a {ja.kind}. "
            f"Allowed for a {ja.kind}: {', '.join(JAIL_CHOICES[ja.kind])}."
        )
    city_type = ja.city_type or ""
    if ja.kind == "city" and ja.state == "MN" and not city_type:
        city_type = "statutory"
    if city_type and (ja.kind != "city" or ja.state != "MN"):
        raise AnswerError(
            f"{source}: field 'jurisdiction.city_type' applies only to Minnesota cities "
            f"(this is a {ja.kind} in {ja.state}); remove it."
        )
    form = library.form_for(ja.state, ja.kind, city_type)
    jurisdiction = Jurisdiction(
        name=base_name(ja.name, ja.kind),
        kind=ja.kind,
        state=ja.state,
        city_type=city_type,
        jail=jail,
        body=ja.body or form.body,
        executive=ja.executive or defaults["executive"],
        police=ja.police or defaults["police"],
    )

    dropped: list[tuple[str, str]] = []
    if answers.provisions is not None:
        raw = dict(answers.provisions)
        explicit = True
    else:
        preset_id = preset_id or library.default_preset
        if preset_id not in library.presets:
            raise AnswerError(
                f"{source}: field 'preset' is '{preset_id}', which is not a preset of this "
                f"library.{did_you_mean(str(preset_id), library.presets)} Presets: "
                f"{', '.join(library.presets)}."
            )
        raw = {
            pid: ProvisionAnswers.model_validate(val or {})
            for pid, val in library.presets[preset_id].provisions.items()
        }
        explicit = False
    for clause in library.clauses.values():
        if clause.spec.required and clause.id not in raw:
            raw[clause.id] = None

    choices: dict[str, Choice] = {}
    for pid, pa in raw.items():
        where = f"provisions.{pid}"
        clause = library.clauses.get(pid)
        if clause is None:
            raise AnswerError(
                f"{source}: field 'provisions' names '{pid}', which is not a provision of "
                f"this library.{did_you_mean(pid, library.clauses)} Run 'ordinance-drafter "
                "provisions' to list them."
            )
        reason = applicability(clause.spec, jurisdiction)
        if reason:
            if explicit and not clause.spec.required:
                raise AnswerError(
                    f"{source}: field '{where}': {reason} Remove it, or change the "
                    "jurisdiction answers."
                )
            dropped.append((pid, reason))
            continue
        pa = pa or ProvisionAnswers()
        variant = pa.variant or clause.spec.default_variant
        if clause.spec.variants:
            spec_variant = clause.spec.variant(variant)
            if spec_variant is None:
                raise AnswerError(
                    f"{source}: field '{where}.variant' is '{variant}', which is not a "
                    f"variant of '{pid}'.{did_you_mean(variant, clause.spec.variant_ids)} "
                    f"Variants: {', '.join(clause.spec.variant_ids)}."
                )
            if jurisdiction.kind not in spec_variant.applies_to:
                raise AnswerError(
                    f"{source}: field '{where}.variant': the variant '{variant}' is for "
                    f"{' and '.join(spec_variant.applies_to)} ordinances, not a "
                    f"{jurisdiction.kind}."
                )
        elif pa.variant:
            raise AnswerError(
                f"{source}: field '{where}.variant' is '{pa.variant}', but '{pid}' has only "
                "one wording; remove the variant."
            )
        values = dict(pa.values)
        for name in values:
            if clause.spec.variable(name) is None:
                names = [v.name for v in clause.spec.variables]
                raise AnswerError(
                    f"{source}: field '{where}.values.{name}' is not a variable of '{pid}'."
                    f"{did_you_mean(name, names)} "
                    + (f"Its variables: {', '.join(names)}." if names else "It has none.")
                )
        full: dict[str, Any] = {}
        for var in clause.spec.variables:
            value = values.get(var.name, var.default)
            problem = check_value(var, value)
            if problem:
                raise AnswerError(f"{source}: field '{where}.values.{var.name}': {problem}.")
            full[var.name] = value
        choices[pid] = Choice(pid, variant, full)

    ordered = {cid: choices[cid] for cid in library.clauses if cid in choices}
    for choice in ordered.values():
        spec = library.clauses[choice.id].spec
        variant = spec.variant(choice.variant)
        for other in spec.requires:
            if other not in ordered:
                raise ClauseConflictError(
                    f"{source}: provision '{choice.id}' requires '{other}', which is not "
                    f"chosen. Add '{other}' to provisions, or remove '{choice.id}'."
                )
        for other in variant.requires if variant else ():
            if other not in ordered:
                raise ClauseConflictError(
                    f"{source}: the variant '{choice.variant}' of '{choice.id}' relies on "
                    f"'{other}', which is not chosen. Add '{other}' to provisions, or choose "
                    "another variant."
                )
        for other in spec.conflicts:
            if other in ordered:
                raise ClauseConflictError(
                    f"{source}: provisions '{choice.id}' and '{other}' conflict (they give "
                    "different rules for the same thing). Keep one of them."
                )
    return Resolved(jurisdiction, ordered, answers.document, preset_id, dropped, source)


def applicability(spec: Any, jurisdiction: Jurisdiction) -> str:
    """Why provision ``spec`` does not apply to ``jurisdiction``; empty if it does."""
    if jurisdiction.kind not in spec.applies_to:
        return f"'{spec.id}' is written for {' and '.join(spec.applies_to)} ordinances only."
    if spec.needs_jail and not jurisdiction.has_jail:
        return (
            f"'{spec.id}' concerns people held in a jail, and this {jurisdiction.kind} runs "
            "none (jurisdiction.jail is 'none')."
        )
    if spec.needs_jail and jurisdiction.sheriff_jail and spec.sheriff == "omit":
        return f"'{spec.id}' cannot be addressed to an elected sheriff's jail by ordinance."
    return ""


def save_answers(path: Path, data: Mapping[str, Any], *, force: bool = True) -> None:
    """Write an answers file atomically, with a header saying how to use it."""
    from ._io import atomic_write_text

    header = (
        "# Ordinance Drafter answers file (format documented in docs/answers-format.md).\n"
        "# Rebuild the draft without questions:  ordinance-drafter build "
        f"{path.name} -o draft.docx\n"
    )
    atomic_write_text(path, header + dump_yaml(dict(data)), force=force)
