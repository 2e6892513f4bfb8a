"""The one error family of Ordinance Drafter.

Every mistake a user can make (a bad answers file, a bad flag, a broken custom clause
library, an output path that cannot be written) is raised as a :class:`DrafterError`.
The CLI catches the family once, prints the message as one paragraph on standard error
and exits non-zero without a traceback. Anything else that escapes is a bug.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import reprlib
from typing import Any

#: Characters never sent to the terminal as they are: C0 and C1 controls (ESC starts the
#: sequences that clear a screen or set a window title), DEL, the bidirectional embeddings,
#: overrides and isolates (they reorder the text around them), and lone surrogates (which
#: cannot be encoded). Line breaks and tabs are kept by :func:`printable` (a message
#: folds them into spaces).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: The longest message: past it the middle is cut (the start names the file and the
#: field, the end says what is allowed).
MAX_MESSAGE = 4000


def printable(text: str) -> str:
    """``text`` with every character that could act on a terminal shown escaped instead.

    ``"\x1b[2J"`` becomes ``"\\x1b[2J"``: the user sees what the file holds, and the
    terminal is not cleared. Used on every message the tool prints (see
    :class:`DrafterError` and the CLI's printer).
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class _Describer(reprlib.Repr):
    """:mod:`reprlib` with limits fit for a one-line message, and nothing built in full.

    reprlib already stops at a depth and a count of items, so a cycle or a YAML alias
    bomb costs a bounded number of steps. Beyond it: mappings and sets keep their own
    order (reprlib sorts every key first), a huge integer is described by its size
    (its digits are never produced), bytes are cut before they are shown, and an object
    of any other type is named by its type, never asked for its ``repr``.
    """

    _SCALARS = (float, complex, dt.timedelta)

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxdict = self.maxlist = self.maxtuple = 4
        self.maxset = self.maxfrozenset = self.maxdeque = 4
        self.maxstring = self.maxlong = self.maxother = 40

    def repr1(self, x: Any, level: int) -> str:
        if x is None or isinstance(x, bool):
            return repr(x)
        for kind, method in (
            (str, self.repr_str),
            (int, self.repr_int),
            (bytes, self.repr_bytes),
            (dict, self.repr_dict),
            (list, self.repr_list),
            (tuple, self.repr_tuple),
            ((set, frozenset), self.repr_set),
        ):
            if isinstance(x, kind):
                return method(x, level)
        if isinstance(x, (dt.date, dt.time)):  # as YAML writes them: 2026-02-03
            return x.isoformat()
        if isinstance(x, self._SCALARS):
            return self.repr_instance(x, level)
        return f"<{type(x).__name__}>"

    def repr_str(self, x: str, level: int) -> str:
        return super().repr_str(str(x), level)

    def repr_int(self, x: int, level: int) -> str:
        bits = int(x).bit_length()
        if bits > 3 * self.maxlong:  # log2(10) < 3.33: more digits than a message shows
            return f"<a whole number of about {int((bits - 1) * 0.30103) + 1:,} digits>"
        return super().repr_int(int(x), level)

    def repr_bytes(self, x: bytes, level: int) -> str:
        shown = repr(bytes(x[: self.maxstring]))
        return shown + self.fillvalue if len(x) > self.maxstring else shown

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        if not x:
            return "{}"
        if level <= 0:
            return "{" + self.fillvalue + "}"
        pieces = [
            f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
            for k, v in itertools.islice(x.items(), self.maxdict)
        ]
        if len(x) > self.maxdict:
            pieces.append(self.fillvalue)
        return "{" + ", ".join(pieces) + "}"

    def repr_set(self, x: Any, level: int) -> str:
        if not x:
            return "set()"
        if level <= 0:
            return "{" + self.fillvalue + "}"
        pieces = [self.repr1(item, level - 1) for item in itertools.islice(x, self.maxset)]
        if len(x) > self.maxset:
            pieces.append(self.fillvalue)
        return "{" + ", ".join(pieces) + "}"


_DESCRIBER = _Describer()


def describe_value(value: Any, limit: int = 60) -> str:
    """A short, safe rendering of a (bad) value for a message, at most ``limit`` characters.

    Bounded before anything is built: a few items at each of a few levels, long text and
    long numbers cut, cycles and shared (aliased) parts cost no more than plain ones, and
    control characters come out escaped. Never raises.
    """
    try:
        # Text alone may use the whole limit; anything else is described within reprlib's.
        text = repr(value[: limit + 1]) if isinstance(value, str) else _DESCRIBER.repr(value)
    except Exception:  # a value's own __eq__/__len__ misbehaving; never the message's fault
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: max(limit - 3, 1)] + "..."


def _bounded(message: str) -> str:
    """One paragraph of printable text, cut in the middle past :data:`MAX_MESSAGE`."""
    text = printable(" ".join(message.split()))
    if len(text) > MAX_MESSAGE:
        half = MAX_MESSAGE // 2
        text = f"{text[:half]} [...] {text[-half:]}"
    return text


class DrafterError(Exception):
    """A problem the user can fix; the message says what and how.

    Args:
        message: One paragraph naming the file, the field, what was wrong and what is allowed.
        exit_code: The process exit code the CLI uses for this error.
    """

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = _bounded(str(message))
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class ClauseLibraryError(DrafterError):
    """Raised when a clause library file is missing, malformed or inconsistent."""


class TemplateError(ClauseLibraryError):
    """Raised when a clause template cannot be compiled or rendered."""


class AnswerError(DrafterError):
    """Raised when an answers file, a ``--set`` value or an interview answer is invalid."""


class ClauseConflictError(AnswerError):
    """Raised when chosen provisions conflict or a required provision is missing."""


class MissingAnswersError(AnswerError):
    """Raised in ``--no-input`` mode when required answers are missing."""


class OutputError(DrafterError):
    """Raised when an output file cannot be written safely."""


class MissingDependencyError(DrafterError):
    """Raised when an optional external program (LibreOffice, for PDF) is not installed."""


class InterviewAborted(DrafterError):
    """Raised when the user stops the interview; the answers so far are kept."""

    exit_code = 130
