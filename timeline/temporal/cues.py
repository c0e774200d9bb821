"""Tense cues around an expression: does a bare weekday or month point to the past or the future?

The nearest cue word in the same sentence decides (left side wins ties): future cues ("will", "expected", "next",
"could") give +1, past cues ("said", "was", "ago", irregular past verbs, "-ed" forms) give -1. No cue gives None, and
the resolver applies its documented default (weekdays: past; months/quarters/seasons: the nearest occurrence).
"""

from __future__ import annotations

import re

from timeline.temporal.lexicon import Lexicon

_WORD = re.compile(r"[A-Za-z']+")
_LEFT_CHARS = 120
_RIGHT_CHARS = 80
_SENTENCE_END = re.compile(r"[.!?]['\"`]*\s+(?=\S)|\n\s*\n")


def _left_window(text: str, start: int) -> str:
    window = text[max(0, start - _LEFT_CHARS) : start]
    cut = 0
    for m in _SENTENCE_END.finditer(window):
        cut = m.end()
    return window[cut:]


def _right_window(text: str, end: int) -> str:
    window = text[end : end + _RIGHT_CHARS]
    m = _SENTENCE_END.search(window)
    return window[: m.start()] if m else window


def _cue(word: str, lex: Lexicon) -> int:
    w = word.lower()
    if w in lex.future_cues:
        return 1
    if w in lex.past_cues:
        return -1
    if len(w) > 4 and w.endswith("ed") and w not in lex.not_past_ed:
        return -1
    return 0


def direction(text: str, start: int, end: int, lex: Lexicon) -> int | None:
    """+1 (future), -1 (past) or None (no cue) for the expression at text[start:end]."""
    left = _WORD.findall(_left_window(text, start))
    right = _WORD.findall(_right_window(text, end))
    for dist in range(max(len(left), len(right))):
        if dist < len(left):
            c = _cue(left[-1 - dist], lex)
            if c:
                return c
        if dist < len(right):
            c = _cue(right[dist], lex)
            if c:
                return c
    return None
