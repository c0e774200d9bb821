"""Builders: turn a rule's regex match (its named groups) into a Candidate. One small function per family."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from typing import Any

from timeline.temporal.candidate import Candidate
from timeline.temporal.cues import sentence_words
from timeline.temporal.lexicon import Holiday, Lexicon, norm
from timeline.temporal.rules import Rule

Builder = Callable[[re.Match[str], Rule, Lexicon, str], "Candidate | None"]

_DUR_LETTER = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
_TIME_UNITS = {"second", "minute", "hour"}


def _new(m: re.Match[str], rule: Rule, kind: str, **kw: Any) -> Candidate:
    return Candidate(start=m.start(), end=m.end(), rule=rule.name, order=rule.order, type=rule.spec.type.value, kind=kind, **kw)


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _spelled_year(text: str, lex: Lexicon) -> int | None:
    words = norm(text).replace("-", " ").replace(" and ", " ").split(" ")
    if words[:2] == ["two", "thousand"]:
        rest = " ".join(words[2:])
        n = lex.number(rest) if rest else 0
        return None if n is None else 2000 + int(n)
    if words[0] == "nineteen":
        rest = " ".join(words[1:])
        if rest.startswith("hundred"):
            tail = rest[len("hundred"):].strip()
            n = lex.number(tail) if tail else 0
            return None if n is None else 1900 + int(n)
        n = lex.number(rest)
        return None if n is None else 1900 + int(n)
    return None


def _year(text: str, lex: Lexicon | None = None) -> int:
    if lex is not None and not text.strip("'")[:1].isdigit():
        y = _spelled_year(text, lex)
        if y is None:
            raise ValueError(text)
        return y
    text = text.lstrip("'")
    y = int(text)
    if len(text) == 2:
        y += 1900 if y >= 30 else 2000
    return y


def prev_word(text: str, start: int) -> str:
    """The word (lowercase) right before `start`, skipping spaces and one period ("No. 1990" -> "no")."""
    return prev_word_at(text, start)[0]


def prev_word_at(text: str, start: int) -> tuple[str, int]:
    """``prev_word`` and the offset where that word starts."""
    i = start - 1
    while i >= 0 and text[i] in " \t\n":
        i -= 1
    if i >= 0 and text[i] == ".":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in "-'"):
        j -= 1
    return text[j + 1 : i + 1].lower(), j + 1


def _next_word(text: str, end: int) -> str:
    i = end
    while i < len(text) and text[i] in " \t\n":
        i += 1
    j = i
    while j < len(text) and text[j].isalpha():
        j += 1
    return text[i:j].lower()


def _nth(word: str) -> int:
    """The n of "the first/second/.../last <weekday> of" (-1: the last)."""
    n = norm(word)
    return -1 if n in {"last", "final"} else {"first": 1, "second": 2, "third": 3, "fourth": 4}[n]


def _in_match_report(text: str, m: re.Match[str], lex: Lexicon) -> bool:
    """Does a word of lexicon match_words (a game's: "scored", "goal", "penalty") stand in the expression's sentence?"""
    left, right = sentence_words(text, m.start(), m.end(), lex)
    words = lex.word_set("match_words")
    return any(w.lower() in words for w in (*left, *right))


#: the word after a lower-case month word ("12 may have died"), in the next 20 characters
_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")
#: a stop, a comma or the end right after a match ("resigned that May.")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|$)")


def build_calendar(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """Calendar fields: year, month, day, quarter, half, season, decade, century, holiday, weekday, part of day."""
    c = _new(m, rule, "absolute")
    gd = m.groupdict()
    if gd.get("year") or gd.get("year4b") or gd.get("year2"):
        try:
            c.year = _year(gd.get("year") or gd.get("year4b") or gd["year2"], lex)
        except ValueError:
            return None
    if gd.get("fystart"):
        # "2026-27": a fiscal (budget, tax, season) year that runs across two calendar years, named as "fiscal 2027"
        # and "FY27" are, by the year it ends in; only for consecutive years in a sentence about budgets or seasons
        # (lexicon fiscal_span_context; WikiWars' "the Siege of Kut (1915-16)" is two years)
        left, right = sentence_words(text, m.start(), m.end(), lex)
        context = lex.word_set("fiscal_span_context")
        near = left[-FISCAL_CONTEXT_WORDS:] + right[:FISCAL_CONTEXT_WORDS]  # not "The 2014-15 war ... the budget"
        if c.year != int(gd["fystart"]) + 1 or not any(w.lower() in context for w in near):
            return None
    if gd.get("month"):
        month_text = gd["month"]
        c.month = lex.month(month_text)
        if c.month is None or not 1 <= c.month <= 12:
            return None
        if gd.get("rel") and not month_text[0].isupper() and norm(month_text).rstrip(".") in lex.ambiguous_months:
            return None  # "this march", "next may": a verb or a noun, not a month
        if not month_text[0].isupper() and norm(month_text) in lex.word_set("modal_months"):
            after = _WORD_AFTER.match(text, m.end(), m.end() + 20)
            if after is not None and after.group(1) not in lex.word_set("month_followers"):
                return None  # "Officials said 12 may have died": the modal after a count, not "12 May"
        if rule.spec.args.get("bare_month") and not _bare_month_ok(month_text, m, lex, text):
            return None
    if rule.spec.args.get("same_year_as_previous"):
        if norm(gd.get("month") or "") in lex.ambiguous_months and not _CLAUSE_END.match(text, m.end()):
            return None  # "that May would run": the name, not the month
        c.relative_to, c.year_offset = "previous", 0  # "that August": the year of the time under discussion
    if gd.get("weekord") and c.month is not None:
        n = _nth(gd["weekord"])
        # the stated year, else a common year ("the last week of February" ends by the 28th)
        last = calendar.monthrange(c.year if c.year is not None else 2001, c.month)[1]
        c.day = last - 3 if n == -1 else 4 + 7 * (n - 1)
    if gd.get("day"):
        c.day = int(re.sub(r"\D", "", gd["day"]))
        if not 1 <= c.day <= 31:
            return None
    if gd.get("quarter"):
        q = gd["quarter"]
        c.quarter = int(q) if q.isdigit() else lex.ordinal(q)
        if c.quarter is None or not 1 <= c.quarter <= 4:
            return None
        if norm(q) in {"last", "final"} and not m.group(0).lower().startswith("the"):
            return None  # "last quarter" is the previous quarter (unit-relative), "the last quarter" the fourth
        _drop_article_before_adjective(c, m, text)
    if gd.get("half"):
        h = gd["half"].lower()
        if h == "last" and not gd.get("year"):
            return None  # "the last half of the '80s": not a half-year
        c.half = int(h) if h.isdigit() else (1 if h == "first" else 2)
        if not gd.get("year") and not gd.get("yrel") and _in_match_report(text, m, lex):
            return None  # "scored early in the first half": a half of the match
    if gd.get("season"):
        c.season = lex.data.seasons[norm(gd["season"])]
        noun = rule.spec.args.get("noun_after")
        if noun and norm(gd["season"]) in noun["words"] and not m.group(0).lower().startswith("the") \
                and prev_word(text, m.start()) in noun["prev_words"]:
            return None  # "Climber Killed In Fall", "injured in fall from ladder": the noun, not the season
    if gd.get("holiday"):
        c.holiday = lex.data.holidays[norm(gd["holiday"]).replace("’", "'")]
        if gd.get("eve"):
            c.holiday = c.holiday.model_copy(update={"days_after": c.holiday.days_after - 1})  # "Election Day eve"
    if gd.get("pod"):
        c.pod = lex.data.parts_of_day[norm(gd["pod"])]
    if gd.get("bc"):
        c.kind, c.grain, c.value = "fixed", "year", f"BC{int(gd['bc']):04d}"
        return c
    if "month" in rule.spec.args:
        c.month, c.day = int(rule.spec.args["month"]), int(rule.spec.args["day"])
    if gd.get("yrel"):
        c.year_offset = {"last": -1, "this": 0, "next": 1}[norm(gd["yrel"])]
    if gd.get("decword"):
        tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}
        gd = dict(gd, decade2=str(tens[norm(gd["decword"])] * 10))
    if gd.get("decade") and gd["decade"].endswith("00") and int(gd["decade"]) != 2000:
        c.century = int(gd["decade"]) // 100  # "the 1800s", "the early 1900s", "the 2100s": the century (2000s: the decade)
        c.grain = "century"
        c.value = f"{c.century:02d}"
        c.kind = "fixed"
        if gd.get("early"):
            c.mod = {"early": "START", "mid": "MID", "late": "END"}[norm(gd["early"])]
        return c
    if gd.get("decade") or gd.get("decade2"):
        c.decade = int(gd["decade"]) // 10 if gd.get("decade") else 190 + int(gd["decade2"]) // 10
        c.grain = "decade"
        c.value = str(c.decade)
        c.kind = "fixed"
        if gd.get("early"):
            c.mod = {"early": "START", "mid": "MID", "late": "END"}[norm(gd["early"])]  # "the late 1990s"
        return c
    if gd.get("century"):
        n = lex.ordinal(re.sub(r"[\s-]+", " ", gd["century"]))
        if n is None:
            return None
        c.century = n - 1
        c.grain = "century"
        c.value = f"{n - 1:02d}"
        c.kind = "fixed"
        return c
    if gd.get("weekday"):
        if not _weekday_ok(gd["weekday"], m, rule, lex, text):
            return None
        c.weekday = lex.weekday(gd["weekday"])
    if gd.get("wdord") and c.month is not None and c.weekday is not None:
        # "the first Tuesday of November": the month's nth weekday, resolved like an nth-weekday holiday
        c.holiday = Holiday(month=c.month, weekday=c.weekday, nth=_nth(gd["wdord"]))
        c.month = c.weekday = None
    if gd.get("hour"):
        c.hour, c.minute = int(gd["hour"]), int(gd.get("minute") or 0)
        c.type = "TIME"  # "2024-11-13T10:00:00Z": a clock time, not a day
    rel = gd.get("rel")
    if rel is not None:
        c.direction = lex.data.relative_words[norm(rel)]
        c.strict = c.direction != 0
    if gd.get("arel"):
        # "the previous Friday", "the following Monday": the weekday before/after the time under discussion
        c.direction = 1 if norm(gd["arel"]) == "following" else -1
        c.strict = True
        c.relative_to = "previous"
    if rule.spec.args.get("bare_year") and not _year_ok(m, lex, text):
        return None
    c.grain = _grain(c)
    if rule.spec.args.get("grain"):
        c.grain = str(rule.spec.args["grain"])  # "the week of March 6": the week that contains the day
    if c.year is None:
        c.kind = "weekday" if c.weekday is not None and c.month is None else "partial"
    if c.pod is not None and c.weekday is not None and rule.spec.args.get("weekday_pod") == "drop":
        c.pod = None
        c.grain = "day"
    return c


_ADJECTIVE_DURATION = re.compile(r"the\s+(?:[0-9]+|[a-z]+)[\s-](?:second|minute|hour|day|week|month|quarter|year|decade)$", re.IGNORECASE)


def _drop_article_before_adjective(c: Candidate, m: re.Match[str], text: str) -> None:
    """TimeML leaves the article out of adjectives: "the [third-quarter] loss", "the [30-day] period", "the [eight-year]
    war", "the [two day] rally" (a number with a singular unit is an adjective)."""
    surface = text[c.start : c.end]
    if surface[:4].lower() != "the ":
        return
    if c.type == "DURATION" and _ADJECTIVE_DURATION.match(surface) and not surface.lower().endswith((" a day", " one day")):
        num = surface[4:].replace("-", " ").split()[0].lower()
        if num not in {"a", "an", "one", "past", "last", "next", "coming", "previous", "first", "whole", "full", "entire", "same"}:
            c.start += 4
            return
    if "-" in surface.split()[-1] and not surface.rstrip().endswith(("quarter of", "year")):
        head = surface.split("-")[0]
        if " " in head.strip():
            c.start += 4


def _grain(c: Candidate) -> str:
    if c.hour is not None:
        return "minute"
    if c.pod is not None:
        return "part_of_day"
    if c.holiday is not None:
        return c.holiday.grain
    if c.day is not None:
        return "day"
    if c.weekday is not None:
        return "day"
    if c.month is not None:
        return "month"
    if c.season is not None:
        return "season"
    if c.quarter is not None:
        return "quarter"
    if c.half is not None:
        return "half"
    return "year"


#: how many words either side of a year pair "2026-27" a word of lexicon fiscal_span_context may be
FISCAL_CONTEXT_WORDS = 3


def _bare_month_ok(month_text: str, m: re.Match[str], lex: Lexicon, text: str) -> bool:
    """A bare month word: abbreviations need a period; ambiguous words ("May", "March") need a capital and a dated context."""
    key = norm(month_text).rstrip(".")
    full = key in {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
    if not full and not month_text.endswith("."):
        return False
    if not month_text[0].isupper():
        return False
    if key in lex.ambiguous_months:
        prev = prev_word(text, m.start())
        if prev not in lex.month_context_words:
            return False
    return True


def _weekday_ok(word: str, m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> bool:
    """A weekday abbreviation ("Thurs.") needs its capital; one that is also a word ("Sun.", "Wed.", "Sat.") standing
    alone (rule arg bare_weekday) also needs a context word right before it ("on Sun."; not "for the Sun.")."""
    if not word.endswith("."):
        return True
    if not word[0].isupper():
        return False
    if rule.spec.args.get("bare_weekday") and norm(word).rstrip(".") in lex.word_set("ambiguous_weekday_abbreviations"):
        return prev_word(text, m.start()) in lex.word_set("weekday_context_words")
    return True


def _year_ok(m: re.Match[str], lex: Lexicon, text: str) -> bool:
    """A bare four-digit number is a year unless it looks like a quantity, an identifier, money or a score."""
    y = int(m.group("year"))
    if not 1000 <= y <= 2199:
        return False
    s, e = m.start(), m.end()
    before = text[max(0, s - 2) : s]
    if before.endswith(("$", "#", "£", "€", ".", ",", "/", ":")) or before[-1:].isdigit():
        return False
    after = text[e : e + 3]
    if after[:1] in {"%", "/", ":"} or (after[:1] in {".", ","} and after[1:2].isdigit()) or after[:1].isdigit():
        return False
    nxt = _next_word(text, e)
    if nxt in lex.count_nouns or nxt in {"percent", "million", "billion", "times"} or nxt in lex.clock_zones:
        return False  # "2000 people", "(1830 GMT)": a quantity or a clock time, not a year
    prev = prev_word(text, s)
    if prev.rstrip(".") in lex.id_words:
        return False
    if y < 1500 and prev not in {"in", "of", "since", "by", "from", "until", "to", "and", "year", "before", "after", "around", "circa", "c."}:
        return False
    return True


def build_casual_day(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """today / yesterday / tomorrow / tonight / this morning / last night (+ part of day)."""
    gd = m.groupdict()
    amount = 0
    word = (gd.get("word") or "").lower()
    pod = lex.data.parts_of_day[norm(gd["pod"])] if gd.get("pod") else rule.spec.args.get("pod")
    if gd.get("dbefore"):
        amount = -2
    elif gd.get("dafter"):
        amount = 2
    elif word == "yesterday":
        amount = -1
    elif word == "tomorrow":
        amount = 1
    elif word == "tonight":
        pod = "NI"
    rel = (gd.get("rel") or "").lower()
    if rel == "last":
        amount = -1 if pod == "NI" else 0
        if pod != "NI":
            return None
    c = _new(m, rule, "offset", unit="day", amount=amount, pod=pod)
    c.grain = "part_of_day" if pod else "day"
    if pod and word != "tonight":
        c.type = "TIME"
    if rule.spec.args.get("anaphoric"):
        c.relative_to = "previous"
        c.type = "TIME"
    return c


def build_offset(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """next month, last week, this year, two years ago, three days later, a year from now."""
    gd = m.groupdict()
    args = rule.spec.args
    if "unit" in args:
        c = _new(m, rule, "offset", unit=args["unit"], amount=int(args.get("amount", 0)), relative_to=args.get("relative_to", "dct"))
        c.grain = c.unit
        c.follow_quarter = c.unit == "year" and bool(args.get("follow_quarter", True))
        return c
    unit_word = norm(gd["unit"])
    unit = lex.data.date_units.get(unit_word) or lex.data.units.get(unit_word)
    if unit is None:
        return None
    if gd.get("rel") is not None:
        if norm(gd["rel"]) in {"the next", "the coming", "past"}:
            return None  # "the next decade", "past decade": durations (duration-span-unit)
        amount = lex.data.relative_words[norm(gd["rel"])]
        c = _new(m, rule, "offset", unit=unit, amount=amount)
        c.grain = unit
        if gd.get("wdord") and gd.get("weekday"):  # "the first Monday of next month": that month's nth weekday
            c.holiday = Holiday(weekday=lex.weekday(gd["weekday"]), nth=_nth(gd["wdord"]))
            c.grain = "day"
        return c
    num_text = gd.get("num")
    n: float | None
    if num_text is None:
        n = 1 if not unit_word.endswith("s") else None
    else:
        n = lex.number(num_text)
    direction = "from now" if gd.get("in_time") else norm(gd["dir"])  # "in 10 days' time"
    sign = -1 if direction in {"ago", "earlier", "before"} else 1
    # "a day earlier": from a previous time no coarser than a day ("won an Oscar in March ... a day earlier" is not Feb. 29)
    relative_to = "dct_only" if direction in {"ago", "from now", "hence"} else "previous_fine"
    if unit == "fortnight":
        unit, n = "week", (n or 1) * 2
    if n is not None and n != int(n) and unit in _YEARS_IN and n * _YEARS_IN[unit] == int(n * _YEARS_IN[unit]):
        unit, n = "year", n * _YEARS_IN[unit]  # "half a century ago" is fifty years ago, as "fifty years ago" is
    c = _new(m, rule, "offset", unit=unit, relative_to=relative_to)
    if n is None or n != int(n):
        c.kind = "fixed"
        c.value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return c
    c.amount = sign * int(n)
    c.grain = "day" if unit in _TIME_UNITS else ("year" if unit in {"decade", "century"} else unit)
    if unit in _TIME_UNITS:
        c.type = "TIME"
        c.grain = unit
    c.follow_quarter = unit == "year" and abs(c.amount) == 1
    if gd.get("anniv"):  # "fifty years ago this week": that week (month, day) of the year counted back
        anniv = norm(gd["anniv"])
        c.grain = "day" if anniv == "today" else anniv.split()[-1]
        c.follow_quarter = False
    return c


#: years in the units a fraction of which may be a whole number of years ("half a century", "half a decade")
_YEARS_IN = {"decade": 10, "century": 100}


def build_anaphoric(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """that month, the same day, the next day, the following year, the quarter: relative to the previous time."""
    gd = m.groupdict()
    unit = "quarter" if gd.get("period") else norm(gd.get("unit") or gd.get("unit2") or str(rule.spec.args.get("unit", "")))
    c = _new(m, rule, "offset", relative_to="previous")
    if unit in lex.data.parts_of_day:
        c.pod = lex.data.parts_of_day[unit]
        unit = "day"
        c.type = "TIME"
    word = norm(gd.get("that") or "")
    c.amount = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1, "the prior": -1}.get(word, 0)
    if gd.get("rel"):
        c.amount = -1 if norm(gd["rel"]) == "before" else 1  # "the week before (that)", "the day after"
        c.relative_to = "previous_fine"
    c.unit = unit
    c.grain = "part_of_day" if c.pod else unit
    if unit == "quarter" and rule.spec.args.get("default_amount") is None:
        c.relative_to = "previous_quarter"  # "that quarter": the quarter last named, whatever came after it
    defaults = rule.spec.args.get("default_amount")
    if defaults is not None:
        c.relative_to = "auto"
        c.amount = int(defaults.get(unit, 0))
        if gd.get("latest") is not None or gd.get("latest2") is not None:
            # "the latest quarter": the quarter reported in the story, else the last one completed before the DCT
            c.amount = -1
            c.relative_to = "auto"
    return c


_VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "soon": "FUTURE_REF",
}


def build_vague_ref(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """now -> PRESENT_REF, recently -> PAST_REF, the future -> FUTURE_REF."""
    word = norm(m.groupdict().get("word") or "")
    value = rule.spec.args.get("value") or _VAGUE.get(word) or ("FUTURE_REF" if word.startswith("coming ") else None)
    if value is None:
        return None
    return _new(m, rule, "fixed", value=value)


def build_clock(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """9 a.m., 10:30 p.m., 14:30 GMT, noon, midnight: a time on the reference day."""
    gd = m.groupdict()
    word = (gd.get("word") or "").lower()
    if word:
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
        if word == "midnight" and prev_word(text, m.start()) in rule.spec.args.get("day_start_after", ()):
            hour = 0  # "between midnight and dawn", "since midnight": the midnight that opens the day
    else:
        hour, minute = int(gd["hour"]), int(gd.get("minute") or 0)
        ampm = (gd.get("ampm") or "").lower()
        pod2 = (gd.get("pod2") or "").lower()
        if pod2 in {"afternoon", "evening"} or (gd.get("night") and hour >= 6):
            ampm = "pm"  # "5 o'clock in the afternoon", "10 at night" ("4 in the morning" stays as it is)
        elif pod2 == "morning" or gd.get("night"):
            ampm = "am"
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    c = _new(m, rule, "offset", unit="day", amount=0, hour=hour, minute=minute, relative_to="auto_day")
    c.grain = "minute"
    return c


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 duration value of n units (None: unknown amount, PXY)."""
    if unit == "fortnight":
        unit, n = "week", None if n is None else n * 2
    if unit == "decade":
        unit, n = "year", None if n is None else n * 10
    if unit == "century":
        unit, n = "year", None if n is None else n * 100
    letter = _DUR_LETTER[unit]
    prefix = "PT" if unit in _TIME_UNITS else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if n != int(n) and n * 2 == int(n * 2) and n > 1:
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M, "a minute and a half" -> PT1M30S
        half = {"year": "6M", "month": "15D", "day": "T12H", "hour": "30M", "minute": "30S"}.get(unit)
        if half is not None:
            return f"{prefix}{int(n)}{letter}{half}"
    if n != int(n):
        if unit == "year":
            return f"P{int(n * 12)}M"
        if unit == "day":
            return f"PT{int(n * 24)}H"
        if unit == "hour":
            return f"PT{int(n * 60)}M"
        if unit == "month":
            return f"P{int(n * 30)}D"
        if unit == "week":
            return f"P{int(n * 7)}D"
        return f"{prefix}{n:g}{letter}"
    return f"{prefix}{int(n)}{letter}"


def build_duration(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """three years, 18 months, the past five years, a decade, several weeks, five-year."""
    gd = m.groupdict()
    if "unit" in rule.spec.args:
        return _new(m, rule, "fixed", value=duration_value(1, str(rule.spec.args["unit"])))
    unit = lex.data.units.get(norm(gd["unit"]))
    if unit is None or (gd["unit"].lower() in lex.lowercase_units and not gd["unit"].islower()):
        return None  # "5 HR staff": abbreviations are lower case ("24 hrs", "30 mins")
    surface = m.group(0).lower()
    if surface.endswith("old") or re.match(r"[a-z0-9]+-(?:quarters?)\b", surface.split(" ")[-1]) and unit == "quarter":
        return None
    n: float | None
    if gd.get("vague") and norm(gd["vague"]) in {"a couple of", "couple of", "a couple"}:
        n = 2  # tbaq: "a couple of years" is P2Y
    elif rule.spec.args.get("vague") or gd.get("vague"):
        n = None
    elif gd.get("num") is None and norm(gd["unit"]).endswith("s"):
        n = None  # "decades-long": an unknown number of units
    elif gd.get("num") is not None:
        n = lex.number(gd["num"])
        if n is None:
            return None
        if gd.get("frac") or gd.get("frac2"):
            n += 0.5
        if (n >= 1000 and "," not in gd["num"]) or (unit == "quarter" and norm(gd["num"]) in {"a", "an"}):
            return None
        if not _duration_ok(m, lex, text, gd["num"]):
            return None
    else:
        n = 1
    if unit == "second" and gd.get("num") is not None and norm(gd["num"]) in {"a", "one"} and _ordinal_second(text, m.end(), lex):
        return None  # "a second betrayal", "A second group of directors": the ordinal, not a duration
    if (unit == "century" and gd.get("span") is None and gd.get("num") is not None and norm(gd["num"]) in {"a", "an", "one"}
            and _in_match_report(text, m, lex)):
        return None  # "recovered through a century from Keaton Jennings": a hundred runs, not a hundred years
    if gd.get("span") is None and gd.get("num") is not None and norm(gd["num"]) in {"a", "an"}:
        prev = prev_word(text, m.start())
        if prev in {"once", "twice", "thrice", "times", "per"} or _is_amount(prev, lex):
            return None
        if _rate_after_count(_words_before(text, m), lex):
            return None  # "700 seats a week", "four flights a week": a rate (rule set-rate), not a duration
    c = _new(m, rule, "fixed", value=duration_value(n, unit), grain=None)
    _drop_article_before_adjective(c, m, text)
    if (n is not None and n == int(n) and unit in _AHEAD_UNITS and prev_word(text, m.start()) == "in"
            and not m.group(0).lower().startswith("the") and _counts_ahead(text, m, lex)):
        c.unit, c.later, c.ahead = unit, int(n), True  # "will meet in [two weeks]": maybe a point ahead (anchor.py)
    return c


#: "in [N units]": the units whose count from the publication date makes a day, month or year ahead
_AHEAD_UNITS = frozenset({"day", "week", "month", "year"})


def _counts_ahead(text: str, m: re.Match[str], lex: Lexicon) -> bool:
    """Can "in [N units]" count on from the publication date: no ranking word before it (lexicon ranking_words:
    "their first World Cup final in 30 years" looks back), no "of" after it ("in two years of restructuring")?"""
    if lex.ranking_before_in.search(text, max(0, m.start() - 60), m.start()):
        return False
    return _next_word(text, m.end()) != "of"


def _ordinal_second(text: str, end: int, lex: Lexicon) -> bool:
    """Is "a second" ending at `end` the ordinal of a noun ("a second group")? Any word after it but lexicon
    second_followers ("a second later", "for a second, he") makes it so."""
    if end < len(text) and text[end] not in " \t\n":
        return False
    nxt = _next_word(text, end)
    return bool(nxt) and nxt not in lex.second_followers


def _duration_ok(m: re.Match[str], lex: Lexicon, text: str, num: str) -> bool:
    before = text[max(0, m.start() - 1) : m.start()]
    if before in {"$", ".", ",", "-", ":", "/"} and num[:1].isdigit():  # "$5 million", "19:00 hr"
        return False
    return True


_ADVERB = {"daily": ("P1D", None), "nightly": ("P1D", None), "weekly": ("P1W", None), "monthly": ("P1M", None),
           "annually": ("P1Y", None), "yearly": ("P1Y", None), "quarterly": ("P1Q", None), "hourly": ("PT1H", None),
           "biweekly": ("P2W", None), "bimonthly": ("P2M", None), "semiannually": ("P6M", None)}
_FREQ = {"once": 1, "twice": 2, "thrice": 3}
_NAME_AFTER = re.compile(r" [A-Z][a-z]")


def _is_count(word: str, lex: Lexicon) -> bool:
    return word.lstrip("$").replace(",", "").replace(".", "").isdigit() or bool(lex.number(word))


def _is_amount(word: str, lex: Lexicon) -> bool:
    """Is the word right before "a <unit>" an amount ("$2 million a year", "5 percent a year"), not a count of things?"""
    return word.replace(",", "").replace(".", "").isdigit() or word in lex.word_set("rate_amount_words")


_RATE_WORD = re.compile(r"[A-Za-z0-9,.$%]+")


def _words_before(text: str, m: re.Match[str]) -> list[str]:
    """The last four words (numbers and money too) in the 40 characters before ``m``."""
    return _RATE_WORD.findall(text, max(0, m.start() - 40), m.start())[-4:]


def _rate_after_count(before: list[str], lex: Lexicon) -> bool:
    """Do the words ``before`` "a <unit>" (``_words_before``) make it a rate after a count of things: a number and a
    plural noun ("700 seats a week", "14 units a week") or a number, a noun, "of" and a noun (``_rate_of_count``)?"""
    if len(before) >= 2 and before[-1].lower().endswith("s") and any(_is_count(w, lex) for w in before[:-1]):
        return True
    return _rate_of_count(before, lex)


def _rate_of_count(before: list[str], lex: Lexicon) -> bool:
    """Are the words ``before`` "a <unit>" (``_words_before``) a number, a noun, "of" and a noun ("16,800 cases of
    cancer a year", "one glass of wine a day")? TimeBank leaves the shorter "700 seats a week", "four flights a week"
    untagged (tried as sets: three false positives against one hit), so only this form is a set."""
    return (len(before) == 4 and before[-2].lower() == "of" and before[-1].isalpha() and before[-3].isalpha()
            and _is_count(before[0], lex))


def build_set(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """every Monday, each year, weekly, twice a week, on Mondays; "a year" after a count ("cases of cancer a year")."""
    gd = m.groupdict()
    if rule.spec.args.get("rate"):
        prev = prev_word(text, m.start())
        if _is_amount(prev, lex):
            return None  # "$2 million a year", "5 percent a year": an amount, not a recurring time
        if not _rate_of_count(_words_before(text, m), lex):
            return None
    c = _new(m, rule, "fixed")
    if rule.spec.args.get("value"):
        c.value = str(rule.spec.args["value"])
        return c
    if gd.get("adverb"):
        before = text[max(0, m.start() - 30) : m.start()].split()
        if m.group(0)[0].isupper() and before and before[-1][:1].isupper() and not before[-1].endswith("."):
            return None  # part of a name: "the China Daily"
        if m.group(0)[0].isupper() and _NAME_AFTER.match(text, m.end()):
            return None  # the first word of a name: "the Daily News", "N.Y. Daily News", "The Weekly Standard"
        c.value, _ = _ADVERB[gd["adverb"].lower()]
        if gd.get("times"):
            c.freq = f"{_FREQ[gd['times'].lower()]}X"  # "a twice-daily pill"
        return c
    quant = (gd.get("quant") or "").lower()
    c.quant = "EACH" if quant == "each" else "EVERY"
    if gd.get("month"):
        month = lex.month(gd["month"])
        if month is None or (norm(gd["month"]) in lex.ambiguous_months and not gd["month"][0].isupper()):
            return None
        c.value = f"XXXX-{month:02d}"
        return c
    if gd.get("weekday"):
        c.value = f"XXXX-WXX-{lex.weekday(gd['weekday'])}"
        if gd.get("pod") or gd.get("wpod"):  # "Tuesday nights", "every Friday night"
            c.value += "T" + lex.data.parts_of_day[norm(gd.get("pod") or gd["wpod"]).removesuffix("s")]
        return c
    if gd.get("pod"):
        c.value = "XXXX-XX-XXT" + lex.data.parts_of_day[norm(gd["pod"])]
        return c
    if gd.get("season"):
        c.value = "XXXX-" + lex.data.seasons[norm(gd["season"])]
        return c
    unit_word = norm(gd["unit"])
    unit = lex.data.date_units.get(unit_word) or lex.data.date_units.get(unit_word.rstrip("s")) or lex.data.units.get(unit_word)
    if unit is None:
        return None
    if unit == "weekend":
        c.value = "XXXX-WXX-WE"
        return c
    n: float | None = 1
    if gd.get("num"):
        n = lex.number(gd["num"])
    elif gd.get("other"):
        n = 2  # "every other week"
    elif gd.get("few"):
        n = 2 if norm(gd["few"]).startswith("couple") else None  # "every few years" PXY, "every couple of months" P2M
    c.value = duration_value(n, unit)
    if gd.get("freq"):
        f = gd["freq"].lower().split()[0]
        times = _FREQ.get(f) or lex.number(f)
        c.freq = f"{int(times)}X" if times else None
        c.quant = None
    return c


def build_year_ago_adj(m: re.Match[str], rule: Rule, lex: Lexicon, text: str) -> Candidate | None:
    """year-ago / the year-earlier quarter / last year's quarter / the 1988 period: fiscal periods named by context."""
    gd = m.groupdict()
    c = _new(m, rule, "quarter_ctx", grain="quarter")
    if gd.get("quarter"):
        c.quarter = lex.ordinal(gd["quarter"])
    if gd.get("year"):
        c.year = _year(gd["year"])
    elif gd.get("yrel"):
        c.year_offset = lex.data.relative_words[norm(gd["yrel"])]
        c.year_base = "dct"
    else:
        c.year_offset = -1
        c.year_base = "context"
        if not gd.get("noun"):
            c.start = m.start() + m.group(0).lower().index("year")
            c.grain = "year"
    return c


BUILDERS: dict[str, Builder] = {
    "year_ago_adj": build_year_ago_adj,
    "calendar": build_calendar,
    "casual_day": build_casual_day,
    "offset": build_offset,
    "anaphoric": build_anaphoric,
    "vague_ref": build_vague_ref,
    "clock": build_clock,
    "duration": build_duration,
    "set": build_set,
}
