"""The terminal view: a rich table of the sorted timeline, readable in 80 columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.table import Table
from rich.text import Text

from ..models import AnchorKind, Event, Factuality, TimeExpression, Timeline, TimelineEntry
from ..stream import StreamedTimeline
from .base import Chunk, RenderOptions
from .common import entry_counts, iter_rows

#: a streamed timeline with more rows to show than this is printed as several tables of ``TABLE_BLOCK`` rows
#: (the title on the first, the caption on the last), so the terminal table is bounded too
TABLE_MAX_ROWS = 10_000
TABLE_BLOCK = 1_000

_FACTUALITY_STYLE = {
    Factuality.HAPPENED: "green",
    Factuality.ONGOING: "green",
    Factuality.PLANNED: "cyan",
    Factuality.EXPECTED: "cyan",
    Factuality.POSSIBLE: "yellow",
    Factuality.NEGATED: "red",
    Factuality.REPORTED: "magenta",
    Factuality.HYPOTHETICAL: "yellow",
}


def timeline_table(tl: Timeline | StreamedTimeline, *, show_all: bool = False) -> Table:
    """The timeline as a rich Table: date (with granularity and modifier), event, evidence."""
    shown = ((row.entry, row.event) for row in iter_rows(tl, show_all=show_all))
    return _table(shown, title=_title(tl), caption=_caption(tl, show_all))


def timeline_tables(tl: Timeline | StreamedTimeline, *, show_all: bool = False,
                    block: int | None = None) -> Iterator[Table]:
    """The timeline as consecutive tables of ``block`` rows (default ``TABLE_BLOCK``): the title on the first,
    the caption on the last."""
    block = block or TABLE_BLOCK
    title, caption = _title(tl), _caption(tl, show_all)
    rows: list[tuple[TimelineEntry, Event]] = []
    first = True
    for row in iter_rows(tl, show_all=show_all):
        if len(rows) == block:
            yield _table(rows, title=title if first else None, caption=None)
            rows, first = [], False
        rows.append((row.entry, row.event))
    yield _table(rows, title=title if first else None, caption=caption)


def _title(tl: Timeline | StreamedTimeline) -> str:
    title = "Timeline"
    if tl.document.source:
        title += f" · {tl.document.source}"
    return title


def _caption(tl: Timeline | StreamedTimeline, show_all: bool) -> str:
    if tl.document.pub_date is None:
        caption = "no publication date (give one with --pub-date)"
    else:
        caption = f"published {tl.document.pub_date.isoformat()} ({tl.document.pub_date_source})"
    total, selected = entry_counts(tl)
    hidden = 0 if show_all else total - selected
    if hidden:
        caption += f" · {hidden} more event(s) with --all"
    return caption


def _table(shown: Iterable[tuple[TimelineEntry, Event]], *, title: str | None, caption: str | None) -> Table:
    # Text, not str: a file name such as "notes[draft].txt" is not rich markup
    table = Table(title=None if title is None else Text(title), caption=None if caption is None else Text(caption),
                  show_lines=False, expand=False, pad_edge=False)
    table.add_column("When", min_width=10, max_width=26)  # a long date ("2024-03-15 evening to ...") wraps
    table.add_column("Event", ratio=3, min_width=20)
    table.add_column("Evidence", ratio=2, min_width=12, style="dim")
    for entry, ev in shown:
        when = Text(entry.display, style="bold" if entry.anchor == AnchorKind.TIME else "")
        if entry.granularity is not None and entry.anchor == AnchorKind.TIME:
            when.append(f"\n{entry.granularity.value}", style="dim")
        what = Text(ev.description)
        what.append(f" [{ev.factuality.value}]", style=_FACTUALITY_STYLE.get(ev.factuality, ""))
        table.add_row(when, what, Text(entry.evidence or ""))
    return table


def times_table(times: list[TimeExpression], *, title: str = "Temporal expressions",
                caption: str | None = None) -> Table:
    """The temporal expressions alone (``timeline tag``)."""
    table = Table(title=Text(title), caption=None if caption is None else Text(caption), pad_edge=False)
    table.add_column("Text", ratio=2)
    table.add_column("Type", no_wrap=True)
    table.add_column("Value", no_wrap=True)
    table.add_column("Mod", no_wrap=True)
    table.add_column("Span", no_wrap=True, style="dim")
    for t in times:
        value = t.value if t.resolved else f"{t.value} (unresolved)"
        table.add_row(Text(t.text), t.type.value, Text(value), t.mod or "", f"{t.start}-{t.end}")
    return table


class TableRenderer:
    """The terminal format: one rich table per document, printed as each finishes."""

    streams = True

    def __init__(self, options: RenderOptions) -> None:
        self.options = options

    def begin(self) -> list[Chunk]:
        return []

    def add(self, timeline: Timeline | StreamedTimeline) -> Iterable[Chunk]:
        show_all = self.options.show_all
        if isinstance(timeline, StreamedTimeline):
            total, selected = entry_counts(timeline)
            if (total if show_all else selected) > TABLE_MAX_ROWS:
                return timeline_tables(timeline, show_all=show_all)
        return [timeline_table(timeline, show_all=show_all)]

    def end(self) -> list[Chunk]:
        return []
