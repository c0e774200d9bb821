"""Tense cues around an expression: does a bare weekday or month point to the past or the future?

The nearest cue word before the expression in the same sentence decides (else one of the next few words): future cues ("will", "expected", "next",
"could") give +1, past cues ("said", "was", "ago", irregular past verbs, "-ed" forms) give -1. No cue gives None, and
the resolver applies its documented default (weekdays: past; months/quarters/seasons: the nearest occurrence).
"""

from __future__ import annotations

import re

from timeline.temporal.lexicon import Lexicon

_WORD = re.compile(r"[A-Za-z']+")
_LEFT_CHARS = 120
RIGHT_WORDS = 4
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


def _cue(words: list[str], i: int, lex: Lexicon) -> int:
    w = words[i].lower()
    if w in lex.future_cues:
        if w in lex.data.future_participles and any(p.lower() in lex.data.past_auxiliaries for p in words[max(0, i - 2) : i]):
            return -1  # "had been scheduled to expire Friday"
        return 1
    if w in lex.past_cues:
        return -1
    if len(w) > 4 and w.endswith("ed") and w not in lex.not_past_ed:
        return -1
    return 0


def direction(text: str, start: int, end: int, lex: Lexicon) -> int | None:
    """+1 (future), -1 (past) or None (no cue) for the expression at text[start:end].

    The clause before the expression is read first (nearest word first), then at most RIGHT_WORDS words after it.
    """
    left = _WORD.findall(_left_window(text, start))
    for i in range(len(left) - 1, -1, -1):
        c = _cue(left, i, lex)
        if c:
            return c
    right = _WORD.findall(_right_window(text, end))[:RIGHT_WORDS]
    for i in range(len(right)):
        c = _cue(right, i, lex)
        if c:
            return c
    return None
