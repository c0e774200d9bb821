"""What each output format must satisfy, checked against the Timelines it was made from.

Shared by tests/test_formats.py (fixture timelines, the seed article) and tests/test_cli.py.
Every check derives its expectations from the Timeline models, never from stored output.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

from timeline.models import Granularity, Timeline
from timeline.render.csv_out import COLUMNS
from timeline.render.markdown import escape
from timeline.timeml import parse_timeml

#: TimelineJS3 JSON field names (https://timeline.knightlab.com/docs/json-format.html)
TLJS_TOP = {"events", "title", "eras", "scale"}
TLJS_SLIDE = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
TLJS_DATE = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
TLJS_TEXT = {"headline", "text"}
_PARTIAL_MONTH = {Granularity.MONTH, Granularity.QUARTER, Granularity.HALF, Granularity.SEASON}
_PARTIAL_YEAR = {Granularity.YEAR, Granularity.DECADE, Granularity.CENTURY, Granularity.MILLENNIUM}
_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I)


def check_json(timelines: list[Timeline], out: str) -> None:
    data = json.loads(out)
    items = data if len(timelines) > 1 else [data]
    assert isinstance(items, list) and len(items) == len(timelines)
    for tl, item in zip(timelines, items):
        assert Timeline.model_validate(item).model_dump(mode="json") == tl.model_dump(mode="json")


def check_jsonl(timelines: list[Timeline], out: str) -> None:
    lines = out.splitlines()
    assert len(lines) == len(timelines)
    for tl, line in zip(timelines, lines):
        assert Timeline.model_validate_json(line).model_dump(mode="json") == tl.model_dump(mode="json")


def check_csv(timelines: list[Timeline], out: str) -> None:
    reader = csv.DictReader(io.StringIO(out, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    got = list(reader)
    want = [(tl, e) for tl in timelines for e in tl.timeline]
    assert len(got) == len(want)
    for row, (tl, entry) in zip(got, want):
        assert row["event_id"] == entry.event_id
        assert row["display"] == entry.display
        assert row["document"] == (tl.document.source or "")
        assert row["selected"] == ("true" if entry.selected else "false")
        assert row["sort_date"] == (entry.sort_date.isoformat() if entry.sort_date else "")


def check_markdown(timelines: list[Timeline], out: str, *, show_all: bool = False) -> None:
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith(("| When", "| ---"))]
    shown = [e for tl in timelines for e in tl.timeline if show_all or e.selected]
    assert len(rows) == len(shown)
    assert out.count("## Timeline: ") == len(timelines)
    for row, entry in zip(rows, shown):
        assert row.count(" | ") >= 3
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert len(cells) == 4, row
        assert cells[0].strip().startswith(escape(entry.display))


def check_timeml(timelines: list[Timeline], out: str) -> None:
    assert len(timelines) == 1
    tl = timelines[0]
    gold = parse_timeml(out)
    assert gold.text == tl.text
    assert gold.dct == tl.document.pub_date
    if tl.document.pub_date is not None:
        assert gold.dct_tid is not None
        assert 'functionInDocument="CREATION_TIME"' in out
    spans = {(t.start, t.end, t.value) for t in tl.times}
    assert gold.timexes and all((t.start, t.end, t.value) in spans for t in gold.timexes)
    events = {(e.start, e.end) for e in tl.events}
    assert all((e.start, e.end) in events for e in gold.events)
    assert len(gold.instances) == len(gold.events)
    assert gold.tlinks, "entries anchored to times or to the DCT become TLINKs"
    tids = {t.tid for t in gold.timexes} | ({gold.dct_tid} if gold.dct_tid else set())
    for link in gold.tlinks:
        assert link.source_kind == "event" and link.target_kind == "time" and link.target in tids


def check_timelinejs(timelines: list[Timeline], out: str) -> None:
    data = json.loads(out)
    assert set(data) <= TLJS_TOP and "events" in data
    assert set(data["title"]) <= TLJS_SLIDE and set(data["title"]["text"]) <= TLJS_TEXT
    dated = [(tl, e) for tl in timelines for e in tl.timeline if e.interval is not None or e.sort_date is not None]
    slides = data["events"]
    assert len(slides) == len(dated)
    assert len({s["unique_id"] for s in slides}) == len(slides)
    for slide, (tl, entry) in zip(slides, dated):
        assert set(slide) <= TLJS_SLIDE
        assert set(slide["text"]) <= TLJS_TEXT
        for key in ("start_date", "end_date"):
            if key in slide:
                assert set(slide[key]) <= TLJS_DATE and "year" in slide[key]
                assert all(str(v).isdigit() for v in slide[key].values())
        start = slide["start_date"]
        first = entry.interval.first if entry.interval else entry.sort_date
        assert first is not None and int(start["year"]) == first.year
        if entry.granularity in _PARTIAL_MONTH:
            assert "day" not in start and int(start["month"]) == first.month
        elif entry.granularity in _PARTIAL_YEAR:
            assert set(start) == {"year"}
        else:
            assert int(start["day"]) == first.day
        assert slide["display_date"] == entry.display


def html_data(out: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', out, re.S)
    assert match, "the page embeds its data"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def check_html(timelines: list[Timeline], out: str) -> None:
    assert out.startswith("<!DOCTYPE html>")
    assert not _EXTERNAL.search(out), "the page must not load anything from the network"
    data = html_data(out)
    docs = data["documents"]
    assert isinstance(docs, list) and len(docs) == len(timelines)
    for tl, doc in zip(timelines, docs):
        assert [e["event_id"] for e in doc["entries"]] == [e.event_id for e in tl.timeline]
        for entry, drawn in zip(tl.timeline, doc["entries"]):
            assert drawn["display"] == entry.display
            joined = "".join(text for text, _ in drawn["segments"])
            event = next(e for e in tl.events if e.id == entry.event_id)
            assert " ".join(joined.split()) == " ".join(tl.text[event.sentence_start:event.sentence_end].split())
            assert any(kind == "trigger" for _, kind in drawn["segments"])


CHECKS: dict[str, Callable[[list[Timeline], str], None]] = {
    "json": check_json,
    "jsonl": check_jsonl,
    "csv": check_csv,
    "markdown": check_markdown,
    "timeml": check_timeml,
    "timelinejs": check_timelinejs,
    "html": check_html,
}
