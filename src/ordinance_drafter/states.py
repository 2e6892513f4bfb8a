"""The state-law layer: what each state's law says about local separation ordinances.

The data lives in the clause library, like every other piece of legal content::

    states/_index.yaml        the as-of date, the fixed list of provision ids, severities
    states/<CODE>.yaml        one state (or DC): status, summary, citations, penalties,
                              sources, confidence, and per-provision flags
    federal.yaml              federal context items, each mapped to the provisions it bears on

Everything is validated once, into typed records (``_records``), when a command first needs it
(``Library.state_data`` loads it lazily, so ``--help`` and ``build`` stay fast).

Three functions give the rest of the tool what it needs:

* :func:`flag_provision` is plugged into assembly (``build.state_flagger``): the flags in a
  section's note.
* :func:`provision_flags` answers "what should a user in state X know about provision Y?"
  (the interview calls it next to each provision question).
* :func:`state_notice` is one paragraph for the interview as soon as the state is known.

A flag is a strong warning, never a refusal: the user decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._records import Field, Record, field_validator, model_validator
from ._yaml import did_you_mean, read_yaml, validate_mapping
from .errors import ClauseLibraryError, DrafterError
from .jurisdiction import STATES
from .model import Flag

if TYPE_CHECKING:  # pragma: no cover
    from ._cache import LibraryCache
    from .answers import Choice, Resolved
    from .library import Clause, Library

Severity = Literal["forbidden", "limited", "restates", "info"]
Status = Literal["prohibits", "statewide_separation", "none_known"]
Confidence = Literal["high", "medium", "low"]
SourceStatus = Literal["verified", "described", "unconfirmed"]

#: How each severity reads, strongest first.
SEVERITIES: dict[str, str] = {
    "forbidden": "state law likely forbids this provision",
    "limited": "state law limits this provision",
    "restates": "state law already requires this; the local provision restates it",
    "info": "state-law context for this provision",
}
STATUS_LABELS: dict[str, str] = {
    "prohibits": "state law prohibits or restricts local separation policies",
    "statewide_separation": "state law itself limits participation in immigration enforcement",
    "none_known": "no state statute either way was found",
}


class _Strict(Record, strip=True):
    """A state-law record: unknown keys are refused, text is stripped."""


def _iso_date(value: Any) -> str:
    """Accept a YAML date or an ISO date string; keep it as an ISO string."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD") from None
    return text


class CheckSpec(_Strict):
    """A record of one fact checked against a source for this entry.

    Attributes:
        cite: The citation checked, e.g. ``Tex. Gov't Code § 752.053(a)``.
        finding: What the source showed, in a few words.
        url: Where it was read.
        status: ``verified`` (the text or an official page was read), ``described`` (only a
            secondary source says it) or ``unconfirmed``.
    """

    cite: str = Field(min_length=3)
    finding: str = ""
    url: str = ""
    status: SourceStatus = "verified"


class ProvisionFlagSpec(_Strict):
    """What a state's law means for one provision.

    Attributes:
        severity: ``forbidden``, ``limited``, ``restates`` or ``info``.
        message: What the user must know, in our own words.
        citations: The law behind it, with pinpoint citations.
        kinds: Only for these kinds of jurisdiction (empty: both).
        variants: Only for these variants of the provision (empty: all).
    """

    severity: Severity
    message: str = Field(min_length=20)
    citations: tuple[str, ...] = ()
    kinds: tuple[Literal["city", "county"], ...] = ()
    variants: tuple[str, ...] = ()


class StateSpec(_Strict):
    """One state's entry (``states/<CODE>.yaml``)."""

    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    status: Status
    strength: str | None = None
    summary: str = Field(min_length=20)
    citations: tuple[str, ...] = ()
    forbids: tuple[str, ...] = ()
    penalties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    as_of: str
    confidence: Confidence
    caution_flag: bool = False
    unconfirmed: tuple[str, ...] = ()
    checked: tuple[CheckSpec, ...] = ()
    notice: str = ""
    provisions: dict[str, tuple[ProvisionFlagSpec, ...]] = Field(default_factory=dict)

    _as_of = field_validator("as_of", mode="before")(_iso_date)

    @field_validator("provisions", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        """A provision takes one flag (a mapping) or several (a list, e.g. by kind)."""
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, dict) else v for k, v in value.items()}
        return value

    def flag_specs(self) -> list[tuple[str, ProvisionFlagSpec]]:
        """Every (provision id, flag) pair of this state."""
        return [(pid, spec) for pid, specs in self.provisions.items() for spec in specs]

    @model_validator(mode="after")
    def _consistent(self) -> StateSpec:
        if self.status == "prohibits" and not self.citations:
            raise ValueError("a state whose status is 'prohibits' needs its 'citations'")
        return self


