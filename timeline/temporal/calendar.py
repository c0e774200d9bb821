"""Pure calendar arithmetic: shifting by units, period bounds, weekdays, holidays (facts, no clock)."""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from timeline.temporal.lexicon import Holiday

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(d: dt.date, n: int) -> dt.date:
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    if not 1 <= y <= 9999:
        raise OverflowError(f"year {y} is out of range")  # as date + timedelta does; the resolver leaves it unresolved
    day = min(d.day, _cal.monthrange(y, m + 1)[1])
    return dt.date(y, m + 1, day)


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """d moved by n units (day, week, weekend, fortnight, month, quarter, half, year, decade, century)."""
    if n == 0:
        return d
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in {"week", "weekend"}:
        return d + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return d + dt.timedelta(weeks=2 * n)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        return d
    return add_months(d, months * n)


#: the grains of one day or finer: their period is the day itself
DAY_GRAINS = frozenset({"day", "part_of_day", "hour", "minute", "second"})


def period(d: dt.date, grain: str, season: str | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of the period of `grain` that contains d."""
    y = d.year
    if grain in DAY_GRAINS:
        return d, d
    if grain == "week":
        first = d - dt.timedelta(days=d.isoweekday() - 1)
        return first, first + dt.timedelta(days=6)
    if grain == "weekend":
        sat = d - dt.timedelta(days=d.isoweekday() - 1) + dt.timedelta(days=5)
        return sat, sat + dt.timedelta(days=1)
    if grain == "month":
        return dt.date(y, d.month, 1), dt.date(y, d.month, _cal.monthrange(y, d.month)[1])
    if grain == "quarter":
        q0 = 3 * ((d.month - 1) // 3) + 1
        return dt.date(y, q0, 1), add_months(dt.date(y, q0, 1), 3) - dt.timedelta(days=1)
    if grain == "half":
        h0 = 1 if d.month <= 6 else 7
        return dt.date(y, h0, 1), add_months(dt.date(y, h0, 1), 6) - dt.timedelta(days=1)
    if grain == "season":
        code = season or season_of(d)
        m0 = SEASON_START[code]
        start = dt.date(y if d.month >= m0 or code != "WI" else y - 1, m0, 1)
        return start, add_months(start, 3) - dt.timedelta(days=1)
    if grain == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if grain == "decade":
        y0 = y - y % 10
        return dt.date(y0, 1, 1), dt.date(y0 + 9, 12, 31)
    if grain == "century":
        y0 = y - y % 100
        return dt.date(max(1, y0), 1, 1), dt.date(y0 + 99, 12, 31)
    return d, d


def season_of(d: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(h: Holiday, year: int) -> dt.date:
    return _holiday_day(h, year) + dt.timedelta(days=h.days_after)


def _holiday_day(h: Holiday, year: int) -> dt.date:
    if h.easter is not None:
        return easter(year) + dt.timedelta(days=h.easter)
    assert h.month is not None
    if h.day is not None:
        return dt.date(year, h.month, h.day)
    assert h.weekday is not None and h.nth is not None
    if h.nth > 0:
        first = dt.date(year, h.month, 1)
        delta = (h.weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=delta + 7 * (h.nth - 1))
    last = dt.date(year, h.month, _cal.monthrange(year, h.month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - h.weekday) % 7)


def weekday_near(ref: dt.date, weekday: int, direction: int, strict: bool) -> dt.date:
    """The weekday (1=Monday) relative to ref: past (-1), future (+1) or in ref's ISO week (0).

    Past, not strict: on or before ref. Past, strict ("last Friday"): before ref. Future, not strict: on or after ref
    (wire copy names the day of publication by its weekday: "the trial starts Monday" on a Monday is that day).
    Future, strict ("next Friday"): after ref.
    """
    cur = ref.isoweekday()
    if direction == 0:
        return ref + dt.timedelta(days=weekday - cur)
    if direction < 0:
        delta = (cur - weekday) % 7
        if strict and delta == 0:
            delta = 7
        return ref - dt.timedelta(days=delta)
    delta = (weekday - cur) % 7
    if strict and delta == 0:
        delta = 7
    return ref + dt.timedelta(days=delta)
