"""A short readable clause for an event, drawn from the parse: subject, verb, object, a prepositional phrase."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from timeline.events.spans import hyphen_extent
from timeline.events.tense import FINITE_TAGS

MAX_WORDS = 12
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "dative")
#: the modifiers a noun phrase keeps before its head; a quantity is a fact ("half a percentage point": predet)
NP_LEFT_DEPS = frozenset({"poss", "amod", "compound", "nummod", "nmod", "case", "neg", "quantmod", "predet"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "no",
                         "both", "each", "every", "all", "either", "neither", "another", "some", "any"})
MARKERS = frozenset({"to"})
MAX_PREPS = 2
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
TIME_ENTS = frozenset({"DATE", "TIME"})
#: entity types of a measure phrase the parser hangs on a verb as npadvmod ("fell 3.4 percent", "rose $2 billion")
MEASURE_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})


def render(tokens: Iterable[Token], forms: dict[int, str] | None = None) -> str:
    """Tokens in text order, spaced as written where they touch, single spaces across gaps; ``forms`` replaces
    the text of some tokens (by index: an agreed verb form)."""
    toks = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    out: list[str] = []
    for k, t in enumerate(toks):
        out.append(forms.get(t.i, t.text) if forms else t.text)
        if k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt.i == t.i + 1:
                out.append(t.whitespace_)
            elif nxt.text not in ("'s", "'"):
                out.append(" ")
    return "".join(out).strip()


def noun_phrase(tok: Token, *, with_conj: bool = True, surname: bool = True) -> list[Token]:
    """A compact noun phrase: a person's surname (the whole name when not ``surname``), or determiner + modifiers +
    head (+ a conjunct)."""
    if tok.pos_ == "PRON":
        return [tok]
    if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
        toks = [tok]
        if not surname:  # the name itself, no title or description: "Elian Gonzalez", not "6-year-old Cuban rafter"
            toks += _name_before(tok)
        toks += [g for c in tok.children if c.dep_ == "poss" for g in noun_phrase(c)]  # rare
        toks += [c for c in tok.children if c.dep_ == "case"]
        return toks
    toks = [tok]
    for c in tok.children:
        if c.i > tok.i:
            if c.dep_ == "case" or (c.dep_ == "nummod" and c.i == tok.i + 1):
                toks.append(c)  # "the company's", "Oct. 7", "Flight 93"
            continue
        if (c.dep_ == "det" and c.lower_ in DETERMINERS) or (c.dep_ == "punct" and c.i == tok.i - 1 and _inner_hyphen(c)):
            toks.append(c)  # a determiner; the hyphen of "24-year-old"
        elif c.dep_ == "poss":
            toks += noun_phrase(c, with_conj=False)
        elif c.dep_ in NP_LEFT_DEPS or (c.dep_ == "npadvmod" and _inner_hyphen(c.doc[min(c.i + 1, len(c.doc) - 1)])):
            # (a measure hyphenated into the head: "a 24-year-old", not "This time, a bomb")
            sub = list(c.subtree)
            reach = _words([t for t in tok.doc[c.i : tok.i] if not t.is_punct])
            # a modifier coordinated with the next one goes with it: "the Urban 3 and Trail X models"
            paired = any(g.dep_ == "cc" and g.i == c.right_edge.i for g in c.children)
            if reach <= (6 if paired else 4) and _words(sub) <= 6:
                # the whole modifier: "a 24-year-old man", "stronger-than-expected jobs data", not "a year old man"
                toks += [g for g in sub if g.dep_ != "punct" or _inner_hyphen(g)]
            elif reach <= 4 and not any(_inner_hyphen(g) for g in sub):
                # the modifier's nearest words, never its dependents alone (nor a piece of a hyphenated word:
                # "a top-of-the-table clash" is said whole or not at all)
                toks += [g for g in sub if g.dep_ != "punct" and tok.i - g.i <= 4]
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1), None)
    pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None and pobj.pos_ in NOMINAL_POS and pobj.ent_type_ not in ("DATE", "TIME"):
        # the "of" that completes the head: "a state of emergency", "hundreds of homes", "head of state"; a name
        # there is said whole ("the community of Val Verde", a place the parser may take for a person)
        toks += [of] + noun_phrase(pobj, with_conj=False, surname=False)
    first, last = hyphen_extent(tok.doc, tok.i)  # the whole hyphenated word, however it is parsed ("Pre-orders")
    have = {x.i for x in toks}
    toks += [t for t in tok.doc[first : last + 1] if t.i != tok.i and t.i not in have]
    if with_conj:
        for c in tok.children:
            if c.dep_ == "conj" and c.i > tok.i and not (tok.pos_ in NOMINAL_POS and c.tag_ in FINITE_TAGS):
                # (a noun's finite "conjunct" is a clause misread: "Lancashire, who won the title, travel to ..."; a
                # gerund is a noun's: "theft in office and tampering with records")
                cc = [x for x in tok.children if x.dep_ == "cc" and tok.i < x.i < c.i]
                toks += cc[:1] + noun_phrase(c, with_conj=False)
                break
    return toks


def _name_before(tok: Token) -> list[Token]:
    """The words of the name entity right before its last one ("Val" of "Val Verde", "Barnett" of "Dr. Barnett
    Slepian"), when the parser made them its compounds."""
    out: list[Token] = []
    k = tok.i - 1
    while k >= 0 and tok.i - k <= 3 and tok.doc[k + 1].ent_iob_ == "I":  # (the word after it continues the entity)
        prev = tok.doc[k]
        if prev.dep_ != "compound" or prev.head.i != tok.i or prev.pos_ != "PROPN":
            break
        out.append(prev)
        k -= 1
    return out


def _inner_hyphen(t: Token) -> bool:
    """A hyphen inside a word ("24-year-old"): no space on either side."""
    return t.text in ("-", "–") and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_


def _words(tokens: list[Token]) -> int:
    """How many words the tokens make ("cutting-edge" is one)."""
    return sum(1 for t in tokens if not _inner_hyphen(t))


#: the line breaks of the Doc being described (one at a time; EventExtractor.extract clears it): (doc, indices)
_BREAKS: list[tuple[Doc, list[int]]] = []
#: what a list item starts with
LIST_MARKERS = ("-", "*", "•", "–", "—")
_HEADLINE_WORDS = 12


def _line_breaks(doc: Doc) -> list[int]:
    """The whitespace tokens that end a line of the text: a blank line; a line break after a sentence end, before
    a list item, or after a short line followed by a capitalised one (a headline). A line break inside hard-wrapped
    running text ("the government\nexpects growth") is no break."""
    if _BREAKS and _BREAKS[0][0] is doc:
        return _BREAKS[0][1]
    breaks: list[int] = []
    words = 0
    for t in doc:
        if not (t.is_space and "\n" in t.text):
            words += not t.is_space and not t.is_punct
            continue
        prev = doc[t.i - 1] if t.i > 0 else None
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if (t.text.count("\n") >= 2 or prev is None or nxt is None or prev.text[-1] in ".!?:\"”’"
                or nxt.text.startswith(LIST_MARKERS) or (nxt.text[:1].isupper() and words <= _HEADLINE_WORDS)):
            breaks.append(t.i)
            words = 0
    _BREAKS[:] = [(doc, breaks)]
    return breaks


def forget_lines() -> None:
    """Drop the cached line breaks (and with them the last Doc)."""
    _BREAKS.clear()


def line_bounds(trigger: Token) -> tuple[int, int]:
    """Token indices [lo, hi) of the trigger's line: the tokens between the line breaks around it (spaCy keeps a
    line break as a whitespace token of its own)."""
    breaks = _line_breaks(trigger.doc)
    k = bisect.bisect_left(breaks, trigger.i)
    lo = breaks[k - 1] + 1 if k > 0 else 0
    hi = breaks[k] if k < len(breaks) else len(trigger.doc)
    return lo, hi


def on_line_of(tokens: Iterable[Token], trigger: Token) -> list[Token]:
    """The tokens on the trigger's line: a parse that runs over a line break (a byline's "2024" taken as a
    modifier of the next line's subject) lends the description nothing from the other line."""
    lo, hi = line_bounds(trigger)
    return [t for t in tokens if lo <= t.i < hi]


def subject_of(tok: Token, object_control: frozenset[str] = frozenset(), ranking: frozenset[str] = frozenset(),
               aspectual: frozenset[str] = frozenset(),
               calendar: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> Token | None:
    """The subject of a predicate, looking up through control, coordination and participle modifiers; the
    infinitive of an ``object_control`` verb (lexicon object_control_verbs) has that verb's object as subject, the
    infinitive after a noun ranked by a ``ranking`` word, an ordinal or a superlative (lexicon ranking_modifiers)
    that noun ("the fourth hurricane to hit the U.S."); a relative pronoun its antecedent (an event for an
    ``aspectual`` verb: see ``_relative_antecedent``)."""
    cur = tok
    for _ in range(6):
        subj = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS), None)
        while subj is not None and _hyphen_piece(subj, cur):
            subj = subj.doc[subj.i + 2]  # "Pre-orders open" parsed as three subjects: the word's last piece
        if subj is not None and subj.ent_type_ in TIME_ENTS and not _finite(cur):
            subj = None  # "running ads since August accusing Ortega": a date misread as a participle's subject
        if subj is not None:
            if subj.tag_ in ("WP", "WDT"):  # "doctors who performed abortions" -> the doctors; "a memoir, which
                antecedent = _relative_antecedent(cur, subj, aspectual, calendar)  # her family said would be published" -> the memoir
                if antecedent is not None:
                    return antecedent
            return subj
        if cur.dep_ == "xcomp" and cur.head.i != cur.i and cur.head.lemma_.lower() in object_control:
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
            if obj is not None:
                return obj  # "scheduled jury selection to begin" -> jury selection begins
        clause_subject = _clause_subject_before(cur) if cur.dep_ == "conj" and _false_conjunct(cur) else None
        if clause_subject is not None:
            return clause_subject  # "arrested two men after a 24-year-old was shot dead"
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head.i != cur.i:
            cur = cur.head  # "... is likely to take place": up through the predicate adjective to "is" and its subject
            continue
        prep = cur.head
        if (cur.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ in _GERUND_PREPOSITIONS
                and prep.head.pos_ in ("VERB", "AUX")):
            cur = prep.head  # "has been running ads since August accusing Ortega": the runner accuses
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in NOMINAL_POS:
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                # "an attempt to shut down ...": the noun is not the actor; "the first women to perform" are
                return cur.head if ranked_noun(cur.head, ranking) else None
            return cur.head
        return None
    return None


