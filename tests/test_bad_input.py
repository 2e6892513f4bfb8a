"""Bad input is normal input: a matrix of user mistakes, each with a clear one-paragraph message.

For every case: a non-zero exit, no traceback, a single paragraph on standard error that names
the file (or flag) and the field, no output file created, and any existing output untouched.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import build_clause_library
from ordinance_drafter.cli.app import app
from ordinance_drafter.cli.bugs import BUG_EXIT

GOOD = "jurisdiction: {name: Northfield, kind: city, state: MN}\npreset: essentials\n"


@dataclass
class Case:
    """One bad input: the answers text (or files), extra CLI args, and what the message names."""

    id: str
    answers: str | bytes | None = GOOD
    args: list[str] = field(default_factory=list)
    expect: tuple[str, ...] = ()
    library: dict[str, str | None] | None = None
    output: str = "out.docx"
    names_file: bool = True


def provision(pid: str, body: str) -> str:
    return GOOD.replace("preset: essentials\n", f"provisions:\n  {pid}: {body}\n")


CASES = [
    # -- malformed files ---------------------------------------------------------
    Case("yaml-indentation", "jurisdiction:\n  name: X\n kind: city\n", expect=("line 3",)),
    Case(
        "yaml-unclosed-quote", 'jurisdiction: {name: "X, kind: city}\n', expect=("not valid YAML",)
    ),
    Case("yaml-tab", "jurisdiction:\n\tname: X\n", expect=("not valid YAML",)),
    Case("top-level-list", "- a\n- b\n", expect=("mapping",)),
    Case("empty-file", "", expect=("empty",)),
    Case("not-utf8", b"jurisdiction: {name: \xff\xfe, kind: city}\n", expect=("UTF-8",)),
    Case("jurisdiction-not-mapping", "jurisdiction: Northfield\n", expect=("jurisdiction",)),
    # -- unknown keys and wrong types -------------------------------------------
    Case("unknown-top-key", GOOD + "jurisdction: {}\n", expect=("jurisdction", "Did you mean")),
    Case(
        "unknown-jurisdiction-key",
        GOOD.replace("name:", "nmae:"),
        expect=("jurisdiction.nmae", "Did you mean 'name'"),
    ),
    Case(
        "unknown-document-key",
        GOOD + "document: {notes_autor: x}\n",
        expect=("document.notes_autor", "notes_author"),
    ),
    Case(
        "kind-not-allowed",
        GOOD.replace("kind: city", "kind: town"),
        expect=("jurisdiction.kind", "city", "county"),
    ),
    Case("kind-wrong-type", GOOD.replace("kind: city", "kind: 5"), expect=("jurisdiction.kind",)),
    Case("format-version", GOOD + "format: 2\n", expect=("format",)),
    Case(
        "bad-date",
        GOOD + "document: {draft_date: 25/11/2026}\n",
        expect=("document.draft_date", "YYYY-MM-DD"),
    ),
    Case("notes-mode-in-file", GOOD + "document: {notes: margin}\n", expect=("document.notes",)),
    Case("provisions-list-of-numbers", GOOD + "provisions: [1, 2]\n", expect=("provisions",)),
    # -- provisions, variants, values -------------------------------------------
    Case(
        "unknown-provision",
        provision("status_inquiri", "{}"),
        expect=("status_inquiri", "Did you mean 'status_inquiry'"),
    ),
    Case(
        "unknown-variant",
        provision("status_inquiry", "{variant: everything}"),
        expect=("provisions.status_inquiry.variant", "status_only"),
    ),
    Case(
        "variant-on-single-wording",
        provision("purpose", "{variant: x}"),
        expect=("provisions.purpose.variant",),
    ),
    Case(
        "unknown-variable",
        provision("effective_date", "{values: {dayz: 3}}"),
        expect=("provisions.effective_date.values.dayz", "Did you mean 'days'"),
    ),
    Case(
        "int-variable-text",
        provision("effective_date", "{values: {days: forty}}"),
        expect=("provisions.effective_date.values.days", "whole number"),
    ),
    Case(
        "int-variable-range",
        provision("effective_date", "{values: {days: 9000}}"),
        expect=("provisions.effective_date.values.days", "at most 365"),
    ),
    Case(
        "choice-not-listed",
        provision("status_inquiry", "{values: {exceptions: [eligibilty]}}"),
        expect=("exceptions", "Did you mean 'eligibility'"),
    ),
    Case(
        "multiselect-not-list",
        provision("status_inquiry", "{values: {exceptions: eligibility}}"),
        expect=("exceptions", "list"),
    ),
    Case(
        "multiselect-duplicate",
        provision("status_inquiry", "{values: {exceptions: [employment, employment]}}"),
        expect=("exceptions", "twice"),
    ),
    Case(
        "bool-variable-text",
        provision("federal_law_savings", "{values: {no_obstruction: maybe}}"),
        expect=("no_obstruction", "true or false"),
    ),
    # -- jurisdiction answers ---------------------------------------------------
    Case("missing-name", "jurisdiction: {kind: city}\n", expect=("jurisdiction.name", "missing")),
    Case("missing-jurisdiction", "preset: essentials\n", expect=("jurisdiction", "missing")),
    Case(
        "unknown-state", GOOD.replace("state: MN", "state: MX"), expect=("jurisdiction.state", "MX")
    ),
    Case("state-number", GOOD.replace("state: MN", "state: 12"), expect=("jurisdiction.state",)),
    Case(
        "city-type-for-county",
        "jurisdiction: {name: Rice, kind: county, city_type: charter}\n",
        expect=("jurisdiction.city_type",),
    ),
    Case(
        "sheriff-jail-for-city",
        GOOD.replace("state: MN", "state: MN, jail: sheriff"),
        expect=("jurisdiction.jail", "none, city"),
    ),
    Case(
        "unknown-preset",
        GOOD.replace("essentials", "essential"),
        expect=("preset", "Did you mean 'essentials'"),
    ),
    Case("empty-name", GOOD.replace("Northfield", '""'), expect=("jurisdiction.name", "empty")),
    Case(
        "ten-megabyte-name",
        GOOD.replace("Northfield", "N" * 10_000_000),
        expect=("jurisdiction.name", "limit"),
    ),
    Case(
        "control-character-name",
        GOOD.replace("Northfield", '"North\\afield"'),
        expect=("jurisdiction.name", "U+0007"),
    ),
    Case(
        "vertical-tab-author",
        GOOD + 'document: {notes_author: "a\\vb"}\n',
        expect=("document.notes_author", "U+000B"),
    ),
    Case(
        "newline-in-name",
        GOOD.replace("Northfield", '"North\\nfield"'),
        expect=("jurisdiction.name", "single line"),
    ),
    # -- flags and files ---------------------------------------------------------
    Case("answers-missing", None, expect=("does not exist",)),
    Case("answers-is-directory", "DIR", expect=("directory",)),
    Case(
        "bad-notes-flag",
        GOOD,
        ["--notes", "margin"],
        expect=("--notes", "comments"),
        names_file=False,
    ),
    Case(
        "bad-format-flag", GOOD, ["--format", "odt"], expect=("--format", "docx"), names_file=False
    ),
    Case(
        "set-without-equals",
        GOOD,
        ["--set", "jurisdiction.name"],
        expect=("--set", "key=value"),
        names_file=False,
    ),
    Case(
        "set-unknown-key",
        GOOD,
        ["--set", "jurisdictio.name=X"],
        expect=("--set", "jurisdiction"),
        names_file=False,
    ),
    Case(
        "set-bad-value",
        GOOD,
        ["--set", "jurisdiction.kind=village"],
        expect=("--set", "jurisdiction.kind"),
    ),
    Case(
        "output-folder-missing",
        GOOD,
        output="no/such/folder/out.docx",
        expect=("does not exist",),
        names_file=False,
    ),
    Case("output-is-directory", GOOD, output=".", expect=("is a directory",), names_file=False),
    # -- issue 17: the last classes ------------------------------------------------
    Case(
        "duplicate-top-key",
        GOOD + "jurisdiction: {name: Dundas, kind: city}\n",
        expect=("'jurisdiction'", "twice", "line 1", "line 3"),
    ),
    Case(
        "duplicate-nested-key",
        "jurisdiction:\n  name: Northfield\n  kind: city\n  name: Dundas\npreset: essentials\n",
        expect=("'name' of 'jurisdiction'", "twice", "line 2", "line 4"),
    ),
    Case(
        "duplicate-provision",
        provision("status_inquiry", "{}")
        + "  training: {}\n  status_inquiry: {variant: status_only}\n",
        expect=("'status_inquiry' of 'provisions'", "twice"),
    ),
    Case(
        "impossible-unquoted-date",
        GOOD + "document: {draft_date: 2026-02-30}\n",
        expect=(
            "line 3",
            "document.draft_date",
            "2026-02-30",
            "not a date that exists",
            "YYYY-MM-DD",
        ),
    ),
    Case(
        "five-thousand-digit-number",
        GOOD + "format: " + "9" * 5000 + "\n",
        expect=("field 'format'", "5,000 digits", "quotes"),
    ),
    Case(
        "alias-bomb-in-a-field",
        "".join(
            f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "lol"] * 9) + "]\n"
            for i in range(9)
        )
        + GOOD.replace("state: MN", "state: MN, police: *a8"),
        expect=("jurisdiction.police", "more than 100,000 values", "alias"),
    ),
    Case(
        "value-nested-990-deep",
        GOOD.replace("state: MN", "state: MN, police: " + "[" * 990 + "]" * 990),
        expect=("jurisdiction.police", "nested more than"),
    ),
    Case(
        "alias-of-itself",
        GOOD.replace("state: MN", "state: MN, police: &p [a, *p]"),
        expect=("jurisdiction.police", "refers to itself"),
    ),
    Case(
        "terminal-escape-in-preset",
        GOOD.replace("essentials", '"\\e[2J\\e]0;pwned\\a"'),
        expect=("preset", "\\x1b[2J\\x1b]0;pwned\\x07"),
    ),
    Case(
        "terminal-escape-in-provision-id",
        provision('"\\e[2Jgone\\u009b31m"', "{}"),
        expect=("\\x1b[2Jgone\\x9b31m",),
    ),
    Case("answers-is-a-named-pipe", "FIFO", expect=("named pipe", "regular file")),
    Case("answers-is-a-device", "DEVICE", expect=("device", "regular file")),
    Case(
        "library-is-a-file",
        GOOD,
        args=["--library", "answers.yaml"],
        expect=("answers.yaml", "not a folder", "library.yaml"),
        names_file=False,
    ),
    Case(
        "set-alias-bomb",
        GOOD,
        [
            "--set",
            "provisions.effective_date.values.days=["
            + ", ".join(
                f"&a{i} [" + ", ".join([f"*a{i - 1}" if i else "lol"] * 9) + "]" for i in range(9)
            )
            + "]",
        ],
        expect=("--set", "more than 100,000 values"),
    ),
    Case(
        "set-duplicate-key",
        GOOD,
        ["--set", "provisions.effective_date.values={days: 4, days: 8}"],
        expect=("--set", "'days'", "twice"),
    ),
    Case(
        "set-five-thousand-digits",
        GOOD,
        ["--set", "provisions.effective_date.values.days=" + "7" * 5000],
        expect=("--set", "5,000 digits"),
    ),
    # -- custom clause libraries ---------------------------------------------------
    Case(
        "library-broken-template",
        GOOD,
        library={"provisions/purpose/text.md.j2": "The purpose {% if %} is"},
        expect=("purpose/text.md.j2", "line 1", "syntax"),
    ),
    Case(
        "library-requires-cycle",
        GOOD,
        library={
            "provisions/purpose/clause.yaml": None,
        },
        expect=("cycle",),
    ),
    Case(
        "library-undefined-variable",
        GOOD,
        library={"provisions/purpose/text.md.j2": "The {{ jurisdiction_name }} ordains."},
        expect=("purpose/text.md.j2", "undefined", "jurisdiction_name"),
    ),
    Case(
        "library-missing",
        GOOD,
        args=["--library", "no-such-library"],
        expect=("no-such-library", "does not exist"),
        names_file=False,
    ),
    Case(
        "library-unknown-category",
        GOOD,
        library={"provisions/purpose/clause.yaml": None},
        expect=("category",),
    ),
    Case(
        "library-duplicate-key",
        GOOD,
        library={"provisions/purpose/clause.yaml": None},
        expect=("purpose/clause.yaml", "'title'", "twice", "on line 2 and again"),
    ),
    Case(
        "library-missing-field",
        GOOD,
        library={"provisions/purpose/clause.yaml": None},
        expect=("purpose/clause.yaml", "summary", "missing"),
    ),
]


def _library_files(case: Case, source: Path) -> dict[str, str | None]:
    """Fill in the custom-library cases that need the original clause.yaml."""
    files = dict(case.library or {})
    clause = (source / "provisions/purpose/clause.yaml").read_text()
    if case.id == "library-requires-cycle":
        files["provisions/purpose/clause.yaml"] = clause.replace(
            "category: findings", "category: findings\nrequires: [severability]"
        )
        sev = (source / "provisions/severability/clause.yaml").read_text()
        files["provisions/severability/clause.yaml"] = sev.replace(
            "required: true", "required: true\nrequires: [purpose]"
        )
    elif case.id == "library-unknown-category":
        files["provisions/purpose/clause.yaml"] = clause.replace(
            "category: findings", "category: finding"
        )
    elif case.id == "library-duplicate-key":
        files["provisions/purpose/clause.yaml"] = clause + "title: The purpose, again\n"
    elif case.id == "library-missing-field":
        files["provisions/purpose/clause.yaml"] = (
            "\n".join(
                line
                for line in clause.splitlines()
                if not line.startswith("summary:")
                and not line.startswith("  Says what")
                and not line.startswith("  federal civil")
            )
            + "\n"
        )
    return files


def test_the_matrix_has_at_least_forty_cases():
    """Issue 8 asks for at least 40 bad inputs."""
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_gives_one_clear_paragraph(case: Case, tmp_path: Path, monkeypatch):
    """A clear message naming the file and field; non-zero exit; no output; no traceback."""
    from ordinance_drafter.library.loader import builtin_library_path

    monkeypatch.chdir(tmp_path)
    answers = tmp_path / "answers.yaml"
    if case.answers == "DIR":
        answers.mkdir()
    elif case.answers == "FIFO":
        os.mkfifo(answers)  # no writer: opening it to read would wait for ever
    elif case.answers == "DEVICE":
        answers.symlink_to("/dev/zero")  # reading it would never end
    elif isinstance(case.answers, bytes):
        answers.write_bytes(case.answers)
    elif case.answers is not None:
        answers.write_text(case.answers, encoding="utf-8")
    args = ["build", str(answers), "-o", case.output, *case.args]
    if case.library is not None:
        lib = build_clause_library(tmp_path / "lib", _library_files(case, builtin_library_path()))
        args += ["--library", str(lib)]
    existing = tmp_path / "keep.docx"
    existing.write_bytes(b"user's file")
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    message = " ".join(result.stderr.split())
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert message.startswith("Error:"), result.output
    assert "bug in Ordinance Drafter" not in message  # the last resort is not a message
    assert result.exit_code != BUG_EXIT
    assert "\n\n" not in result.stderr.strip()
    unprintable = [c for c in result.output if unicodedata.category(c) == "Cc" and c != "\n"]
    assert not unprintable, f"control characters reached the terminal: {unprintable}"
    for needle in case.expect:
        assert needle in message, f"{needle!r} not in {message!r}"
    if case.names_file and case.library is None:
        assert "answers.yaml" in message or "--set" in message
    created = {p.name for p in tmp_path.iterdir()} - {"answers.yaml", "keep.docx", "lib"}
    assert not created, f"files were left behind: {created}"
    assert existing.read_bytes() == b"user's file"


def test_existing_output_is_never_overwritten_without_force(tmp_path, monkeypatch):
    """An existing output gets a message saying to use --force, and keeps its bytes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_text(GOOD)
    out = tmp_path / "out.docx"
    out.write_bytes(b"council copy")
    result = CliRunner().invoke(app, ["build", "answers.yaml", "-o", "out.docx"])
    assert result.exit_code != 0
    assert "--force" in result.stderr
    assert out.read_bytes() == b"council copy"


