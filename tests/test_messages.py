"""What a message may hold (issue 17): a bounded description of any value, no character
that acts on a terminal, and the right words for an answers file from a newer library."""

from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest
import yaml

from conftest import run_command, write_answers
from ordinance_drafter.errors import MAX_MESSAGE, DrafterError, describe_value, printable
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.tools.updates import compare_versions


def _bomb(depth: int, fanout: int = 9):
    text = "".join(
        f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "lol"] * fanout) + "]\n"
        for i in range(depth)
    )
    return yaml.load(text, Loader=yaml.CSafeLoader)[f"x{depth - 1}"]  # 9**depth leaves


def _cycle():
    items: list = ["a"]
    items.append(items)
    mapping: dict = {"self": None}
    mapping["self"] = mapping
    return [items, mapping]


def _deep(levels: int):
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


VALUES = {
    "alias bomb (9**12 leaves)": _bomb(12),
    "cycles": _cycle(),
    "nested 990 deep": _deep(990),
    "nested 100,000 deep": _deep(100_000),
    "a 5,000-digit number": int("7" * 4000) * 10**1000,
    "ten megabytes of text": "x" * 10_000_000,
    "ten megabytes of bytes": b"x" * 10_000_000,
    "a million keys": {f"k{i}": i for i in range(1_000_000)},
    "a set of a million": set(range(1_000_000)),
    "an object": object(),
}


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_any_value_is_described_in_bounded_memory(value):
    """Whatever the value, at most `limit` characters, built without building its repr."""
    tracemalloc.start()
    try:
        text = describe_value(value)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert 0 < len(text) <= 60
    assert peak < 1_000_000, f"{peak:,} bytes to describe it"


def test_descriptions_read_as_the_file_wrote_them():
    assert describe_value("town") == "'town'"
    assert describe_value(dt.date(2026, 2, 3)) == "2026-02-03"
    assert describe_value({"b": 1, "a": [1, 2]}) == "{'b': 1, 'a': [1, 2]}"  # file order
    assert describe_value(10**5000 - 1) == "<a whole number of about 5,000 digits>"
    assert describe_value("\x1b[2J") == "'\\x1b[2J'"
    assert describe_value("a" * 200, 20) == "'aaaaaaaaaaaaaaaa..."


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),
        ("csi \x9b31m", "csi \\x9b31m"),
        ("bidi \u202eevil\u2066", "bidi \\u202eevil\\u2066"),
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
        ("bell\a back\b del\x7f", "bell\\x07 back\\x08 del\\x7f"),
        ("Saint-Étienne, القدس, Ōtautahi", "Saint-Étienne, القدس, Ōtautahi"),
    ],
)
def test_printable_escapes_what_acts_on_a_terminal(raw, shown):
    assert printable(raw) == shown
    assert DrafterError(f"field 'preset' is {raw}").message == f"field 'preset' is {shown}"


def test_a_message_is_one_bounded_paragraph():
    message = DrafterError("a.yaml: " + "word " * 100_000 + "Allowed: x, y.").message
    assert len(message) <= MAX_MESSAGE + 10
    assert message.startswith("a.yaml: word") and message.endswith("Allowed: x, y.")


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [("0.2.0", "0.1.0", 1), ("0.1.0", "0.2.0", -1), ("0.10.0", "0.9.0", 1), ("1.0", "1.0.0", 0)],
)
def test_library_versions_compare_as_versions(a, b, order):
    assert compare_versions(a, b) == order


def test_versions_that_cannot_be_ordered_are_never_newer():
    assert compare_versions("spring edition", "0.1.0") == 0


def test_answers_from_a_newer_library_say_so(tmp_path):
    """The record names a newer library: a warning that says newer, no --old-library hint."""
    answers = write_answers(
        tmp_path / "a.yaml",
        "jurisdiction: {name: Northfield, kind: city}\npreset: essentials\n"
        "library: {name: Ordinance Drafter model clause library, version: 9.0.0,"
        " provisions: {status_inquiry: 9.0.0}}\n",
    )
    result = run_command("build", str(answers), "-o", "out.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    message = " ".join(result.stderr.split())
    library = load_library(builtin_library_path())
    here = library.clauses["status_inquiry"].spec.version
    assert f"9.0.0, which is newer than the one this build uses ({library.version})" in message
    assert "status_inquiry" in message and f"9.0.0 in the file, {here} here" in message
    assert "--old-library" not in message
    assert "was built with clause library 9.0.0; this build uses" not in message  # the old note


def test_answers_from_an_older_library_still_suggest_the_redline(tmp_path):
    answers = write_answers(
        tmp_path / "a.yaml",
        "jurisdiction: {name: Northfield, kind: city}\npreset: essentials\n"
        "library: {name: Ordinance Drafter model clause library, version: 0.0.9}\n",
    )
    result = run_command("build", str(answers), "-o", "out.docx", cwd=tmp_path)
    message = " ".join(result.stderr.split())
    version = load_library(builtin_library_path()).version
    assert f"was built with clause library 0.0.9; this build uses {version}" in message
    assert "--old-library" in message and "newer" not in message


def test_the_terminal_console_escapes_text_but_keeps_its_own_colours():
    """Control characters in printed text come out escaped; Rich's styles still apply."""
    import io

    from rich.table import Table
    from rich.text import Text

    from ordinance_drafter.cli.common import terminal

    out = io.StringIO()
    console = terminal(file=out, force_terminal=True, color_system="standard", width=80)
    console.print(Text("preset \x1b[2J\x1b]0;pwned\x9c", style="red"))
    table = Table("id")
    table.add_row("gone\x1b[2J")
    console.print(table)
    text = out.getvalue()
    assert "\x1b[31m" in text  # red, from Rich
    assert "\x1b[2J" not in text and "\x1b]0;" not in text and "\x9c" not in text
    assert "preset \\x1b[2J\\x1b]0;pwned\\x9c" in text and "gone\\x1b[2J" in text


def test_the_interview_echoes_typed_escapes_escaped(tmp_path):
    """An answer typed with terminal escapes is shown escaped in the interview's reply."""
    result = run_command(
        "draft", cwd=tmp_path, input="Northfield\n\x1b[2J\x1b]0;pwned\x07x\n", timeout=120
    )
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[2J\\x1b]0;pwned" in result.stdout
