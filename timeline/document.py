"""Reading an article: bytes to text, the publication date, and which parts are article body.

Boilerplate (photo credits, "Read more" lines, a trailing list of unrelated headlines) stays in
the text, so offsets are untouched, but it is left out of the *body regions* that events and
times are taken from.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, InvalidDateError, RuleFileError

Region = tuple[int, int]

#: the warning of a build or tag without a publication date that left relative times unresolved
NO_PUB_DATE_WARNING = ("no publication date: {n} relative time(s) left unresolved; give one to resolve them "
                       "(--pub-date YYYY-MM-DD; pub_date= in the Python API)")

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
    """An article as read: its text, the date its metadata gives, and the parts that are body."""

    text: str
    source: str | None = None
    metadata_date: dt.date | None = None  # HTML meta tags, a TimeML DCT, a manifest's pub_date
    metadata_name: str = "metadata"  # what the metadata date came from, for warnings
    regions: list[Region] | None = None  # body regions; None: the whole text's default
    text_dates: Any = None  # a timeline.pubdate.PubDateFinding
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

BOILERPLATE_FILE = "resources/boilerplate.yaml"


@dataclass(frozen=True)
class LineRule:
    """A boilerplate line rule from ``resources/boilerplate.yaml``."""

    name: str
    pattern: re.Pattern[str]
    match: tuple[str, ...]
    keep: tuple[str, ...]


def parse_line_rules(data: Any, source: str = BOILERPLATE_FILE) -> tuple[LineRule, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleFileError(source, "top level", "expected a mapping with a list of rules")
    out: list[LineRule] = []
    for n, raw in enumerate(data["rules"]):
        where = f"rule {raw.get('name', n) if isinstance(raw, dict) else n}"
        if not isinstance(raw, dict) or "name" not in raw or "pattern" not in raw:
            raise RuleFileError(source, where, "a rule needs a name and a pattern")
        try:
            pattern = re.compile(str(raw["pattern"]), re.IGNORECASE)
        except re.error as exc:
            raise RuleFileError(source, where, f"bad pattern: {exc}") from exc
        match = tuple(str(x) for x in raw.get("match") or [])
        if not match:
            raise RuleFileError(source, where, "every rule needs 'match' examples")
        out.append(LineRule(str(raw["name"]), pattern, match, tuple(str(x) for x in raw.get("keep") or [])))
    return tuple(out)


@lru_cache(maxsize=1)
def load_line_rules() -> tuple[LineRule, ...]:
    text = resources.files("timeline").joinpath(BOILERPLATE_FILE).read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise RuleFileError(BOILERPLATE_FILE, "yaml", str(exc)) from exc
    return parse_line_rules(data)


def boilerplate_rule(line: str) -> str | None:
    """The name of the boilerplate rule a line matches, or None for article text."""
    for rule in load_line_rules():
        if rule.pattern.match(line):
            return rule.name
    return None


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


def body_regions(text: str, drop: Iterable[Region] = ()) -> list[Region]:
    """Character ranges that hold the article itself.

    Left out: boilerplate lines (credits, widgets, share buttons, agency trailers: see
    ``resources/boilerplate.yaml``), a trailing run of three or more headline-like lines (the
    "more news" list many sites append after the article), and the ``drop`` spans (a dateline, a
    "Published ..." line: see :mod:`timeline.pubdate`).
    """
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw)
    keep = [boilerplate_rule(raw.rstrip("\r\n")) is None for _, _, raw in lines]
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
    return subtract_regions(regions, drop)


def subtract_regions(regions: list[Region], drop: Iterable[Region]) -> list[Region]:
    """``regions`` without the characters of ``drop`` (both lists of half-open spans)."""
    out = list(regions)
    for d0, d1 in drop:
        if d1 <= d0:
            continue
        nxt: list[Region] = []
        for a, b in out:
            if d1 <= a or b <= d0:
                nxt.append((a, b))
                continue
            if a < d0:
                nxt.append((a, d0))
            if d1 < b:
                nxt.append((d1, b))
        out = nxt
    return out


def in_regions(start: int, end: int, regions: list[Region]) -> bool:
    return any(rs <= start and end <= re_ for rs, re_ in regions)
