"""Stage 3: anchor each event to the time that governs it.

Strategies, in order (the first that applies wins; its name is recorded as the link's rule):

1. ``syntax:governs`` – the time hangs (directly or through a preposition) under the event itself:
   "visit on April 10", "meets ... next month", "launch as early as April". Not for a present
   intensional state, which holds at publication: "expects growth next year", "is expected in December".
   Of two times at the same cost, a duration premodifying a noun gives way to the other: "kept rates at a
   16-year high on Thursday" is Thursday. A time between commas right after an event noun is that noun's, though
   the parser hangs it on the verb: "put the odds of a move at the Fed's next meeting, on May 6-7, at 20%".
   A passive state with no clausal complement that governs "now" and a date takes the date: "it is now expected early
   next year" (its subject's new due date), though "is expected early next year" alone holds at publication. The
   time such a passive state, or a present passive of a scheduling verb, governs is its event-noun subject's: "A
   decision is expected on Wednesday morning", "A hearing ... is scheduled for May 12" (not "The trial is scheduled
   to begin on May 12": begin's; not an active state's holder: "The forecast expects growth next year").
   ``syntax:copula`` – the time hangs under a copula that is not itself an event, and the event is
   the copula's predicate: "the break-even point for next year is much lower", "today, the right
   to work is equal to ...".
   ``syntax:when-clause`` – the event is (the verb, a conjunct, subject or object of) a clause that
   "when" attaches to the time just before it: "from Oct. 13, when Wall Street's plunge helped spark
   ...", "In contrast to Thursday, when 135 people were arrested, ...". It is at the time, whatever the
   preposition or the modifier says: "since 2023, when the Herald first reported" (on 2023).
   The new date of a rescheduling verb ("postponed to", "pushed back to no earlier than", "moved to", "until", "for")
   is the event it moves, as if that event governed it: the passive's subject, the active's object ("The launch ... has
   been pushed back to no earlier than Dec. 24": from Dec. 24); no other event takes it, the verb keeps its tense. A
   verb that moves no event keeps the date ("postponed until Tuesday morning any action on ...", as TimeBank has it).
2. ``syntax:path`` – the nearest time in the same sentence by dependency path (plus one per
   clause boundary crossed), when the path is short; to a time that a part of the day is of, the path ends at that
   part ("on the night of Oct. 23"). Reporting events ("said") and present-tense
   events, progressive included ("expects", "is scheduled", "is negotiating"), take a time only
   when they govern it: otherwise they hold at publication (on gold TimeBank spans the progressive
   ones reached by path were never tied to that time and half were tied to the DCT). A report that is no finite
   verb is dated as other events are: a noun phrase, a participle, a "to" infinitive ("issued a joint statement Friday
   saying ...", "scheduled a news conference Thursday to announce ..."); not "according to". A present under
   "will" or "would" is none ("a ceremonial accession would still be held at the summit on April 24"), nor one in an
   adverbial clause of a future ("will decline in the fourth quarter as the automotive sector remains weak"). A present
   perfect also takes the duration, "since" time or PAST_REF that measures it ("have soared in the
   past three months", "has been on the run since the January 1998 bombing", "have been built since
   it entered production in February 1947"). A present-reference time ("now", "currently") is taken by
   path only at distance two at most (the verb it modifies and that verb's arguments): "Kopp is now the
   second activist being sought" does not date "sought", "countered that NATO would now do" not "countered".
   A time inside a relative clause is reached by path only from that clause or from above it ("her
   speech ... for NATO, which will celebrate its anniversary next month" does not date "speech").
   An adjectival "current", "recent" (a PRESENT_REF/PAST_REF/FUTURE_REF amod of a noun) is taken only by
   that noun, by either rule: "the group that runs the current system", "could be charged under the
   recent Act"; so is a frequency modifying a noun ("said in his weekly radio address"; not "on a daily basis"). A later clause with a subject of its own keeps its time from the events outside it, when it is
   not in the past ("Delia weakened ..., but forecasters warned that heavy rain would continue through Friday
   night") or is a relative clause with a "since" time ("kept the rate in a range ..., where it has been since
   December"). A past event takes no time of an event still to come at publication ("Odegaard, who missed the
   match, is expected to return in the next two weeks"; a future in the past, "ordered them to file by June 30",
   may be its time), nor does the purpose or complement infinitive of a past verb ("used her speech to articulate a
   vision for NATO, which will celebrate its anniversary next month").
   No rule takes the span a record or a first is measured over: "beating forecasts for the first time since
   2022", "the lowest level in 10 years", "the strongest storm to hit the coast since Hurricane Katrina in 2005" (the
   time of the "since" phrase's noun, which the parser hangs on the verb); without a record that time starts the
   state ("has landed on the moon since Apollo 17 in December 1972": from then); nor a comparison baseline, except the baseline's own noun ("rose 8 percent
   from last year's edition", "offered a raise, up from last month's offer", "higher than in 2023", "compared with
   2022"); nor a rate after an amount ("$1.3 trillion a year"); nor a time whose offset phrase holds the event
   ("[Three days] after the shooting" does not date the shooting); nor a maturity, except for "due" and its debt
   ("$125 million of debentures due Oct. 15, 1999, priced at 84.90"). A duration premodifying a noun is that noun's
   ("after their six-year contract expired"); a "for" date of a scheduled event or a forecast is that noun's ("Judge
   Hollins scheduled sentencing for May 21", "lowered its sales forecast for the coming fiscal year": the verb keeps
   its tense, and takes no time of another clause either); nor a bare time of an object that pairs amounts with times
   ("offered a 4 percent rise this year and another 4 percent next year") or of an adjective clause after it (", due
   after the bell on Friday"); nor, for the main verb, a relative clause's time on its subject ("The deputy
   commissioner, who resigned in June, did not respond"), nor one of another conjunct with its own subject after
   "and"/"but" ("... a hearing on Dec. 14, and two aldermen have said they will push"); and a length gives way to a date at the same cost ("met for nine
   hours on Thursday" is Thursday), except for a perfect it measures; a frequency gives way to a date or a length at
   the same cost ("has been doubling its profits annually since 1980"); and a change's start gives way to its end at the
   same cost ("jumped from fewer than 100,000 in 1980 to more than 300,000 last year").
3. ``linear`` – without a parse (blank pipeline), the nearest time in the same sentence within a
   few tokens.
4. ``narrative:previous-sentence`` – a past-tense event in a sentence without a time continues
   the time of the previous one or two sentences of its paragraph: of the nearest sentence with
   one, the time highest in its tree (the frame "In the third quarter, ..." rather than a detail),
   durations included ("For the nine months, net rose ... Revenue rose ..."), comparison baselines
   excluded ("from $2.9 million a year earlier", "in the year-ago period", "compared with 1988", "up from about 40 a
   day last month"; a sentence whose only times are such baselines continues as one without a time would), a
   "since" time too ("has led the festival since 2012"), and a relative clause's time after a past main verb ("went
   to Lindon, who last won the award in 2015. Kidman was named ..."; one of the subject sets the scene and is
   continued), and "now" or the future too ("The company now
   expects ... It had previously forecast ...", "They will meet for a debate next Thursday. Blake had proposed three
   debates"). A past event that a sentence-initial "Within weeks," dates counts from that time too ("... in May 1985,
   ... Within weeks, Dr. Vance and her team reprocessed ...": from May 1985), not from publication.
5. ``narrative:same-event`` – a definite nominal event with no time of its own ("the attack", "the talks")
   takes the time that the latest earlier mention of the same lemma has by syntax (rules 1-2).
6. ``narrative:timestamp`` – in a live blog, a line holding only a clock time (and maybe a date: "10:40 a.m. ET")
   dates the lines below it, up to a blank line or the next timestamp, reports included, in a text with two such
   lines at least (a single stamped line is a story's header), when no rule of the
   event's own sentence dated it (after it, for an event still to come). The timestamp is no candidate otherwise.
7. ``pub_date:tense`` – else the publication date, with the relation read from tense and
   factuality (past -> before, planned/future -> after, present -> on).

After linking, ``status_from_anchor`` makes a plain present tied by syntax to a date after publication planned
("Arsenal face Aston Villa on Saturday"), and an event noun that such a date governs ("the hearing on April 2", "The
launch ... has been pushed back to no earlier than Dec. 24"); and an event "happened" only by its form (a participle, a
perfect: no finite past verb) tied by syntax to a date after publication takes the status of the clause above it ("The
cap would first apply to tax bills mailed in 2029": hypothetical), expected without one.

A time in a dateline ("WARSAW, February 26 (Xinhua) --") dates the dispatch, not an event of the
sentence the parser glues it to: no event takes it.

Measured on tbaq-cleaned with gold event and time spans (``benchmarks/linking_gold.py``).

The relation to an explicit time comes from its TIMEX3 mod and the preposition that introduces it
("since", "by", "until", "before", "after", "as early as"). "Not ... until" reads from the time on, whether the
negation is on the event or on the verb it complements ("is not expected to reopen until next week"), except for a
verb of lasting ("did not last until Sunday").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .events.lexicon import load_lexicon
from .linking_words import load_linking_words
from .models import AnchorKind, Event, Factuality, Relation, TimeExpression, TimexType

#: the English word lists (``resources/linking.yaml``, each with its examples); the names below are read from it
_WORDS = load_linking_words()
# Words that may stand between an event and its time as part of the evidence phrase.
_EVIDENCE_WORDS = _WORDS.evidence_words.words
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
#: clauses that may have a time of their own (an adverbial clause, "since it entered production in February 1947",
#: dates its head; a relative clause, "the revolution that brought Castro to power 41 years ago", its noun)
_OWN_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "conj", "csubj"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "acl", "csubj"})
_PREP_RELATION = _WORDS.prep_relation.relations
#: a negated event "not ... until/till" the time starts then (the event lexicon's not_until_predicate)
_NOT_UNTIL = _WORDS.not_until.words
#: the side of its time a TIMEX3 modifier puts an event on (ordering shows a link relation that says otherwise)
MOD_RELATION = {
    "ON_OR_AFTER": Relation.FROM,
    "AFTER": Relation.AFTER,
    "ON_OR_BEFORE": Relation.UNTIL,
    "BEFORE": Relation.BEFORE,
}
_BE_FORMS = _WORDS.be_forms.words
# "CITY, ST.," / "CITY, Country," at the start of a line, then the time, then "(Agency)", "--" or "_"
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Za-z.'\- ]*(?:,\s*[A-Z][A-Za-z.'\- ]*)*,\s*")
_DATELINE_AFTER = re.compile(r"\s*(?:\(|--|_)")
_COMPARISON_WORDS = _WORDS.comparison_words.words
_MAX_PATH = 8
#: "for the first time since", "for the last time in": a first measured over a span
_FIRST_WORDS = _WORDS.first_words.words
_ORDINAL_FIRSTS = _WORDS.ordinal_firsts.words  # a rank among others ("the third delay since"), not "the only"
_WILL = _WORDS.will.words  # the event lexicon's modal-will cue
_FUTURE_IN_PAST = _WORDS.future_in_past.words
#: the arcs from a future event up to the verb whose tense says when it is seen from ("expected to return")
_FUTURE_UP = frozenset({"xcomp", "ccomp", "pobj", "prep", "dobj", "npadvmod", "advcl", "acl"})
_RECORD_WORDS = _WORDS.record_words.words
_MAX_DEICTIC_PATH = 2
_MAX_LINEAR_TOKENS = 8
# the rules that date an event by its own sentence's syntax (what a later mention of the same event may reuse)
_SYNTAX_RULES = frozenset({"syntax:governs", "syntax:path", "syntax:copula", "syntax:when-clause"})
_DEFINITE = _WORDS.definite.words
_REF_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


@dataclass(frozen=True)
class Link:
    """An event's anchor as the linker found it (offsets are those of the Doc it saw)."""

    event_id: str
    time_id: str | None
    anchor: AnchorKind
    relation: Relation
    evidence: str | None
    rule: str
    #: for an event "happened" only by its form (a participle, a perfect: not a finite past verb), the status of the
    #: clause above it ("The cap would first apply to tax bills mailed in 2029": hypothetical), which
    #: ``status_from_anchor`` gives it when its time is wholly after publication; expected without such a clause
    governing: Factuality | None = None


