"""``ordinance-drafter draft``: gather answers (interview or not), save them, build the draft.

Answers come from these sources, later ones winning (docs/answers-format.md):

1. the clause library's defaults;
2. ``--resume``: the answers of the interrupted interview (the recovery file);
3. ``--answers FILE``;
4. ``--preset NAME``;
5. ``--set key=value`` (repeatable);
6. what the user types in the interview. Questions answered by 3-5 are not asked again,
   but the review table lists them and the user can change them there.

Each source is checked as soon as it is read, so a mistake in a file or a ``--set`` is
reported before any question is asked.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import typer

from ..errors import AnswerError, MissingAnswersError, printable
from ..interview.terminal import RECOVERY_NAME
from ..library.yamlio import read_yaml
from .prompts import destinations, offer_packet, offer_resume

REQUIRED: dict[tuple[str, ...], str] = {
    ("jurisdiction", "name"): "the name of the city or county, "
    "e.g. --set jurisdiction.name=Northfield",
}


def missing_answers(data: dict[str, Any]) -> list[str]:
    """The required answers ``data`` lacks, each as ``key (what it is)``."""
    out = []
    for key, what in REQUIRED.items():
        node: Any = data
        for part in key:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None or not str(node).strip():
            out.append(f"{'.'.join(key)} ({what})")
    return out


def check_early(data: dict[str, Any], library: Any, source: str) -> None:
    """Check partial answers against the library before the interview starts.

    Answers the interview will still ask for (the jurisdiction's name, kind and jail) are
    filled with stand-ins for the check; a mistake is reported only if no stand-in makes
    the answers valid, so only real mistakes stop the user.

    Raises:
        AnswerError: A value, id or key is invalid; the message names ``source``.
    """
    from ..answers.jurisdiction import JAIL_CHOICES
    from ..answers.resolve import resolve
    from ..answers.schema import parse_answers
    from ..errors import DrafterError

    jurisdiction = data.get("jurisdiction")
    if jurisdiction is not None and not isinstance(jurisdiction, dict):
        resolve(parse_answers(data, source), library, source)  # raises the standard message
        return
    given = dict(jurisdiction or {})
    kinds = [given["kind"]] if given.get("kind") else ["city", "county"]
    trials = [
        (kind, jail)
        for kind in kinds
        for jail in ([given["jail"]] if given.get("jail") else JAIL_CHOICES.get(kind, [None]))
    ]
    first: DrafterError | None = None
    for kind, jail in trials:
        trial = copy.deepcopy(data)
        j = trial.setdefault("jurisdiction", {})
        if not str(j.get("name") or "").strip():
            j["name"] = "Sampleton"
        j["kind"] = kind
        if jail is not None:
            j["jail"] = jail
        try:
            resolve(parse_answers(trial, source), library, source)
            return
        except DrafterError as exc:
            first = first or exc
    if first is not None:
        raise first


def gather(
    library: Any,
    *,
    answers: Path | None,
    preset: str | None,
    sets: list[str],
    resume: bool,
    recovery: Path,
) -> tuple[dict[str, Any], list[list[str]], list[list[str]]]:
    """Merge the answers given before the interview, checking each source as it comes.

    Returns:
        ``(data, answered, given)``: the merged answers, the questions the interrupted
        interview had answered, and the keys given by the options (not to be asked).

    Raises:
        AnswerError: A source is missing or invalid; the message names it.
    """
    from ..answers.schema import parse_answers
    from ..answers.sets import apply_sets
    from ..library.yamlio import did_you_mean

    data: dict[str, Any] = {}
    answered: list[list[str]] = []
    given: list[list[str]] = []
    if resume:
        if not recovery.is_file():
            raise AnswerError(
                f"{recovery}: there is no interrupted interview to resume in this folder. "
                "Run 'ordinance-drafter draft' to start one."
            )
        saved = read_yaml(recovery, AnswerError, "recovery file")
        if not isinstance(saved, dict) or not isinstance(saved.get("answers"), dict):
            raise AnswerError(
                f"{recovery}: the recovery file is damaged (it has no 'answers' mapping). "
                "Delete it and run 'ordinance-drafter draft' again."
            )
        data = dict(saved["answers"])
        answered = [list(k) for k in saved.get("answered") or []]
        given = [list(k) for k in saved.get("given") or []]
    if answers is not None:
        loaded = read_yaml(answers, AnswerError, "answers file")
        if not isinstance(loaded, dict):
            parse_answers(loaded, str(answers))  # raises the standard message
        check_early(loaded, library, str(answers))
        data.update(loaded)
        given += _keys_of(loaded)
    if preset:
        if preset not in library.presets:
            raise AnswerError(
                f"--preset {preset!r} is not a preset of the clause library."
                f"{did_you_mean(preset, library.presets)} Presets: {', '.join(library.presets)}."
            )
        data["preset"] = preset
        given.append(["preset"])
    for item in sets:
        data = apply_sets(data, [item], library)
        check_early(data, library, f"--set {item!r}")
        given.append([p for p in item.split("=", 1)[0].strip().split(".") if p])
    return data, answered, given


def run_draft(
    *,
    output: Path | None,
    answers: Path | None,
    preset: str | None,
    sets: list[str],
    no_input: bool,
    resume: bool,
    notes: str | None,
    fmt: str | None,
    force: bool,
    both: bool,
    library: Path | None,
    council_copy: bool = False,
    console: Any = None,
    stream: Any = None,
) -> None:
    """Run the draft command (see ``ordinance-drafter draft --help``).

    Args:
        console: Where the interview and messages go (default: the terminal).
        stream: Where the interview reads answers (default: the terminal).

    Raises:
        DrafterError: Any user mistake; nothing is written.
        typer.Exit: The user pressed Ctrl-C (exit code 130); the answers so far are kept.
    """

    from ..files import check_output_path, written_files
    from ..interview.terminal import Interview, enable_line_editing
    from ..library.loader import load_library
    from .common import _format, terminal

    console = console or terminal(highlight=False)
    if output is not None:
        check_output_path(output, force=force)
        _format(output, fmt)
    recovery = Path(RECOVERY_NAME)
    if not resume and not no_input and recovery.is_file():
        resume = offer_resume(console, stream, recovery)
    if resume and recovery.is_file():
        # Options given when the interview started hold unless given again.
        saved = read_yaml(recovery, AnswerError, "recovery file")
        kept = (saved.get("options") if isinstance(saved, dict) else None) or {}
        output = output or (Path(kept["output"]) if kept.get("output") else None)
        notes = notes or kept.get("notes")
        fmt = fmt or kept.get("format")
        both = both or bool(kept.get("both"))
        council_copy = council_copy or bool(kept.get("council_copy"))
        library = library or (Path(kept["library"]) if kept.get("library") else None)
        if output is not None:
            check_output_path(output, force=force)
    lib = load_library(library)
    data, answered, given = gather(
        lib, answers=answers, preset=preset, sets=sets, resume=resume, recovery=recovery
    )
    options = {
        "output": str(output) if output else None,
        "notes": notes,
        "format": fmt,
        "both": both,
        "council_copy": council_copy,
        "library": str(Path(library).resolve()) if library else None,
    }
    copies = (both, council_copy)

    if no_input:
        missing = missing_answers(data)
        if missing:
            raise MissingAnswersError(
                f"--no-input was given but {len(missing)} required answer(s) are missing: "
                + "; ".join(missing)
                + ". Supply them with --set KEY=VALUE or in an --answers FILE."
            )
        data.setdefault("jurisdiction", {}).setdefault("kind", "city")
    else:
        if stream is None:
            enable_line_editing()
        interview = Interview(lib, console, stream, data, recovery, answered, given, options)
        if not resume:
            interview.save_recovery()
        start = len(written_files())
        try:
            data = interview.run()
            _finish(
                lib, data, no_input, answers, output, fmt, notes, force, copies, console, stream
            )
        except KeyboardInterrupt:
            interview.save_recovery()
            raise typer.Exit(_interrupted(console, recovery, written_files()[start:])) from None
        if recovery.is_file():
            recovery.unlink()
        return
    _finish(lib, data, no_input, answers, output, fmt, notes, force, copies, console, stream)


def _finish(
    lib: Any,
    data: dict[str, Any],
    no_input: bool,
    answers: Path | None,
    output: Path | None,
    fmt: str | None,
    notes: str | None,
    force: bool,
    copies: tuple[bool, bool],
    console: Any,
    stream: Any,
) -> None:
    """After the answers are in: save them, write the draft, say how to rebuild it.

    ``copies``: --both and --council-copy.
    """
    from ..answers.sources import resolve_data
    from ..answers.store import save_answers
    from ..interview.questionnaire import normalize
    from ..library.loader import slug
    from ..pipeline import draft_ordinance
    from ..render import terminal_summary
    from ..tools.check import finding_text
    from .common import _format, _options, _write, council_reminder

    both, council_copy = copies
    data = normalize(data, lib)
    source = "interview" if not no_input else (str(answers) if answers else "--no-input answers")
    resolved = resolve_data(data, lib, source)

    name = slug(resolved.jurisdiction.name)
    interactive = not no_input and (stream is not None or sys.stdin.isatty())
    answers_path, out, overwrite = destinations(
        console, stream, name, output, answers, force=force, interactive=interactive
    )
    fmt_name = _format(out, fmt)
    options = _options(
        notes,
        resolved.document.notes,
        resolved.document.line_numbers,
        resolved.document.confidential,
        resolved.document.cover_summary,
        resolved.document.xref_fields,
        council_copy,
        both,
    )
    save_answers(answers_path, resolved.to_answers(lib), force=overwrite)
    console.print(printable(f"Saved answers to {answers_path}"), markup=False)
    ordinance = draft_ordinance(lib, resolved)
    written = _write(ordinance, out, fmt_name, options, force or overwrite, both)
    for path in written:
        console.print(printable(f"Wrote {path}"), markup=False)
    reminder = council_reminder(options, written)
    if reminder:
        console.print(printable(reminder), markup=False, soft_wrap=True)
    for pid, reason in resolved.dropped:
        console.print(printable(f"Note: left out '{pid}': {reason}"), markup=False)
    for finding in ordinance.consistency:
        console.print(printable(f"Warning (consistency): {finding_text(finding)}"), markup=False)
    for line in terminal_summary(ordinance, not council_copy or both):
        console.print(printable(line), markup=False, soft_wrap=True)
    console.print(
        printable(
            f"Rebuild it any time with: ordinance-drafter build {answers_path} -o {out} --force"
            + (" --council-copy" if council_copy else "")
        ),
        markup=False,
        soft_wrap=True,
    )
    if interactive:
        offer_packet(console, stream, lib, resolved, ordinance, answers_path, out)


def _keys_of(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """The question keys an answers file answers.

    ``provisions`` marks a full list of provisions. A file that names its provisions or
    its preset has also settled whether to choose provisions one by one.
    """
    out: list[list[str]] = []
    for key, value in data.items():
        path = (*prefix, str(key))
        if isinstance(value, dict) and path[0] in ("jurisdiction", "document", "provisions"):
            out += _keys_of(value, path)
        out.append(list(path))
    if not prefix and ("provisions" in data or "preset" in data):
        out.append(["_customize"])
    return out


def _interrupted(console: Any, recovery: Path, written: Any = ()) -> int:
    from .bugs import written_note
    from .common import stop_reported

    stop_reported(now=True)
    done = [p for p in written if p != recovery]
    console.print(
        f"\nInterview stopped. Your answers so far are saved in {recovery}; run "
        f"'ordinance-drafter draft --resume' to continue."
        + (f" {written_note(done)}" if done else ""),
        markup=False,
    )
    return 130