def test_read_only_output_folder(tmp_path, monkeypatch):
    """A folder that cannot be written gives a message and leaves nothing behind."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_text(GOOD)
    if os.geteuid() == 0:
        target = "/proc/ordinance.docx"  # root may write anywhere a real disk allows
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        target = str(ro / "out.docx")
    result = CliRunner().invoke(app, ["build", "answers.yaml", "-o", target])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "out.docx" in result.stderr or "ordinance.docx" in result.stderr
    assert not Path(target).exists()


@pytest.mark.parametrize(
    "name", ["Saint-Étienne", "Muqdisho Magaalo", "Xeev Tshiab", "القدس", "São Tomé", "Ōtautahi"]
)
def test_accented_and_right_to_left_names_work(name, tmp_path, monkeypatch):
    """Accented, Somali, Hmong and right-to-left names are valid input and reach the document."""
    import docx

    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_text(
        GOOD.replace("Northfield", f'"{name}"'), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["build", "answers.yaml", "-o", "out.docx"])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document("out.docx").paragraphs)
    assert f"The City Council of the City of {name} ordains:" in text


def test_sigterm_during_the_interview_keeps_answers_and_writes_nothing(tmp_path):
    """SIGTERM mid-interview leaves the recovery file with the answers given, and no output."""
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "ordinance_drafter", "draft"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write("Northfield\ncounty\n")
    proc.stdin.flush()
    recovery = tmp_path / ".ordinance-drafter-recovery.yaml"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if recovery.is_file() and "county" in recovery.read_text():
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err
    text = recovery.read_text()
    assert "Northfield" in text and "county" in text
    leftovers = {p.name for p in tmp_path.iterdir()} - {recovery.name}
    assert not leftovers, leftovers


def test_capitalized_choices_are_accepted(tmp_path, monkeypatch):
    """'City', 'Sheriff' and 'Statutory' as people type them are read as the lower-case choices."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(
        "jurisdiction: {name: Rice, kind: County, state: Minnesota, jail: Sheriff}\n"
        "preset: essentials\n"
    )
    result = CliRunner().invoke(app, ["build", "a.yaml", "-o", "out.md"])
    assert result.exit_code == 0, result.output
    assert "The County Board of Rice County ordains:" in (tmp_path / "out.md").read_text()
