"""Many documents: read, date and build each one, in this process or in worker processes.

``build_document`` is the whole path for one source (read, choose the publication date, build);
``build_document_streamed`` the same, built with ``Extractor.build_stream`` when the text is long.
``run_batch`` does it for many, yielding outcomes in input order; with ``workers > 1`` the
documents are built in that many processes, each of which loads the pipeline once. A document
that fails becomes an outcome with its error: the others go on.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import TimelineError
from .models import Timeline
from .pubdate import PubDateChoice, choose_pub_date
from .sources import Source, load_article

if TYPE_CHECKING:
    from .api import Extractor
    from .document import Article
    from .stream import StreamedTimeline


@dataclass(frozen=True)
class BuildOptions:
    """What every document of a run shares."""

    model: str | None = None
    narrative: bool = False
    pub_date: dt.date | None = None  # --pub-date: wins over the documents' own dates


@dataclass(frozen=True)
class Outcome:
    """One document's result: a timeline, or the error that stopped it."""

    index: int
    source: str
    timeline: Timeline | None = None
    error: str | None = None
    error_type: str | None = None
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        return self.timeline is not None


def build_document(extractor: Extractor, source: Source, *, pub_date: dt.date | None = None) -> Timeline:
    """Read ``source``, pick its publication date (``pub_date`` wins) and build its timeline, in memory."""
    return _build_in_memory(extractor, _read_document(source, pub_date))


def build_document_streamed(
    extractor: Extractor, source: Source, *, pub_date: dt.date | None = None, min_chars: int = 0,
    spill_dir: str | None = None,
) -> Timeline | StreamedTimeline:
    """``build_document``, streamed (``Extractor.build_stream``: results spilled to temporary files, not held
    whole) when the text has at least ``min_chars`` characters (the default 0: always), else in memory as
    ``build_document`` does. The caller closes a StreamedTimeline."""
    doc = _read_document(source, pub_date)
    if len(doc.article.text) < min_chars:
        return _build_in_memory(extractor, doc)
    streamed = extractor.build_stream(doc.article.text, pub_date=doc.pub_date.date,
                                      pub_date_source=doc.pub_date.source, source=doc.source_id,
                                      regions=doc.article.regions, spill_dir=spill_dir)
    streamed.warnings.extend(doc.warnings)
    return streamed


@dataclass(frozen=True)
class _ReadDocument:
    """A source read and dated, ready to build."""

    source_id: str
    article: Article
    pub_date: PubDateChoice
    warnings: list[str]  # the article's and the date choice's, added to the build's own


def _read_document(source: Source, pub_date: dt.date | None) -> _ReadDocument:
    article = load_article(source)
    choice = choose_pub_date(pub_date, article.metadata_date, article.text_dates, metadata_name=article.metadata_name)
    return _ReadDocument(source.id, article, choice, [*article.warnings, *choice.warnings])


def _build_in_memory(extractor: Extractor, doc: _ReadDocument) -> Timeline:
    tl = extractor.build(doc.article.text, pub_date=doc.pub_date.date, pub_date_source=doc.pub_date.source,
                         source=doc.source_id, regions=doc.article.regions)
    if doc.warnings:
        tl = tl.model_copy(update={"warnings": [*tl.warnings, *doc.warnings]})
    return tl


def _attempt(extractor: Extractor, index: int, source: Source, pub_date: dt.date | None) -> Outcome:
    try:
        tl = build_document(extractor, source, pub_date=pub_date)
    except TimelineError as exc:
        return Outcome(index, source.id, error=str(exc), error_type=type(exc).__name__, exit_code=exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a corpus run
        return Outcome(index, source.id, error=f"unexpected {type(exc).__name__}: {exc}",
                       error_type=type(exc).__name__, exit_code=1)
    return Outcome(index, source.id, timeline=tl)


# --- worker processes ------------------------------------------------------------------------

_WORKER: dict[str, object] = {}


def _init_worker(options: BuildOptions) -> None:
    from .api import Extractor

    try:
        _WORKER["extractor"] = Extractor(options.model, narrative=options.narrative)
    except TimelineError as exc:  # reported with each document rather than breaking the pool
        _WORKER["error"] = exc
    _WORKER["pub_date"] = options.pub_date


def _work(index: int, source: Source) -> Outcome:
    error = _WORKER.get("error")
    if isinstance(error, TimelineError):
        return Outcome(index, source.id, error=str(error), error_type=type(error).__name__, exit_code=error.exit_code)
    return _attempt(_WORKER["extractor"], index, source, _WORKER.get("pub_date"))  # type: ignore[arg-type]


#: one process per core: numerical libraries in each worker keep to one thread (no oversubscription)
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@contextmanager
def _one_thread_per_worker() -> Iterator[None]:
    """Worker processes started inside inherit these variables; the caller's environment is restored after."""
    saved = {name: os.environ.get(name) for name in _THREAD_VARS}
    for name in _THREAD_VARS:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (POSIX, no other thread running): workers start at once with spaCy imported and
    are this process's children; otherwise a forkserver that imports the pipeline code once, or spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        import timeline.api  # noqa: F401 - imported once here, shared by every forked worker

        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["timeline.api"])
        return ctx
    return multiprocessing.get_context("spawn")


def run_batch(
    sources: list[Source],
    options: BuildOptions,
    *,
    workers: int = 1,
    extractor: Extractor | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Build every source; yield outcomes in input order as soon as each one and those before it are done.

    ``on_done`` is called as each document finishes (in completion order: progress bars).
    With ``workers == 1`` everything runs here, on ``extractor`` (loaded when not given).
    """
    if workers <= 1 or len(sources) <= 1:
        if extractor is None:
            from .api import Extractor

            extractor = Extractor(options.model, narrative=options.narrative)
        for n, source in enumerate(sources):
            outcome = _attempt(extractor, n, source, options.pub_date)
            if on_done is not None:
                on_done(outcome)
            yield outcome
        return
    yield from _run_parallel(sources, options, min(workers, len(sources)), on_done)


def _run_parallel(
    sources: list[Source], options: BuildOptions, workers: int, on_done: Callable[[Outcome], None] | None
) -> Iterator[Outcome]:
    window = workers * 8  # documents in flight: bounded memory on large corpora
    done: dict[int, Outcome] = {}
    pending: dict[Future[Outcome], int] = {}
    next_submit = 0
    next_yield = 0
    with _one_thread_per_worker(), ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                                       initializer=_init_worker, initargs=(options,)) as pool:
        while next_yield < len(sources):
            while next_submit < len(sources) and len(pending) + len(done) < window:
                try:
                    pending[pool.submit(_work, next_submit, sources[next_submit])] = next_submit
                except BrokenProcessPool as exc:
                    done[next_submit] = Outcome(next_submit, sources[next_submit].id, error=f"worker process died: {exc}",
                                                error_type="BrokenProcessPool", exit_code=1)
                    if on_done is not None:
                        on_done(done[next_submit])
                next_submit += 1
            if not pending:
                while next_yield in done:
                    yield done.pop(next_yield)
                    next_yield += 1
                continue
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:
                    outcome = Outcome(index, sources[index].id, error=f"worker process died: {exc}",
                                      error_type="BrokenProcessPool", exit_code=1)
                done[index] = outcome
                if on_done is not None:
                    on_done(outcome)
            while next_yield in done:
                yield done.pop(next_yield)
                next_yield += 1