#: words beyond which the antecedent of a relative pronoun is described without its conjuncts
_LONG_ANTECEDENT = 7


def _relative_antecedent(verb: Token, pronoun: Token, aspectual: frozenset[str] = frozenset(),
                         calendar: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> Token | None:
    """The noun a relative clause hangs on, from its verb or a complement clause below it ("which her family said
    would be published": up from "published" through "said"); a free relative ("what looked like") has none. The
    subject of an ``aspectual`` verb without an object is an event: a name the parser hung the clause on gives way to
    the noun it completes ("the first Test against New Zealand, which starts at Lord's": the Test starts). The
    subject of a verb of the calendar (``calendar``: its lemmas and the occasion nouns, lexicon
    descriptions.calendar_verbs / occasion_nouns) is the occasion a name sits under ("the 150th anniversary of the
    expedition's return to Britain, which fell in May": the anniversary fell)."""
    if pronoun.lower_ in ("what", "whatever"):
        return None
    cur = verb
    for _ in range(4):
        if cur.dep_ == "relcl" and cur.head.pos_ in NOMINAL_POS:
            noun = cur.head
            prep = noun.head
            if (verb.lemma_.lower() in aspectual and not any(c.dep_ in OBJECT_DEPS for c in verb.children)
                    and noun.pos_ == "PROPN" and noun.dep_ == "pobj" and prep.head.pos_ == "NOUN"
                    and prep.head.i < prep.i):
                return prep.head
            if verb.lemma_.lower() in calendar[0] and noun.pos_ == "PROPN" and noun.dep_ == "pobj":
                up = noun
                for _ in range(4):  # up the chain of prepositional phrases to an occasion noun
                    if up.dep_ != "pobj" or up.head.head.i == up.head.i or up.head.head.pos_ != "NOUN":
                        break
                    up = up.head.head
                    if up.lemma_.lower() in calendar[1]:
                        return up
            return noun
        if cur.dep_ not in ("ccomp", "xcomp", "conj") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


#: prepositions the parser takes for the head of a clause it then misreads as a conjunct: "after a man was shot"
_CLAUSE_PREPOSITIONS = frozenset({"after", "before", "since", "until", "when", "as", "because"})
#: prepositions whose gerund shares the subject of the verb they modify ("left after meeting Biden", "rose by
#: selling shares"); not "accused Ortega of supporting", whose gerund is the object's
_GERUND_PREPOSITIONS = _CLAUSE_PREPOSITIONS | {"by", "without", "while", "upon", "despite"}


def is_ranking_word(tok: Token, ranking: frozenset[str]) -> bool:
    """A word that ranks a noun: a word of ``ranking`` (lexicon ranking_modifiers), a superlative or an ordinal other
    than "next" ("fourth", "first", "only", "youngest")."""
    return tok.lower_ in ranking or tok.tag_ == "JJS" or (tok.ent_type_ == "ORDINAL" and tok.lower_ != "next")


def ranked_noun(noun: Token, ranking: frozenset[str]) -> bool:
    """Is the noun ranked: "the fourth hurricane", "the first women", "the only team", "the youngest player"?"""
    return any(m.dep_ == "amod" and m.i < noun.i and is_ranking_word(m, ranking) for m in noun.children)


def _hyphen_piece(subj: Token, verb: Token) -> bool:
    """Is the subject the first piece of a hyphenated word whose next piece is another subject of the verb?"""
    doc = subj.doc
    return (subj.i + 2 < len(doc) and _inner_hyphen(doc[subj.i + 1]) and doc[subj.i + 2].head.i == verb.i
            and doc[subj.i + 2].dep_ == subj.dep_)


def _finite(verb: Token) -> bool:
    """Is the predicate finite: a finite verb form or a finite auxiliary?"""
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def _false_conjunct(verb: Token) -> bool:
    """A "conjunct" with its own auxiliary and no coordinator before it: the parser read a subordinate clause
    ("after a 24-year-old was shot dead") as coordinated with the main verb, whose subject it is not."""
    head = verb.head
    if not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    between = [c for c in list(head.children) + list(verb.children) if head.i < c.i < verb.i]
    return not any(c.dep_ in ("cc", "preconj") or c.lower_ in (",", ";") for c in between)


def _clause_subject_before(verb: Token) -> Token | None:
    """The noun just before a misread clause when it is the object of a clause preposition ("after [a
    24-year-old] was shot"): the clause's subject."""
    k = verb.left_edge.i - 1
    if k < 0:
        return None
    prev = verb.doc[k]
    if prev.dep_ == "pobj" and prev.head.lower_ in _CLAUSE_PREPOSITIONS:
        return prev
    return None


def subject_phrase(subj: Token | None) -> list[Token]:
    """The words of a subject: a noun phrase, or a short clausal subject ("what is outrageous")."""
    if subj is None:
        return []
    if subj.dep_ == "csubj":
        clause = [t for t in subj.subtree if not t.is_punct and not t.is_space]
        return clause if len(clause) <= 5 else []
    return noun_phrase(subj)


def _prep_phrases(tok: Token, budget: int) -> list[Token]:
    out: list[Token] = []
    n = 0
    for c in tok.children:
        if c.dep_ not in ("prep", "agent") or c.i < tok.i or n >= MAX_PREPS:  # agent: "signed by the president"
            continue
        head = [c]
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        inner = next((g for g in c.children if g.dep_ == "prep" and g.i == c.i + 1), None)
        if pobj is None and inner is not None and _two_word_preposition(tok, c, inner):
            head, pobj = [c, inner], next((g for g in inner.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
            continue
        phrase = head + noun_phrase(pobj) + _ranked_since(pobj)
        if _words(out) + _words(phrase) > budget:
            break
        out += phrase
        n += 1
        for nested in pobj.children:  # "with Biden in the United States": a place attached to the object
            place = next((g for g in nested.children if g.dep_ == "pobj"), None)
            if nested.dep_ == "prep" and place is not None and place.ent_type_ in PLACE_ENTS:
                extra = [nested] + noun_phrase(place)
                if _words(out) + _words(extra) <= budget:
                    out += extra
                    n += 1
                break
    return out


#: the second word of a preposition of two words ("out of", "along with", "away from", "up to")
_SECOND_PREPOSITIONS = frozenset({"of", "with", "from", "to"})


def _two_word_preposition(verb: Token, first: Token, second: Token) -> bool:
    """A preposition of two words on the verb: "ran out of time", "were killed along with five employees"; not an
    attribution or comparison ("according to", "compared with": verb forms), not "than of", and not the particle
    of another verb the parser hung on this one ("the humiliation of backing out of Kuwait")."""
    prev = verb.doc[first.i - 1]
    return (second.lower_ in _SECOND_PREPOSITIONS and not first.tag_.startswith("VB") and first.lower_ not in ("than", "as")
            and not (prev.i != verb.i and prev.pos_ == "VERB"))


def _tally(num: Token) -> bool:
    """A number followed by "to" and another number, a count of votes or points: "voted 352 to 171"."""
    doc = num.doc
    if num.pos_ != "NUM" or num.i + 2 >= len(doc):
        return False
    to, other = doc[num.i + 1], doc[num.i + 2]
    return to.lower_ == "to" and other.pos_ == "NUM" and other.head.i == to.i


def _object_phrase(obj: Token, subj: Token | None) -> list[Token]:
    """The object's noun phrase; a person named by the subject's surname keeps the whole name ("Vance married Robert
    Vance", not "Vance married Vance")."""
    toks = noun_phrase(obj)
    if (subj is not None and obj.ent_type_ == "PERSON" and obj.pos_ == "PROPN" and subj.lower_ == obj.lower_
            and subj.i != obj.i):
        toks += [c for c in obj.children if c.dep_ == "compound" and c.i < obj.i]
    return toks


def _dative_phrase(dative: Token, subj: Token | None) -> list[Token]:
    """The first object of a verb of two ("handed [him] his debut"), or the "to" phrase the parser took for one
    ("sent [to Paris] for analysis"); nothing for a time ("sent to Friday" is no place)."""
    if dative.pos_ != "ADP":
        return _object_phrase(dative, subj)
    pobj = next((g for g in dative.children if g.dep_ == "pobj"), None)
    if pobj is None or pobj.ent_type_ in TIME_ENTS:
        return []
    return [dative] + noun_phrase(pobj)


def _adjective_object(adj: Token) -> list[Token]:
    """An adjective the parser made an object: a noun with its determiner ("a two-decade high of 7.79 percent", "a
    record low") or a comparative of quantity with its "than" ("less than an inch of rain"); else the word alone."""
    than = next((g for g in adj.children if g.dep_ == "prep" and g.lower_ == "than" and g.i == adj.i + 1), None)
    pobj = next((g for g in than.children if g.dep_ == "pobj"), None) if than is not None else None
    if adj.tag_ in ("JJR", "RBR") and pobj is not None:
        return [adj, than] + noun_phrase(pobj, with_conj=False)
    if any(g.dep_ == "det" and g.i < adj.i for g in adj.children):
        return noun_phrase(adj, with_conj=False)
    return [g for g in adj.children if g.dep_ == "neg"] + [adj]


def _ranked_since(noun: Token) -> list[Token]:
    """The "since" phrase of a ranked noun, which bounds the ranking: "for the first time since 2011", "the biggest
    drop since 2008" (without it the claim is another)."""
    if not ranked_noun(noun, frozenset()):
        return []
    since = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "since" and c.i > noun.i), None)
    pobj = next((g for g in since.children if g.dep_ == "pobj"), None) if since is not None else None
    return [] if pobj is None else [since] + noun_phrase(pobj, with_conj=False)


def _auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries and negation of a verb, not the "to" of an infinitive."""
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.lower_ not in MARKERS]


def describe_predicate(tok: Token, object_control: frozenset[str] = frozenset(), *,
                       aspectual: frozenset[str] = frozenset(), prepositional: frozenset[str] = frozenset(),
                       result: frozenset[str] = frozenset(), ranking: frozenset[str] = frozenset(),
                       directional: frozenset[str] = frozenset(), permission: frozenset[str] = frozenset(),
                       documents: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
                       degree: frozenset[str] = frozenset(), time_nouns: frozenset[str] = frozenset(),
                       calendar: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> str:
    """'Kishida meets with Biden in the United States', 'this agreement may create a framework'.

    ``aspectual``: verbs whose -ing complement keeps them ("It began cutting"); ``prepositional``: participles
    used as a preposition before a time ("starting April 1", described alone); ``result``: participles whose
    actor is the clause before the comma (", bringing the total to 481": no subject); ``directional``: adverbs kept
    with the verb like its particles ("came ashore"). Lexicon ``descriptions``;
    ``ranking``: lexicon ``ranking_modifiers`` (see ``subject_of``); ``permission``: nouns of leave whose
    to-infinitive reads with the clause that grants it ("was given permission to appeal", ``_governing_noun_clause``);
    ``documents``: participles of publishing and the document nouns they describe across an "of" phrase ("a study of
    400,000 adults published in The Lancet": the study is published, ``_published_document``); ``degree``: nouns of
    degree whose participle reads with the noun they measure ("a flood of the size seen in 1976"); ``time_nouns``:
    lexicon future_time.time_nouns, for a time phrase misread as a subject (``_misread_time_subject``).
    """
    noun = _attributive_conjunct(tok)
    owner = genitive_participle(tok)
    if owner is not None:  # "Kroman Foods' proposed acquisition": the company is no proposer
        noun = next(c for c in tok.children if c.dep_ == "dobj")
    if noun is not None:  # "rescued 37 people from rooftops and flooded cars": "flooded cars", no clause
        toks = ([] if owner is None else noun_phrase(owner, with_conj=False)) + [tok] + noun_phrase(noun)
        toks += _prep_phrases(tok, MAX_WORDS - _words(toks))
        return _trim(render(on_line_of(toks, tok)))
    antecedent = _do_so_antecedent(tok)
    if antecedent is not None:  # "had not yet filed for approval but planned to do so": "it files for approval"
        subj = subject_of(tok, object_control, ranking, aspectual)
        if subj is not None and subj.i < antecedent.i:
            return _trim(_restated(antecedent, subj))
    lemma = tok.lemma_.lower()
    own_subject = any(c.dep_ in SUBJECT_DEPS for c in tok.children)
    if lemma in prepositional and _prepositional_participle(tok) and not own_subject:
        phrase = render(on_line_of([t for t in tok.subtree if not (t.is_punct and not _inner_hyphen(t))
                                    and not t.is_space], tok))
        dated = _dated_by_participle(tok, object_control, aspectual=aspectual, result=result, ranking=ranking,
                                     directional=directional)
        if dated and len(dated.split()) + len(phrase.split()) <= MAX_WORDS + 2:
            # what the participle dates: "three days of national mourning starting Friday", "replacement
            # batteries would be shipped starting in mid-January" (alone it says nothing of what starts)
            return f"{dated} {phrase}"
        return _trim(phrase)
    toks: list[Token] = []
    resultative = ((lemma in result and tok.tag_ == "VBG" or reduced_passive(tok)) and tok.dep_ == "advcl"
                   and not own_subject and tok.i > 0 and tok.doc[tok.i - 1].text == ",")
    nearer = None if resultative or own_subject else _nearer_clause(tok)
    subj = None if resultative else subject_of(nearer if nearer is not None else tok, object_control, ranking, aspectual,
                                               calendar)
    if subj is not None and time_nouns:
        subj = _misread_time_subject(tok, subj, time_nouns) or subj
    measured = None
    if subj is not None and subj.i < tok.i and tok.dep_ == "acl" and subj.i == tok.head.i:  # the noun it modifies
        document = _published_document(tok, subj, *documents)
        if document is not None:  # "a study of 400,000 adults published in The Lancet": the study
            subj = document
        else:  # "a flood of the size seen in 1976": not "the size seen"
            measured = _measured_noun(subj, degree)
    subj_toks = subject_phrase(subj)
    if measured is not None:
        subj_toks = noun_phrase(measured, with_conj=False) + [subj.head] + subj_toks
    if (subj is not None and subj.dep_ not in SUBJECT_DEPS and any(c.dep_ == "relcl" for c in subj.children)
            and _words(subj_toks) > _LONG_ANTECEDENT):
        # a long antecedent of a relative pronoun loses its conjuncts, which would leave no room for the clause:
        # "Dunkin's poison pill rights [and employee stock ownership plans], which were put in place"
        subj_toks = noun_phrase(subj, with_conj=False)
    verb_toks = [*_auxiliaries(tok), tok]
    head = tok.head
    # the aspectual verb stays with its complement ("It began cutting", not "It cutting"); a verb the parser hung on
    # "be" as its complement is its participle ("We are not pre-committing")
    if head.i < tok.i and ((tok.dep_ == "xcomp" and tok.tag_ == "VBG" and head.lemma_.lower() in aspectual)
                           or (tok.dep_ == "acomp" and head.lemma_ == "be")):
        verb_toks += [*_auxiliaries(head), head]
    first, last = hyphen_extent(tok.doc, tok.i)
    pieces = [t for t in tok.doc[first : last + 1] if t.i != tok.i]  # the whole word: "pre-committing", not "pre"
    toks = list(verb_toks) + pieces
    verbs = [tok] + [p for p in pieces if p.i > tok.i and p.pos_ in ("VERB", "AUX")]
    after_dative = False
    for c in (c for verb in verbs for c in verb.children):
        if c.dep_ in OBJECT_DEPS and c.i > tok.i:
            if c.dep_ == "dative":  # the first of two objects: "handed him his debut", "sent to Paris for analysis"
                toks += _dative_phrase(c, subj)
                after_dative = True
                continue
            if after_dative and (c.pos_ not in NOMINAL_POS | {"NUM", "ADJ"} or c.lower_ in ("a", "an", "the")):
                break  # (a stray word the parser made a second object: "gave Merieux an until mid-November")
            # a complement keeps its negation: "pleaded not guilty", "was found not guilty"
            if c.pos_ in NOMINAL_POS or c.pos_ == "NUM":  # "raised $50 million"
                toks += _object_phrase(c, subj) + _ranked_since(c)
            elif c.pos_ == "ADJ" and c.dep_ == "dobj":  # an adjective as a noun: "hit a two-decade high of 7.79 percent"
                toks += _adjective_object(c)
            else:
                toks += [g for g in c.children if g.dep_ == "neg"] + [c]
            break
    measure = next((c for c in tok.children if c.dep_ == "npadvmod" and c.i > tok.i and (
        c.ent_type_ in MEASURE_ENTS or _tally(c))), None)
    if measure is not None:  # the amount is a fact of the event: "Sales fell 3.4 percent", "voted 352 to 171"
        toks += noun_phrase(measure, with_conj=False)
    toks += _adverb_phrase(tok, toks, MAX_WORDS - _words(toks) - _words(subj_toks))
    for verb in verbs:
        toks += _prep_phrases(verb, MAX_WORDS - _words(toks) - _words(subj_toks))
    toks += _particles(tok, toks, directional)
    subj_toks, toks = on_line_of(subj_toks, tok), on_line_of(toks, tok)
    forms: dict[int, str] = {}
    group = sorted((t for t in verb_toks if t.dep_ != "neg" and t.dep_ != "prt"), key=lambda t: t.i)
    negated = any(c.dep_ == "neg" and c.i < group[0].i for c in tok.children) if group else False
    if (subj is not None and group and group[0].tag_ == "VB" and not any(t.tag_ in FINITE_TAGS for t in group)
            and not negated):  # (a subjunctive "that Elian not be denied" stays as it is)
        # the subject comes from another clause: the bare verb (or auxiliary) agrees with it ("One of them is
        # sentenced", "the framework launches")
        agreeing = tok.doc[last] if group[0].i == tok.i else group[0]  # "co-sponsors", not "coes-sponsor"
        forms[agreeing.i] = agreed_form(agreeing, subj)
    if subj is not None and subj.i > tok.i:  # inverted reporting: "..., said Burleigh" -> "Burleigh said"
        taken = {t.i for t in subj_toks}
        words = f"{render(subj_toks)} {render((t for t in toks if t.i not in taken), forms)}"
    else:
        words = render(subj_toks + toks, forms)
    if subj is None and tok.head.lemma_.lower() in permission:
        governing = _governing_noun_clause(tok, object_control, aspectual=aspectual, prepositional=prepositional,
                                           result=result, ranking=ranking, directional=directional)
        if governing:  # "was given permission to appeal": the grant, not a bare "appeal"
            return _trim(f"{governing} to {words}")
    return _trim(words)


def reduced_passive(tok: Token) -> bool:
    """Is the predicate a reduced passive participle with its agent and no verbal group of its own ("talks on
    Tuesday, followed by a news conference"): after a comma it continues the clause before it, whose subject is not
    its subject (nor is it a finite past)."""
    return (tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.i > 0 and tok.doc[tok.i - 1].text == ","
            and any(c.dep_ == "agent" for c in tok.children)
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in tok.children))


def _misread_time_subject(verb: Token, subj: Token, time_nouns: frozenset[str]) -> Token | None:
    """The noun a participle clause hangs on when the parser read its time phrase "that summer" as a complementizer
    and a subject ("An internal audit completed that summer found ...": the audit found, not the summer); else
    None (the time phrase must follow a participle that modifies a noun: "Officials said that summer would bring
    record crowds" keeps its subject)."""
    if subj.i < 2 or subj.lower_ not in time_nouns or verb.dep_ not in ("ccomp", "acl", "relcl") or subj.i > verb.i:
        return None
    before, participle = verb.doc[subj.i - 1], verb.doc[subj.i - 2]
    if before.lower_ not in ("that", "this") or before.dep_ != "mark" or participle.tag_ != "VBN" or participle.dep_ != "acl":
        return None
    noun = participle.head  # "an internal audit completed that summer": the audit
    return noun if noun.pos_ in NOMINAL_POS and noun.i < participle.i else None


def _measured_noun(noun: Token, degree: frozenset[str]) -> Token | None:
    """The noun a noun of degree measures through "of" ("a flood of the size" -> flood), else None."""
    prep = noun.head
    if noun.lemma_.lower() not in degree or noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return None
    measured = prep.head
    return measured if measured.pos_ == "NOUN" and measured.i < noun.i else None


def _published_document(participle: Token, noun: Token, publishing: frozenset[str], documents: frozenset[str]) -> Token | None:
    """The document noun whose "of" object the participle of publishing follows ("a study of more than 400,000 adults
    published in The Lancet" -> the study), else None."""
    if participle.lemma_.lower() not in publishing or participle.tag_ != "VBN":
        return None
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return None
    document = prep.head
    return document if document.pos_ == "NOUN" and document.lemma_.lower() in documents else None


#: the dependencies of a noun whose to-infinitive reads with the clause that holds the noun
_INFINITIVE_NOUN_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})


def _governing_noun_clause(tok: Token, object_control: frozenset[str], **words: frozenset[str]) -> str:
    """The clause of the verb whose object (or passive subject) is the noun a to-infinitive completes, ending with
    that noun ("Thames Water was given permission" for "to appeal"); "" when the infinitive completes no such noun
    or the clause does not end with it."""
    noun, to = tok.head, next((c for c in tok.children if c.dep_ == "aux" and c.lower_ in MARKERS), None)
    if to is None or tok.dep_ != "acl" or noun.i >= tok.i or noun.pos_ != "NOUN" or noun.dep_ not in _INFINITIVE_NOUN_DEPS:
        return ""
    verb = noun.head
    if verb.i == noun.i or verb.pos_ not in ("VERB", "AUX"):
        return ""
    clause = describe_predicate(verb, object_control, **words)
    return clause if clause.split() and clause.split()[-1] == noun.text else ""


def _dated_by_participle(tok: Token, object_control: frozenset[str], **words: frozenset[str]) -> str:
    """What a participle used as a preposition before a time dates: the clause of the verb before it that it hangs
    on ("Costa declared three days of national mourning starting Friday", "replacement batteries would be shipped
    starting in mid-January"); "" for none, or a verb after it ("Starting Monday, the store will close")."""
    head = tok.head
    if head.i >= tok.i or head.pos_ not in ("VERB", "AUX") or head.tag_ == "VBG":
        return ""  # (nor a participle: "the allies demanding that Iraq withdraw within a week, starting at noon")
    return describe_predicate(head, object_control, prepositional=frozenset(), **words)


def _do_so_antecedent(tok: Token) -> Token | None:
    """The verb a "do so" stands for when it is the infinitive of a conjunct of that verb ("had not yet filed for
    approval in Japan but planned to do so") or of the verb's own infinitive ("wanted to sell the unit but was unable
    to do so"), else None."""
    if tok.lemma_.lower() != "do" or not any(c.dep_ == "advmod" and c.lower_ == "so" for c in tok.children):
        return None
    gov = tok.head
    if tok.dep_ != "xcomp" or gov.dep_ != "conj" or gov.head.i == gov.i:
        return None
    antecedent = gov.head
    if antecedent.pos_ != "VERB" or antecedent.i > gov.i:
        return None
    # the infinitive the first verb governs is what is done: "was asked to resign but refused to do so"
    infinitive = next((c for c in antecedent.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i < gov.i), None)
    return infinitive if infinitive is not None else antecedent


def _restated(verb: Token, subj: Token) -> str:
    """The verb phrase a "do so" stands for, said anew of the subject in the present: "it files for approval"."""
    lemma = verb.lemma_.lower()
    subj_toks = subject_phrase(subj)
    toks = [verb]
    obj = next((c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i > verb.i and c.pos_ in NOMINAL_POS), None)
    if obj is not None:
        toks += noun_phrase(obj)
    toks += [c for c in verb.children if c.dep_ == "prt"]
    toks += _prep_phrases(verb, MAX_WORDS - _words(toks) - _words(subj_toks))
    return render(on_line_of(subj_toks + toks, verb), {verb.i: lemma if _plural(subj) else third_person(lemma)})


def _nearer_clause(tok: Token) -> Token | None:
    """The clause right before the comma of an -ing participle when the parser hung the participle on the verb
    before that clause: "recovered the recorders from a jet that crashed near Jeju, killing 41 people" (the crash
    killed them, not the investigators). That relative clause's verb, else None (another clause before the comma
    is no safer a guess: "called for Vacco to revive the unit, vowing ..." is the caller's vow)."""
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.i < 2 or tok.doc[tok.i - 1].text != ",":
        return None
    head = tok.head
    cur = tok.doc[tok.i - 2]
    clause = None
    for _ in range(12):
        if cur.i == head.i or cur.head.i == cur.i:
            break
        if cur.pos_ == "VERB" and cur.dep_ == "relcl" and head.i < cur.i < tok.i:
            clause = cur
        cur = cur.head
    if cur.i != head.i or clause is None or not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    return clause


def _adverb_phrase(tok: Token, toks: list[Token], budget: int) -> list[Token]:
    """An adverb right after the verb (or its object) that heads a prepositional phrase: "came back from two sets
    down", "moved away from the coast" (without it "came from two sets" says something else)."""
    last = max(t.i for t in toks)
    for c in tok.children:
        if c.dep_ != "advmod" or c.tag_ != "RB" or c.i != last + 1:
            continue
        prep = next((g for g in c.children if g.dep_ == "prep" and g.i == c.i + 1), None)
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None or pobj.ent_type_ in TIME_ENTS:
            return []
        phrase = [c, prep] + noun_phrase(pobj)
        return phrase if _words(phrase) <= budget else []
    return []


def _particles(tok: Token, toks: list[Token], directional: frozenset[str] = frozenset()) -> list[Token]:
    """The verb's particles and ``directional`` adverbs (lexicon descriptions.directional_adverbs: "came ashore",
    "bought back shares"), each where the description reaches it: right after the verb or after words the
    description holds ("turned the offer down", "came back from two sets down"); a particle after words it leaves
    out would make another verb ("Sinner came down")."""
    kept = {t.i for t in toks}
    out: list[Token] = []
    for c in tok.children:
        if c.i in kept or not (c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in directional and (
                c.i == tok.i + 1 or not any(g.dep_ == "prep" for g in c.children)))):
            continue  # (an adverb away from the verb with a phrase of its own goes with it: "members back in Cuba")
        lo, hi = sorted((tok.i, c.i))
        between = [t for t in tok.doc[lo + 1 : hi] if not t.is_space]
        if all(t.i in kept for t in between):
            out.append(c)
    return out


def genitive_participle(tok: Token) -> Token | None:
    """A participle right after a possessive ("Kroman Foods' proposed $24.6 billion acquisition", "the city's
    flooded streets") that the parser read as a verb with the noun as its object: no verb follows a genitive, the
    participle modifies the noun. The possessor, else None."""
    if tok.tag_ not in ("VBD", "VBN") or tok.i == 0 or tok.dep_ not in ("conj", "ROOT", "ccomp", "advcl", "dep"):
        return None
    prev = tok.doc[tok.i - 1]
    if prev.dep_ != "case" or prev.tag_ != "POS" or prev.head.i >= tok.i:
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in tok.children):
        return None
    if not any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
        return None
    return prev.head