@dataclass(frozen=True)
class _TimeRoles:
    """Whose a time of a parsed sentence is, whatever event is being dated (``Linker._roles``)."""

    #: (verb, noun) whose "for" date it is (``_object_noun_time``): "scheduled sentencing for May 21"
    owner: tuple[Token, Token] | None
    #: (verb, event) whose new date it is (``_rescheduled``): "The launch has been pushed back to Dec. 24"
    moved: tuple[Token, Token] | None
    #: the counted event it is the latest time of (``_latest_of_series``): "extended twice, most recently on March 28"
    counted: Token | None
    #: the phrase whose time it is (``_relating_object``, ``_elliptical_phrase``): "follows the exit of ... last year"
    related: Token | None


#: times a past event of a later sentence does not continue: "now" and the future are not its time ("The company
#: now expects sales of ... It had previously forecast $32 billion")
_NOT_CARRIED = frozenset({"PRESENT_REF", "FUTURE_REF"})
#: the tense that put an event before, at or after the publication date, as the evidence column says it
_TENSE_WORDS = {"PAST": "past", "PRESENT": "present", "FUTURE": "future", "INFINITIVE": "infinitive",
                "PRESPART": "-ing form", "PASTPART": "participle"}


class Linker:
    """Anchors events to times within one spaCy Doc."""

    def __init__(
        self,
        *,
        max_path: int = _MAX_PATH,
        max_linear_tokens: int = _MAX_LINEAR_TOKENS,
        carry_over: int = 2,
        lasting: frozenset[str] | None = None,
        scheduled: frozenset[str] | None = None,
    ) -> None:
        """``max_path``: the longest dependency path (plus clause crossings) to a time of the same sentence;
        ``max_linear_tokens``: the reach without a parse; ``carry_over``: how many sentences back a past-tense
        event without a time of its own may take its date from (0: never)."""
        self.max_path = max_path
        self.max_linear_tokens = max_linear_tokens
        self.carry_over = carry_over
        lexicon = load_lexicon() if lasting is None or scheduled is None else None
        #: the event lexicon's word lists, given by the pipeline that holds it (loaded here otherwise): verbs whose
        #: "not ... until" denies the lasting ("did not last until Sunday"); the nouns of scheduled events, which a
        #: scheduling verb's "for" date belongs to ("scheduled sentencing for May 21")
        self._lasting = lasting if lasting is not None else lexicon.event_arguments.lasting.lemmas  # type: ignore[union-attr]
        self._scheduled = scheduled if scheduled is not None else lexicon.scheduled_nouns.lemmas  # type: ignore[union-attr]

    def link(self, doc: Doc, events: list[Event], times: list[TimeExpression], *, has_pub_date: bool,
             live_blog: bool | None = None, pub_date: dt.date | None = None) -> list[Link]:
        """One link per event, in the order of ``events``. Offsets of events and times are into ``doc.text``.
        ``live_blog``: whether the whole document has two timestamp lines or more (``is_live_blog``; the pipeline
        decides it once per document, a chunk may hold one stamp only); None: decide from this Doc.
        ``pub_date``: the publication date, which a past event of a later sentence does not carry a time after."""
        # times wholly after publication: a past event does not continue them ("Drivers will refuse to work overtime
        # from 11 January to 19 January. Operators warned ...", published 2 January: not on 19 January)
        after_pub = frozenset(t.id for t in times if _side_of(t, pub_date) > 0)
        parsed = doc.has_annotation("DEP")
        time_spans: list[tuple[TimeExpression, Span]] = []
        for t in times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and len(span) > 0:
                time_spans.append((t, span))
        event_tokens: dict[int, Event] = {}
        ev_token: dict[str, Token] = {}
        for ev in events:
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            tok = span.root
            ev_token[ev.id] = tok
            event_tokens[tok.i] = ev
        governors = {t.id: self._governor(span.root, event_tokens) for t, span in time_spans} if parsed else {}
        # times that a future or planned event governs: not the time of a past event elsewhere in the sentence, nor
        # the one a past event of a later sentence continues
        future_times = {tid for tid, gov in governors.items()
                        if gov is not None and _future_from_now(doc[gov[0]], event_tokens)}
        when_clause = _when_clauses(time_spans, event_tokens) if parsed else {}
        links: list[Link] = []
        sent_of = [0] * len(doc)  # sentence start of every token, computed once per Doc
        sent_index: dict[int, int] = {}
        for n, sent in enumerate(doc.sents):
            sent_index[sent.start] = n
            sent_of[sent.start : sent.end] = [sent.start] * len(sent)
        text = doc.text  # once: Doc.text joins every token
        time_spans = [(t, span) for t, span in time_spans if not _in_dateline(span, text) and not _rate(span)]
        # live-blog timestamps ("10:40 a.m. ET" on a line of its own) date the lines below them, not by syntax
        stamps = _timestamp_blocks(time_spans, text, live_blog)
        stamp_ids = {t.id for _, _, t in stamps}
        time_spans = [(t, span) for t, span in time_spans if t.id not in stamp_ids]
        offsets = {t.id: _offset_phrase(t, text) for t, _ in time_spans}  # once per time, not per event
        roles = {t.id: self._roles(t, span, event_tokens) for t, span in time_spans} if parsed else {}
        by_sent: dict[int, list[tuple[TimeExpression, Span]]] = {}
        for t, span in time_spans:
            by_sent.setdefault(sent_of[span.start], []).append((t, span))
        depth = {t.id: len(_ancestry(span.root)) for t, span in time_spans}
        dated: dict[str, Link] = {}  # lemma -> the latest link made by syntax, for later mentions of the same event
        for ev in events:
            tok = ev_token.get(ev.id)
            found: Link | None = None
            if tok is not None:
                not_past = future_times if parsed and _past_event(ev, tok, event_tokens) else frozenset()
                candidates = by_sent.get(sent_of[tok.i], [])
                if candidates:
                    if parsed:
                        found = self._by_syntax(ev, tok, candidates, governors, when_clause, not_past, offsets,
                                                event_tokens, roles)
                        found = self._within_previous(ev, tok, found, candidates, time_spans, sent_index, sent_of,
                                                      text, depth, not_past)
                    else:
                        found = self._by_distance(ev, tok, candidates)
                # a sentence without a time continues the period of the sentence before, and so does one whose only
                # times are baselines ("Revenue declined 8% to $85.7 million, from $93.3 million a year earlier."):
                # what it is compared with, not its time
                if (self.carry_over and ev.event_class != "REPORTING" and ev.tense == "PAST"
                        and (not candidates or (found is None and parsed
                                                and all(_comparison(t, span) for t, span in candidates)))):
                    found = self._carry_over(ev, tok, time_spans, sent_index, sent_of, text, depth,
                                             not_past if _future(ev) else not_past | after_pub)
            if stamps and (found is None or found.rule not in _SYNTAX_RULES):
                found = _under_timestamp(ev, stamps) or found
            if found is None and tok is not None:
                found = _same_event(ev, tok, dated)
            elif found is not None and found.rule in _SYNTAX_RULES:
                dated[ev.lemma] = found
            if found is not None and found.rule in _SYNTAX_RULES and tok is not None and parsed:
                governing = _governing_status(ev, tok, event_tokens)
                if governing is not None:
                    found = replace(found, governing=governing)
            links.append(found or self._to_pub_date(ev, has_pub_date))
        return links

    def _carry_over(
        self, ev: Event, tok: Token, time_spans: list[tuple[TimeExpression, Span]], sent_index: dict[int, int],
        sent_of: list[int], text: str, depth: dict[str, int], not_past: set[str] | frozenset[str],
    ) -> Link | None:
        """A sentence without a time continues the frame time of the previous sentence(s), same paragraph."""
        tok_sent = sent_of[tok.i]
        here = sent_index.get(tok_sent)
        if here is None:
            return None
        best: tuple[TimeExpression, Span] | None = None
        best_key: tuple[int, int, int] | None = None
        for t, span in time_spans:
            if span.start >= tok_sent or t.value in _NOT_CARRIED or t.id in not_past:
                continue
            back = here - sent_index.get(sent_of[span.start], -99)
            if not 0 < back <= self.carry_over or "\n\n" in text[span.end_char : tok.idx]:
                continue  # the cheap tests first: the tree walks below are for the times in reach only
            if _comparison(t, span) or not _frames_sentence(span) or _premodifier_duration(t, span):
                continue  # (the last: "after a two-year campaign" is the campaign's length, no frame to go on in)
            # the nearest sentence; in it, the time highest in the tree (the sentence's frame, not a detail)
            key = (-back, -depth[t.id], span.start)
            if best_key is None or key > best_key:
                best, best_key = (t, span), key
        if best is None:
            return None
        t, span = best
        return Link(ev.id, t.id, AnchorKind.TIME, _relation(t, span), _evidence(span), "narrative:previous-sentence")

    def _within_previous(
        self, ev: Event, tok: Token, found: Link | None, candidates: list[tuple[TimeExpression, Span]],
        time_spans: list[tuple[TimeExpression, Span]], sent_index: dict[int, int], sent_of: list[int], text: str,
        depth: dict[str, int], not_past: set[str] | frozenset[str],
    ) -> Link | None:
        """A past event dated by a sentence-initial "Within weeks," counts from the time the previous sentence
        continues ("When British scientists reported ... in May 1985, ... Within weeks, Dr. Vance and her team
        reprocessed ...": from May 1985), not from publication. Else ``found`` as it is."""
        if found is None or found.time_id is None or ev.tense != "PAST" or not self.carry_over:
            return found
        t, span = next(((t, sp) for t, sp in candidates if t.id == found.time_id), (None, None))
        if t is None or span is None or not _within_frame(t, span):
            return found
        carried = self._carry_over(ev, tok, time_spans, sent_index, sent_of, text, depth, not_past)
        if carried is None:
            return found
        return Link(ev.id, carried.time_id, AnchorKind.TIME, Relation.FROM, carried.evidence, carried.rule)

    def _roles(self, t: TimeExpression, span: Span, event_tokens: Mapping[int, Event]) -> _TimeRoles:
        """What the time is of whatever event is being dated (``_by_syntax``): once per time, not per event."""
        return _TimeRoles(_object_noun_time(t, span, self._scheduled), _rescheduled(t, span, event_tokens),
                          _latest_of_series(span, event_tokens), _relating_object(span) or _elliptical_phrase(span))

    # -- strategies -------------------------------------------------------------------------

    def _by_syntax(
        self, ev: Event, tok: Token, candidates: list[tuple[TimeExpression, Span]],
        governors: dict[str, tuple[int, str] | None], when_clause: dict[int, str],
        not_past: set[str] | frozenset[str], offsets: dict[str, tuple[int, int]], event_tokens: dict[int, Event],
        roles: dict[str, _TimeRoles],
    ) -> Link | None:
        best: tuple[tuple[int, bool, bool, int], TimeExpression, Span, str] | None = None
        inside = next(((a, b) for a, b in (offsets[t.id] for t, _ in candidates) if a <= ev.start < b), None)
        if inside is not None:
            # "nearly two months after his team was blocked": the time counts from the event, and the sentence's
            # other times ("resumed work Friday") are later than it; a time of the phrase itself is the event's ("two
            # years after the prototype exploded in August 2023")
            candidates = [(t, span) for t, span in candidates if inside[0] <= t.start < inside[1]
                          or (t.start >= inside[0] and (governors.get(t.id) or (-1, ""))[0] == tok.i)]
        # a "for" date of a scheduled event or a forecast is that noun's alone (``_object_noun_time``); the verb takes
        # only a time it governs ("Hollins on Tuesday scheduled sentencing for May 21"), not one of another clause
        # ("... and ordered Wexley to surrender his passport by Friday"), which is no better than the publication date
        owners = {t.id: owner for t, _ in candidates if (owner := roles[t.id].owner) is not None}
        # the new date of a rescheduled event is that event's, at the rescheduling verb's cost ("The launch has been
        # pushed back to no earlier than Dec. 24", "postponed the concert to March 30"); the verb keeps its tense
        moved = {t.id: owner for t, _ in candidates if (owner := roles[t.id].moved) is not None}
        owners.update(moved)
        object_times = {tid for tid, (verb, _) in owners.items() if verb.i == tok.i}
        # "it is now expected early next year": the date, not "now", is the time of a passive state that governs both
        now_expected = ev.event_class == "I_STATE" and _now_expected(tok, candidates, governors)
        specified = _specified_refs(candidates, governors)
        for t, span in candidates:
            if t.id in specified:
                continue  # "extended the grace period twice, most recently on March 28": the date says when
            if _noun_deictic(t, span) and span.root.head.i != tok.i:
                continue  # "the current system", "a recent estimate": the time of that noun, not of the clause
            if _due(span) and tok.i not in (span.start - 1, span.doc[span.start - 1].head.i):
                continue  # "$125 million of debentures due Oct. 15, 1999, priced at 84.90": the debt's maturity
            if _measured_against(t, span):
                continue  # "beating forecasts for the first time since 2022": the record's span, not the event's time
            if _premodifier_duration(t, span) and span.root.head.i != tok.i:
                continue  # "after their six-year contract expired": the contract's length, not the expiry's time
            if t.id in owners and owners[t.id][1].i != tok.i:
                continue  # "scheduled sentencing for May 21", "lowered its forecast for the coming year": the noun's
            if t.id in moved:  # the moved event itself (the others skipped it as an owner's time above)
                key = (0, False, False, abs(span.root.i - tok.i))
                if best is None or key < best[0]:
                    best = (key, t, span, "syntax:governs")
                continue
            if _baseline_of_other(tok, span) and when_clause.get(tok.i) != t.id:
                continue  # "rose 8 percent from last year's edition": what it is compared with, not when it was
            gov = governors.get(t.id)
            counted = roles[t.id].counted
            if counted is not None and counted.i != tok.i:
                continue  # "It has held through three major floods since, most recently in 2019": the last flood's
            if counted is not None:
                gov = (tok.i, "syntax:governs")  # the counted event's own, however the parser hangs the time
            related = roles[t.id].related
            if related is not None and not (related.left_edge.i <= tok.i <= related.right_edge.i):
                continue  # "departure follows the exit of two other senior executives last year": the exit's
            if gov is not None and gov[0] == tok.i:
                if _holds_at_publication(ev, t) and not (_dates(t) and now_expected):
                    continue
                cost, rule = 0, gov[1]
            elif gov is not None and _subject_of_state(tok, span.doc[gov[0]], event_tokens, t):
                cost, rule = 0, "syntax:governs"  # "A decision is expected on Wednesday": the decision's own time
            elif when_clause.get(tok.i) == t.id:
                cost, rule = 1, "syntax:when-clause"
            elif object_times:
                continue
            elif ev.event_class == "REPORTING" and not _non_finite_report(tok):
                continue  # "X said on Friday that ..." is said of the report, not of the reported event
            elif ev.tense == "PRESENT" and _present_at_publication(tok) and not _measures_perfect(ev, t, span):
                continue  # a present state or process ("expects", "is scheduled", "is negotiating") holds at publication
            else:
                path = _path_cost(tok, _phrase_root(span))
                if path is None or path > self.max_path or (t.value == "PRESENT_REF" and path > _MAX_DEICTIC_PATH):
                    continue  # "now" dates its own verb and that verb's arguments, not the events of other clauses
                if _in_other_relative_clause(tok, span.root):
                    continue  # "used her speech ... for NATO, which will celebrate ... next month": the clause's time
                if gov is not None and _in_complement_event(tok, span.doc[gov[0]], span.root):
                    continue  # "offered a 4 percent rise this year", "a report, due ... on Friday": theirs
                if _in_example(tok, span.root):
                    continue  # "400 aftershocks, including a magnitude 5.9 tremor on Tuesday afternoon": the tremor's
                if _in_other_conjunct(tok, span):
                    continue  # "... a hearing on Dec. 14, and two aldermen have said they will push": not theirs
                if t.id in not_past:
                    continue  # "Odegaard, who missed the match, is expected to return in the next two weeks"
                if _in_later_clause(tok, span.root) and not _measures_perfect(ev, t, span):
                    continue  # "kept the rate in a range ..., where it has been since December": that clause's time
                cost, rule = path, "syntax:path"
            # a duration gives way to a date the event has at the same cost: "met for nine hours on Thursday" is
            # Thursday, "kept rates at a 16-year high on Thursday" too
            # a duration that is another verb's object gives way to any other time the event reaches: "has 90
            # working days, until October 9, to decide" is until October 9 ("took three months to complete" keeps it)
            # and a time of a copula's subject to one its predicate governs: "New home sales data for September are
            # due on Friday" is Friday
            # a frequency gives way to a date or length the event has at the same cost: "has been doubling its profits
            # annually since 1980" is since 1980, "to rise 8.5% annually through the next three years" that span
            key = (rule == "syntax:path" and _object_length(t, span, tok), cost,
                   t.type == TimexType.SET or (now_expected and t.value == "PRESENT_REF"),  # (``_now_expected``)
                   rule == "syntax:copula",
                   _length(t, span) and not _measures_perfect(ev, t, span), _in_from_phrase(span),
                   abs(span.root.i - tok.i))
            if best is None or key < best[0]:
                best = (key, t, span, rule)
        if best is None:
            return None
        _, t, span, rule = best
        relation = _relation(t, span)
        if relation == Relation.UNTIL and _preposition(span) in _NOT_UNTIL and self._not_until(ev, tok):
            relation = Relation.FROM  # "will not open until 2026", "not expected to reopen until next week": from then
        if rule == "syntax:when-clause":
            # at the time, whatever introduces it or its modifier says: "from 1989 when ...", "since 2023, when the
            # Herald first reported" (the state runs from 2023; the report was in 2023)
            relation = Relation.ON
        if rule == "syntax:path" and relation == Relation.ON and _measures_perfect(ev, t, span) and _under_since(span.root):
            relation = Relation.FROM  # "have been built since it entered production in February 1947"
        since = _since_object_time(span) if relation == Relation.ON else None
        if since is not None and not any(node.i == since.i for node in _ancestry(tok)):
            relation = Relation.FROM  # "has landed on the moon since Apollo 17 in December 1972": from then on
        if t.id in moved:
            # at the new date ("postponed until next week" is not until then), or from it ("no earlier than Dec. 24")
            relation = relation if relation == Relation.FROM or t.mod in MOD_RELATION else Relation.ON
        return Link(ev.id, t.id, AnchorKind.TIME, relation, _evidence(span), rule)

    def _by_distance(self, ev: Event, tok: Token, candidates: list[tuple[TimeExpression, Span]]) -> Link | None:
        best: tuple[int, TimeExpression, Span] | None = None
        for t, span in candidates:
            if t.type == TimexType.DURATION:
                continue
            dist = span.start - tok.i - 1 if span.start > tok.i else tok.i - span.end
            if dist <= self.max_linear_tokens and (best is None or dist < best[0]):
                best = (dist, t, span)
        if best is None:
            return None
        _, t, span = best
        return Link(ev.id, t.id, AnchorKind.TIME, _relation(t, span), _evidence(span), "linear")

    def _not_until(self, ev: Event, tok: Token) -> bool:
        """A "not ... until" event, which happens (or is expected) from the time on: negated itself ("will not open
        until 2026"; the event stage has left it expected, not negated) or through the verb it is the complement of
        ("is not expected to reopen until next week", "does not plan to resume until May"). Not a verb of lasting
        ("did not last until Sunday", "is not expected to last until Sunday")."""
        if ev.polarity == "NEG":
            return ev.factuality != Factuality.NEGATED
        if ev.lemma.lower() in self._lasting or tok.lemma_.lower() in self._lasting:
            return False
        node = tok
        while node.dep_ == "xcomp" and node.head.i != node.i:
            node = node.head
            if any(c.dep_ == "neg" for c in node.children):
                return True
        return False

    @staticmethod
    def _to_pub_date(ev: Event, has_pub_date: bool) -> Link:
        relation = tense_relation(ev)
        if not has_pub_date:
            return Link(ev.id, None, AnchorKind.NONE, relation, None, "none:no-pub-date")
        cue = ev.modality or _TENSE_WORDS.get(ev.tense) or ev.factuality.value  # a nominal: "attack (happened)"
        return Link(ev.id, None, AnchorKind.PUB_DATE, relation, f"{ev.text} ({cue})", "pub_date:tense")

    @staticmethod
    def _governor(time_root: Token, event_tokens: dict[int, Event]) -> tuple[int, str] | None:
        """The nearest event token above the time in the tree (through at most four arcs) and the link rule:
        ``syntax:governs``, or ``syntax:copula`` when the first verb above is a non-event copula whose
        predicate is the event. A time set off by commas right after an event noun is that noun's, wherever the
        parser hangs it: "the odds of a move at the Fed's next meeting, on May 6-7, at less than 20%"."""
        noun = _apposed_event_noun(time_root, event_tokens)
        if noun is not None:
            return noun, "syntax:governs"
        node = time_root
        for _ in range(4):
            if node.head.i == node.i:
                return None
            node = node.head
            if node.i in event_tokens:
                return node.i, "syntax:governs"
            if node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
                # a verb that is not an event: the time is its own clause's, and a copula's is its predicate's
                predicate = _copula_predicate(node, event_tokens)
                return (predicate.i, "syntax:copula") if predicate is not None else None
        return None


