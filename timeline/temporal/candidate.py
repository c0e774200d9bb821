"""A candidate temporal expression: what the text says, before it is anchored and formatted."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.temporal.lexicon import Holiday


@dataclass(slots=True)
class Candidate:
    """Parsed components of one match.

    kind says how it resolves:
      absolute  - every field it needs is stated (year known)
      partial   - the year is missing ("April 10", "the second quarter"): chosen by direction
      weekday   - a bare or relative weekday: chosen by direction
      offset    - `amount` `unit`s from a reference (the DCT or, relative_to="previous", the previous time)
      fixed     - `value` is final (durations, sets, PRESENT_REF ...)
      quarter_ctx - a fiscal period named against the quarter under discussion ("the year-ago quarter",
                  "last year's quarter", "the 1988 period"): quarter None means the quarter in context
    """

    start: int
    end: int
    rule: str
    order: int
    type: str
    kind: str
    grain: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: int | None = None
    century: int | None = None
    weekday: int | None = None
    holiday: Holiday | None = None
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    unit: str | None = None
    amount: int = 0
    relative_to: str = "dct"
    direction: int | None = None
    strict: bool = False
    follow_quarter: bool = False
    value: str | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    range_end: int | None = None
    year_offset: int | None = None
    year_base: str = "dct"
    ended_by: Candidate | None = None
    day_from: Candidate | None = None  # "10:35 a.m. (0735 GMT) Friday": the day named after a clock time
    later: int | None = None  # "[two days] later": a duration counted on this many `unit`s from the previous time
    offset: str | None = None  # the words after a duration that make it an offset, not a length ("later", "after the shooting")
    ahead: bool = False  # ... or, "in [two weeks]" with a future cue, from the publication date
    range_from: Candidate | None = None  # the start of the range this candidate ends ("from Nov. 21 to [Nov. 24]")
    coord_from: Candidate | None = None  # the weekday this one is coordinated after ("on Monday and [Tuesday]")
