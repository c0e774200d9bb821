"""The packaged word lists and weights load; malformed files raise RuleFileError naming the place;
every example in the lexicon comes out of the extractor as it says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from timeline.errors import RuleFileError
from timeline.events import EventExtractor
from timeline.events.lexicon import LexiconExample, load_lexicon
from timeline.events.model import MODEL_FILES, TriggerModel

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = yaml.safe_load((FIXTURES / "broken_resources.yaml").read_text(encoding="utf-8"))
EXAMPLES = load_lexicon().examples()


@pytest.mark.parametrize("name", sorted(MODEL_FILES))
def test_packaged_model_loads(name: str) -> None:
    model = TriggerModel.load(name)
    assert model is not None, f"{MODEL_FILES[name]} is not shipped"
    assert model.labels[0] == "O"
    assert model.meta.get("trained_on")


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in BROKEN["lexicons"]])
def test_broken_lexicon(case: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(case["content"], encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_lexicon(path)
    assert case["where"] in str(err.value)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in BROKEN["models"]])
def test_broken_model(case: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(case["content"], encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        TriggerModel.load("parsed", path)
    assert case["where"] in str(err.value)


@pytest.mark.model
@pytest.mark.parametrize("where,example", [pytest.param(w, ex, id=f"{w}:{ex.trigger}") for w, ex in EXAMPLES])
def test_lexicon_example(where: str, example: LexiconExample, events_nlp: Language,
                         event_extractor: EventExtractor) -> None:
    events = event_extractor.extract(events_nlp(example.text))
    found = [e for e in events if e.text == example.trigger]
    assert not [e.text for e in events if e.text in example.absent], f"{where}: {[e.rule for e in events]}"
    assert found, f"{where}: no event {example.trigger!r} in {[e.text for e in events]}"
    if example.event_class is not None:
        assert found[0].event_class == example.event_class, f"{where}: {found[0].rule}"
    if example.factuality is not None:
        assert found[0].factuality == example.factuality, f"{where}: {found[0].rule}"
    if example.polarity is not None:
        assert found[0].polarity == example.polarity, f"{where}: {found[0].rule}"
    if example.rule is not None:
        assert example.rule in found[0].rule, f"{where}: {found[0].rule}"
    if example.description is not None:
        assert example.description in found[0].description, f"{where}: {found[0].description!r}"


@pytest.mark.parametrize("where,words", [pytest.param(w, ws, id=w) for w, ws in load_lexicon().factuality_lists()])
def test_factuality_list_has_examples(where: str, words: Any) -> None:
    """Each word list the factuality resolver reads carries an example that goes through the rule that reads it."""
    assert words.examples, f"{where} has no example"
    assert all(ex.rule for ex in words.examples), f"{where}: an example names no rule"
