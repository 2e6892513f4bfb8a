"""What the ``draft`` command asks at a terminal besides the interview, and where its
files go: whether to continue an interrupted interview, whether to overwrite files that
exist (else the next free name), and whether to write the adoption packet too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text

from ..errors import AnswerError, InterviewAborted
from ..interview.terminal import read_line
from ..library.yamlio import read_yaml


def free_path(path: Path) -> Path:
    """``path`` if it does not exist, else ``path`` with -2, -3 ... before the suffix."""
    if not path.exists():
        return path
    stem, suffix = path.name.split(".", 1) if "." in path.name else (path.name, "")
    n = 2
    while True:
        candidate = path.with_name(f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}")
        if not candidate.exists():
            return candidate
        n += 1


def offer_packet(
    console: Any, stream: Any, lib: Any, resolved: Any, ordinance: Any, answers: Path, out: Path
) -> None:
    """At the end of the interview: offer the adoption packet, in a folder beside the draft."""
    from ..packet import PacketOptions
    from .packet import write_packet

    folder = free_path(out.with_name(f"{out.stem}-packet"))
    prompt = (
        "Also write the adoption packet (staff report, community summary, checklist, staff "
        f"card ...) in {folder}? [y/N] "
    )
    if not yes_no(console, stream, prompt, default=False):
        console.print(
            f"Write it later with: ordinance-drafter packet {answers} -o {folder}",
            markup=False,
            soft_wrap=True,
        )
        return
    written, skipped = write_packet(lib, resolved, ordinance, folder, PacketOptions(), force=False)
    for path in written:
        console.print(f"Wrote {path}", markup=False)
    for line in skipped:
        console.print(f"Note: {line}", markup=False)


def destinations(
    console: Any,
    stream: Any,
    name: str,
    output: Path | None,
    answers: Path | None,
    *,
    force: bool,
    interactive: bool,
) -> tuple[Path, Path, bool]:
    """Where the answers and the draft go: ``(answers file, draft, overwrite)``.

    The answers go to ``NAME.answers.yaml`` and, without ``-o``, the draft to ``NAME.docx``.
    If those files exist, ``--force`` overwrites them; at a terminal the user is asked;
    otherwise (``--no-input``, piped input) they are kept and the new files get the next
    free name (``NAME-2...``), and the terminal says so.
    """
    wanted = [Path(f"{name}.answers.yaml")] + ([Path(f"{name}.docx")] if output is None else [])
    taken = [p for p in wanted if p.exists()]
    overwrite = force
    if taken and not force:
        names = " and ".join(str(p) for p in taken)
        free = " and ".join(str(free_path(p)) for p in taken)
        exist = "exists" if len(taken) == 1 else "exist"
        mine = (
            f" ({wanted[0]} is the answers file you started from)"
            if answers is not None and wanted[0] in taken and _same_file(answers, wanted[0])
            else ""
        )
        if interactive:
            console.print(
                Text(
                    f"{names} already {exist}{mine}. Answer y to overwrite, or n to keep "
                    f"{'it' if len(taken) == 1 else 'them'} and write {free}.",
                    style="yellow",
                )
            )
            try:
                overwrite = yes_no(console, stream, "> [y/N] ", default=False)
            except InterviewAborted:  # the input ended: keep the files
                overwrite = False
        if not overwrite:
            console.print(
                Text(
                    f"{names} already {exist}{mine}, so this draft goes to {free}"
                    + ("." if interactive else "; --force overwrites instead."),
                    style="yellow",
                )
            )
    answers_path = wanted[0] if overwrite else free_path(wanted[0])
    out = output or (wanted[1] if overwrite else free_path(wanted[1]))
    return answers_path, out, overwrite


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def offer_resume(console: Any, stream: Any, recovery: Path) -> bool:
    """Ask whether to continue the interview a recovery file holds."""
    saved = read_yaml(recovery, AnswerError, "recovery file")
    name = ""
    if isinstance(saved, dict) and isinstance(saved.get("answers"), dict):
        name = str((saved["answers"].get("jurisdiction") or {}).get("name") or "")
    what = f" (for {name})" if name else ""
    console.print(
        Text(
            f"An interrupted interview{what} is saved in {recovery}. Answer y to continue it, "
            "or n to start again (its answers are then discarded).",
            style="yellow",
        )
    )
    return yes_no(console, stream, "Continue it? [Y/n] ", default=True)


def yes_no(console: Any, stream: Any, prompt: str, *, default: bool) -> bool:
    """Ask a yes-or-no question until it gets one (Enter gives ``default``).

    Raises:
        InterviewAborted: The input ended.
    """
    while True:
        try:
            raw = read_line(console, stream, prompt).strip().lower()
        except EOFError:
            raise InterviewAborted("Interview stopped: the input ended.") from None
        if not raw:
            return default
        if raw in ("y", "yes"):
            return True
        if raw in ("n", "no"):
            return False
        console.print(Text("✗ Answer y (yes) or n (no).", style="red"))
