"""html: one self-contained page that draws the timeline (no network needed to view it).

The page embeds its data as JSON and a small script (``assets/page.js``) draws a date axis:
day-grain entries as dots, month-, quarter- and year-grain entries as spans over the days they
cover, open or uncertain bounds ("before March", "as early as April", "about 2020") as faded,
dashed extensions. Below the axis every entry is a card: the date, the event's description, its
status and the sentence with the trigger, the time and the evidence highlighted.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import Any

from ..models import Timeline
from .base import CollectRenderer
from .common import Row, doc_label, highlight_segments, rows

_OPEN_LEFT_MODS = {"BEFORE", "ON_OR_BEFORE", "LESS_THAN", "EQUAL_OR_LESS"}
_OPEN_RIGHT_MODS = {"AFTER", "ON_OR_AFTER", "MORE_THAN", "EQUAL_OR_MORE"}
_FUZZY_MODS = {"APPROX", "START", "MID", "END"}


def _asset(name: str) -> str:
    return resources.files("timeline.render").joinpath("assets", name).read_text(encoding="utf-8")


def entry_data(tl: Timeline, row: Row, key: str) -> dict[str, Any]:
    """What the page script needs to draw one entry (plain JSON)."""
    e, ev = row.entry, row.event
    interval = e.interval
    first = interval.first if interval else e.sort_date
    last = interval.last if interval else e.sort_date
    mod = e.mod or ""
    relation = e.relation.value
    return {
        "key": key,
        "event_id": ev.id,
        "display": e.display,
        "granularity": e.granularity.value if e.granularity else None,
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "open_left": relation in ("before", "until") or mod in _OPEN_LEFT_MODS,
        "open_right": relation in ("after", "from") or mod in _OPEN_RIGHT_MODS,
        "fuzzy": mod in _FUZZY_MODS or not (e.anchor.value == "time"),
        "anchor": e.anchor.value,
        "relation": relation,
        "mod": e.mod,
        "description": ev.description,
        "trigger": ev.text,
        "factuality": ev.factuality.value,
        "event_class": ev.event_class.value,
        "selected": e.selected,
        "evidence": e.evidence,
        "time_text": row.time.text if row.time else None,
        "segments": [[t, k] for t, k in highlight_segments(tl, row)],
    }


def page_data(timelines: list[Timeline], title: str) -> dict[str, Any]:
    docs = []
    for n, tl in enumerate(timelines):
        pub = tl.document.pub_date
        docs.append({
            "label": doc_label(tl, default=f"document {n + 1}"),
            "source": tl.document.source,
            "pub_date": pub.isoformat() if pub else None,
            "pub_date_source": tl.document.pub_date_source,
            "warnings": tl.warnings,
            "entries": [entry_data(tl, row, f"d{n}-{row.event.id}") for row in rows(tl)],
        })
    return {"title": title, "documents": docs}


def to_html(timelines: list[Timeline], *, title: str | None = None) -> str:
    """The page as one string: HTML, CSS, data and script inline."""
    if title is None:
        title = f"Timeline: {doc_label(timelines[0])}" if len(timelines) == 1 else "Timelines"
    data = json.dumps(page_data(timelines, title), ensure_ascii=False).replace("<", "\\u003c")
    fallback = "".join(
        f"<li>{html.escape(r.entry.display)}: {html.escape(r.event.description)}</li>"
        for tl in timelines for r in rows(tl)
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<link rel=\"icon\" href=\"data:,\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{_asset('page.css')}</style>\n</head>\n<body>\n"
        f"<header><h1>{html.escape(title)}</h1></header>\n"
        "<main id=\"app\" data-rendered=\"no\">\n"
        f"<noscript><ul>{fallback}</ul></noscript>\n</main>\n"
        f"<script type=\"application/json\" id=\"timeline-data\">{data}</script>\n"
        f"<script>\n{_asset('page.js')}</script>\n</body>\n</html>\n"
    )


class HtmlRenderer(CollectRenderer):
    def finish(self, timelines: list[Timeline]) -> str:
        return to_html(timelines, title=self.options.title)
