"""TemporalTagger: find candidates with the rule table, refine them, anchor them, return TimeExpressions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from timeline.models import TimeExpression
from timeline.temporal.anchor import Recorder, Resolver
from timeline.temporal.builders import BUILDERS, prev_word
from timeline.temporal.candidate import Candidate
from timeline.temporal.direction import DirectionModel
from timeline.temporal.lexicon import Lexicon
from timeline.temporal.refiners import (
    ModifierRefiner,
    TitleFilter,
    coordinate_weekdays,
    drop_vague_before_date,
    duration_ranges,
    later_as_duration,
    link_clock_day,
    link_period_end,
    link_ranges,
    merge_clock_date,
    merge_date_clock,
    offset_from_event,
    within_of_previous,
    remove_overlaps,
    set_conjuncts,
    split_day_ranges,
)
from timeline.temporal.rules import Rule, RuleSet, load_rules

_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")
_NEXT_WORD = re.compile(r"[ \t\n]+([A-Za-z]+)")
_ARTICLES = frozenset({"the", "a", "an"})

#: the tagger works on spans of at least this many characters, cut at paragraph breaks (identical results to
#: tagging the whole text: nothing it links crosses a paragraph break); only one span's candidates, and the
#: times not yet handed on, are held at once
TAG_CHARS = 100_000


def paragraph_cuts(text: str, size: int) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` of at least ``size`` characters (the last may be shorter), each ending just after a
    paragraph break (two newlines) or at the end of the text; a text without one is one span."""
    lo, n = 0, len(text)
    while lo < n:
        cut = text.find("\n\n", lo + size)
        hi = n if cut == -1 else cut + 2
        yield lo, hi
        lo = hi


class TemporalTagger:
    """Tags TIMEX3 expressions in plain English text.

    Rules and word lists are loaded and validated once (RuleFileError on bad data). ``tag`` is pure: the same text,
    publication date and mode always give the same result, and the clock is never read.
    """

    def __init__(self, *, lexicon_text: str | None = None, rules_text: str | None = None,
                 learned_direction: bool = True) -> None:
        self.lexicon = Lexicon.load(lexicon_text)
        self.rules: RuleSet = load_rules(self.lexicon, BUILDERS.keys(), rules_text)
        self._modifiers = ModifierRefiner(self.lexicon)
        self._titles = TitleFilter(self.lexicon)
        #: past/future of bare weekdays and months (resources/direction.json); None: the hand rules alone
        self.direction_model: DirectionModel | None = DirectionModel.load() if learned_direction else None
        #: training hook (scripts/train_temporal.py): sees every learned decision's features and both values
        self.recorder: Recorder | None = None

    def candidates(self, text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
        """Every rule match that its builder accepts (overlapping; in no particular order), for the words that
        start in ``text[start:end]`` (the matches themselves see the whole text)."""
        found: list[Candidate] = []
        by_word = self.rules.by_word
        digit_rules = self.rules.digit_rules
        vocabulary = self.rules.vocabulary
        lex = self.lexicon
        for tok in _TOKEN.finditer(text, start, len(text) if end is None else end):
            s = tok.start()
            if s and text[s - 1].isalnum():
                continue
            if s > 1 and text[s - 1] in ",." and text[s - 2].isdigit():
                continue  # inside a number ("000" of "50,000", "5" of "2.5")
            w = tok.group()
            rules: list[Rule] | None
            if w[0].isdigit():
                rules = digit_rules
            else:
                w = w.lower()
                if w in _ARTICLES:
                    nxt = _NEXT_WORD.match(text, tok.end())
                    if nxt is not None and nxt.group(1).lower() not in vocabulary:
                        continue
                rules = by_word.get(w)
                if rules is None and w.endswith("s"):
                    w = w[:-1]
                    rules = by_word.get(w)
                if rules is None:
                    continue
            for rule in rules:
                m = rule.regex.match(text, s)
                if m is None:
                    continue
                if rule.prev_words is not None and prev_word(text, s) not in rule.prev_words:
                    continue
                cand = BUILDERS[rule.spec.build](m, rule, lex, text)
                if cand is not None:
                    found.append(cand)
        return found

    def tag(self, text: str, pub_date: dt.date | None, *, narrative: bool = False) -> list[TimeExpression]:
        """Find and normalize the temporal expressions of `text`.

        pub_date anchors relative expressions; with None they stay unresolved (X placeholders, resolved=False).
        narrative=True anchors underspecified dates to the previous time instead of the publication date.
        """
        return [t for part in self.tag_spans(text, pub_date, [(0, len(text))], narrative=narrative) for t in part]

    def tag_spans(self, text: str, pub_date: dt.date | None, spans: Iterable[tuple[int, int]], *,
                  narrative: bool = False) -> Iterator[list[TimeExpression]]:
        """``tag`` one span of ``text`` at a time (spans in order, cut at paragraph breaks): the times of each
        span, offsets and ids as whole-text tagging gives them, the resolver's state (the previous time)
        carried from span to span. Only one span's candidates are held at once.

        Ids number the times in the order they are yielded, across spans: the n-th time is ``t<n>``
        (``time_number`` reads n back from an id, an anchor or a range end)."""
        resolver = Resolver(self.lexicon, text, pub_date, narrative, self.direction_model, self.recorder)
        count = 0
        for lo, hi in spans:
            cands = self._titles.refine(text, remove_overlaps(self.candidates(text, lo, hi)))
            if not narrative:
                cands = later_as_duration(text, cands)
            cands = merge_clock_date(text, cands)
            cands = drop_vague_before_date(text, cands, self.lexicon)
            link_clock_day(text, cands)
            cands = merge_date_clock(text, cands)
            cands = split_day_ranges(text, cands)
            duration_ranges(text, cands, self.lexicon)
            cands = self._modifiers.refine(text, cands)
            cands = within_of_previous(text, cands)  # drops candidates: before the links that index the list
            link_ranges(text, cands)
            link_period_end(text, cands)
            set_conjuncts(text, cands)
            coordinate_weekdays(text, cands)
            offset_from_event(text, cands, self.lexicon)
            out: list[TimeExpression] = []
            index_map: dict[int, int] = {}
            for i, c in enumerate(cands):
                t = resolver.resolve(c, f"t{count + len(out) + 1}")
                if t is None:
                    continue
                index_map[i] = len(out)
                out.append(t)
            for i, c in enumerate(cands):
                if c.range_end is not None and i in index_map and c.range_end in index_map:
                    out[index_map[i]].range_end = out[index_map[c.range_end]].id
            count += len(out)
            yield out

    @staticmethod
    def time_number(time_id: str | None) -> int:
        """n of an id ``t<n>`` that ``tag_spans`` gives its n-th time; 0 for anything else (None, "pub_date")."""
        return int(time_id[1:]) if time_id is not None and re.fullmatch(r"t[1-9][0-9]*", time_id) else 0
