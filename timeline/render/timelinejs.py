"""timelinejs: the TimelineJS3 JSON format (``events`` of slides with ``start_date``/``end_date``).

Dates keep their precision: a month-grain entry becomes ``{"year": "2024", "month": "4"}`` with no
day, a year ``{"year": "2024"}``; quarters, seasons, weeks and decades get an ``end_date`` as
well. Entries with no calendar date (unresolved, no publication date) have no place on a
TimelineJS axis and are left out; the title slide says how many.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..models import Granularity, Interval, Timeline, TimelineEntry
from .base import CollectRenderer
from .common import Row, doc_label, highlight_segments, rows

#: grains written as year, year-month, or full dates (with an end_date when the span is longer)
_YEAR_GRAINS = {Granularity.YEAR, Granularity.DECADE, Granularity.CENTURY, Granularity.MILLENNIUM}
_MONTH_GRAINS = {Granularity.MONTH, Granularity.QUARTER, Granularity.HALF, Granularity.SEASON}
_TIME_OF_DAY = re.compile(r"T(\d{2})(?::(\d{2}))?(?::(\d{2}))?")


def tl_dates(entry: TimelineEntry) -> tuple[dict[str, str], dict[str, str] | None] | None:
    """The TimelineJS ``start_date`` and ``end_date`` (or None) of an entry; None when it has no date."""
    interval = entry.interval
    if interval is None:
        if entry.sort_date is None:
            return None
        interval = Interval(first=entry.sort_date, last=entry.sort_date)
    grain = entry.granularity
    first, last = interval.first, interval.last
    if grain in _YEAR_GRAINS:
        start = {"year": str(first.year)}
        end = {"year": str(last.year)} if last.year != first.year else None
        return start, end
    if grain in _MONTH_GRAINS:
        start = {"year": str(first.year), "month": str(first.month)}
        same = (last.year, last.month) == (first.year, first.month)
        return start, None if same else {"year": str(last.year), "month": str(last.month)}
    start = {"year": str(first.year), "month": str(first.month), "day": str(first.day)}
    if first == last:
        match = _TIME_OF_DAY.search(entry.value or "")
        if match:
            start["hour"] = str(int(match[1]))
            if match[2]:
                start["minute"] = str(int(match[2]))
            if match[3]:
                start["second"] = str(int(match[3]))
        return start, None
    return start, {"year": str(last.year), "month": str(last.month), "day": str(last.day)}


def _sentence_html(tl: Timeline, row: Row) -> str:
    parts = []
    for text, kind in highlight_segments(tl, row):
        esc = html.escape(text.replace("\n", " "))
        parts.append(f"<mark>{esc}</mark>" if kind else esc)
    return "".join(parts).strip()


def slides(tl: Timeline, *, group_by_document: bool = False) -> tuple[list[dict[str, Any]], int]:
    """The TimelineJS slides of one document, and how many entries had no date."""
    out: list[dict[str, Any]] = []
    undated = 0
    label = doc_label(tl)
    for row in rows(tl):
        dates = tl_dates(row.entry)
        if dates is None:
            undated += 1
            continue
        start, end = dates
        slide: dict[str, Any] = {
            "start_date": start,
            "text": {
                "headline": html.escape(row.event.description),
                "text": _sentence_html(tl, row) + f"<p><small>{html.escape(row.event.factuality.value)}"
                        + (f" · evidence: {html.escape(row.entry.evidence)}" if row.entry.evidence else "")
                        + "</small></p>",
            },
            "display_date": row.entry.display,
            "group": label if group_by_document else row.event.factuality.value,
            "unique_id": f"{_slug(label)}-{row.event.id}" if group_by_document else row.event.id,
            "autolink": False,
        }
        if end is not None:
            slide["end_date"] = end
        out.append(slide)
    return out, undated


def to_timelinejs(timelines: list[Timeline], *, title: str | None = None) -> dict[str, Any]:
    """A TimelineJS3 data object for one or several documents (grouped by document when several)."""
    many = len(timelines) > 1
    events: list[dict[str, Any]] = []
    undated = 0
    for tl in timelines:
        found, missing = slides(tl, group_by_document=many)
        events.extend(found)
        undated += missing
    if title is None:
        title = "Timeline" if many or not timelines else f"Timeline: {doc_label(timelines[0])}"
    lines = []
    for tl in timelines:
        pub = tl.document.pub_date.isoformat() if tl.document.pub_date else "unknown"
        lines.append(f"{html.escape(doc_label(tl))}: published {pub} ({tl.document.pub_date_source})")
    if undated:
        lines.append(f"{undated} event(s) without a calendar date are not shown")
    return {
        "title": {"text": {"headline": html.escape(title), "text": "<br>".join(lines)}},
        "events": events,
        "scale": "human",
    }


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "doc"


class TimelinejsRenderer(CollectRenderer):
    def finish(self, timelines: list[Timeline]) -> str:
        return json.dumps(to_timelinejs(timelines, title=self.options.title), indent=2, ensure_ascii=False) + "\n"
