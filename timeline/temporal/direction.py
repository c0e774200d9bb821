"""Learned direction for underspecified dates: does a bare weekday, month, "month day", season or quarter point to
the occurrence before the publication date or the one after it?

A small logistic regression over cheap plain-text features (the words around the expression, the nearest verb form,
the hand-rule tense cue of cues.py, how far each candidate occurrence lies from the reference). Its weights are data
(resources/direction.json, written by scripts/train_temporal.py from tbaq-cleaned); the hand rules in anchor.py stay
the fallback when the file is absent or the expression has no two distinct candidates.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from timeline.errors import RuleFileError
from timeline.temporal.cues import evidence, sentence_words
from timeline.temporal.lexicon import Lexicon

MODEL_FILE = "direction.json"
_DAY_BUCKETS = (0, 1, 3, 7, 14, 31, 62, 122, 183, 274, 366)
_LEFT_WORDS = 6
_RIGHT_WORDS = 3
LEXICAL = True
_AUX = frozenset({"will", "would", "is", "are", "was", "were", "be", "been", "has", "have", "had", "to", "did", "does", "do"})


def _bucket(days: int) -> str:
    for b in _DAY_BUCKETS:
        if days <= b:
            return str(b)
    return "more"


@dataclass(slots=True)
class Choice:
    """The two occurrences an underspecified date may denote, as days from the reference (both >= 0)."""

    kind: str  # weekday, month, day, season, quarter, half, holiday
    past_days: int
    future_days: int
    hand: int = 0  # the hand rules' decision: +1 future, -1 past


def features(text: str, start: int, end: int, lex: Lexicon, choice: Choice) -> list[str]:
    """Binary features (names) of the expression at text[start:end] for a past/future decision."""
    kind = choice.kind
    cue, cue_word, where = evidence(text, start, end, lex)
    cue_s = "0" if cue is None else ("+" if cue > 0 else "-")
    pb, fb = _bucket(choice.past_days), _bucket(choice.future_days)
    nearer = "past" if choice.past_days <= choice.future_days else "future"
    hand = "+" if choice.hand > 0 else "-"
    f = [
        f"hand={hand}",
        f"hand={hand}|{kind}",
        f"kind={kind}",
        f"cue={cue_s}",
        f"cue={cue_s}|{where}",
        f"cue={cue_s}|{kind}",
        f"past={pb}|{kind}",
        f"future={fb}|{kind}",
        f"nearer={nearer}|{kind}",
        f"nearer={nearer}|cue={cue_s}",
        f"cue={cue_s}|past={pb}",
        f"cue={cue_s}|future={fb}",
        f"hand={hand}|past={pb}",
        f"hand={hand}|future={fb}",
    ]
    if cue_word:
        f.append(f"cue_word={cue_word}")
    left, right = sentence_words(text, start, end, lex)
    left = [w.lower() for w in left[-_LEFT_WORDS:]]
    right = [w.lower() for w in right[:_RIGHT_WORDS]]
    if LEXICAL:
        f.append(f"p1={left[-1] if left else '<s>'}")
        f.append(f"n1={right[0] if right else '</s>'}")
        if len(left) >= 2:
            f.append(f"p2={left[-2]} {left[-1]}")
    for w in left:
        if w in _AUX or w in lex.future_cues or w in lex.past_cues:
            f.append(f"L={w}")
    for i, w in enumerate(left):
        if w == "to" and i + 1 < len(left):
            f.append("to_infinitive")
            f.append(f"to_infinitive|cue={cue_s}")
            break
    verb = next((w for w in reversed(left) if len(w) > 4 and w.endswith(("ed", "ing"))), None)
    if verb is not None:
        f.append(f"left_verb_{'ed' if verb.endswith('ed') else 'ing'}")
    for w in right:
        if w in _AUX or w in lex.future_cues or w in lex.past_cues:
            f.append(f"R={w}")
    if right and len(right[0]) > 4 and right[0].endswith("ed"):
        f.append("right_ed")
    if not left:
        f.append("sentence_start")
    return f


@dataclass(slots=True)
class DirectionModel:
    """A binary logistic regression: score > 0 means the future occurrence."""

    weights: dict[str, float]
    bias: float = 0.0
    info: dict[str, Any] = field(default_factory=dict)

    def score(self, feats: list[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(x, 0.0) for x in feats)

    def probability_future(self, feats: list[str]) -> float:
        s = self.score(feats)
        return 1.0 / (1.0 + math.exp(-s)) if s > -60 else 0.0

    def to_json(self) -> str:
        data = {"info": self.info, "bias": round(self.bias, 5),
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}}
        return json.dumps(data, indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = MODEL_FILE) -> DirectionModel:
        try:
            data = json.loads(text)
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            return cls(weights=weights, bias=float(data.get("bias", 0.0)), info=dict(data.get("info", {})))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RuleFileError(source, "direction model", str(exc)) from exc

    @classmethod
    def load(cls) -> DirectionModel | None:
        """The shipped model, or None when the package carries no resources/direction.json."""
        try:
            text = resources.files("timeline.temporal").joinpath("resources", MODEL_FILE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return cls.from_json(text)
