"""Trigger detection with the trained classifier: candidates -> features -> labels -> triggers."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from timeline.events.features import (
    DocColumns,
    class_features,
    parsed_candidates,
    parsed_features,
    surface_candidates,
    surface_features,
)
from timeline.events.lexicon import Lexicon
from timeline.events.model import NO_EVENT, TriggerModel
from timeline.events.spans import Trigger
from timeline.models import EventClass


def detect_with_model(
    doc: Doc,
    model: TriggerModel,
    lexicon: Lexicon,
    allowed: Sequence[bool],
    *,
    parsed: bool,
    class_model: TriggerModel | None = None,
) -> list[Trigger]:
    """Label candidate tokens; with a parsed Doc a dedicated class model (if given) re-decides the class."""
    if parsed:
        cols = DocColumns.of(doc)
        cands = parsed_candidates(cols, allowed)
        feats = parsed_features(cols, cands, lexicon)
        labels = model.predict(feats)
        rule = "model:parsed"
        if class_model is not None:
            found = [k for k, label in enumerate(labels) if label != NO_EVENT]
            cfeats = class_features(cols, [cands[k] for k in found], lexicon, [feats[k] for k in found])
            for k, label in zip(found, class_model.predict_class(cfeats)):
                labels[k] = label
    else:
        cands = surface_candidates(doc, allowed)
        labels = model.predict(surface_features(doc, cands, lexicon))
        rule = "degraded:model-surface"
    return [Trigger(i, i, EventClass(label), rule) for i, label in zip(cands, labels) if label != NO_EVENT]