class FederalItemSpec(_Strict):
    """A federal statute, order or case that bears on some provisions (``federal.yaml``).

    Attributes:
        id: A short id.
        title: What it is, e.g. ``8 U.S.C. §§ 1373 and 1644``.
        as_of: The date the status of this item was last checked.
        status: How well it is confirmed (see :class:`CheckSpec`).
        summary: What it provides or held, in our own words.
        citations: Pinpoint citations.
        sources: Where it was read.
        note: The default message shown in a provision's note.
        provisions: Provision ids it bears on, each with its own message or ``null`` for
            the default ``note``.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    as_of: str
    status: SourceStatus = "verified"
    summary: str = Field(min_length=20)
    citations: tuple[str, ...] = Field(min_length=1)
    sources: tuple[str, ...] = ()
    note: str = ""
    provisions: dict[str, str | None] = Field(min_length=1)

    _as_of = field_validator("as_of", mode="before")(_iso_date)

    @model_validator(mode="after")
    def _messages(self) -> FederalItemSpec:
        missing = [pid for pid, msg in self.provisions.items() if not msg and not self.note]
        if missing:
            raise ValueError(
                f"provisions {', '.join(missing)} have no message and the item has no 'note'"
            )
        return self

    def message(self, pid: str) -> str:
        """The message shown for provision ``pid``."""
        return " ".join((self.provisions.get(pid) or self.note).split())


class FederalFile(_Strict):
    """``federal.yaml``."""

    as_of: str
    items: tuple[FederalItemSpec, ...]

    _as_of = field_validator("as_of", mode="before")(_iso_date)


class StatesIndex(_Strict):
    """``states/_index.yaml``: the dataset's date, method and the fixed provision ids."""

    as_of: str
    description: str = ""
    known_provisions: tuple[str, ...] = Field(min_length=1)

    _as_of = field_validator("as_of", mode="before")(_iso_date)


class StateData:
    """The state-law layer of a clause library, validated as it is read.

    A build needs one state's file and ``federal.yaml``; ``states`` and ``lint-library``
    read them all. Each file is read and validated at most once.

    Args:
        root: The library folder.
        cache: Where parsed files are kept between runs (the built-in library's), if any.

    Raises:
        ClauseLibraryError: A file is invalid; the message names the file and field.
    """

    def __init__(self, root: Path, cache: LibraryCache | None = None) -> None:
        self.root = Path(root)
        self.cache = cache
        self.folder = self.root / "states"
        self._states: dict[str, StateSpec | None] = {}
        self._index: StatesIndex | None = None
        self._federal: FederalFile | None = None

    @property
    def present(self) -> bool:
        """Whether the library has any state data at all."""
        return self.folder.is_dir() or (self.root / "federal.yaml").is_file()

    @property
    def index(self) -> StatesIndex | None:
        """``states/_index.yaml``, or ``None`` if the library has none."""
        path = self.folder / "_index.yaml"
        if self._index is None and path.is_file():
            self._index = self._validate(StatesIndex, path, "state index")
        return self._index

    @property
    def known_provisions(self) -> tuple[str, ...]:
        """The fixed provision ids the data may name before the provisions exist."""
        return self.index.known_provisions if self.index else ()

    def get(self, code: str) -> StateSpec | None:
        """One state's entry by two-letter code, or ``None`` if there is no file for it."""
        code = code.upper()
        if code not in self._states:
            path = self.folder / f"{code}.yaml"
            self._states[code] = self._load_state(path) if path.is_file() else None
        return self._states[code]

    @property
    def states(self) -> dict[str, StateSpec]:
        """Every state's entry, by code (reads all the files)."""
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("*.yaml")):
                if not path.name.startswith("_") and path.stem not in self._states:
                    self._states[path.stem] = self._load_state(path)
        return {c: s for c, s in sorted(self._states.items()) if s is not None}

    @property
    def federal(self) -> tuple[FederalItemSpec, ...]:
        """The federal context items (empty if the library has no ``federal.yaml``)."""
        path = self.root / "federal.yaml"
        if self._federal is None:
            if not path.is_file():
                return ()
            self._federal = self._validate(FederalFile, path, "federal context file")
        return self._federal.items

    @property
    def federal_as_of(self) -> str:
        """The date of ``federal.yaml``."""
        return self._federal.as_of if self.federal and self._federal else ""

    def _validate(self, model: type[Record], path: Path, what: str) -> Any:
        # A file parsed afresh is written to the cache when the program ends.
        return _validate(model, path, what, self.cache)

    def _load_state(self, path: Path) -> StateSpec:
        spec: StateSpec = self._validate(StateSpec, path, "state file")
        if spec.code != path.stem:
            raise ClauseLibraryError(
                f"{path}: field 'code' is '{spec.code}' but the file is '{path.name}'; "
                "they must match."
            )
        if spec.code not in STATES:
            raise ClauseLibraryError(
                f"{path}: '{spec.code}' is not a state code. Allowed: the two-letter codes "
                "of the 50 states and DC."
            )
        return spec


