"""Loads the linker's English word lists (``resources/linking.yaml``) into a typed, frozen model.

A list may name one of the event lexicon's (``events_list``) instead of repeating its words: the loader takes the
words from there. Every list carries examples the tests run through the pipeline (``tests/test_linking_words.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from timeline.errors import RuleFileError
from timeline.rulefiles import read_rule_text, validated
from timeline.events.lexicon import Lexicon, LowerWords, load_lexicon
from timeline.models import Relation


WORDS_FILE = "resources/linking.yaml"


class LinkingExample(BaseModel):
    """A text the linker must date as it says: its ``event`` (the trigger's text: the first event with it, the last
    with ``last_mention``) is tied to ``time`` (the expression's text; None: the publication date) with ``relation``
    by ``rule`` (and ``evidence``, when given). With its list emptied (and the lists of ``masked_by``) the example
    comes out otherwise, unless ``needs_list`` is false."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    pub_date: dt.date
    event: str
    time: str | None
    relation: Relation
    rule: str
    evidence: str | None = None
    last_mention: bool = False
    needs_list: bool = True
    masked_by: tuple[str, ...] = ()


def _lower_keys(mapping: Any) -> Any:
    upper = sorted(w for w in mapping if w != w.lower())
    if upper:
        raise ValueError(f"entries must be lower-case: {', '.join(upper)}")
    return mapping


class WordList(BaseModel):
    """Words, given here (``words``) or taken from the event lexicon (``events_list``: "cues.NAME", "GROUP.FIELD")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    words: LowerWords = frozenset()
    events_list: str | None = None
    examples: tuple[LinkingExample, ...] = ()

    @model_validator(mode="after")
    def _one_source(self) -> WordList:
        if bool(self.words) == (self.events_list is not None):
            raise ValueError("give either words or events_list")
        return self


class PrepRelations(BaseModel):
    """Prepositions, each with the side of its time it puts an event on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    relations: Annotated[dict[str, Relation], AfterValidator(_lower_keys)] = Field(min_length=1)
    examples: tuple[LinkingExample, ...] = ()


class Particles(BaseModel):
    """Verbs (lemma or form), each with the particles it needs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    particles: Annotated[dict[str, LowerWords], AfterValidator(_lower_keys)] = Field(min_length=1)
    examples: tuple[LinkingExample, ...] = ()


class LinkingWords(BaseModel):
    """The lists of ``resources/linking.yaml``, each documented there."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    evidence_words: WordList
    prep_relation: PrepRelations
    not_until: WordList
    be_forms: WordList
    comparison_words: WordList
    first_words: WordList
    ordinal_firsts: WordList
    bound_comparatives: WordList
    will: WordList
    future_in_past: WordList
    record_words: WordList
    definite: WordList
    part_nouns: WordList
    future_clause_marks: WordList
    point_words: WordList
    offset_point_words: WordList
    frame_words: WordList
    rate_units: WordList
    baseline_before_from: WordList
    ago_words: WordList
    amount_words: WordList
    scheduling_verbs: WordList
    forecast_nouns: WordList
    rescheduling_verbs: WordList
    rescheduling_particles: Particles
    new_date_preps: WordList
    relating_verbs: WordList
    example_preps: WordList
    sequence_words: WordList
    series_latest_words: WordList
    count_adverbs: WordList
    relating_preps: WordList
    count_nouns: WordList
    series_degree: WordList

    def lists(self) -> list[tuple[str, WordList | PrepRelations | Particles]]:
        """Every list, named by its key in the file, in file order."""
        return [(name, getattr(self, name)) for name in type(self).model_fields]

    def examples(self) -> list[tuple[str, LinkingExample]]:
        return [(name, ex) for name, words in self.lists() for ex in words.examples]


def _events_words(lexicon: Lexicon, ref: str) -> frozenset[str]:
    """The words of the event lexicon's list ``ref``: "cues.NAME" or "GROUP.FIELD" (or a top-level "FIELD")."""
    head, _, rest = ref.partition(".")
    if head == "cues":
        cue = next((c for c in lexicon.cues if c.name == rest), None)
        if cue is None:
            raise ValueError(f"no cue {rest!r} in the event lexicon")
        return cue.words
    node: Any = lexicon
    for part in ref.split("."):
        node = getattr(node, part, None)
        if node is None:
            raise ValueError(f"no list {ref!r} in the event lexicon")
    words = getattr(node, "words", None)
    if words is None:
        words = getattr(node, "lemmas", None)
    if not isinstance(words, frozenset):
        raise ValueError(f"{ref!r} is no word list of the event lexicon")
    return words


def load_linking_words(path: Path | str | None = None, events: Lexicon | None = None) -> LinkingWords:
    """Read and validate a linker word-list file (the packaged English one by default); ``events``: the event
    lexicon that ``events_list`` entries name (the packaged one by default).

    Raises RuleFileError naming the file and the offending entry when it is malformed."""
    raw_text, name = read_rule_text(path, "timeline", WORDS_FILE)
    words = validated(LinkingWords, raw_text, name)
    resolved: dict[str, WordList] = {}
    for key, entry in words.lists():
        if isinstance(entry, WordList) and entry.events_list is not None:
            if events is None:
                events = load_lexicon()
            try:
                resolved[key] = entry.model_copy(update={"words": _events_words(events, entry.events_list)})
            except ValueError as err:
                raise RuleFileError(name, f"{key}.events_list", str(err)) from err
    return words.model_copy(update=resolved) if resolved else words
