"""The pipeline, with its stage order in one place.

    text ──► temporal.tag_spans (paragraph spans) ──► spaCy parse (in chunks) ──► events.extract ──► linking.link
         ──► linking.status_from_anchor ──► ordering.keyed_entries (per chunk) ──► Timeline (in memory) or StreamedTimeline (spilled to files)

Every stage works chunk by chunk (``Extractor._build``): the tagger runs ahead of the parse one span of
paragraphs at a time, and each chunk's times, events and entries are handed on as they are made, to
a collector (``build``: one ``Timeline``) or to a :class:`~timeline.stream.Spill` (``build_stream``:
nothing held whole, for texts of any length). Both see the same results in the same order.

``Extractor`` loads the spaCy pipeline and the rules once and serves many documents; ``build``
is the one-call convenience for a single document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

from spacy.tokens import Doc

from . import __version__
from .document import NO_PUB_DATE_WARNING, Region, body_regions, parse_pub_date
from .errors import InputError
from .events import EventExtractor
from .linking import HEADLINE_REACH, Link, Linker, headline_from_body, is_live_blog, status_from_anchor
from .models import DocumentInfo, Event, PipelineInfo, PubDateSource, TimeExpression, Timeline
from .nlp import LoadedPipeline, degraded_message, load_pipeline
from .ordering import KeyedEntry, keyed_entries, lead_events, timeline_order
from .stream import Spill, StreamedTimeline
from .temporal import TAG_CHARS, TemporalTagger, paragraph_cuts

#: texts longer than this are parsed in chunks cut at paragraph, line or sentence breaks. Small
#: enough that per-chunk work that grows faster than the chunk (a linker step that is quadratic
#: in the Doc, a very long sentence) stays bounded, so the whole build is linear in the text;
#: big enough that a news article is one chunk. Nothing crosses a paragraph break, so results
#: do not depend on it.
CHUNK_CHARS = 10_000
#: chunks spaCy parses together. The parse of one batch needs ~30 MB per 10k characters at its
#: peak (thinc's arrays), whatever the text's length; more chunks per batch gain no measurable speed.
PIPE_BATCH = 2

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Extractor:
    """Builds timelines. Load once, call ``build`` many times.

    >>> extractor = Extractor()                    # best installed English pipeline
    >>> tl = extractor.build(text, pub_date="2024-03-19")
    """

    def __init__(self, model: str | None = None, *, narrative: bool = False) -> None:
        self._pipeline: LoadedPipeline = load_pipeline(model)
        self._requested_model = model
        self.narrative = narrative
        self.tagger = TemporalTagger()
        self.events = EventExtractor()
        self.linker = Linker(lasting=self.events.lexicon.event_arguments.lasting.lemmas,
                             scheduled=self.events.lexicon.scheduled_nouns.lemmas)

    @property
    def model_name(self) -> str:
        return self._pipeline.name

    @property
    def degraded(self) -> bool:
        return self._pipeline.degraded

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        return self._pipeline.nlp

    def tag(self, text: str, *, pub_date: dt.date | str | None = None) -> list[TimeExpression]:
        """The temporal expressions alone (no spaCy)."""
        text, pub = _check_text(text), parse_pub_date(pub_date)
        return self.tagger.tag(text, pub, narrative=self.narrative)

    def build(
        self,
        text: str,
        *,
        pub_date: dt.date | str | None = None,
        pub_date_source: PubDateSource | None = None,
        source: str | None = None,
        regions: list[Region] | None = None,
    ) -> Timeline:
        """Tag, extract, anchor and sort. ``regions`` limits events and times to parts of the text
        (default: the article body, without credits and trailing headline lists)."""
        text = _check_text(text)
        return self._build(text, self._parse(text), pub_date, pub_date_source, source, regions, self.degraded,
                           _Collect())

    def build_doc(
        self,
        doc: Doc,
        *,
        pub_date: dt.date | str | None = None,
        source: str | None = None,
        regions: list[Region] | None = None,
    ) -> Timeline:
        """The timeline of a Doc some spaCy pipeline has already parsed (no second parse): the spaCy component."""
        degraded = not (doc.has_annotation("DEP") and doc.has_annotation("TAG"))
        return self._build(doc.text, iter([(0, len(doc.text), doc)]), pub_date, None, source, regions, degraded,
                           _Collect())

    def build_stream(
        self,
        text: str,
        *,
        pub_date: dt.date | str | None = None,
        pub_date_source: PubDateSource | None = None,
        source: str | None = None,
        regions: list[Region] | None = None,
        spill_dir: str | None = None,
    ) -> StreamedTimeline:
        """``build`` for texts of any length: the same result, not held whole. Times, events and entries are
        written to temporary files (in ``spill_dir``, default the system's) as each chunk is done; the
        returned :class:`StreamedTimeline` reads them back in order. Close it (or use ``with``) to remove them."""
        text = _check_text(text)
        spill = Spill(spill_dir)
        try:
            return self._build(text, self._parse(text), pub_date, pub_date_source, source, regions, self.degraded,
                               spill)
        except BaseException:
            spill.discard()
            raise

    def _build(
        self,
        text: str,
        chunks: Iterator[tuple[int, int, Doc]],
        pub_date: dt.date | str | None,
        pub_date_source: PubDateSource | None,
        source: str | None,
        regions: list[Region] | None,
        degraded: bool,
        out: ResultSink[R],
    ) -> R:
        """The stages, chunk by chunk; every time, event and entry goes to ``out`` as it is made, and ``out``
        makes the result (``_Collect``: a Timeline; ``Spill``: a StreamedTimeline)."""
        pub = parse_pub_date(pub_date)
        if pub_date_source is None:
            pub_date_source = "cli" if pub is not None else "none"
        body = body_regions(text) if regions is None else _clean_regions(regions, len(text))
        spans = _Spans(text, TAG_CHARS)
        times = _TimeFeed(self.tagger.tag_spans(text, pub, spans.spans(), narrative=self.narrative), spans, body, out)
        placer = _Placer(pub, _lead(text, body), out)
        live_blog = is_live_blog(text, lambda line: self.tagger.tag(line, pub))  # once per document, not per chunk
        region_starts = [s for s, _ in body]
        for offset, size, doc in chunks:
            stop = offset + size
            local_regions = [(max(s, offset) - offset, min(e, stop) - offset)
                             for s, e in _regions_overlapping(body, region_starts, offset, stop)]
            chunk_times = times.take(offset, stop)
            local_times = [_shift(t, -offset) for t in chunk_times]
            local_events = self.events.extract(doc, regions=local_regions, first_chunk=offset == 0,
                                               last_chunk=stop >= len(text))
            local_links = self.linker.link(doc, local_events, local_times, has_pub_date=pub is not None,
                                           live_blog=live_blog, pub_date=pub)
            placer.add(local_events, local_links, chunk_times, offset, stop)
            del doc, local_events, local_links  # only the current chunks' tokens stay alive
        times.drain()
        placer.finish()
        warnings: list[str] = []
        if degraded:
            warnings.append(degraded_message(self._requested_model, self.model_name))
        if pub is None and times.unresolved:
            warnings.append(NO_PUB_DATE_WARNING.format(n=times.unresolved))
        return out.finish(
            text=text,
            document=DocumentInfo(source=source, pub_date=pub, pub_date_source=pub_date_source, length=len(text)),
            pipeline=PipelineInfo(spacy_model=self.model_name, degraded=degraded, version=__version__),
            warnings=warnings,
        )

    def _parse(self, text: str) -> Iterator[tuple[int, int, Doc]]:
        """(offset, length, Doc) of each chunk of ``text``, streamed: only ``PIPE_BATCH`` chunks' Docs exist at once."""
        nlp = self._pipeline.nlp
        if nlp.max_length < CHUNK_CHARS + 1:
            nlp.max_length = CHUNK_CHARS + 1
        pieces = ((chunk, (offset, len(chunk))) for offset, chunk in split_chunks(text, CHUNK_CHARS))
        for doc, (offset, size) in nlp.pipe(pieces, as_tuples=True, batch_size=PIPE_BATCH):
            yield offset, size, doc


def build(
    text: str,
    *,
    pub_date: dt.date | str | None = None,
    model: str | None = None,
    narrative: bool = False,
) -> Timeline:
    """Build the timeline of one article. Loads the spaCy pipeline each call: use ``Extractor`` for many."""
    return Extractor(model, narrative=narrative).build(text, pub_date=pub_date)


def split_chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``size`` characters, at a paragraph, line or sentence break when possible."""
    start = 0
    n = len(text)
    while start < n:
        if n - start <= size:
            yield start, text[start:]
            return
        window_end = start + size
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, start + size // 2, window_end)
            if cut != -1:
                cut += len(sep)
                break
        if cut == -1:
            cut = window_end
        yield start, text[start:cut]
        start = cut


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}")
    return text


#: a sentence's end in a line: what a lead has and a headline lacks (not the stop of "U.S.", "No.", "Mr.")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bNo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][\"'”’)]*(?:\s|$)")


def _lead(text: str, body: list[Region]) -> tuple[int, int]:
    """Start and end of the lead: the first line of the body that holds a sentence, long and with a sentence end
    (a headline has none: "Thousands flee as Canyon Fire jumps highway, forcing new evacuations")."""
    for start, end in body:
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl == -1 else nl
            line = text[pos:stop].strip()
            if len(line) > 60 and _SENTENCE_END.search(line):
                return pos, stop
            pos = stop + 1
    return 0, 0


def _shift(t: TimeExpression, delta: int) -> TimeExpression:
    """A time with its offsets moved by ``delta`` (into a chunk's Doc)."""
    return t if delta == 0 else t.model_copy(update={"start": t.start + delta, "end": t.end + delta})


class ResultSink(Protocol[R_co]):
    """Where ``Extractor._build`` hands its results: times in document order (renumbered t1, t2 ...), then
    each chunk's events (renumbered e1, e2 ...) with their timeline entries and sort keys; ``finish`` makes
    the result once the stages are done."""

    def add_times(self, times: list[TimeExpression]) -> None: ...

    def add_events(self, events: list[Event], entries: list[KeyedEntry]) -> None: ...

    def finish(self, *, text: str, document: DocumentInfo, pipeline: PipelineInfo, warnings: list[str]) -> R_co: ...


class _Collect:
    """The in-memory sink of ``build``."""

    def __init__(self) -> None:
        self.times: list[TimeExpression] = []
        self.events: list[Event] = []
        self.entries: list[KeyedEntry] = []

    def add_times(self, times: list[TimeExpression]) -> None:
        self.times.extend(times)

    def add_events(self, events: list[Event], entries: list[KeyedEntry]) -> None:
        self.events.extend(events)
        self.entries.extend(entries)

    def finish(self, *, text: str, document: DocumentInfo, pipeline: PipelineInfo, warnings: list[str]) -> Timeline:
        return Timeline(document=document, pipeline=pipeline, text=text, times=self.times, events=self.events,
                        timeline=timeline_order(self.entries), warnings=warnings)


class _Spans:
    """``temporal.paragraph_cuts`` of ``text`` as the tagger consumes them, remembering how far it has got."""

    def __init__(self, text: str, size: int) -> None:
        self.text = text
        self.size = size
        self.frontier = 0  # end of the last span handed out

    def spans(self) -> Iterator[tuple[int, int]]:
        for lo, hi in paragraph_cuts(self.text, self.size):
            self.frontier = hi
            yield lo, hi


class _TimeFeed:
    """The times of the body, tagged span by span just ahead of the parse and numbered t1, t2 ... in text order,
    as if the whole text had been tagged, sorted and kept to the body at once.

    Each span's times go to the sink as soon as they are tagged; those not yet handed to a chunk wait in a
    queue (at most a span's worth). The tagger numbers its times in the order it yields them
    (``TemporalTagger.tag_spans``); the feed counts them as they come, and maps each tagger number to its final
    number (0: not in the body) in an array of 8 bytes a time, so anchors to earlier spans are renamed as
    whole-text tagging does.
    """

    def __init__(self, parts: Iterator[list[TimeExpression]], spans: _Spans, body: list[Region],
                 out: ResultSink[object]) -> None:
        self._parts = parts
        self._spans = spans
        self._body = body
        self._body_starts = [s for s, _ in body]
        self._out = out
        self._final = array("l")  # tagger number - 1 -> final number (0 when left out)
        self._queue: deque[TimeExpression] = deque()
        self._done = False
        self.count = 0
        self.unresolved = 0

    def take(self, start: int, stop: int) -> list[TimeExpression]:
        """The times wholly inside [start, stop), in order (chunks are asked for in text order)."""
        while not self._done and self._spans.frontier < stop:
            self._pull()
        out: list[TimeExpression] = []
        queue = self._queue
        while queue and queue[0].start < stop:
            t = queue.popleft()
            if t.start >= start and t.end <= stop:
                out.append(t)
        return out

    def drain(self) -> None:
        while not self._done:
            self._pull()
        self._queue.clear()

    def _pull(self) -> None:
        part = next(self._parts, None)
        if part is None:
            self._done = True
            return
        final = self._final
        before = len(final)  # the tagger's times so far: part[i] is its number before + i + 1
        final.extend([0] * len(part))
        in_text_order = sorted(range(len(part)), key=lambda i: (part[i].start, part[i].end))
        kept = [i for i in in_text_order if _inside(part[i], self._body, self._body_starts)]
        for i in kept:
            self.count += 1
            final[before + i] = self.count
        renamed = [self._renamed(part[i], final[before + i]) for i in kept]
        self.unresolved += sum(1 for t in renamed if not t.resolved)
        self._out.add_times(renamed)
        self._queue.extend(renamed)

    def _final_id(self, tagger_id: str | None) -> str | None:
        n = TemporalTagger.time_number(tagger_id)
        number = self._final[n - 1] if 0 < n <= len(self._final) else 0
        return f"t{number}" if number else None

    def _renamed(self, t: TimeExpression, number: int) -> TimeExpression:
        new_id = f"t{number}"
        anchor = t.anchor if t.anchor == "pub_date" else self._final_id(t.anchor)
        range_end = self._final_id(t.range_end)
        if new_id == t.id and anchor == t.anchor and range_end == t.range_end:
            return t
        return t.model_copy(update={"id": new_id, "anchor": anchor, "range_end": range_end})


class _Placer:
    """Numbers each chunk's events on (e1, e2 ...) at document offsets and makes their timeline entries.

    An entry's ``selected`` depends on the main event of the lead, known once every event before the end of
    the lead has been seen: chunks wait until then (the lead is the first line of the body that holds a sentence, see ``_lead``).
    """

    def __init__(self, pub: dt.date | None, lead: tuple[int, int], out: ResultSink[object]) -> None:
        self._pub = pub
        self._lead_start, self._lead_end = lead
        self._out = out
        self._count = 0  # events numbered so far
        self._lead_ids: set[str] | None = None
        # chunks waiting for the lead: (events before the chunk, its events, their links, its times by id)
        self._waiting: list[tuple[int, list[Event], list[Link], dict[str, TimeExpression]]] = []

    def add(self, local_events: list[Event], local_links: list[Link], times: list[TimeExpression],
            offset: int, stop: int) -> None:
        first = self._count
        events, links = self._renumbered(local_events, local_links, offset)
        by_id = {t.id: t for t in times}
        events = status_from_anchor(events, links, by_id, self._pub)
        if self._lead_ids is not None:
            self._emit(first, events, links, by_id, self._lead_ids)
            return
        self._waiting.append((first, events, links, by_id))
        # the lead, and the body a headline event looks for its first mention in (``HEADLINE_REACH``)
        if stop >= self._lead_end and (self._lead_start == 0 or stop >= self._lead_start + HEADLINE_REACH):
            self._release()

    def finish(self) -> None:
        if self._lead_ids is None:
            self._release()

    def _release(self) -> None:
        waiting, self._waiting = self._waiting, []
        # the headline's events and the lead are in the chunks waiting here: a headline event takes the date of its
        # first mention in the body
        events = [ev for _, evs, _, _ in waiting for ev in evs]
        links = [link for _, _, lks, _ in waiting for link in lks]
        times = {tid: t for _, _, _, by_id in waiting for tid, t in by_id.items()}
        events, links = headline_from_body(events, links, times, self._lead_start, self._pub, reach=HEADLINE_REACH)
        lead_ids = self._lead_ids = lead_events(events, self._lead_end, lead_start=self._lead_start)
        k = 0
        for first, evs, _, _ in waiting:  # a headline event may now be tied to a time of a later waiting chunk
            self._emit(first, events[k : k + len(evs)], links[k : k + len(evs)], times, lead_ids)
            k += len(evs)

    def _emit(self, first: int, events: list[Event], links: list[Link], times: dict[str, TimeExpression],
              lead_ids: set[str]) -> None:
        self._out.add_events(events, keyed_entries(events, links, times, self._pub, lead_ids=lead_ids, first=first))

    def _renumbered(self, local_events: list[Event], local_links: list[Link],
                    offset: int) -> tuple[list[Event], list[Link]]:
        """One chunk's events and links, shifted to document offsets and numbered on from the chunks before."""
        events: list[Event] = []
        links: list[Link] = []
        for ev, link in zip(local_events, local_links, strict=True):
            self._count += 1
            new_id = f"e{self._count}"
            update: dict[str, object] = {"id": new_id}
            if offset:
                update.update(start=ev.start + offset, end=ev.end + offset,
                              sentence_start=ev.sentence_start + offset, sentence_end=ev.sentence_end + offset)
            events.append(ev.model_copy(update=update))
            links.append(dataclasses.replace(link, event_id=new_id))
        return events, links


def _clean_regions(regions: Sequence[Region], length: int) -> list[Region]:
    """Caller-given regions clipped to the text, sorted, and merged where they overlap."""
    spans = sorted((max(0, int(s)), min(length, int(e))) for s, e in regions)
    merged: list[Region] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(t: TimeExpression, regions: list[Region], starts: list[int]) -> bool:
    """Whether the time lies wholly inside one region (regions sorted and disjoint, ``starts`` theirs), by bisection."""
    i = bisect_right(starts, t.start) - 1
    return i >= 0 and t.end <= regions[i][1]


def _regions_overlapping(regions: list[Region], starts: list[int], lo: int, hi: int) -> list[Region]:
    """The regions (sorted, disjoint) that overlap [lo, hi)."""
    first = max(0, bisect_right(starts, lo) - 1)
    last = bisect_left(starts, hi, lo=first)
    return [r for r in regions[first:last] if r[1] > lo]


def times_only_timeline(
    text: str, times: list[TimeExpression], pub_date: dt.date | None, *, source: str | None = None
) -> Timeline:
    """A Timeline that holds temporal expressions and no events (``timeline tag``, timex-only evaluation)."""
    return Timeline(
        document=DocumentInfo(source=source, pub_date=pub_date, pub_date_source="cli" if pub_date else "none",
                              length=len(text)),
        pipeline=PipelineInfo(spacy_model="none", degraded=True, version=__version__),
        text=text,
        times=times,
        events=[],
        timeline=[],
    )