def _validate(model: type[Record], path: Path, what: str, cache: LibraryCache | None = None) -> Any:
    data = read_yaml(path, ClauseLibraryError, what, cache)
    return validate_mapping(model, data, path, what, ClauseLibraryError)


def load_state_data(root: Path, cache: LibraryCache | None = None) -> StateData:
    """The (lazily read) state-law data of the library at ``root``."""
    return StateData(root, cache)


# -- flags ------------------------------------------------------------------------------


def _applies(spec: ProvisionFlagSpec, kind: str, variant: str | None) -> bool:
    if spec.kinds and kind not in spec.kinds:
        return False
    return not (spec.variants and variant and variant not in spec.variants)


def state_flags(
    library: Library, state: str, kind: str, provision_id: str, variant: str | None = None
) -> list[Flag]:
    """Only the state-law flags for a provision (no federal context)."""
    entry = library.state_data.get(state)
    if entry is None:
        return []
    return [
        Flag(
            severity=spec.severity,
            message=" ".join(spec.message.split()),
            citations=spec.citations,
            scope="state",
            as_of=entry.as_of,
            provision_id=provision_id,
        )
        for spec in entry.provisions.get(provision_id, ())
        if _applies(spec, kind, variant)
    ]


def federal_flags(library: Library, provision_id: str) -> list[Flag]:
    """The federal context items that bear on a provision, each with its as-of date."""
    return [
        Flag(
            severity="info",
            message=f"{item.title}: {item.message(provision_id)}",
            citations=item.citations,
            scope="federal",
            as_of=item.as_of,
            provision_id=provision_id,
        )
        for item in library.state_data.federal
        if provision_id in item.provisions
    ]


def provision_flags(
    library: Library, state: str, kind: str, provision_id: str, variant: str | None = None
) -> list[Flag]:
    """Everything a user in ``state`` should know about one provision.

    Args:
        library: The clause library (its state data is loaded on first use).
        state: The two-letter state code.
        kind: ``city`` or ``county``.
        provision_id: The provision.
        variant: The chosen variant, if any; some flags apply only to some variants.

    Returns:
        The state-law flags first (strongest first), then the federal context items.
    """
    flags = state_flags(library, state, kind, provision_id, variant)
    flags.sort(key=lambda f: list(SEVERITIES).index(f.severity))
    return flags + federal_flags(library, provision_id)


def flag_provision(clause: Clause, choice: Choice, resolved: Resolved) -> list[Flag]:
    """The flags for one chosen provision of a draft (assembly's flagger hook)."""
    jur = resolved.jurisdiction
    return provision_flags(clause.library, jur.state, jur.kind, clause.id, choice.variant)


def draft_flags(library: Library, resolved: Resolved) -> list[Flag]:
    """Every flag for every chosen provision of resolved answers, in document order."""
    out: list[Flag] = []
    for choice in resolved.choices.values():
        out.extend(flag_provision(library.clauses[choice.id], choice, resolved))
    return out


# -- notices and listings -----------------------------------------------------------------


def state_entry(library: Library, state: str) -> StateSpec | None:
    """A state's entry, or ``None`` if the library has none for it."""
    return library.state_data.get(state)


def check_state_code(library: Library, code: str) -> str:
    """Normalize a state code or name; raise a helpful error if it is unknown."""
    text = code.strip()
    upper = text.upper()
    if upper in STATES:
        return upper
    by_name = {name.lower(): c for c, name in STATES.items()}
    if text.lower() in by_name:
        return by_name[text.lower()]
    raise DrafterError(
        f"'{code}' is not a state code.{did_you_mean(upper, list(STATES))} Use the two-letter "
        "code of one of the 50 states or DC, e.g. MN or TX."
    )


