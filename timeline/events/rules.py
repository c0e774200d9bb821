"""Rule-based trigger detection (used when no trained weights are available).

Parsed Docs: verbs (but weak/light verbs), event nouns, predicative state adjectives.
Degraded Docs (no tagger): word-list lookups on the surface form and its crude stem.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from timeline.events.lexicon import Lexicon
from timeline.events.spans import Trigger
from timeline.models import EventClass

STATE_ADJ_CLASSES = frozenset({EventClass.STATE, EventClass.I_STATE})


def rule_class(lexicon: Lexicon, lemma: str) -> EventClass:
    return lexicon.class_of(lemma) or EventClass.OCCURRENCE


def detect_parsed(doc: Doc, lexicon: Lexicon, allowed: list[bool]) -> list[Trigger]:
    out: list[Trigger] = []
    for tok in doc:
        if not allowed[tok.i]:
            continue
        found = _parsed_token(tok, lexicon)
        if found is not None:
            out.append(Trigger(tok.i, tok.i, found[0], found[1]))
    return out


def _parsed_token(tok: Token, lexicon: Lexicon) -> tuple[EventClass, str] | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        if lemma in lexicon.weak_verbs:
            return None
        return rule_class(lexicon, lemma), "rule:verb"
    if tok.pos_ == "NOUN" and lexicon.is_event_noun(lemma):
        return rule_class(lexicon, lemma), "rule:event-noun"
    if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd"):
        cls = lexicon.class_of(lemma)
        if cls in STATE_ADJ_CLASSES:
            return cls, "rule:state-adjective"
    return None


def crude_stems(word: str) -> list[str]:
    """Candidate lemmas of a surface form without a lemmatizer: 'launches' -> launche, launch."""
    w = word.lower()
    out = [w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            out.append(w[: len(w) - len(suffix)] + repl)
    if len(w) > 5 and w.endswith(("ed", "ing")):
        stem = w[:-2] if w.endswith("ed") else w[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])  # stopped -> stop
    return out


def detect_degraded(doc: Doc, lexicon: Lexicon, allowed: list[bool]) -> list[Trigger]:
    verbs = set().union(*(w.lemmas for w in lexicon.classes.values()))
    out: list[Trigger] = []
    for tok in doc:
        if not allowed[tok.i] or not tok.is_alpha or len(tok.text) < 3:
            continue
        for stem in crude_stems(tok.text):
            if stem in lexicon.weak_verbs or stem in lexicon.non_event_nouns:
                break
            if stem in verbs or stem in lexicon.event_nouns.lemmas:
                out.append(Trigger(tok.i, tok.i, rule_class(lexicon, stem), "degraded:wordlist"))
                break
        else:
            low = tok.lower_
            if len(low) > 5 and low.endswith("ed") and not tok.is_title and low not in lexicon.non_event_nouns:
                out.append(Trigger(tok.i, tok.i, EventClass.OCCURRENCE, "degraded:past-suffix"))
    return out