def _attributive_conjunct(tok: Token) -> Token | None:
    """A past participle the parser misread as a verb conjunct while it modifies the noun after it, coordinated
    with a prepositional object ("rescued people from rooftops and [flooded] cars"): the noun, else None."""
    doc = tok.doc
    if tok.dep_ != "conj" or tok.tag_ != "VBN" or tok.i < 2 or tok.i + 1 >= len(doc):
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in tok.children):
        return None
    cc, before, noun = doc[tok.i - 1], doc[tok.i - 2], doc[tok.i + 1]
    if cc.dep_ != "cc" or before.dep_ != "pobj" or noun.dep_ != "dobj" or noun.head.i != tok.i or noun.pos_ != "NOUN":
        return None
    if any(c.dep_ in ("det", "nummod", "poss") and c.i < noun.i for c in noun.children):
        return None  # "... and closed two plants": a verb with its object
    return noun


def _prepositional_participle(tok: Token) -> bool:
    """An adverbial -ing participle with a time and nothing else below it: "starting April 1"."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "prep", "npadvmod", "pcomp", "xcomp"):
        return False  # (xcomp: "declared three days of mourning starting Friday", the parser's attachment)
    kids = [c for c in tok.children if not c.is_punct]
    if not kids or any(c.dep_ in OBJECT_DEPS for c in kids):
        return False
    for c in kids:
        if c.ent_type_ in TIME_ENTS:
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in TIME_ENTS for g in c.children):
            return True
    return False


def describe_nominal(tok: Token) -> str:
    """'Kishida's official visit', 'the financial assistance from the World Bank'."""
    toks = noun_phrase(tok, with_conj=False)
    toks = [t for t in toks if not (t.dep_ == "det" and t.head.i == tok.i)] or [tok]
    toks += _ranked_since(tok) or _prep_phrases(tok, min(4, MAX_WORDS - _words(toks)))
    return _trim(render(on_line_of(toks, tok)))