#: the statuses of a clause still to come or not asserted, which an event below it that is "happened" only by its
#: form takes when its time is after publication
_UNASSERTED = frozenset({Factuality.PLANNED, Factuality.EXPECTED, Factuality.POSSIBLE, Factuality.HYPOTHETICAL})


def _governing_status(ev: Event, tok: Token, event_tokens: Mapping[int, Event]) -> Factuality | None:
    """For a "happened" event that is no finite past verb (a participle, "tax bills mailed in 2029"; a perfect, "when
    ... has been fully processed"), the status of the nearest event above it that is still to come or not asserted
    ("would apply", "plan to repeat"); expected when there is none. None for a finite past verb or another status."""
    # a reduced relative is a participle, though the tagger may call it a past ("bills mailed": acl, VBD)
    participle = tok.tag_ == "VBN" or (tok.tag_ == "VBD" and tok.dep_ in ("acl", "amod"))
    if ev.factuality != Factuality.HAPPENED or (tok.tag_ == "VBD" and not participle) or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in tok.children):
        return None
    if not (participle or ev.aspect in ("PERFECTIVE", "PERFECTIVE_PROGRESSIVE")):
        return None
    for node in _ancestry(tok)[1:8]:
        above = event_tokens.get(node.i)
        if above is not None and above.factuality in _UNASSERTED:
            return above.factuality
    return Factuality.EXPECTED


