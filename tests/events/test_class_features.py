"""Table-driven tests of the class model's argument-structure features (fixtures/class_features.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
import yaml
from spacy.tokens import Doc

from timeline.events.features import DocColumns, class_features
from timeline.events.lexicon import load_lexicon

CASES = yaml.safe_load((Path(__file__).resolve().parent / "fixtures" / "class_features.yaml").read_text(encoding="utf-8"))
VOCAB = spacy.blank("en").vocab


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_class_features(case: dict[str, Any]) -> None:
    toks = case["tokens"]
    doc = Doc(VOCAB, words=[str(t[0]) for t in toks], heads=[t[1] for t in toks], deps=[t[2] for t in toks],
              pos=[t[3] for t in toks], lemmas=[t[4] for t in toks])
    feats = class_features(DocColumns.of(doc), [case["token"]], load_lexicon())[0]
    for f in case.get("has", []):
        assert f in feats, (f, feats)
    for f in case.get("lacks", []):
        assert f not in feats, (f, feats)
