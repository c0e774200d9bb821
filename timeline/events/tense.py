"""TimeML tense, aspect and polarity of a trigger, from its tag and auxiliaries."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "am", "been", "being", "'s", "'re", "'m"})
HAVE_FORMS = frozenset({"have", "has", "had", "having", "'ve", "'d"})
MODAL_SPELLINGS = {"ca": "can", "wo": "will", "'ll": "will", "sha": "shall"}  # the modal of "can't", "won't", "we'll"
CONTRAST_CC = frozenset({"but", "yet"})
PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
#: a verb with a tense of its own: it shares no auxiliary, nor its negation, with the verb it is joined to
FINITE_VERB_TAGS = PAST_TAGS | PRESENT_TAGS
#: the tags of a finite verb or a modal
FINITE_TAGS = FINITE_VERB_TAGS | {"MD"}


@dataclass(frozen=True, slots=True)
class TenseInfo:
    tense: str
    aspect: str
    polarity: str
    modal: str | None  # the modal auxiliary, lower-case ("may", "will"), if any


def verbal_group(tok: Token) -> list[Token]:
    """The auxiliaries, copulas and negations of a predicate, in text order.

    A conjunct without auxiliaries of its own ("will rise and fall") shares its head's.
    """
    group = [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "cop") and c.i < tok.i]
    finite = tok.tag_ in FINITE_VERB_TAGS  # "wouldn't say but added": no shared auxiliary
    if not group and tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and not finite:
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            head = tok.head
            # "did not mention it but said ...": a contrasting conjunct does not share the negation
            contrast = any(c.dep_ == "cc" and c.lower_ in CONTRAST_CC and head.i < c.i < tok.i for c in head.children)
            shared = ("aux", "auxpass") if contrast else ("aux", "auxpass", "neg")
            group = [c for c in head.children if c.dep_ in shared and c.i < head.i]
    # a predicate adjective or noun, or a participle the parser hung on "be" as its complement ("we're not
    # pre-committing", "we will be prepared"), takes the copula's auxiliaries and negation
    if (tok.pos_ in ("ADJ", "NOUN") or tok.tag_ in ("VBN", "VBG")) and tok.dep_ in ("acomp", "attr") and tok.head.lemma_ == "be":
        head = tok.head
        # (its negation also after the copula: "is not available", "are not pre-committing")
        group = [c for c in head.children if (c.dep_ == "aux" and c.i < head.i) or (c.dep_ == "neg" and c.i < tok.i)
                 ] + [head] + group
    return sorted(group, key=lambda t: t.i)


def tense_of(tok: Token) -> TenseInfo:
    """TimeML tense/aspect/polarity from the tag of the trigger and its verbal group."""
    group = verbal_group(tok)
    words = [t.lower_ for t in group]
    polarity = "NEG" if any(w in NEGATIONS for w in words) else "POS"
    modal = next((MODAL_SPELLINGS.get(t.lower_, t.lower_) for t in group if t.tag_ == "MD"), None)
    finite = [t for t in group if t.tag_ in FINITE_TAGS]
    to = any(t.lower_ == "to" for t in group)
    tag = tok.tag_
    is_verbal = tok.pos_ in ("VERB", "AUX") or bool(group and any(t.lemma_ == "be" for t in group))
    if not is_verbal:
        return TenseInfo("NONE", "NONE", polarity, modal)
    progressive = tag == "VBG" and any(w in BE_FORMS or t.lemma_ == "be" for w, t in zip(words, group))
    perfective = any(t.lemma_ == "have" for t in group) and (tag == "VBN" or any(w == "been" for w in words))
    aspect = "NONE"
    if progressive and perfective:
        aspect = "PERFECTIVE_PROGRESSIVE"
    elif progressive:
        aspect = "PROGRESSIVE"
    elif perfective:
        aspect = "PERFECTIVE"
    if modal is not None:
        tense = "FUTURE" if modal in FUTURE_MODALS else "NONE"
    elif finite:
        tense = "PAST" if finite[0].tag_ in PAST_TAGS else "PRESENT"
    elif tag in PAST_TAGS:
        tense = "PAST"
    elif tag in PRESENT_TAGS:
        tense = "PRESENT"
    elif tag == "VB" and to:
        tense = "INFINITIVE"
    elif tag == "VBN" and aspect == "NONE" and to and any(
            t.lower_ == "be" and t.dep_ == "auxpass" for t in group):
        tense = "INFINITIVE"  # a passive infinitive: "33 hostages are to be freed", "inspections to be completed"
    elif tag == "VBG":
        tense = "PRESPART"
    elif tag == "VBN":
        tense = "PASTPART"
    elif tag == "VB":
        tense = "INFINITIVE" if tok.dep_ == "xcomp" else "PRESENT"
    else:
        tense = "NONE"
    return TenseInfo(tense, aspect, polarity, modal)


def degraded_tense(doc: Doc, i: int) -> TenseInfo:
    """Tense/aspect/polarity from surface words only (no tagger): the word and up to three before it."""
    word = doc[i].lower_
    before = [t.lower_ for t in doc[max(0, i - 3) : i]]
    polarity = "NEG" if any(w in NEGATIONS for w in before) else "POS"
    modal = next((w for w in reversed(before) if w in _MODALS), None)
    aspect = "NONE"
    if word.endswith("ing") and any(w in BE_FORMS for w in before):
        aspect = "PROGRESSIVE"
    elif word.endswith(("ed", "en")) and any(w in HAVE_FORMS for w in before):
        aspect = "PERFECTIVE"
    if modal is not None:
        tense = "FUTURE" if modal in FUTURE_MODALS else "NONE"
    elif before and before[-1] == "to":
        tense = "INFINITIVE"
    elif word.endswith("ed"):
        tense = "PAST"
    elif word.endswith("ing"):
        tense = "PRESPART" if aspect == "NONE" else "PRESENT"
    else:
        tense = "NONE"
    return TenseInfo(tense, aspect, polarity, modal)


_MODALS = frozenset({"will", "shall", "'ll", "may", "might", "could", "can", "would", "should", "must", "ought"})