def describe_expected_subject(tok: Token, expecting: frozenset[str], not_until: frozenset[str]) -> str:
    """The event noun that is the passive subject of a verb that expects it (lexicon event_arguments.expecting),
    with that verb, its negation and, when negated, its until/before phrase (event_arguments.not_until): "A decision
    is expected", "A ruling is not expected before the end of April"; "" for any other noun, or a raised subject
    ("The offer is expected to expire": the offer is not the expected event)."""
    verb = tok.head
    if (tok.dep_ != "nsubjpass" or verb.i == tok.i or verb.pos_ not in ("VERB", "AUX")
            or verb.lemma_.lower() not in expecting or any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)):
        return ""
    toks = noun_phrase(tok, with_conj=False) + _auxiliaries(verb) + [verb]
    toks += [c for c in verb.children if c.dep_ == "advmod" and c.i < verb.i and c.lower_ in ("now", "also", "still")]
    if any(c.dep_ == "neg" for c in verb.children):
        # "not expected before the end of April": the negation bounds the time, it does not deny the event
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in not_until and c.i > verb.i:
                toks += list(c.subtree)
                break
    toks = [t for t in toks if not t.is_punct and not t.is_space]
    return _trim(render(on_line_of(toks, tok)))


def describe_reduced_adjective(tok: Token, noun: Token) -> str:
    """An adjective in a reduced clause after its noun, with that noun: "its earnings report due", "report
    originally due" (the time phrase is the timeline's; other phrases follow)."""
    toks = noun_phrase(noun, with_conj=False) + [t for t in tok.doc[noun.i + 1 : tok.i] if t.pos_ == "ADV"] + [tok]
    toks += _prep_phrases(tok, MAX_WORDS - _words(toks))
    return _trim(render(on_line_of(toks, tok)))


