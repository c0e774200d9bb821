"""Factuality and modality of a trigger from the parse: negation, conditionals, modals,
governing cue words (set to / expected to / plans to), inheritance along the clause, tense."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from timeline.events.describe import LIST_MARKERS, is_ranking_word, line_bounds, ranked_noun, reduced_passive
from timeline.events.lexicon import Cue, FutureTime, Lexicon, PastTime, TimePhrases
from timeline.events.tense import CONTRAST_CC, FINITE_VERB_TAGS, NEGATIONS, TenseInfo, tense_of
from timeline.models import EventClass, Factuality

F = Factuality
UNREAL = frozenset({F.PLANNED, F.EXPECTED, F.POSSIBLE, F.HYPOTHETICAL})
PREDICATE_POS = frozenset({"VERB", "AUX"})
#: "would have" + participle is counterfactual even in a report ("said the bomb would have caused mass destruction")
COUNTERFACTUAL_ASPECTS = frozenset({"PERFECTIVE", "PERFECTIVE_PROGRESSIVE"})
SUBJECT_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_ARGUMENT_DEPS = frozenset({"dobj", "attr"})
ARGUMENT_DEPS = SUBJECT_ARGUMENT_DEPS | OBJECT_ARGUMENT_DEPS
#: the dependencies a future time phrase is looked for along, below an event noun (see ``future_time`` in the lexicon)
TIME_PATH_DEPS = frozenset({"npadvmod", "prep", "pobj", "acl", "nmod", "tmod", "advmod"})

# The word lists (reported-future modals, the verbs that give an event noun its status, future time phrases,
# decisions by vote) are data: ``reported_future_modals``, ``event_arguments``, ``future_time`` and ``decisions``
# in resources/en/lexicon.yaml, each with its examples.


@dataclass(frozen=True, slots=True)
class FactualityInfo:
    factuality: Factuality
    modality: str | None
    reason: str  # which cue decided it, for Event.rule
    polarity: str = "POS"  # NEG when a negation of the event itself decided it (beyond its verbal group)


class FactualityResolver:
    """Factuality of the predicates of one Doc; memoised, as clauses inherit from their governors."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self._doc = doc
        self._lexicon = lexicon
        self._memo: dict[int, FactualityInfo] = {}
        self._aux: dict[str, Cue] = {}
        self._gov: dict[str, Cue] = {}
        self._mark: dict[str, Cue] = {}
        self._quant: dict[str, Cue] = {}
        for cue in lexicon.cues:
            target = {"aux": self._aux, "governor": self._gov, "mark": self._mark, "quantifier": self._quant}.get(
                cue.where
            )
            if target is not None:
                for w in cue.words:
                    target.setdefault(w, cue)

    def of(self, tok: Token, tinfo: TenseInfo | None = None, event_class: EventClass | None = None) -> FactualityInfo:
        if tok.i in self._memo:
            return self._memo[tok.i]
        self._memo[tok.i] = FactualityInfo(F.HAPPENED, None, "cycle")  # guards against odd parses
        if tinfo is None:
            tinfo = tense_of(tok)
        if tok.pos_ in PREDICATE_POS or tinfo.tense != "NONE" or tinfo.modal is not None:  # "would be willing"
            info = self._predicate(tok, tinfo, event_class)
        else:
            info = self._nominal(tok)
        self._memo[tok.i] = info
        return info

    # -- predicates ---------------------------------------------------------------------------
    def _predicate(self, tok: Token, tinfo: TenseInfo, event_class: EventClass | None) -> FactualityInfo:
        mark = self._clause_mark(tok)
        if mark is not None and mark.factuality == F.HYPOTHETICAL:  # "if no party wins", "if talks do not resume":
            return self._conditional(tok, tinfo, mark)             # hypothetical; a negation stays the polarity
        if tinfo.polarity == "NEG":  # the negation is the polarity; the modality is the modal, if any
            args = self._lexicon.event_arguments
            if _not_until(tok, args.not_until_predicate.words) and tok.lemma_.lower() not in args.lasting.lemmas:
                # "will not open until 2026": it opens then (expected); "did not reopen until March": it did; "may not
                # be known until Friday": possible, as the modal says. Polarity stays NEG, as TimeML writes it.
                if self._is_reported_future(tok, tinfo):  # "said it would not resume buybacks until 2025"
                    return FactualityInfo(F.EXPECTED, tinfo.modal, "neg-until+reported-future")
                if tinfo.modal is not None and tinfo.modal in self._aux:
                    cue = self._aux[tinfo.modal]
                    return FactualityInfo(cue.factuality, tinfo.modal, f"neg-until+cue:{cue.name}")
                base = self._from_tense(tinfo, event_class)
                return FactualityInfo(base.factuality, tinfo.modal, f"neg-until+{base.reason}")
            return FactualityInfo(F.NEGATED, tinfo.modal, "neg")
        if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return FactualityInfo(F.NEGATED, None, "neg:no")  # "there was no agreement"
        negation = self._negation_beyond_group(tok)
        if negation is not None:  # "not going to dignify", "no longer makes", "nor do they expect", "without seeking"
            return FactualityInfo(F.NEGATED, tinfo.modal, f"neg:{negation}", "NEG")
        participle = self._participle_cue(tok)
        if participle is not None:  # "further cuts expected in February", "talks scheduled for Monday"
            return participle
        if tinfo.tense == "PRESPART" and (chance := self._chance_of(tok)) is not None:
            return chance  # "the chances of getting a visa"
        quantifier = self._negative_argument(tok)
        if quantifier is not None:  # "reached no agreement", "nobody hurried": negated, polarity stays POS
            return FactualityInfo(F.NEGATED, tinfo.modal, f"cue:{quantifier.name}")
        if mark is not None:  # a mark cue other than a conditional one (computed above)
            return FactualityInfo(mark.factuality, None, f"cue:{mark.name}")
        if self._is_reported_future(tok, tinfo):
            if self._has_condition(tok):  # "said the plant would close if demand fell"
                return FactualityInfo(F.HYPOTHETICAL, tinfo.modal, "reported-future+condition")
            return FactualityInfo(F.EXPECTED, tinfo.modal, "reported-future")  # "said it would cut jobs"
        if tinfo.modal is not None and tinfo.modal in self._aux:
            cue = self._aux[tinfo.modal]
            return FactualityInfo(cue.factuality, tinfo.modal, f"cue:{cue.name}")
        governed = self._governor_cue(tok)
        if governed is not None:
            return governed
        subordinate = self._subordinate_participle(tok, tinfo)
        if subordinate is not None:  # "before returning verdicts", "after buying back shares", "Once launched"
            return subordinate
        inherited = self._inherit(tok, tinfo)
        if inherited is not None:
            return inherited
        infinitive = self._realised_infinitive(tok, tinfo)
        if infinitive is not None:  # "scored to give Liverpool a win", "one of the first women to perform surgery"
            return infinitive
        decided = self._decided(tok, tinfo)
        if decided is not None:
            return decided
        if self._reported_clause(tok) or any(c.dep_ == "prep" and c.lower_ == "according" for c in tok.children):
            if tinfo.tense in ("PAST", "PRESENT", "PASTPART") or tinfo.aspect != "NONE":
                return FactualityInfo(F.REPORTED, None, "reported")
        if (tinfo.tense == "PRESENT" and tinfo.modal is None and any(c.dep_ == "auxpass" for c in tok.children)
                and (cue := self._gov.get(tok.lemma_.lower())) is not None and cue.factuality == F.EXPECTED):
            # "The river is forecast to crest on Tuesday", "Growth is forecast at 0.9 percent": what is foreseen
            return FactualityInfo(F.EXPECTED, None, f"cue:{cue.name}:passive")
        if (tinfo.tense == "PRESENT" and tinfo.aspect == "NONE" and tinfo.modal is None
                and event_class not in (EventClass.STATE, EventClass.I_STATE) and self._in_headline(tok)):
            return FactualityInfo(F.HAPPENED, None, "tense:headline-present")  # "Central bank cuts rates"
        if tinfo.tense == "PRESENT" and tinfo.aspect == "NONE" and tinfo.modal is None and event_class in (
                EventClass.OCCURRENCE, EventClass.ASPECTUAL):  # not states, perceptions, reports ("see a recession")
            future = _future_time_below(tok, tok.i, self._lexicon.future_time)
            if future is not None:  # a timetable: "Arsenal face Sheffield United next Saturday"
                return FactualityInfo(F.PLANNED, None, f"present+future-time:{future}")
        return self._from_tense(tinfo, event_class)

    def _conditional(self, tok: Token, tinfo: TenseInfo, mark: Cue) -> FactualityInfo:
        """A predicate in an if/unless clause is hypothetical whatever its determiners or negation; an explicit
        negation keeps polarity NEG (and the modal as modality, as for a plain negation)."""
        if tinfo.polarity == "NEG":
            return FactualityInfo(mark.factuality, tinfo.modal, f"cue:{mark.name}+neg")
        negation = self._negation_beyond_group(tok)
        if negation is not None:
            return FactualityInfo(mark.factuality, tinfo.modal, f"cue:{mark.name}+neg:{negation}", "NEG")
        return FactualityInfo(mark.factuality, tinfo.modal, f"cue:{mark.name}")

    def _is_reported_future(self, tok: Token, tinfo: TenseInfo) -> bool:
        """A "would" (``reported_future_modals``) that is a future in the past: reported, or joined to a past
        clause; not "would have" + participle (counterfactual)."""
        return (tinfo.modal in self._lexicon.reported_future_modals.words and tinfo.aspect not in COUNTERFACTUAL_ASPECTS
                and self._reported_future(tok))

    def _reported_future(self, tok: Token) -> bool:
        """Is a would-predicate the content of a report: the complement of a reporting verb, a conjunct of one
        ("said his client would file a motion and seek a new trial"), or a clause with "according to"; or a
        conjunct of a past predicate of the narrative ("crews were waiting and would begin restoring power")?"""
        cur = tok
        for _ in range(6):
            if cur.dep_ != "conj" or cur.head.i == cur.i or cur.head.pos_ not in PREDICATE_POS:
                break
            cur = cur.head
        if self._reported_clause(cur):
            return True
        if cur.i != tok.i:
            up = tense_of(cur)
            if up.modal is None and up.tense in ("PAST", "PASTPART") and self._clause_mark(cur) is None:
                return True
        return any(c.dep_ == "prep" and c.lower_ == "according" for c in cur.children)

    def _realised_infinitive(self, tok: Token, tinfo: TenseInfo) -> FactualityInfo | None:
        """A to-infinitive without a subject of its own that tells what the main event did: the complement of a verb of
        lexicon realised_complements ("continued to publish", "used the loan to buy a warehouse"), a relative infinitive
        after a ranked noun ("became one of the first women to perform surgery", "is the fourth hurricane to hit
        the U.S."), or an adverbial purpose under a past event ("scored in the 89th minute to give Liverpool a
        win"; only verbs of lexicon result_infinitives: "borrowed money to build plants" is a purpose, planned). It happened
        (or is reported) as its governor is; a purpose under a present governor stays planned."""
        head = tok.head
        if (tinfo.tense != "INFINITIVE" or head.i == tok.i
                or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)):
            return None
        ranking = self._lexicon.ranking_modifiers.words
        gov: Token | None = head
        if tok.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
            # the noun ranked, or the ranking word itself as the noun ("was the first to be elected")
            ranked = _ranked_noun(head, ranking) or (head.pos_ == "ADJ" and is_ranking_word(head, ranking))
            if head.pos_ == "ADJ" and not ranked:
                return None
            gov = governing_predicate(head)
        elif tok.dep_ in ("advcl", "xcomp") and head.pos_ in PREDICATE_POS:
            ranked = any(_ranked_noun(c, ranking) for c in head.children
                         if c.dep_ in ("attr", "dobj", "nsubj", "nsubjpass", "oprd") and c.i < tok.i)
        else:
            return None
        up = self.of(gov) if gov is not None else FactualityInfo(F.HAPPENED, None, "default")
        lemma = head.lemma_.lower()
        aspectual = self._lexicon.class_of(lemma) == EventClass.ASPECTUAL
        if tok.dep_ != "acl" and gov is head and lemma in self._lexicon.realised_complements.lemmas and (
                aspectual or head.dep_ not in ("acl", "amod")) and (  # not "the vehicle being used to pursue"
                up.factuality in (F.HAPPENED, F.REPORTED, F.NEGATED) or (up.factuality == F.ONGOING and aspectual)):
            # "continued to publish", "began to leave", "used the loan to buy a warehouse": the complement is done
            # (or going on, or not) as its governor is; negated without a polarity of its own
            return FactualityInfo(up.factuality, None, f"complement-of:{lemma}")
        if up.factuality not in (F.HAPPENED, F.REPORTED, F.ONGOING):
            return None
        if ranked:
            fact = F.REPORTED if up.factuality == F.REPORTED else F.HAPPENED
            return FactualityInfo(fact, None, "relative-infinitive")
        if tok.dep_ != "advcl" or gov is None or up.factuality == F.ONGOING:
            return None
        gov_tense = tense_of(gov)
        if (gov_tense.tense in ("PAST", "PASTPART") or gov_tense.aspect == "PERFECTIVE") and (
                tok.lemma_.lower() in self._lexicon.result_infinitives.lemmas):
            return FactualityInfo(up.factuality, None, "purpose-of-past")  # a result: "scored to give Liverpool a win"
        return None

    def _has_condition(self, tok: Token) -> bool:
        """Does a conditional clause (if/unless ...) depend on the predicate or on the conjunct it joins?"""
        heads = [tok] + ([tok.head] if tok.dep_ == "conj" else [])
        for h in heads:
            for c in h.children:
                if c.dep_ == "advcl" and (m := self._clause_mark(c)) is not None and m.factuality == F.HYPOTHETICAL:
                    return True
        return False

    def _decided(self, tok: Token, tinfo: TenseInfo) -> FactualityInfo | None:
        """The infinitive of a vote that decides it ("voted to approve the budget") shares the vote's status."""
        head = tok.head
        if (tok.dep_ != "xcomp" or tinfo.tense != "INFINITIVE" or head.i == tok.i
                or head.lemma_.lower() not in self._lexicon.decisions.verbs.lemmas
                or tok.lemma_.lower() not in self._lexicon.decisions.decided_by_vote.lemmas):
            return None
        up = self.of(head)
        if up.factuality in (F.HAPPENED, F.REPORTED, F.NEGATED):
            return FactualityInfo(up.factuality, None, f"decided-by:{head.lemma_.lower()}")
        return None

    def _in_headline(self, tok: Token) -> bool:
        """Is the token on a line of its own without a final stop (a headline or subhead, at most 20 words), where
        the present tense reports what has just happened?"""
        lo, hi = line_bounds(tok)
        if hi >= len(self._doc) or hi - lo > 40:
            return False  # the text's last line runs on (no line break marks it as a headline), or a long line
        words = [t for t in self._doc[lo:hi] if not t.is_space]
        return (bool(words) and len(words) <= 25 and words[-1].text[-1] not in ".!?:;,\"'”’)"
                and not words[0].text.startswith(LIST_MARKERS))  # a list item is no headline

    def _negation_beyond_group(self, tok: Token) -> str | None:
        """The kind of negation of the predicate outside its verbal group (see ``negation`` in the lexicon)."""
        words = self._lexicon.negation
        head = tok.head
        if tok.dep_ == "xcomp" and head.i != tok.i and head.lemma_.lower() in words.through_governors:
            if tense_of(head).polarity == "NEG":
                return f"through-{head.lemma_.lower()}"
        for c in tok.children:
            if c.dep_ == "advmod" and c.lower_ in words.adverbs and any(d.lower_ == "no" for d in c.children):
                return f"no-{c.lower_}"
            if c.lower_ in words.conjunctions and c.i < tok.i and c.dep_ in ("cc", "advmod", "preconj", "dep"):
                return c.lower_  # "Nor do analysts expect ..."
        if tok.dep_ == "conj" and head.i < tok.i:  # "it hasn't diversified, nor has it linked up"
            cc = next((c for c in head.children if c.dep_ == "cc" and head.i < c.i < tok.i), None)
            if cc is not None and cc.lower_ in words.conjunctions:
                return cc.lower_
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and head.lower_ in words.prepositions:
            return f"{head.lower_}-gerund"  # not "neg:without", the nominal rule ("without an agreement")
        return None

    def _participle_cue(self, tok: Token) -> FactualityInfo | None:
        """A past participle of a planned/expected cue that modifies a noun: the participle (and, through
        :meth:`_nominal`, the noun) is as unreal as the cue ("cuts expected in February")."""
        if tok.dep_ not in ("acl", "amod") or tok.tag_ != "VBN":
            return None
        cue = self._gov.get(tok.lemma_.lower())
        if cue is None or cue.factuality not in (F.PLANNED, F.EXPECTED):
            return None
        return FactualityInfo(cue.factuality, None, f"cue:{cue.name}:participle")  # TimeML writes no modality here

    def _shares_negation(self, tok: Token, head: Token) -> bool:
        """Does a conjunct share the negation of the predicate it is joined to? Not after a contrast ("did not file
        but planned to"), nor a negative object of the predicate ("have no symptoms and carry a risk"; a negative
        subject is shared: "nobody came or called"), nor as a finite verb of its own ("had not filed and planned":
        its own tense, outside the negated verbal group) unless joined by a disjunction the negation spans ("never
        smoked or drank": ``negation.shared_by``)."""
        cc = next((c for c in head.children if c.dep_ == "cc" and head.i < c.i < tok.i), None)
        if cc is not None and cc.lower_ in CONTRAST_CC:
            return False
        if (self._negative_argument(head, OBJECT_ARGUMENT_DEPS) is not None
                and self._negative_argument(head, SUBJECT_ARGUMENT_DEPS) is None and tense_of(head).polarity != "NEG"):
            return False
        if tok.tag_ in FINITE_VERB_TAGS:
            return cc is not None and cc.lower_ in self._lexicon.negation.shared_by
        return True

    def _negative_argument(self, tok: Token, deps: frozenset[str] = ARGUMENT_DEPS) -> Cue | None:
        """A negative quantifier as the subject or object of the predicate ("no one", "nothing", "no plans")."""
        for c in tok.children:
            if c.dep_ not in deps or c.i == tok.i:
                continue
            if c.lower_ in self._quant:
                return self._quant[c.lower_]
            det = next((d for d in c.children if d.dep_ == "det" and d.lower_ in self._quant), None)
            if det is not None:
                return self._quant[det.lower_]
        return None

    def _reported_clause(self, tok: Token) -> bool:
        """Is the predicate the complement of a reporting verb ("police said the gunman fled")?"""
        head = tok.head
        return (
            tok.dep_ == "ccomp"
            and head.i != tok.i
            and self._lexicon.class_of(head.lemma_.lower()) == EventClass.REPORTING
        )

    def _clause_mark(self, tok: Token) -> Cue | None:
        for c in tok.children:
            if c.dep_ == "mark" and c.lower_ in self._mark:
                return self._mark[c.lower_]
        return None

    def _governor_cue(self, tok: Token) -> FactualityInfo | None:
        head = tok.head
        if head.i == tok.i:
            return None
        lemma = head.lemma_.lower()
        cue = self._gov.get(lemma) or self._gov.get(head.lower_)
        if cue is None:
            return None
        if tok.dep_ == "xcomp" or (tok.dep_ in ("ccomp", "advcl") and cue.factuality in (F.EXPECTED, F.POSSIBLE)):
            head_tense = tense_of(head)
            to = " to" if any(c.lower_ == "to" for c in tok.children if c.dep_ == "aux") else ""
            if tok.dep_ == "xcomp" and tok.tag_ == "VBG" and lemma in self._lexicon.ending_verbs.lemmas:
                # "had stopped selling the models": the selling went on until then; while the stop is ahead, unreal
                # or denied it goes on ("should stop using", "did not stop selling")
                up = self.of(head)
                past = head_tense.tense in ("PAST", "PASTPART") or head_tense.aspect == "PERFECTIVE"
                if past and head_tense.polarity != "NEG" and up.factuality in (F.HAPPENED, F.REPORTED):
                    return FactualityInfo(up.factuality, None, f"ended-by:{lemma}")
                return FactualityInfo(F.ONGOING, None, f"ended-by:{lemma}")
            if (cue.factuality == F.PLANNED and lemma in self._lexicon.attempt_verbs.lemmas and to
                    and head_tense.polarity != "NEG" and head_tense.modal is None
                    and (head_tense.tense in ("PAST", "PASTPART") or head_tense.aspect == "PERFECTIVE")
                    and self.of(head).factuality in (F.HAPPENED, F.REPORTED)):  # not "if agents tried to take him"
                # "had tried to keep the player": a past attempt, which may or may not have come off
                return FactualityInfo(F.POSSIBLE, f"{head.lower_}{to}", f"cue:{cue.name}+attempt-past")
            if head_tense.polarity == "NEG":
                args = self._lexicon.event_arguments
                if (cue.factuality in (F.EXPECTED, F.PLANNED) and tok.lemma_.lower() not in args.lasting.lemmas
                        and (_not_until(tok, args.not_until_predicate.words)
                             or _not_until(head, args.not_until_predicate.words))):
                    # "is not expected to reopen until next week": it reopens then, expected (later), not denied
                    return FactualityInfo(cue.factuality, f"{head.lower_}{to}", f"cue:{cue.name}+neg-until")
                return FactualityInfo(F.NEGATED, f"not {head.lower_}", f"cue:{cue.name}+neg")
            return FactualityInfo(cue.factuality, f"{head.lower_}{to}", f"cue:{cue.name}")
        return None

    def _inherit(self, tok: Token, tinfo: TenseInfo) -> FactualityInfo | None:
        head = tok.head
        if head.i == tok.i or head.pos_ not in PREDICATE_POS | {"ADJ", "NOUN"}:
            return None
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
        if (tok.dep_ == "conj" and tok.tag_ == "VB" and not own_subject and head.tag_ in FINITE_VERB_TAGS
                and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)):
            # "came back to beat Medvedev and reach the semifinals": a bare verb joined to a finite one shares the
            # infinitive between them, not the finite verb's tense ("reach" is no present)
            infinitive = next((c for c in head.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB"
                               and head.i < c.i < tok.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
                              None)
            if infinitive is not None:
                up = self.of(infinitive)
                return FactualityInfo(up.factuality, up.modality, "inherit:infinitive-conj")
        if tinfo.tense == "PRESPART" and tok.dep_ in ("advcl", "xcomp", "conj"):
            up = self.of(head)
            return FactualityInfo(up.factuality, None, f"inherit:{tok.dep_}")
        if tok.dep_ == "conj" and not own_subject and tinfo.modal is None and tinfo.tense in ("NONE", "INFINITIVE", head_tense_name(head)):
            up = self.of(head)
            if up.factuality == F.NEGATED and not self._shares_negation(tok, head):
                # "had not yet filed but planned to", "have no symptoms but carry a risk": the conjunct is not denied
                if self._reported_clause(head):
                    return FactualityInfo(F.REPORTED, None, "inherit:conj-unnegated+reported")
                return None
            return FactualityInfo(up.factuality, up.modality, "inherit:conj")
        if tok.dep_ in ("advcl", "xcomp", "conj", "ccomp", "acl", "relcl") and head.pos_ in PREDICATE_POS:
            up = self.of(head)
            if up.factuality in UNREAL and tinfo.tense in ("PRESENT", "INFINITIVE", "NONE"):
                return FactualityInfo(up.factuality, None, f"inherit:{tok.dep_}")
            if reduced_passive(tok):  # "will hold talks on Tuesday, followed by a news conference": no finite past
                return FactualityInfo(up.factuality, None, "inherit:reduced-passive")
        return None

    def _subordinate_participle(self, tok: Token, tinfo: TenseInfo) -> FactualityInfo | None:
        """A participle heading a clause of time (lexicon subordinate_participles): a gerund after a preposition of
        time or means ("after buying back shares", "before returning verdicts") under a past or unreal predicate,
        or a reduced clause with a mark of time ("Once launched, it would take six weeks") under an unreal one."""
        words = self._lexicon.subordinate_participles
        if tinfo.tense == "PRESPART" and tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
            prep, gov = tok.head.lower_, tok.head.head
            prior, sharing = prep in words.prior_prepositions.words, prep in words.sharing_prepositions.words
            if not (prior or sharing) or gov.pos_ not in PREDICATE_POS:
                return None
            up = self.of(gov)
            if (prior and up.factuality in (F.EXPECTED, F.POSSIBLE) and self._lasting_consequence(gov)
                    and _future_time_below(tok, tok.i, self._lexicon.future_time) is None):
                # "would miss at least three weeks after injuring his hamstring": the foreseen span runs from the
                # gerund, which is its cause and has happened (an intended "will meet them after arriving" stays)
                return FactualityInfo(F.HAPPENED, None, f"gerund-{prep}:cause")
            if up.factuality in UNREAL:  # "will meet the minister before leaving"
                return FactualityInfo(up.factuality, None, f"gerund-{prep}")
            gov_tense = tense_of(gov)
            if gov_tense.tense not in ("PAST", "PASTPART") and gov_tense.aspect != "PERFECTIVE":
                return None
            if up.factuality in (F.HAPPENED, F.REPORTED):
                return FactualityInfo(up.factuality, None, f"gerund-{prep}")
            if prior:  # "did not repurchase shares after buying back $500 million": bought all the same
                return FactualityInfo(F.HAPPENED, None, f"gerund-{prep}")
            return None
        if tok.dep_ != "advcl" or tinfo.tense not in ("PASTPART", "PRESPART", "PAST") or tok.tag_ not in ("VBN", "VBG"):
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
            return None  # a clause of its own ("once it was launched") has its own tense
        mark = next((c for c in tok.children if c.dep_ in ("mark", "advmod") and c.i < tok.i
                     and c.lower_ in words.time_marks.words), None)
        if mark is None or tok.head.pos_ not in PREDICATE_POS:
            return None
        up = self.of(tok.head)
        if up.factuality in UNREAL:
            return FactualityInfo(up.factuality, None, f"reduced-clause:{mark.lower_}")
        return None

    def _lasting_consequence(self, verb: Token) -> bool:
        """Does the verb carry the span it lasts: a measured time as its object or adverb ("would miss three weeks",
        "will be out for six weeks", "could be sidelined until March"; lexicon
        subordinate_participles.consequence_spans)?"""
        words = self._lexicon.subordinate_participles
        spans, until = words.consequence_spans.words, words.consequence_until.words
        for c in verb.children:
            if c.dep_ in ("dobj", "npadvmod") and c.lower_ in spans:
                return True
            if c.dep_ == "prep" and (c.lower_ in until or c.lower_ == "for" and any(
                    g.dep_ == "pobj" and g.lower_ in spans for g in c.children)):
                return True
        return False

    @staticmethod
    def _from_tense(tinfo: TenseInfo, event_class: EventClass | None) -> FactualityInfo:
        tense, aspect = tinfo.tense, tinfo.aspect
        if tense == "FUTURE":
            return FactualityInfo(F.EXPECTED, tinfo.modal, "tense:future")
        if tense == "INFINITIVE":
            return FactualityInfo(F.PLANNED, None, "tense:infinitive")
        if aspect == "PERFECTIVE":
            return FactualityInfo(F.HAPPENED, None, "aspect:perfective")
        if tense in ("PAST", "PASTPART"):
            return FactualityInfo(F.HAPPENED, None, "tense:past")
        if tense in ("PRESENT", "PRESPART"):
            if event_class == EventClass.REPORTING and aspect == "NONE":
                return FactualityInfo(F.HAPPENED, None, "tense:present-reporting")
            return FactualityInfo(F.ONGOING, None, "tense:present")
        return FactualityInfo(F.HAPPENED, None, "default")

    # -- nominals and adjectives ------------------------------------------------------------
    def _nominal(self, tok: Token) -> FactualityInfo:
        # a "not" after the noun denies what follows it, not the noun ("blamed sloppy bookkeeping, not theft")
        if any(c.lower_ in ("no", "without") or (c.dep_ == "neg" and c.i < tok.i) for c in tok.children):
            return FactualityInfo(F.NEGATED, None, "neg")
        if tok.dep_ in ("appos", "conj") and any(c.dep_ == "neg" and tok.head.i < c.i < tok.i for c in tok.head.children):
            return FactualityInfo(F.NEGATED, None, "neg:contrast")  # "... bookkeeping, not theft"
        if tok.dep_ == "pobj" and tok.head.lower_ == "without":
            return FactualityInfo(F.NEGATED, None, "neg:without")  # "ended without an agreement"
        argument = self._argument_of(tok)
        if argument is not None:
            return argument
        gov = governing_predicate(tok)
        if reduced_scheduled_adjective(tok, self._lexicon.scheduled_adjectives.lemmas) is not None:
            # "the report, originally due in September": it was planned (as unreal as an unreal governor)
            up = self.of(gov) if gov is not None else None
            if up is not None and up.factuality in UNREAL - {F.PLANNED}:
                return FactualityInfo(up.factuality, None, "scheduled-adjective+inherit")
            return FactualityInfo(F.PLANNED, None, "scheduled-adjective")
        chance = self._chance_of(tok)
        if chance is not None:  # "the odds of the deal closing", "the possibility of a takeover"
            return chance
        future = self._future_time(tok, gov)
        if future is not None:  # "the summit next month", "talks in the coming weeks", "a ceasefire starting tomorrow"
            return FactualityInfo(F.PLANNED, None, f"future-time:{future}")
        past = self._past_time(tok, gov)
        if past is not None:  # "will be out until February after surgery last month": the surgery happened
            return FactualityInfo(F.HAPPENED, None, f"past-time:{past}")
        up = self.of(gov) if gov is not None else FactualityInfo(F.HAPPENED, None, "default")
        # "the planned merger was completed", "the next meeting was held in June": a past predicate realised it
        # (a past copula does not: "the proposed merger was in doubt" is still planned)
        told_past = (gov is not None and gov.lemma_ != "be" and tense_of(gov).tense in ("PAST", "PASTPART")
                     and up.factuality not in UNREAL)
        for c in tok.children if not told_past else ():
            if c.dep_ in ("acl", "amod") and (participle := self._participle_cue(c)) is not None:
                return FactualityInfo(participle.factuality, None, participle.reason)  # "cuts expected in May"
            if c.dep_ == "amod" and c.lower_ in self._lexicon.future_modifiers.lemmas and c.i < tok.i:
                return FactualityInfo(F.PLANNED, None, f"modifier:{c.lower_}")  # "the next rate decision"
        hedge = next((c for c in tok.children if c.dep_ == "amod" and c.i < tok.i
                      and c.lower_ in self._lexicon.hedging_modifiers.words), None)
        if hedge is not None and not any(m.tag_ == "JJS" and m.i < hedge.i for m in tok.children):
            # "NATO's potential involvement in Kosovo", "a possible strike"; not "the severest possible crackdown"
            return FactualityInfo(F.POSSIBLE, None, f"modifier:{hedge.lower_}")
        lemma = tok.lemma_.lower()
        if lemma in self._lexicon.scheduled_nouns.lemmas:
            past = gov is not None and tense_of(gov).tense in ("PAST", "PASTPART") and up.factuality not in UNREAL
            if not past:
                return FactualityInfo(F.PLANNED, None, "scheduled-noun")
        if up.factuality in UNREAL:
            return FactualityInfo(up.factuality, None, "inherit:governor")
        return FactualityInfo(F.HAPPENED, None, "nominal")

    def _chance_of(self, tok: Token) -> FactualityInfo | None:
        """An event noun or gerund that is the "of" object of a noun of chance (``event_arguments.chance_of``): it
        may happen ("the odds of the deal closing had fallen")."""
        head = tok.head
        if tok.dep_ not in ("pobj", "pcomp") or head.lower_ != "of" or head.head.i == head.i:
            return None
        noun = head.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ not in self._lexicon.event_arguments.chance_of.words:
            return None
        return FactualityInfo(F.POSSIBLE, None, f"chance-of:{noun.lower_}")

    def _argument_of(self, tok: Token) -> FactualityInfo | None:
        """An event noun that is the subject or object of a verb that expects, plans, starts or ends it, or the
        object of "vote/call/push for": the noun takes its status from that verb (see ``event_arguments`` in the
        lexicon)."""
        verbs = self._lexicon.event_arguments
        expecting, not_until = verbs.expecting.lemmas, verbs.not_until.words
        head, dep = tok.head, tok.dep_
        if head.i == tok.i:
            return None
        if dep == "pobj" and head.lower_ == "for" and head.head.i != head.i:
            verb = head.head
            if verb.pos_ in PREDICATE_POS and verb.lemma_.lower() in verbs.advocating_for.lemmas:
                if self.of(verb).factuality == F.NEGATED:
                    return FactualityInfo(F.NEGATED, None, f"argument-of:{verb.lemma_.lower()}-for+neg")
                return FactualityInfo(F.PLANNED, None, f"argument-of:{verb.lemma_.lower()}-for")
            return None
        if dep not in ("nsubj", "nsubjpass", "dobj") or head.pos_ not in PREDICATE_POS:
            return None
        if dep == "nsubj" and not any(g.dep_ == "neg" for g in head.children):
            judged = next((c for c in head.children if c.dep_ == "acomp" and c.lower_ in verbs.evaluative.words), None)
            if judged is not None:  # "A decision before the summer holidays was always optimistic": a prospect
                return FactualityInfo(F.POSSIBLE, None, f"argument-of:{judged.lower_}")
        if (dep in ("nsubjpass", "dobj") and tense_of(head).polarity == "NEG"
                and any(c.dep_ == "advmod" and c.lower_ in verbs.pending.words for c in head.children)):
            # "A replacement has not yet been named", "has not yet made a decision": still to come
            return FactualityInfo(F.EXPECTED, None, "argument-of:not-yet")
        lemma = head.lemma_.lower()
        planned_for = lemma in verbs.planning_with_for.lemmas and any(
            c.dep_ == "prep" and c.lower_ == "for" for c in head.children)
        # "the offer is scheduled to expire": the offer exists (but "scheduled jury selection to begin" plans it)
        raised = dep == "nsubjpass" and any(c.dep_ == "xcomp" for c in head.children)
        head_tense = tense_of(head)
        realised = head_tense.tense == "PAST" and head_tense.aspect == "PERFECTIVE"  # "the move had been expected"
        if (lemma in expecting or planned_for) and dep in ("dobj", "nsubjpass") and not (raised or realised):
            if _negated(self.of(head)):  # "did not expect any delays"
                return _negated_argument(tok, head, lemma, not_until)
            return FactualityInfo(expecting.get(lemma, F.PLANNED), None, f"argument-of:{lemma}")
        if lemma in verbs.inceptive.lemmas and dep == "nsubj" and _negated(self.of(head)):
            return _negated_argument(tok, head, lemma, not_until)  # "construction has not started"
        up = self.of(head)
        if lemma in verbs.terminative.lemmas and (up.factuality in UNREAL | {F.NEGATED} or (
                up.factuality == F.ONGOING and head_tense.tense == "PRESENT" and head_tense.aspect == "NONE")):
            return FactualityInfo(F.ONGOING, None, f"argument-of:{lemma}")  # "the strike ends on Friday"
        return None


    def _future_time(self, tok: Token, verb: Token | None) -> str | None:
        """The future time phrase that dates an event noun: below it, or below the past verb it is the object of
        (``verb``: its governing predicate; a past verb cannot take a future time: "discussed the summit next
        month")."""
        found = _future_time_below(tok, tok.i, self._lexicon.future_time)
        if found is not None or tok.dep_ not in ("dobj", "pobj"):
            return found
        if verb is None:
            return None
        vt = tense_of(verb)
        if (vt.tense in ("PAST", "PASTPART") or vt.aspect == "PERFECTIVE") and vt.modal is None and self.of(
                verb).factuality in (F.HAPPENED, F.REPORTED):
            return _future_time_below(verb, tok.i, self._lexicon.future_time)
        return None


    def _past_time(self, tok: Token, verb: Token | None) -> str | None:
        """The past time phrase that dates an event noun: below it, or after it below the unreal verb it is the
        object of (``verb``: its governing predicate; a future verb cannot take a past time: "will be out after
        surgery last month")."""
        past, nouns = self._lexicon.past_time, self._lexicon.future_time.time_nouns.words
        found = _past_time_below(tok, tok.i, past, nouns)
        if found is not None or tok.dep_ not in ("dobj", "pobj"):
            return found
        if verb is None or self.of(verb).factuality not in UNREAL:
            return None
        return _past_time_below(verb, tok.i, past, nouns, depth=1)


def _ranked_noun(noun: Token, ranking: frozenset[str]) -> bool:
    """Is the noun (or the object of its "of": "one of the first women") ranked by an ordinal other than "next",
    a superlative or a ranking word ("the fourth hurricane", "the only team", "the youngest player")?"""
    nouns = [noun] + [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"]
    return any(ranked_noun(n, ranking) for n in nouns)


def _negated_argument(tok: Token, head: Token, lemma: str, not_until: frozenset[str]) -> FactualityInfo:
    """The event noun of a negated verb that expects or starts it: negated, or only later with "until/before"
    ("does not expect a recovery before 2025": expected)."""
    if _not_until(head, not_until) or _not_until(tok, not_until):
        return FactualityInfo(F.EXPECTED, None, f"argument-of:{lemma}+neg-until")
    return FactualityInfo(F.NEGATED, None, f"argument-of:{lemma}+neg")


def _negated(info: FactualityInfo) -> bool:
    """A negated predicate, or one negated only "until/before" a time (which then happens: "neg-until")."""
    return info.factuality == F.NEGATED or info.reason.startswith("neg-until")


def _not_until(verb: Token, words: frozenset[str]) -> bool:
    """Does an until/before phrase or clause (``event_arguments.not_until``) depend on the verb (or the event noun)?"""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in words:
            return True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words for m in c.children):
            return True
    return False


def _time_below(tok: Token, after: int, phrases: TimePhrases, time_nouns: frozenset[str],
                postpositions: frozenset[str] = frozenset(), *, participles: bool = False, depth: int = 3) -> str | None:
    """A time phrase (``phrases``: lexicon ``future_time`` or ``past_time``; "next week", "tomorrow", "two years
    ago") in the children of ``tok`` along time-like dependencies, after token ``after``; with ``participles``,
    also below a participle ("starting tomorrow"; not an infinitive: "plans to travel next week")."""
    for c in tok.children:
        if c.dep_ not in TIME_PATH_DEPS or c.i <= after:
            continue
        low = c.lower_
        if low in phrases.words.words or low in postpositions:
            return low
        if low in time_nouns:
            mod = next((m for m in c.children if m.lower_ in phrases.modifiers.words and m.i < c.i), None)
            if mod is not None:
                return f"{mod.lower_} {low}"
            if any(m.lower_ in postpositions for m in c.children if m.i > c.i):
                return next(m.lower_ for m in c.children if m.lower_ in postpositions)
        participle = participles and c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")
        if depth > 1 and (c.dep_ in ("prep", "pobj", "advmod") or participle):  # "in the coming weeks"
            found = _time_below(c, after, phrases, time_nouns, postpositions, participles=participles,
                                depth=depth - 1)
            if found is not None:
                return found
    return None


def _future_time_below(tok: Token, after: int, future: FutureTime) -> str | None:
    """A future time phrase (lexicon ``future_time``) below ``tok``, after token ``after``."""
    return _time_below(tok, after, future, future.time_nouns.words, participles=True)


def _past_time_below(tok: Token, after: int, past: PastTime, time_nouns: frozenset[str], depth: int = 3) -> str | None:
    """A past time phrase (lexicon ``past_time``: "last month", "yesterday", "two years ago") below ``tok``."""
    return _time_below(tok, after, past, time_nouns, past.postpositions.words, depth=depth)


def head_tense_name(head: Token) -> str:
    return tense_of(head).tense


def reduced_scheduled_adjective(tok: Token, lemmas: frozenset[str]) -> Token | None:
    """The noun a timetable adjective (lexicon ``scheduled_adjectives``) follows as a reduced clause, set off by a
    comma or right after it ("the report, originally due in September", "notes due 2025"), else None (a predicative
    "is due" is no reduced clause)."""
    if tok.pos_ != "ADJ" or tok.lemma_.lower() not in lemmas or tok.dep_ in ("acomp", "attr", "ROOT"):
        return None
    k = tok.i - 1
    while k >= 0 and k > tok.i - 4 and (tok.doc[k].pos_ == "ADV" or tok.doc[k].text in (",", "—", "-", "--")):
        k -= 1
    if k < 0 or k <= tok.i - 4:
        return None
    noun = tok.doc[k]
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def governing_predicate(tok: Token) -> Token | None:
    """The nearest clause predicate above a token (None at the root).

    Participles that only modify a noun ("the engagement, marked by the visit") are passed over:
    the clause they sit in decides.
    """
    cur = tok
    found: Token | None = None
    for _ in range(12):
        if cur.head.i == cur.i:
            return found
        cur = cur.head
        if cur.pos_ in PREDICATE_POS:
            modifier = cur.dep_ in ("acl", "amod") and cur.tag_ in ("VBN", "VBG")
            if not modifier:
                return cur
            found = found or cur
    return found
