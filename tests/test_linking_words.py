"""The linker's word lists (``timeline/resources/linking.yaml``) load, each names the linker constant it is, each has
examples, and every example comes out of the pipeline as it says, and otherwise with its list emptied; malformed
files raise RuleFileError naming the place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import timeline.linking as linking
from timeline.errors import RuleFileError
from timeline.events.lexicon import load_lexicon
from timeline.linking_words import LinkingExample, LinkingWords, load_linking_words

WORDS = load_linking_words()
LISTS = WORDS.lists()
EXAMPLES = WORDS.examples()
SOURCE = yaml.safe_load((Path(linking.__file__).parent / "resources" / "linking.yaml").read_text(encoding="utf-8"))


def _constant(name: str) -> str:
    """The linker's module constant a list is: ``rate_units`` is ``_RATE_UNITS``."""
    return "_" + name.upper()


def _words(entry: Any) -> Any:
    return getattr(entry, "relations", None) or getattr(entry, "particles", None) or entry.words


@pytest.mark.parametrize("name,entry", LISTS, ids=[n for n, _ in LISTS])
def test_list_is_the_linkers(name: str, entry: Any) -> None:
    assert getattr(linking, _constant(name)) == _words(entry)
    assert _words(entry), f"{name} is empty"


@pytest.mark.parametrize("name,entry", LISTS, ids=[n for n, _ in LISTS])
def test_list_has_examples(name: str, entry: Any) -> None:
    assert entry.examples, f"{name} has no example"
    for ex in entry.examples:
        assert all(other in dict(LISTS) for other in ex.masked_by), f"{name}: masked_by names no list"


def test_events_lists_are_the_event_lexicons() -> None:
    """``events_list`` entries are the event lexicon's words, not a copy."""
    events = load_lexicon()
    assert WORDS.not_until.words == events.event_arguments.not_until_predicate.words
    assert WORDS.will.words == next(c.words for c in events.cues if c.name == "modal-will")
    assert SOURCE["will"].get("words") is None and SOURCE["not_until"].get("words") is None


def _outcome(extractor: Any, ex: LinkingExample) -> tuple[Any, ...]:
    tl = extractor.build(ex.text, pub_date=ex.pub_date)
    found = [e for e in tl.events if e.text == ex.event]
    assert found, f"no event {ex.event!r} in {[e.text for e in tl.events]}"
    event = found[-1] if ex.last_mention else found[0]
    entry = next(x for x in tl.timeline if x.event_id == event.id)
    times = {t.id: t for t in tl.times}
    time = times[entry.time_id].text if entry.time_id is not None else None
    return time, entry.relation, entry.rule, entry.evidence, event.factuality


@pytest.mark.model
@pytest.mark.parametrize("name,example", [pytest.param(n, ex, id=f"{n}:{ex.event}") for n, ex in EXAMPLES])
def test_linking_example(name: str, example: LinkingExample, extractor: Any,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    got = _outcome(extractor, example)
    assert got[:3] == (example.time, example.relation, example.rule), f"{name}: {got}"
    if example.evidence is not None:
        assert got[3] == example.evidence, f"{name}: {got}"
    if not example.needs_list:
        return
    for emptied in (name, *example.masked_by):
        old = getattr(linking, _constant(emptied))
        monkeypatch.setattr(linking, _constant(emptied), type(old)())
    assert _outcome(extractor, example) != got, f"{name}: the example comes out the same without the list"


def test_be_forms_date_a_copula_without_lemmas(monkeypatch: pytest.MonkeyPatch) -> None:
    """``be_forms`` is what finds a copula in a Doc without lemmas (the linking fixtures): its examples do not need it."""
    from tests.test_linking import CASES, _run

    (case,) = [c for c in CASES if any(w.get("rule") == "syntax:copula" for w in c["expect"].values())][:1]
    want = {i: w["rule"] for i, w in case["expect"].items() if "rule" in w}
    assert {i: _run(case, parsed=True)[int(i)].rule for i in want} == want
    monkeypatch.setattr(linking, "_BE_FORMS", frozenset())
    assert {i: _run(case, parsed=True)[int(i)].rule for i in want} != want


RAW_BROKEN = [
    ("not a mapping", "- a\n- b\n", "top level"),
    ("bad yaml", "be_forms: [\n", "yaml"),
]
#: one entry of the packaged file replaced: (id, key, value, the place the error names)
BROKEN = [
    ("unknown key", "colour_words", {"words": ["red"]}, "colour_words"),
    ("upper-case word", "be_forms", {"words": ["Is"], "examples": []}, "be_forms.words"),
    ("boolean word", "be_forms", {"words": [True], "examples": []}, "be_forms.words"),
    ("unknown relation", "prep_relation", {"relations": {"since": "sideways"}, "examples": []},
     "prep_relation.relations.since"),
    ("unknown example key", "be_forms", {"words": ["is"], "examples": [
        {"text": "It is.", "pub_date": "2024-06-01", "event": "is", "time": None, "relation": "on", "rule": "x",
         "colour": "red"}]}, "be_forms.examples.0.colour"),
    ("missing list", "rate_units", None, "rate_units"),
    ("both words and events_list", "will", {"words": ["will"], "events_list": "cues.modal-will", "examples": []},
     "will"),
    ("unknown cue", "will", {"events_list": "cues.no-such-cue", "examples": []}, "will.events_list"),
    ("unknown list", "will", {"events_list": "event_arguments.no_such_list", "examples": []}, "will.events_list"),
    ("no word list", "will", {"events_list": "headings", "examples": []}, "will.events_list"),
]


@pytest.mark.parametrize("content,where", [pytest.param(c, w, id=i) for i, c, w in RAW_BROKEN])
def test_broken_file(content: str, where: str, tmp_path: Path) -> None:
    path = tmp_path / "linking.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_linking_words(path)
    assert where in str(err.value)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("key,value,where", [pytest.param(k, v, w, id=i) for i, k, v, w in BROKEN])
def test_broken_entry(key: str, value: Any, where: str, tmp_path: Path) -> None:
    raw = dict(SOURCE)
    if value is None:
        del raw[key]
    else:
        raw[key] = value
    path = tmp_path / "linking.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_linking_words(path)
    assert where in str(err.value)
    assert str(path) in str(err.value)


def test_packaged_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "linking.yaml"
    path.write_text(yaml.safe_dump(SOURCE), encoding="utf-8")
    assert load_linking_words(path) == WORDS


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as err:
        load_linking_words(tmp_path / "none.yaml")
    assert "file" in str(err.value)


def test_model_forbids_unknown_keys() -> None:
    assert LinkingWords.model_config.get("extra") == "forbid"
    assert LinkingExample.model_config.get("extra") == "forbid"


@pytest.mark.parametrize(("narrow", "wide"), [
    ("ordinal_firsts", "first_words"),  # a rank among others: first_words less "only"
    ("offset_point_words", "point_words"),  # point_words less "ago" and "hence"
    ("comparison_words", "ago_words"),  # ago_words: comparison_words and "ago"
])
def test_derived_lists_stay_within_their_list(narrow: str, wide: str) -> None:
    """Lists written out from another (the code once derived them) must not drift from it."""
    assert set(getattr(WORDS, narrow).words) < set(getattr(WORDS, wide).words)
