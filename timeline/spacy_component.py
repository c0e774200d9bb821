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
from spacy.language import Language
from spacy.tokens import Doc

from .document import parse_pub_date

EXTENSIONS = ("timeline_times", "timeline_events", "timeline_entries", "timeline_pub_date", "timeline_warnings")


def register_extensions() -> None:
    """Add the ``Doc._.timeline_*`` attributes once (guarded: safe to call again)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class TimelineComponent:
    """Puts times, events and the sorted timeline entries of each Doc on ``Doc._``."""

    def __init__(self, nlp: Language, name: str, pub_date: str | None, narrative: bool, body_only: bool) -> None:
        from .api import Extractor

        register_extensions()
        self.name = name
        self.pub_date = parse_pub_date(pub_date)
        self.body_only = body_only
        # the stages run on the host pipeline's Doc; the extractor's own pipeline (blank) is never used to parse
        self.extractor = Extractor("blank", narrative=narrative)

    def __call__(self, doc: Doc) -> Doc:
        given = doc._.timeline_pub_date
        pub = parse_pub_date(given) if given else self.pub_date
        regions = None if self.body_only else [(0, len(doc.text))]
        tl = self.extractor.build_doc(doc, pub_date=pub, regions=regions)
        doc._.timeline_pub_date = pub.isoformat() if pub else None
        doc._.timeline_times = [t.model_dump(mode="json") for t in tl.times]
        doc._.timeline_events = [e.model_dump(mode="json") for e in tl.events]
        doc._.timeline_entries = [e.model_dump(mode="json") for e in tl.timeline]
        doc._.timeline_warnings = list(tl.warnings)
        return doc


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