def _non_finite_report(tok: Token) -> bool:
    """A report that is no finite reporting verb: a noun phrase ("the announcement by President Truman ... 50 years ago"), a
    participle without an auxiliary ("issued a joint statement Friday saying ...", "sent a fax explaining ...") or a
    "to" infinitive ("scheduled a news conference Thursday to announce ..."). It is dated by the clause it belongs to,
    as other events are. Not "according to", the attribution of the whole sentence, a report as "said" is; not a verb
    with a modal or a tense ("would not divulge", "purports")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        # with its determiner: a verb the parser took for a noun ("Kopp purports to be ...") is none
        return any(c.dep_ in ("det", "poss") for c in tok.children)
    if tok.lower_ == "according":
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ in ("VBG", "VBN"):
        return not auxes
    return tok.tag_ == "VB" and len(auxes) == 1 and auxes[0].lower_ == "to"


def _in_from_phrase(span: Span) -> bool:
    """The time is in a "from" phrase ("jumped from fewer than 100,000 in 1980 to more than 300,000 last year"): the
    start of a change, which gives way to its end at the same cost."""
    node = span.root
    for _ in range(4):
        if node.head.i == node.i or node.dep_ not in _PHRASE_UP:
            return False
        node = node.head
        if node.lower_ == "from" and node.dep_ == "prep":
            return True
        if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
            # "from fewer than 100,000 [in 1980]": the parser hangs the time on the verb, right after the "from" phrase
            before = node.doc[node.i - 1] if node.i > 0 else None
            prev = next((c for c in node.head.children if c.dep_ == "prep" and c.i < node.i
                         and before is not None and c.right_edge.i == before.i), None)
            return prev is not None and prev.lower_ == "from"
    return False


_PART_NOUNS = _WORDS.part_nouns.words


def _phrase_root(span: Span) -> Token:
    """The noun a time is "of" when it names a part of it ("on the night of Oct. 23", "the weekend of May 3"): the
    phrase's root, which the path is measured to."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PART_NOUNS:
        return root.head.head
    return root


def _due(span: Span) -> bool:
    """A date after "due" ("notes due Nov. 1, 2009", "debentures due Oct. 15, 1999"): when a debt matures, the time of
    "due" and of the debt only, not of the sentence's other events ("..., priced at 84.90 to yield 7.51%")."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "due"


_FUTURE_CLAUSE_MARKS = _WORDS.future_clause_marks.words


def _present_at_publication(tok: Token) -> bool:
    """The event's present tense is a present at publication: not under "will" or "would", which the event stage may
    leave a present ("a ceremonial accession would still be held at the summit on April 24", "curious why a stranger
    would be parked there so early"); nor in a "when", "as", "until" ... clause of a "will" future."""
    verb = tok.head if tok.dep_ in ("acomp", "attr") and tok.head.i != tok.i else tok
    if any(c.dep_ in ("aux", "auxpass") and (c.lower_ in _WILL or c.lower_ == "would") for c in verb.children):
        return False
    # nor a present in an adverbial clause of a future, which is in that future: "will exhibit a decline in the fourth
    # quarter as the automotive sector remains weak and customers continue to adjust inventories"
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in _FUTURE_CLAUSE_MARKS for c in node.children):
        return True
    return not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _WILL for c in node.head.children)


def _future(ev: Event) -> bool:
    """An event still to come: "will meet", "is expected to return", "plans to open"."""
    return ev.tense == "FUTURE" or ev.factuality in (Factuality.PLANNED, Factuality.EXPECTED)


def _future_from_now(tok: Token, event_tokens: dict[int, Event]) -> bool:
    """A future or planned event still to come at publication, as its clause's tense says: "will meet for their
    debate next Thursday", "is expected to return in the next two weeks". Not a future in the past, whose time may
    be past as well: "said jury selection would begin on Feb. 2", "ordered both sides to file motions by June 30",
    "had asked for an October start". An event noun is to come only under "will": "will meet for a debate next
    Thursday", not "is intended to spotlight D'Amato's vote against the 1994 Act"."""
    ev = event_tokens.get(tok.i)
    if ev is None or not _future(ev):
        return False
    nominal = tok.pos_ not in ("VERB", "AUX")  # a noun's "planned" is weaker: only "will" says it is to come
    node = tok
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX"):
            auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in _WILL for a in auxes):
                return True
            if nominal:
                return False  # "is intended to spotlight D'Amato's vote against the 1994 Act"
            if node.tag_ == "VBD" or any(a.lower_ in _FUTURE_IN_PAST or a.tag_ == "VBD" for a in auxes):
                return False
            if node.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
                return True
        if node.head.i == node.i or node.dep_ not in _FUTURE_UP:
            return False
        node = node.head
    return False


def _past_event(ev: Event, tok: Token, event_tokens: dict[int, Event]) -> bool:
    """An event in the past: a past-tense verb, or a noun whose clause's verb is one ("missed the match")."""
    if _future(ev):
        return False
    if ev.tense == "PAST":
        return True
    if ev.tense == "INFINITIVE":
        # "used her speech to articulate a vision for NATO, which will celebrate ... next month": the purpose or
        # complement of a past verb is past too
        head = tok.head
        return tok.dep_ in ("xcomp", "advcl") and head.i != tok.i and _past_verb(head) and not (
            (verb := event_tokens.get(head.i)) is not None and _future(verb))
    if ev.pos != "NOUN":
        return False
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            verb = event_tokens.get(node.i)
            return verb.tense == "PAST" and not _future(verb) if verb is not None else node.tag_ == "VBD"
    return False


def _apposed_event_noun(time_root: Token, event_tokens: dict[int, Event]) -> int | None:
    """The event noun a time phrase between commas follows: "the Fed's next meeting, on May 6-7, at ..." (the parser
    hangs the phrase on the verb). Only a noun and a phrase closed by a comma or the sentence's end."""
    prep = time_root
    for _ in range(4):  # up to the phrase hung on the verb ("on May 6-7": "7" hangs on "May")
        if prep.head.i == prep.i or prep.head.pos_ in ("VERB", "AUX"):
            break
        prep = prep.head
    if prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX") or prep.i == time_root.i:
        return None
    doc = time_root.doc
    if prep.i < 2 or doc[prep.i - 1].text != "," or prep.head.i > prep.i:
        return None
    noun = doc[prep.i - 2]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i not in event_tokens:
        return None
    end = max(t.i for t in prep.subtree) + 1
    if end < len(doc) and doc[end].text not in (",", ".", ";") and end != time_root.sent.end:
        return None
    return noun.i


_POINT_WORDS = _WORDS.point_words.words


_FRAME_WORDS = _WORDS.frame_words.words


#: the first word of an offset that makes a duration a point from another time ("later", "after the shooting")
_OFFSET_POINT_WORDS = _WORDS.offset_point_words.words


def _length(t: TimeExpression, span: Span) -> bool:
    """A duration that tells how long, not when: "for nine hours", "a six-year contract"; not an offset ("four
    decades ago", "a decade after exchanging communist rule", "[three days] after the shooting") nor a span that
    frames the event ("in the past two weeks", "within weeks"). A lateness ("ended [a day] late") is a length here:
    the date of the same clause is the event's ("ended a day late on Sunday")."""
    if t.type != TimexType.DURATION or span[-1].lower_ in _POINT_WORDS:
        return False
    if t.offset and t.offset.split()[0].lower() in _OFFSET_POINT_WORDS:
        return False
    if span.end < len(span.doc) and span.doc[span.end].lower_ in _POINT_WORDS:
        return False
    return not any(tok.lower_ in _FRAME_WORDS for tok in span) and _preposition(span) != "within"


def _within_frame(t: TimeExpression, span: Span) -> bool:
    """A duration that opens its sentence as "Within weeks," / "Within two years,": a span from a time told before."""
    if t.type != TimexType.DURATION or _preposition(span) != "within":
        return False
    doc = span.doc
    return span.start - 1 == span.sent.start and span.end < len(doc) and doc[span.end].text == ","


def _offset_phrase(t: TimeExpression, text: str) -> tuple[int, int]:
    """Where the words that make the time an offset are ("[Three days] after the shooting": ``t.offset``): an event
    there is what the time counts from, not at it. Offsets into the Doc's text; (0, 0) for none."""
    if not t.offset:
        return 0, 0
    start = text.find(t.offset, t.end, t.end + 3 + len(t.offset))
    return (start, start + len(t.offset)) if start >= 0 else (0, 0)


_RATE_UNITS = _WORDS.rate_units.words


def _rate(span: Span) -> bool:
    """A rate after an amount, not a time: "$1.3 trillion a year", "600 trucks a day", "$5 an hour"."""
    words = [t.lower_ for t in span]
    if len(words) != 2 or words[0] not in ("a", "an", "per") or words[1] not in _RATE_UNITS or span.start == 0:
        return False
    head = span.root.head if span.root.dep_ == "npadvmod" else span.doc[span.start - 1]
    return head.like_num or head.pos_ in ("NUM", "SYM") or any(c.dep_ in ("nummod", "quantmod") for c in head.children)


def _premodifier_duration(t: TimeExpression, span: Span) -> bool:
    """A DURATION used as a noun's modifier: "a [16-year] high", "a [24-hour] strike"."""
    return t.type == TimexType.DURATION and span.root.dep_ in ("amod", "compound", "nummod") and span.root.head.pos_ in (
        "NOUN", "PROPN", "ADJ")


def _same_event(ev: Event, tok: Token, dated: dict[str, Link]) -> Link | None:
    """A definite nominal event without a time of its own refers back to the latest earlier mention of the
    same lemma and takes the time that mention has by syntax (``dated``: lemma -> that mention's link): "the
    attack on Monday ... the attack", "talks that began on Friday ... the talks". An indefinite one ("an
    attack") is a new event."""
    if ev.pos != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return None
    if tok.dep_ == "attr" and _record_phrase(tok):
        return None  # "It was the strongest storm to hit ...": a description, not the storm mentioned before
    link = dated.get(ev.lemma)
    if link is None:
        return None
    return Link(ev.id, link.time_id, AnchorKind.TIME, link.relation, link.evidence, "narrative:same-event")


