"""Reading an article: bytes to text, the publication date, and which parts are article body.

Boilerplate (photo credits, "Read more" lines, a trailing list of unrelated headlines) stays in
the text, so offsets are untouched, but it is left out of the *body regions* that events and
times are taken from.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, InvalidDateError

Region = tuple[int, int]

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_pub_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """A publication date from the API or CLI: a date, or a string YYYY-MM-DD that is a real day."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InvalidDateError(f"publication date must be a date or a YYYY-MM-DD string, not {type(value).__name__}")
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise InvalidDateError(f"invalid publication date {value!r}: expected YYYY-MM-DD, e.g. 2024-03-19")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as err:
        raise InvalidDateError(f"invalid publication date {value!r}: {err}") from err


@dataclass
class Article:
    """An article as read: its text and what is known about it."""

    text: str
    source: str | None = None
    pub_date: dt.date | None = None
    pub_date_source: str = "none"
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, source: str = "<input>") -> str:
    """Decode an article's bytes: BOMs first, then UTF-8, then Windows-1252/Latin-1. Binary data is an error."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"{source}: cannot decode as {encoding}: {err}") from err
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_path(path: str | Path) -> str:
    """Read a text file, with clear errors for what is not one."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"{p}: cannot read: {err.strerror or err}") from err
    return decode_bytes(data, str(p))


# --- body regions -------------------------------------------------------------------------

_CREDIT = re.compile(
    r"^\s*(?:photo|image|picture|video|graphic|illustration|source|credit|caption)s?\s*(?:credit)?\s*[:|]"
    r"|^\s*(?:read more|related(?: articles| stories)?|share (?:this|on)|follow us|sign up|subscribe|advertisement"
    r"|click here|more from|recommended|trending|most read|also read)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.$%]*")
_MINOR = frozenset("a an and as at by for from in into of on or over the to under up with via vs per its his her their"
                   " is are be".split())


def _is_headline_like(line: str) -> bool:
    """A short line in title case with no sentence-final punctuation."""
    stripped = line.strip()
    if not stripped or _SENTENCE_END.search(stripped):
        return False
    words = _WORD.findall(stripped)
    if not 2 <= len(words) <= 25:
        return False
    content = [w for w in words if w.lower() not in _MINOR]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised / len(content) >= 0.75


def body_regions(text: str) -> list[Region]:
    """Character ranges that hold the article itself.

    Left out: credit and widget lines ("Photo: ...", "Read more"), and a trailing run of three or
    more headline-like lines (the "more news" list many sites append after the article).
    """
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw)
    keep = [not _CREDIT.search(raw) for _, _, raw in lines]
    # trailing headline list: walk back over blank and headline-like lines
    run_start = len(lines)
    headlines = 0
    for i in range(len(lines) - 1, -1, -1):
        raw = lines[i][2]
        if not raw.strip():
            continue
        if _is_headline_like(raw):
            headlines += 1
            run_start = i
            continue
        break
    if headlines >= 3:
        for i in range(run_start, len(lines)):
            keep[i] = False
    regions: list[Region] = []
    for (start, end, _), kept in zip(lines, keep):
        if not kept:
            continue
        if regions and regions[-1][1] == start:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions


def in_regions(start: int, end: int, regions: list[Region]) -> bool:
    return any(rs <= start and end <= re_ for rs, re_ in regions)
