"""EventExtractor: triggers (trained model or rules) -> Event models with attributes and a description."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from timeline.events import describe, filters, repair, rules
from timeline.events.factuality import FactualityInfo, FactualityResolver, reduced_scheduled_adjective
from timeline.events.detect import detect_with_model
from timeline.events.lexicon import Lexicon, load_lexicon
from timeline.events.model import MODEL_FILES, TriggerModel
from timeline.events.spans import Trigger, allowed_tokens, hyphen_extent
from timeline.events.tense import TenseInfo, degraded_tense, tense_of
from timeline.models import Event, EventClass, Factuality

COARSE_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


def is_parsed(doc: Doc) -> bool:
    """Does the Doc carry tags and dependencies (a trained pipeline), or is it a blank one?"""
    return doc.has_annotation("TAG") and doc.has_annotation("DEP")


class EventExtractor:
    """Finds event triggers in a spaCy Doc. Loads its word lists (and weights) once."""

    def __init__(
        self,
        lexicon_path: Path | str | None = None,
        *,
        model_dir: Path | str | None = None,
        use_model: bool = True,
    ) -> None:
        """``model_dir``: a directory holding model_parsed.json / model_surface.json (default: the packaged ones).
        ``use_model=False`` uses the word-list rules only."""
        self.lexicon: Lexicon = load_lexicon(lexicon_path)
        # weights load on first use: a parsed run never reads the degraded model, and the reverse
        self._model_paths: dict[str, Path | None] = {}
        if use_model:
            for name, rel in MODEL_FILES.items():
                path = None if model_dir is None else Path(model_dir) / Path(rel).name
                if path is None or path.is_file():
                    self._model_paths[name] = path
        self._models: dict[str, TriggerModel | None] = {}

    def model(self, name: str) -> TriggerModel | None:
        """The trigger model of that feature set ("parsed", "class", "surface"), loaded once; None when not in use."""
        if name not in self._models:
            self._models[name] = TriggerModel.load(name, self._model_paths[name]) if name in self._model_paths else None
        return self._models[name]

    def extract(self, doc: Doc, regions: Sequence[tuple[int, int]] | None = None, *, first_chunk: bool = True,
                last_chunk: bool = True) -> list[Event]:
        """Events in document order (ids e1, e2, ...); only tokens inside ``regions`` when given. ``first_chunk`` /
        ``last_chunk``: the Doc starts / ends its document (false for the inner chunks of a long one, parsed apart:
        no headline at their start, more text after their last line)."""
        if len(doc) == 0:
            return []
        allowed = allowed_tokens(doc, regions)
        parsed = is_parsed(doc)
        if parsed:  # section headings yield no events (a blank Doc cannot tell a finite verb)
            repair.repair_fixtures(doc, self.lexicon)  # "Preston host Hull on Wednesday": the verb back
            for i in filters.heading_tokens(doc, self.lexicon.headings, after_prose=not first_chunk,
                                            more_after=not last_chunk):
                allowed[i] = False
            for i in filters.boilerplate_tokens(doc, self.lexicon):  # witness appeals, helplines
                allowed[i] = False
        model = self.model("parsed" if parsed else "surface")
        if model is not None:
            triggers = detect_with_model(
                doc, model, self.lexicon, allowed, parsed=parsed, class_model=self.model("class") if parsed else None
            )
        elif parsed:
            triggers = rules.detect_parsed(doc, self.lexicon, allowed)
        else:
            triggers = rules.detect_degraded(doc, self.lexicon, allowed)
        if parsed:
            triggers = [t for t in triggers
                        if not filters.is_modifier(doc, t, self.lexicon) and not filters.is_thing_noun(doc, t, self.lexicon)]
        triggers = _extend_hyphens(doc, triggers, allowed)
        resolver = FactualityResolver(doc, self.lexicon) if parsed else None
        sentences = _sentence_index(doc)
        events: list[Event] = []
        try:
            for trig in triggers:
                events.append(self._event(doc, trig, f"e{len(events) + 1}", resolver, sentences[trig.first]))
        finally:
            describe.forget_lines()  # the line cache must not keep this Doc alive
        return events

    def _event(self, doc: Doc, trig: Trigger, eid: str, resolver: FactualityResolver | None, sent: Span) -> Event:
        tok = _syntactic_head(doc, trig.first, trig.last)
        last = doc[trig.last]
        start, end = doc[trig.first].idx, last.idx + len(last.text)
        surface = tok.text if trig.last == trig.first else doc[trig.first : trig.last + 1].text
        if resolver is not None:
            tinfo = tense_of(tok)
            fact = resolver.of(tok, tinfo, trig.event_class)
            pos = COARSE_POS.get(tok.pos_, "OTHER")
            description = _describe(tok, pos, self.lexicon)
            lemma = doc[trig.first : trig.last + 1].lemma_ if trig.last > trig.first else tok.lemma_
            rule = f"{trig.rule};fact:{fact.reason}"
        else:
            tinfo = degraded_tense(doc, tok.i)
            fact = _degraded_factuality(doc, tok, tinfo, self.lexicon, sent)
            pos = _degraded_pos(doc, tok, tinfo)
            description = describe.describe_window(doc, trig.first, trig.last, sent.start, sent.end)
            lemma = rules.crude_stems(tok.text)[-1] if tinfo.tense != "NONE" else tok.lower_
            rule = f"{trig.rule};fact:{fact.reason}"
        return Event(
            id=eid,
            start=start,
            end=end,
            text=surface,
            lemma=lemma.lower(),
            pos=pos,
            description=description or surface,
            sentence_start=sent.start_char,
            sentence_end=sent.end_char,
            factuality=fact.factuality,
            event_class=trig.event_class,
            tense=tinfo.tense,
            aspect=tinfo.aspect,
            polarity="NEG" if tinfo.polarity == "NEG" or fact.polarity == "NEG" else "POS",
            modality=fact.modality,
            rule=rule,
        )


def _syntactic_head(doc: Doc, first: int, last: int) -> Token:
    """The token of a multi-token trigger ("co-sponsored") whose head lies outside it (else the last)."""
    if first == last:
        return doc[first]
    for tok in doc[first : last + 1]:
        if not first <= tok.head.i <= last or tok.head.i == tok.i:
            return tok
    return doc[last]


def _sentence_index(doc: Doc) -> list[Span]:
    """The sentence of every token (the whole Doc when it has no sentence boundaries)."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [doc[:]] * len(doc)
    out: list[Span] = []
    for sent in doc.sents:
        out.extend([sent] * len(sent))
    return out


