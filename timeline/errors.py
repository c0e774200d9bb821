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
