"""timeline: event timelines from news articles.

>>> import timeline
>>> tl = timeline.build(text, pub_date="2024-03-19")       # one document
>>> extractor = timeline.Extractor()                        # many documents: load spaCy once
>>> tl = extractor.build(text, pub_date="2024-03-19")
>>> tl.model_dump(mode="json")                              # the JSON export
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from .errors import (
    InputError,
    InvalidDateError,
    ModelLoadError,
    OutputError,
    RuleFileError,
    TimelineError,
)
from .models import (
    SCHEMA_VERSION,
    AnchorKind,
    DocumentInfo,
    Event,
    EventClass,
    Factuality,
    Granularity,
    Interval,
    PipelineInfo,
    Relation,
    TimeExpression,
    Timeline,
    TimelineEntry,
    TimexType,
)
from .stream import StreamedTimeline

if TYPE_CHECKING:  # the pipeline imports spaCy: loaded on first use, so `timeline tag` and models stay light
    from .api import Extractor, build


def __getattr__(name: str) -> Any:
    if name in ("Extractor", "build"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "AnchorKind",
    "DocumentInfo",
    "Event",
    "EventClass",
    "Extractor",
    "Factuality",
    "Granularity",
    "InputError",
    "Interval",
    "InvalidDateError",
    "ModelLoadError",
    "OutputError",
    "PipelineInfo",
    "Relation",
    "RuleFileError",
    "StreamedTimeline",
    "TimeExpression",
    "Timeline",
    "TimelineEntry",
    "TimelineError",
    "TimexType",
    "__version__",
    "build",
]