def state_notice(library: Library, state: str) -> str | None:
    """One paragraph to show as soon as the user's state is known, or ``None``.

    States where the data has nothing to say (no statute found, no caution) get ``None``.
    """
    entry = state_entry(library, state)
    if entry is None:
        return None
    if entry.status == "none_known" and not entry.caution_flag and not entry.notice:
        return None
    counts = {sev: 0 for sev in SEVERITIES}
    for _pid, spec in entry.flag_specs():
        counts[spec.severity] += 1
    lead = " ".join(entry.notice.split()) if entry.notice else " ".join(entry.summary.split())
    parts = [f"{entry.name} (state law as of {entry.as_of}; confidence {entry.confidence}): {lead}"]
    if entry.citations and not entry.notice:
        parts.append(f"Key citations: {'; '.join(entry.citations)}.")
    if entry.penalties and not entry.notice:
        parts.append(f"Penalties: {'; '.join(entry.penalties)}.")
    flagged = []
    if counts["forbidden"]:
        flagged.append(f"{counts['forbidden']} provision(s) as likely forbidden")
    if counts["limited"]:
        flagged.append(f"{counts['limited']} as limited")
    if counts["restates"]:
        flagged.append(f"{counts['restates']} as restating state law")
    if counts["info"]:
        flagged.append(f"{counts['info']} with state-law context")
    if flagged:
        parts.append(
            f"The state data marks {', '.join(flagged)}; each shows its warning next to the "
            "question and in the draft's notes."
        )
    if entry.caution_flag:
        parts.append(
            "Caution: this state appears on some published lists of states that ban sanctuary "
            "policies, but no enacted ban was confirmed; check current law before drafting."
        )
    if entry.unconfirmed:
        parts.append(f"Not confirmed: {'; '.join(entry.unconfirmed)}.")
    parts.append(
        "These are warnings, not refusals: you decide what to keep, after review by the "
        "jurisdiction's attorney."
    )
    return " ".join(parts)


def state_record(library: Library, code: str, *, full: bool = False) -> dict[str, Any]:
    """A state's entry as plain data (what ``states --json`` prints)."""
    entry = library.state_data.get(code)
    assert entry is not None
    record: dict[str, Any] = {
        "code": entry.code,
        "name": entry.name,
        "status": entry.status,
        "strength": entry.strength,
        "confidence": entry.confidence,
        "as_of": entry.as_of,
        "caution_flag": entry.caution_flag,
        "flags": {
            sev: sorted({p for p, s in entry.flag_specs() if s.severity == sev})
            for sev in SEVERITIES
        },
    }
    if full:
        record.update(
            {
                "summary": " ".join(entry.summary.split()),
                "citations": list(entry.citations),
                "forbids": list(entry.forbids),
                "penalties": list(entry.penalties),
                "sources": list(entry.sources),
                "unconfirmed": list(entry.unconfirmed),
                "checked": [c.model_dump() for c in entry.checked],
                "notice": state_notice(library, code),
                "provisions": {
                    pid: [
                        {
                            "severity": s.severity,
                            "message": " ".join(s.message.split()),
                            "citations": list(s.citations),
                            "kinds": list(s.kinds),
                            "variants": list(s.variants),
                        }
                        for s in specs
                    ]
                    for pid, specs in entry.provisions.items()
                },
            }
        )
    return record


