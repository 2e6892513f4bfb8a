"""Shared fixtures and helpers for the Ordinance Drafter tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ordinance_drafter.cli.app import app
from ordinance_drafter.library.loader import Library, builtin_library_path, load_library

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# CI sets this so that a missing external reader fails a test instead of skipping it.
REQUIRE_TOOLS = os.environ.get("ORDINANCE_DRAFTER_REQUIRE_TOOLS") == "1"


def require_tool(name: str) -> str:
    """Return the path of an external program, or skip (fail under CI) if it is missing."""
    found = shutil.which(name)
    if found:
        return found
    if REQUIRE_TOOLS:
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} is not installed")
    raise AssertionError  # unreachable


@pytest.fixture(scope="session", autouse=True)
def _private_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates of the run's many libraries go to a folder of its own, not the
    user's cache (subprocesses inherit it)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session", autouse=True)
def _private_log_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Logs of unexpected errors (cli/bugs.py) go to a folder of the test run, not the
    user's log folder; subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("state")
    previous = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("XDG_STATE_HOME", None)
    else:
        os.environ["XDG_STATE_HOME"] = previous


@pytest.fixture(scope="session")
def library() -> Library:
    """The built-in clause library."""
    return load_library(builtin_library_path())


@pytest.fixture
def cli() -> Callable[..., object]:
    """Invoke the CLI in-process: ``cli("build", "a.yaml", "-o", "x.docx")``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


def run_command(
    *args: str,
    cwd: Path,
    input: str | None = None,
    timeout: int = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``ordinance-drafter`` command in a subprocess."""
    exe = shutil.which("ordinance-drafter")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "ordinance_drafter", *args]
    return subprocess.run(
        cmd, cwd=cwd, input=input, capture_output=True, text=True, timeout=timeout, check=False
    )


def write_answers(path: Path, text: str) -> Path:
    """Write an answers file and return its path."""
    path.write_text(text, encoding="utf-8")
    return path


def build_clause_library(root: Path, files: dict[str, str]) -> Path:
    """Copy the built-in library to ``root`` and overwrite or add ``files`` (relative paths).

    A value of ``None`` deletes that file. Returns ``root``.
    """
    shutil.copytree(builtin_library_path(), root)
    for rel, text in files.items():
        target = root / rel
        if text is None:
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root
