"""timeml: TimeML 1.2.1 (TIMEX3, EVENT, MAKEINSTANCE, TLINK, the DCT as CREATION_TIME) via ``timeline.timeml``."""

from __future__ import annotations

from ..errors import OutputError
from ..models import Timeline
from ..timeml import to_timeml
from .base import Chunk, StreamRenderer
from .common import doc_label


def doc_id(timeline: Timeline) -> str:
    """The DOCID written: the file name without its suffix, or the manifest id."""
    label = doc_label(timeline)
    return label.rsplit(".", 1)[0] if "." in label else label


class TimemlRenderer(StreamRenderer):
    """One TimeML document. Several documents need ``--output DIR`` (one ``.tml`` file each)."""

    def begin(self) -> list[Chunk]:
        if self.options.many:
            raise OutputError("timeml holds one document: write several with --output DIR (one .tml file each)")
        return []

    def add(self, timeline: Timeline) -> list[Chunk]:
        return [to_timeml(timeline, doc_id=doc_id(timeline))]