def state_detail_text(library: Library, code: str) -> str:
    """A plain-text description of one state's entry (``states CODE``)."""
    entry = library.state_data.get(code)
    assert entry is not None
    lines = [
        f"{entry.name} ({entry.code})",
        f"Status: {entry.status}"
        + (f" ({entry.strength})" if entry.strength else "")
        + f" — {STATUS_LABELS[entry.status]}",
        f"As of {entry.as_of}; confidence {entry.confidence}"
        + (
            "; CAUTION: listed elsewhere as prohibiting, not confirmed"
            if entry.caution_flag
            else ""
        ),
        "",
        " ".join(entry.summary.split()),
        "",
    ]
    for title, items in (
        ("Citations", entry.citations),
        ("Forbids", entry.forbids),
        ("Penalties", entry.penalties),
        ("Not confirmed", entry.unconfirmed),
        ("Sources", entry.sources),
    ):
        if items:
            lines.append(f"{title}:")
            lines += [f"  - {item}" for item in items]
            lines.append("")
    if entry.checked:
        lines.append("Checked:")
        for c in entry.checked:
            status = "" if c.status == "verified" else f" [{c.status}]"
            lines.append(f"  - {c.cite}{status}" + (f" — {c.finding}" if c.finding else ""))
        lines.append("")
    if entry.provisions:
        lines.append("Provision flags:")
        order = list(SEVERITIES)
        for pid, s in sorted(
            entry.flag_specs(), key=lambda kv: (order.index(kv[1].severity), kv[0])
        ):
            scope = ""
            if s.kinds:
                scope += f" [{'/'.join(s.kinds)} only]"
            if s.variants:
                scope += f" [variants: {', '.join(s.variants)}]"
            lines.append(f"  - {pid}: {s.severity}{scope}")
            lines.append(f"      {' '.join(s.message.split())}")
            if s.citations:
                lines.append(f"      ({'; '.join(s.citations)})")
    else:
        lines.append("Provision flags: none.")
    return "\n".join(lines).rstrip() + "\n"


# -- check --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckReport:
    """What ``ordinance-drafter check`` found for one answers file.

    Attributes:
        source: The answers file.
        state: The jurisdiction's state code.
        kind: ``city`` or ``county``.
        jurisdiction: The jurisdiction's full name.
        entry: The state's entry, if the library has one.
        items: ``(provision id, provision title, flags)`` for every chosen provision that
            has a flag, in document order.
        dropped: Provisions a preset offered that do not apply here, with the reason.
    """

    source: str
    state: str
    kind: str
    jurisdiction: str
    entry: StateSpec | None
    items: tuple[tuple[str, str, tuple[Flag, ...]], ...]
    dropped: tuple[tuple[str, str], ...] = ()

    @property
    def state_flags(self) -> list[tuple[str, Flag]]:
        """Every state-law flag, with its provision id."""
        return [(pid, f) for pid, _t, flags in self.items for f in flags if f.scope == "state"]

    @property
    def flagged(self) -> bool:
        """Whether any state-law flag applies (the exit code is 1 when it does)."""
        return bool(self.state_flags)


def check_answers(library: Library, path: Path) -> CheckReport:
    """Validate an answers file as ``build`` does and collect every flag.

    Raises:
        DrafterError: The answers file is invalid (the same message ``build`` gives).
    """
    from .build import resolve_file

    resolved = resolve_file(Path(path), library)
    jur = resolved.jurisdiction
    items = []
    for choice in resolved.choices.values():
        clause = library.clauses[choice.id]
        flags = tuple(flag_provision(clause, choice, resolved))
        if flags:
            items.append((choice.id, clause.spec.title, flags))
    return CheckReport(
        source=str(path),
        state=jur.state,
        kind=jur.kind,
        jurisdiction=f"{jur.full_name}, {jur.state_name}",
        entry=library.state_data.get(jur.state),
        items=tuple(items),
        dropped=tuple(resolved.dropped),
    )


def _flag_record(pid: str, title: str, flag: Flag) -> dict[str, Any]:
    return {
        "provision": pid,
        "title": title,
        "scope": flag.scope,
        "severity": flag.severity,
        "message": flag.message,
        "citations": list(flag.citations),
        "as_of": flag.as_of,
    }


