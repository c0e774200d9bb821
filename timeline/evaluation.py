"""TempEval-3 style evaluation of timelines against TimeML gold files (``timeline eval``).

Definitions (all counts are micro-averaged over every file: summed first, then divided):

Publication date. The system is given the gold DCT; a document without one gets the date its text states
(:func:`system_pub_date`, what ``timeline build`` does without ``--pub-date``), or none.

Matching. Gold TIMEX3 and EVENT annotations come from ``<TEXT>`` (the DCT, outside it, is not
scored; events written outside ``<TEXT>`` are not scored either). System items are the
``times`` and ``events`` of the Timeline the system returns for the gold text. Spans are
character offsets into that text. A *strict* match has the same start and end; a *relaxed*
match is any overlap of at least one character. Matching is one to one: strict matches are
paired by identical extent; relaxed matches are a maximum one-to-one pairing of overlapping
spans (each gold item tries its candidates by exact extent first, then by larger overlap,
and earlier pairs are re-assigned along augmenting paths when that lets more items match).
The official TempEval-3 toolkit aligns on tokens; character spans agree with it whenever
annotations start and end on token boundaries, which TimeML annotations do.

Scores. For each metric, ``tp`` matched pairs, ``system`` system items, ``gold`` gold items:
P = tp / system, R = tp / gold, F1 = 2PR / (P + R); a ratio with a zero denominator is 0.

* timex strict, timex relaxed: as above.
* timex value: tp = relaxed matches whose system ``value`` equals the gold ``value`` exactly
  (string equality), P and R over the same system and gold counts. So value F1 = value
  accuracy (over relaxed matches) x relaxed F1. timex type: likewise with ``type``.
* event strict, event relaxed: on EVENT extents; event class: relaxed matches with the same class.

Anchoring (how many gold events the system puts at the right time). A gold event is
*anchored* when a TLINK whose relType is one of ``ANCHORING_RELTYPES`` (IS_INCLUDED,
INCLUDES, SIMULTANEOUS, DURING, DURING_INV, BEGINS, BEGUN_BY, ENDS, ENDED_BY, IDENTITY; in
either direction, event->time or time->event) ties it to a time. Two scores:

* anchoring to explicit times: the gold events anchored to at least one TIMEX3 of the text.
  Such an event is correct when its relaxed-matched system event has a timeline entry whose
  ``value`` equals the value of one of those gold times (exact string equality).
* anchoring to the DCT: the gold events anchored to the DCT. Correct when the matched system
  event's entry ``value`` equals the DCT as a day (``YYYY-MM-DD``: the publication date the
  system was given) or the DCT value as written, whether the system anchored the event to
  the publication date or to a time whose value is that date.

An event anchored both ways is counted in both. A gold event whose system match is missing
(no relaxed match), or that has no entry or an entry without a value, counts as a miss.
The relation of the entry (on/before/...) is not compared: only where the event is placed.
Each score is ``correct / gold events`` (a share, also given as a percentage).

Event attributes (over the relaxed-matched event pairs only: a missed or spurious event is
counted by the event scores, not here). A gold event's attributes are its MAKEINSTANCE's (the
first one, by document order, when there are several); CAT XML has no MAKEINSTANCE and writes
negation in the markable's name, so there an event is NEG when it is a ``NEG_ACTION_*`` markable
and POS otherwise. A TimeML event without a MAKEINSTANCE has no attributes and is not scored.

* polarity: gold ``polarity`` (NEG when it reads NEG in any case, else POS) against the
  system event's ``polarity``. polarity accuracy = pairs with the same polarity / scored
  pairs; polarity NEG is a P/R/F1 with tp = pairs NEG on both sides, system = pairs the system
  calls NEG, gold = pairs gold calls NEG.
* modality: gold ``modality`` and the system ``modality`` are compared after normalising
  both: lower case, surrounding blanks dropped, ``_`` read as a space ("have_to" = "have to");
  empty, missing and "none" mean no modality; and "will", "shall", "'ll" and "wo" also mean no
  modality, because TimeML writes them as tense FUTURE and leaves ``modality`` empty (TimeBank
  and AQUAINT never write "will"), while the system names them. Scored only for events with a
  MAKEINSTANCE (CAT XML has no modality). modality accuracy = pairs with the same normalised
  modality / scored pairs; modality present is a P/R/F1 of "has a modality" with tp = pairs
  where both sides have one (whether or not the same word), system = pairs where the system
  has one, gold = pairs where gold has one.

Mismatches are listed as errors of category ``polarity`` (kind ``wrong_polarity``) and
``modality`` (kind ``wrong_modality``, values as normalised; "-" for none).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field, computed_field

from timeline.cat_xml import is_cat_xml, read_cat_xml
from timeline.errors import InputError
from timeline.models import Timeline
from timeline.pubdate import find_text_dates
from timeline.timeml import ANCHORING_RELTYPES, GoldDocument, event_time_links, read_timeml

__all__ = [
    "AnchorScore",
    "Agreement",
    "DocumentResult",
    "ErrorItem",
    "EvalReport",
    "Score",
    "SystemFn",
    "align",
    "collect_gold_paths",
    "evaluate",
    "evaluate_documents",
    "normalise_modality",
    "read_gold",
    "score_document",
]

SystemFn = Callable[[str, dt.date | None], Timeline]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


class Score(BaseModel):
    """Counts for one precision/recall metric."""

    tp: int = 0
    system: int = 0
    gold: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.system)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.gold)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(tp=self.tp + other.tp, system=self.system + other.system, gold=self.gold + other.gold)


class AnchorScore(BaseModel):
    """Gold events anchored to a time (``gold``), how many the system placed there (``correct``)."""

    gold: int = 0
    found: int = Field(default=0, description="of those, events with a relaxed-matched system event")
    correct: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.gold)

    def __add__(self, other: AnchorScore) -> AnchorScore:
        return AnchorScore(
            gold=self.gold + other.gold, found=self.found + other.found, correct=self.correct + other.correct
        )


class Agreement(BaseModel):
    """Matched pairs whose attribute was scored (``scored``) and how many agree (``correct``)."""

    scored: int = 0
    correct: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.scored)

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(scored=self.scored + other.scored, correct=self.correct + other.correct)


ErrorCategory = Literal["timex", "event", "anchor_time", "anchor_dct", "polarity", "modality"]
ErrorKind = Literal[
    "miss", "false_positive", "wrong_value", "wrong_type", "wrong_class", "wrong_anchor",
    "wrong_polarity", "wrong_modality",
]


class ErrorItem(BaseModel):
    """One scoring error. Offsets are the gold item's (the system item's for false positives)."""

    category: ErrorCategory
    kind: ErrorKind
    start: int
    end: int
    text: str
    gold: str | None = Field(default=None, description="gold value / type / class (for anchors: the gold time values)")
    system: str | None = Field(default=None, description="system value / type / class, or its span text on a partial match")
    system_text: str | None = Field(default=None, description="the matched system span when it differs from the gold span")


class DocumentResult(BaseModel):
    """The counts and errors for one document."""

    doc_id: str
    path: str | None = None
    timex_strict: Score = Field(default_factory=Score)
    timex_relaxed: Score = Field(default_factory=Score)
    timex_value: Score = Field(default_factory=Score)
    timex_type: Score = Field(default_factory=Score)
    event_strict: Score = Field(default_factory=Score)
    event_relaxed: Score = Field(default_factory=Score)
    event_class: Score = Field(default_factory=Score)
    anchor_time: AnchorScore = Field(default_factory=AnchorScore)
    anchor_dct: AnchorScore = Field(default_factory=AnchorScore)
    polarity: Agreement = Field(default_factory=Agreement)
    polarity_neg: Score = Field(default_factory=Score)
    modality: Agreement = Field(default_factory=Agreement)
    modality_present: Score = Field(default_factory=Score)
    errors: list[ErrorItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


_SCORES = (
    "timex_strict", "timex_relaxed", "timex_value", "timex_type", "event_strict", "event_relaxed", "event_class",
    "polarity_neg", "modality_present",
)
_AGREEMENTS = ("polarity", "modality")


class EvalReport(BaseModel):
    """Micro-averaged TempEval-3 figures over a set of documents, with per-document errors."""

    n_docs: int
    events: bool = Field(description="false for a timex-only evaluation: event and anchoring figures are None")
    timex_strict: Score
    timex_relaxed: Score
    timex_value: Score
    timex_type: Score
    event_strict: Score | None = None
    event_relaxed: Score | None = None
    event_class: Score | None = None
    anchor_time: AnchorScore | None = None
    anchor_dct: AnchorScore | None = None
    polarity: Agreement | None = None
    polarity_neg: Score | None = None
    modality: Agreement | None = None
    modality_present: Score | None = None
    documents: list[DocumentResult] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def timex_value_accuracy(self) -> float:
        """Share of relaxed timex matches with the exact gold value."""
        return _ratio(self.timex_value.tp, self.timex_relaxed.tp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def timex_type_accuracy(self) -> float:
        return _ratio(self.timex_type.tp, self.timex_relaxed.tp)

    @classmethod
    def from_documents(cls, docs: Sequence[DocumentResult], *, events: bool = True) -> EvalReport:
        totals: dict[str, Score] = {name: Score() for name in _SCORES}
        anchor_time, anchor_dct = AnchorScore(), AnchorScore()
        agreements: dict[str, Agreement] = {name: Agreement() for name in _AGREEMENTS}
        for d in docs:
            for name in _SCORES:
                totals[name] = totals[name] + getattr(d, name)
            for name in _AGREEMENTS:
                agreements[name] = agreements[name] + getattr(d, name)
            anchor_time = anchor_time + d.anchor_time
            anchor_dct = anchor_dct + d.anchor_dct
        return cls(
            n_docs=len(docs),
            events=events,
            timex_strict=totals["timex_strict"],
            timex_relaxed=totals["timex_relaxed"],
            timex_value=totals["timex_value"],
            timex_type=totals["timex_type"],
            event_strict=totals["event_strict"] if events else None,
            event_relaxed=totals["event_relaxed"] if events else None,
            event_class=totals["event_class"] if events else None,
            anchor_time=anchor_time if events else None,
            anchor_dct=anchor_dct if events else None,
            polarity=agreements["polarity"] if events else None,
            polarity_neg=totals["polarity_neg"] if events else None,
            modality=agreements["modality"] if events else None,
            modality_present=totals["modality_present"] if events else None,
            documents=list(docs),
        )

    def select(self, keep: Callable[[DocumentResult], bool]) -> EvalReport:
        """The report over the documents ``keep`` accepts (e.g. one sub-corpus)."""
        return EvalReport.from_documents([d for d in self.documents if keep(d)], events=self.events)

    def to_text(self, errors: bool = False) -> str:
        """A plain-text table of the figures; with ``errors`` also every error, by document."""
        lines = [f"TempEval-3 evaluation: {self.n_docs} document{'s' if self.n_docs != 1 else ''}", ""]
        head = f"{'metric':<16}{'gold':>7}{'system':>8}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"
        lines += [head, "-" * len(head)]
        rows: list[tuple[str, Score | None]] = [
            ("timex strict", self.timex_strict),
            ("timex relaxed", self.timex_relaxed),
            ("timex value", self.timex_value),
            ("timex type", self.timex_type),
            ("event strict", self.event_strict),
            ("event relaxed", self.event_relaxed),
            ("event class", self.event_class),
        ]
        for name, s in rows:
            if s is None:
                continue
            lines.append(
                f"{name:<16}{s.gold:>7}{s.system:>8}{s.tp:>7}"
                f"{100 * s.precision:>8.2f}{100 * s.recall:>8.2f}{100 * s.f1:>8.2f}"
            )
        lines += [
            "",
            f"timex value accuracy (over relaxed matches): {100 * self.timex_value_accuracy:.2f}%",
            f"timex type accuracy (over relaxed matches):  {100 * self.timex_type_accuracy:.2f}%",
        ]
        if self.anchor_time is not None and self.anchor_dct is not None:
            ahead = f"{'anchoring':<16}{'gold':>7}{'found':>8}{'right':>7}{'share':>8}"
            lines += ["", ahead, "-" * len(ahead)]
            for name, a in (("explicit time", self.anchor_time), ("DCT", self.anchor_dct)):
                lines.append(f"{name:<16}{a.gold:>7}{a.found:>8}{a.correct:>7}{100 * a.accuracy:>8.2f}")
        if self.polarity is not None and self.modality is not None:
            lines += ["", "event attributes (over matched events)", head, "-" * len(head)]
            for name, s in (("polarity NEG", self.polarity_neg), ("modality present", self.modality_present)):
                if s is not None:
                    lines.append(
                        f"{name:<16}{s.gold:>7}{s.system:>8}{s.tp:>7}"
                        f"{100 * s.precision:>8.2f}{100 * s.recall:>8.2f}{100 * s.f1:>8.2f}"
                    )
            for name, g in (("polarity", self.polarity), ("modality", self.modality)):
                shown = f"{100 * g.accuracy:.2f}% ({g.correct}/{g.scored})" if g.scored else "not annotated"
                lines.append(f"{name} accuracy: {shown}")
        if errors:
            for d in self.documents:
                if not d.errors and not d.warnings:
                    continue
                lines += ["", f"== {d.doc_id}" + (f"  ({d.path})" if d.path else "")]
                lines += [f"  warning: {w}" for w in d.warnings]
                lines += [f"  {_render_error(e)}" for e in d.errors]
        return "\n".join(lines) + "\n"


def _render_error(e: ErrorItem) -> str:
    where = f"{e.start}-{e.end}"
    out = f"{e.category:<11} {e.kind:<14} {where:>11}  {e.text!r}"
    if e.system_text is not None:
        out += f" ~ {e.system_text!r}"
    if e.gold is not None or e.system is not None:
        out += f"  gold={e.gold or '-'} system={e.system or '-'}"
    return out


# --------------------------------------------------------------------------- alignment


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def _overlap(a: _HasSpan, b: _HasSpan) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def align(gold: Sequence[_HasSpan], system: Sequence[_HasSpan]) -> dict[int, int]:
    """One-to-one relaxed alignment: gold index -> system index, a maximum matching of overlapping spans.

    Each gold item prefers an identical extent, then the largest overlap, then the earliest system span.
    """
    order = sorted(range(len(system)), key=lambda j: (system[j].start, system[j].end))
    candidates: list[list[int]] = []
    for g in gold:
        cands = [j for j in order if _overlap(g, system[j]) > 0]
        cands.sort(
            key=lambda j: (
                not (system[j].start == g.start and system[j].end == g.end),
                -_overlap(g, system[j]),
                system[j].start,
            )
        )
        candidates.append(cands)
    owner: dict[int, int] = {}  # system index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for sj in candidates[gi]:
            if sj in seen:
                continue
            seen.add(sj)
            if sj not in owner or augment(owner[sj], seen):
                owner[sj] = gi
                return True
        return False

    # gold items with an exact-extent candidate go first so they keep their exact partner
    def has_exact(i: int) -> bool:
        return bool(candidates[i]) and (system[candidates[i][0]].start, system[candidates[i][0]].end) == (
            gold[i].start,
            gold[i].end,
        )

    firsts = sorted(range(len(gold)), key=lambda i: (not has_exact(i), gold[i].start, gold[i].end))
    for gi in firsts:
        if candidates[gi]:
            augment(gi, set())
    return {gi: sj for sj, gi in owner.items()}


def _strict_count(gold: Sequence[_HasSpan], system: Sequence[_HasSpan]) -> int:
    g = Counter((x.start, x.end) for x in gold)
    s = Counter((x.start, x.end) for x in system)
    return sum((g & s).values())


# --------------------------------------------------------------------------- scoring


def score_document(gold: GoldDocument, system: Timeline, *, events: bool = True) -> DocumentResult:
    """Score one system Timeline against one gold document."""
    res = DocumentResult(doc_id=gold.doc_id, path=gold.path)
    if gold.unscored:
        system = _without_unscored(system, gold.unscored)
    if system.text != gold.text:
        res.warnings.append("the system's text differs from the gold text: offsets may not line up")
    text = system.text if system.text else gold.text

    # ---- timexes
    gts, sts = gold.timexes, system.times
    res.timex_strict = Score(tp=_strict_count(gts, sts), system=len(sts), gold=len(gts))
    tmatch, (value_tp, type_tp) = _compare(
        "timex", gts, sts, text, res,
        miss=lambda g: g.value, false_positive=lambda s_: s_.value,
        checks=[("wrong_value", lambda g: g.value, lambda s_: s_.value, _exact),
                ("wrong_type", lambda g: g.type, lambda s_: str(s_.type), _same_upper)],
    )
    res.timex_relaxed = Score(tp=len(tmatch), system=len(sts), gold=len(gts))
    res.timex_value = Score(tp=value_tp, system=len(sts), gold=len(gts))
    res.timex_type = Score(tp=type_tp, system=len(sts), gold=len(gts))
    if not events:
        res.errors.sort(key=lambda e: (e.start, e.end, e.category))
        return res

    # ---- events
    ges, ses = gold.events, system.events
    res.event_strict = Score(tp=_strict_count(ges, ses), system=len(ses), gold=len(ges))
    ematch, (class_tp,) = _compare(
        "event", ges, ses, text, res,
        miss=lambda g: g.event_class, false_positive=lambda s_: str(s_.event_class),
        checks=[("wrong_class", lambda g: g.event_class, lambda s_: str(s_.event_class), _same_upper)],
    )
    res.event_relaxed = Score(tp=len(ematch), system=len(ses), gold=len(ges))
    res.event_class = Score(tp=class_tp, system=len(ses), gold=len(ges))

    # ---- polarity and modality of matched events
    _score_attributes(gold, system, ematch, res)

    # ---- anchoring
    _score_anchoring(gold, system, ematch, res)
    res.errors.sort(key=lambda e: (e.start, e.end, e.category))
    return res


def _without_unscored(system: Timeline, spans: Sequence[tuple[int, int]]) -> Timeline:
    """The system Timeline without the times and events that overlap a span left out of scoring."""

    def keep(item: _HasSpan) -> bool:
        return not any(item.start < end and start < item.end for start, end in spans)

    return system.model_copy(update={"times": [t for t in system.times if keep(t)],
                                     "events": [e for e in system.events if keep(e)]})


def _exact(gold_value: str, system_value: str) -> bool:
    return system_value == gold_value


def _same_upper(gold_value: str, system_value: str) -> bool:
    return system_value == gold_value.upper()


def _compare(
    category: Literal["timex", "event"],
    golds: Sequence[Any],
    systems: Sequence[Any],
    text: str,
    res: DocumentResult,
    *,
    miss: Callable[[Any], str],
    false_positive: Callable[[Any], str],
    checks: Sequence[tuple[str, Callable[[Any], str], Callable[[Any], str], Callable[[str, str], bool]]],
) -> tuple[dict[int, int], tuple[int, ...]]:
    """Relaxed one-to-one matching plus one attribute comparison per check; errors go to ``res.errors``.

    Returns the matching (gold index -> system index) and, per check, how many matched pairs agree."""
    match = align(golds, systems)
    agree = [0] * len(checks)
    for gi, g in enumerate(golds):
        sj = match.get(gi)
        if sj is None:
            res.errors.append(ErrorItem(category=category, kind="miss", start=g.start, end=g.end, text=g.text,
                                        gold=miss(g)))
            continue
        s = systems[sj]
        partial = None if (s.start, s.end) == (g.start, g.end) else s.text
        for n, (kind, gold_of, system_of, same) in enumerate(checks):
            if same(gold_of(g), system_of(s)):
                agree[n] += 1
            else:
                res.errors.append(ErrorItem(category=category, kind=kind, start=g.start, end=g.end,  # type: ignore[arg-type]
                                            text=g.text, gold=gold_of(g), system=system_of(s), system_text=partial))
    matched = set(match.values())
    for sj, s in enumerate(systems):
        if sj not in matched:
            shown = text[s.start:s.end] if 0 <= s.start <= s.end <= len(text) else s.text
            res.errors.append(ErrorItem(category=category, kind="false_positive", start=s.start, end=s.end,
                                        text=shown, system=false_positive(s)))
    return match, tuple(agree)


FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
"""Written by TimeML as tense FUTURE with no modality: read as no modality on both sides."""


def normalise_modality(value: str | None) -> str | None:
    """The modality as compared (see the module docstring): lower case, none for empty/"none"/will."""
    if value is None:
        return None
    v = " ".join(value.replace("_", " ").lower().split())
    if not v or v == "none" or v in FUTURE_MODALS:
        return None
    return v


def _gold_attributes(gold: GoldDocument) -> dict[str, tuple[str, str | None, bool]]:
    """eid -> (polarity, normalised modality, modality annotated) for the events whose attributes are scored."""
    out: dict[str, tuple[str, str | None, bool]] = {}
    if not gold.instances:  # CAT XML: negation is in the markable's name, no modality
        for e in gold.events:
            out[e.eid] = ("NEG" if e.attrs.get("polarity", "").upper() == "NEG" else "POS", None, False)
        return out
    for inst in gold.instances.values():  # dict order = document order
        if inst.event_id in out:
            continue
        polarity = "NEG" if (inst.polarity or "").upper() == "NEG" else "POS"
        out[inst.event_id] = (polarity, normalise_modality(inst.modality), True)
    return out


def _score_attributes(gold: GoldDocument, system: Timeline, ematch: dict[int, int], res: DocumentResult) -> None:
    attrs = _gold_attributes(gold)
    pol, neg = Agreement(), Score()
    mod, present = Agreement(), Score()
    for gi, g in enumerate(gold.events):
        sj = ematch.get(gi)
        if sj is None or g.eid not in attrs:
            continue
        s = system.events[sj]
        partial = None if (s.start, s.end) == (g.start, g.end) else s.text
        g_pol, g_mod, has_mod = attrs[g.eid]
        s_pol = "NEG" if s.polarity == "NEG" else "POS"
        pol.scored += 1
        neg.gold += g_pol == "NEG"
        neg.system += s_pol == "NEG"
        if g_pol == s_pol:
            pol.correct += 1
            neg.tp += g_pol == "NEG"
        else:
            res.errors.append(ErrorItem(category="polarity", kind="wrong_polarity", start=g.start, end=g.end,
                                        text=g.text, gold=g_pol, system=s_pol, system_text=partial))
        if not has_mod:
            continue
        s_mod = normalise_modality(s.modality)
        mod.scored += 1
        present.gold += g_mod is not None
        present.system += s_mod is not None
        present.tp += g_mod is not None and s_mod is not None
        if g_mod == s_mod:
            mod.correct += 1
        else:
            res.errors.append(ErrorItem(category="modality", kind="wrong_modality", start=g.start, end=g.end,
                                        text=g.text, gold=g_mod or "-", system=s_mod or "-", system_text=partial))
    res.polarity, res.polarity_neg, res.modality, res.modality_present = pol, neg, mod, present


def _score_anchoring(gold: GoldDocument, system: Timeline, ematch: dict[int, int], res: DocumentResult) -> None:
    timexes = gold.timex_by_id()
    links = event_time_links(gold)
    entries: dict[str, list[str | None]] = {}
    for entry in system.timeline:
        entries.setdefault(entry.event_id, []).append(entry.value)
    dct_values = {v for v in (gold.dct.isoformat() if gold.dct else None, gold.dct_value) if v}
    time_score, dct_score = AnchorScore(), AnchorScore()
    for gi, g in enumerate(gold.events):
        anchors = [tid for rel, tid in links.get(g.eid, []) if rel in ANCHORING_RELTYPES]
        time_values = sorted({timexes[t].value for t in anchors if t in timexes and not gold.is_dct(t)})
        to_dct = any(gold.is_dct(t) for t in anchors) and bool(dct_values)
        if not time_values and not to_dct:
            continue
        sj = ematch.get(gi)
        sys_event = system.events[sj] if sj is not None else None
        values = entries.get(sys_event.id, []) if sys_event is not None else []
        shown = ", ".join(v or "no value" for v in values) or "no entry"
        partial = None if sys_event is None or (sys_event.start, sys_event.end) == (g.start, g.end) else sys_event.text
        for category, wanted, score in (
            ("anchor_time", set(time_values), time_score),
            ("anchor_dct", dct_values if to_dct else set(), dct_score),
        ):
            if not wanted:
                continue
            score.gold += 1
            if sys_event is None:
                res.errors.append(
                    ErrorItem(category=category, kind="miss", start=g.start, end=g.end, text=g.text,  # type: ignore[arg-type]
                              gold=" | ".join(sorted(wanted)), system="event not found")
                )
                continue
            score.found += 1
            if any(v in wanted for v in values if v):
                score.correct += 1
            else:
                res.errors.append(
                    ErrorItem(category=category, kind="wrong_anchor", start=g.start, end=g.end, text=g.text,  # type: ignore[arg-type]
                              gold=" | ".join(sorted(wanted)), system=shown, system_text=partial)
                )
    res.anchor_time, res.anchor_dct = time_score, dct_score


# --------------------------------------------------------------------------- driver


def _is_cat_xml_file(p: Path) -> bool:
    try:
        with p.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return is_cat_xml(head)


def collect_gold_paths(path: Path | str) -> list[Path]:
    """A directory's gold files (recursively, sorted), or the file itself. InputError when there are none.

    Gold files are TimeML ``*.tml`` files and CAT XML ``*.xml`` files (recognised by their content:
    a ``<Document>`` root with ``<token t_id=..>`` elements, see :mod:`timeline.cat_xml`)."""
    p = Path(path)
    if p.is_dir():
        found = sorted(
            q for q in p.rglob("*") if q.is_file() and (q.suffix == ".tml" or (q.suffix == ".xml" and _is_cat_xml_file(q)))
        )
        if not found:
            raise InputError(f"{p}: no .tml or CAT XML files in this directory")
        return found
    if p.is_file():
        return [p]
    raise InputError(f"{p}: no such file or directory")


def system_pub_date(text: str, dct: dt.date | None) -> dt.date | None:
    """The publication date the system is given: the gold DCT; for a document without one (29 of EventStoryLine's),
    the date its text states, as ``timeline build`` finds it without ``--pub-date``."""
    if dct is not None:
        return dct
    best = find_text_dates(text).best
    return best.date if best is not None else None


def evaluate_documents(
    golds: Iterable[GoldDocument],
    system: SystemFn,
    *,
    events: bool = True,
    on_document: Callable[[str], None] | None = None,
) -> EvalReport:
    """Like :func:`evaluate`, over documents already read."""
    results: list[DocumentResult] = []
    for gold in golds:
        if on_document is not None:
            on_document(gold.doc_id)
        timeline = system(gold.text, gold.dct)
        results.append(score_document(gold, timeline, events=events))
    return EvalReport.from_documents(results, events=events)


def evaluate(
    gold_paths: Iterable[Path],
    system: SystemFn,
    *,
    events: bool = True,
    on_document: Callable[[str], None] | None = None,
) -> EvalReport:
    """Run ``system(text, dct)`` on every gold file's text and score it (see the module docstring).

    ``on_document`` is called with each document's id before the system runs on it (progress).
    With ``events=False`` only the timex figures are computed. Raises InputError for an unreadable file.
    """
    return evaluate_documents(
        (read_gold(p) for p in gold_paths), system, events=events, on_document=on_document
    )


def read_gold(path: Path | str) -> GoldDocument:
    """Read a gold file: CAT XML when its content is CAT XML (:func:`timeline.cat_xml.read_cat_xml`), else TimeML."""
    p = Path(path)
    if p.suffix != ".tml" and p.is_file() and _is_cat_xml_file(p):
        return read_cat_xml(p)
    return read_timeml(p)
