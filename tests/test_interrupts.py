"""Interrupts and the last resort (issue 17): what the user sees when a command does not finish.

A write through ``files`` is atomic as the user sees it: a Ctrl-C (a real SIGINT, delivered
to this process) at any step leaves either the old file or the complete new one, never a
temporary file, and the message says which. Anything unexpected that escapes a command is
one paragraph saying it is a bug and where its log is, never a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_command, write_answers
from ordinance_drafter import files
from ordinance_drafter.cli.app import app
from ordinance_drafter.cli.bugs import BUG_EXIT, log_folders

ANSWERS = (
    "jurisdiction: {name: Northfield, kind: city, state: MN}\n"
    "preset: essentials\n"
    'document: {draft_date: "2026-11-25"}\n'
)
OLD = b"the council's copy, which must survive"
NEW = b"the complete new file " * 1000


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _interrupt_during(monkeypatch, module, name: str, *, after: bool) -> None:
    """Make ``module.name`` send this process a real SIGINT before (or after) it runs."""
    real = getattr(module, name)

    def wrapped(*args, **kwargs):
        if not after:
            os.kill(os.getpid(), signal.SIGINT)
        result = real(*args, **kwargs)
        if after:
            os.kill(os.getpid(), signal.SIGINT)
        return result

    monkeypatch.setattr(module, name, wrapped)


# Every step of a write, in order; a stop at one of the first five abandons the new file,
# a stop during or after the rename takes effect once it is complete.
STEPS = [
    (tempfile, "mkstemp", False),
    (tempfile, "mkstemp", True),  # the temporary file exists, its name not yet returned
    (os, "fsync", False),
    (os, "chmod", False),
    (os, "chmod", True),
    (os, "replace", True),
]


@pytest.mark.parametrize(
    ("module", "name", "after"),
    STEPS,
    ids=[f"{n}-{'after' if a else 'before'}" for _, n, a in STEPS],
)
def test_a_stop_at_any_step_of_a_write_leaves_old_or_new(
    tmp_path, monkeypatch, module, name, after
):
    """Old bytes or complete new bytes, no temporary file, and written_files() tells which."""
    target = tmp_path / "out.docx"
    target.write_bytes(OLD)
    before = len(files.written_files())
    _interrupt_during(monkeypatch, module, name, after=after)
    with pytest.raises(KeyboardInterrupt):
        files.atomic_write_bytes(target, NEW, force=True)
    monkeypatch.undo()
    assert _leftovers(tmp_path) == []
    written = files.written_files()[before:]
    if name == "replace":
        assert target.read_bytes() == NEW
        assert written == (target,)
    else:
        assert target.read_bytes() == OLD
        assert written == ()


def test_a_write_without_a_stop_is_recorded(tmp_path):
    target = tmp_path / "new.md"
    before = len(files.written_files())
    files.atomic_write_text(target, "text", force=False)
    assert target.read_text() == "text"
    assert files.written_files()[before:] == (target,)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    """A full disk (ENOSPC while writing) leaves the old file and nothing else."""
    import errno

    target = tmp_path / "out.docx"
    target.write_bytes(OLD)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(files.OutputError, match="No space left"):
        files.atomic_write_bytes(target, NEW, force=True)
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def _build(tmp_path: Path, *extra: str):
    write_answers(tmp_path / "a.yaml", ANSWERS)
    return CliRunner().invoke(app, ["build", "a.yaml", "-o", "out.docx", *extra])


def test_a_stop_after_the_write_says_the_file_was_written(tmp_path, monkeypatch):
    """Ctrl-C once out.docx is in place: the message names it; it is complete and kept."""
    import ordinance_drafter.tools.updates as updates

    monkeypatch.chdir(tmp_path)

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(updates, "check_update", stop)  # runs after the draft is written
    result = _build(tmp_path)
    assert result.exit_code == 130
    message = " ".join(result.stderr.split())
    assert "Stopped. out.docx was written in full before the stop" in message
    assert "No file was written" not in message
    import docx

    assert docx.Document(tmp_path / "out.docx").paragraphs  # complete: it opens


def test_a_stop_before_the_write_says_nothing_was_written(tmp_path, monkeypatch):
    import ordinance_drafter.pipeline as pipeline

    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.docx").write_bytes(OLD)

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "render_bytes", stop)
    result = _build(tmp_path, "--force")
    assert result.exit_code == 130
    assert "Stopped. No file was written." in result.stderr
    assert "Wrote" not in result.stdout
    assert (tmp_path / "out.docx").read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_an_error_after_a_first_file_says_so(tmp_path, monkeypatch):
    """--both: the clean copy fails after the annotated one is written; the message says so."""
    from ordinance_drafter.errors import OutputError

    monkeypatch.chdir(tmp_path)
    real = files.atomic_write_bytes

    def second_fails(path, data, *, force):
        if "clean" in Path(path).name:
            raise OutputError(f"{path}: could not write the file (disk full). Nothing was written.")
        real(path, data, force=force)

    monkeypatch.setattr("ordinance_drafter.pipeline.atomic_write_bytes", second_fails)
    result = _build(tmp_path, "--both")
    message = " ".join(result.stderr.split())
    assert result.exit_code == 2
    assert "out.docx was written in full before this error" in message


def _bug(*args, **kwargs):
    raise ZeroDivisionError("an unexpected failure")


# Each command with arguments that reach the clause library, where the bug is planted.
COMMANDS = [
    ["build", "a.yaml", "-o", "out.docx"],
    ["draft", "--no-input", "--set", "jurisdiction.name=Northfield"],
    ["provisions"],
    ["lint-library"],
    ["compare", "a.yaml", "a.yaml"],
    ["explore", "-o", "options.html"],
    ["version"],
    ["states"],
    ["check", "a.yaml"],
    ["packet", "a.yaml", "-o", "packet"],
]


def test_every_command_is_guarded():
    """Every registered command goes through handle_errors (the list above covers them all)."""
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names == {c[0] for c in COMMANDS}
    for command in app.registered_commands:
        assert hasattr(command.callback, "__wrapped__"), command.name


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_bug_in_any_command_is_one_paragraph_and_a_log(args, tmp_path, monkeypatch):
    """An unexpected exception: exit 70, one paragraph saying it is a bug, the traceback in
    a log file that the message names, nothing on the terminal that looks like Python."""
    import ordinance_drafter.library.loader as loader

    monkeypatch.chdir(tmp_path)
    write_answers(tmp_path / "a.yaml", ANSWERS)
    monkeypatch.setattr(loader, "load_library", _bug)
    monkeypatch.setattr(loader.Library, "__init__", _bug)
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == BUG_EXIT, result.output
    message = " ".join(result.stderr.split())
    assert message.startswith("Error: This is a bug in Ordinance Drafter")
    assert f"the '{args[0]}' command" in message
    assert "ZeroDivisionError" in message
    assert "Traceback" not in result.output and 'File "' not in result.output
    assert "\n\n" not in result.stderr.strip()
    log = Path(message.split("The details are in ")[1].split("; please")[0])
    assert log.parent == log_folders()[0]
    text = log.read_text()
    assert "Traceback" in text and "ZeroDivisionError: an unexpected failure" in text
    assert "_bug" in text  # the frame where it happened


def test_a_bug_with_no_folder_for_the_log_still_gives_one_paragraph(tmp_path, monkeypatch):
    import ordinance_drafter.cli.bugs as bugs
    import ordinance_drafter.library.loader as loader

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(bugs, "log_folders", lambda: [Path("/proc/no-such-folder")])
    monkeypatch.setattr(loader, "load_library", _bug)
    result = CliRunner().invoke(app, ["provisions"], catch_exceptions=False)
    assert result.exit_code == BUG_EXIT
    message = " ".join(result.stderr.split())
    assert "This is a bug" in message and "could not be saved" in message
    assert "Traceback" not in result.output


READY = "import sys; from ordinance_drafter.cli import main; print('ready', flush=True); "


def _started(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    """The real command in a subprocess, once Python itself has started (it prints 'ready')."""
    code = READY + f"sys.argv = ['ordinance-drafter', *{args!r}]; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_ctrl_c_at_any_moment_of_a_real_build(tmp_path):
    """A real SIGINT at moments spread over a whole `build --force` over an existing file.

    Whatever the moment: no traceback, no temporary file, out.docx is the old file or the
    complete new one, and the messages agree with which it is.
    """
    write_answers(tmp_path / "a.yaml", ANSWERS)
    reference = run_command("build", "a.yaml", "-o", "ref.docx", cwd=tmp_path)
    assert reference.returncode == 0, reference.stderr
    complete = (tmp_path / "ref.docx").read_bytes()
    start = time.monotonic()
    _started(["build", "a.yaml", "-o", "whole.docx"], tmp_path).communicate(timeout=120)
    whole = time.monotonic() - start  # to spread the stops over a whole run
    outcomes = set()
    out = tmp_path / "out.docx"
    for step in range(12):
        out.write_bytes(OLD)
        proc = _started(["build", "a.yaml", "-o", "out.docx", "--force"], tmp_path)
        if step < 11:
            time.sleep(whole * step / 10)
        else:  # the last stop lands once the new file is in place, however long that took
            while out.read_bytes() == OLD and proc.poll() is None:
                time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=120)
        data = out.read_bytes()
        assert "Traceback" not in stderr, stderr
        assert _leftovers(tmp_path) == [], step
        assert data in (OLD, complete), f"out.docx is neither the old nor the new file ({step})"
        if data == OLD:
            assert "Wrote out.docx" not in stdout
            assert proc.returncode == 130, stderr
            assert "Stopped. No file was written." in stderr
            outcomes.add("old")
        else:
            said = "Wrote out.docx" in stdout or "out.docx was written in full" in stderr
            assert said, (stdout, stderr)
            assert "No file was written" not in stderr
            outcomes.add("new")
    assert "new" in outcomes  # the last stop lands after the write


CALLBACK = """
import sys, time, weakref
from ordinance_drafter.cli.bugs import unraisable
sys.unraisablehook = unraisable
class Thing:
    def __del__(self):
        if sys.argv[1] == "error":
            raise ValueError("in __del__")
thing = Thing()
def callback(ref):
    if sys.argv[1] == "stop":
        raise KeyboardInterrupt  # what a Ctrl-C in the import system's callbacks looks like
ref = weakref.ref(thing, callback)
try:
    del thing
    time.sleep(30 if sys.argv[1] == "stop" else 0)  # the stop arrives well before the end
    print("went on")
except KeyboardInterrupt:
    print("stopped")
"""


@pytest.mark.parametrize(("case", "expected"), [("stop", "stopped"), ("error", "went on")])
def test_what_python_cannot_raise_is_neither_a_traceback_nor_lost(case, expected, tmp_path):
    """A KeyboardInterrupt in a weakref callback stops the program as Ctrl-C should (Python
    alone prints 'Exception ignored' and goes on); another error there is logged, one line."""
    result = subprocess.run(
        [sys.executable, "-c", CALLBACK, case], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stdout.strip() == expected
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    if case == "error":
        assert "Note: an unexpected ValueError was ignored (details in " in result.stderr
