"""Loads the event word lists (``resources/en/lexicon.yaml``) into a typed, frozen lexicon."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from timeline.rulefiles import read_rule_text, validated
from timeline.models import EventClass, Factuality


DEFAULT_LEXICON = "resources/en/lexicon.yaml"


class LexiconExample(BaseModel):
    """A sentence the extractor must handle: the trigger and, optionally, its class / factuality."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    trigger: str
    factuality: Factuality | None = None
    event_class: EventClass | None = None
    polarity: Literal["POS", "NEG"] | None = None
    #: a part of the event's ``rule`` ("fact:argument-of:expect"): the example goes through the list it illustrates
    rule: str | None = None
    #: words the event's description must hold
    description: str | None = None
    #: words of the text that must not come out as events
    absent: tuple[str, ...] = ()

    def __init__(self, **data: object) -> None:
        if "class" in data:
            data["event_class"] = data.pop("class")
        super().__init__(**data)


def _lower_case(words: Any) -> Any:
    """The lists are matched against lower-cased lemmas and words: an upper-case entry would never match."""
    upper = sorted(w for w in words if w != w.lower())
    if upper:
        raise ValueError(f"entries must be lower-case: {', '.join(upper)}")
    return words


LowerWords = Annotated[frozenset[str], AfterValidator(_lower_case)]