#: the statuses a present-tense event has from its tense alone, which a later anchor overrules
_TENSE_STATUSES = frozenset({Factuality.HAPPENED, Factuality.ONGOING})


#: the classes a dated present schedules ("Arsenal face Villa on Saturday" is a state to the event extractor); not a
#: report or an intensional state, whose content the date is ("expects growth next year")
_SCHEDULED_CLASSES = frozenset({"OCCURRENCE", "ASPECTUAL", "STATE"})


def _nominal(ev: Event) -> bool:
    """An event noun, without a tense of its own: "the hearing", "the launch"."""
    return ev.pos == "NOUN" and ev.tense == "NONE"


def _bare(ev: Event) -> bool:
    """No aspect, modal or negation."""
    return ev.aspect == "NONE" and ev.modality is None and ev.polarity == "POS"


def _plain_present(ev: Event) -> bool:
    """A simple present with no aspect, modal or negation: "face", "opens"; or a verb or predicate adjective without
    a tense of its own ("Pre-orders open Friday", which the parser may read as an adjective)."""
    return _bare(ev) and (ev.tense == "PRESENT" or (ev.tense == "NONE" and ev.pos in ("VERB", "ADJ")))


def _untensed_present(ev: Event) -> bool:
    """A plain present (``_plain_present``) or a present participle with no aspect, modal or negation: the
    "visiting" of "Officials visiting the site on Monday found no damage", which its date places in time."""
    return _plain_present(ev) or (_bare(ev) and ev.tense == "PRESPART")


def status_from_anchor(events: list[Event], links: list[Link], times: Mapping[str, TimeExpression],
                       pub_date: dt.date | None) -> list[Event]:
    """Events whose anchor gives their status rather than their tense: a plain present or a present participle (no
    aspect, modality or negation) occurrence tied by syntax to a date or time that starts after the publication date
    is planned, not happened or ongoing: "Arsenal face Aston Villa on Saturday", "Pre-orders open Friday", "The final
    is on Sunday"; so is an event noun that such a date governs ("the hearing on April 2"), one moved to it among
    them ("The launch has been pushed back to no earlier than Dec. 24", "moved the hearing to April 2"). One tied to
    a date that ends before the publication date has happened ("Officials visiting the site on Monday", "before
    peaking in June"), unless it only starts or ends there ("since", "until": it may still go on); so has an
    occurrence a live blog reports in the present under a timestamp, the time it was posted ("12:20 p.m. - The fire
    jumps Highway 126"). ``links`` are in the order of ``events``; the others are returned as they are."""
    if pub_date is None:
        return events
    out: list[Event] = []
    for ev, link in zip(events, links, strict=True):
        t = times.get(link.time_id) if link.time_id is not None else None
        if t is not None and link.rule in _SYNTAX_RULES and ev.factuality in _TENSE_STATUSES and _dates(t):
            present = _untensed_present(ev) and ev.event_class in _SCHEDULED_CLASSES
            side = _side_of(t, pub_date)
            if side > 0 and (present or (_nominal(ev) and link.rule == "syntax:governs")):
                ev = ev.model_copy(update={"factuality": Factuality.PLANNED})
            elif (side > 0 and link.governing is not None and ev.factuality == Factuality.HAPPENED
                  and link.relation not in (Relation.UNTIL, Relation.BEFORE)):
                # "happened" only by its form, at a time still to come: the status of its clause ("would first apply
                # to tax bills mailed in 2029", "plan to repeat the analysis in 2027, when ... has been processed");
                # not one that only lasts until then ("has been released on bail until 15 April")
                ev = ev.model_copy(update={"factuality": link.governing})
            elif (side < 0 and present and ev.factuality == Factuality.ONGOING
                  and link.relation not in (Relation.FROM, Relation.UNTIL)):
                ev = ev.model_copy(update={"factuality": Factuality.HAPPENED})
        elif (t is not None and link.rule == "narrative:timestamp" and link.relation == Relation.ON
              and ev.factuality == Factuality.ONGOING and _untensed_present(ev) and ev.event_class == "OCCURRENCE"):
            ev = ev.model_copy(update={"factuality": Factuality.HAPPENED})  # posted at the stamp: "12:20 p.m. - The
            # fire jumps Highway 126" (an occurrence; a state of the entry, "is 5 percent contained", holds)
        out.append(ev)
    return out


def tense_relation(ev: Event) -> Relation:
    """The relation of an event to the publication date, from its factuality, tense and aspect."""
    if ev.factuality in (Factuality.PLANNED, Factuality.EXPECTED) or ev.tense == "FUTURE":
        return Relation.AFTER
    if ev.factuality == Factuality.ONGOING or ev.aspect == "PROGRESSIVE":
        return Relation.ON
    if ev.tense == "PAST" or ev.aspect in ("PERFECTIVE", "PERFECTIVE_PROGRESSIVE"):
        return Relation.BEFORE
    if ev.factuality == Factuality.HAPPENED:
        return Relation.BEFORE
    return Relation.ON


def _in_other_relative_clause(tok: Token, time_root: Token) -> bool:
    """The time is inside a relative clause that ``tok`` is neither in nor above: "her speech ... for NATO,
    which will celebrate its anniversary next month" (the clause is about its noun, not about the sentence)."""
    above_tok = {t.i for t in _ancestry(tok)}
    for node in _ancestry(time_root):
        if node.i in above_tok:
            return False  # the common ancestor, below any relative clause: same clause, or tok above the time
        if node.dep_ == "relcl":
            # nor the verb the clause's noun is the subject of: "The commissioner, who resigned in June, did not
            # respond" (the noun itself may take it: "the talks that began on Friday")
            if node.head.dep_ in _SUBJECT_DEPS and node.head.head.i == tok.i:
                return True
            return all(t.i != tok.i for t in _ancestry(node))  # tok is not above the relative clause
    return False


def _in_complement_event(tok: Token, governor: Token, time_root: Token) -> bool:
    """The time is another event's own, inside ``tok``'s object or an adjectival clause of it: a bare time of the
    object noun ("the government offered a 4 percent [rise] this year": the rise's year, not the offer's) or a time
    under a predicate adjective ("dropped 5 percent ahead of its earnings report, [due] after the bell on Friday")."""
    if governor.i == tok.i:
        return False
    if governor.head.i == tok.i and governor.dep_ == "dobj" and governor.pos_ == "NOUN":
        # only an object that pairs amounts with times ("a 4 percent rise this year and another 4 percent next year"):
        # "approved a 5 percent increase this year" may date the approval as well
        owner = time_root.head
        while owner.dep_ == "conj" and owner.i != governor.i:
            owner = owner.head  # "... and another 4 percent next year": the conjoined amount's time, the object's too
        return (owner.i == governor.i and time_root.dep_ == "npadvmod"
                and any(t.dep_ == "conj" for t in governor.subtree))
    node = time_root
    while node.head.i != node.i and node.head.i != tok.i:
        node = node.head
    return node.head.i == tok.i and node.dep_ == "advcl" and node.pos_ == "ADJ"


_RELATING_VERBS = _WORDS.relating_verbs.words
_RELATING_PREPS = _WORDS.relating_preps.words


def _relating_object(span: Span) -> Token | None:
    """The object phrase whose time it is, when the time hangs on a present relating verb right after that verb's
    object ("Halvorsen's departure follows [the exit of two other senior executives] last year", "comes [after the
    resignation of its CFO] in June"): the parser's attachment to the verb, but the relation holds at publication and
    the time is the earlier event's. None otherwise."""
    root = _phrase_root(span)
    verb = root.head
    if verb.i == root.i or root.dep_ not in ("npadvmod", "prep") or verb.pos_ != "VERB":
        return None
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    if not _word_in(verb, _RELATING_VERBS):
        return None
    # a common-noun object ("follows [the exit of ...]") or an "after"/"before" phrase ("comes [after the resignation
    # of its CFO]"), not a place ("The tour comes to London next week": the tour's own time)
    return next((c for c in verb.children if c.i != root.i and c.right_edge.i + 1 == span.start
                 and ((c.dep_ == "dobj" and c.pos_ == "NOUN") or (c.dep_ == "prep" and c.lower_ in _RELATING_PREPS))),
                None)


_EXAMPLE_PREPS = _WORDS.example_preps.words


def _elliptical_phrase(span: Span) -> Token | None:
    """The phrase set off by a comma whose time a bare time right after it is, though the parser hangs both on the
    verb: an elliptical predicate ("Helix unveils its first folding phone, [on sale] later this year": the sale is
    later this year, not the unveiling). None otherwise ("unveils its phone on sale later this year" keeps it)."""
    root = span.root
    verb = root.head
    if root.dep_ != "npadvmod" or verb.i == root.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ == "prep" and c.right_edge.i + 1 == span.start
                 and c.i > 0 and c.doc[c.i - 1].lower_ == "," and c.doc[c.i - 1].head.i == verb.i), None)


def _in_example(tok: Token, time_root: Token) -> bool:
    """The time is inside an "including" phrase that ``tok`` is not in: the time of the member it names ("followed by
    more than 400 aftershocks, including a magnitude 5.9 tremor on Tuesday afternoon": the tremor's, not the 400's)."""
    above_tok = {t.i for t in _ancestry(tok)}
    for node in _ancestry(time_root):
        if node.i in above_tok:
            return False
        if node.lower_ in _EXAMPLE_PREPS and node.dep_ in ("prep", "advcl", "acl"):
            return True
    return False


def _in_other_conjunct(tok: Token, span: Span) -> bool:
    """``tok`` is in a conjoined clause with a subject of its own that starts after the time, and the time is not in
    front of the first conjunct's verb (where it frames both: "On Monday, police arrested him and prosecutors charged
    him"): "plans to hold a hearing on Dec. 14, and two aldermen have said they will push ..." does not date "push".
    The conjunction must stand between them (a run-on of headline, byline and lead is no coordination)."""
    above_time = {t.i for t in _ancestry(span.root)}
    for node in _ancestry(tok):
        if node.i in above_time:
            return False  # the common ancestor
        if (node.dep_ == "conj" and node.head.i in above_time and node.head.i < span.root.i
                and node.left_edge.i >= span.end and any(c.dep_ in _SUBJECT_DEPS for c in node.children)
                and any(c.dep_ == "cc" and span.end <= c.i < node.left_edge.i for c in node.head.children)):
            return True
    return False


