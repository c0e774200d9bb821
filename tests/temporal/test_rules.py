"""The rule table: every rule's examples are tagged by that rule; malformed rule data raises RuleFileError."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from timeline.errors import RuleFileError
from tests.temporal.corpus import shared_tagger
from timeline.temporal import TemporalTagger

_TAGGER = shared_tagger()
EXAMPLES = [(rule.name, ex) for rule in _TAGGER.rules.rules for ex in rule.spec.examples]
BROKEN = yaml.safe_load((Path(__file__).resolve().parent / "fixtures" / "broken_rules.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=[f"{r}::{e}" for r, e in EXAMPLES])
def test_rule_examples(tagger: TemporalTagger, rule: str, example: str) -> None:
    times = tagger.tag(example, tagger.rules.example_reference)
    assert rule in {t.rule for t in times}, [(t.text, t.rule) for t in times]


@pytest.mark.parametrize("case", BROKEN["rules"], ids=[c["why"] for c in BROKEN["rules"]])
def test_broken_rule_file(case: dict[str, str]) -> None:
    with pytest.raises(RuleFileError, match=case["error"]):
        TemporalTagger(rules_text=case["yaml"])


@pytest.mark.parametrize("case", BROKEN["lexicon"], ids=[c["why"] for c in BROKEN["lexicon"]])
def test_broken_lexicon(case: dict[str, str]) -> None:
    with pytest.raises(RuleFileError, match=case["error"]):
        TemporalTagger(lexicon_text=case["yaml"])
