"""csv: one row per timeline entry, with the document, the date, the event and the evidence."""

from __future__ import annotations

import csv
import io

from ..models import Timeline
from .base import Chunk, StreamRenderer
from .common import one_line, rows, sentence

COLUMNS: tuple[str, ...] = (
    "document", "pub_date", "sort_date", "first_day", "last_day", "display", "value", "granularity", "mod",
    "relation", "anchor", "time_id", "time_text", "event_id", "event_text", "description", "factuality",
    "class", "tense", "polarity", "selected", "evidence", "sentence", "rule",
)


class CsvRenderer(StreamRenderer):
    """A header row, then every entry of every document (spreadsheet-friendly, RFC 4180 quoting)."""

    def begin(self) -> list[Chunk]:
        return [_line(COLUMNS)]

    def add(self, timeline: Timeline) -> list[Chunk]:
        doc = timeline.document
        out: list[str] = []
        for row in rows(timeline):
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
        return ["".join(out)] if out else []


def _line(values: tuple[str, ...]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue()