def _in_later_clause(tok: Token, time_root: Token) -> bool:
    """The path from ``tok`` down to the time enters a later clause with a subject and a time of its own: a
    complement or conjunct not in the past ("Delia weakened ..., but forecasters warned that heavy rain would
    continue through Friday night", "urged parents to make sure children receive both doses before school resumes
    in the fall"), or a relative clause with a "since" time ("kept the rate in a range ..., where it has been
    since December"). Not a clause that starts before ``tok`` (a time in front frames the clauses after it, and
    the parser often hangs the first of two coordinated clauses on the second: "in the past three months, stocks
    have plunged, interest rates have soared"); not a past one ("concluded that Kopp fired the shots that killed a
    doctor last October", "learned that Elian was in Florida last November"), which may be at the same time."""
    above_tok = {t.i for t in _ancestry(tok)}
    for node in _ancestry(time_root):
        if node.i in above_tok:
            return False  # the common ancestor: no clause of its own entered on the way down
        if node.left_edge.i <= tok.i or not any(c.dep_ in _SUBJECT_DEPS for c in node.children):
            continue
        if node.dep_ == "relcl" and _under_since(time_root):
            return True
        if node.dep_ in _OWN_CLAUSE_DEPS and not _past_verb(node):
            return True
    return False


def _past_verb(verb: Token) -> bool:
    """A verb in the past: "fired", "had concluded", "were killed"."""
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _noun_deictic(t: TimeExpression, span: Span) -> bool:
    """An adjectival present-, past- or future-reference time or a frequency modifying a noun ("the current system", "a
    recent estimate", "his weekly radio address"): it dates that noun only, not the clause around it."""
    if span.root.dep_ not in ("amod", "compound") or span.root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    # a frequency modifying a noun ("in his weekly radio address"), except the adverbial "on a daily basis"
    head = span.root.head
    return t.value in _REF_VALUES or (t.type == TimexType.SET and (head.lemma_ or head.lower_).lower() != "basis")


def _holds_at_publication(ev: Event, t: TimeExpression) -> bool:
    """A present intensional state ("expects", "is expected", "is worried", "wants") holds at publication even
    when it governs a time: the time is its content's ("expects growth next year", "the closing, which is
    expected in December"). A present-reference time ("now wants") is its own."""
    return (ev.event_class == "I_STATE" and ev.tense == "PRESENT" and ev.aspect in ("NONE", "PROGRESSIVE")
            and t.value != "PRESENT_REF")


_SERIES_LATEST_WORDS = _WORDS.series_latest_words.words


def _latest_of_series(span: Span, event_tokens: Mapping[int, Event]) -> Token | None:
    """For the latest time of a series the sentence counts ("extended twice, most recently on March 28", "three major
    floods since, most recently in 2019"), the counted event it dates: the nearest event before it with a count
    ("twice", "several times", a number) in its sentence; only that event takes the time ("It entered a grace period,
    which lenders extended twice, most recently on March 28": not the entry). When no counted event
    is found, or for any other time, None: the usual rules apply."""
    i = span.start - 1
    doc = span.doc
    if i >= 0 and doc[i].pos_ == "ADP":
        i -= 1
    if not (i >= 1 and doc[i].lower_ in _SERIES_LATEST_WORDS and doc[i - 1].lower_ in _SERIES_DEGREE):
        return None
    for tok in reversed(doc[span.sent.start : i - 1]):
        if tok.i in event_tokens and any(c.lower_ in _COUNT_ADVERBS or c.dep_ == "nummod" or c.lower_ in _COUNT_NOUNS
                                         for c in tok.children):
            return tok
    return None  # nothing counted ("The central bank has cut rates, most recently on March 28"): the usual rules


_COUNT_ADVERBS = _WORDS.count_adverbs.words
_COUNT_NOUNS = _WORDS.count_nouns.words
_SERIES_DEGREE = _WORDS.series_degree.words


def _subject_of_state(tok: Token, head: Token, event_tokens: Mapping[int, Event], t: TimeExpression) -> bool:
    """Is the event noun the subject of a state holding at publication that governs the time, with no clausal
    complement to take it ("A decision is expected on Wednesday morning", "The vote is expected next week")? The
    time is then the noun's: the state only says it is awaited ("The offer is expected to expire Friday" is not).
    A present passive of a scheduling verb is such a state too, whatever its event class ("A hearing to approve the
    bidding procedures is scheduled for May 12", "The hearing is set for May 12"; not "The trial is scheduled to
    begin on May 12": begin's)."""
    state = event_tokens.get(head.i)
    # a passive state only: the subject of an active one is its holder, not what it awaits ("The forecast expects
    # growth next year": growth's time, not the forecast's)
    passive = tok.dep_ == "nsubjpass" or _passive(head)
    return (tok.pos_ in ("NOUN", "PROPN") and tok.head.i == head.i and tok.dep_ in ("nsubj", "nsubjpass") and passive
            and state is not None and (_holds_at_publication(state, t) or _scheduled_now(state, head))
            and not any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in head.children))


def _scheduled_now(state: Event, head: Token) -> bool:
    """A present passive of a scheduling verb ("is scheduled", "are set", "is slated"): a state holding at
    publication whose subject is the event it puts at a date."""
    return (state.tense == "PRESENT" and state.aspect == "NONE"
            and _word_in(head, _SCHEDULING_VERBS) and _passive(head))


def _specified_refs(candidates: list[tuple[TimeExpression, Span]],
                    governors: Mapping[str, tuple[int, str] | None]) -> set[str]:
    """The past- and present-reference times that a date right after them specifies, the same event governing both
    ("extended the grace period twice, most recently on March 28": March 28, not "the past"). At most one token
    ("on", "in", a comma) between them: "now, in its third year" (two) keeps "now"; so does a reference farther off."""
    out: set[str] = set()
    for r, rspan in candidates:
        r_gov = governors.get(r.id)
        if r.value not in ("PAST_REF", "PRESENT_REF") or r_gov is None:
            continue
        for d, dspan in candidates:
            d_gov = governors.get(d.id)
            if (d.type in (TimexType.DATE, TimexType.TIME) and d.value not in _REF_VALUES
                    and 0 <= dspan.start - rspan.end <= 1 and d_gov is not None and d_gov[0] == r_gov[0]):
                out.add(r.id)
    return out


def _now_expected(tok: Token, candidates: list[tuple[TimeExpression, Span]],
                  governors: Mapping[str, tuple[int, str] | None]) -> bool:
    """A passive state with no clausal complement that governs "now" and a date: the date is when its subject is
    now expected ("it is now expected early next year": the report's new due date), not the content of a state
    holding at publication, which "now" alone would say."""
    if not _passive(tok) or any(
            c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return False
    return any(t.value == "PRESENT_REF" and (governors.get(t.id) or (-1, ""))[0] == tok.i for t, _ in candidates)


def _object_length(t: TimeExpression, span: Span, tok: Token) -> bool:
    """A duration that is a verb's object is the amount that verb deals in rather than a time of the other events
    its path reaches ("The Commission has 90 working days, until October 9, to decide": ``decide`` is until October
    9), which is theirs only when they reach no other ("took three months to complete"). The events of the
    duration's own noun phrase are not other ("declared three days of national mourning")."""
    root = span.root
    return (t.type == TimexType.DURATION and root.dep_ == "dobj" and root.head.i != tok.i
            and not root.is_ancestor(tok))


def _measures_perfect(ev: Event, t: TimeExpression, span: Span) -> bool:
    """A present perfect and the span it is measured over: a duration, "since ...", "recently"
    ("have soared in the past three months", "have been built since February 1947")."""
    if ev.aspect not in ("PERFECTIVE", "PERFECTIVE_PROGRESSIVE"):
        return False
    return t.type == TimexType.DURATION or t.value == "PAST_REF" or _under_since(span.root)


def _under_since(root: Token) -> bool:
    """The time sits in a "since" phrase or clause: "since January", "since the January 1998 bombing",
    "since it entered production in February 1947"."""
    node = root
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children):
            return True
        if node.dep_ in ("ROOT", "ccomp", "relcl", "parataxis", "conj") and node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _copula_predicate(verb: Token, event_tokens: dict[int, Event]) -> Token | None:
    """The event that is the predicate of a copula ("is much lower", "is a joint venture"), if ``verb`` is one."""
    if verb.lemma_ != "be" and verb.lower_ not in _BE_FORMS:
        return None
    for child in verb.children:
        if child.dep_ in ("acomp", "attr") and child.i in event_tokens:
            return child
    return None



