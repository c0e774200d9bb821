"""markdown: a heading and a pipe table per document (GitHub-flavoured)."""

from __future__ import annotations

from ..models import Timeline
from .base import Chunk, RenderOptions, StreamRenderer
from .common import doc_label, one_line, rows


class MarkdownRenderer(StreamRenderer):
    """When | Event | Status | Evidence, one table per document; ``show_all`` lists every event."""

    def __init__(self, options: RenderOptions) -> None:
        super().__init__(options)
        self._count = 0

    def add(self, timeline: Timeline) -> list[Chunk]:
        doc = timeline.document
        pub = doc.pub_date.isoformat() if doc.pub_date else "unknown"
        shown = rows(timeline, show_all=self.options.show_all)
        hidden = len(timeline.timeline) - len(shown)
        lines = [] if self._count == 0 else [""]
        self._count += 1
        lines += [f"## Timeline: {escape(doc_label(timeline))}", ""]
        lines.append(f"Published {pub} ({doc.pub_date_source}) · {len(timeline.timeline)} event(s)"
                     + (f", {hidden} not shown" if hidden else ""))
        lines.append("")
        lines.append("| When | Event | Status | Evidence |")
        lines.append("| --- | --- | --- | --- |")
        for row in shown:
            when = escape(row.entry.display)
            if row.entry.granularity is not None:
                when += f" ({row.entry.granularity.value})"
            lines.append(f"| {when} | {escape(row.event.description)} | {row.event.factuality.value} "
                         f"| {escape(row.entry.evidence or '')} |")
        for warning in timeline.warnings:
            lines += ["", f"> warning: {escape(warning)}"]
        return ["\n".join(lines) + "\n"]


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes and markup characters escaped."""
    out = one_line(text)
    for ch in "\\|*_`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out
