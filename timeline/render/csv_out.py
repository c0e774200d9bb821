"""csv: one row per timeline entry, with the document, the date, the event and the evidence."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from ..models import Timeline
from ..stream import StreamedTimeline
from .base import BLOCK_LINES, Chunk, StreamRenderer, pieces_or_whole
from .common import iter_rows, one_line, sentence


COLUMNS: tuple[str, ...] = (
    "document", "pub_date", "sort_date", "first_day", "last_day", "display", "value", "granularity", "mod",
    "relation", "anchor", "time_id", "time_text", "event_id", "event_text", "description", "factuality",
    "class", "tense", "polarity", "selected", "evidence", "sentence", "rule",
)


class CsvRenderer(StreamRenderer):
    """A header row, then every entry of every document (spreadsheet-friendly, RFC 4180 quoting)."""

    streams = True

    def begin(self) -> list[Chunk]:
        return [_line(COLUMNS)]

    def add(self, timeline: Timeline | StreamedTimeline) -> Iterable[Chunk]:  # type: ignore[override]
        return pieces_or_whole(timeline, self._lines(timeline))

    def _lines(self, timeline: Timeline | StreamedTimeline) -> Iterator[str]:
        doc = timeline.document
        out: list[str] = []
        for row in iter_rows(timeline):
            e, ev, t = row.entry, row.event, row.time
            out.append(_line((
                doc.source or "",
                doc.pub_date.isoformat() if doc.pub_date else "",
                e.sort_date.isoformat() if e.sort_date else "",
                e.interval.first.isoformat() if e.interval else "",
                e.interval.last.isoformat() if e.interval else "",
                e.display,
                e.value or "",
                e.granularity.value if e.granularity else "",
                e.mod or "",
                e.relation.value,
                e.anchor.value,
                e.time_id or "",
                t.text if t else "",
                ev.id,
                ev.text,
                ev.description,
                ev.factuality.value,
                ev.event_class.value,
                ev.tense,
                ev.polarity,
                "true" if e.selected else "false",
                e.evidence or "",
                one_line(sentence(timeline, ev)),
                e.rule,
            )))
            if len(out) >= BLOCK_LINES:
                yield "".join(out)
                out = []
        if out:
            yield "".join(out)


def _line(values: tuple[str, ...]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue()