def _when_clauses(time_spans: list[tuple[TimeExpression, Span]], event_tokens: dict[int, Event]) -> dict[int, str]:
    """Event token -> time id, for the events of a clause that "when" attaches to the time right before it:
    "6.8% from Oct. 13, when Wall Street's plunge helped spark ...", "a poster from 1989 when Solidarity won".
    The parser hangs such a clause on the main verb, so the attachment is read from the word order: the
    clause's verb, its conjuncts and their subjects and objects."""
    out: dict[int, str] = {}
    for t, span in time_spans:
        doc = span.doc
        j = span.end
        if j < len(doc) and doc[j].text == ",":
            j += 1
        if j >= len(doc) or doc[j].lower_ != "when" or doc[j].dep_ not in ("advmod", "mark"):
            continue
        verb = doc[j].head
        members = [verb] + [c for c in verb.children if c.dep_ == "conj"]
        members += [c for m in list(members) for c in m.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        for m in members:
            if m.i in event_tokens:
                out.setdefault(m.i, t.id)
    return out


#: what may stand on a timestamp's line besides its times: "10:40 a.m. ET", "Sept. 27, 9:05 a.m. EDT —"
_STAMP_REST = re.compile(
    r"[\s,.:;|()\[\]\-–—]*(?:(?:ET|EDT|EST|CT|CDT|CST|PT|PDT|PST|GMT|UTC|BST|CET)\b[\s,.:;|\-–—]*)?")


def _stamp_line(line_start: int, line_end: int, on_line: list[TimeExpression], text: str) -> TimeExpression | None:
    """The clock time of a line that holds only times (a clock time among them) and a zone or punctuation."""
    clock = [t for t in on_line if t.type == TimexType.TIME and "T" in t.value]
    if not clock:
        return None
    rest, last = [], line_start
    for t in sorted(on_line, key=lambda t: t.start):
        rest.append(text[last : t.start])
        last = t.end
    rest.append(text[last:line_end])
    return clock[-1] if all(_STAMP_REST.fullmatch(part) for part in rest) else None


#: a line short enough to be a timestamp, with a clock's colon or an "a.m."/"pm"
_STAMP_CANDIDATE = re.compile(r"^[^\n]{0,60}(?::\d\d|\b[ap]\.?m\b)[^\n]{0,60}$", re.MULTILINE | re.IGNORECASE)
#: a timestamp that starts its entry's line, a dash between them: "12:20 p.m. - The fire jumps Highway 126."
_STAMP_LEAD = re.compile(r"^([^\n]{0,40}?(?::\d\d|\b[ap]\.?m\b)\.?[^\n]{0,12}?)[ \t]+[-–—][ \t]+(?=\S)",
                         re.MULTILINE | re.IGNORECASE)


def _lead_stamp(text: str, line_start: int, on_line: list[TimeExpression]) -> tuple[TimeExpression, int] | None:
    """The clock time that starts a line and the offset of the entry after its dash ("12:20 p.m. - The fire jumps
    Highway 126."): the stamp is what comes before the dash, as a stamp line would be (``_stamp_line``)."""
    m = _STAMP_LEAD.match(text, line_start)
    if m is None:
        return None
    head_end = m.end(1)
    stamp = _stamp_line(line_start, head_end, [t for t in on_line if t.end <= head_end], text)
    return None if stamp is None else (stamp, m.end())


def is_live_blog(text: str, tag: Callable[[str], list[TimeExpression]]) -> bool:
    """Does the text have two timestamp lines or more ("9:05 a.m. ET" on a line of its own)? ``tag`` tags one line
    (the pipeline's temporal tagger). One stamped line is the story's own time, not a blog."""
    found: set[int] = set()  # the stamped lines' starts
    last = len(text.rstrip())
    lines = itertools.chain(
        # the text's last line dates nothing below it
        ((m.start(), m.group()) for m in _STAMP_CANDIDATE.finditer(text) if m.end() < last),
        # a stamp that starts its entry's line: "12:20 p.m. - The fire jumps ..."
        ((m.start(), m.group(1)) for m in _STAMP_LEAD.finditer(text)),
    )
    for start, line in lines:
        if start not in found and _stamp_line(0, len(line), tag(line), line) is not None:
            found.add(start)
            if len(found) >= 2:
                return True
    return False


def _timestamp_blocks(time_spans: list[tuple[TimeExpression, Span]], text: str,
                      live_blog: bool | None = None) -> list[tuple[int, int, TimeExpression]]:
    """(start, end, time) of the text a live-blog timestamp dates: a line holding only a clock time, or a clock
    time and a date ("9:05 a.m. ET", "Sept. 27, 10:40 a.m."), dates the lines below it up to a blank line or the
    next timestamp, when the text has two such lines at least (a live blog). The time is the line's clock time."""
    if live_blog is False:
        return []
    by_line: dict[int, list[TimeExpression]] = {}
    for t, _ in time_spans:
        line_start = text.rfind("\n", 0, t.start) + 1
        by_line.setdefault(line_start, []).append(t)
    stamps: list[tuple[int, int, TimeExpression]] = []
    for line_start, on_line in sorted(by_line.items()):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if line_end >= len(text):
            continue
        stamp = _stamp_line(line_start, line_end, on_line, text)
        block_start = line_end
        if stamp is None:
            lead = _lead_stamp(text, line_start, on_line)
            if lead is None:
                continue
            stamp, block_start = lead
        end = text.find("\n\n", line_end)
        stamps.append((block_start, len(text) if end < 0 else end, stamp))
    if live_blog is None and len(stamps) < 2:
        return []  # one stamped line is the story's own time ("Mon Sep 16, 2013 8:44am EDT" above the text), no blog
    # a timestamp's block ends where the next one starts
    return [(start, min(end, stamps[i + 1][0]) if i + 1 < len(stamps) else end, t)
            for i, (start, end, t) in enumerate(stamps)]  # in text order


def _under_timestamp(ev: Event, stamps: list[tuple[int, int, TimeExpression]]) -> Link | None:
    """The timestamp whose block holds the event: the event is at that time, or after it when still to come."""
    for start, end, t in stamps:
        if start <= ev.start < end:
            relation = Relation.AFTER if _future(ev) else Relation.ON
            return Link(ev.id, t.id, AnchorKind.TIME, relation, t.text, "narrative:timestamp")
    return None


def _in_dateline(span: Span, text: str) -> bool:
    """The time is the date of a dateline: "WARSAW, February 26 (Xinhua) --", "BEIRUT, Lebanon, Jan. 3 _"."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    if span.start_char - line_start > 60:
        return False
    return (_DATELINE_BEFORE.fullmatch(text[line_start : span.start_char]) is not None
            and _DATELINE_AFTER.match(text, span.end_char) is not None)


def _path_cost(a: Token, b: Token) -> int | None:
    """Dependency path length between two tokens of one sentence, plus one per clause boundary crossed."""
    up_a = _ancestry(a)
    up_b = _ancestry(b)
    index_b = {tok.i: n for n, tok in enumerate(up_b)}
    for n, tok in enumerate(up_a):
        if tok.i in index_b:
            m = index_b[tok.i]
            crossings = sum(1 for t in up_a[:n] if t.dep_ in _CLAUSE_DEPS)
            crossings += sum(1 for t in up_b[:m] if t.dep_ in _CLAUSE_DEPS)
            return n + m + crossings
    return None


def _passive(verb: Token) -> bool:
    """A verb with a passive auxiliary: "is expected", "has been pushed back"."""
    return any(c.dep_ == "auxpass" for c in verb.children)


def _word_in(tok: Token, words: frozenset[str]) -> bool:
    """Is the token's lemma or its form one of ``words`` (the lists that name both: "schedule", "scheduled")?"""
    return tok.lemma_.lower() in words or tok.lower_ in words


def _ancestry(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 64:
        chain.append(chain[-1].head)
    return chain


def _relation(t: TimeExpression, span: Span) -> Relation:
    if t.type == TimexType.DURATION:
        return Relation.DURING
    if t.mod in MOD_RELATION:
        return MOD_RELATION[t.mod]
    prev = _preposition(span)
    if prev is not None and prev in _PREP_RELATION:
        return _PREP_RELATION[prev]
    return Relation.ON


def _preposition(span: Span) -> str | None:
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        return root.head.lower_
    if root.dep_ == "poss":
        return None  # "from last month's offer": the preposition is the noun's; the offer was last month
    if span.start > 0:
        before = span.doc[span.start - 1]
        if before.pos_ == "ADP" or before.dep_ == "prep" or before.lower_ in _PREP_RELATION:
            return before.lower_
    return None


def _evidence(span: Span) -> str:
    """The time with the few function words that introduce it: 'on April 10', 'as early as April'."""
    doc = span.doc
    start = span.start
    sent_start = span.sent.start
    while start > sent_start and span.start - start < 3 and doc[start - 1].lower_ in _EVIDENCE_WORDS:
        start -= 1
    return doc[start : span.end].text


#: the words before "from" that make its time a baseline: "up from last month's offer", "down from 29 percent in
#: August", "rose 3 percent from a year earlier"
_BASELINE_BEFORE_FROM = _WORDS.baseline_before_from.words
_AGO_WORDS = _WORDS.ago_words.words
#: the arcs a time's phrase goes up by to the preposition that introduces it (the time, its noun, a number)
_PHRASE_UP = frozenset({"pobj", "pcomp", "poss", "npadvmod", "compound", "nmod", "nummod", "amod", "quantmod",
                        "appos", "prep"})


def _baseline_prep(span: Span) -> Token | None:
    """The preposition that makes a time a comparison baseline, not an event's time: "up from last month's offer",
    "down from 29 percent in August", "rose 3 percent from a year earlier", "higher than in 2023", "compared with
    2022". Read up the time's phrase (its noun, a number, a preposition) to the first verb or clause; after an
    amount, "from" is a baseline only for the time itself or its noun's possessor ("8 percent from last year's
    edition"), not for a time further down ("$27 million from the sale of Federated in August")."""
    node = span.root
    through_prep = False
    for _ in range(6):
        if node.head.i == node.i or node.dep_ not in _PHRASE_UP:
            return _baseline_by_order(span)
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lower_ != "compared":
            return _baseline_by_order(span)
        if span.start <= node.i < span.end:
            continue  # "less than 12 hours": the time's own words
        word = node.lower_
        if word in ("than", "versus", "vs.", "vs") and not _bound_than(node):
            return node
        if word in ("with", "to") and node.head.lower_ in ("compared", "comparison"):
            return node
        if word == "from":
            doc = node.doc
            before = doc[node.i - 1] if node.i > span.sent.start else None
            if node.head.lower_ in ("up", "down") or (before is not None and before.lower_ in ("up", "down")):
                return node
            if not through_prep and before is not None and (before.lower_ in _BASELINE_BEFORE_FROM or before.like_num):
                return node
            if any(tok.lower_ in _AGO_WORDS for tok in span):
                return node  # "rose from a year earlier", "from a year ago"
            return None
        if node.dep_ == "prep" or node.pos_ == "ADP":
            through_prep = True
    return None


#: the words of an amount between "from" and a time the parser hangs elsewhere: "from $504.2 million, or $4.41 a
#: share, last year"
_AMOUNT_WORDS = _WORDS.amount_words.words
#: comparatives that make "no ... than" a bound of the event's time ("lodged no later than 2 March")
_BOUND_COMPARATIVES = _WORDS.bound_comparatives.words


def _bound_than(than: Token) -> bool:
    """ "no later than 2 March", "not earlier than": a deadline or a start, not a baseline ("higher than in 2023")."""
    if than.i == 0:
        return False
    head = than.head if than.head.i < than.i else than.doc[than.i - 1]
    return head.lower_ in _BOUND_COMPARATIVES and head.i > 0 and head.doc[head.i - 1].lower_ in ("no", "not")


def _baseline_by_order(span: Span) -> Token | None:
    """A time right after "from" and an amount, wherever the parser hangs it: "net rose 4.3% to $525.8 million, from
    $504.2 million, or $4.41 a share, last year"."""
    doc = span.doc
    i = span.start - 1
    seen_amount = False
    while i > span.sent.start and span.start - i <= 14:
        tok = doc[i]
        if tok.lower_ == "from":
            return tok if seen_amount else None
        if not (tok.like_num or tok.lower_ in _AMOUNT_WORDS):
            return None
        seen_amount = seen_amount or tok.like_num
        i -= 1
    return None


def _baseline_of_other(tok: Token, span: Span) -> bool:
    """The time is a comparison baseline (``_baseline_prep``) that ``tok`` is not inside: "offered a 50 percent raise,
    up from last month's offer" does not date "offered"; it dates "offer"."""
    prep = _baseline_prep(span)
    if prep is None:
        return False
    return all(node.i != prep.i for node in _ancestry(tok))


def _frames_sentence(span: Span) -> bool:
    """The time may frame what a later sentence tells: not a "since" phrase, which starts a state ("has led the
    festival since 2012"), nor a detail of a relative clause after a past main verb, which is dated otherwise ("The
    best actor prize went to Lindon, who last won the award in 2015. Kidman was named ...").
    Before the main verb, or under a present or copular main clause, the relative clause is the story ("is being
    offered for the arrest of Kopp, who is charged with gunning down Slepian last fall. Slepian provided ...")."""
    if _preposition(span) == "since":
        return False
    chain = _ancestry(span.root)
    root = chain[-1]
    if _moved_on(span, chain):
        return False
    clause = next((node for node in chain[1:] if node.dep_ == "relcl"), None)
    if clause is None or clause.i < root.i:
        return True  # a relative clause of the subject sets the scene: "Williams shares, which were to be delisted
        # after the close of composite trading yesterday, closed at $23.25. Primerica closed at ..."
    return not (_past_verb(root) and root.lemma_ != "be" and root.lower_ not in _BE_FORMS)


def _moved_on(span: Span, chain: list[Token]) -> bool:
    """The time dates the first of two clauses after its verb, and the second, with a subject of its own, tells what
    came later in the story ("Congress cut its funding in 2015, and the project was restored only after a two-year
    campaign by scientists. The launch itself was delayed twice": not in 2015): the next sentence goes on from that
    second clause, which the time does not date. A time in front frames both ("In 2015, Congress cut ... and ...")."""
    root = chain[-1]
    if span.start < root.i or any(node.dep_ == "conj" for node in chain[:-1]):
        return False
    return any(c.dep_ == "conj" and c.i > span.end and c.pos_ in ("VERB", "AUX")
               and any(g.dep_ in _SUBJECT_DEPS for g in c.children)
               and any(g.lower_ in _SEQUENCE_WORDS for g in c.subtree) for c in root.children)


_SEQUENCE_WORDS = _WORDS.sequence_words.words


def _comparison(t: TimeExpression, span: Span) -> bool:
    """A comparison baseline: "from $2.9 million a year earlier", "the year-ago period", "compared with 1988", or
    the span a record is measured over ("the highest since 2008", ``_measured_against``)."""
    if any(t.lower_ in _COMPARISON_WORDS for t in span) or any(
            f"{a.lower_}-{c.lower_}" in _COMPARISON_WORDS for a, b, c in zip(span, span[1:], span[2:]) if b.text == "-"):
        return True  # the second: a hyphenated word the tokenizer splits ("the year-ago period": year, -, ago)
    return (_preposition(span) in ("from", "than", "with") or _baseline_prep(span) is not None
            or _measured_against(t, span))


def _measured_against(t: TimeExpression, span: Span) -> bool:
    """The time is the span a superlative or a first is measured over, not the event's time: "beating forecasts
    for the first time since 2022", "the highest since 2008", "the lowest level in 10 years", "the first aid convoys
    in three months". Only a "since" time
    or a duration ("the biggest drop in March" may be March's). The phrase is read up the tree (prepositions and
    their nouns, up to the first verb) and, as the parser often hangs the time on the verb, from the words just
    before its preposition. A time of the "since" phrase's noun is its baseline too ("the strongest storm to hit the
    coast since Hurricane Katrina in 2005", ``_since_object_time``), and a verb that "since" hangs on is read through
    the noun it describes ("the strongest storm to hit ...", "the third delay since ...")."""
    prep = _preposition(span)
    since = _since_object_time(span)
    if since is not None:
        return _record_over_span(span.doc[since.i - 1]) or _record_over_span(_described_noun(since.head))
    if prep != "since" and not (prep in ("in", "over", "for") and t.type == TimexType.DURATION):
        return False
    node = span.root
    for _ in range(4):
        if node.head.i == node.i or node.head.pos_ in ("VERB", "AUX"):
            if prep == "since" and node.dep_ == "prep" and node.lower_ == "since":
                return _record_over_span(_described_noun(node.head))
            break
        node = node.head
        if _record_over_span(node):
            return True
    before = span.start - 2  # the word before the preposition: "the lowest level [in] 10 years"
    return before >= span.sent.start and span.doc[before + 1].lower_ == prep and _record_over_span(span.doc[before])


#: verbs that put an event at a date ("scheduled sentencing for May 21", "set a vote for next week")
_SCHEDULING_VERBS = _WORDS.scheduling_verbs.words
#: nouns whose own time a "for" phrase is, whatever the verb does to them ("lowered its sales forecast for the coming
#: fiscal year", "raised its outlook for 2025")
_FORECAST_NOUNS = _WORDS.forecast_nouns.words


def _object_noun_time(t: TimeExpression, span: Span, scheduled: frozenset[str]) -> tuple[Token, Token] | None:
    """(verb, noun) when the time is a "for" date of the verb's object noun, not of the verb: a scheduled event ("Judge
    Hollins scheduled [sentencing] for May 21": the scheduling happened before; the sentencing is on May 21;
    "sentencing set for May") or a forecast ("lowered its sales [forecast] for the coming fiscal year"). The phrase
    may hang on the noun or, after it, on the verb. A date, not a length ("rumored a potential takeover target for
    six months"). ``scheduled``: the event nouns a scheduling verb dates (the event lexicon's ``scheduled_nouns``)."""
    if t.type not in (TimexType.DATE, TimexType.TIME) or _preposition(span) != "for":
        return None
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "for":
        return None
    prep = root.head
    verb = prep.head if prep.head.pos_ in ("VERB", "AUX") else prep.head.head
    if prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX"):
        return None
    scheduling = _word_in(verb, _SCHEDULING_VERBS)
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "nsubjpass", "compound") or obj.i > prep.i or prep.head.i not in (obj.i, verb.i):
            continue
        noun = obj.lemma_.lower() or obj.lower_
        if noun in _FORECAST_NOUNS or (noun in scheduled and scheduling):
            return verb, obj
    return None


#: verbs that move an event to a new date ("postponed to March 30", "pushed back to Dec. 24", "moved to May 3")
_RESCHEDULING_VERBS = _WORDS.rescheduling_verbs.words
#: the particle those that move things in space need to move an event in time ("pushed back", "put off")
_RESCHEDULING_PARTICLES = _WORDS.rescheduling_particles.particles
_NEW_DATE_PREPS = _WORDS.new_date_preps.words
#: the arcs from a new date up to the verb that moves it: a time's phrase, an adverb ("back to"), a particle
_RESCHEDULE_UP = _PHRASE_UP | {"advmod", "prt"}


def _rescheduled(t: TimeExpression, span: Span, event_tokens: Mapping[int, Event]) -> tuple[Token, Token] | None:
    """(verb, thing) when the time is the new date of what a rescheduling verb moves: the subject of the passive
    ("The launch ... has been pushed back to no earlier than Dec. 24", "the concert was postponed to March 30") or the
    object of the active ("postponed the vote until next week"), an event: the time is that event's and no other's,
    not the verb's, which keeps its tense. Without an event moved, the verb keeps the time (TimeBank: "postponed until
    Tuesday morning any action on ..." is in Tuesday morning). The time hangs on the verb (or its particle) by "to",
    "until", "for", or "to no earlier than"; a date, not a length ("delayed for two weeks")."""
    if t.type not in (TimexType.DATE, TimexType.TIME):
        return None
    prep = _preposition(span)
    doc = span.doc
    before = doc[max(span.sent.start, span.start - 4) : span.start]
    if prep not in _NEW_DATE_PREPS and not (prep == "than" and any(w.lower_ == "to" for w in before)):
        return None
    node = span.root
    for _ in range(5):
        if node.head.i == node.i or node.dep_ not in _RESCHEDULE_UP:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    if not _word_in(node, _RESCHEDULING_VERBS):
        return None
    particles = _RESCHEDULING_PARTICLES.get(node.lemma_.lower()) or _RESCHEDULING_PARTICLES.get(node.lower_)
    if particles and not any(c.dep_ in ("prt", "advmod") and c.lower_ in particles for c in node.children):
        return None  # "pushed the cart to the door"; "pushed back" moves a date
    thing = next((c for c in node.children if c.dep_ == ("nsubjpass" if _passive(node) else "dobj")), None)
    return (node, thing) if thing is not None and thing.i in event_tokens else None


def _since_object_time(span: Span) -> Token | None:
    """The "since" of a phrase whose noun the time dates, the parser hanging the time beside it: "since Hurricane
    Katrina [in 2005]", "since Apollo 17 [in December 1972]" (a baseline event and its time, not a time of the
    verb). The "since" token, or None."""
    root = span.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep" or root.head.lower_ not in ("in", "of", "on"):
        return None
    prep = root.head
    head = prep.head
    return next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "since" and c.i < prep.i
                 and c.right_edge.i == prep.i - 1 and c.right_edge.i > c.i), None)