#: the arcs of a noun that is a verb misread: a subject and an object of its own
_CLAUSE_DEPS = frozenset({"nsubj", "dobj"})


def _describe(tok: Token, pos: str, lexicon: Lexicon) -> str:
    clause = pos == "ADJ" and tok.dep_ not in ("amod", "acomp", "attr") and any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)  # "would not peak" tagged ADJ
    # a verb tagged as a plural noun with a subject and an object of its own ("before a second engine burn in
    # November lowers it closer to the planet"): described as the clause it is
    clause = clause or (pos == "NOUN" and _CLAUSE_DEPS <= {c.dep_ for c in tok.children})
    if pos == "VERB" or clause:
        words = lexicon.descriptions
        return describe.describe_predicate(
            tok, lexicon.object_control_verbs.lemmas, aspectual=lexicon.classes[EventClass.ASPECTUAL].lemmas,
            prepositional=words.prepositional_participles.lemmas, result=words.result_participles.lemmas,
            ranking=lexicon.ranking_modifiers.words, directional=words.directional_adverbs.lemmas,
            permission=words.permission_nouns.lemmas,
            documents=(words.publishing_participles.lemmas, words.document_nouns.lemmas),
            degree=words.degree_nouns.lemmas, time_nouns=lexicon.future_time.time_nouns.words,
            calendar=(words.calendar_verbs.lemmas, words.occasion_nouns.lemmas))
    scheduled = reduced_scheduled_adjective(tok, lexicon.scheduled_adjectives.lemmas) if pos == "ADJ" else None
    if scheduled is not None:  # "the report, originally due in September": "report originally due"
        return describe.describe_reduced_adjective(tok, scheduled)
    if pos == "ADJ" or (tok.dep_ in ("acomp", "attr") and tok.head.lemma_ == "be"):
        return describe.describe_state(tok)
    arguments = lexicon.event_arguments
    expected = describe.describe_expected_subject(tok, arguments.expecting.lemmas, arguments.not_until.words)
    return expected or describe.describe_nominal(tok)


def _extend_hyphens(doc: Doc, triggers: list[Trigger], allowed: list[bool]) -> list[Trigger]:
    """Draw each trigger over its whole hyphenated word; keep one trigger per word."""
    out: list[Trigger] = []
    taken: set[int] = set()
    for trig in sorted(triggers, key=lambda t: t.first):
        first, last = hyphen_extent(doc, trig.first)
        if not all(allowed[first : last + 1]):
            first, last = trig.first, trig.last
        if any(i in taken for i in range(first, last + 1)):
            continue
        taken.update(range(first, last + 1))
        out.append(Trigger(first, last, trig.event_class, trig.rule))
    return out


def _degraded_pos(doc: Doc, tok: Token, tinfo: TenseInfo) -> str:
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if prev in describe.DETERMINERS or prev in ("'s", "of"):
        return "NOUN"
    if tinfo.tense != "NONE" or tinfo.modal is not None or prev in ("to",):
        return "VERB"
    return "VERB" if tok.lower_.endswith(("ed", "es")) else "NOUN"


def _degraded_factuality(doc: Doc, tok: Token, tinfo: TenseInfo, lexicon: Lexicon, sent: Span) -> FactualityInfo:
    """Surface cues before the trigger in its sentence: negation, modal, 'set/plans/expected to'."""
    if tinfo.polarity == "NEG":
        return FactualityInfo(Factuality.NEGATED, tinfo.modal, "degraded-neg")
    before = [t for t in doc[max(sent.start, tok.i - 4) : tok.i]]
    words = [t.lower_ for t in before]
    for cue in lexicon.cues:
        if cue.where == "aux" and tinfo.modal is not None and tinfo.modal in cue.words:
            return FactualityInfo(cue.factuality, tinfo.modal, f"degraded-cue:{cue.name}")
        if cue.where == "mark" and any(w in cue.words for w in words):
            return FactualityInfo(cue.factuality, None, f"degraded-cue:{cue.name}")
    if len(words) >= 2 and words[-1] == "to":
        gov = words[-2]
        for cue in lexicon.cues:
            if cue.where == "governor" and any(s in cue.words for s in rules.crude_stems(gov)):
                return FactualityInfo(cue.factuality, f"{gov} to", f"degraded-cue:{cue.name}")
    table = {
        "FUTURE": Factuality.EXPECTED,
        "INFINITIVE": Factuality.PLANNED,
        "PAST": Factuality.HAPPENED,
        "PRESPART": Factuality.ONGOING,
    }
    if tinfo.aspect == "PROGRESSIVE":
        return FactualityInfo(Factuality.ONGOING, None, "degraded-tense")
    return FactualityInfo(table.get(tinfo.tense, Factuality.HAPPENED), None, "degraded-tense")


__all__ = ["EventExtractor", "is_parsed"]