def describe_state(tok: Token) -> str:
    """'the economy was invincible': a predicative adjective with its copula and subject."""
    head = tok.head
    if tok.dep_ in ("acomp", "attr") and head.i != tok.i:
        subj = subject_of(head)
        toks = subject_phrase(subj) + [
            c for c in head.children if c.dep_ in ("aux", "neg")
        ] + [head]
        toks += noun_phrase(tok, with_conj=False) if tok.pos_ in NOMINAL_POS else [tok]
        return _trim(render(on_line_of(toks, tok)))
    return describe_nominal(tok)


def describe_window(doc: Doc, first: int, last: int, sent_start: int, sent_end: int) -> str:
    """Degraded mode (no parse): the trigger with a few words around it, inside its sentence."""
    lo = max(sent_start, first - 4)
    hi = min(sent_end, last + 5)
    toks = [t for t in doc[lo:hi] if not t.is_space]
    # cut at punctuation on either side of the trigger
    left = [t for t in toks if t.i < first]
    right = [t for t in toks if t.i > last]
    while left and any(p.is_punct for p in left):
        left = left[next(k for k, p in enumerate(left) if p.is_punct) + 1 :]
    cut = next((k for k, p in enumerate(right) if p.is_punct), len(right))
    return _trim(render(left + list(doc[first : last + 1]) + right[:cut]))


def _plural(subj: Token) -> bool:
    """Does the subject take a plural verb ("they", "the talks", "Kenya and Tanzania")?"""
    return subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children) or subj.lower_ in (
        "i", "you", "we", "they",
    )


def agreed_form(verb: Token, subj: Token) -> str:
    """A bare verb agreed with its subject: 'the framework launch' -> 'launches', 'they be' -> 'are'."""
    if _plural(subj):
        return {"be": "am" if subj.lower_ == "i" else "are"}.get(verb.lower_, verb.text)
    return third_person(verb.text)


def third_person(word: str) -> str:
    low = word.lower()
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if low in irregular:
        return irregular[low]
    if low.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


#: words a cut description does not end on ("gives the U.S. and other countries a legal basis and [that ...]")
_DANGLING = frozenset({"and", "or", "but", "nor", "the", "a", "an", "that", "of", "to", "for", "in", "on", "at", "by",
                       "with", "from"})


def _trim(words: str) -> str:
    parts = words.split()
    if len(parts) > MAX_WORDS + 2:
        parts = parts[: MAX_WORDS + 2]
        while len(parts) > 1 and parts[-1].lower() in _DANGLING:
            parts.pop()
    return " ".join(parts)
