"""The formats by name (``--format``), and a one-call helper for the library."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..models import Timeline
from .base import Chunk, Renderer, RenderOptions
from .csv_out import CsvRenderer
from .html_page import HtmlRenderer
from .json_out import JsonlRenderer, JsonRenderer
from .markdown import MarkdownRenderer
from .table import TableRenderer
from .timelinejs import TimelinejsRenderer
from .timeml_out import TimemlRenderer

FORMATS: dict[str, Callable[[RenderOptions], Renderer]] = {
    "table": TableRenderer,
    "json": JsonRenderer,
    "jsonl": JsonlRenderer,
    "csv": CsvRenderer,
    "markdown": MarkdownRenderer,
    "timeml": TimemlRenderer,
    "timelinejs": TimelinejsRenderer,
    "html": HtmlRenderer,
}

#: the file suffix of each format (``--output DIR`` writes one file per document)
FILE_SUFFIX: dict[str, str] = {
    "table": ".txt", "json": ".json", "jsonl": ".jsonl", "csv": ".csv", "markdown": ".md",
    "timeml": ".tml", "timelinejs": ".timelinejs.json", "html": ".html",
}


def make_renderer(name: str, options: RenderOptions | None = None) -> Renderer:
    """The renderer of format ``name`` (KeyError for an unknown name)."""
    return FORMATS[name](options or RenderOptions())


def render(name: str, timelines: Iterable[Timeline], options: RenderOptions | None = None) -> list[Chunk]:
    """Every chunk of format ``name`` for these timelines, in order."""
    renderer = make_renderer(name, options)
    out = list(renderer.begin())
    for tl in timelines:
        out.extend(renderer.add(tl))
    out.extend(renderer.end())
    return out
