"""Token features for the trigger classifier: shared by training (scripts/train_events.py) and inference.

Two feature sets:
- ``parsed``: a Doc from a trained pipeline (lemma, POS, tag, dependency, head, entities, word lists);
- ``surface``: a blank Doc (degraded mode): the words around the token, affixes, shape, word lists.
Only candidate tokens are classified (content-word POS, or alphabetic words in degraded mode).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from timeline.events.lexicon import Lexicon
from timeline.events.rules import crude_stems
from timeline.nlp import title_case_headline

PARSED_CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
FUNCTION_WORDS = frozenset(
    "a an the of in on at by for with from to into onto over under about as than and or but nor so yet "
    "if that this these those which who whom whose what it its he she they them his her their our we us "
    "i me my you your there here not n't no very also just only even still more most less much many "
    "some any each all both either neither such other another own same".split()
)


@dataclass(frozen=True, slots=True)
class DocColumns:
    """Per-token attributes read once per Doc (reading spaCy Token attributes one at a time is slow)."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    title: list[bool]
    children: list[list[int]]

    @classmethod
    def of(cls, doc: Doc) -> DocColumns:
        arr = doc.to_array(["LOWER", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_TYPE", "IS_TITLE"])
        strings = doc.vocab.strings

        def column(k: int) -> list[str]:
            if not len(arr):
                return []
            uniq, inverse = np.unique(arr[:, k], return_inverse=True)
            names = [strings[int(h)] if h else "" for h in uniq.tolist()]
            return [names[j] for j in inverse.ravel().tolist()]

        n = len(doc)
        title = [bool(x) for x in arr[:, 7].tolist()]
        headline = title_case_headline(doc) if n else None
        if headline is not None:  # in a Title-Case headline a capital says nothing ("NASA Delays Lunar Lander Test")
            title[headline[0] : headline[1]] = [False] * (headline[1] - headline[0])
        head = [i + int(rel) for i, rel in enumerate(arr[:, 5].astype("int64").tolist())] if n else []
        head = [h if 0 <= h < n else i for i, h in enumerate(head)]
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        return cls(
            lower=column(0),
            lemma=[x.lower() for x in column(1)],
            pos=column(2),
            tag=column(3),
            dep=column(4),
            head=head,
            ent=column(6),
            title=title,
            children=children,
        )


def parsed_candidates(cols: DocColumns, allowed: Sequence[bool]) -> list[int]:
    return [i for i, pos in enumerate(cols.pos) if allowed[i] and pos in PARSED_CANDIDATE_POS]


def surface_candidates(doc: Doc, allowed: Sequence[bool]) -> list[int]:
    return [t.i for t in doc if allowed[t.i] and t.is_alpha and t.lower_ not in FUNCTION_WORDS]


def _lex(lexicon: Lexicon, lemma: str, out: list[str]) -> None:
    cls = lexicon.class_of(lemma)
    if cls is not None:
        out.append(f"lc={cls.value}")
    if lemma in lexicon.event_nouns.lemmas:
        out.append("en")
    elif lexicon.is_event_noun(lemma):
        out.append("es")
    if lemma in lexicon.scheduled_nouns.lemmas:
        out.append("sn")
    if lemma in lexicon.weak_verbs:
        out.append("wv")
    if lemma in lexicon.non_event_nouns:
        out.append("nn")


CHILD_WORD_DEPS = frozenset({"aux", "auxpass", "det", "neg", "case", "prep", "mark"})


def parsed_features(cols: DocColumns, candidates: Sequence[int], lexicon: Lexicon) -> list[list[str]]:
    lower, lemma_, pos_, tag_, dep_, head_ = cols.lower, cols.lemma, cols.pos, cols.tag, cols.dep, cols.head
    n = len(lower)
    feats: list[list[str]] = []
    for i in candidates:
        low, lemma, pos, tag, dep = lower[i], lemma_[i], pos_[i], tag_[i], dep_[i]
        h = head_[i]
        hl, hp = lemma_[h], pos_[h]
        f = [
            "b",
            f"w={low}",
            f"l={lemma}",
            f"p={pos}",
            f"t={tag}",
            f"d={dep}",
            f"lp={lemma}|{pos}",
            f"td={tag}|{dep}",
            f"s3={low[-3:]}",
            f"s4={low[-4:]}",
            f"hl={hl}",
            f"hp={hp}",
            f"dhp={dep}|{hp}",
            f"dhl={dep}|{hl}",
            f"pw={lower[i - 1] if i > 0 else '<s>'}",
            f"pt={tag_[i - 1] if i > 0 else '<s>'}",
            f"nw={lower[i + 1] if i + 1 < n else '</s>'}",
            f"nt={tag_[i + 1] if i + 1 < n else '</s>'}",
            f"e={cols.ent[i] or '-'}",
        ]
        for c in cols.children[i]:
            cd = dep_[c]
            f.append(f"c={cd}")
            if cd in CHILD_WORD_DEPS:
                f.append(f"cw={cd}|{lower[c]}")
        if cols.title[i] and i > 0 and tag_[i - 1] not in (".", "``", "''", "_SP", ":"):
            f.append("title")
        _lex(lexicon, lemma, f)
        feats.append(f)
    return feats


def _shape(word: str) -> str:
    if word.isupper():
        return "X"
    if word[:1].isupper():
        return "Xx"
    return "x"


def surface_features(doc: Doc, candidates: Sequence[int], lexicon: Lexicon) -> list[list[str]]:
    words = [t.text for t in doc]
    lower = [w.lower() for w in words]
    n = len(doc)
    feats: list[list[str]] = []
    for i in candidates:
        low = lower[i]
        p1 = lower[i - 1] if i > 0 else "<s>"
        p2 = lower[i - 2] if i > 1 else "<s>"
        n1 = lower[i + 1] if i + 1 < n else "</s>"
        n2 = lower[i + 2] if i + 2 < n else "</s>"
        f = [
            "b",
            f"w={low}",
            f"s2={low[-2:]}",
            f"s3={low[-3:]}",
            f"s4={low[-4:]}",
            f"p3={low[:3]}",
            f"sh={_shape(words[i])}",
            f"pw={p1}",
            f"pw2={p2}",
            f"nw={n1}",
            f"nw2={n2}",
            f"pww={p1}|{low}",
            f"wnw={low}|{n1}",
        ]
        stems = crude_stems(words[i])
        for stem in stems[1:]:
            f.append(f"st={stem}")
        for stem in stems:
            before = len(f)
            _lex(lexicon, stem, f)
            if len(f) > before:
                break
        feats.append(f)
    return feats


COMPLEMENT_MARKS = frozenset({"to", "that", "if", "whether"})
# the arguments that tell the readings of a verb apart ("keep the boy" / "keep talking", "called him a liar" / "called for talks")
CORE_ARGUMENT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd", "prt", "nsubjpass", "agent", "dative"})


def class_features(
    cols: DocColumns, candidates: Sequence[int], lexicon: Lexicon, base: Sequence[list[str]] | None = None
) -> list[list[str]]:
    """Features of the class model: the trigger features (``base`` when already computed) plus its argument
    structure. Intensional classes (I_ACTION, I_STATE, REPORTING, ASPECTUAL, PERCEPTION) take event or clause
    complements, so what hangs below the word and what governs it matter as much as the word itself."""
    if base is None:
        base = parsed_features(cols, candidates, lexicon)
    return [list(f) + _argument_features(cols, i) for f, i in zip(base, candidates)]


def _argument_features(cols: DocColumns, i: int) -> list[str]:
    lower, lemma_, pos_, dep_, head_, children = cols.lower, cols.lemma, cols.pos, cols.dep, cols.head, cols.children
    lemma, dep = lemma_[i], dep_[i]
    f: list[str] = []
    complement = False
    for c in children[i]:
        cd = dep_[c]
        if cd in ("xcomp", "ccomp"):
            marks = [lower[g] for g in children[c] if dep_[g] in ("aux", "mark") and lower[g] in COMPLEMENT_MARKS]
            kind = f"{cd}:{marks[0] if marks else '-'}:{pos_[c]}"
            f.append(f"lk={lemma}|{cd}")
            f.append(f"ck={kind}")
            complement = True
        elif cd == "prep":
            f.append(f"lpr={lemma}|{lower[c]}")
        elif cd == "acl" and any(lower[g] == "to" for g in children[c]):
            f.append("acl-to")
            f.append(f"lk={lemma}|acl-to")
            complement = True
        if cd in CORE_ARGUMENT_DEPS:
            f.append(f"ldc={lemma}|{cd}")
            f.append(f"dcp={cd}|{pos_[c]}")
    if not complement:
        f.append(f"lk={lemma}|-")
    h = head_[i]
    if h == i:
        f.append("root")
    else:
        f.append(f"hdep={dep}|{dep_[h]}")
        if pos_[i] in ("NOUN", "PROPN"):
            f.append(f"nh={dep}|{lemma_[h]}")  # a nominal and the word it hangs from: "filed suit", "peace talks"
        g = head_[h]
        if g != h:
            f.append(f"gl={lemma_[g]}|{lower[h]}" if dep_[h] == "prep" else f"gl2={lemma_[g]}")
    f.append(f"ld={lemma}|{dep}")
    return f
