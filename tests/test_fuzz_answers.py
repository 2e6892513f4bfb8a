"""Fuzzing the answers loader and the ``--set`` parser with random YAML (issue 17).

Random structures of every YAML type, random text (any Unicode, control characters, YAML's
own punctuation), alias bombs, self-referring aliases, deep nesting, impossible dates, long
numbers and duplicate keys go into the answers file reader (through to resolving the
answers against the library) and into ``--set``. For every example: the only exception is
the tool's own DrafterError, memory stays under a bound (tracemalloc), CPU time stays under a
bound (a CPU-time timer, ITIMER_PROF, which a hang would run into; never the wall clock),
and nothing is written. ``HYPOTHESIS_EXAMPLES`` sets the number of examples of each test.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ordinance_drafter import files
from ordinance_drafter.answers.sources import resolve_data, resolve_file
from ordinance_drafter.errors import DrafterError
from ordinance_drafter.library.loader import builtin_library_path, load_library

LIBRARY = load_library(builtin_library_path())
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))
#: Far above what any example needs (a few MB, a few ms), far below what a blow-up takes.
MAX_MEMORY = 64 * 2**20
MAX_CPU_SECONDS = 20
#: No "explain" phase: it traces every line, which would charge its own cost to the budget.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink]
RUNS: Counter[str] = Counter()
OUTCOMES: Counter[str] = Counter()

KEYS = ["jurisdiction", "name", "kind", "state", "police", "document", "draft_date", "preset"]
KEYS += ["provisions", "values", "variant", "library", "version", "format", "notes", "title"]
PIDS = sorted(LIBRARY.clauses)

text = st.text(alphabet=st.characters(exclude_categories=()), max_size=60)  # any code point
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
    st.sampled_from(KEYS + PIDS + ["city", "county", "MN", "essentials", "on", "off"]),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=40),
)
keys = st.one_of(st.sampled_from(KEYS + PIDS), text, st.integers(), st.booleans(), st.none())
structures = st.recursive(
    scalars,
    lambda kids: st.lists(kids, max_size=6) | st.dictionaries(keys, kids, max_size=6),
    max_leaves=40,
)


@st.composite
def answers_like(draw) -> dict:
    """A mapping shaped like an answers file, with random values in random places."""
    data: dict = {
        "jurisdiction": {
            "name": draw(st.sampled_from(["Northfield", "Rice"]) | structures),
            "kind": draw(st.sampled_from(["city", "county"]) | structures),
        }
    }
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=4)):
        data["jurisdiction"][key] = draw(structures)
    if draw(st.booleans()):
        data["preset"] = draw(st.sampled_from(sorted(LIBRARY.presets)) | structures)
    if draw(st.booleans()):
        data["provisions"] = {
            pid: draw(st.none() | st.fixed_dictionaries({}, optional={"values": structures}))
            for pid in draw(st.lists(st.sampled_from(PIDS), max_size=5))
        }
    if draw(st.booleans()):
        data["document"] = draw(st.dictionaries(st.sampled_from(KEYS), structures, max_size=4))
    if draw(st.booleans()):
        data[draw(keys)] = draw(structures)
    return data


valid_answers = st.fixed_dictionaries(
    {
        "jurisdiction": st.fixed_dictionaries(
            {"name": st.sampled_from(["Northfield", "Rice", "Saint-Étienne"])},
            optional={"kind": st.sampled_from(["city", "county"]), "state": st.just("MN")},
        )
    },
    optional={"preset": st.sampled_from(sorted(LIBRARY.presets))},
)


def dumped(data: st.SearchStrategy) -> st.SearchStrategy[str]:
    """YAML text of the drawn data, with non-ASCII text as it is or escaped."""
    return st.tuples(data, st.booleans()).map(
        lambda t: yaml.safe_dump(t[0], allow_unicode=t[1], sort_keys=False)
    )


FRAGMENTS = [
    "jurisdiction:",
    "  name: ",
    "  kind: city",
    "  police: ",
    "preset: ",
    "provisions:",
    "document:",
    "  draft_date: ",
    "2026-02-30",
    "2026-13-01",
    "1" * 5000,
    "0x" + "f" * 4000,
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!timestamp ",
    "!!int ",
    "!!float ",
    "!!python/object:os.system ",
    "? ",
    "- ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    ",",
    '"\\e[2J\\e]0;title\\a"',
    "'",
    '"',
    "\t",
    "\n",
    "\r\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "#",
    "|\n  ",
    ">-\n  ",
    "\x1b[2J",
    "\x00",
    "\u202e",
    "\ufeff",
    "~",
    "null",
    ".inf",
    "1e999",
    "-0",
    "1_000",
    "0o17",
    "1:20:30",
    "yes",
    "No",
    "\x85",
]


def bomb(fanout: int, depth: int, field: str) -> str:
    """A billion-laughs document whose last anchor is the value of a real field."""
    lines = ["x0: &a0 [" + ", ".join(["lol"] * fanout) + "]"]
    lines += [f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fanout) + "]" for i in range(1, depth)]
    lines += ["jurisdiction:", "  name: Northfield", "  kind: city", f"  {field}: *a{depth - 1}"]
    return "\n".join(lines) + "\n"


yaml_texts = st.one_of(
    dumped(valid_answers),
    dumped(structures),
    dumped(answers_like()),
    st.lists(st.sampled_from(FRAGMENTS) | text, max_size=30).map("".join),
    dumped(answers_like()).flatmap(
        lambda good: st.tuples(st.integers(0, len(good)), st.sampled_from(FRAGMENTS)).map(
            lambda cut: good[: cut[0]] + cut[1] + good[cut[0] :]
        )
    ),
    st.builds(
        bomb,
        st.integers(2, 12),
        st.integers(2, 12),
        st.sampled_from(["police", "name", "body", "state"]),
    ),
    st.integers(1, 1200).map(
        lambda n: "jurisdiction: {name: N, kind: city, police: " + "[" * n + "]" * n + "}\n"
    ),
    st.sampled_from(
        [
            "a: &a [x, *a]\njurisdiction: {name: N, kind: city, body: *a}\n",
            "jurisdiction: &j {name: N, kind: city, police: *j}\n",
            "a: &a {b: *a}\njurisdiction: {name: N, kind: city}\n"
            "provisions: {training: {values: *a}}\n",
        ]
    ),
)


class _OverBudget(Exception):
    pass


@contextmanager
def bounded() -> Iterator[None]:
    """Fail if the block uses more than MAX_CPU_SECONDS of CPU or MAX_MEMORY of memory."""

    def over(signum, frame):
        raise _OverBudget(f"more than {MAX_CPU_SECONDS} s of CPU time")

    previous = signal.signal(signal.SIGPROF, over)
    signal.setitimer(signal.ITIMER_PROF, MAX_CPU_SECONDS)
    tracemalloc.start()
    try:
        yield
        _now, peak = tracemalloc.get_traced_memory()
        assert peak < MAX_MEMORY, f"peak memory {peak:,} bytes"
    finally:
        tracemalloc.stop()
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _outcome(run: Callable[[], object]) -> str:
    with bounded():
        try:
            run()
        except DrafterError as exc:
            assert exc.message and "\n" not in exc.message
            assert "\x1b" not in exc.message
            return type(exc).__name__
    return "accepted"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module", autouse=True)
def _report(request) -> Iterator[None]:
    """After this file's tests: how many examples ran, and how they ended."""
    yield
    if RUNS:
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\nfuzz examples: {dict(RUNS)}; outcomes: {dict(OUTCOMES)}")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
    phases=PHASES,
)
@given(text=yaml_texts)
def test_random_yaml_into_the_answers_loader(folder: Path, text: str):
    """Any answers file: accepted, or a DrafterError; bounded; nothing written."""
    path = folder / "answers.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = files.written_files()
    RUNS["answers"] += 1
    OUTCOMES[_outcome(lambda: resolve_file(path, LIBRARY))] += 1
    assert files.written_files() == before
    assert sorted(p.name for p in folder.iterdir()) == ["answers.yaml"]


