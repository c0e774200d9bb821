"""The errors timeline raises. The library raises these; only the CLI prints them and picks exit codes."""

from __future__ import annotations

from typing import ClassVar


class TimelineError(Exception):
    """Base class for every error raised by timeline."""

    exit_code: ClassVar[int] = 1


class InputError(TimelineError):
    """The input cannot be read as an article (missing, a directory, binary, undecodable)."""

    exit_code = 2


class InvalidDateError(TimelineError):
    """A publication date that is not a real calendar date in YYYY-MM-DD form."""

    exit_code = 3


class ModelLoadError(TimelineError):
    """A spaCy pipeline named explicitly could not be loaded."""

    exit_code = 4


class RuleFileError(TimelineError):
    """A rule or word-list file is malformed (names the file and the rule)."""

    exit_code = 5

    def __init__(self, path: str, where: str, message: str) -> None:
        super().__init__(f"{path}: {where}: {message}")
        self.path = path
        self.where = where
        self.message = message


class OutputError(TimelineError):
    """The output could not be written."""

    exit_code = 6


def calendar_overflow(exc: OverflowError) -> InputError:
    """A date computation that left the calendar (``datetime``: years 1 to 9999), as the input error it is: a
    relative time counted from a publication date, or from a time in the text, too near the calendar's ends."""
    return InputError(f"a relative time falls outside the years 1-9999 (counted from a publication date or a time "
                      f"too near the calendar's ends): {exc}")
