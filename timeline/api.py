"""The pipeline, with its stage order in one place.

    text ──► temporal.tag ──► spaCy parse (in chunks) ──► events.extract ──► linking.link ──► ordering.make_entries ──► Timeline

``Extractor`` loads the spaCy pipeline and the rules once and serves many documents; ``build``
is the one-call convenience for a single document.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from . import __version__
from .document import Region, body_regions, parse_pub_date
from .errors import InputError
from .events import EventExtractor
from .linking import Link, Linker
from .models import DocumentInfo, Event, PipelineInfo, PubDateSource, TimeExpression, Timeline
from .nlp import LoadedPipeline, degraded_message, load_pipeline
from .ordering import make_entries
from .temporal import TemporalTagger

#: texts longer than this are parsed in chunks cut at paragraph, line or sentence breaks. Small
#: enough that per-chunk work that grows faster than the chunk (a linker step that is quadratic
#: in the Doc, a very long sentence) stays bounded, so the whole build is linear in the text;
#: big enough that a news article is one chunk. Nothing crosses a paragraph break, so results
#: do not depend on it.
CHUNK_CHARS = 10_000
#: chunks spaCy parses together. The parse of one batch needs ~30 MB per 10k characters at its
#: peak (thinc's arrays), whatever the text's length; more chunks per batch gain no measurable speed.
PIPE_BATCH = 2

NO_PUB_DATE_WARNING = "no publication date: {n} relative time(s) left unresolved; pass --pub-date YYYY-MM-DD to resolve them"


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
        self.linker = Linker()

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
        return self.tagger.tag(_check_text(text), parse_pub_date(pub_date), narrative=self.narrative)

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
        return self._build(text, self._parse(text), pub_date, pub_date_source, source, regions, self.degraded)

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
        return self._build(doc.text, iter([(0, len(doc.text), doc)]), pub_date, None, source, regions, degraded)

    def _build(
        self,
        text: str,
        chunks: Iterator[tuple[int, int, Doc]],
        pub_date: dt.date | str | None,
        pub_date_source: PubDateSource | None,
        source: str | None,
        regions: list[Region] | None,
        degraded: bool,
    ) -> Timeline:
        pub = parse_pub_date(pub_date)
        if pub_date_source is None:
            pub_date_source = "cli" if pub is not None else "none"
        body = body_regions(text) if regions is None else _clean_regions(regions, len(text))
        tagged = sorted(self.tagger.tag(text, pub, narrative=self.narrative), key=lambda t: (t.start, t.end))
        times = _renumber_times(_inside(tagged, body))
        time_starts = [t.start for t in times]
        region_starts = [s for s, _ in body]
        events: list[Event] = []
        links: list[Link] = []
        for offset, size, doc in chunks:
            stop = offset + size
            local_regions = [(max(s, offset) - offset, min(e, stop) - offset)
                             for s, e in _regions_overlapping(body, region_starts, offset, stop)]
            first = bisect_left(time_starts, offset)
            last = bisect_left(time_starts, stop, lo=first)
            local_times = [_shift(t, -offset) for t in times[first:last] if t.end <= stop]
            local_events = self.events.extract(doc, regions=local_regions)
            local_links = self.linker.link(doc, local_events, local_times, has_pub_date=pub is not None)
            _append_renumbered(events, links, local_events, local_links, offset)
            del doc, local_events, local_links  # only the current chunks' tokens stay alive
        warnings: list[str] = []
        if degraded:
            warnings.append(degraded_message(self._requested_model, self.model_name))
        unresolved = sum(1 for t in times if not t.resolved)
        if pub is None and unresolved:
            warnings.append(NO_PUB_DATE_WARNING.format(n=unresolved))
        entries = make_entries(events, links, {t.id: t for t in times}, pub, lead_end=_lead_end(text, body))
        return Timeline(
            document=DocumentInfo(source=source, pub_date=pub, pub_date_source=pub_date_source, length=len(text)),
            pipeline=PipelineInfo(spacy_model=self.model_name, degraded=degraded, version=__version__),
            text=text,
            times=times,
            events=events,
            timeline=entries,
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


def _lead_end(text: str, body: list[Region]) -> int:
    """End of the lead: the first paragraph of the body with at least one sentence in it."""
    for start, end in body:
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl == -1 else nl
            if len(text[pos:stop].strip()) > 60:
                return stop
            pos = stop + 1
    return 0


def _shift(t: TimeExpression, delta: int) -> TimeExpression:
    """A time with its offsets moved by ``delta`` (into a chunk's Doc)."""
    return t if delta == 0 else t.model_copy(update={"start": t.start + delta, "end": t.end + delta})


def _renumber_times(times: list[TimeExpression]) -> list[TimeExpression]:
    mapping = {t.id: f"t{n}" for n, t in enumerate(times, 1)}
    if all(k == v for k, v in mapping.items()):
        return times
    out = []
    for t in times:
        out.append(t.model_copy(update={
            "id": mapping[t.id],
            "anchor": mapping.get(t.anchor, t.anchor if t.anchor == "pub_date" else None) if t.anchor else None,
            "range_end": mapping.get(t.range_end) if t.range_end else None,
        }))
    return out


def _append_renumbered(
    events: list[Event], links: list[Link], local_events: list[Event], local_links: list[Link], offset: int
) -> None:
    """Append one chunk's events and links, shifted to document offsets and numbered on from ``events``
    (one copy per event, so no second list of every event is ever held)."""
    for ev, link in zip(local_events, local_links, strict=True):
        new_id = f"e{len(events) + 1}"
        update: dict[str, object] = {"id": new_id}
        if offset:
            update.update(start=ev.start + offset, end=ev.end + offset,
                          sentence_start=ev.sentence_start + offset, sentence_end=ev.sentence_end + offset)
        events.append(ev.model_copy(update=update))
        links.append(Link(new_id, link.time_id, link.anchor, link.relation, link.evidence, link.rule))


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


def _inside(times: list[TimeExpression], regions: list[Region]) -> list[TimeExpression]:
    """The times that lie wholly inside one region (regions sorted and disjoint), by bisection."""
    starts = [s for s, _ in regions]
    out: list[TimeExpression] = []
    for t in times:
        i = bisect_right(starts, t.start) - 1
        if i >= 0 and t.end <= regions[i][1]:
            out.append(t)
    return out


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
