"""TimeML reading and writing: hand-written fixtures, odd and unreadable files, round trips, the TBAQ corpus."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline.errors import InputError
from timeline.timeml import gold_to_timeline, parse_timeml, read_timeml, to_timeml

from tests.fixtures.timeml.spec import build_timeline
from tests.paths import FIXTURES, shared_path

DIR = FIXTURES / "timeml"
READER = yaml.safe_load((DIR / "reader.yaml").read_text(encoding="utf-8"))
ROUNDTRIP = yaml.safe_load((DIR / "roundtrip.yaml").read_text(encoding="utf-8"))


def _bytes(escaped: str) -> bytes:
    return codecs.escape_decode(escaped.encode("utf-8"))[0]


@pytest.mark.parametrize("case", READER["documents"], ids=lambda c: c["file"])
def test_read_fixture(case: dict[str, Any]) -> None:
    doc = read_timeml(DIR / case["file"])
    assert doc.doc_id == case["doc_id"]
    assert doc.dct == (dt.date.fromisoformat(case["dct"]) if case["dct"] else None)
    assert doc.dct_value == case["dct_value"]
    assert doc.dct_tid == case["dct_tid"]
    assert doc.text == case["text"]
    got_t = [
        {k: getattr(t, k) for k in ("tid", "start", "end", "text", "type", "value", "mod", "anchor_time_id")}
        for t in doc.timexes
    ]
    assert got_t == case["timexes"]
    got_e = [
        {"eid": e.eid, "start": e.start, "end": e.end, "text": e.text, "class": e.event_class} for e in doc.events
    ]
    assert got_e == case["events"]
    for inst in case["instances"]:
        got = doc.instances[inst["eiid"]]
        assert {k: getattr(got, k) for k in inst} == inst
    got_l = [[lk.lid, lk.rel_type, lk.source, lk.source_kind, lk.target, lk.target_kind] for lk in doc.tlinks]
    assert got_l == case["tlinks"]
    for item in [*doc.timexes, *doc.events]:
        assert doc.text[item.start : item.end] == item.text


@pytest.mark.parametrize("case", READER["unreadable"], ids=lambda c: c["name"])
def test_unreadable_file_is_an_input_error(case: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "doc.tml"
    if case.get("make") == "directory":
        target.mkdir()
    elif "bytes" in case:
        target.write_bytes(_bytes(case["bytes"]))
    with pytest.raises(InputError, match="doc.tml"):
        read_timeml(target)


@pytest.mark.parametrize("case", READER["lenient"], ids=lambda c: c["name"])
def test_lenient_reading(case: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "doc.tml"
    target.write_bytes(_bytes(case["bytes"]))
    doc = read_timeml(target)
    assert doc.text == case["text"]
    spans = {t.tid: (t.start, t.end) for t in doc.timexes} | {e.eid: (e.start, e.end) for e in doc.events}
    assert spans == {ident: (start, end) for ident, start, end in case["spans"]}


@pytest.mark.parametrize("case", ROUNDTRIP["cases"], ids=lambda c: c["name"])
def test_to_timeml_round_trip(case: dict[str, Any]) -> None:
    pub = dt.date.fromisoformat(case["pub_date"]) if case["pub_date"] else None
    tl = build_timeline(case["text"], pub, case)
    back = parse_timeml(to_timeml(tl, doc_id="roundtrip"))
    assert back.doc_id == "roundtrip"
    assert back.text == tl.text
    assert back.dct == pub
    assert back.dct_tid == ("t0" if pub else None)
    assert [(t.tid, t.start, t.end, t.type, t.value, t.mod) for t in back.timexes] == [
        (t.id, t.start, t.end, str(t.type), t.value, t.mod) for t in sorted(tl.times, key=lambda t: (t.start, -t.end))
    ]
    kept = sorted((e for e in tl.events if e.id not in case["dropped"]), key=lambda e: (e.start, -e.end))
    assert [(e.eid, e.start, e.end, e.event_class) for e in back.events] == [
        (e.id, e.start, e.end, str(e.event_class)) for e in kept
    ]
    assert sorted(inst.event_id for inst in back.instances.values()) == sorted(e.id for e in kept)
    assert sorted([lk.source, lk.rel_type, lk.target] for lk in back.tlinks) == sorted(case["links"])


@pytest.mark.parametrize("name", [c["file"] for c in READER["documents"]])
def test_gold_round_trip(name: str) -> None:
    doc = read_timeml(DIR / name)
    back = parse_timeml(to_timeml(gold_to_timeline(doc)))
    assert back.text == doc.text
    assert [(t.tid, t.start, t.end, t.value) for t in back.timexes] == [
        (t.tid, t.start, t.end, t.value) for t in doc.timexes
    ]
    assert [(e.eid, e.start, e.end, e.event_class) for e in back.events] == [
        (e.eid, e.start, e.end, e.event_class) for e in doc.events
    ]


@pytest.mark.corpus
def test_tbaq_offsets_round_trip() -> None:
    """Every TIMEX3 and EVENT of TBAQ-cleaned: text[start:end] is the annotated text; every TLINK end resolves."""
    root = shared_path("corpora", "tbaq-cleaned")
    paths = sorted(root.rglob("*.tml"))
    assert len(paths) > 0
    n_timex = 0
    for path in paths:
        doc = read_timeml(path)
        assert doc.dct is not None, path.name
        known = {t.tid for t in doc.timexes} | {e.eid for e in doc.events} | {doc.dct_tid}
        for item in [*doc.timexes, *doc.events]:
            assert item.text.strip() and doc.text[item.start : item.end] == item.text, (path.name, item)
        for lk in doc.tlinks:
            assert lk.source in known and lk.target in known, (path.name, lk.lid)
        n_timex += len(doc.timexes)
    assert n_timex > 0
