"""A spaCy pipeline component for users who already run spaCy: ``nlp.add_pipe("timeline")``.

    >>> import spacy, timeline.spacy_component                 # registers the factory
    >>> nlp = spacy.load("en_core_web_sm")
    >>> nlp.add_pipe("timeline", config={"pub_date": "2024-03-19"})
    >>> doc = nlp(text)
    >>> doc._.timeline_entries[0]["display"], doc._.timeline_times[0]["value"]

It runs the same stages as :class:`timeline.Extractor` on the Doc the pipeline has already
parsed (no second parse): temporal tagging of ``doc.text``, events from the Doc, anchoring,
ordering. Results are stored as plain JSON-ready data (lists of dicts, as in the JSON export) in
``Doc._`` extensions prefixed ``timeline_``: ``timeline_times``, ``timeline_events``,
``timeline_entries``, ``timeline_pub_date`` and ``timeline_warnings``. A Doc whose
``timeline_pub_date`` is already set (``Doc.set_extension`` defaults to None) keeps that date.
The component is entry-point free: importing ``timeline.spacy_component`` registers it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .document import Region, body_regions, parse_pub_date
from .models import Event, TimeExpression

EXTENSIONS = ("timeline_times", "timeline_events", "timeline_entries", "timeline_pub_date", "timeline_warnings")


def register_extensions() -> None:
    """Add the ``Doc._.timeline_*`` attributes once (guarded: safe to call again)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class TimelineComponent:
    """Puts times, events and the sorted timeline entries of each Doc on ``Doc._``."""

    def __init__(self, nlp: Language, name: str, pub_date: str | None, narrative: bool, body_only: bool) -> None:
        from .events import EventExtractor
        from .linking import Linker
        from .temporal import TemporalTagger

        register_extensions()
        self.name = name
        self.pub_date = parse_pub_date(pub_date)
        self.narrative = narrative
        self.body_only = body_only
        self.tagger = TemporalTagger()
        self.events = EventExtractor()
        self.linker = Linker()

    def __call__(self, doc: Doc) -> Doc:
        from .ordering import make_entries

        given = doc._.timeline_pub_date
        pub = parse_pub_date(given) if given else self.pub_date
        text = doc.text
        body: list[Region] = body_regions(text) if self.body_only else [(0, len(text))]
        times = [t for t in self.tagger.tag(text, pub, narrative=self.narrative)
                 if any(s <= t.start and t.end <= e for s, e in body)]
        events = self.events.extract(doc, regions=body)
        links = self.linker.link(doc, events, times, has_pub_date=pub is not None)
        entries = make_entries(events, links, {t.id: t for t in times}, pub, lead_end=_lead_end(text, body))
        doc._.timeline_pub_date = pub.isoformat() if pub else None
        doc._.timeline_times = [_plain(t) for t in times]
        doc._.timeline_events = [_plain(e) for e in events]
        doc._.timeline_entries = [e.model_dump(mode="json") for e in entries]
        unresolved = sum(1 for t in times if not t.resolved)
        doc._.timeline_warnings = ([f"no publication date: {unresolved} relative time(s) left unresolved"]
                                   if pub is None and unresolved else [])
        return doc


def _plain(item: TimeExpression | Event) -> dict[str, Any]:
    return item.model_dump(mode="json", by_alias=True)


def _lead_end(text: str, body: list[Region]) -> int:
    """End of the lead: the first body paragraph with a sentence in it (as the Extractor does)."""
    for start, end in body:
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl == -1 else nl
            if len(text[pos:stop].strip()) > 60:
                return stop
            pos = stop + 1
    return 0


@Language.factory(
    "timeline",
    default_config={"pub_date": None, "narrative": False, "body_only": True},
)
def make_timeline_component(
    nlp: Language, name: str, pub_date: str | None, narrative: bool, body_only: bool
) -> TimelineComponent:
    return TimelineComponent(nlp, name, pub_date, narrative, body_only)


def pub_date_of(doc: Doc) -> dt.date | None:
    """The publication date the component used for ``doc``."""
    value = doc._.timeline_pub_date if Doc.has_extension("timeline_pub_date") else None
    return dt.date.fromisoformat(value) if value else None
