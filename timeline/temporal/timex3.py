"""TIMEX3 value strings: the only module that formats them."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.calendar import DAY_GRAINS, season_of

#: Valid TIMEX3 values this tagger writes (used by the tests).
VALUE_SYNTAX = re.compile(
    r"""^(?:
      (?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?
    | (?:\d{4}|XXXX)-(?:W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?|WXX-[1-7](?:T(?:MO|AF|EV|NI))?|Q[1-4X]|H[12X]|SP|SU|FA|WI)
    | XXXX-XX-XXT(?:MO|AF|EV|NI)
    | \d{2,3}|XXX?|BC\d{4}
    | P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE)
    | P\d+Y\d+M|P\d+M\d+D|P\d+DT\d+H
    | PT(?:\d+(?:\.\d+)?|X)(?:H|M|S)
    | PT\d+H\d+M|PT\d+M\d+S
    | PRESENT_REF|PAST_REF|FUTURE_REF
    )$""",
    re.VERBOSE,
)


def format_value(d: dt.date, grain: str, *, season: str | None = None, pod: str | None = None,
                 hour: int | None = None, minute: int | None = None) -> str:
    """The TIMEX3 value of the period of `grain` containing d."""
    y = d.year
    if grain == "century":
        return f"{y // 100:02d}"
    if grain == "decade":
        return f"{y // 10:03d}"
    if grain == "year":
        return f"{y:04d}"
    if grain == "half":
        return f"{y:04d}-H{1 if d.month <= 6 else 2}"
    if grain == "quarter":
        return f"{y:04d}-Q{(d.month - 1) // 3 + 1}"
    if grain == "season":
        return f"{y:04d}-{season or season_of(d)}"
    if grain == "month":
        return f"{y:04d}-{d.month:02d}"
    if grain in {"week", "weekend"}:
        iy, iw, _ = d.isocalendar()
        return f"{iy:04d}-W{iw:02d}" + ("-WE" if grain == "weekend" else "")
    day = d.isoformat()
    if grain == "part_of_day" and pod:
        return f"{day}T{pod}"
    if grain in {"hour", "minute", "second"} and hour is not None:
        return f"{day}T{hour:02d}:{minute or 0:02d}"
    return day


def unresolved_value(grain: str | None, *, month: int | None = None, day: int | None = None, quarter: int | None = None,
                     half: int | None = None, season: str | None = None, weekday: int | None = None, pod: str | None = None,
                     hour: int | None = None, minute: int | None = None) -> str:
    """The X-placeholder form for a time that cannot be anchored (no publication date): XXXX-04-10, XXXX-XX ..."""
    if weekday is not None and month is None:
        base = f"XXXX-WXX-{weekday}"
        return base + (f"T{pod}" if pod else "")
    if quarter is not None:
        return f"XXXX-Q{quarter}"
    if half is not None:
        return f"XXXX-H{half}"
    if season is not None:
        return f"XXXX-{season}"
    if month is not None:
        base = f"XXXX-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    else:
        base = {"century": "XX", "decade": "XXX", "year": "XXXX", "half": "XXXX-HX", "quarter": "XXXX-QX",
                "season": "XXXX-XX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE"}.get(grain or "day", "XXXX-XX-XX")
        if grain is not None and grain not in DAY_GRAINS:
            return base
    if pod:
        return f"{base}T{pod}"
    if hour is not None:
        return f"{base}T{hour:02d}:{minute or 0:02d}"
    return base
