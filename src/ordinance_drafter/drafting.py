"""``ordinance-drafter draft``: gather answers (interview or not), save them, build the draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ._yaml import read_yaml
from .errors import AnswerError, MissingAnswersError
from .interview import RECOVERY_NAME

REQUIRED = (("jurisdiction", "name"),)


def _free_path(path: Path) -> Path:
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


def _missing(data: dict[str, Any]) -> list[str]:
    out = []
    for key in REQUIRED:
        node: Any = data
        for part in key:
            node = node.get(part) if isinstance(node, dict) else None
        if node in (None, ""):
            out.append(".".join(key))
    return out


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
    console: Any = None,
    stream: Any = None,
) -> None:
    """Run the draft command (see ``ordinance-drafter draft --help``)."""
    from rich.console import Console

    from ._io import check_output_path
    from .answers import apply_sets, save_answers
    from .build import draft_ordinance, resolve_data
    from .cli import _format, _options, _write
    from .interview import Interview, normalize
    from .library import load_library, slug

    console = console or Console(highlight=False)
    lib = load_library(library)
    if output is not None:
        check_output_path(output, force=force)
    recovery = Path(RECOVERY_NAME)
    data: dict[str, Any] = {}
    answered: list[list[str]] = []
    if resume:
        if not recovery.is_file():
            raise AnswerError(
                f"{recovery}: there is no interrupted interview to resume in this folder. "
                "Run 'ordinance-drafter draft' to start one."
            )
        saved = read_yaml(recovery, AnswerError, "recovery file") or {}
        data = dict(saved.get("answers") or {})
        answered = list(saved.get("answered") or [])
    if answers is not None:
        loaded = read_yaml(answers, AnswerError, "answers file")
        if not isinstance(loaded, dict):
            from .answers import parse_answers

            parse_answers(loaded, str(answers))
        data.update(loaded)
        answered += _keys_of(loaded)
    if preset:
        if preset not in lib.presets:
            from ._yaml import did_you_mean

            raise AnswerError(
                f"--preset {preset!r} is not a preset of the clause library."
                f"{did_you_mean(preset, lib.presets)} Presets: {', '.join(lib.presets)}."
            )
        data["preset"] = preset
        answered.append(["preset"])
    if sets:
        data = apply_sets(data, sets, lib)
        answered += [s.split("=", 1)[0].split(".") for s in sets if "=" in s]

    if no_input:
        missing = _missing(data)
        if missing:
            raise MissingAnswersError(
                "--no-input was given but these required answers are missing: "
                + ", ".join(missing)
                + ". Supply them with --set (e.g. --set jurisdiction.name=Northfield) or "
                "--answers FILE."
            )
        data.setdefault("jurisdiction", {}).setdefault("kind", "city")
    else:
        interview = Interview(lib, console, stream, data, recovery, answered)
        try:
            data = interview.run()
        except KeyboardInterrupt:
            interview.save_recovery()
            raise typer.Exit(_interrupted(console, recovery)) from None
    data = normalize(data)
    source = str(answers) if answers else ("interview" if not no_input else "--no-input answers")
    resolved = resolve_data(data, lib, source)

    name = slug(resolved.jurisdiction.name)
    answers_path = _free_path(Path(f"{name}.answers.yaml"))
    out = output or _free_path(Path(f"{name}.docx"))
    fmt_name = _format(out, fmt)
    options = _options(
        notes,
        resolved.document.notes,
        resolved.document.line_numbers,
        resolved.document.confidential,
        resolved.document.cover_summary,
        resolved.document.xref_fields,
    )
    full = resolved.to_answers(lib)
    save_answers(answers_path, full, force=False)
    console.print(f"Saved answers to {answers_path}", markup=False)
    ordinance = draft_ordinance(lib, resolved)
    for path in _write(ordinance, out, fmt_name, options, force, both):
        console.print(f"Wrote {path}", markup=False)
    for pid, reason in resolved.dropped:
        console.print(f"Note: left out '{pid}': {reason}", markup=False)
    if recovery.is_file() and not no_input:
        recovery.unlink()


def _keys_of(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[list[str]]:
    out: list[list[str]] = []
    for key, value in data.items():
        path = (*prefix, str(key))
        if isinstance(value, dict) and path[0] in ("jurisdiction", "document", "provisions"):
            out += _keys_of(value, path)
        out.append(list(path))
    if not prefix and "provisions" in data:
        out.append(["_customize"])
        out.append(["_selected"])
    return out


def _interrupted(console: Any, recovery: Path) -> int:
    console.print(
        f"\nInterview stopped. Your answers so far are saved in {recovery}; run "
        "'ordinance-drafter draft --resume' to continue.",
        markup=False,
    )
    return 130
