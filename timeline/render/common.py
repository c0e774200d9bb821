"""Helpers the renderers share: lookups, the sentence of an event and its highlighted parts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from ..models import Event, TimeExpression, Timeline, TimelineEntry
from ..stream import StreamedTimeline


@dataclass(frozen=True)
class Row:
    """One timeline entry with what it points to."""

    entry: TimelineEntry
    event: Event
    time: TimeExpression | None


def rows(tl: Timeline, *, show_all: bool = True) -> list[Row]:
    """The timeline entries in order, each with its event and time."""
    events = {e.id: e for e in tl.events}
    times = {t.id: t for t in tl.times}
    out: list[Row] = []
    for entry in tl.timeline:
        if not show_all and not entry.selected:
            continue
        out.append(Row(entry, events[entry.event_id], times.get(entry.time_id) if entry.time_id else None))
    return out


def iter_rows(tl: Timeline | StreamedTimeline, *, show_all: bool = True) -> Iterator[Row]:
    """``rows``, one at a time; for a streamed timeline each entry's event and time are read back from its files."""
    if isinstance(tl, Timeline):
        yield from rows(tl, show_all=show_all)
        return
    for entry in tl.entries():
        if show_all or entry.selected:
            yield Row(entry, tl.event(entry.event_id), tl.time(entry.time_id) if entry.time_id else None)


def entry_counts(tl: Timeline | StreamedTimeline) -> tuple[int, int]:
    """How many timeline entries there are, and how many of them are selected (shown by default)."""
    if isinstance(tl, Timeline):
        return len(tl.timeline), sum(1 for e in tl.timeline if e.selected)
    return tl.entry_count, tl.selected_count


def doc_label(tl: Timeline | StreamedTimeline, default: str = "document") -> str:
    """A short name for the document: its file name, or its id."""
    source = tl.document.source
    if not source:
        return default
    return PurePath(source).name if ("/" in source or "\\" in source) else source


def sentence(tl: Timeline | StreamedTimeline, event: Event) -> str:
    return tl.text[event.sentence_start:event.sentence_end]


def one_line(text: str) -> str:
    return " ".join(text.split())


def highlight_segments(tl: Timeline, row: Row) -> list[tuple[str, str | None]]:
    """The event's sentence cut into (text, kind) parts; kind is 'trigger', 'time', 'evidence' or None.

    The trigger and the anchoring time are marked at their offsets; the evidence words are marked
    where they occur in the sentence (nearest the time, when it is there) and overlap neither.
    """
    ev = row.event
    s0, s1 = ev.sentence_start, ev.sentence_end
    marks: list[tuple[int, int, str]] = []
    if s0 <= ev.start and ev.end <= s1:
        marks.append((ev.start, ev.end, "trigger"))
    t = row.time
    if t is not None and s0 <= t.start and t.end <= s1:
        marks.append((t.start, t.end, "time"))
    evidence = (row.entry.evidence or "").strip()
    if evidence:
        found = _find_evidence(tl.text, s0, s1, evidence, near=t.start if t is not None else ev.start)
        if found is not None:
            marks.extend(m for m in _minus((found, found + len(evidence)), marks, "evidence")
                         if tl.text[m[0]:m[1]].strip())
    marks.sort()
    parts: list[tuple[str, str | None]] = []
    pos = s0
    for start, end, kind in marks:
        if start < pos:  # overlapping marks: keep the first
            continue
        if start > pos:
            parts.append((tl.text[pos:start], None))
        parts.append((tl.text[start:end], kind))
        pos = end
    if pos < s1:
        parts.append((tl.text[pos:s1], None))
    return parts


def _find_evidence(text: str, s0: int, s1: int, evidence: str, *, near: int) -> int | None:
    hits: list[int] = []
    pos = text.find(evidence, s0, s1)
    while pos != -1:
        hits.append(pos)
        pos = text.find(evidence, pos + 1, s1)
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h - near))


def _minus(span: tuple[int, int], marks: list[tuple[int, int, str]], kind: str) -> list[tuple[int, int, str]]:
    """The parts of ``span`` not covered by ``marks``."""
    pieces = [span]
    for m0, m1, _ in marks:
        nxt: list[tuple[int, int]] = []
        for a, b in pieces:
            if m1 <= a or b <= m0:
                nxt.append((a, b))
                continue
            if a < m0:
                nxt.append((a, m0))
            if m1 < b:
                nxt.append((m1, b))
        pieces = nxt
    return [(a, b, kind) for a, b in pieces if b > a]
