"""Streamed builds: ``Extractor.build_stream`` (results spilled to files) gives what ``Extractor.build`` gives.

Table-driven (fixtures/stream.yaml): the same Timeline, the same text in every streamable format, the
same times from span-by-span tagging as from whole-text tagging (on tbaq-cleaned when it is present),
and a multi-chunk news text (200 KB: 20 spaCy chunks, 2 tagger spans) through both paths.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from timeline import api
from timeline.api import Extractor
from timeline.errors import OutputError
from timeline.models import Timeline
from timeline.ordering import SortKey
from timeline.render import RenderOptions, make_renderer
from timeline.render.json_out import stream_json
from timeline.stream import StreamedTimeline, _Lines, pack_key
from timeline.temporal import paragraph_cuts
from tests.paths import FIXTURES, SEED, shared_path

CASES = yaml.safe_load((FIXTURES / "stream.yaml").read_text(encoding="utf-8"))
STREAMED_FORMATS = ("json", "jsonl", "csv", "markdown", "table")
RENDER_OPTIONS = {"one": RenderOptions(), "all": RenderOptions(show_all=True), "many": RenderOptions(many=True)}


def _text(case: dict) -> str:  # type: ignore[type-arg]
    if "text" in case:
        return case["text"]
    path = SEED if case["file"] == "seed" else FIXTURES / case["file"]
    return path.read_text(encoding="utf-8")


def _rendered(fmt: str, tl: Timeline | StreamedTimeline, options: RenderOptions) -> str:
    renderer = make_renderer(fmt, options)
    buf = io.StringIO()
    console = Console(file=buf, width=100, highlight=False, color_system=None)
    for chunk in [*renderer.begin(), *renderer.add(tl), *renderer.end()]:
        if isinstance(chunk, str):
            buf.write(chunk)
        else:
            console.print(chunk)
    return buf.getvalue()


def _news(size: int) -> str:
    """About ``size`` characters of news text: tbaq-cleaned documents when present, else the seed, repeated."""
    corpus = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "tbaq-cleaned"
    if corpus.exists():
        from timeline.timeml import read_timeml

        texts = [read_timeml(p).text.strip() for p in sorted(corpus.rglob("*.tml"))[:40]]
    else:
        texts = [SEED.read_text(encoding="utf-8").strip()]
    out: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            out.append(text + "\n\n")
            total += len(text) + 2
            if total >= size:
                break
    return "".join(out)


def _assert_same(extractor: Extractor, text: str, **kwargs: object) -> None:
    whole = extractor.build(text, **kwargs)  # type: ignore[arg-type]
    with extractor.build_stream(text, **kwargs) as streamed:  # type: ignore[arg-type]
        assert streamed.to_timeline() == whole
        assert (streamed.time_count, streamed.event_count, streamed.entry_count) == (
            len(whole.times), len(whole.events), len(whole.timeline))
        for indent in (2, None):
            assert "".join(stream_json(streamed, indent=indent)) == whole.to_json(indent=indent)
        for fmt in STREAMED_FORMATS:
            for name, options in RENDER_OPTIONS.items():
                assert _rendered(fmt, streamed, options) == _rendered(fmt, whole, options), (fmt, name)
        folder = streamed.folder
        assert os.path.isdir(folder)
    assert not os.path.exists(folder)  # the spill files are gone once it is closed


@pytest.mark.model
@pytest.mark.parametrize("case", CASES["documents"], ids=lambda c: c["name"])
def test_streamed_equals_in_memory(extractor: Extractor, case: dict) -> None:  # type: ignore[type-arg]
    saved = extractor.narrative
    extractor.narrative = bool(case.get("narrative"))
    try:
        _assert_same(extractor, _text(case), pub_date=case["pub_date"], source="docs/case.txt")
    finally:
        extractor.narrative = saved


@pytest.mark.parametrize("case", CASES["documents"], ids=lambda c: c["name"])
def test_streamed_equals_in_memory_blank(blank_extractor: Extractor, case: dict) -> None:  # type: ignore[type-arg]
    _assert_same(blank_extractor, _text(case), pub_date=case["pub_date"])


@pytest.mark.model
def test_multi_chunk_text_same_through_both_paths(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _news(200_000)
    assert len(list(api.split_chunks(text, api.CHUNK_CHARS))) >= 20
    monkeypatch.setattr(api, "TAG_CHARS", 60_000)  # several tagger spans, each ahead of several chunks
    assert len(list(paragraph_cuts(text, api.TAG_CHARS))) >= 3
    _assert_same(extractor, text, pub_date="2024-03-19")


@pytest.mark.parametrize("size", CASES["span_sizes"])
@pytest.mark.parametrize("case", CASES["documents"], ids=lambda c: c["name"])
def test_tag_spans_equal_whole_text(case: dict, size: int) -> None:  # type: ignore[type-arg]
    from tests.temporal.corpus import shared_tagger

    tagger = shared_tagger()
    text = _text(case)
    pub = dt.date.fromisoformat(case["pub_date"]) if case["pub_date"] else None
    for narrative in (False, True):
        spans = list(paragraph_cuts(text, size))
        assert [t for part in tagger.tag_spans(text, pub, spans, narrative=narrative) for t in part] == \
            tagger.tag(text, pub, narrative=narrative)


def test_tag_spans_equal_whole_text_on_tbaq() -> None:
    """Every tbaq-cleaned document tagged one paragraph at a time gives what tagging it whole gives."""
    from timeline.timeml import read_timeml
    from tests.temporal.corpus import shared_tagger

    corpus = shared_path("corpora", "tbaq-cleaned")
    tagger = shared_tagger()
    paths = sorted(corpus.rglob("*.tml"))
    assert paths
    split = 0
    for path in paths:
        gold = read_timeml(path)
        spans = list(paragraph_cuts(gold.text, 1))
        split += len(spans) > 1
        for narrative in (False, True):
            whole = tagger.tag(gold.text, gold.dct, narrative=narrative)
            parts = [t for part in tagger.tag_spans(gold.text, gold.dct, spans, narrative=narrative) for t in part]
            assert parts == whole, f"{path.name} narrative={narrative}"
    assert split > len(paths) // 2  # most documents really were cut


def test_paragraph_cuts_cover_the_text() -> None:
    text = "a\n\nb\n\n\n\nc d\n\ne"
    for size in (1, 2, 5, 100):
        spans = list(paragraph_cuts(text, size))
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
        assert all(text[hi - 2:hi] == "\n\n" for _, hi in spans[:-1])
    assert list(paragraph_cuts("", 5)) == []
    assert list(paragraph_cuts("no break at all", 1)) == [(0, 15)]


def test_packed_sort_keys_keep_tuple_order() -> None:
    keys = [SortKey(u, dt.date.fromisoformat(d), p, o) for u, d, p, o in CASES["sort_keys"]]
    assert sorted(keys) == keys  # the fixture is in order
    packed = [pack_key(k) for k in keys]
    assert packed == sorted(packed)
    assert all(0 <= p < 2**64 for p in packed)
    with pytest.raises(ValueError):
        pack_key(SortKey(0, dt.date(2024, 1, 1), 0, 2**34))


def test_spill_file_errors_are_output_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        _Lines(str(tmp_path / "missing" / "times.jsonl"))
    lines = _Lines(str(tmp_path / "times.jsonl"))
    lines.append(b"{}")
    lines.close()
    with pytest.raises(OutputError):
        lines.append(b"{}")
    assert len(lines) == 1


def test_failed_build_leaves_no_spill(blank_extractor: Extractor, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(blank_extractor.linker, "link", boom)
    with pytest.raises(RuntimeError):
        blank_extractor.build_stream("The vote was on Monday.\n", pub_date="2024-03-19", spill_dir=str(tmp_path))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown"])
def test_cli_streamed_output_equals_in_memory(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """``timeline build`` writes the same file whether it streams the document or not."""
    from timeline import cli

    outputs = {}
    for name, threshold in (("memory", 10**12), ("streamed", 0)):
        monkeypatch.setattr(cli, "STREAM_MIN_CHARS", threshold)
        out = tmp_path / f"{name}.{fmt}"
        assert cli.main(["build", str(SEED), "--pub-date", "2024-03-19", "-f", fmt, "-o", str(out), "-q"]) == 0
        outputs[name] = out.read_text(encoding="utf-8")
    assert outputs["streamed"] == outputs["memory"]
    if fmt == "json":
        assert json.loads(outputs["streamed"])["schema_version"] == "1.0"
    assert not list(tmp_path.glob(".*.tmp"))


def test_long_streamed_table_is_printed_in_blocks(blank_extractor: Extractor, seed_text: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``TABLE_MAX_ROWS`` shown rows a streamed table is several tables: title once, caption once, every row."""
    from timeline.render import table

    monkeypatch.setattr(table, "TABLE_MAX_ROWS", 5)
    monkeypatch.setattr(table, "TABLE_BLOCK", 7)
    whole = blank_extractor.build(seed_text, pub_date="2024-03-19", source="seed.txt")
    with blank_extractor.build_stream(seed_text, pub_date="2024-03-19", source="seed.txt") as streamed:
        chunks = list(make_renderer("table", RenderOptions(show_all=True)).add(streamed))
        text = _rendered("table", streamed, RenderOptions(show_all=True))
    assert len(chunks) == -(-len(whole.timeline) // 7) > 1
    assert text.count("Timeline · seed.txt") == 1
    assert text.count("published 2024-03-19 (cli)") == 1
    assert text.index("Timeline · seed.txt") < text.index("published 2024-03-19 (cli)")
    assert text.count("[") >= len(whole.timeline)  # one "[factuality]" per row
