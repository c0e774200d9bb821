"""Typed models at the stage boundaries.

These are the public data shapes: the Python API returns them and the JSON export is
exactly ``Timeline.model_dump(mode="json")``. Every time and event carries ``start``/``end``
character offsets into the text as read (``text[start:end] == item.text``).

Bump ``SCHEMA_VERSION`` (and note it in the README) whenever a field is renamed or removed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(StrEnum):
    """How fine a time is: the finest unit the text states (or that resolution implies)."""

    MILLENNIUM = "millennium"
    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    WEEKEND = "weekend"
    DAY = "day"
    PART_OF_DAY = "part_of_day"
    HOUR = "hour"
    MINUTE = "minute"
    SECOND = "second"


class Interval(BaseModel):
    """The days a time denotes: first and last day, both inclusive."""

    model_config = ConfigDict(frozen=True)

    first: dt.date
    last: dt.date


class TimeExpression(BaseModel):
    """A temporal expression found in the text and its TIMEX3 normalization."""

    id: str = Field(description="'t1', 't2', ... in document order")
    start: int = Field(description="character offset of the first character")
    end: int = Field(description="character offset just past the last character")
    text: str
    type: TimexType
    value: str = Field(description="TIMEX3 value: 2024-04-10, 2024-W15, 2024-Q2, P10Y, XXXX-WXX-1, PRESENT_REF ...")
    mod: str | None = Field(default=None, description="TIMEX3 mod: BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER, START, MID, END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE")
    granularity: Granularity | None = None
    interval: Interval | None = Field(default=None, description="first and last day denoted, where the value resolves to calendar days")
    quant: str | None = Field(default=None, description="TIMEX3 quant for SETs ('EVERY', 'EACH')")
    freq: str | None = Field(default=None, description="TIMEX3 freq for SETs ('2X')")
    anchor: str | None = Field(default=None, description="what a relative value was resolved against: 'pub_date', or the id of the previous time; null for absolute times")
    resolved: bool = Field(default=True, description="false when a relative time could not be resolved (no publication date)")
    range_end: str | None = Field(default=None, description="id of the time that ends a range this one starts ('from March 3 to March 5')")
    leads_to: Interval | None = Field(default=None, description="a DURATION counted on from the previous time ('[two days] later') or, looking ahead, from the publication date ('will reopen in [three months]'): the days it leads to; anchor is that time's id or 'pub_date'")
    offset: str | None = Field(default=None, description="the words right after a DURATION that make it an offset from another time or event rather than a length: 'later' ('[hours] later'), 'after the shooting' ('[three days] after the shooting'); the value stays the TimeML duration")
    rule: str = Field(description="name of the rule that produced it")


class Factuality(StrEnum):
    HAPPENED = "happened"
    ONGOING = "ongoing"
    PLANNED = "planned"
    EXPECTED = "expected"
    POSSIBLE = "possible"
    NEGATED = "negated"
    REPORTED = "reported"
    HYPOTHETICAL = "hypothetical"


class EventClass(StrEnum):
    OCCURRENCE = "OCCURRENCE"
    REPORTING = "REPORTING"
    STATE = "STATE"
    I_ACTION = "I_ACTION"
    I_STATE = "I_STATE"
    ASPECTUAL = "ASPECTUAL"
    PERCEPTION = "PERCEPTION"


class Event(BaseModel):
    """An event the article reports: its trigger word, a readable clause and its factuality."""

    id: str = Field(description="'e1', 'e2', ... in document order")
    start: int = Field(description="offset of the trigger's first character")
    end: int = Field(description="offset just past the trigger")
    text: str = Field(description="the trigger as written")
    lemma: str
    pos: str = Field(description="coarse part of speech of the trigger: VERB, NOUN, ADJ, OTHER")
    description: str = Field(description="a short readable clause: who did what")
    sentence_start: int
    sentence_end: int
    factuality: Factuality
    event_class: EventClass = Field(alias="class", description="TimeML event class")
    tense: str = Field(description="TimeML tense: PAST, PRESENT, FUTURE, INFINITIVE, PRESPART, PASTPART, NONE")
    aspect: str = Field(default="NONE", description="TimeML aspect: PROGRESSIVE, PERFECTIVE, PERFECTIVE_PROGRESSIVE, NONE")
    polarity: Literal["POS", "NEG"] = "POS"
    modality: str | None = Field(default=None, description="the modal or cue word ('may', 'set to', 'expected')")
    rule: str = Field(description="how it was found")

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)


class Relation(StrEnum):
    """How an event relates to the time it is anchored to."""

    ON = "on"  # happens at/within the time ("on April 10", "in April")
    BEFORE = "before"
    AFTER = "after"
    FROM = "from"  # starts at the time ("as early as April", "since 2001")
    UNTIL = "until"  # ends by the time ("by the end of the year")
    DURING = "during"  # lasts for the duration


class AnchorKind(StrEnum):
    TIME = "time"  # an explicit temporal expression
    PUB_DATE = "pub_date"  # only related to the publication date
    NONE = "none"  # nothing to anchor to (no publication date, no time)


class TimelineEntry(BaseModel):
    """One event placed on the timeline."""

    event_id: str
    time_id: str | None = Field(description="the time it is anchored to; null when anchored to the publication date")
    anchor: AnchorKind
    relation: Relation
    value: str | None = Field(description="TIMEX3 value of the anchor (the publication date for pub_date anchors)")
    mod: str | None = None
    granularity: Granularity | None = None
    sort_date: dt.date | None = Field(description="the date it sorts by: the first day of the anchor's interval, or of its middle or last third for a MID or END modifier ('mid-June', 'late 2024')")
    interval: Interval | None = None
    display: str = Field(description="the date as shown: '2024-04-10', '2024-04 or later', 'before 2024-03-19', 'week of 2024-09-09'")
    evidence: str | None = Field(description="the words that tie the event to its time")
    selected: bool = Field(description="shown in the default table (anchored to an explicit time, or a main event of the lead)")
    rule: str = Field(description="the linking rule that produced the anchor")


PubDateSource = Literal["cli", "text", "metadata", "none"]


class DocumentInfo(BaseModel):
    source: str | None = Field(default=None, description="path or id the text came from")
    pub_date: dt.date | None
    pub_date_source: PubDateSource
    length: int = Field(description="characters in the text as read")


class PipelineInfo(BaseModel):
    spacy_model: str = Field(description="the spaCy pipeline used ('blank:en' when none was available)")
    degraded: bool = Field(description="true when events come from a blank pipeline (no tagger or parser)")
    version: str


class Timeline(BaseModel):
    """The whole result for one document. ``model_dump(mode='json')`` is the JSON export."""

    schema_version: str = SCHEMA_VERSION
    document: DocumentInfo
    pipeline: PipelineInfo
    text: str = Field(description="the text as read: every offset points into it")
    times: list[TimeExpression]
    events: list[Event]
    timeline: list[TimelineEntry] = Field(description="entries sorted by date, every event once")
    warnings: list[str] = Field(default_factory=list)

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)
