"""TempEval-3 evaluation: hand-computed reports on hand-written fixtures, alignment edge cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline.errors import InputError
from timeline.evaluation import EvalReport, align, collect_gold_paths, evaluate, system_pub_date
from timeline.models import Timeline
from timeline.timeml import gold_to_timeline, read_timeml

from tests.fixtures.timeml.spec import build_timeline
from tests.paths import FIXTURES

DIR = FIXTURES / "timeml"
SCORING = yaml.safe_load((DIR / "scoring.yaml").read_text(encoding="utf-8"))
METRICS = (
    "timex_strict", "timex_relaxed", "timex_value", "timex_type", "event_strict", "event_relaxed", "event_class"
)
ANCHORS = ("anchor_time", "anchor_dct")


def _system(documents: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A system callable answering each fixture text from its spec ('gold' = the gold annotation)."""
    by_text = {}
    for name, spec in documents.items():
        doc = read_timeml(DIR / name)
        by_text[doc.text] = (doc, spec)

    def system(text: str, pub_date: dt.date | None) -> Timeline:
        doc, spec = by_text[text]
        assert pub_date == doc.dct
        return gold_to_timeline(doc) if spec == "gold" else build_timeline(text, pub_date, spec)

    return system


def _run(case: dict[str, Any]) -> EvalReport:
    paths = [DIR / name for name in case["documents"]]
    seen: list[str] = []
    report = evaluate(paths, _system(case["documents"]), events=case.get("events", True), on_document=seen.append)
    assert len(seen) == len(paths) == report.n_docs
    return report


@pytest.mark.parametrize("case", SCORING["cases"], ids=lambda c: c["name"])
def test_report_counts(case: dict[str, Any]) -> None:
    report = _run(case)
    for name in METRICS:
        score = getattr(report, name)
        want = case["expect"][name]
        assert (None if score is None else [score.tp, score.system, score.gold]) == want, name
    for name in ANCHORS:
        a = getattr(report, name)
        want = case["expect"][name]
        assert (None if a is None else [a.gold, a.found, a.correct]) == want, name


@pytest.mark.parametrize("case", SCORING["cases"], ids=lambda c: c["name"])
def test_report_ratios(case: dict[str, Any]) -> None:
    report = _run(case)
    for field in ("precision", "recall", "f1"):
        for name, want in case.get(field, {}).items():
            assert round(100 * getattr(getattr(report, name), field), 2) == pytest.approx(want), (field, name)
    for name, want in case.get("accuracy", {}).items():
        assert round(100 * getattr(report, name).accuracy, 2) == pytest.approx(want), name
    if "value_accuracy" in case:
        assert round(100 * report.timex_value_accuracy, 2) == pytest.approx(case["value_accuracy"])
    # value F1 is value accuracy x relaxed F1 (the TempEval-3 identity)
    assert report.timex_value.f1 == pytest.approx(report.timex_value_accuracy * report.timex_relaxed.f1)


@pytest.mark.parametrize("case", SCORING["cases"], ids=lambda c: c["name"])
def test_report_errors(case: dict[str, Any]) -> None:
    report = _run(case)
    by_doc = {Path(d.path or "").name: d for d in report.documents}
    for name, want in case.get("errors", {}).items():
        got = [[e.category, e.kind, e.text] for e in by_doc[name].errors]
        assert got == want, name
    for name in case.get("error_free", []):
        assert by_doc[name].errors == [], name


@pytest.mark.parametrize("case", SCORING["cases"], ids=lambda c: c["name"])
def test_report_text(case: dict[str, Any]) -> None:
    report = _run(case)
    plain, detailed = report.to_text(), report.to_text(errors=True)
    assert f"{report.n_docs} document" in plain
    assert "timex relaxed" in plain
    assert ("event class" in plain) == case.get("events", True)
    n_errors = sum(len(d.errors) for d in report.documents)
    assert detailed.count("\n") - plain.count("\n") >= n_errors
    for d in report.documents:
        assert (f"== {d.doc_id}" in detailed) == bool(d.errors)


def test_select_splits_the_micro_average() -> None:
    case = next(c for c in SCORING["cases"] if c["name"] == "micro-average-over-two-documents")
    report = _run(case)
    parts = [report.select(lambda d, n=n: Path(d.path or "").name == n) for n in case["documents"]]
    for name in METRICS:
        total = getattr(report, name)
        assert sum(getattr(p, name).tp for p in parts) == total.tp
        assert sum(getattr(p, name).gold for p in parts) == total.gold


@pytest.mark.parametrize("case", SCORING["alignment"], ids=lambda c: c["name"])
def test_alignment(case: dict[str, Any]) -> None:
    class Span:
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    gold = [Span(*s) for s in case["gold"]]
    system = [Span(*s) for s in case["system"]]
    assert align(gold, system) == {int(k): v for k, v in case["expect"].items()}


def test_collect_gold_paths(tmp_path: Path) -> None:
    assert collect_gold_paths(DIR) == sorted(DIR.glob("*.tml"))
    assert collect_gold_paths(DIR / "tiny_news.tml") == [DIR / "tiny_news.tml"]
    (tmp_path / "sub").mkdir()
    with pytest.raises(InputError):
        collect_gold_paths(tmp_path)
    with pytest.raises(InputError):
        collect_gold_paths(tmp_path / "missing")


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("BEIRUT, June 3, 2013 - Talks resumed on Monday.", dt.date(2013, 6, 5), dt.date(2013, 6, 5)),  # the DCT wins
        ("Posted: June 12, 2013\nA trial date has been set.", None, dt.date(2013, 6, 12)),  # no DCT: the text's date
        ("Talks resumed on Monday.", None, None),  # neither
    ],
)
def test_system_pub_date(text: str, dct: dt.date | None, expected: dt.date | None) -> None:
    assert system_pub_date(text, dct) == expected