def report_json(report: CheckReport) -> str:
    """The report as JSON (``check --json``)."""
    import json

    entry = report.entry
    data = {
        "answers": report.source,
        "jurisdiction": report.jurisdiction,
        "state": report.state,
        "kind": report.kind,
        "state_status": entry.status if entry else None,
        "state_as_of": entry.as_of if entry else None,
        "state_confidence": entry.confidence if entry else None,
        "flagged": report.flagged,
        "flags": [
            _flag_record(pid, title, f)
            for pid, title, flags in report.items
            for f in flags
            if f.scope == "state"
        ],
        "federal": [
            _flag_record(pid, title, f)
            for pid, title, flags in report.items
            for f in flags
            if f.scope != "state"
        ],
        "dropped": [{"provision": pid, "reason": why} for pid, why in report.dropped],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def report_text(report: CheckReport) -> str:
    """The report as plain text: state-law flags first, then federal context."""
    from textwrap import fill

    from .render import flag_label

    entry = report.entry
    lines = [f"{report.jurisdiction} ({report.kind}) — {report.source}"]
    if entry is None:
        lines.append(f"No state-law data for {report.state} in this clause library.")
    else:
        status = entry.status + (f" ({entry.strength})" if entry.strength else "")
        lines.append(
            f"State law: {status}; data as of {entry.as_of}, confidence {entry.confidence}."
        )
    lines.append("")
    state_items = [
        (pid, title, [f for f in flags if f.scope == "state"]) for pid, title, flags in report.items
    ]
    state_items = [item for item in state_items if item[2]]
    if state_items:
        count = sum(len(flags) for _p, _t, flags in state_items)
        lines.append(f"State-law flags ({count}):")
        for pid, title, flags in state_items:
            for f in flags:
                lines.append(f"- {pid} ({title}) — {flag_label(f)}")
                lines.append(
                    fill(f.message, width=92, initial_indent="    ", subsequent_indent="    ")
                )
                if f.citations:
                    lines.append(
                        fill(
                            "Citations: " + "; ".join(f.citations),
                            width=92,
                            initial_indent="    ",
                            subsequent_indent="    ",
                        )
                    )
        lines.append("")
        lines.append(
            "These are warnings, not refusals: the user decides, after review by the "
            "jurisdiction's attorney."
        )
    else:
        lines.append("State-law flags: none.")
    federal: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for pid, _t, flags in report.items:
        for f in flags:
            if f.scope != "state":
                federal.setdefault((f.message, f.citations, flag_label(f)), []).append(pid)
    if federal:
        lines.append("")
        lines.append("Federal context (shown in the notes; not counted as flags):")
        for (message, citations, label), pids in federal.items():
            lines.append(f"- {', '.join(pids)} — {label}")
            lines.append(fill(message, width=92, initial_indent="    ", subsequent_indent="    "))
            if citations:
                lines.append(
                    fill(
                        "Citations: " + "; ".join(citations),
                        width=92,
                        initial_indent="    ",
                        subsequent_indent="    ",
                    )
                )
    for pid, why in report.dropped:
        lines.append(f"Note: left out '{pid}': {why}")
    return "\n".join(lines).rstrip() + "\n"


# -- lint ---------------------------------------------------------------------------------


def lint_state_data(library: Library) -> list[str]:
    """Check the state data against the library; return problems (empty when clean).

    Provision ids must be provisions of the library or on the fixed list in
    ``states/_index.yaml`` (so data can name provisions before they are written); variant
    ids are checked for provisions that exist. A library with a ``states/`` folder must
    cover all 50 states and DC.
    """
    data = library.state_data
    problems: list[str] = []
    if not data.present:
        return problems
    folder = data.folder
    try:
        states = data.states
        federal = data.federal
        index = data.index
    except DrafterError as exc:
        return [exc.message]
    if folder.is_dir():
        if index is None:
            problems.append(f"{folder / '_index.yaml'}: missing; it lists the known provision ids.")
        missing = sorted(set(STATES) - set(states))
        if missing:
            problems.append(f"{folder}: no state file for {', '.join(missing)}.")
    known = set(data.known_provisions) | set(library.clauses)

    def check_id(path: Path, field: str, pid: str) -> None:
        if pid not in known:
            problems.append(
                f"{path}: field '{field}' names '{pid}', which is neither a provision of the "
                "library nor on the known list in states/_index.yaml."
                + did_you_mean(pid, sorted(known))
            )

    for code, entry in states.items():
        path = folder / f"{code}.yaml"
        for pid, spec in entry.flag_specs():
            check_id(path, f"provisions.{pid}", pid)
            clause = library.clauses.get(pid)
            if clause is not None:
                for vid in spec.variants:
                    if clause.spec.variant(vid) is None:
                        problems.append(
                            f"{path}: field 'provisions.{pid}.variants' names '{vid}', which is "
                            f"not a variant of '{pid}'.{did_you_mean(vid, clause.spec.variant_ids)}"
                        )
                for kind in spec.kinds:
                    if kind not in clause.spec.applies_to:
                        problems.append(
                            f"{path}: field 'provisions.{pid}.kinds' names '{kind}', but '{pid}' "
                            "does not apply to that kind of jurisdiction."
                        )
            if spec.severity in ("forbidden", "limited") and not spec.citations:
                problems.append(
                    f"{path}: field 'provisions.{pid}' is '{spec.severity}' but gives no citations."
                )
    for item in federal:
        for pid in item.provisions:
            check_id(library.root / "federal.yaml", f"items[{item.id}].provisions", pid)
    return problems
