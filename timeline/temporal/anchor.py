"""Anchor candidates to the publication date or to the previous time, then format them as TimeExpressions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.models import Granularity, Interval, TimeExpression, TimexType
from timeline.temporal import calendar as cal
from timeline.temporal.candidate import Candidate
from timeline.temporal.cues import direction as tense_direction
from timeline.temporal.lexicon import Lexicon
from timeline.temporal.timex3 import format_value, unresolved_value

#: Default direction for a bare weekday with no tense cue: news mostly reports what happened, so the past
#: (on or before the reference). In narrative mode a bare weekday follows the previous time (the future of it).
WEEKDAY_DEFAULT_NEWS = -1
WEEKDAY_DEFAULT_NARRATIVE = 1
#: A bare month/quarter/season/holiday with no tense cue takes the occurrence nearest to the reference (news), or the
#: reference's own year (narrative).


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


class Resolver:
    def __init__(self, lex: Lexicon, text: str, pub_date: dt.date | None, narrative: bool) -> None:
        self.lex = lex
        self.text = text
        self.pub = Ref(pub_date, "day", "pub_date") if pub_date is not None else None
        self.narrative = narrative
        self.prev: Ref | None = None

    # ---- reference selection ----
    def _reference(self, c: Candidate) -> Ref | None:
        if c.relative_to == "previous":
            return self.prev or self.pub
        if c.relative_to == "auto":
            if self.prev is not None and self.prev.grain == c.unit:
                c.amount = 0
                return self.prev
            return self.pub
        if c.kind in {"partial", "weekday"} or c.relative_to == "auto_day":
            if self.narrative and self.prev is not None:
                return self.prev
            return self.pub
        if c.follow_quarter and self.prev is not None and self.prev.grain == "quarter":
            return self.prev
        return self.pub

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
        direction = self._direction(c, 0 if self.narrative else None)
        r = ref.date
        best: dt.date | None = None
        if direction == 0 or direction is None:
            years = [r.year] if direction == 0 else [r.year - 1, r.year, r.year + 1]
        elif direction < 0:
            years = [r.year, r.year - 1]
        else:
            years = [r.year, r.year + 1]
        best_key: tuple[int, int] | None = None
        for y in years:
            d = self._fields_date(c, y)
            if d is None:
                continue
            first, last = cal.period(d, c.grain if c.grain != "part_of_day" else "day", c.season)
            if direction is not None and direction < 0:
                ok = last < r if c.strict else first <= r
                if ok:
                    return d
                continue
            if direction is not None and direction > 0:
                ok = first > r if c.strict else last >= r
                if ok:
                    return d
                continue
            if direction == 0:
                return d
            dist = 0 if first <= r <= last else min(abs((first - r).days), abs((last - r).days))
            key = (dist, abs(y - r.year))
            if best_key is None or key < best_key:
                best, best_key = d, key
        return best

    def _weekday(self, c: Candidate, ref: Ref) -> dt.date:
        default = WEEKDAY_DEFAULT_NARRATIVE if self.narrative else WEEKDAY_DEFAULT_NEWS
        direction = self._direction(c, default)
        assert c.weekday is not None
        return cal.weekday_near(ref.date, c.weekday, direction if direction is not None else default, c.strict)

    def resolve(self, c: Candidate, tid: str) -> TimeExpression | None:
        value: str
        interval: Interval | None = None
        anchor: str | None = None
        resolved = True
        grain = c.grain
        point: dt.date | None = None
        if c.kind == "fixed":
            value = c.value or ""
        elif c.kind == "absolute":
            assert c.year is not None
            point = self._fields_date(c, c.year)
            if point is None:
                return None
        else:
            ref = self._reference(c)
            if ref is None:
                resolved = False
                point = None
            else:
                anchor = ref.anchor
                if c.kind == "partial":
                    point = self._partial(c, ref)
                    if point is None:
                        return None
                elif c.kind == "weekday":
                    point = self._weekday(c, ref)
                else:
                    assert c.unit is not None
                    if c.follow_quarter and ref.grain == "quarter" and ref is self.prev:
                        grain = "quarter"
                    point = cal.shift(ref.date, c.unit, c.amount)
                    if c.unit == "season" and ref.season:
                        grain = "season"
        if c.kind != "fixed":
            if point is None:
                value = unresolved_value(grain, month=c.month, day=c.day, quarter=c.quarter, half=c.half, season=c.season,
                                         weekday=c.weekday, pod=c.pod, hour=c.hour, minute=c.minute)
                if c.holiday is not None and c.holiday.month is not None and c.holiday.day is not None:
                    value = f"XXXX-{c.holiday.month:02d}-{c.holiday.day:02d}"
            else:
                g = grain or "day"
                value = format_value(point, g, season=c.season, pod=c.pod, hour=c.hour, minute=c.minute)
                first, last = cal.period(point, g, c.season)
                interval = Interval(first=first, last=last)
                self.prev = Ref(point, g, tid, c.season)
        return TimeExpression(
            id=tid, start=c.start, end=c.end, text=self.text[c.start : c.end], type=TimexType(c.type), value=value,
            mod=c.mod, granularity=Granularity(grain) if grain else None, interval=interval, quant=c.quant, freq=c.freq,
            anchor=anchor, resolved=resolved, range_end=None, rule=c.rule,
        )
