from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import spacy
import yaml
from spacy.tokens import Doc

from timeline.linking import Linker, status_from_anchor
from timeline.models import Event, TimeExpression
from tests.paths import FIXTURES

CASES = yaml.safe_load((FIXTURES / "linking.yaml").read_text(encoding="utf-8"))
VOCAB = spacy.blank("en").vocab


def _doc(tokens: list[list[Any]], parsed: bool = True) -> Doc:
    words = [str(t[0]) for t in tokens]
    # a line break is a token of its own ("\n", "\n\n"), with no space on either side
    spaces = [not (w.isspace() or (n + 1 < len(words) and words[n + 1].isspace())) for n, w in enumerate(words)]
    if not parsed:
        doc = Doc(VOCAB, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))
        return doc
    # an optional fifth column is the fine-grained tag ("VBD", "JJS", "MD"), which some rules read
    tags = [str(t[4]) if len(t) > 4 else "" for t in tokens]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[t[1] for t in tokens], deps=[t[2] for t in tokens],
               pos=[t[3] for t in tokens], tags=tags)


def _event(doc: Doc, i: int, spec: dict[str, str]) -> Event:
    tok = doc[i]
    return Event(id=f"e{i}", start=tok.idx, end=tok.idx + len(tok), text=tok.text, lemma=tok.text.lower(),
                 pos=spec.get("pos", "VERB"),
                 description=tok.text, sentence_start=0, sentence_end=len(doc.text), factuality=spec["factuality"],
                 event_class=spec.get("class", "OCCURRENCE"), tense=spec["tense"], aspect=spec.get("aspect", "NONE"),
                 polarity=spec.get("polarity", "POS"), rule="test")


def _time(doc: Doc, n: int, spec: dict[str, Any]) -> TimeExpression:
    first, last = spec["tokens"]
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    # optional: the words that make a duration an offset ("after the shooting"), the days a date covers
    interval = {"first": spec["interval"][0], "last": spec["interval"][1]} if "interval" in spec else None
    return TimeExpression(id=f"t{n}", start=start, end=end, text=doc.text[start:end], type=spec["type"],
                          value=spec["value"], mod=spec.get("mod"), offset=spec.get("offset"), interval=interval,
                          rule="test")


def _inputs(case: dict[str, Any], parsed: bool) -> tuple[Doc, list[Event], list[TimeExpression]]:
    doc = _doc(case["tokens"], parsed)
    events = [_event(doc, int(i), spec) for i, spec in case["events"].items()]
    times = [_time(doc, n, spec) for n, spec in enumerate(case["times"])]
    return doc, events, times


def _run(case: dict[str, Any], parsed: bool, has_pub_date: bool = True) -> dict[int, Any]:
    doc, events, times = _inputs(case, parsed)
    # a case's pub_date, when it has one, is the publication date the linker compares times with
    pub = dt.date.fromisoformat(str(case["pub_date"])) if has_pub_date and "pub_date" in case else None
    links = Linker().link(doc, events, times, has_pub_date=has_pub_date, pub_date=pub)
    return {int(link.event_id[1:]): link for link in links}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_links_from_parse(case: dict[str, Any]) -> None:
    links = _run(case, parsed=True)
    for i, want in case["expect"].items():
        link = links[int(i)]
        assert link.anchor.value == want["anchor"], (case["name"], i, link)
        if "time" in want:
            assert link.time_id == f"t{want['time']}"
        for key in ("rule", "evidence"):
            if key in want:
                assert getattr(link, key) == want[key]
        assert link.relation.value == want["relation"]


STATUS_CASES = [c for c in CASES if any("status" in want for want in c["expect"].values())]


@pytest.mark.parametrize("case", STATUS_CASES, ids=lambda c: c["name"])
def test_status_from_anchor(case: dict[str, Any]) -> None:
    """``status: planned`` in a case's expectation: the status after ``status_from_anchor`` at the case's pub_date."""
    doc, events, times = _inputs(case, parsed=True)
    pub = dt.date.fromisoformat(str(case["pub_date"]))
    links = Linker().link(doc, events, times, has_pub_date=True, pub_date=pub)
    out = status_from_anchor(events, links, {t.id: t for t in times}, pub)
    by_token = {int(ev.id[1:]): ev for ev in out}
    for i, want in case["expect"].items():
        if "status" in want:
            assert by_token[int(i)].factuality.value == want["status"], (case["name"], i)
    assert status_from_anchor(events, links, {t.id: t for t in times}, None) == events


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_without_pub_date_nothing_is_dated(case: dict[str, Any]) -> None:
    links = _run(case, parsed=True, has_pub_date=False)
    for link in links.values():
        assert link.anchor.value in ("time", "none")


@pytest.mark.parametrize("case", CASES[:1], ids=lambda c: c["name"])
def test_blank_parse_links_by_distance(case: dict[str, Any]) -> None:
    links = _run(case, parsed=False)
    link = links[1]
    assert (link.anchor.value, link.time_id, link.rule) == ("time", "t0", "linear")


def test_live_blog_is_decided_for_the_whole_document() -> None:
    """A chunk that holds one timestamp line of a live blog still dates the lines below it when the pipeline says
    the document is a live blog (``is_live_blog``: two stamp lines or more in the whole text)."""
    from timeline.linking import is_live_blog
    from timeline.temporal import TemporalTagger

    tagger = TemporalTagger()
    tag = lambda line: tagger.tag(line, dt.date(2013, 9, 16))  # noqa: E731
    blog = "9:05 a.m. ET\nThe eye crossed the coast.\n\n10:40 a.m. ET\nPower companies reported outages.\n"
    assert is_live_blog(blog, tag)
    assert not is_live_blog("8:44am EDT\nCrews arrived.\n\nThey left at 9 a.m.\n", tag)
    # the stamps may start their entries' lines, a dash after them
    assert is_live_blog("12:20 p.m. - The fire jumps Highway 126.\n\n2:50 p.m. - The governor declares it.\n", tag)
    assert not is_live_blog("12:20 p.m. - The fire jumps Highway 126.\n\nCrews arrived at 2:50 p.m. - too late.\n", tag)
    (case,) = [c for c in CASES if c["name"].startswith("a single stamped line above a story")]
    doc, events, times = _inputs(case, parsed=True)
    links = {link.event_id: link for link in Linker().link(doc, events, times, has_pub_date=True, live_blog=True)}
    assert links["e4"].rule == "narrative:timestamp" and links["e4"].time_id == "t0"
    links = {link.event_id: link for link in Linker().link(doc, events, times, has_pub_date=True, live_blog=False)}
    assert links["e4"].rule == "narrative:previous-sentence"
