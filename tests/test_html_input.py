"""Reading articles: publication dates (rules as data), boilerplate, saved web pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from timeline.document import body_regions, in_regions, load_line_rules
from timeline.html_input import extract_text, looks_like_html, metadata_date
from timeline.pubdate import choose_pub_date, find_text_dates, load_rules, match_example
from timeline.sources import Source, load_article

from tests.paths import FIXTURES

CASES = yaml.safe_load((FIXTURES / "inputs.yaml").read_text(encoding="utf-8"))
INPUTS = FIXTURES / "inputs"
PAGE = FIXTURES / "html" / "harbor-bridge.html"
PAGE_TEXT = FIXTURES / "html" / "harbor-bridge.txt"

RULE_EXAMPLES = [(rule.name, text, expect) for rule in load_rules().rules for text, expect in rule.examples]
LINE_EXAMPLES = [(rule.name, line, True) for rule in load_line_rules() for line in rule.match] + [
    (rule.name, line, False) for rule in load_line_rules() for line in rule.keep]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@pytest.mark.parametrize(("rule_name", "text", "expect"), RULE_EXAMPLES)
def test_pub_date_rule_examples(rule_name: str, text: str, expect: str | None) -> None:
    rule = next(r for r in load_rules().rules if r.name == rule_name)
    assert match_example(text, rule) == expect


@pytest.mark.parametrize(("rule_name", "line", "matches"), LINE_EXAMPLES)
def test_boilerplate_rule_examples(rule_name: str, line: str, matches: bool) -> None:
    rule = next(r for r in load_line_rules() if r.name == rule_name)
    assert bool(rule.pattern.match(line)) is matches
    regions = body_regions(line + "\n")
    assert in_regions(0, len(line), regions) is not matches or any(
        r.pattern.match(line) for r in load_line_rules() if r.name != rule_name)


@pytest.mark.parametrize("case", CASES["choose"], ids=lambda c: c["name"])
def test_choose_pub_date(case: dict[str, object]) -> None:
    finding = find_text_dates(str(case["text"]))
    choice = choose_pub_date(_date(case["given"]), _date(case["metadata"]), finding)  # type: ignore[arg-type]
    assert choice.date == _date(case["expect"])  # type: ignore[arg-type]
    assert choice.source == case["source"]
    assert len(choice.warnings) == case["warnings"], choice.warnings


@pytest.mark.parametrize("case", CASES["load"], ids=lambda c: c["path"])
def test_load_article(case: dict[str, object]) -> None:
    path = INPUTS / str(case["path"])
    kind = {".txt": "text", ".html": "html", ".tml": "timeml"}[path.suffix]
    article = load_article(Source(id=str(path), kind=kind, path=str(path)))  # type: ignore[arg-type]
    assert article.metadata_date == _date(case["metadata"])  # type: ignore[arg-type]
    best = article.text_dates.best
    assert (best.date if best else None) == _date(case["text_date"])  # type: ignore[arg-type]
    if case.get("text_rule"):
        assert best is not None and best.rule == case["text_rule"]
    if case.get("dateline"):
        line = article.text_dates.dateline
        assert line is not None and f"{line.month:02d}-{line.day:02d}" == case["dateline"]
    assert article.regions is not None
    for phrase in case["body_excludes"]:  # type: ignore[attr-defined]
        start = article.text.index(phrase)
        assert not in_regions(start, start + len(phrase), article.regions), phrase


def test_page_text_is_the_article_only() -> None:
    html = PAGE.read_text(encoding="utf-8")
    assert looks_like_html(html)
    text = extract_text(html, str(PAGE))
    assert text == PAGE_TEXT.read_text(encoding="utf-8")
    for furniture in ("Most Read", "Ferry Fares", "All rights reserved", "Share on", "Sign up", "Subscribe", "Photo:"):
        assert furniture not in text
    assert metadata_date(html) == dt.date(2023, 11, 14)


@pytest.mark.model
def test_page_gives_the_same_timeline_as_its_text(extractor) -> None:  # type: ignore[no-untyped-def]
    from timeline.batch import build_document

    from_page = build_document(extractor, Source(id=str(PAGE), kind="html", path=str(PAGE)))
    assert from_page.document.pub_date == dt.date(2023, 11, 14)
    assert from_page.document.pub_date_source == "metadata"
    from_text = build_document(extractor, Source(id=str(PAGE_TEXT), kind="text", path=str(PAGE_TEXT)),
                               pub_date=dt.date(2023, 11, 14))

    def view(tl):  # type: ignore[no-untyped-def]
        events = {e.id: e for e in tl.events}
        return [(events[e.event_id].text, events[e.event_id].description, e.display, e.relation) for e in tl.timeline]

    assert from_page.timeline and view(from_page) == view(from_text)
    dateline_end = from_page.text.index(" - ") + 3
    assert all(t.start >= dateline_end for t in from_page.times), "the dateline's date is not an article time"


def test_not_html() -> None:
    assert not looks_like_html("The <b>council</b> met.\n")
    assert looks_like_html("  <!DOCTYPE html><html><body></body></html>")


def test_page_without_text_is_an_input_error() -> None:
    from timeline.errors import InputError

    with pytest.raises(InputError):
        extract_text("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>", "empty.html")