class WordList(BaseModel):
    """Lemmas (a token's lower-cased lemma is looked up)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lemmas: LowerWords
    examples: tuple[LexiconExample, ...] = ()


class FormList(BaseModel):
    """Word forms (a token's lower-cased text is looked up, not its lemma: "weeks", "'d")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    words: LowerWords
    examples: tuple[LexiconExample, ...] = ()


class FactualityWords(BaseModel):
    """Lemmas, each with the factuality it gives."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lemmas: Annotated[dict[str, Factuality], AfterValidator(_lower_case)]
    examples: tuple[LexiconExample, ...] = ()


class EventArguments(BaseModel):
    """Verbs that give an event noun (their subject or object) its status: ``FactualityResolver._argument_of``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    expecting: FactualityWords
    planning_with_for: WordList
    advocating_for: WordList
    inceptive: WordList
    terminative: WordList
    not_until: FormList
    not_until_predicate: FormList
    lasting: WordList
    #: predicate adjectives that judge their event-noun subject a prospect ("A decision was always optimistic")
    evaluative: FormList
    #: nouns whose "of" object is an event that may or may not happen ("the odds of the deal closing")
    chance_of: FormList = FormList(words=frozenset())
    #: adverbs of a negated verb that say its event noun is still to come ("A replacement has not yet been named")
    pending: FormList = FormList(words=frozenset())


class TimePhrases(BaseModel):
    """Words of a time phrase read from the parse (``factuality._time_below``): a modifier before a time noun ("next
    week", "last month") or a word on its own ("tomorrow", "yesterday")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    modifiers: FormList
    words: FormList


class FutureTime(TimePhrases):
    """A time phrase ahead of the publication date, and the time nouns both kinds of phrase use."""

    time_nouns: FormList


class Decisions(BaseModel):
    """A vote whose infinitive is the decision itself (``FactualityResolver._decided``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verbs: WordList
    decided_by_vote: WordList


class PastTime(TimePhrases):
    """A time phrase before the publication date, also with a postposition ("two years ago")."""

    postpositions: FormList


class SubordinateParticiples(BaseModel):
    """Participles that head a clause of time under a predicate (``FactualityResolver._subordinate_participle``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: "after buying back shares": the gerund came first, it happened when its governor is past (even a negated one)
    prior_prepositions: FormList
    #: "before returning verdicts", "by selling shares": the gerund is as done as its past governor
    sharing_prepositions: FormList
    #: "Once launched, it would take six weeks": a reduced clause of time is as unreal as its governor
    time_marks: FormList
    #: "would miss three weeks after injuring his hamstring": an expected span (a measured time as object or "for"
    #: phrase) that runs from an after-gerund, which then happened
    consequence_spans: FormList
    #: "could be sidelined until March after tearing a ligament": the span given by its end
    consequence_until: FormList


class DescriptionWords(BaseModel):
    """Verbs whose participles the describer reads apart (``describe.describe_predicate``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: "starting April 1", "beginning next year": a participle used as a preposition before a time
    prepositional_participles: WordList
    #: ", bringing the total to 481": a participle whose actor is the clause before it, not its subject
    result_participles: WordList
    #: "came ashore", "ran aground", "bought back shares": adverbs of direction kept with the verb, like particles
    directional_adverbs: WordList
    #: "a study of 400,000 adults published in The Lancet": the document is published, not the adults
    publishing_participles: WordList = WordList(lemmas=frozenset())
    document_nouns: WordList = WordList(lemmas=frozenset())
    #: "a flood of the size seen in 1976": the participle is described with the noun the degree measures
    degree_nouns: WordList = WordList(lemmas=frozenset())
    #: "was given permission to appeal": nouns of leave whose infinitive reads with the clause that grants it
    permission_nouns: WordList = WordList(lemmas=frozenset())
    #: "the anniversary of the return to Britain, which fell in May": verbs of the calendar whose relative subject is
    #: the occasion noun a name sits under, not the name
    calendar_verbs: WordList = WordList(lemmas=frozenset())
    occasion_nouns: WordList = WordList(lemmas=frozenset())


class Cue(BaseModel):
    """A factuality / modality cue: words, where they attach, and the factuality they give."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    where: Literal["aux", "governor", "neg", "mark", "quantifier"]
    words: frozenset[str]
    factuality: Factuality
    examples: tuple[LexiconExample, ...] = ()


class NegationWords(BaseModel):
    """Negations of an event that are not a ``not``/``never`` of its own verbal group (polarity NEG)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    through_governors: frozenset[str]
    adverbs: frozenset[str]
    conjunctions: frozenset[str]
    prepositions: frozenset[str]
    #: coordinators a negation spans: a finite conjunct joined by one shares it ("never smoked or drank")
    shared_by: frozenset[str] = frozenset()
    examples: tuple[LexiconExample, ...] = ()


class HeadingRule(BaseModel):
    """What makes a line a section heading (its tokens yield no events), see ``filters.heading_tokens``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_words: int = Field(gt=0)
    min_capitalised: float = Field(gt=0, le=1)
    final_punctuation: frozenset[str]
    minor_words: LowerWords


class Lexicon(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    classes: dict[EventClass, WordList]
    event_nouns: WordList
    scheduled_nouns: WordList
    #: adjectives that put the noun they modify ahead ("the next rate decision", "the upcoming election")
    future_modifiers: WordList
    object_control_verbs: WordList
    event_noun_suffixes: tuple[str, ...]
    non_event_nouns: frozenset[str]
    #: attributive adjectives that are not events ("a possible strike", "the former mayor")
    non_event_modifiers: LowerWords
    #: phrases of witness appeals and helplines: their sentences yield no events ("anyone with information")
    boilerplate: FormList = FormList(words=frozenset())
    #: noun forms that name a thing, not an event ("treatment works", "after the bell")
    non_event_noun_forms: FormList = FormList(words=frozenset())
    #: adjectives of a timetable in a reduced clause after their noun ("the report, originally due in September")
    scheduled_adjectives: WordList = WordList(lemmas=frozenset())
    headings: HeadingRule
    weak_verbs: frozenset[str]
    cues: tuple[Cue, ...]
    negation: NegationWords
    #: modals that are a future in the past under a reporting verb ("said it would cut jobs")
    reported_future_modals: FormList
    #: modifiers that rank a noun, whose to-infinitive tells what happened ("one of the first women to perform")
    ranking_modifiers: FormList
    #: verbs whose to-infinitive under a past event tells its result, which happened ("scored to give Liverpool a win")
    result_infinitives: WordList
    #: verbs whose to-infinitive complement happens as they do ("continued to publish", "used the loan to buy")
    realised_complements: WordList
    #: modifiers that hedge an event noun: it may happen ("NATO's potential involvement", "a possible strike")
    hedging_modifiers: FormList
    #: verbs of attempt whose planned to-infinitive is open once the attempt is past ("had tried to keep the player")
    attempt_verbs: WordList
    #: verbs that end the activity of their -ing complement, which went on until then ("had stopped selling")
    ending_verbs: WordList
    subordinate_participles: SubordinateParticiples
    #: verbs of a fixture line the parser may read as a noun ("Preston host Hull on Wednesday evening")
    fixture_verbs: FormList
    event_arguments: EventArguments
    future_time: FutureTime
    past_time: PastTime
    decisions: Decisions
    descriptions: DescriptionWords

    def class_of(self, lemma: str) -> EventClass | None:
        """The class the word lists give a lemma (first list that holds it, in file order)."""
        for event_class, words in self.classes.items():
            if lemma in words.lemmas:
                return event_class
        return None

    def is_event_noun(self, lemma: str) -> bool:
        if lemma in self.event_nouns.lemmas:
            return True
        if lemma in self.non_event_nouns or len(lemma) < 6:
            return False
        return lemma.endswith(self.event_noun_suffixes)

    def examples(self) -> list[tuple[str, LexiconExample]]:
        """Every example in the file, named by the list or cue it belongs to."""
        out: list[tuple[str, LexiconExample]] = []
        for event_class, words in self.classes.items():
            out.extend((f"classes.{event_class.value}", ex) for ex in words.examples)
        out.extend(("event_nouns", ex) for ex in self.event_nouns.examples)
        out.extend(("scheduled_nouns", ex) for ex in self.scheduled_nouns.examples)
        out.extend(("future_modifiers", ex) for ex in self.future_modifiers.examples)
        out.extend(("object_control_verbs", ex) for ex in self.object_control_verbs.examples)
        out.extend(("boilerplate", ex) for ex in self.boilerplate.examples)
        out.extend(("non_event_noun_forms", ex) for ex in self.non_event_noun_forms.examples)
        out.extend(("fixture_verbs", ex) for ex in self.fixture_verbs.examples)
        for cue in self.cues:
            out.extend((f"cues.{cue.name}", ex) for ex in cue.examples)
        out.extend(("negation", ex) for ex in self.negation.examples)
        for name, words in self.factuality_lists():
            out.extend((name, ex) for ex in words.examples)
        for field in type(self.descriptions).model_fields:
            out.extend((f"descriptions.{field}", ex) for ex in getattr(self.descriptions, field).examples)
        return out

    def factuality_lists(self) -> list[tuple[str, WordList | FormList | FactualityWords]]:
        """The word lists the factuality resolver reads beyond the cues, named by their place in the file."""
        out: list[tuple[str, WordList | FormList | FactualityWords]] = [
            ("reported_future_modals", self.reported_future_modals), ("ranking_modifiers", self.ranking_modifiers),
            ("result_infinitives", self.result_infinitives), ("realised_complements", self.realised_complements),
            ("hedging_modifiers", self.hedging_modifiers), ("attempt_verbs", self.attempt_verbs),
            ("ending_verbs", self.ending_verbs), ("scheduled_adjectives", self.scheduled_adjectives),
        ]
        for group_name in ("event_arguments", "future_time", "past_time", "decisions", "subordinate_participles"):
            group = getattr(self, group_name)
            out.extend((f"{group_name}.{field}", getattr(group, field)) for field in type(group).model_fields)
        return out


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Read and validate a lexicon file (the packaged English one by default).

    Raises RuleFileError naming the file and the offending entry when it is malformed.
    """
    raw_text, name = read_rule_text(path, "timeline.events", DEFAULT_LEXICON)
    return validated(Lexicon, raw_text, name)
