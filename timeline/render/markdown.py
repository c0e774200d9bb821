"""markdown: a heading and a pipe table per document (GitHub-flavoured)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..models import Timeline
from ..stream import StreamedTimeline
from .base import BLOCK_LINES, Chunk, RenderOptions, StreamRenderer, pieces_or_whole
from .common import doc_label, entry_counts, iter_rows, one_line


class MarkdownRenderer(StreamRenderer):
    """When | Event | Status | Evidence, one table per document; ``show_all`` lists every event."""

    streams = True

    def __init__(self, options: RenderOptions) -> None:
        super().__init__(options)
        self._count = 0

    def add(self, timeline: Timeline | StreamedTimeline) -> Iterable[Chunk]:  # type: ignore[override]
        return pieces_or_whole(timeline, self._pieces(timeline))

    def _pieces(self, timeline: Timeline | StreamedTimeline) -> Iterator[str]:
        doc = timeline.document
        pub = doc.pub_date.isoformat() if doc.pub_date else "unknown"
        total, selected = entry_counts(timeline)
        hidden = 0 if self.options.show_all else total - selected
        lines = [] if self._count == 0 else [""]
        self._count += 1
        lines += [f"## Timeline: {escape(doc_label(timeline))}", ""]
        lines.append(f"Published {pub} ({doc.pub_date_source}) · {total} event(s)"
                     + (f", {hidden} not shown" if hidden else ""))
        lines.append("")
        lines.append("| When | Event | Status | Evidence |")
        lines.append("| --- | --- | --- | --- |")
        for row in iter_rows(timeline, show_all=self.options.show_all):
            when = escape(row.entry.display)
            if row.entry.granularity is not None:
                when += f" ({row.entry.granularity.value})"
            lines.append(f"| {when} | {escape(row.event.description)} | {row.event.factuality.value} "
                         f"| {escape(row.entry.evidence or '')} |")
            if len(lines) >= BLOCK_LINES:
                yield "\n".join(lines) + "\n"
                lines = []
        for warning in timeline.warnings:
            lines += ["", f"> warning: {escape(warning)}"]
        if lines:
            yield "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes and markup characters escaped."""
    out = one_line(text)
    for ch in "\\|*_`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out