set_keys = st.one_of(
    st.sampled_from(
        [
            "jurisdiction.name",
            "jurisdiction.kind",
            "jurisdiction.police",
            "preset",
            "document.draft_date",
            "document.number",
            "provisions",
            "library.version",
        ]
    ),
    st.sampled_from(PIDS).map(lambda p: f"provisions.{p}"),
    st.tuples(st.sampled_from(PIDS), st.sampled_from(["variant", "values"])).map(
        lambda t: f"provisions.{t[0]}.{t[1]}"
    ),
    st.sampled_from(PIDS).flatmap(
        lambda p: st.sampled_from([v.name for v in LIBRARY.clauses[p].spec.variables] or ["x"]).map(
            lambda v: f"provisions.{p}.values.{v}"
        )
    ),
    text,
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    phases=PHASES,
)
@given(
    sets=st.lists(
        st.tuples(set_keys, yaml_texts | text).map(lambda kv: f"{kv[0]}={kv[1]}") | text,
        min_size=1,
        max_size=3,
    ),
    base=valid_answers | answers_like(),
)
def test_random_yaml_into_set(sets: list[str], base: dict):
    """Any --set: accepted, or a DrafterError; bounded; nothing written."""
    before = files.written_files()
    RUNS["--set"] += 1
    OUTCOMES[_outcome(lambda: resolve_data(base, LIBRARY, "fuzz", sets))] += 1
    assert files.written_files() == before


def test_the_bomb_and_the_deep_value_are_refused_by_field():
    """The two cases of the issue, each a one-paragraph message naming the field."""
    for text, needle in [
        (bomb(9, 9, "police"), "more than 100,000 values"),
        ("jurisdiction: {name: N, kind: city, police: " + "[" * 990 + "]" * 990 + "}\n", "nested"),
    ]:
        with bounded(), pytest.raises(DrafterError) as caught:
            from ordinance_drafter.answers.schema import parse_answers_text

            parse_answers_text(text, "a.yaml")
        assert "jurisdiction.police" in caught.value.message and needle in caught.value.message


def test_dates_survive_the_strict_loader():
    """A real unquoted date still loads as a date (the strict loader changes only errors)."""
    from ordinance_drafter.library.yamlsafe import load

    assert load("d: 2026-02-28\n") == {"d": dt.date(2026, 2, 28)}
