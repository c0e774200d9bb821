"""Stage 4: turn links into timeline entries and put them in order.

Sort key, in order: the first day the anchor denotes (``sort_date``, a day; of its middle or last third for a MID or
END modifier: "late 2024" from September 1st, ``part_start``); then the entry's place
within that day (``place_in_day``); then document order. Entries without a date (no publication date
and a relative time) come last, in document order. The sort is stable and every key is explainable.

Within a day, by the start of the interval the anchor denotes, then granularity:

1. events tied only to the publication date and before it ("said", past tense);
2. times that start at the day's beginning, coarser first (the year, the month, the week, the day itself, "early
   Tuesday", the publication date "on" it): the month contains its days;
3. clock times and parts of the day, by their start: a part of the day at a nominal hour (morning 08:00, midday
   12:00, daytime 12:00, afternoon 15:00, evening 19:00, night 22:00), "[two hours] later" than 9 a.m. at 11:00; in
   15-minute steps (the finest place the packed key of ``stream.pack_key`` holds), ties in document order;
4. "late" in the day ("late Tuesday", mod END) and 24:00, after the day's clock times;
5. durations sitting at the publication date ("for two days"), then events tied only to the publication date and
   after it ("will", future).

A duration that "within" places, for an event still to come, also says by when, counted from publication ("within two
weeks (by 2024-04-02)"), unless its sentence names a date before publication ("In March 2019, the company promised
to publish the rules within two weeks" counts from then).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from .linking import MOD_RELATION, Link
from .models import (
    AnchorKind,
    Event,
    EventClass,
    Factuality,
    Granularity,
    Interval,
    Relation,
    TimeExpression,
    TimelineEntry,
    TimexType,
)
from .temporal.calendar import shift

_GRAIN_RANK = {g: n for n, g in enumerate(Granularity)}
#: how a modifier reads around a date: "{}" is the date ("2024-04 or later" for "as early as April")
_MOD_PHRASE = {
    "ON_OR_AFTER": "{} or later",
    "AFTER": "after {}",
    "ON_OR_BEFORE": "{} or earlier",
    "BEFORE": "before {}",
    "APPROX": "about {}",
    "LESS_THAN": "less than {}",
    "MORE_THAN": "more than {}",
    "EQUAL_OR_LESS": "at most {}",
    "EQUAL_OR_MORE": "at least {}",
}
_MOD_WORD = {"START": "early", "MID": "mid", "END": "late"}
# links shown in the default table: the time is the event's own (not merely near it): it hangs under the event,
# under the copula whose predicate the event is, or opens the event's when-clause; without a parse, the nearest time
_SHOWN_RULES = frozenset({"syntax:governs", "syntax:copula", "syntax:when-clause", "linear"})
_LEAD_CLASSES = frozenset({EventClass.OCCURRENCE, EventClass.I_ACTION})
#: the relations an entry's date is shown with ("before 2024-03-19", "from 2026")
_SIDES = frozenset({Relation.BEFORE, Relation.AFTER, Relation.FROM, Relation.UNTIL})
_PHASE = {Relation.BEFORE: -1, Relation.UNTIL: -1, Relation.ON: 0, Relation.DURING: 0, Relation.FROM: 1, Relation.AFTER: 1}


_DURATION = re.compile(r"P(?:T)?(?P<n>[0-9]+(?:\.[0-9]+)?|X)(?P<unit>[YMWDHSEQC])$")
_DURATION_UNITS = {"Y": "year", "W": "week", "D": "day", "H": "hour", "S": "second", "E": "decade", "C": "century",
                   "Q": "quarter"}


#: the grains of a clock time that a duration in clock units ("PT2H", "PTXM") may count from
_CLOCK_GRAINS = frozenset({Granularity.HOUR, Granularity.MINUTE, Granularity.SECOND})
_DURATION_MOD = {"MORE_THAN": "more than ", "LESS_THAN": "less than ", "APPROX": "about ", "EQUAL_OR_MORE": "at least ",
                 "EQUAL_OR_LESS": "at most "}


def _duration_parts(value: str) -> tuple[str, str, str] | None:
    """A TIMEX3 duration's count and unit words: "P2D" -> ("2", "day", "days"), "PXY" -> ("X", "year", "years");
    None for other values."""
    m = _DURATION.match(value)
    if m is None:
        return None
    unit = m["unit"]
    word = ("minute" if "T" in value else "month") if unit == "M" else _DURATION_UNITS[unit]
    return m["n"].removesuffix(".0"), word, "centuries" if word == "century" else f"{word}s"


def _length(n: str, word: str, plural: str) -> str:
    """ "2 days", "1 day", "days" (an unknown count)."""
    return plural if n == "X" else f"{n} {word if n == '1' else plural}"


def display_duration(value: str, mod: str | None = None, offset: str | None = None) -> str:
    """A TIMEX3 duration as a reader says it ("P2D" -> "for 2 days", "PXY" -> "for years", MORE_THAN "P2D" -> "for
    more than 2 days"); a duration that is an offset with the words that say so, not "for" ("PTXH" later -> "hours
    later", "P3D" after the shooting -> "3 days after the shooting"); other values as they are."""
    parts = _duration_parts(value)
    if parts is None:
        return value
    length = parts[2] if parts[0] == "X" else f"{_DURATION_MOD.get(mod or '', '')}{_length(*parts)}"
    if offset:
        return f"{length} {offset}"
    return f"for {length}"


#: prepositions that put a duration somewhere rather than measure it ("within 48 hours", "in the coming days",
#: "after 15 months"): the When column shows them with the text's words; a length's ("for", "over", "during", none)
#: reads "for N"
_PLACING_PREPOSITIONS = frozenset({"within", "in", "inside", "by", "after", "before", "until", "till"})


def placing_preposition(evidence: str | None, text: str) -> str | None:
    """The preposition that opens a duration's evidence when it places the duration rather than measures it
    ("within" for "within 48 hours", "in" for "in the coming days"); None for a length's ("for nine hours",
    "over six years") or no preposition ("two days", "about 20 minutes")."""
    if not evidence:
        return None
    words, own = evidence.lower().split(), text.lower().split()
    if len(words) != len(own) + 1 or words[1:] != own:
        return None
    return words[0] if words[0] in _PLACING_PREPOSITIONS else None


#: a duration after these counts from the publication date to a deadline when its event is still to come
_DEADLINE_PREPOSITIONS = frozenset({"within", "inside"})
_PAST_STATUSES = frozenset({Factuality.HAPPENED, Factuality.ONGOING, Factuality.NEGATED})
#: the units of a duration (``_duration_parts``) that ``calendar.shift`` counts a deadline in
_CALENDAR_UNITS = frozenset({"day", "week", "month", "quarter", "year", "decade", "century"})


def _past_date_in_sentence(ev: Event, times: dict[str, TimeExpression], pub_date: dt.date | None) -> bool:
    """Does the event's sentence name a date before publication ("In March 2019, the company promised to publish
    the rules within two weeks", "said on Monday it would respond within 48 hours")? Then "within" counts from that
    time, not from publication."""
    return pub_date is not None and any(
        ev.sentence_start <= x.start < ev.sentence_end and x.interval is not None and x.interval.last < pub_date
        for x in times.values())


def _deadline_of(prep: str, value: str, pub_date: dt.date | None) -> dt.date | None:
    """The last day "within [two weeks]" leaves, counted from the publication date ("P2W" from 2024-03-06 ->
    2024-03-20; "PT48H" -> two days on); None for an unknown count ("within days"), less than a day ("within 30
    minutes"), another preposition or no publication date."""
    if prep not in _DEADLINE_PREPOSITIONS or pub_date is None:
        return None
    if value.startswith("PT"):  # whole hours, rounded up to days
        m = _CLOCK_DURATION.match(value)
        n = int(m["n"]) if m is not None and m["unit"] == "H" else 0
        return pub_date + dt.timedelta(days=-(-n // 24)) if n >= 24 else None
    parts = _duration_parts(value)
    if parts is None or parts[0] == "X" or "." in parts[0] or parts[1] not in _CALENDAR_UNITS:
        return None
    return shift(pub_date, parts[1], int(parts[0]))


_PART_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASON = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_REF_WORDS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}  # "until the past"
_POD = re.compile(r"(?P<day>\d{4}-\d\d-\d\d)T(?P<pod>MO|MI|AF|EV|NI|DT)$")
_WEEK = re.compile(r"(?P<year>\d{4})-W(?P<week>\d\d)(?P<weekend>-WE)?$")
_SEASON_VALUE = re.compile(r"(?P<year>\d{4})-(?P<season>SP|SU|FA|WI)$")
_DECADE = re.compile(r"\d{3}$")
_CENTURY = re.compile(r"\d{2}$")
_MILLENNIUM = re.compile(r"[1-9]$")


def readable_value(value: str) -> str:
    """A TIMEX3 date value in words a reader knows: '2024-09-20TEV' -> '2024-09-20 evening', '2024-W43-WE' ->
    'weekend of 2024-10-26', '2024-W37' -> 'week of 2024-09-09', '2025-SP' -> 'spring 2025', '199' -> '1990s',
    '18' -> '19th century', '20' -> '21st century', '2' -> '2000-2999' (a millennium),
    'PRESENT_REF' -> 'now', 'PAST_REF' -> 'the past'; days, months, years, quarters and clock times as they are."""
    if value in _REF_WORDS:
        return _REF_WORDS[value]
    if m := _POD.match(value):
        return f"{m['day']} {_PART_OF_DAY[m['pod']]}"
    if m := _WEEK.match(value):
        try:
            first = dt.date.fromisocalendar(int(m["year"]), int(m["week"]), 6 if m["weekend"] else 1)
        except ValueError:
            return value
        return f"{'weekend' if m['weekend'] else 'week'} of {first.isoformat()}"
    if m := _SEASON_VALUE.match(value):
        return f"{_SEASON[m['season']]} {m['year']}"
    if _DECADE.match(value):
        return f"{value}0s"
    if _CENTURY.match(value):  # "20": the 21st century ("2000s" would read as the decade)
        n = int(value) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} century"
    if _MILLENNIUM.match(value):  # "2": the years 2000-2999 ("2000s" would read as the decade or the century)
        return f"{value}000-{value}999"
    return value


def display_value(value: str, mod: str | None) -> str:
    """The date as a reader sees it: the value in words (``readable_value``) with its modifier ('2024-04 or later',
    'early 2024-04')."""
    value = readable_value(value)
    if mod in _MOD_WORD:
        return f"{_MOD_WORD[mod]} {value}"
    if mod in _MOD_PHRASE:
        return _MOD_PHRASE[mod].format(value)
    return value


_PARTIAL_DATE = re.compile(r"XXXX-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>[0-3][0-9]))?$")


def display_unresolved(t: TimeExpression) -> str:
    """A time left unresolved (no publication date) as a reader can use it: the month and day the text
    gives ("XXXX-04-10" -> "April 10 (no year)"), else the words of the text ('"next month" (unresolved)')."""
    m = _PARTIAL_DATE.match(t.value)
    if m is None:
        quoted = '"' + t.text + '"'
        # the modifier only when the words do not say it already ('"early next year"', not 'early "early next year"')
        said = t.mod in _MOD_WORD and _MOD_WORD[t.mod] in t.text.lower()
        return f"{quoted if said else display_value(quoted, t.mod)} (unresolved)"
    words = calendar.month_name[int(m["month"])]
    if m["day"]:
        words += f" {int(m['day'])}"
    return f"{display_value(words, t.mod)} (no year)"


_SET_WEEKDAY = re.compile(r"XXXX-WXX-(?P<wd>[1-7])$")
_SET_POD = re.compile(r"XXXX-XX-XXT(?P<pod>MO|MI|AF|EV|NI|DT)$")
_FREQ = re.compile(r"(?P<n>[0-9]+)X$")
_TIMES = {1: "once", 2: "twice"}


def display_set(t: TimeExpression) -> str:
    """A recurring time as a reader says it: 'every Monday' (XXXX-WXX-1), 'every evening', 'every 2 years' (P2Y),
    'twice a year' (P1Y, freq 2X); else the words of the text."""
    if "other" in t.text.lower().split():  # "every other Tuesday": the words say it best
        return '"' + t.text + '"'
    if m := _SET_WEEKDAY.match(t.value):
        return f"every {calendar.day_name[int(m['wd']) - 1]}"
    if m := _SET_POD.match(t.value):
        return f"every {_PART_OF_DAY[m['pod']]}"
    parts = _duration_parts(t.value)
    if parts is not None and parts[0] != "X":
        n, word, _ = parts
        if n != "1":
            return f"every {_length(*parts)}"  # "every 2 years"
        freq = _FREQ.match(t.freq or "")
        if freq is None:
            return f"every {word}"
        times = int(freq["n"])
        return f"{_TIMES.get(times, f'{times} times')} {'an' if word == 'hour' else 'a'} {word}"  # "twice a year"
    return '"' + t.text + '"'


class SortKey(NamedTuple):
    """Where an entry goes in ``Timeline.timeline`` (compared as a tuple: see the module docstring)."""

    undated: int  # 1: no sort date (last)
    sort_date: dt.date
    place: int  # the place within the day (``place_in_day``, 0 to ``PLACES - 1``)
    order: int  # the event's place in the document (0, 1 ...)


#: an entry with its sort key
KeyedEntry = tuple[SortKey, TimelineEntry]


def make_entries(
    events: list[Event],
    links: list[Link],
    times: dict[str, TimeExpression],
    pub_date: dt.date | None,
    *,
    lead_end: int,
    lead_start: int = 0,
) -> list[TimelineEntry]:
    """One entry per event, sorted: the timeline of a whole document at once (the pipeline makes the same
    entries chunk by chunk with ``keyed_entries`` and sorts them with ``timeline_order``). ``lead_start`` and
    ``lead_end`` are the offsets where the lead (its first long line, past a headline) starts and ends.

    ``selected`` marks what the default table shows: events whose own time (by syntax) is an
    explicit date, and the main event of the lead; the JSON keeps every entry."""
    by_event = {link.event_id: link for link in links}
    lead_ids = lead_events(events, lead_end, lead_start=lead_start)
    return timeline_order(keyed_entries(events, [by_event[ev.id] for ev in events], times, pub_date,
                                        lead_ids=lead_ids))


def keyed_entries(
    events: list[Event],
    links: list[Link],
    times: dict[str, TimeExpression],
    pub_date: dt.date | None,
    *,
    lead_ids: set[str],
    first: int = 0,
) -> list[KeyedEntry]:
    """The entry of each event (``links[i]`` is ``events[i]``'s link) with its sort key, in document order.
    ``first`` is the document order of ``events[0]`` (the number of events before it); ``lead_ids`` the
    main event of the lead (``lead_events``)."""
    keyed: list[KeyedEntry] = []
    for order, (ev, link) in enumerate(zip(events, links, strict=True), first):
        entry = make_entry(ev, link, times, pub_date, lead_ids=lead_ids)
        time = times.get(link.time_id) if link.anchor == AnchorKind.TIME and link.time_id else None
        keyed.append((sort_key(entry, link, order, clock=clock_minutes(time, times)), entry))
    return keyed


def timeline_order(keyed: list[KeyedEntry]) -> list[TimelineEntry]:
    """The entries sorted by their keys: ``Timeline.timeline``."""
    return [entry for _, entry in sorted(keyed, key=lambda pair: pair[0])]


def make_entry(
    ev: Event, link: Link, times: dict[str, TimeExpression], pub_date: dt.date | None, *, lead_ids: set[str]
) -> TimelineEntry:
    """The entry of one event: where its anchor puts it, how it is shown, and whether the table shows it."""
    common = {"event_id": ev.id, "relation": link.relation, "evidence": link.evidence, "rule": link.rule}
    if link.anchor == AnchorKind.TIME and link.time_id is not None:
        t = times[link.time_id]
        coarse = coarse_interval(t) if t.interval is None else None  # "the 1960s": the tagger gives no interval
        days = t.interval or t.leads_to or coarse
        granularity = t.granularity
        if days is not None:
            sort_date: dt.date | None = part_start(days, t.mod)
        else:  # a duration, or "now", sits at the publication date
            sort_date = pub_date if t.type == TimexType.DURATION or t.value == "PRESENT_REF" else None
        # a duration its preposition places ("within [48 hours]"): shown with its words, its own side of the date
        prep = placing_preposition(link.evidence, t.text) if t.type == TimexType.DURATION and not t.offset else None
        placed = prep is not None and t.leads_to is None
        if t.leads_to is not None:
            # "[two days] later": the day (month, year) it leads to, and the count ("2024-03-06 (+2 days)")
            first, last = t.leads_to.first, t.leads_to.last
            if first == last:
                day, granularity = first.isoformat(), Granularity.DAY
                since = times.get(t.anchor) if t.anchor else None
                if t.value.startswith("PT") and since is not None and since.granularity in _CLOCK_GRAINS:
                    # "[two hours] later" than 9 a.m.: as fine as that time, so that it sorts after it, not before
                    granularity = since.granularity
            elif (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
                day, granularity = str(first.year), Granularity.YEAR
            else:
                day, granularity = first.isoformat()[:7], Granularity.MONTH
            parts = _duration_parts(t.value)
            if parts is None:
                display = day
            elif parts[0] == "X":  # "[hours] later": "2024-03-06 (hours later)"
                display = f"{day} ({parts[2]} {t.offset or 'later'})"
            else:
                display = f"{day} (+{_length(*parts)})"
        elif t.type == TimexType.DURATION and t.offset and t.end < ev.start <= t.end + 1 + len(t.offset):
            # the event the offset counts from ("the shooting" in "[Three days] after the shooting"): not dated by it
            display = f'reference of "{t.text} {t.offset}"'
        elif placed:
            # "within [48 hours]", "in [the coming days]": what the text says, not "for 48 hours"
            display = f"{prep} {' '.join(t.text.split())}"
            # the cheap checks first: the sentence's times are scanned only for a deadline of an event still to come
            by = _deadline_of(prep, t.value, pub_date) if ev.factuality not in _PAST_STATUSES else None
            if by is not None and not _past_date_in_sentence(ev, times, pub_date):  # "will publish the rules within two weeks": by when, counted from publication
                display = f"{display} (by {by.isoformat()})"
                days = Interval(first=pub_date, last=by)  # type: ignore[arg-type]
        elif t.type == TimexType.DURATION:
            display = display_duration(t.value, t.mod, t.offset)
        elif t.type == TimexType.SET:
            display = display_set(t)
        elif not t.resolved:
            display = display_unresolved(t)
        else:
            display = display_value(t.value, t.mod)
        end = times.get(t.range_end) if t.range_end else None
        own = t.interval or coarse
        end_days = (end.interval or coarse_interval(end)) if end is not None else None
        if end is not None and own is not None and end_days is not None and t.resolved and end.resolved:
            # a range ("between 2019 and 2022", "from March 3 to March 5", "from the 1960s to the 1980s"): both ends,
            # and the days up to the last
            display = f"{display} to {display_value(end.value, end.mod)}"
            days = Interval(first=own.first, last=max(own.last, end_days.last))
        elif link.relation in _SIDES and (t.mod is None or t.mod in _MOD_WORD) and not placed:
            # "before 2024-03-19"; "until late 2025" for "until the end of 2025", and a modified "by" deadline reads
            # "by", not "until" ("By early 2021, the first complaints had arrived", "close 120 stores by the end of
            # June")
            by_word = t.mod is not None and (link.evidence or "").lower().startswith("by ")
            display = f"{'by' if by_word else link.relation.value} {display}"
        elif link.relation in _SIDES and t.mod in MOD_RELATION and MOD_RELATION[t.mod] != link.relation and t.resolved:
            # the link's side of the date wins over the modifier's ("will not open until 2026": from 2026)
            display = f"{link.relation.value} {display_value(t.value, None)}"
        elif link.relation == Relation.ON and t.mod in MOD_RELATION and t.resolved:
            # at the date, not on the side the modifier says ("since 2023, when the Herald reported": 2023)
            display = display_value(t.value, None)
        # "is not expected to reopen until next week": the linker read the negation as "from then", so the event is
        # dated, not denied ("has not spoken since Monday" is "from" too, and stays denied)
        not_until = link.relation == Relation.FROM and (link.evidence or "").lower().startswith(("until", "till", "not until"))
        # a calendar date, or one the missing publication date left partial ("April 10", year unknown): the table
        # shows both, the second as the text gives it
        dated = (t.type in (TimexType.DATE, TimexType.TIME) and (t.interval is not None or coarse is not None
                                                                 or not t.resolved)
                 or t.leads_to is not None)
        return TimelineEntry(
            **common, time_id=t.id, anchor=AnchorKind.TIME, value=t.value, mod=t.mod, granularity=granularity,
            sort_date=sort_date, interval=days, display=display,
            selected=(dated and link.rule in _SHOWN_RULES and (ev.factuality != Factuality.NEGATED or not_until))
            or ev.id in lead_ids,  # the lead's main event, whatever rule dated it
        )
    on = link.relation == Relation.ON
    if link.anchor == AnchorKind.PUB_DATE and pub_date is not None:
        value = pub_date.isoformat()
        return TimelineEntry(
            **common, time_id=None, anchor=AnchorKind.PUB_DATE, value=value, granularity=Granularity.DAY,
            sort_date=pub_date, interval=Interval(first=pub_date, last=pub_date),
            display=value if on else f"{link.relation.value} {value}", selected=ev.id in lead_ids,
        )
    return TimelineEntry(
        **common, time_id=None, anchor=AnchorKind.NONE, value=None, sort_date=None,
        display="at publication" if on else f"{link.relation.value} publication", selected=ev.id in lead_ids,
    )


_COARSE = re.compile(r"(?P<digits>\d{1,3})(?:-(?P<rest>.*))?$")
_COARSE_YEARS = {3: 10, 2: 100, 1: 1000}  # digits of a decade, century, millennium value -> its years


#: where the part of a period that a modifier names starts, as a share of its days: "mid-June" from its second
#: third, "late 2024" and "the end of the year" from its last third ("early" is the start)
_PART_START = {"MID": 1 / 3, "END": 2 / 3}


def part_start(days: Interval, mod: str | None) -> dt.date:
    """The day an anchor sorts by: the first of its interval, or of the part a MID or END modifier names, so that
    "by the end of the year" sorts after the year's dated months, not before them. A day keeps its first day ("late
    Tuesday" is placed within the day, ``place_in_day``)."""
    share = _PART_START.get(mod or "")
    if share is None:
        return days.first
    return days.first + dt.timedelta(days=int(((days.last - days.first).days + 1) * share))


def coarse_interval(t: TimeExpression) -> Interval | None:
    """The years a decade, century or millennium value covers ("196" -> 1960-1969, "19" -> 1900-1999), which the
    tagger leaves without an interval: a decade sorts and is shown like any explicit time. A modifier ("the early
    1960s") keeps the whole interval, as it does for a year. None for other values or for an unresolved time."""
    if t.type != TimexType.DATE or not t.resolved or t.leads_to is not None:
        return None
    m = _COARSE.match(t.value)
    if m is None or m["rest"] is not None:
        return None
    years = _COARSE_YEARS[len(m["digits"])]
    first = int(m["digits"]) * years
    if first < 1:
        return None  # year 0 is no date
    return Interval(first=dt.date(first, 1, 1), last=dt.date(min(first + years - 1, dt.MAXYEAR), 12, 31))


def lead_events(events: list[Event], lead_end: int, *, lead_start: int = 0) -> set[str]:
    """The main event of the lead: the first occurrence or action verb of the lead's first sentence (from
    ``lead_start``, past a headline) that is not negated, not a report, and not merely the cue of another event
    ("poised" in "poised to deepen ties" is the cue; "deepen" is the event)."""
    first = [ev for ev in events if lead_start <= ev.start < lead_end] or [ev for ev in events if ev.start < lead_end]
    if not first:
        return set()
    sentence = [ev for ev in first if ev.sentence_start == first[0].sentence_start]
    cue_words = {w for ev in sentence if ev.modality for w in ev.modality.lower().split()}
    for ev in sentence:
        if ev.pos != "VERB" or ev.event_class not in _LEAD_CLASSES or ev.factuality == Factuality.NEGATED:
            continue
        if ev.text.lower() in cue_words:
            continue
        return {ev.id}
    return set()


#: places within a day (see the module docstring); a clock time is at _CLOCK + its minutes // _CLOCK_STEP
_BEFORE_PUB = 0
_START = 1  # + the granularity's rank (MILLENNIUM ... DAY)
_CLOCK = _START + _GRAIN_RANK[Granularity.DAY] + 1
_CLOCK_STEP = 15
_LATE = _CLOCK + 24 * 60 // _CLOCK_STEP
_NO_GRAIN = _LATE + 1
#: places within a day (``stream.pack_key`` packs one in 7 bits)
PLACES = 128
_AFTER_PUB = PLACES - 1
_COARSE_GRAINS = frozenset(g for g in Granularity if _GRAIN_RANK[g] <= _GRAIN_RANK[Granularity.DAY])
#: the nominal minute of the day a part of the day stands at
_POD_MINUTES = {"MO": 8 * 60, "MI": 12 * 60, "DT": 12 * 60, "AF": 15 * 60, "EV": 19 * 60, "NI": 22 * 60}
_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\dT(?:(?P<h>\d\d)(?::(?P<m>\d\d))?|(?P<pod>MO|MI|AF|EV|NI|DT))")
_CLOCK_DURATION = re.compile(r"PT(?P<n>[0-9]+)(?P<unit>[HMS])$")


def clock_minutes(t: TimeExpression | None, times: dict[str, TimeExpression]) -> int | None:
    """The minute of the day a time starts at: its clock time ("2024-09-10T15:15" -> 915, "T24:00" -> 1440), a part
    of the day at its nominal hour ("TMO" -> 480); "[two hours] later" than a clock time that time plus the hours
    (past midnight, the minute of the day it leads to; an unknown count, the time itself). None without one."""
    if t is None:
        return None
    if t.leads_to is not None:
        since = times.get(t.anchor) if t.anchor else None
        if since is None or since is t or since.leads_to is not None:
            return None
        base = clock_minutes(since, times)
        if base is None or not t.value.startswith("PT"):
            return None
        m = _CLOCK_DURATION.match(t.value)
        if m is None:
            return base
        n = int(m["n"])
        minutes = {"H": n * 60, "M": n, "S": n // 60}[m["unit"]]
        return (base + minutes) % (24 * 60) if base + minutes != 24 * 60 else 24 * 60
    m = _CLOCK_VALUE.match(t.value)
    if m is None:
        return None
    if m["pod"]:
        return _POD_MINUTES[m["pod"]]
    return min(int(m["h"]) * 60 + int(m["m"] or 0), 24 * 60)


def place_in_day(entry: TimelineEntry, link: Link, clock: int | None) -> int:
    """Where an entry goes among the entries of its first day (0 to ``PLACES - 1``, see the module docstring);
    ``clock`` is the minute of the day its time starts at (``clock_minutes``)."""
    if entry.anchor == AnchorKind.PUB_DATE:
        phase = _PHASE[link.relation]
        if phase:
            return _BEFORE_PUB if phase < 0 else _AFTER_PUB
    if clock is not None:
        return _LATE if clock >= 24 * 60 else _CLOCK + clock // _CLOCK_STEP
    if entry.granularity is None:
        return _NO_GRAIN
    if entry.granularity == Granularity.DAY and entry.mod == "END":
        return _LATE  # "late Tuesday": after Tuesday's clock times
    if entry.granularity in _COARSE_GRAINS:
        return _START + _GRAIN_RANK[entry.granularity]
    return _CLOCK  # finer than a day, no clock time to read: at the day's first clock place


def sort_key(entry: TimelineEntry, link: Link, order: int, *, clock: int | None = None) -> SortKey:
    if entry.sort_date is None:
        return SortKey(1, dt.date.max, 0, order)
    return SortKey(0, entry.sort_date, place_in_day(entry, link, clock), order)
