"""Library updates: which clause library an answers file was built with, and what changed.

An answers file may carry a ``library`` record (``draft`` writes it; ``build --record``
adds or refreshes it)::

    library:
      name: Ordinance Drafter model clause library
      version: 0.1.0
      provisions: {findings: 0.1.0, status_inquiry: 0.1.0, ...}

When ``build`` uses a newer library than the record names, :func:`check_update` lists the
provisions whose version changed, and ``build --old-library PATH --redline FILE`` writes
the redline between the draft as the old library renders it and as the new one does.

``--record`` never rewrites the user's file wholesale: it replaces (or appends) only the
top-level ``library:`` block, leaves every other byte as it was, and checks that the new
file reads back as the same answers before it replaces the old one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, ConfigDict, ValidationError

from ..answers.resolve import Resolved, library_record
from ..answers.schema import LibraryRecord
from ..errors import AnswerError
from ..files import read_user_file
from ..library.loader import Library
from ..library.yamlio import (
    MAX_FILE_BYTES,
    describe_validation_error,
    dump_yaml,
    parse_yaml,
    read_yaml,
)


@dataclass(frozen=True)
class Update:
    """How the library in use differs from the one an answers file records.

    Attributes:
        recorded: The file's ``library`` record, or ``None`` if it has none.
        current_version: The version of the library in use.
        changed: ``(provision id, recorded version, current version)`` for each chosen
            provision whose version differs; "" for a version that is not known (not
            recorded, or the provision left the draft).
        versions_known: Whether provision versions were available to compare (from the
            record, or from the old library itself).
    """

    recorded: LibraryRecord | None
    current_version: str
    changed: tuple[tuple[str, str, str], ...]
    versions_known: bool

    @property
    def has_record(self) -> bool:
        """Whether the answers file records a library at all."""
        return self.recorded is not None and bool(self.recorded.version)

    @property
    def newer(self) -> bool:
        """Whether the recorded library is newer than the one in use (by its version)."""
        if not self.has_record:
            return False
        assert self.recorded is not None
        return compare_versions(self.recorded.version, self.current_version) > 0

    @property
    def outdated(self) -> bool:
        """Whether the recorded library differs from the one in use."""
        if not self.has_record:
            return False
        assert self.recorded is not None
        return self.recorded.version != self.current_version or bool(self.changed)


def compare_versions(a: str, b: str) -> int:
    """-1, 0 or 1 as library version ``a`` is older than, the same as or newer than ``b``.

    Versions are read as Python package versions (``0.1.0``, ``1.2``, ``2.0rc1``). Two
    that cannot be read that way are not ordered (0), so neither is ever called newer.
    """
    try:
        va, vb = Version(str(a)), Version(str(b))
    except InvalidVersion:
        return 0
    return (va > vb) - (va < vb)


class _RecordOnly(BaseModel):
    """An answers file read for its ``library`` record alone (the rest was checked when the
    draft was built, perhaps with ``--set`` answers that the file itself lacks)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    library: LibraryRecord | None = None


def recorded_library(path: Path) -> LibraryRecord | None:
    """The ``library`` record of an answers file, if it has one."""
    data = read_yaml(path, AnswerError, "answers file")
    if not isinstance(data, dict):
        return None
    try:
        return _RecordOnly.model_validate(data).library
    except ValidationError as exc:
        keys = {"library": list(LibraryRecord.model_fields)}
        raise AnswerError(describe_validation_error(exc, path, keys)) from None


def check_update(
    record: LibraryRecord | None,
    library: Library,
    resolved: Resolved,
    old_library: Library | None = None,
) -> Update:
    """Compare an answers file's library record with the library in use.

    Args:
        record: The answers file's ``library`` record.
        library: The library in use now.
        resolved: The answers resolved against ``library``.
        old_library: The library the file was built with, if available; its provision
            versions stand in for a record that lists none (older answers files).
    """
    recorded_versions = dict(record.provisions) if record else {}
    if not recorded_versions and old_library is not None:
        recorded_versions = {pid: c.spec.version for pid, c in old_library.clauses.items()}
        recorded_versions = {
            pid: v for pid, v in recorded_versions.items() if pid in resolved.choices
        }
    known = bool(recorded_versions)
    changed: list[tuple[str, str, str]] = []
    if known:
        for pid in resolved.choices:
            now = library.clauses[pid].spec.version
            before = recorded_versions.get(pid, "")
            if before != now:
                changed.append((pid, before, now))
        for pid, before in recorded_versions.items():
            if pid not in resolved.choices:
                changed.append((pid, before, ""))
    return Update(record, library.version, tuple(changed), known)


