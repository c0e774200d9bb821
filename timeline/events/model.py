"""The trained trigger classifier: an averaged perceptron over token features, shipped as JSON.

``TriggerModel.predict(features)`` labels each candidate token with "O" (no event) or a TimeML class.
Weights are written by ``scripts/train_events.py``; the file records what it was trained on.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np

from timeline.errors import RuleFileError

NO_EVENT = "O"
MODEL_FILES = {
    "parsed": "resources/en/model_parsed.json",  # event or not (+ class) from a parsed Doc
    "class": "resources/en/model_class.json",  # the class of a detected event, from a parsed Doc
    "surface": "resources/en/model_surface.json",  # event or not + class from a blank Doc (degraded)
}


class TriggerModel:
    """Multiclass linear scorer: feature strings -> label, one weight row per feature."""

    def __init__(self, labels: list[str], weights: dict[str, list[float]], meta: dict[str, object], *,
                 rows: np.ndarray | None = None) -> None:
        """``rows``: the weights as an array already (one row per feature, in the dict's order)."""
        self.labels = labels
        self.meta = meta
        offset = meta.get("no_event_offset", 0.0)
        self.no_event_offset = float(offset) if isinstance(offset, (int, float)) else 0.0
        # per-label score offsets tuned on held-out training documents ({"OCCURRENCE": 2.0}: the default class
        # wins close calls); unknown labels are ignored
        bias = meta.get("class_bias") or {}
        self.class_bias = np.zeros(len(labels), dtype=np.float32)
        if isinstance(bias, dict):
            for label, value in bias.items():
                if label in labels and isinstance(value, (int, float)):
                    self.class_bias[labels.index(label)] = float(value)
        self._index = {feat: k for k, feat in enumerate(weights)}
        if rows is None:
            rows = np.asarray(list(weights.values()), dtype=np.float32)
        rows = rows.reshape(len(weights), len(labels))
        self._missing = len(weights)  # unknown features point at a row of zeros
        self._matrix = np.vstack([rows, np.zeros((1, len(labels)), dtype=np.float32)])

    @classmethod
    def load(cls, name: str, path: Path | str | None = None) -> TriggerModel | None:
        """The packaged model of that feature set (None when not shipped), or the file at path."""
        if path is None:
            source = resources.files("timeline.events").joinpath(MODEL_FILES[name])
            if not source.is_file():
                return None
            where, raw = f"timeline/events/{MODEL_FILES[name]}", source.read_text(encoding="utf-8")
        else:
            where = str(path)
            try:
                raw = Path(path).read_text(encoding="utf-8")
            except OSError as err:
                raise RuleFileError(where, "file", str(err)) from err
        try:
            data = json.loads(raw)
            labels = [str(x) for x in data["labels"]]
            weights = data["weights"]
            if not isinstance(weights, dict):
                raise TypeError("weights is not an object")
            # numpy converts and checks the rows at once (a ragged or non-numeric row raises ValueError):
            # much faster at start-up than a Python float() per weight
            rows = np.asarray(list(weights.values()), dtype=np.float32)
        except (ValueError, KeyError, TypeError) as err:
            raise RuleFileError(where, "weights", f"not a trigger model: {err}") from err
        if weights and (rows.ndim != 2 or rows.shape[1] != len(labels)):
            raise RuleFileError(where, "weights", "a weight row does not match the labels")
        meta = {k: v for k, v in data.items() if k not in ("labels", "weights")}
        return cls(labels, weights, meta, rows=rows if weights else None)

    def predict(self, features: list[list[str]]) -> list[str]:
        """One label per candidate."""
        scores = self._scores(features)
        if scores is None:
            return []
        scores[:, 0] -= self.no_event_offset  # tuned for F1 on held-out training documents
        return [self.labels[k] for k in scores.argmax(axis=1)]

    def predict_class(self, features: list[list[str]]) -> list[str]:
        """The best label other than "O" for each candidate (the class of a known event)."""
        scores = self._scores(features)
        if scores is None:
            return []
        return [self.labels[k + 1] for k in scores[:, 1:].argmax(axis=1)]

    def _scores(self, features: list[list[str]]) -> np.ndarray | None:
        if not features:
            return None
        get = self._index.get
        missing = self._missing
        ids = [get(f, missing) for feats in features for f in feats]
        starts = np.cumsum([0] + [len(feats) for feats in features[:-1]])
        return np.add.reduceat(self._matrix[ids], starts, axis=0) + self.class_bias
