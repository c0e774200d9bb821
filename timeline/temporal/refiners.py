"""Refiners: map the offset-ordered candidate list to a new list (overlaps, modifiers, ranges). One concern each."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from timeline.temporal.builders import duration_value, prev_word, prev_word_at
from timeline.temporal.candidate import Candidate
from timeline.temporal.lexicon import Lexicon, Modifier


def remove_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates (earlier rule on ties) so that no two overlap; return them in text order."""
    ranked = sorted(cands, key=lambda c: (-(c.end - c.start), c.order, c.start))
    starts: list[int] = []  # kept spans, sorted and disjoint: starts[i] < ends[i] <= starts[i + 1]
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in ranked:
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


class ModifierRefiner:
    """Attach TIMEX3 mods from the phrase right before a candidate; widen the span when TimeML includes the phrase."""

    def __init__(self, lex: Lexicon) -> None:
        mods = sorted(lex.data.modifiers, key=lambda m: -len(m.text))
        self._included: dict[str, list[Modifier]] = {}
        self._excluded: dict[str, list[Modifier]] = {}
        for m in mods:
            table = self._included if m.include else self._excluded
            table.setdefault(self._key(m.text), []).append(m)

    @staticmethod
    def _key(phrase_or_window: str) -> str:
        """The last word of a phrase (or of the text before a candidate), with a trailing hyphen kept."""
        stripped = phrase_or_window.rstrip()
        return stripped.split()[-1] if stripped else ""

    @staticmethod
    def _applies(m: Modifier, c: Candidate, c_text: str) -> bool:
        if m.applies == "ago":
            return c.kind == "offset" and c_text.endswith(" ago")
        if m.mod == "APPROX" and c.kind == "weekday" and c.hour is None:
            return False  # "about Tuesday" is rare; "around 3 a.m. on Thursday" (a clock time on its day) is approximate
        if m.applies == "any":
            return c.type in {"DATE", "TIME", "DURATION"} and not (c.value or "").endswith("_REF")
        if m.applies == "duration":
            return c.type == "DURATION"
        return c.type in {"DATE", "TIME"} and not (c.value or "").endswith("_REF")

    @staticmethod
    def _match_before(text: str, start: int, limit: int, window: str, phrase: str) -> int | None:
        """The start of `phrase` if it ends right before `start` (one space between, none after a hyphen)."""
        gap = "" if phrase.endswith("-") else " "
        if not window.endswith(phrase + gap) and not (gap and window.endswith(phrase + "\n")):
            return None
        begin = start - len(phrase) - len(gap)
        if begin > 0 and text[begin - 1].isalnum():
            return None
        return begin if begin >= limit else None

    def refine(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        out: list[Candidate] = []
        limit = 0
        for c in cands:
            window = text[max(0, c.start - 24) : c.start].lower()
            if not window.strip():
                out.append(c)
                limit = c.end
                continue
            c_text = text[c.start : c.end].lower()
            for m in self._included.get(self._key(window), ()):
                begin = self._match_before(text, c.start, limit, window, m.text)
                if begin is None or not self._applies(m, c, c_text):
                    continue
                if m.needs_this and not c_text.startswith(("this ", "next ", "last ", "that ", "yesterday", "today", "tomorrow")):
                    continue
                c = replace(c, start=begin, mod=c.mod or m.mod)
                c_text = text[c.start : c.end].lower()
                window = text[max(0, c.start - 24) : c.start].lower()
                break
            for m in self._excluded.get(self._key(window), ()):
                if (begin := self._match_before(text, c.start, limit, window, m.text)) is None:
                    continue
                if not self._applies(m, c, c_text) or (c.type == "DURATION" and c_text.startswith("the ")):
                    continue
                if m.only_after is not None and not _after_listed(text, begin, c_text, m):
                    break  # "deliberated over [two days]": "during", no mod
                if c.mod is None:
                    c = replace(c, mod=m.mod)
                break
            out.append(c)
            limit = c.end
        return out


def _after_listed(text: str, begin: int, c_text: str, m: Modifier) -> bool:
    """Does the modifier phrase that starts at ``begin`` follow a word of its only_after list (not as the particle of
    an "-ed" verb), or the expression end with a word of its or_ending list?"""
    last = c_text.replace("-", " ").split()[-1:]
    if last and last[0] in m.or_ending:
        return True
    word, at = prev_word_at(text, begin)
    if word not in (m.only_after or ()):
        return False
    if word in m.not_after_ed:
        before = prev_word(text, at)
        return not (len(before) > 3 and before.endswith("ed"))
    return True


_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*$", re.IGNORECASE)
#: the end day of "March 3-5", "April 17 to 20", "July 17 and 18", "May 4 through 6": after a word the number must
#: end its phrase (a stop, a year, or a word that opens another phrase), not count something ("May 4 to 6 people")
_DAY_END = (r"(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?=\s*(?:[.;:!?)\n]|,\s*[0-9]{4}\b|$)|\s+(?:in|at|on|when|while|"
            r"for|the|this|next|last|but|as|after|before|to|from|is|are|was|were|will)\b")
#: after "to"/"through" a comma ends the range too ("from April 17 to 20, when ..."); after "and" a comma or "of" says
#: the number counts ("on May 4 and 6, including two minors", "March 3 and 5 of them"), unless the number is an
#: ordinal ("May 6 and 7th, during which")
_DAY_AFTER = re.compile(r"\s*[-–]\s*(3[01]|[12][0-9]|0?[1-9])(?![0-9A-Za-z])"
                        r"|\s+(?:to|through|thru|until|till)\s+" + _DAY_END + r"|,\s|\s+(?:and|or|with)\b)"
                        r"|\s+and\s+(?:" + _DAY_END + r")|(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)(?=,\s))", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"(?<![0-9A-Za-z.,])(3[01]|[12][0-9]|0?[1-9])\s*[-–]\s*$")
_YEAR_AFTER = re.compile(r"[-–]([0-9]{2})(?![0-9A-Za-z])")


def split_day_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Split day and year ranges into two candidates.

    "March 3-5": the end day ("5") with the first one's month and year; "6-7 January 1916": the start day ("6") with
    the second one's month and year; "1915-17": the end year ("17") in the first one's century.
    """
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        if c.day is not None and c.month is not None and c.hour is None and text[c.start : c.start + 1].isdigit():
            b = _DAY_BEFORE.search(text, max(0, c.start - 6), c.start)
            prev_end = out[-1].end if out else 0
            if b is not None and b.start() >= prev_end and int(b.group(1)) < c.day:
                out.append(replace(c, start=b.start(1), end=b.end(1), day=int(b.group(1)), rule="day-range-start", weekday=None, mod=None))
        out.append(c)
        if c.kind == "absolute" and c.grain == "year" and c.year is not None and c.rule == "year":
            y = _YEAR_AFTER.match(text, c.end)
            if y is not None and (i + 1 >= len(cands) or cands[i + 1].start >= y.end()):
                end_year = c.year - c.year % 100 + int(y.group(1))
                if end_year > c.year:
                    out.append(replace(c, start=y.start(1), end=y.end(1), year=end_year, rule="year-range-end", mod=None))
            continue
        if c.day is None or c.month is None or c.hour is not None:
            continue
        m = _DAY_AFTER.match(text, c.end)
        if m is None or (i + 1 < len(cands) and cands[i + 1].start < m.end()):
            continue
        g = m.lastindex  # the one group of _DAY_AFTER that matched
        assert g is not None
        end_day = int(m.group(g))
        if end_day <= c.day:
            continue
        out.append(replace(c, start=m.start(g), end=m.end(g), day=end_day, rule="day-range-end", weekday=None, mod=None))
    return out


#: a comma, a preposition maybe, between a vague reference and the date that states it
_VAGUE_DATE_GAP = re.compile(r"[ \t]*,?[ \t]+(?:(?:on|in|at|during)[ \t]+)?", re.IGNORECASE)


def drop_vague_before_date(text: str, cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """A vague reference that a word of lexicon vague_before_date_openers makes an ordinal of the date right after it
    ("extended the grace period twice, most recently on March 28"): the date is the time, the reference no
    expression."""
    openers = lex.data.vague_before_date_openers
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (nxt is not None and c.rule == "vague-ref" and nxt.type in {"DATE", "TIME"} and nxt.rule != "vague-ref"
                and _VAGUE_DATE_GAP.fullmatch(text[c.end : nxt.start]) is not None
                and _ends_with_phrase(text[max(0, c.start - 40) : c.end], openers)):
            continue
        out.append(c)
    return out


def _ends_with_phrase(window: str, phrases: list[str]) -> bool:
    words = " " + " ".join(window.lower().split())
    return any(words.endswith(" " + p) for p in phrases)


_FOUR_DIGIT_YEAR = re.compile(r"[12][0-9]{3}")


def _year_to_year(text: str, a: Candidate, b: Candidate) -> bool:
    """Two bare four-digit years, the second later: "the Challenger expedition of 1872 to 1876" is a range without
    "from" (a number after "to" that names an amount is no year: "rose 1872 to 1876 points" tags no second year)."""
    return (a.grain == "year" and b.grain == "year" and a.year is not None and b.year is not None and b.year > a.year
            and _FOUR_DIGIT_YEAR.fullmatch(text[a.start : a.end]) is not None
            and _FOUR_DIGIT_YEAR.fullmatch(text[b.start : b.end]) is not None)


def link_ranges(text: str, cands: list[Candidate]) -> None:
    """Mark "from A to B", "between A and B", "A-B" pairs, "YYYY to YYYY" without "from": the first gets range_end =
    index of the second."""
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        if a.type not in {"DATE", "TIME"} or b.type != a.type:
            continue
        between = text[a.end : b.start]
        if len(between) > 12 or not _RANGE_SEP.match(between):
            continue
        word = between.strip().lower()
        before = text[max(0, a.start - 9) : a.start].lower()
        if word == "and" and not before.endswith("between "):
            continue
        if word in {"to", "through", "thru", "until", "till"} and not before.endswith(("from ", "between ")) and word == "to" \
                and not _year_to_year(text, a, b):
            continue
        a.range_end = i + 1
        b.range_from = a


_CLOCK_DATE_GAP = re.compile(r"(?:\s*,?\s*|\s+on\s+)$", re.IGNORECASE)
#: "10:35 a.m. (0735 GMT) Friday", "2:30 p.m. local time (1830 GMT) Friday": the day after a zone conversion
_CLOCK_ZONE_GAP = re.compile(r"\s*(?:local\s+time\s*)?\((?:\s*[0-9]{3,4}\s+(?:GMT|UTC)\s*\)\s*,?\s*(?:on\s+)?|\s*)", re.IGNORECASE)
#: "dawn on Saturday", "dawn Saturday": a part of the day under discussion, then the day
_POD_DATE_GAP = re.compile(r"[ \t]+(?:on[ \t]+)?", re.IGNORECASE)
_DAYS_AWAY = re.compile(r"P[0-9]+[DW]")
_BEFORE_AFTER = re.compile(r"\s+(?:before|after|earlier|later)\b", re.IGNORECASE)


def merge_clock_date(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9": a clock time followed by its day is one TIME; "dawn on
    Saturday" (a part of the day under discussion, then its day) is one expression as "Saturday morning" is.

    So is a clock time followed by a count of days and "before/after/earlier/later" ("at 6 a.m. ten days before the
    shooting": TimeML marks "6 a.m. ten days" as one TIME); its value stays the clock time's (the day it leads to
    needs the event)."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (
            nxt is not None
            and c.hour is not None
            and c.kind == "offset"
            and nxt.type == "DURATION"
            and _DAYS_AWAY.fullmatch(nxt.value or "") is not None
            and text[c.end : nxt.start].isspace()
            and len(text[c.end : nxt.start]) <= 2
            and _BEFORE_AFTER.match(text, nxt.end) is not None
        ):
            out.append(replace(c, end=nxt.end, rule=f"{c.rule}+{nxt.rule}"))
            i += 2
            continue
        if (
            nxt is not None
            and c.hour is not None
            and c.kind == "offset"
            and nxt.grain == "day"
            and nxt.kind in {"weekday", "partial", "absolute", "offset"}
            and nxt.hour is None
            and nxt.pod is None
            and len(text[c.end : nxt.start]) <= 5
            and _CLOCK_DATE_GAP.fullmatch(text[c.end : nxt.start]) is not None
        ):
            out.append(replace(nxt, start=c.start, type="TIME", grain="minute", hour=c.hour, minute=c.minute, rule=f"{c.rule}+{nxt.rule}"))
            i += 2
            continue
        if (
            nxt is not None
            and c.hour is None
            and c.pod is not None
            and c.kind == "offset"
            and c.relative_to == "previous"
            and not c.amount
            and nxt.grain == "day"
            and nxt.kind in {"weekday", "partial", "absolute"}
            and nxt.hour is None
            and nxt.pod is None
            and _POD_DATE_GAP.fullmatch(text[c.end : nxt.start]) is not None
        ):
            # "at dawn on Saturday", "at daybreak Saturday": the part of that day, one expression as "Saturday morning"
            out.append(replace(nxt, start=c.start, pod=c.pod, grain="part_of_day", rule=f"{c.rule}+{nxt.rule}"))
            i += 2
            continue
        out.append(c)
        i += 1
    return out


#: "May 2, 2013, 1:32 PM", "Apr 02, 2009 11:06 PM CEST": a day then its clock time (a dateline)
_DATE_CLOCK_GAP = re.compile(r"[ \t]*,?[ \t]*")
#: "on Thursday, November 10th at approximately 3:00 pm": the clock time is on the day named before "at"
_DATE_AT_GAP = re.compile(
    r"\s*,?\s+at\s+(?:(?:about|around|approximately|roughly|(?:just\s+|shortly\s+)?(?:after|before))\s+)?",
    re.IGNORECASE,
)
#: a 24-hour clock time with no zone, which alone is too ambiguous to tag ("02:15", "15:01 IST"), right after a day
_BARE_24H = re.compile(r"[ \t]*,?[ \t]*(?P<hour>[01][0-9]|2[0-3]):(?P<minute>[0-5][0-9])(?![0-9:])(?:[ \t]+(?-i:[A-Z]{3,4})\b)?")


def merge_date_clock(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A day then a clock time right after it ("THURSDAY, MAY 2, 2013, 1:32 PM", "March 13, 2013 02:15") is one TIME
    on that day; with "at" between them ("on Thursday, November 10th at approximately 3:00 pm") they stay two
    expressions and the clock time takes that day. After a full date (with its year) a 24-hour time without a zone
    counts too ("July 2, 2013 15:01 IST", "March 13, 2013 02:15")."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if c.grain == "day" and c.kind == "absolute" and c.hour is None and c.pod is None and c.day is not None \
                and (nxt is None or nxt.start > c.end) and (m := _BARE_24H.match(text, c.end)) is not None \
                and (nxt is None or nxt.start >= m.end()):
            out.append(replace(c, end=m.end(), type="TIME", grain="minute", hour=int(m.group("hour")),
                               minute=int(m.group("minute")), rule=f"{c.rule}+clock-24h-bare"))
            i += 1
            continue
        if (
            nxt is not None
            and c.grain == "day"
            and c.kind in {"weekday", "partial", "absolute"}
            and c.hour is None
            and c.pod is None
            and nxt.hour is not None
            and nxt.kind == "offset"
            and nxt.day_from is None
        ):
            gap = text[c.end : nxt.start]
            if len(gap) <= 3 and _DATE_CLOCK_GAP.fullmatch(gap) is not None:
                out.append(replace(c, end=nxt.end, type="TIME", grain="minute", hour=nxt.hour, minute=nxt.minute,
                                   rule=f"{c.rule}+{nxt.rule}"))
                i += 2
                continue
            if len(gap) <= 32 and _DATE_AT_GAP.fullmatch(gap) is not None:
                nxt.day_from = c
        out.append(c)
        i += 1
    return out


def link_clock_day(text: str, cands: list[Candidate]) -> None:
    """A clock time with no day of its own, then a zone conversion or a parenthesis and a day: the time is on that day
    ("10:35 a.m. (0735 GMT) Friday", "at 4 in the morning (4 a.m. EDT Thursday)"); both stay separate expressions."""
    for c, nxt in zip(cands, cands[1:]):
        if (
            c.hour is not None
            and c.kind == "offset"
            and nxt.kind in {"weekday", "partial", "absolute"}
            and (nxt.grain == "day" or nxt.hour is not None)
            and _CLOCK_ZONE_GAP.fullmatch(text[c.end : nxt.start]) is not None
        ):
            c.day_from = nxt


_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended|which\s+ended|through)\s+$", re.IGNORECASE)


def link_period_end(text: str, cands: list[Candidate]) -> None:
    """"the quarter ended Sept. 30", "its fourth quarter ended Aug. 26": the period is the one that date ends."""
    for a, b in zip(cands, cands[1:]):
        if a.grain == "quarter" and a.year is None and a.quarter is None and b.month is not None and b.day is not None:
            if _ENDED.fullmatch(text[a.end : b.start]) is not None:
                a.ended_by = b


_SET_CONJUNCTION = re.compile(r",?\s+(?:and|or)\s+$|\s*,\s*$", re.IGNORECASE)


def set_conjuncts(text: str, cands: list[Candidate]) -> None:
    """"every Tuesday and Friday", "each Monday, Wednesday and Friday": a bare weekday coordinated right after a
    weekday set is one more day of that set (SET, the same quantifier), not a date of its own."""
    for a, b in zip(cands, cands[1:]):
        if (a.type == "SET" and a.value is not None and a.value.startswith("XXXX-WXX-") and len(a.value) == 10
                and b.kind == "weekday" and b.amount == 0 and b.direction is None and b.pod is None
                and _SET_CONJUNCTION.fullmatch(text[a.end : b.start]) is not None):
            b.type, b.kind, b.quant, b.grain = "SET", "fixed", a.quant, None
            b.value = f"XXXX-WXX-{b.weekday}"


_WEEKDAY_CONJUNCTION = re.compile(r",?\s+(?:and|or|to|through|thru|until|till)\s+|\s*(?:,|-|–|—)\s*", re.IGNORECASE)


def coordinate_weekdays(text: str, cands: list[Candidate]) -> None:
    """"closed on Monday and Tuesday", "Friday or Saturday", "Monday through Wednesday": a bare weekday coordinated
    right after another weekday follows it (the resolver takes the first such day after the first conjunct's), so
    both lie in one direction and one stretch of days."""
    for a, b in zip(cands, cands[1:]):
        if (a.kind == "weekday" and b.kind == "weekday" and b.amount == 0 and b.direction is None
                and _WEEKDAY_CONJUNCTION.fullmatch(text[a.end : b.start]) is not None):
            b.coord_from = a


_RANGE_LOW = re.compile(r"(?:(?<![A-Za-z])(the\s+(?:next|past|last|first|coming|following|previous)\s+))?"
                        r"(?<![A-Za-z0-9.,$-])([0-9]+(?:\.[0-9]+)?|[A-Za-z]+(?:-[A-Za-z]+)?)\s*(?:to|-|–)\s*$", re.IGNORECASE)
_DURATION_VALUE = re.compile(r"P(T?)([0-9]+(?:\.[0-9]+)?)([A-Z])")


def duration_ranges(text: str, cands: list[Candidate], lex: Lexicon) -> None:
    """"two to three weeks", "12 to 18 months", "the next 12 to 18 months": a count range before a duration is part of
    it; the value keeps the lower bound, the mod says "at least" (tbaq: "two to three weeks" is P2W EQUAL_OR_MORE;
    WikiWars and tbaq's other instance write the whole range as one expression too). Only when the lower number is
    smaller ("the 1990 to 18 months" is none)."""
    prev_end = 0
    for c in cands:
        v = _DURATION_VALUE.fullmatch(c.value or "") if c.type == "DURATION" and c.kind == "fixed" else None
        # the duration opens with its count ("18 months", "three weeks"; not "the past five years")
        if v is not None and c.mod is None and lex.number(text[c.start : c.end].split()[0]) is not None:
            m = _RANGE_LOW.search(text, max(prev_end, c.start - 40), c.start)
            low = lex.number(m.group(2)) if m is not None else None
            # "raised the sentence from 2 to 5 years": a change of value, the new length alone
            changed = m is not None and prev_word(text, m.start(2)) == "from"
            if m is not None and low is not None and 0 < low < float(v.group(2)) and not changed:
                c.start = m.start(1) if m.group(1) else m.start(2)
                n = int(low) if low == int(low) else low
                c.value = f"P{v.group(1)}{n}{v.group(3)}"
                c.mod = "EQUAL_OR_MORE"
        prev_end = c.end


_LATER = re.compile(r"\s+later$", re.IGNORECASE)


def later_as_duration(text: str, cands: list[Candidate]) -> list[Candidate]:
    """News convention (TimeBank/AQUAINT): "[three days] later" is a DURATION and "later" stays outside the extent.

    Only for units below a year ("a year later" stays a date) and only outside narrative mode (WikiWars-style history
    text marks "[two days later]" as the date it leads to). The candidate keeps the count (``later``): the resolver
    dates the day it leads to from the previous time, for the timeline (``TimeExpression.leads_to``).
    """
    out: list[Candidate] = []
    for c in cands:
        if c.rule == "unit-ago" and c.unit in {"second", "minute", "hour", "day", "week", "month"}:
            m = _LATER.search(text, c.start, c.end)
            if m is not None:
                n = abs(c.amount) if c.kind != "fixed" else None
                c = replace(c, end=m.start(), type="DURATION", kind="fixed", value=duration_value(n, c.unit), grain=None,
                            relative_to="dct", amount=0, later=n, offset="later")
        out.append(c)
    return out


_WITHIN_OF = re.compile(r"\s+of\s+(?:that|the\s+same|this)\s+(?:date|day)\b", re.IGNORECASE)
_COUNT_VALUE = re.compile(r"P([1-9][0-9]*)([DWMY])")
_VALUE_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def within_of_previous(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"within [28 days] of that date": a deadline counted from the time last named, like "[two days] later": the
    DURATION keeps its value and extent, and the resolver dates the day it leads to (``TimeExpression.leads_to``) from
    the previous time; the words are kept as its offset ("of that date"), and a time found inside them ("the same
    day") is no expression of its own. Not "within [28 days]" alone (a length)."""
    inside: list[tuple[int, int]] = []
    for c in cands:
        if c.type != "DURATION" or c.kind != "fixed" or c.offset is not None or c.later is not None:
            continue
        v = _COUNT_VALUE.fullmatch(c.value or "")
        m = _WITHIN_OF.match(text, c.end)
        if v is None or m is None or prev_word(text, c.start) != "within":
            continue
        c.unit, c.later, c.offset = _VALUE_UNITS[v.group(2)], int(v.group(1)), " ".join(m.group(0).split())
        inside.append((m.start(), m.end()))
    if not inside:
        return cands
    return [c for c in cands if not any(a <= c.start and c.end <= b for a, b in inside)]


def offset_from_event(text: str, cands: list[Candidate], lex: Lexicon) -> None:
    """TimeML (TimeBank "[at least 72 hours] after his son was ..."): a duration followed by "after"/"before" and what
    it counts from keeps its DURATION value and extent, but is an offset from that event, not a length; the words are
    kept (``offset``) for the timeline ("3 days after the shooting", not "for 3 days"); so are the words of
    lateness ("ended [a day] late": lexicon lateness_offsets). Lexicon offset_words, offset_stop_words; length_words before the duration keep it a length ("for [three days] after the storm")."""
    for i, c in enumerate(cands):
        if c.type != "DURATION" or c.offset is not None or c.kind != "fixed":
            continue
        m = lex.offset_phrase.match(text, c.end) or lex.lateness_phrase.match(text, c.end)  # "ended [a day] late"
        if m is None or prev_word(text, c.start) in lex.word_set("length_words"):
            continue
        nxt = cands[i + 1].start if i + 1 < len(cands) else len(text)
        if m.start("words") >= nxt:
            continue
        words = text[m.start("words") : min(m.end("words"), nxt)].rstrip()
        c.offset = re.sub(r"\s+", " ", words)


_TITLE_WORD = re.compile(r"[A-Za-z]+")
#: a capitalised word (or an acronym) and a space, before a day word that may end a name ("USA Today")
_NAME_BEFORE = re.compile(r"\b(?:[A-Z]{2,}|[A-Z][a-z]+)\s$")
#: a space and a capitalised word right after a match ("April Ryan", "Sunday Times")
_CAPITALISED_AFTER = re.compile(r" ([A-Z][a-z]+)\b")
#: a lower-case word after that ("April Ryan reported")
_LOWER_AFTER = re.compile(r" [a-z]")


class TitleFilter:
    """Drop programme titles: a match that opens a quotation after a possessive or "on" and has a capitalised unit or
    part-of-day word after its first character names a programme (ABC's "This Week", CBS's ''60 Minutes''), not a
    time (lexicon title_openers). Other names with a duration stay: TimeML marks "the Six-Day War", the "Ten Year's
    Civil War". A capitalised "Today"/"Tonight" right after a capitalised word inside a sentence is a name too ("USA
    Today", "VOA Today": lexicon name_day_words)."""

    def __init__(self, lex: Lexicon) -> None:
        self._units = frozenset(w.lower() for w in (*lex.data.units, *lex.data.date_units, *lex.data.parts_of_day))
        self._opening_quote = lex.title_opener
        self._named_day = lex.name_day
        # words before a month that keep "Month Name" a month (its context, or an event's name: "its December Board")
        self._month_context = frozenset(w.lower() for w in (*lex.data.month_context_words, *lex.data.month_name_keep))
        self._time_words = self._units | frozenset(w.lower() for w in (*lex.data.months, *lex.data.weekdays,
                                                                       *lex.data.seasons, *lex.data.relative_words))

    def refine(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        return [c for c in cands if not self._is_title(text, c)]

    def _is_name(self, text: str, c: Candidate) -> bool:
        """A bare month or weekday that starts a name: "April Ryan reported", "June Carter sang" (a month, then a
        capitalised word that is no time word, with no month context word or determiner before it: "in April Congress"
        and "the February Revolution" stay), "the Sunday Times" (a weekday after "the", then a capitalised word)."""
        if c.rule not in ("month", "weekday") or c.pod is not None:
            return False
        nxt = _CAPITALISED_AFTER.match(text, c.end)
        if nxt is None or nxt.group(1).lower() in self._time_words:
            return False
        prev = prev_word(text, c.start)
        if c.rule == "weekday":
            return prev == "the"
        # A person's name: "correspondent April Ryan reported", "singer June Carter sang" (the capitalised word then
        # a lower-case one). Kept as months: after a month context word, a determiner or possessive (an event's
        # name, which TimeML tags: "the February Revolution", "its December Board meeting", "the company's June
        # Annual Meeting"), after "on"/"at" or a sentence end ("Prices rose. January Sales were weak."), and in
        # Title Case headlines ("Apple Unveils New iPhone at September Event").
        if not _LOWER_AFTER.match(text, nxt.end()) or prev in self._month_context:
            return False
        before = text[max(0, c.start - 3) : c.start].rstrip()
        return bool(prev) and "-" not in prev and not prev.endswith("'s") and not before.endswith((".", "!", "?", "\n"))

    def _is_title(self, text: str, c: Candidate) -> bool:
        if self._named_day.match(text, c.start) and _NAME_BEFORE.search(text, max(0, c.start - 30), c.start):
            return True  # "USA Today", "This is VOA Today."
        if self._is_name(text, c):
            return True
        if c.holiday is not None or c.kind == "weekday" or self._opening_quote.search(text, max(0, c.start - 12), c.start) is None:
            return False
        for m in _TITLE_WORD.finditer(text, c.start, c.end):
            w = m.group()
            if m.start() > c.start and w[0].isupper() and not w.isupper() and (w.lower() in self._units or w.lower()[:-1] in self._units):
                return True
        return False