def describe_update(
    update: Update, path: Path, library: Library, *, suggest: bool = True
) -> list[str]:
    """What ``build`` tells the user about the library record, as lines (may be empty).

    Args:
        update: The result of :func:`check_update`.
        path: The answers file.
        library: The library in use.
        suggest: Add the hint on ``--old-library``/``--redline`` and ``--record``.
    """
    if not update.has_record:
        return [
            f"Note: {path} does not record which clause library it was built with. Add "
            "--record to write a 'library:' block into it (nothing else in the file "
            "changes), so that a later build can say what changed."
        ]
    if not update.outdated:
        return []
    assert update.recorded is not None
    if update.newer:
        return _describe_newer(update, path, library, suggest=suggest)
    lines = [
        f"Note: {path} was built with clause library {update.recorded.version}; this build "
        f"uses {update.current_version}."
    ]
    if update.versions_known:
        if update.changed:
            parts = []
            for pid, before, now in update.changed:
                title = library.clauses[pid].spec.title if pid in library.clauses else pid
                if not before:
                    parts.append(f"{pid} ({title}): not in the earlier draft, now {now}")
                elif not now:
                    parts.append(f"{pid}: {before}, no longer in this draft")
                else:
                    parts.append(f"{pid} ({title}): {before} → {now}")
            lines.append("Provisions that changed: " + "; ".join(parts) + ".")
        else:
            lines.append("No provision in this draft changed version.")
    else:
        lines.append(
            "The file records no provision versions, so which provisions changed is not "
            "known; give --old-library to compare with the old library itself."
        )
    if suggest:
        lines.append(
            "To see the changes as Word tracked changes: --old-library PATH_TO_OLD_LIBRARY "
            "--redline changes.docx. To record the new versions in the file: --record."
        )
    return lines


def _describe_newer(update: Update, path: Path, library: Library, *, suggest: bool) -> list[str]:
    """The warning for an answers file written with a newer clause library than this one."""
    assert update.recorded is not None
    lines = [
        f"Warning: {path} was written with clause library {update.recorded.version}, which is "
        f"newer than the one this build uses ({update.current_version}). The draft is built "
        "from the older clauses, so it may lack changes made since; to build it as it was "
        "written, update Ordinance Drafter or give --library the newer clause library folder."
    ]
    parts = []
    for pid, recorded, here in update.changed:
        title = library.clauses[pid].spec.title if pid in library.clauses else pid
        if recorded and not here:
            parts.append(f"{pid}: {recorded} in the file, not in this draft")
        elif recorded:
            parts.append(f"{pid} ({title}): {recorded} in the file, {here} here")
    if parts:
        lines.append("Provisions whose version differs: " + "; ".join(parts) + ".")
    if suggest:
        lines.append(
            "Do not add --record with this library: it would replace the file's record of "
            "the newer library with this older one's."
        )
    return lines


def record_text(library: Library, resolved: Resolved) -> str:
    """The ``library:`` block that ``--record`` writes, as YAML text."""
    record = library_record(library, resolved.choices)
    return dump_yaml({"library": record})


_TOP_LIBRARY = re.compile(r"library\s*:")


def replace_library_block(text: str, block: str) -> str:
    """Replace the top-level ``library:`` block of YAML text, or append one.

    Only the lines of that block change; comments and every other key stay as written.
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _TOP_LIBRARY.match(line)), None)
    if start is None:
        sep = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{sep}{block}"
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the block belong to what follows
    return "".join(lines[:start]) + block + "".join(lines[end:])


def write_record(path: Path, library: Library, resolved: Resolved) -> bool:
    """Write or refresh the ``library`` record in an answers file (``build --record``).

    Returns:
        ``True`` if the file changed, ``False`` if it already held this record.

    Raises:
        AnswerError: The block cannot be replaced safely (the file would read back as
            different answers); the message gives the block to paste by hand.
    """
    from ..files import atomic_write_text

    text = read_user_file(path, "answers file", AnswerError, MAX_FILE_BYTES).decode("utf-8")
    block = record_text(library, resolved)
    new_text = replace_library_block(text, block)
    if new_text == text:
        return False
    before = read_yaml(path, AnswerError, "answers file")
    try:
        after: Any = parse_yaml(new_text, path, AnswerError, "answers file")
    except AnswerError:
        after = None
    wanted = dict(before)
    wanted["library"] = library_record(library, resolved.choices)
    if not isinstance(after, dict) or after != wanted:
        raise AnswerError(
            f"{path}: the 'library:' block could not be updated without touching other "
            "answers (is it written in an unusual layout?). The file was left untouched. "
            f"Replace the block by hand with: {block.strip()}"
        )
    atomic_write_text(path, new_text, force=True)
    return True
