"""Candidates that are not events: the tokens of section headings, attributive modifier adjectives.

The rules are data (``headings``, ``future_modifiers`` and ``non_event_modifiers`` in
``resources/en/lexicon.yaml``); the cases are in ``tests/events/fixtures/sentences.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from timeline.events.describe import genitive_participle
from timeline.events.tense import FINITE_TAGS
from timeline.events.lexicon import HeadingRule, Lexicon
from timeline.events.spans import Trigger



def _lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of every non-blank line, surrounding spaces left out."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
        pos += len(line)
    return out


def _is_prose(text: str, rule: HeadingRule) -> bool:
    return text[-1] in rule.final_punctuation


def _looks_like_heading(tokens: list[Token], text: str, rule: HeadingRule) -> bool:
    """Short, no final punctuation, mostly capitalised words, no finite verb."""
    if _is_prose(text, rule):
        return False
    words = [t for t in tokens if t.is_alpha]
    if not words or len(words) > rule.max_words:
        return False
    content = [t for t in words if t.lower_ not in rule.minor_words]
    if len(content) < 2:
        return False
    capitalised = sum(1 for t in content if t.text[0].isupper())
    if capitalised < rule.min_capitalised * len(content):
        return False
    return not any(t.tag_ in FINITE_TAGS or "Fin" in t.morph.get("VerbForm") for t in tokens)


def heading_tokens(doc: Doc, rule: HeadingRule, *, after_prose: bool = False, more_after: bool = False) -> set[int]:
    """Indices of the tokens on heading lines that follow a line of prose (a parsed Doc).

    A headline before the first line of prose (the article's title, after any URL, date or byline
    lines) is not a heading: it keeps its events. A heading stands as a paragraph of its own: a blank line
    or the end of a sentence before it, and a blank line or a capitalised line after it; a line of
    hard-wrapped prose ("President Joe Biden and Prime Minister Kishida's meeting" / "in Washington on
    April 10 ...") is none. ``after_prose``: the Doc is a later chunk of a document, prose came before it;
    ``more_after``: the document goes on after the Doc (its last line may be a heading too).
    """
    text = doc.text
    lines = _lines(text)
    if len(lines) < 3 - after_prose:
        return set()
    by_line: list[list[Token]] = [[] for _ in lines]
    k = 0
    for tok in doc:
        while k < len(lines) and lines[k][1] <= tok.idx:
            k += 1
        if k == len(lines):
            break
        if lines[k][0] <= tok.idx:
            by_line[k].append(tok)
    out: set[int] = set()
    seen_prose = after_prose
    for k, (start, end) in enumerate(lines):
        line = text[start:end]
        if seen_prose and (k + 1 < len(lines) or more_after) and _own_paragraph(text, lines, k, rule) and _looks_like_heading(
                by_line[k], line, rule):
            out.update(t.i for t in by_line[k])
        elif _is_prose(line, rule):
            seen_prose = True
    return out


def _own_paragraph(text: str, lines: list[tuple[int, int]], k: int, rule: HeadingRule) -> bool:
    """Does line k stand apart: a blank line or a finished sentence before it, a blank line or a capital after it?"""
    start, end = lines[k]
    before = k == 0 or "\n\n" in text[lines[k - 1][1] : start].replace("\r", "") or _is_prose(
        text[lines[k - 1][0] : lines[k - 1][1]], rule)
    if k + 1 == len(lines):
        return before  # the last line of a chunk: the next chunk starts a paragraph
    nxt_start = lines[k + 1][0]
    after = "\n\n" in text[end:nxt_start].replace("\r", "") or text[nxt_start : nxt_start + 1].isupper()
    return before and after


def is_modifier(doc: Doc, trig: Trigger, lexicon: Lexicon) -> bool:
    """An attributive adjective that places or hedges its noun ("a forthcoming statement"), or such a participle
    after a possessive that the parser took for a verb ("Kroman Foods' proposed acquisition")."""
    if trig.first != trig.last:
        return False
    tok = doc[trig.first]
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and genitive_participle(tok) is not None:  # "Kroman Foods' proposed acquisition" misparsed
        key = tok.lower_  # the participle as written
    elif tok.pos_ == "ADJ" and tok.dep_ == "amod":
        key = lemma
    else:
        return False
    return key in lexicon.future_modifiers.lemmas or key in lexicon.non_event_modifiers


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alts = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


def boilerplate_tokens(doc: Doc, lexicon: Lexicon) -> set[int]:
    """Indices of the tokens of clauses that appeal for witnesses or give a helpline (``boilerplate`` in the
    lexicon: "Anyone with information can call 101 quoting log 0187"): no story events there. With a parse only the
    appeal's clause, so a story clause joined to it keeps its events; without one the whole sentence."""
    pattern = _phrase_pattern(lexicon.boilerplate.words)
    if pattern is None or not doc.has_annotation("SENT_START"):
        return set()
    out: set[int] = set()
    parsed = doc.has_annotation("DEP")
    for sent in doc.sents:
        for m in pattern.finditer(sent.text):
            tok = next((t for t in sent if t.idx >= sent.start_char + m.start()), None)
            if not parsed or tok is None:
                out.update(range(sent.start, sent.end))
                continue
            out.update(_clause_of(tok))
    return out


#: the arcs that open a clause of its own, whose tokens an appeal in another clause does not mask
_OWN_CLAUSE = frozenset({"ROOT", "conj", "advcl", "parataxis", "relcl"})  # not ccomp: "Police said anyone ..." goes


def _clause_of(tok: Token) -> set[int]:
    """The tokens of the clause that holds ``tok``: its nearest verb's subtree, less the conjoined or parallel clauses
    of that verb ("A man was arrested on Friday and police are appealing to anyone with information": only the
    appeal)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in _OWN_CLAUSE:
        if verb.head.i == verb.i:
            break
        verb = verb.head
    own = {t.i for t in verb.subtree}
    for child in verb.children:
        if child.dep_ in ("conj", "parataxis") and child.pos_ in ("VERB", "AUX"):
            parallel = {t.i for t in child.subtree}
            if tok.i not in parallel:
                own -= parallel
    return own


def is_thing_noun(doc: Doc, trig: Trigger, lexicon: Lexicon) -> bool:
    """A noun form that names a thing, not an event ("the company's treatment works", "after the bell")."""
    tok = doc[trig.first]
    return trig.first == trig.last and tok.pos_ == "NOUN" and tok.lower_ in lexicon.non_event_noun_forms.words


__all__ = ["boilerplate_tokens", "heading_tokens", "is_modifier", "is_thing_noun"]
