"""The publication date an article states in its own first lines, and which date wins.

Rules are data (``resources/pubdate.yaml``): "Published ..." lines, datelines
("WASHINGTON, March 19 (Reuters) -"), a date line under the title, "Updated ..." lines. The
matched lines are metadata, not article body: :attr:`TextDate.drop` gives the spans to leave out.

:func:`choose_pub_date` picks the date used: the caller's (``--pub-date``, source ``cli``) wins,
then the document's metadata (HTML meta tags, a TimeML DCT, a manifest's ``pub_date``), then the
text; a disagreement between them is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import RuleFileError
from .models import PubDateSource

RULES_FILE = "resources/pubdate.yaml"
_MACRO = re.compile(r"\{([a-z_]+)\}")
_GROUP = re.compile(r"\(\?P<([a-z_]+)>")


@dataclass(frozen=True)
class PubDateRule:
    name: str
    priority: int
    pattern: re.Pattern[str]
    has_year: bool
    drop: str  # "line" or "match"
    examples: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class PubDateRules:
    header_lines: int
    months: dict[str, int]
    rules: tuple[PubDateRule, ...]


@dataclass(frozen=True)
class TextDate:
    """A date stated in the text: a full date, or a month and day (year-less datelines)."""

    rule: str
    priority: int
    start: int
    end: int
    text: str
    month: int
    day: int
    year: int | None
    drop: tuple[int, int]

    @property
    def date(self) -> dt.date | None:
        if self.year is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def agrees_with(self, other: dt.date) -> bool:
        """The dateline names the publication day or the day before it (a wire story filed the evening before
        the paper is dated: "WARSAW, February 26 (Xinhua)" in a February 27 edition)."""
        for day in (other, other - dt.timedelta(days=1)):
            if (self.year is None or self.year == day.year) and (self.month, self.day) == (day.month, day.day):
                return True
        return False


@dataclass
class PubDateFinding:
    """All the publication-date evidence in a text: the best full date, and every hit."""

    hits: list[TextDate] = field(default_factory=list)

    @property
    def best(self) -> TextDate | None:
        dated = [h for h in self.hits if h.year is not None]
        return min(dated, key=lambda h: (h.priority, h.start)) if dated else None

    @property
    def dateline(self) -> TextDate | None:
        """The best year-less hit (a dateline), when there is one."""
        undated = [h for h in self.hits if h.year is None]
        return min(undated, key=lambda h: (h.priority, h.start)) if undated else None

    def drop_spans(self) -> list[tuple[int, int]]:
        return [h.drop for h in self.hits]


# --- loading -------------------------------------------------------------------------------


def _alternation(words: list[str]) -> str:
    return "(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _expand(pattern: str, macros: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise RuleFileError(RULES_FILE, where, f"unknown macro {{{name}}}")
        return macros[name]

    for _ in range(5):  # macros may use macros
        expanded = _MACRO.sub(sub, pattern)
        if expanded == pattern:
            break
        pattern = expanded
    counter: dict[str, int] = {}

    def number(m: re.Match[str]) -> str:  # every group name once: month__1, month__2 ...
        counter[m.group(1)] = counter.get(m.group(1), 0) + 1
        return f"(?P<{m.group(1)}__{counter[m.group(1)]}>"

    return _GROUP.sub(number, pattern)


def parse_rules(data: Any, source: str = RULES_FILE) -> PubDateRules:
    """Validate and compile the rule data (RuleFileError naming the rule on any problem)."""
    if not isinstance(data, dict):
        raise RuleFileError(source, "top level", "expected a mapping")
    try:
        months = {str(k).lower(): int(v) for k, v in data["months"].items()}
        weekdays = [str(w) for w in data["weekdays"]]
        macros = {str(k): str(v) for k, v in data["macros"].items()}
        header_lines = int(data.get("header_lines", 8))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RuleFileError(source, "word lists", f"missing or malformed: {exc}") from exc
    macros["month"] = "(?P<month>" + _alternation(list(months)) + ")"
    macros["weekday"] = _alternation(weekdays) + r"\.?"
    rules: list[PubDateRule] = []
    for n, raw in enumerate(data.get("rules") or []):
        where = f"rule {raw.get('name', n) if isinstance(raw, dict) else n}"
        if not isinstance(raw, dict) or "name" not in raw or "pattern" not in raw:
            raise RuleFileError(source, where, "a rule needs a name and a pattern")
        flags = re.IGNORECASE if raw.get("ignore_case", False) else 0
        try:
            pattern = re.compile(_expand(str(raw["pattern"]), macros, where), flags)
        except re.error as exc:
            raise RuleFileError(source, where, f"bad pattern: {exc}") from exc
        drop = str(raw.get("drop", "line"))
        if drop not in ("line", "match"):
            raise RuleFileError(source, where, f"drop must be 'line' or 'match', not {drop!r}")
        examples = tuple((str(ex["text"]), None if ex.get("expect") is None else str(ex["expect"]))
                         for ex in raw.get("examples") or [])
        if not examples:
            raise RuleFileError(source, where, "every rule needs examples")
        rules.append(PubDateRule(str(raw["name"]), int(raw.get("priority", 5)), pattern,
                                 bool(raw.get("has_year", True)), drop, examples))
    return PubDateRules(header_lines, months, tuple(rules))


@lru_cache(maxsize=1)
def load_rules() -> PubDateRules:
    text = resources.files("timeline").joinpath(RULES_FILE).read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise RuleFileError(RULES_FILE, "yaml", str(exc)) from exc
    return parse_rules(data)


# --- finding -------------------------------------------------------------------------------


def _group(m: re.Match[str], name: str) -> str | None:
    for key, value in m.groupdict().items():
        if value is not None and key.split("__")[0] == name:
            return value
    return None


def _hit(rule: PubDateRule, m: re.Match[str], rules: PubDateRules, offset: int, line_end: int) -> TextDate | None:
    if _group(m, "iso_year"):
        year: int | None = int(_group(m, "iso_year") or 0)
        month, day = int(_group(m, "iso_month") or 0), int(_group(m, "iso_day") or 0)
    else:
        name = (_group(m, "month") or "").lower().rstrip(".")
        if name not in rules.months:
            return None
        month, day = rules.months[name], int(_group(m, "day") or 0)
        year_text = _group(m, "year")
        year = int(year_text) if year_text else None
    if not rule.has_year:
        year = None
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    start = offset + m.start()
    drop = (offset, line_end) if rule.drop == "line" else (offset, offset + m.end())
    return TextDate(rule.name, rule.priority, start, offset + m.end(), m.group(0).strip(), month, day, year, drop)


def head(text: str, lines: int) -> str:
    """The start of ``text`` up to the end of its ``lines``-th non-blank line (all of it when shorter)."""
    pos = 0
    while lines > 0 and pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl + 1
        if text[pos:end].strip():
            lines -= 1
        pos = end
    return text[:pos]


def find_text_dates(text: str, rules: PubDateRules | None = None) -> PubDateFinding:
    """Every publication-date statement in the first lines of ``text`` (pure: no clock). Only the header is split
    into lines, however long the text."""
    rules = rules or load_rules()
    finding = PubDateFinding()
    pos = 0
    seen = 0
    for raw in head(text, rules.header_lines + 1).splitlines(keepends=True):
        offset, pos = pos, pos + len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        seen += 1
        if seen > rules.header_lines:
            break
        for rule in rules.rules:
            m = rule.pattern.match(line)
            if m is None:
                continue
            hit = _hit(rule, m, rules, offset, offset + len(line))
            if hit is not None:
                finding.hits.append(hit)
                break
    return finding


def match_example(text: str, rule: PubDateRule, rules: PubDateRules | None = None) -> str | None:
    """What ``rule`` alone finds in ``text``: 'YYYY-MM-DD', 'MM-DD' (year-less) or None (for the tests)."""
    rules = rules or load_rules()
    m = rule.pattern.match(text)
    if m is None:
        return None
    hit = _hit(rule, m, rules, 0, len(text))
    if hit is None:
        return None
    return hit.date.isoformat() if hit.date else f"{hit.month:02d}-{hit.day:02d}"


# --- choosing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PubDateChoice:
    date: dt.date | None
    source: PubDateSource
    warnings: tuple[str, ...] = ()


def choose_pub_date(
    given: dt.date | None,
    metadata: dt.date | None,
    finding: PubDateFinding | None,
    *,
    metadata_name: str = "metadata",
) -> PubDateChoice:
    """``--pub-date`` wins, then the document's metadata, then the text; disagreements become warnings."""
    warnings: list[str] = []
    text_hit = finding.best if finding else None
    dateline = finding.dateline if finding else None
    if given is not None:
        chosen, source = given, "cli"
        label = "--pub-date"
    elif metadata is not None:
        chosen, source = metadata, "metadata"
        label = f"the {metadata_name} date"
    elif text_hit is not None and text_hit.date is not None:
        chosen, source = text_hit.date, "text"
        label = f"the date in the text ({text_hit.text!r})"
    else:
        chosen, source, label = None, "none", ""
    if chosen is not None:
        if source == "cli" and metadata is not None and metadata != chosen:
            warnings.append(f"publication date: --pub-date {chosen} differs from the {metadata_name} date "
                            f"{metadata}; using --pub-date")
        if source in ("cli", "metadata") and text_hit is not None and text_hit.date != chosen:
            warnings.append(f"publication date: {label} {chosen} differs from the date in the text "
                            f"({text_hit.text!r}); using {label}")
        if dateline is not None and not dateline.agrees_with(chosen):
            warnings.append(f"publication date: the dateline {dateline.text!r} does not match {chosen}")
    elif dateline is not None:
        warnings.append(f"publication date: the dateline {dateline.text!r} gives no year; "
                        "give a publication date to resolve relative times (--pub-date YYYY-MM-DD; pub_date= in the Python API)")
    return PubDateChoice(chosen, source, tuple(warnings))  # type: ignore[arg-type]
