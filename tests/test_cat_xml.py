"""CAT XML (EventStoryLine) reading: the hand-written fixture, detokenisation, detection, scoring policy, the corpus."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline.cat_xml import detokenize, is_cat_xml, normalise_value, parse_cat_xml, read_cat_xml
from timeline.errors import InputError
from timeline.evaluation import collect_gold_paths, read_gold, score_document
from timeline.timeml import gold_to_timeline

from tests.paths import FIXTURES, shared_path

DIR = FIXTURES / "cat_xml"
CASES = yaml.safe_load((DIR / "reader.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["documents"], ids=lambda c: f"{c['file']}-normalise={c['normalise']}")
def test_read_fixture(case: dict[str, Any]) -> None:
    doc = read_cat_xml(DIR / case["file"], normalise=case["normalise"])
    assert doc.doc_id == case["doc_id"]
    if "values" in case:
        assert [t.value for t in doc.timexes] == case["values"]
        return
    assert doc.dct == dt.date.fromisoformat(case["dct"])
    assert (doc.dct_value, doc.dct_tid) == (case["dct_value"], case["dct_tid"])
    assert doc.text == case["text"]
    assert [list(s) for s in doc.unscored] == case["unscored"]
    got_t = [{k: getattr(t, k) for k in ("tid", "start", "end", "text", "type", "value")} for t in doc.timexes]
    assert got_t == case["timexes"]
    got_e = [{"eid": e.eid, "start": e.start, "end": e.end, "text": e.text, "class": e.event_class,
              "polarity": e.attrs.get("polarity")} for e in doc.events]
    assert got_e == case["events"]
    assert [[lk.lid, lk.rel_type, lk.source, lk.source_kind, lk.target, lk.target_kind] for lk in doc.tlinks] == \
        case["tlinks"]
    for item in [*doc.timexes, *doc.events]:
        assert doc.text[item.start : item.end] == item.text


@pytest.mark.parametrize(("tokens", "text"), CASES["detokenize"], ids=lambda x: x[:24])
def test_detokenize(tokens: str, text: str) -> None:
    toks = tokens.split(" ")
    got, starts = detokenize(toks)
    assert got == text
    assert [got[s : s + len(t)] for s, t in zip(starts, toks, strict=True)] == toks


@pytest.mark.parametrize(("raw", "normalised"), CASES["normalise"], ids=lambda x: x or "empty")
def test_normalise_value(raw: str, normalised: str) -> None:
    assert normalise_value(raw) == normalised


def test_detection_and_dispatch(tmp_path: Path) -> None:
    assert is_cat_xml((DIR / "pier_fire.xml").read_bytes()[:4096])
    assert not is_cat_xml(b"<?xml version='1.0'?><TimeML><TEXT>x</TEXT></TimeML>")
    shutil.copy(DIR / "pier_fire.xml", tmp_path / "a.xml.xml")
    (tmp_path / "notes.xml").write_text("<notes><note>not gold</note></notes>", encoding="utf-8")
    shutil.copy(FIXTURES / "timeml" / "tiny_news.tml", tmp_path / "b.tml")
    paths = collect_gold_paths(tmp_path)
    assert [p.name for p in paths] == ["a.xml.xml", "b.tml"]
    assert read_gold(paths[0]).doc_id == "a"
    assert read_gold(paths[1]).doc_id == "TINY-NEWS-1"


@pytest.mark.parametrize("source", ["<Document><token t_id='1'>x</token>", "<Other><x/></Other>", "<Document/>"])
def test_unreadable_is_an_input_error(source: str) -> None:
    with pytest.raises(InputError):
        parse_cat_xml(source)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_cat_xml(tmp_path / "nope.xml")


def test_unscored_spans_drop_system_times() -> None:
    """The oracle scores 100; a system time on the date line or an unannotated line is not a false positive."""
    doc = read_cat_xml(DIR / "pier_fire.xml")
    oracle = gold_to_timeline(doc)
    res = score_document(doc, oracle, events=False)
    assert res.timex_relaxed.tp == res.timex_relaxed.gold == res.timex_relaxed.system == 5
    extra = oracle.times[0].model_copy(update={"id": "tx", "start": 270, "end": 276, "text": "Friday"})
    dated = oracle.times[0].model_copy(update={"id": "ty", "start": 55, "end": 68, "text": "March 7, 2014"})
    res = score_document(doc, oracle.model_copy(update={"times": [*oracle.times, extra, dated]}), events=False)
    assert res.timex_relaxed.system == 5 and res.timex_strict.f1 == 1.0


@pytest.mark.corpus
def test_esc_corpus_reads() -> None:
    root = shared_path("corpora", "esc-v1.5")
    paths = collect_gold_paths(root)
    assert len(paths) == 258
    docs = [read_gold(p) for p in paths]
    assert sum(d.dct is not None for d in docs) >= 220
    assert sum(len(d.timexes) for d in docs) >= 600
    for d in docs:
        for t in d.timexes:
            assert d.text[t.start : t.end] == t.text
            assert t.type in {"DATE", "TIME", "DURATION", "SET"}
