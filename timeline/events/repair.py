"""Parse repairs the events read before detection: a fixture line ("Preston host Hull on Wednesday evening.") that
the parser read as one noun phrase ("host" a compound noun) or with the team as a verb ("Leeds" VBZ) gets its
verb back. The verbs are data: ``fixture_verbs`` in ``resources/en/lexicon.yaml``; the cases are in
``tests/events/fixtures/sentences.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from timeline.events.lexicon import Lexicon
from timeline.events.rules import crude_stems

#: words a team name may start with ("The Blues host Chelsea")
_NAME_DETERMINERS = frozenset({"the"})


def _name_word(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.ent_type_ not in ("DATE", "TIME")


def _base_form(form: str, verbs: frozenset[str]) -> str:
    """The lemma of a third-person fixture verb: its stem among the listed forms ("faces" -> "face", "watches" ->
    "watch"), else the form less its "s"."""
    return next((stem for stem in crude_stems(form)[1:] if stem in verbs), form[:-1])


def _fixture_verb(sent: Span, verbs: frozenset[str]) -> tuple[list[Token], Token, list[Token]] | None:
    """The subject name, the fixture verb and the object name of a sentence "<Name> <verb> <Name> ...", when
    the verb (a lower-case word form of ``verbs``) is not already parsed as the verb of its subject."""
    words = [t for t in sent if not t.is_space]
    k = 0
    if k < len(words) and words[k].lower_ in _NAME_DETERMINERS:
        k += 1
    start = k
    while k < len(words) and _name_word(words[k]):
        k += 1
    if k == start or k >= len(words) - 1 or k - start > 4:
        return None
    verb = words[k]
    if verb.text != verb.lower_ or verb.lower_ not in verbs:
        return None
    end = k + 1
    while end < len(words) and _name_word(words[end]) and end - k <= 4:
        end += 1
    if end == k + 1:
        return None
    subject, obj = words[start:k], words[k + 1:end]
    if verb.pos_ == "VERB" and verb.dep_ == "ROOT" and any(
            c.dep_ == "nsubj" and c.i == subject[-1].i for c in verb.children):
        return None  # parsed right
    return words[:k], verb, obj


def repair_fixtures(doc: Doc, lexicon: Lexicon) -> list[int]:
    """Re-parse fixture lines in place: the verb becomes the root (VERB, present tense) with the name before it as
    subject and the name after it as object; the other words hung on the old root (the time, the venue) hang on the
    verb. Returns the indices of the repaired verbs."""
    verbs = lexicon.fixture_verbs.words
    if not verbs:
        return []
    done: list[int] = []
    for sent in list(doc.sents):
        found = _fixture_verb(sent, verbs)
        if found is None:
            continue
        before, verb, obj = found
        subject = [t for t in before if t.lower_ not in _NAME_DETERMINERS]
        names = {t.i for t in before} | {t.i for t in obj} | {verb.i}
        old_root = sent.root
        if old_root.i not in names:
            continue  # the clause goes on past the names ("Leeds host Millwall, who beat ..."): left as parsed
        heads: dict[int, tuple[int, str]] = {}
        for t in before:
            heads[t.i] = (subject[-1].i, "det" if t.lower_ in _NAME_DETERMINERS else "compound")
        heads[subject[-1].i] = (verb.i, "nsubj")
        for t in obj:
            heads[t.i] = (obj[-1].i, "compound")
        heads[obj[-1].i] = (verb.i, "dobj")
        heads[verb.i] = (verb.i, "ROOT")
        for t in sent:
            if t.i not in names and (t.head.i in names or t.head.i == old_root.i) and t.i != old_root.i:
                heads[t.i] = (verb.i, t.dep_)
        for i, (h, dep) in heads.items():
            doc[i].head = doc[h]
            doc[i].dep_ = dep
        verb.pos_ = "VERB"
        verb.tag_ = "VBZ" if verb.lower_.endswith("s") and not subject[-1].tag_.endswith("S") else "VBP"
        verb.lemma_ = _base_form(verb.lower_, verbs) if verb.tag_ == "VBZ" else verb.lower_
        for t in subject + obj:
            t.pos_ = "PROPN"
            t.tag_ = "NNP"
        done.append(verb.i)
    return done
