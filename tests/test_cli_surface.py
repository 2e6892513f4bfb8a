"""The command line's surface (issue 16): --version, shell completion, the exit codes in
--help and the README, summaries not cut, ids never cut in tables, the README's trainer
example, what a comparison leaves out, and the status line while LibreOffice converts.

Run as the user runs it: the installed command in a subprocess (its output piped), or in
a pseudo-terminal through pexpect where the terminal matters.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect

from conftest import require_tool, run_command, write_answers
from ordinance_drafter.tools.compare import resolve_pair

ROOT = Path(__file__).resolve().parents[1]
CODES = ("0", "1", "2", "70", "130")


def _run(*args: str, cwd: Path, columns: int = 80):
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "dumb"}
    exe = [sys.executable, "-m", "ordinance_drafter"]
    return subprocess.run(
        [*exe, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_version_flag_says_the_tool_and_library_versions(tmp_path, library):
    result = run_command("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("ordinance-drafter ")
    assert f"clause library {library.version}" in result.stdout


def test_shell_completion_is_on(tmp_path):
    result = _run("--show-completion", "bash", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "complete" in result.stdout and "_ORDINANCE_DRAFTER_COMPLETE" in result.stdout
    assert "--install-completion" in _run("--help", cwd=tmp_path).stdout


def test_help_gives_the_exit_codes_and_whole_summaries(tmp_path):
    text = _run("--help", cwd=tmp_path).stdout
    commands = text.split("Commands:")[1].split("Exit codes")[0]
    lines = [line for line in commands.splitlines() if line.strip()]
    assert len(lines) >= 10
    assert not [line for line in lines if line.rstrip().endswith("...")]
    codes = " ".join(text.split("Exit codes:")[1].split())
    for code in CODES:
        assert re.search(rf"\b{code} ", codes), code
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exit codes")[1].split("\n## ")[0]
    for code in CODES:
        assert f"| {code} |" in section, code
    assert "Exit codes:" in _run("build", "--help", cwd=tmp_path).stdout


def test_the_exit_codes_are_the_ones_used(tmp_path):
    """2 for a mistake in the input (nothing written), 1 for a check with warnings."""
    answers = write_answers(
        tmp_path / "a.yaml",
        "format: 1\njurisdiction: {name: Testville, kind: city, state: TX}\npreset: standard\n",
    )
    bad = run_command("build", str(answers), "-o", "x.docx", "--notes", "nope", cwd=tmp_path)
    assert bad.returncode == 2 and not (tmp_path / "x.docx").exists()
    assert run_command("check", str(answers), cwd=tmp_path).returncode == 1


def test_tables_never_cut_an_id_at_80_columns_or_piped(tmp_path, library):
    out = _run("provisions", cwd=tmp_path).stdout
    assert "…" not in out
    cells = set(re.findall(r"[a-z0-9_]+", out))
    for pid, clause in library.clauses.items():
        assert pid in cells, pid
        for variant in clause.spec.variants:
            assert variant.id in cells, (pid, variant.id)
    result = _run("compare", "essentials", "comprehensive", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    a, b = resolve_pair("essentials", "comprehensive", library)
    differ = set(b.resolved.choices) - set(a.resolved.choices)
    cells = set(re.findall(r"[a-z0-9_]+", result.stdout))
    assert differ and differ <= cells


def test_the_readme_trainer_example_works(tmp_path, library):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(
        r"ordinance-drafter (compare essentials comprehensive --set [^\n`]+)", readme
    )
    assert command, "the README's trainer example"
    args = command.group(1).split("#")[0].split()
    result = _run(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr


def test_a_comparison_says_what_it_leaves_out_and_why(tmp_path, library):
    """Two presets for the sample city, which runs no jail: each jail provision a preset
    chose is named on the terminal and in --json, with the reason and how to include it."""
    a, b = resolve_pair("essentials", "comprehensive", library)
    dropped = {pid for side in (a, b) for pid, _reason in side.resolved.dropped}
    assert dropped  # the comprehensive preset chooses jail provisions
    result = _run("compare", "essentials", "comprehensive", cwd=tmp_path)
    for pid in dropped:
        assert f"left out '{pid}'" in result.stderr
    assert "--set jurisdiction.jail=" in result.stderr

    record = json.loads(
        _run("compare", "essentials", "comprehensive", "--json", cwd=tmp_path).stdout
    )
    assert {entry["id"] for entry in record["left_out"]} == dropped
    county = _run(
        "compare",
        "essentials",
        "comprehensive",
        "--set",
        "jurisdiction.kind=county",
        "--set",
        "jurisdiction.jail=sheriff",
        cwd=tmp_path,
    )
    assert county.returncode == 0 and "left out" not in county.stderr


def test_a_status_line_shows_while_libreoffice_converts(tmp_path):
    require_tool("soffice")
    answers = write_answers(
        tmp_path / "a.yaml", "format: 1\njurisdiction: {name: Testville, kind: city}\n"
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ordinance_drafter", "build", str(answers), "-o", "x.pdf"],
        cwd=str(tmp_path),
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
        encoding="utf-8",
        timeout=180,
    )
    child.expect("Converting x.pdf to PDF with LibreOffice")
    child.expect("Wrote x.pdf")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    piped = run_command("build", str(answers), "-o", "y.pdf", cwd=tmp_path)
    assert piped.returncode == 0 and "Converting" not in piped.stderr
