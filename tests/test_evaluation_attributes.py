"""Polarity and modality scoring of matched events (``timeline eval``): hand-computed tables, CAT XML, the corpus."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import yaml

from timeline.cat_xml import read_cat_xml
from timeline.evaluation import EvalReport, evaluate, normalise_modality, read_gold, score_document
from timeline.models import DocumentInfo, Event, EventClass, Factuality, PipelineInfo, Timeline
from timeline.timeml import GoldDocument, gold_to_timeline, parse_timeml

from tests.fixtures.timeml.spec import locate
from tests.paths import FIXTURES, shared_path

CASES = yaml.safe_load((FIXTURES / "timeml" / "attributes.yaml").read_text(encoding="utf-8"))


def _gold() -> GoldDocument:
    text: str = CASES["gold_text"]
    body, pos, instances = [], 0, []
    for n, e in enumerate(CASES["gold_events"], 1):
        start, end = locate(text, e["text"])
        body.append(text[pos:start] + f'<EVENT eid="e{n}" class="OCCURRENCE">{e["text"]}</EVENT>')
        pos = end
        if "polarity" in e:
            mod = f' modality="{e["modality"]}"' if e.get("modality") else ""
            instances.append(f'<MAKEINSTANCE eventID="e{n}" eiid="ei{n}" polarity="{e["polarity"]}"{mod}/>')
    body.append(text[pos:])
    source = (
        '<?xml version="1.0" ?>\n<TimeML><DOCID>attrs</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-04" '
        'functionInDocument="CREATION_TIME">1998-03-04</TIMEX3></DCT>\n<TEXT>' + "".join(body) + "</TEXT>\n"
        + "\n".join(instances) + "\n</TimeML>\n"
    )
    doc = parse_timeml(source, doc_id="attrs")
    assert doc.text == text
    return doc


def _system(text: str, spec: list[dict[str, Any]]) -> Timeline:
    events = []
    for n, e in enumerate(spec, 1):
        start, end = locate(text, e["text"])
        events.append(Event(id=f"e{n}", start=start, end=end, text=e["text"], lemma=e["text"].lower(), pos="VERB",
                            description=e["text"], sentence_start=0, sentence_end=len(text),
                            factuality=Factuality.NEGATED if e.get("polarity") == "NEG" else Factuality.HAPPENED,
                            event_class=EventClass.OCCURRENCE, tense="PAST", polarity=e.get("polarity", "POS"),
                            modality=e.get("modality"), rule="fixture"))
    return Timeline(document=DocumentInfo(source="fixture", pub_date=dt.date(1998, 3, 4), pub_date_source="cli",
                                          length=len(text)),
                    pipeline=PipelineInfo(spacy_model="fixture", degraded=False, version="0"),
                    text=text, times=[], events=events, timeline=[])


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["name"])
def test_attribute_counts_and_errors(case: dict[str, Any]) -> None:
    gold = _gold()
    res = score_document(gold, _system(gold.text, case["system"]))
    report = EvalReport.from_documents([res])
    assert [report.polarity.scored, report.polarity.correct] == case["polarity"]  # type: ignore[union-attr]
    assert [report.modality.scored, report.modality.correct] == case["modality"]  # type: ignore[union-attr]
    for name in ("polarity_neg", "modality_present"):
        s = getattr(report, name)
        assert [s.tp, s.system, s.gold] == case[name], name
    got = [[e.category, e.kind, e.text, e.gold, e.system] for e in res.errors if e.category in ("polarity", "modality")]
    assert got == case["errors"]
    text, detailed = report.to_text(), report.to_text(errors=True)
    assert "polarity NEG" in text and "modality accuracy" in text
    for e in case["errors"]:
        assert f"{e[0]:<11} {e[1]}" in detailed
    dumped = json.loads(report.model_dump_json())
    assert dumped["polarity_neg"]["tp"] == case["polarity_neg"][0]
    assert "accuracy" in dumped["modality"]


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [(None, None), ("", None), ("none", None), ("NONE", None), ("WOULD", "would"), (" could ", "could"),
     ("have_to", "have to"), ("will", None), ("'ll", None), ("Shall", None), ("set to", "set to")],
)
def test_normalise_modality(raw: str | None, normalised: str | None) -> None:
    assert normalise_modality(raw) == normalised


def test_gold_as_system_agrees_and_timex_only_has_none() -> None:
    gold = _gold()
    report = EvalReport.from_documents([score_document(gold, gold_to_timeline(gold))])
    assert report.polarity is not None and report.polarity.accuracy == 1.0  # noqa: PT018
    assert report.modality is not None and report.modality.accuracy == 1.0  # noqa: PT018
    assert EvalReport.from_documents([score_document(gold, gold_to_timeline(gold), events=False)],
                                     events=False).polarity is None


def test_cat_xml_negation_from_the_markable() -> None:
    gold = read_cat_xml(FIXTURES / "cat_xml" / "pier_fire.xml")
    system = gold_to_timeline(gold)
    flipped = system.model_copy(update={"events": [e.model_copy(update={"polarity": "POS"}) for e in system.events]})
    report = EvalReport.from_documents([score_document(gold, flipped)])
    neg = sum(1 for e in gold.events if e.attrs.get("polarity") == "NEG")
    assert neg >= 1
    assert report.polarity_neg is not None
    assert [report.polarity_neg.tp, report.polarity_neg.system, report.polarity_neg.gold] == [0, 0, neg]
    assert report.modality is not None and report.modality.scored == 0  # noqa: PT018  CAT XML has no modality
    assert "modality accuracy: not annotated" in report.to_text()


def test_corpus_attributes_with_gold_as_system() -> None:
    """Over real gold files (skipped when ../shared/corpora is absent): gold as the system scores 100."""
    tb = sorted(shared_path("corpora", "tbaq-cleaned", "TimeBank").glob("*.tml"))[:5]
    esc = sorted(shared_path("corpora", "esc-v1.5").rglob("*.xml"))[:3]
    paths = tb + esc
    golds = {read_gold(p).text: read_gold(p) for p in paths}
    report = evaluate(paths, lambda text, dct: gold_to_timeline(golds[text]))
    assert report.polarity is not None and report.polarity.scored > 0  # noqa: PT018
    assert report.polarity.accuracy == 1.0
    assert report.modality is not None and report.modality.accuracy == 1.0  # noqa: PT018
    assert report.polarity_neg is not None and report.polarity_neg.f1 in (0.0, 1.0)  # noqa: PT018
