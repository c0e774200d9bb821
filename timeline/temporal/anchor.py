"""Anchor candidates to the publication date or to the previous time, then format them as TimeExpressions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.models import Granularity, Interval, TimeExpression, TimexType
from timeline.temporal import calendar as cal
from timeline.temporal.builders import prev_word
from timeline.temporal.candidate import Candidate
from timeline.temporal.cues import direction as tense_direction
from timeline.temporal.cues import evidence as tense_evidence
from timeline.temporal.cues import (
    framing_year,
    holiday_year,
    phrase_direction,
    phrase_reaches_far,
    reaches_far_ahead,
    reported_future,
    same_sentence,
    sentence_ends,
)
from timeline.temporal.direction import Choice, DirectionModel, features
from timeline.temporal.lexicon import Lexicon
from timeline.temporal.timex3 import format_value, unresolved_value

#: Default direction for a bare weekday with no tense cue: news mostly reports what happened, so the past
#: (on or before the reference). In narrative mode a bare weekday follows the previous time (the future of it).
WEEKDAY_DEFAULT_NEWS = -1
WEEKDAY_DEFAULT_NARRATIVE = 1
#: A bare month/quarter/season/holiday takes the occurrence nearest to the reference (news), or the reference's own
#: year (narrative). A tense cue overrides the nearest occurrence only for one within this many days of the reference.
CUE_REACH_DAYS = 183
#: A past cue reaches this far back for months and days (the last occurrence before the reference).
CUE_REACH_DAYS_PAST = 240
#: ... and, for a past cue, for quarters, halves and seasons (periods that news mostly reports after they end).
CUE_REACH_DAYS_LONG = 365
#: ... and for any partial date after a direction phrase ("since", "until", "ended": lexicon direction_phrases), or
#: ahead of a far-reaching future cue ("will", "is expected to": lexicon far_future_cues): "The trial will begin in
#: February" in a March story is next February.
CUE_REACH_DAYS_PHRASE = 366
#: ... and for a past cue that is the clause's own verb with at most this many words of object before the date
PAST_VERB_OBJECT_WORDS = 6
_LEFT_WORDS = re.compile(r"[A-Za-z'’]+|[,;]")
#: In narrative mode a month/day more than this many days before the previous time is taken in the following year.
NARRATIVE_BACKSTEP_DAYS = 90
#: "[two days] later" (a DURATION by the TimeBank convention) leads to a day counted from the previous time when that
#: time is a day (or, for months, a month): these units. Hours lead to a day only after a clock time (CLOCK_UNITS).
LATER_UNITS = frozenset({"day", "week", "month"})
#: clock units in hours: "[hours] later" leads to the previous time's day, not a length
CLOCK_UNITS = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0}
#: A bare clock time ("at 6 a.m.") takes the day named before it in its sentence, at most this many characters back;
#: else the publication day (a day in an earlier sentence may be another event's: "a deadline was set for Tuesday").
CLOCK_DAY_REACH_CHARS = 300


#: Called for every learned past/future decision (training data): candidate, features, past value, future value.
Recorder = Callable[[Candidate, list[str], str, str], None]


@dataclass(slots=True)
class Ref:
    date: dt.date
    grain: str
    anchor: str
    season: str | None = None


@dataclass(slots=True)
class Point:
    date: dt.date
    grain: str

#: the grains from coarse to fine (the order of ``Granularity``), for what "the week before" may count from
_FINENESS = {g.value: n for n, g in enumerate(Granularity)}


def _deadline_ahead(c: Candidate, first: dt.date, pub: Ref | None) -> bool:
    """A deadline after the publication date ("by Jan. 10", "before March"): "the following day" after it does not
    count from it."""
    return c.mod in ("ON_OR_BEFORE", "BEFORE") and pub is not None and first > pub.date


class Resolver:
    def __init__(self, lex: Lexicon, text: str, pub_date: dt.date | None, narrative: bool,
                 model: DirectionModel | None = None, recorder: Recorder | None = None) -> None:
        self.lex = lex
        self.model = model
        self.recorder = recorder
        self.text = text
        self.pub = Ref(pub_date, "day", "pub_date") if pub_date is not None else None
        self.narrative = narrative
        self.prev: Ref | None = None
        self.prev_end = -1  # where the expression that set prev ends
        self.prev_minute: int | None = None  # its minute of the day, when it is a clock time
        self.last_quarter: Ref | None = None
        #: the last time named, a deadline ahead too: what "within [28 days] of that date" counts from
        self.last_named: Ref | None = None
        #: the last quarter named in any form (also "the year-ago quarter"): what "that quarter" refers to
        self.named_quarter: Ref | None = None
        #: end offset of the last several-month period stated ("the nine months", "the first half")
        self.months_period_end: int | None = None

    # ---- reference selection ----
    def _last_weekend(self, c: Candidate, pub: Ref) -> None:
        """"the weekend": the last one (this one from Saturday on, or with a future cue)."""
        cue = tense_direction(self.text, c.start, c.end, self.lex)
        c.amount = 0 if pub.date.isoweekday() >= 6 or cue == 1 else -1

    def _reference(self, c: Candidate) -> Ref | None:
        if c.follow_quarter and not self.narrative and self._months_context(c):
            # "For the nine months, ... a year earlier": the year before the one under discussion
            ctx = self.last_quarter or self.pub
            return Ref(ctx.date, "year", ctx.anchor) if ctx is not None else None
        if c.follow_quarter and self.last_quarter is not None and not self.narrative:
            return self.last_quarter  # "a year earlier" in results news: the same quarter a year before
        if c.relative_to == "previous_quarter":
            return self.named_quarter or self.prev or self.pub
        if c.relative_to == "previous":
            if self.prev is None and c.unit == "weekend" and c.amount == 0 and self.pub is not None:
                self._last_weekend(c, self.pub)  # "that weekend" with no day before it: as "the weekend"
            return self.prev or self.pub
        if c.relative_to == "previous_fine":
            # "the week before": one unit from a previous time no coarser than the unit ("Since 2019, ... the week
            # before" counts from the publication date)
            prev = self.prev
            if prev is None or self.narrative:
                return prev or self.pub
            if _FINENESS.get(prev.grain, -1) < _FINENESS.get(c.unit or "", len(_FINENESS)):
                return self.pub
            if (self.pub is not None and prev.date > self.pub.date
                    and tense_direction(self.text, c.start, c.end, self.lex) == -1):
                return self.pub  # "will face Alcaraz on Friday. Alcaraz beat Paul a day earlier": not from Friday
            return prev
        if self.narrative and self.prev is not None and c.relative_to != "dct_only":
            # narrative text: everything underspecified follows the story, not the (download) date
            if c.relative_to == "auto":
                c.amount = 0
            return self.prev
        if c.relative_to == "auto":
            if c.unit == "weekend" and self.pub is not None:
                self._last_weekend(c, self.pub)  # "over the weekend"
                return self.pub
            context = self.last_quarter if c.unit == "quarter" else (None if c.unit == "year" else self.prev)
            if context is not None and context.grain == c.unit:
                c.amount = 0
                return context
            return self.pub
        if c.kind in {"partial", "weekday"} or c.relative_to == "auto_day":
            if self.narrative and self.prev is not None:
                return self.prev
            if c.relative_to == "auto_day" and self._day_in_context(c):
                return self.prev
            return self.pub
        if c.follow_quarter and self.last_quarter is not None and not self._months_context(c):
            return self.last_quarter
        return self.pub  # "dct" and "dct_only"

    def _week_ahead_on_sunday(self, c: Candidate, ref: Ref) -> bool:
        """Is "this week" / "later this week" said on a Sunday (the last day of its ISO week) of what is ahead?"""
        if c.unit != "week" or c.amount != 0 or self.pub is None or ref is not self.pub or self.narrative:
            return False
        if ref.date.isoweekday() != 7 or not self.text[c.end - 9 : c.end].lower().endswith("this week"):
            return False
        return self.text[c.start : c.end].lower().startswith("later") or tense_direction(self.text, c.start, c.end, self.lex) == 1

    def _day_in_context(self, c: Candidate) -> bool:
        """Is the previous time a day named shortly before a bare clock time, in its sentence ("on Monday ... around
        6 a.m."), a day other than the publication day in the sentence right before, or a clock time of another day
        shortly before a later one?"""
        prev = self.prev
        if prev is None or prev.grain not in cal.DAY_GRAINS or self.pub is None or prev.anchor == self.pub.anchor:
            return False
        if not 0 <= c.start - self.prev_end <= CLOCK_DAY_REACH_CHARS:
            return False
        if same_sentence(self.text, self.prev_end, c.start, self.lex):
            return True
        # in a later sentence: a clock time after a day before publication (a day ahead may be another event's: "A
        # deadline was set for Tuesday. Talks resumed at 9 a.m."; an incident told hour by hour is past: not "The
        # funeral will be held at 11am on Friday. Police said the man was arrested at 2pm.")
        if c.hour is None or prev.date is None or prev.date >= self.pub.date:
            return False
        if tense_direction(self.text, c.start, c.end, self.lex) == 1:
            return False  # "The deal was signed on Monday. Talks will resume at 9 a.m.": ahead, not that day
        if self.prev_minute is None:
            # the day is the last time of the sentence right before: the clock time of the next sentence is on it
            # ("Dumont was released on Saturday. She arrived in Niamey shortly after 10 a.m.")
            return sentence_ends(self.text, self.prev_end, c.start, self.lex) == 1
        # the next clock time of an incident told hour by hour, later that day, in the same paragraph with no time
        # between ("Police were called at about 2.30am on 3 March. The man was detained at around 2.50am.")
        return (c.hour * 60 + (c.minute or 0) >= self.prev_minute
                and "\n\n" not in self.text[self.prev_end : c.start].replace("\r", ""))

    def _months_context(self, c: Candidate) -> bool:
        """Does a several-month period ("For the nine months, ...") stated earlier in the sentence set the comparison?
        Then "a year earlier" / "year-earlier" is the year before, not the quarter under discussion."""
        end = self.months_period_end
        return end is not None and end <= c.start and same_sentence(self.text, end, c.start, self.lex)

    # ---- per kind ----
    def _fields_date(self, c: Candidate, year: int) -> dt.date | None:
        try:
            if c.holiday is not None:
                return cal.holiday_date(c.holiday, year)
            if c.month is not None:
                return dt.date(year, c.month, c.day or 1)
            if c.quarter is not None:
                return dt.date(year, 3 * c.quarter - 2, 1)
            if c.half is not None:
                return dt.date(year, 1 if c.half == 1 else 7, 1)
            if c.season is not None:
                return dt.date(year, cal.SEASON_START[c.season], 1)
            return dt.date(year, 1, 1)
        except ValueError:
            return None

    def _direction(self, c: Candidate, default: int | None) -> int | None:
        if c.direction is not None:
            return c.direction
        if self.narrative:
            return default
        cue = tense_direction(self.text, c.start, c.end, self.lex)
        return cue if cue is not None else default

    def _partial(self, c: Candidate, ref: Ref) -> dt.date | None:
        """Pick the year of a date stated without one.

        Explicit direction (last/next/this) is strict. Otherwise the occurrence nearest to the reference wins, unless a
        tense cue points the other way and the occurrence it points to is within CUE_REACH_DAYS of the reference.
        A stated weekday ("Saturday, April 25") keeps only the years where it fits.
        """
        r = ref.date
        # "that August" with no time before it to take the year of: as a bare "August" ("Smith resigned that May.")
        if c.year_offset is not None and not (c.relative_to == "previous" and self.prev is None):
            return self._fields_date(c, r.year + c.year_offset)
        if c.direction is None and not self.narrative and ref is self.pub:
            framed = framing_year(self.text, c.start, c.end, self.lex, r.year)  # "In 2016, ... on [May 2]"
            if framed is None and c.holiday is not None:
                framed = holiday_year(self.text, c.start, c.end, self.lex)  # "The strike in 2016 began on [Election Day]"
            if framed is not None and (d := self._fields_date(c, framed)) is not None:
                return d
        options: list[tuple[int, dt.date, dt.date, dt.date]] = []  # (distance, point, first, last)
        for y in (r.year - 1, r.year, r.year + 1):
            d = self._fields_date(c, y)
            if d is None:
                continue
            if c.weekday is not None and c.day is not None and d.isoweekday() != c.weekday:
                continue
            first, last = cal.period(d, c.grain or "day", c.season)
            dist = 0 if first <= r <= last else min(abs((first - r).days), abs((last - r).days))
            options.append((dist, d, first, last))
        if not options and c.weekday is not None:
            c.weekday = None
            return self._partial(c, ref)
        if not options:
            return None
        if c.direction is not None:
            if c.direction == 0:
                same = [o for o in options if o[1].year == r.year]
                return same[0][1] if same else None
            if c.direction < 0:
                fit = [o for o in options if (o[3] < r if c.strict else o[2] <= r)]
                return max(fit, key=lambda o: o[1])[1] if fit else None
            fit = [o for o in options if (o[2] > r if c.strict else o[3] >= r)]
            return min(fit, key=lambda o: o[1])[1] if fit else None
        if self.narrative:
            same = [o for o in options if o[1].year == r.year]
            if same and ref.grain not in {"year", "decade", "century", "half"} and (r - same[0][2]).days > NARRATIVE_BACKSTEP_DAYS:
                later = [o for o in options if o[1].year == r.year + 1]
                if later:
                    return later[0][1]  # stories move forward: "December 7, 1941 ... In January" is 1942
            return (same or options)[0][1]
        hand = self._partial_by_hand(c, r, options)
        if self.model is not None or self.recorder is not None:
            past = [o for o in options if o[2] <= r]
            future = [o for o in options if o[3] >= r]
            if past and future:
                p, f = max(past, key=lambda o: o[1]), min(future, key=lambda o: o[1])
                if p[1] != f[1] and hand in (p[1], f[1]):
                    kind = "holiday" if c.holiday is not None else (c.grain or "day")
                    choice = Choice(kind, (r - p[3]).days, (f[2] - r).days, 1 if hand == f[1] else -1)
                    learned = self._learned(c, choice, p[1], f[1], c.grain or "day")
                    if learned is not None:
                        return learned
        return hand

    def _partial_by_hand(self, c: Candidate, r: dt.date, options: list[tuple[int, dt.date, dt.date, dt.date]]) -> dt.date:
        """The hand rule: the nearest occurrence, unless a tense cue points to one within reach the other way."""
        nearest = min(options, key=lambda o: (o[0], abs(o[1].year - r.year)))
        found = tense_evidence(self.text, c.start, c.end, self.lex)
        cue = found[0]
        reach = CUE_REACH_DAYS_LONG if c.grain in {"quarter", "half", "season"} else CUE_REACH_DAYS_PAST
        reach_future = CUE_REACH_DAYS_PHRASE if reaches_far_ahead(self.text, c.start, self.lex, found) else CUE_REACH_DAYS
        if c.grain == "season" and c.holiday is None:
            # a season a future cue points to is ahead within a year, as a past cue's is back within a year: "hope to
            # finish by [early summer]" in a September story is next summer
            reach_future = CUE_REACH_DAYS_PHRASE
        if reach_future == CUE_REACH_DAYS and reported_future(self.text, c.start, self.lex, found):
            reach_future = CUE_REACH_DAYS_PAST  # "said it would finish in [June]": as far ahead as a past cue reaches back
        if cue is not None and cue < 0 and self._past_verb_reaches_far(c, found):
            reach = CUE_REACH_DAYS_PHRASE  # "Its creditors agreed a loan in [February]" in a November story
        if cue is not None and phrase_reaches_far(self.text, c.start, self.lex):
            # a direction phrase ("since February", "the year ended Jan. 31", "as early as May") fixes the side:
            # the occurrence on that side within a year, however far
            reach = reach_future = CUE_REACH_DAYS_PHRASE
        if cue is not None:
            if cue < 0:
                fit = [o for o in options if o[2] <= r and o[0] <= reach]
            else:
                fit = [o for o in options if o[3] >= r and o[0] <= reach_future]
            if fit and nearest not in fit:
                return min(fit, key=lambda o: o[0])[1]
        return nearest[1]

    def _past_verb_reaches_far(self, c: Candidate, found: tuple[int | None, str, str]) -> bool:
        """Does the past cue of ``c`` (``found``: its evidence) fix the past within a whole year? Only the clause's
        own finite past verb with just its object between it and the date: a word of far_future_openers right before
        the date, at most PAST_VERB_OBJECT_WORDS words between, none of them "to" or a comma, the verb not a reporting
        verb, an auxiliary or an adverb (lexicon past_cues_near) and not after an auxiliary, an "-ed" form followed by the
        opener or a word of lexicon object_openers ("agreed a loan in
        [February]" in a November story is this February; not "was returned to his father by [Jan. 14]", "has
        extended loans through [January]", "were detained on [May 4]", "said ... in [February]")."""
        _, word, where = found
        if where != "left" or not word or word in self.lex.word_set("reporting_verbs"):
            return False
        if word in self.lex.word_set("past_cues_near") or prev_word(self.text, c.start) not in self.lex.data.far_future_openers:
            return False
        left = _LEFT_WORDS.findall(self.text[max(0, c.start - 160) : c.start])
        low = [w.lower() for w in left]
        if word not in low:
            return False
        k = len(low) - 1 - low[::-1].index(word)
        between = low[k + 1 : -1]
        if len(between) > PAST_VERB_OBJECT_WORDS or any(w in ("to", ",", ";") for w in between):
            return False
        if word not in self.lex.past_cues and between and between[0] not in self.lex.word_set("object_openers"):
            return False  # an "-ed" word before a noun is an adjective ("preferred shares on", "unspecified date in")
        return k > 0 and low[k - 1] not in self.lex.auxiliaries  # (past_auxiliaries and auxiliaries)

    def _not_before_range_start(self, c: Candidate, point: dt.date) -> dt.date:
        """A range's end does not end before its start ("will run from November 21 to November 24" in a March story:
        both next November): when a yearless end resolved alone lies before the start (the previous time), it is the
        first occurrence after it. (Weekdays are left alone: "lasted from Thursday to Tuesday" in a Monday story
        wants the start a week back, not the end a week on.)"""
        prev = self.prev
        if c.range_from is None or prev is None or self.prev_end != c.range_from.end:
            return point
        start = cal.period(prev.date, prev.grain, prev.season)[0]
        if cal.period(point, c.grain or "day", c.season)[1] >= start:
            return point
        for year in (start.year, start.year + 1):
            d = self._fields_date(c, year)
            if d is not None and cal.period(d, c.grain or "day", c.season)[1] >= start:
                return d
        return point

    def _quarter_ctx(self, c: Candidate, ref: Ref) -> tuple[dt.date, str]:
        """The fiscal period named against the quarter in context (or the last complete quarter before the DCT)."""
        ctx = self.last_quarter
        if ctx is None:
            ctx = Ref(cal.shift(ref.date, "quarter", -1), "quarter", ref.anchor)
        if c.year is not None:
            year = c.year
        elif c.year_base == "context" and (c.quarter is not None or c.grain == "quarter" or self.last_quarter is not None):
            year = ctx.date.year + (c.year_offset or 0)
        else:
            year = ref.date.year + (c.year_offset or 0)
        if c.quarter is None and c.grain == "year" and (self.last_quarter is None or self._months_context(c)):
            return dt.date(year, 1, 1), "year"
        if c.quarter is None and c.year is not None and self.last_quarter is None:
            return dt.date(year, 1, 1), "year"
        q = c.quarter if c.quarter is not None else (ctx.date.month - 1) // 3 + 1
        return dt.date(year, 3 * q - 2, 1), "quarter"

    def _learned(self, c: Candidate, choice: Choice, past: dt.date, future: dt.date, grain: str) -> dt.date | None:
        """The learned past/future decision (None: no model, or a direction phrase decides by hand rule)."""
        if phrase_direction(self.text, c.start, self.lex) is not None:
            return None
        feats = features(self.text, c.start, c.end, self.lex, choice)
        if self.recorder is not None:
            fmt = {"season": c.season, "pod": c.pod, "hour": c.hour, "minute": c.minute}
            self.recorder(c, feats, format_value(past, grain, **fmt), format_value(future, grain, **fmt))
        if self.model is None:
            return None
        return future if self.model.score(feats) > 0 else past

    def _coordinated_weekday(self, c: Candidate) -> dt.date | None:
        """The day of a weekday coordinated after another ("on Monday and [Tuesday]"): the first such day after the
        first conjunct's, unless that crosses the publication date from a past first conjunct ("were closed on
        Tuesday and Wednesday" in a Tuesday paper keeps its own past Wednesday)."""
        prev = self.prev
        if c.coord_from is None or prev is None or self.prev_end != c.coord_from.end or c.weekday is None:
            return None
        day = cal.weekday_near(prev.date, c.weekday, 1, True)
        if (self.pub is not None and not self.narrative and prev.date <= self.pub.date < day
                and (prev.date < self.pub.date or tense_direction(self.text, c.start, c.end, self.lex) == -1)):
            return None
        return day

    def _weekday(self, c: Candidate, ref: Ref) -> dt.date:
        if (day := self._coordinated_weekday(c)) is not None:
            return day
        default = WEEKDAY_DEFAULT_NARRATIVE if self.narrative else WEEKDAY_DEFAULT_NEWS
        if c.mod == "ON_OR_BEFORE" and not self.narrative:
            default = 1  # a deadline with no tense cue is ahead ("If we don't see an offer by [Thursday night], ...")
        if c.direction is None and not self.narrative and (self.model is not None or self.recorder is not None):
            assert c.weekday is not None
            past = cal.weekday_near(ref.date, c.weekday, -1, False)
            future = cal.weekday_near(ref.date, c.weekday, 1, False)
            hand = self._direction(c, default)
            choice = Choice("weekday", (ref.date - past).days, (future - ref.date).days,
                            1 if (hand if hand is not None else default) > 0 else -1)
            learned = self._learned(c, choice, past, future, c.grain or "day")
            if learned is not None:
                return learned
        direction = self._direction(c, default)
        assert c.weekday is not None
        return cal.weekday_near(ref.date, c.weekday, direction if direction is not None else default, c.strict)

    def _peek(self, c: Candidate) -> dt.date | None:
        """The day a date candidate denotes, without changing the resolver's state (for "the quarter ended Sept. 30")."""
        if c.kind == "absolute" and c.year is not None:
            return self._fields_date(c, c.year)
        if c.kind == "partial" and self.pub is not None:
            return self._partial(c, self.prev if self.narrative and self.prev is not None else self.pub)
        if c.kind == "weekday" and self.pub is not None and not self.narrative:
            return self._weekday(c, self.pub)
        return None

    def resolve(self, c: Candidate, tid: str) -> TimeExpression | None:
        """The TimeExpression of a candidate; a date past year 9999 or before year 1 ("900,000 days ago") stays
        unresolved (X placeholders) rather than failing the document."""
        try:
            return self._resolve(c, tid)
        except (OverflowError, ValueError):
            value = c.value if c.kind == "fixed" and c.value else _unresolved(c, c.grain)
            return self._expression(c, tid, value, c.grain, None, None, False)

    def _expression(self, c: Candidate, tid: str, value: str, grain: str | None, interval: Interval | None,
                    anchor: str | None, resolved: bool, leads_to: Interval | None = None) -> TimeExpression:
        return TimeExpression(
            id=tid, start=c.start, end=c.end, text=self.text[c.start : c.end], type=TimexType(c.type), value=value,
            mod=c.mod, granularity=Granularity(grain) if grain else None, interval=interval, quant=c.quant, freq=c.freq,
            anchor=anchor, resolved=resolved, range_end=None, leads_to=leads_to, offset=c.offset, rule=c.rule,
        )

    def _leads_to(self, c: Candidate) -> tuple[dt.date, str, str] | None:
        """The day (and its grain: day, month or year) a "[two days] later" duration leads to, counted from the
        previous time, and that time's id; or the one "in [two weeks]" leads to from the publication date, when the
        sentence looks ahead ("will meet in two weeks"; "rose 10% in two weeks" is a length)."""
        if c.unit in CLOCK_UNITS and c.offset == "later" and not c.ahead:
            # "[hours] later", "[30 minutes] later" after a clock time: its day, or so; after a bare day (its clock
            # unknown) or for a day or more the hours may cross midnight: no day (the timeline says "36 hours later")
            prev = self.prev
            hours = (c.later or 0) * CLOCK_UNITS[c.unit]
            if prev is None or prev.grain not in CLOCK_UNITS or hours >= 24:
                return None
            if self.prev_minute is not None and self.prev_minute + hours * 60 >= 24 * 60:
                return prev.date + dt.timedelta(days=1), "day", prev.anchor  # "at 11 p.m. ... Two hours later": next day
            return prev.date, "day", prev.anchor
        if c.later is None or c.unit is None:
            return None
        grain = "day" if c.unit in ("day", "week") else c.unit
        if c.ahead:
            if self.pub is None or tense_direction(self.text, c.start, c.end, self.lex) != 1:
                return None
            return cal.shift(self.pub.date, c.unit, c.later), grain, self.pub.anchor
        # "within [28 days] of that date" names the date it counts from, a deadline too ("file by 15 January")
        named = (c.offset or "").startswith("of ")
        prev = self.last_named if named else self.prev
        if (c.unit not in LATER_UNITS and not (named and c.unit == "year")) or prev is None:
            return None
        if named and prev.grain in cal.DAY_GRAINS:
            grain = "day"  # "within [two years] of that date": a day two years on, not that whole year
        if prev.grain not in cal.DAY_GRAINS and not (prev.grain == "month" and c.unit == "month"):
            return None
        return cal.shift(prev.date, c.unit, c.later), grain, prev.anchor

    def _resolve(self, c: Candidate, tid: str) -> TimeExpression | None:
        value: str
        interval: Interval | None = None
        anchor: str | None = None
        resolved = True
        grain = c.grain
        point: dt.date | None = None
        if c.kind == "fixed":
            value = c.value or ""
            if value in self.lex.months_periods:  # "For the nine months, ..."
                self.months_period_end = c.end
            if (later := self._leads_to(c)) is not None:
                point, lead_grain, since = later
                first, last = cal.period(point, lead_grain)
                # the story moves on: "Two days later, ... The next day, ..." is the day after that (not a deadline
                # ahead: "within [28 days] of that date")
                if not c.ahead and not ((c.offset or "").startswith("of ") and self.pub is not None and first > self.pub.date):
                    self.prev = Ref(first, lead_grain, tid)
                    self.prev_minute = None
                    self.prev_end = c.end
                return self._expression(c, tid, value, grain, None, since, True, leads_to=Interval(first=first, last=last))
        elif c.kind == "absolute":
            assert c.year is not None
            point = self._fields_date(c, c.year)
            if point is None:
                return None
        elif c.day_from is not None and (day := self._peek(c.day_from)) is not None:
            point = day  # "10:35 a.m. (0735 GMT) Friday"
            anchor = self.pub.anchor if self.pub is not None else None
        elif c.ended_by is not None and (day := self._peek(c.ended_by)) is not None:
            # "the quarter ended Sept. 30": the period that ends on the date that follows
            point = day
            anchor = self.pub.anchor if self.pub is not None else None
        else:
            ref = self._reference(c)
            if ref is None:
                resolved = False
                point = None
            else:
                anchor = ref.anchor
                if c.kind == "quarter_ctx":
                    point, grain = self._quarter_ctx(c, ref)
                elif c.kind == "partial":
                    point = self._partial(c, ref)
                    if point is None:
                        return None
                    point = self._not_before_range_start(c, point)
                elif c.kind == "weekday":
                    point = self._weekday(c, ref)
                else:
                    assert c.unit is not None
                    if c.follow_quarter and ref.grain == "quarter" and ref is self.last_quarter:
                        grain = "quarter"
                    amount = c.amount
                    if self._week_ahead_on_sunday(c, ref):
                        amount = 1  # a Sunday paper's "later this week" is the week that starts the next day
                    if c.unit == "weekend" and amount > 0 and c.relative_to == "previous" and ref.date.isoweekday() <= 5:
                        amount -= 1  # "opened on Friday ... the following weekend": the first weekend after that day
                    point = cal.shift(ref.date, c.unit, amount)
                    if c.unit == "season" and ref.season:
                        grain = "season"
                    if c.holiday is not None and c.holiday.month is None:  # "the first Monday of next month"
                        point = cal.holiday_date(c.holiday.model_copy(update={"month": point.month}), point.year)
        if c.kind != "fixed":
            if point is None:
                value = _unresolved(c, grain)
            else:
                g = grain or "day"
                value = format_value(point, g, season=c.season, pod=c.pod, hour=c.hour, minute=c.minute)
                first, last = cal.period(point, g, c.season)
                interval = Interval(first=first, last=last)
                self.last_named = Ref(point, g, tid, c.season)
                if not _deadline_ahead(c, first, self.pub):  # "to be completed by [Jan. 10]" is no point of the story
                    self.prev = Ref(point, g, tid, c.season)
                    self.prev_end = c.end
                    self.prev_minute = c.hour * 60 + (c.minute or 0) if c.hour is not None else None
                if g == "quarter" and not c.follow_quarter and c.kind != "quarter_ctx" and self.last_quarter is None:
                    # results news: the first quarter named is the one reported; later mentions ("after a flat second
                    # quarter", "expects the fourth quarter to ...") are asides and do not move the context. A quarter
                    # of another year ("the third quarter of 1984") is history, not the context.
                    if c.year is None or self.pub is None or abs(c.year - self.pub.date.year) <= 1:
                        self.last_quarter = self.prev
                if g == "quarter":
                    self.named_quarter = self.prev
        return self._expression(c, tid, value, grain, interval, anchor, resolved)


def _unresolved(c: Candidate, grain: str | None) -> str:
    """The X-placeholder value of a candidate that cannot be anchored; a fixed-date holiday keeps its month and day."""
    if c.holiday is not None and c.holiday.month is not None and c.holiday.day is not None:
        return f"XXXX-{c.holiday.month:02d}-{c.holiday.day:02d}"
    return unresolved_value(grain, month=c.month, day=c.day, quarter=c.quarter, half=c.half, season=c.season,
                            weekday=c.weekday, pod=c.pod, hour=c.hour, minute=c.minute)