def _described_noun(verb: Token) -> Token:
    """The noun a verb describes: the head of an infinitive or relative clause ("the strongest storm [to hit]"), or the
    predicate noun of a copula whose complement the verb is ("It was the strongest storm [to hit] ..."); else the verb."""
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i:
        attr = next((c for c in verb.head.children if c.dep_ == "attr" and c.i < verb.i), None)
        if attr is not None:
            return attr
    return verb


def _record_over_span(tok: Token) -> bool:
    """What a "since" phrase or a duration measures as a record: a superlative or a first (``_record_phrase``), or a
    noun with an ordinal ("the first storm since ...", "the third delay since ...", "the first aid convoys in three
    months", "the first measles deaths in the state in a decade"), or an ordinal that stands for its noun ("a $15.8
    billion surplus, the first in 15 years")."""
    return _record_phrase(tok) or (tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "amod" and c.lower_ in _ORDINAL_FIRSTS for c in tok.children)) or (
        tok.lower_ in _ORDINAL_FIRSTS and tok.dep_ != "amod" and any(c.dep_ == "det" for c in tok.children))


def _record_phrase(tok: Token) -> bool:
    """A superlative, a record or a first ("the highest", "the lowest level", "a record high", "the first time"; not
    a track record, "Provigo's profit record over the past two years")."""
    if tok.tag_ in ("JJS", "RBS") or any(c.dep_ in ("amod", "advmod", "compound") and _superlative(c)
                                         for c in tok.children):
        return True
    return tok.lower_ == "time" and any(c.dep_ in ("amod", "nummod") and c.lower_ in _FIRST_WORDS for c in tok.children)


def _superlative(tok: Token) -> bool:
    """ "highest", "most", "best", "record" (as a modifier)."""
    return tok.tag_ in ("JJS", "RBS") or tok.lower_ in _RECORD_WORDS


#: how far into the body (characters from the lead's start) a headline event looks for its first mention: the story's
#: first paragraphs, whatever the chunks the pipeline parses the text in
HEADLINE_REACH = 3_000


def headline_from_body(events: list[Event], links: list[Link], times: Mapping[str, TimeExpression],
                       lead_start: int, pub_date: dt.date | None, *,
                       reach: int = HEADLINE_REACH) -> tuple[list[Event], list[Link]]:
    """A headline reports the story's event in the present, without its date: "Lohan checks into rehab" above
    "Lindsay Lohan checked into rehab late Thursday". A headline event only related to the publication date takes
    the time of the body's first mention of the same word (from ``lead_start``, the lead, up to ``reach`` characters
    on), when the text dates that mention; a first mention the text does not date leaves it as it is. A present that
    such a date puts before or after the publication date has happened or is planned. ``links`` are in the order of
    ``events``."""
    if lead_start <= 0:
        return events, links
    first: dict[str, Link] = {}
    for ev, link in zip(events, links, strict=True):
        if lead_start <= ev.start < lead_start + reach and ev.lemma not in first:
            first[ev.lemma] = link
    out_events: list[Event] = []
    out_links: list[Link] = []
    for ev, link in zip(events, links, strict=True):
        body = first.get(ev.lemma)
        if (ev.start < lead_start and link.anchor == AnchorKind.PUB_DATE and body is not None
                and body.time_id in times and _dates(times[body.time_id])):
            link = Link(ev.id, body.time_id, AnchorKind.TIME, body.relation, body.evidence, "narrative:headline")
            side = _side_of(times[body.time_id], pub_date)
            if side and ev.factuality in _TENSE_STATUSES and _plain_present(ev):
                ev = ev.model_copy(update={"factuality": Factuality.HAPPENED if side < 0 else Factuality.PLANNED})
        out_events.append(ev)
        out_links.append(link)
    return out_events, out_links


def _side_of(t: TimeExpression, pub_date: dt.date | None) -> int:
    """1 when the days of a dated time all come after the publication date, -1 when all before it, else 0."""
    if pub_date is None or t.interval is None:
        return 0
    return 1 if t.interval.first > pub_date else -1 if t.interval.last < pub_date else 0


def _dates(t: TimeExpression) -> bool:
    """A date or clock time that names days (not a length, a set or "now")."""
    return t.type in (TimexType.DATE, TimexType.TIME) and t.interval is not None
