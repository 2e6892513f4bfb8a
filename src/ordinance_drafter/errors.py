"""The one error family of Ordinance Drafter.

Every mistake a user can make (a bad answers file, a bad flag, a broken custom clause
library, an output path that cannot be written) is raised as a :class:`DrafterError`.
The CLI catches the family once, prints the message as one paragraph on standard error
and exits non-zero without a traceback. Anything else that escapes is a bug.
"""

from __future__ import annotations


class DrafterError(Exception):
    """A problem the user can fix; the message says what and how.

    Args:
        message: One paragraph naming the file, the field, what was wrong and what is allowed.
        exit_code: The process exit code the CLI uses for this error.
    """

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = " ".join(message.split())
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
