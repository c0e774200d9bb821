"""The word lists that code reads from lexicon.yaml by name: each loads, typed and non-empty; a malformed one raises
RuleFileError (the surface behaviour of each list: fixtures/lexicon_lists.yaml)."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest
import yaml

from timeline.errors import RuleFileError
from timeline.temporal.lexicon import Lexicon

_TEXT = resources.files("timeline.temporal").joinpath("resources", "lexicon.yaml").read_text(encoding="utf-8")

#: lexicon entry -> the Lexicon attribute code uses (loaded once per Lexicon)
WORD_SETS = {
    "clock_zones": "clock_zones",
    "lowercase_units": "lowercase_units",
    "second_followers": "second_followers",
    "future_be": "future_be",
    "auxiliaries": "auxiliaries",
    "strong_future_cues": "strong_future_cues",
    "months_periods": "months_periods",
    "name_day_words": "name_day",
    "title_openers": "title_opener",
}


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load()


@pytest.mark.parametrize("entry", list(WORD_SETS))
def test_entry_loads_non_empty(lex: Lexicon, entry: str) -> None:
    raw = getattr(lex.data, entry)
    parts = [raw] if isinstance(raw, list) else [raw.suffixes, raw.words, raw.quotes]
    for part in parts:
        assert part and all(isinstance(w, str) and w for w in part), entry
    built = getattr(lex, WORD_SETS[entry])
    assert isinstance(built, (frozenset, re.Pattern))
    assert getattr(lex, WORD_SETS[entry]) is built  # built once, then cached
    if isinstance(built, frozenset):
        assert built


def test_auxiliaries_include_past_auxiliaries(lex: Lexicon) -> None:
    assert lex.past_auxiliaries < lex.auxiliaries
    assert set(lex.data.auxiliaries).isdisjoint(lex.data.past_auxiliaries)


def test_strong_future_cues_are_future_cues(lex: Lexicon) -> None:
    assert lex.strong_future_cues <= lex.future_cues


@pytest.mark.parametrize(
    ("before", "opens"),
    [("ABC's \"", True), ("viewers' ``", True), ("spoke on ''", True), ("spoke on “", True), ("ABC's", False),
     ("the \"", False), ("upon \"", False)],
)
def test_title_opener(lex: Lexicon, before: str, opens: bool) -> None:
    assert (lex.title_opener.search(before) is not None) is opens


@pytest.mark.parametrize(("text", "named"), [("Today", True), ("Tonight", True), ("Tomorrow", True), ("today", False),
                                             ("Todays", False), ("Yesterday", False)])
def test_name_day(lex: Lexicon, text: str, named: bool) -> None:
    assert (lex.name_day.match(text) is not None) is named


def _with(entry: str, value: Any) -> str:
    data = yaml.safe_load(_TEXT)
    data[entry] = value
    return yaml.safe_dump(data, allow_unicode=True)


BROKEN = [
    ("clock_zones", [], "clock_zones"),
    ("clock_zones", [1830], "clock_zones"),
    ("second_followers", [], "second_followers"),
    ("future_be", "will", "future_be"),
    ("auxiliaries", [], "auxiliaries"),
    ("strong_future_cues", ["will", "maybe"], "strong_future_cues: .*not in future_cues: maybe"),
    ("months_periods", ["P9Y"], "months_periods: .*P<n>M"),
    ("months_periods", [], "months_periods"),
    ("title_openers", {"suffixes": ["'s"], "words": ["on"]}, "title_openers.quotes"),
    ("title_openers", {"suffixes": ["'s"], "words": [], "quotes": ["\""]}, "title_openers.words"),
    ("title_openers", {"suffixes": ["'s"], "words": ["on"], "quotes": ["\""], "colour": "red"}, "title_openers.colour"),
    ("name_day_words", ["USA Today"], "name_day_words: .*one lowercase word"),
    ("name_day_words", None, "name_day_words"),
]


@pytest.mark.parametrize(("entry", "value", "error"), BROKEN, ids=[f"{e}={v!r}" for e, v, _ in BROKEN])
def test_malformed_entry(entry: str, value: Any, error: str) -> None:
    with pytest.raises(RuleFileError, match=f"lexicon.yaml: {error}"):
        Lexicon.load(_with(entry, value))


@pytest.mark.parametrize("entry", list(WORD_SETS))
def test_missing_entry(entry: str) -> None:
    data = yaml.safe_load(_TEXT)
    del data[entry]
    with pytest.raises(RuleFileError, match=f"lexicon.yaml: {entry}"):
        Lexicon.load(yaml.safe_dump(data, allow_unicode=True))
