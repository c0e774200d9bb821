"""The English word lists (resources/lexicon.yaml), validated into typed data at load time."""

from __future__ import annotations

import re
from functools import cached_property
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from timeline.errors import RuleFileError

LEXICON_FILE = "lexicon.yaml"


class Modifier(BaseModel):
    """A phrase before an expression that sets its TIMEX3 mod ("early", "as early as", "more than")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    mod: str | None
    include: bool
    applies: Literal["point", "duration", "any", "ago"]
    needs_this: bool = False
    #: the mod only after one of these words (else the phrase sets none: "phased in over [two years]" is a length)
    only_after: list[str] | None = None
    #: ... or when the expression ends with one of these words ("over [100 days old]")
    or_ending: list[str] = []
    #: words of only_after that are a verb's particle after an "-ed" form ("phased in over ..."), not a preposition
    not_after_ed: list[str] = []


class Holiday(BaseModel):
    """A holiday: a fixed month/day, the nth weekday of a month (nth -1 = last), or an offset from Easter.

    days_after moves the day ("the Tuesday after the first Monday"); grain "week" names the ISO week of the day
    ("Easter week")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    easter: int | None = None
    days_after: int = 0
    grain: str = "day"


class TitleOpeners(BaseModel):
    """What ends right before a quoted programme title: a possessive ending glued to the word before ("ABC's",
    "viewers'"), a whole word ("on"), then an opening quotation mark."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    suffixes: list[str] = Field(min_length=1)
    words: list[str] = Field(min_length=1)
    quotes: list[str] = Field(min_length=1)


#: a TIMEX3 duration of whole months ("P9M")
_MONTHS_VALUE = r"^P[0-9]+M$"


class LexiconData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    months: dict[str, int]
    ambiguous_months: list[str]
    month_context_words: list[str]
    modal_months: list[str] = []
    month_followers: list[str] = []
    month_abbreviations: list[str]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int] = Field(min_length=1)
    ambiguous_weekday_abbreviations: list[str] = Field(min_length=1)
    weekday_context_words: list[str] = Field(min_length=1)
    numbers: dict[str, float]
    tens: list[str]
    units_digits: list[str]
    vague_numbers: list[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    date_units: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    holidays: dict[str, Holiday]
    modifiers: list[Modifier]
    future_cues: list[str]
    past_cues: list[str]
    future_participles: list[str]
    past_auxiliaries: list[str]
    auxiliaries: list[str] = Field(min_length=1)
    future_be: list[str] = Field(min_length=1)
    strong_future_cues: list[str] = Field(min_length=1)
    far_future_cues: list[str] = Field(min_length=1)
    far_future_openers: list[str] = Field(min_length=1)
    reported_far_cues: list[str] = []
    reporting_verbs: list[str] = []
    past_cues_near: list[str] = []
    fiscal_span_context: list[str] = []
    rate_amount_words: list[str] = []
    object_openers: list[str] = []
    not_past_ed: list[str]
    schedule_base_verbs: list[str] = []
    non_finite_markers: list[str] = []
    past_base_same: list[str] = []
    adjectival_ed_after: list[str] = []
    match_words: list[str] = []
    frame_breakers: list[str] = []
    lateness_offsets: list[str] = []
    deadline_nouns: list[str] = []
    deadline_openers: list[str] = []
    rescheduled_to_verbs: list[str] = []
    rescheduled_to_particles: list[str] = []
    rescheduled_to_openers: list[str] = []
    scheduled_for_openers: list[str] = []
    simple_past_auxiliaries: list[str] = []
    present_scheduled_auxiliaries: list[str] = []
    cue_pair_noun_determiners: list[str] = []
    reduced_participle_followers: list[str] = []
    gerund_past_openers: list[str] = []
    gerund_past_overridden: list[str] = []
    gerund_past_spans: list[str] = []
    vague_before_date_openers: list[str] = []
    infinitive_not_ahead: list[str] = []
    direction_phrases: dict[str, Literal[-1, 0, 1]]
    not_initial_phrases: list[str] = []
    near_phrases: list[str] = []
    until_deadline_holders: list[str] = []
    not_cues: list[str]
    future_cue_pairs: list[str] = []
    abbreviations: list[str]
    relative_words: dict[str, int]
    count_nouns: list[str]
    id_words: list[str]
    clock_zones: list[str] = Field(min_length=1)
    lowercase_units: list[str] = Field(min_length=1)
    ranking_words: list[str] = Field(min_length=1)
    month_name_keep: list[str] = Field(min_length=1)
    second_followers: list[str] = Field(min_length=1)
    offset_words: list[str] = Field(min_length=1)
    offset_stop_words: list[str] = Field(min_length=1)
    length_words: list[str] = Field(min_length=1)
    months_periods: list[str] = Field(min_length=1)
    title_openers: TitleOpeners
    name_day_words: list[str] = Field(min_length=1)

    @field_validator("strong_future_cues", "far_future_cues", "reported_far_cues")
    @classmethod
    def _strong_are_future(cls, value: list[str], info: ValidationInfo) -> list[str]:
        unknown = [w for w in value if w not in info.data.get("future_cues", [])]
        if unknown:
            raise ValueError(f"not in future_cues: {', '.join(unknown)}")
        return value

    @field_validator("months_periods")
    @classmethod
    def _months_values(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if re.match(_MONTHS_VALUE, v) is None]
        if bad:
            raise ValueError(f"not a TIMEX3 months duration (P<n>M): {', '.join(bad)}")
        return value

    @field_validator("name_day_words")
    @classmethod
    def _one_word(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not v.isalpha() or not v.islower()]
        if bad:
            raise ValueError(f"expected one lowercase word each: {', '.join(bad)}")
        return value


_SPACE = re.compile(r"\s+")
#: libyaml's C loader when PyYAML was built with it (ten times faster on the rule files), else the pure-Python one
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML with the safe loader (C implementation when available). Raises yaml.YAMLError."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def norm(words: str) -> str:
    """Lowercase and collapse whitespace: the key form used by every lexicon lookup."""
    return _SPACE.sub(" ", words.strip().lower())


class Lexicon:
    """Typed access to the word lists plus regex alternations built from them (longest first)."""

    def __init__(self, data: LexiconData, source: str) -> None:
        self.data = data
        self.source = source
        self._sets: dict[str, frozenset[str]] = {}

    @classmethod
    def load(cls, text: str | None = None, source: str = LEXICON_FILE) -> Lexicon:
        if text is None:
            text = resources.files("timeline.temporal").joinpath("resources", LEXICON_FILE).read_text(encoding="utf-8")
        try:
            raw: Any = load_yaml(text)
        except yaml.YAMLError as exc:
            raise RuleFileError(source, "yaml", str(exc)) from exc
        if not isinstance(raw, dict):
            raise RuleFileError(source, "top level", "expected a mapping of word lists")
        try:
            data = LexiconData.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise RuleFileError(source, where, first["msg"]) from exc
        return cls(data, source)

    def word_set(self, name: str) -> frozenset[str]:
        """The words of a plain word list as a set, made once ("schedule_base_verbs", "match_words" ...)."""
        found = self._sets.get(name)
        if found is None:
            found = self._sets[name] = frozenset(self.words(name))
        return found

    def words(self, name: str) -> list[str]:
        """The surface forms of a list (the keys of a mapping), or raise KeyError."""
        value = getattr(self.data, name, None) if name in LexiconData.model_fields else None
        if value is None:
            raise KeyError(name)
        if isinstance(value, dict):
            return list(value)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        raise KeyError(name)

    def alternation(self, name: str) -> str:
        """A non-capturing regex alternation of a list's words, longest first, spaces matching any whitespace."""
        words = sorted(set(self.words(name)), key=lambda w: (-len(w), w))
        parts = [r"\s+".join(re.escape(p).replace("'", "['’]") for p in w.split(" ")) for w in words]  # Mother’s Day
        return "(?:" + "|".join(parts) + ")"

    @cached_property
    def months(self) -> dict[str, int]:
        return self.data.months

    @cached_property
    def ambiguous_months(self) -> frozenset[str]:
        return frozenset(self.data.ambiguous_months)

    @cached_property
    def month_context_words(self) -> frozenset[str]:
        return frozenset(self.data.month_context_words)

    @cached_property
    def future_cues(self) -> frozenset[str]:
        return frozenset(self.data.future_cues)

    @cached_property
    def past_cues(self) -> frozenset[str]:
        return frozenset(self.data.past_cues)

    @cached_property
    def not_cue_pairs(self) -> frozenset[tuple[str, str]]:
        """Two-word phrases whose first word is a cue word used in another sense ("next to")."""
        pairs = (norm(p).split(" ") for p in self.data.not_cues)
        return frozenset((p[0], p[1]) for p in pairs if len(p) == 2)

    @cached_property
    def future_pairs(self) -> frozenset[tuple[str, str]]:
        """Two-word phrases that announce the future although their first word alone is no cue ("set to", "is to")."""
        pairs = (norm(p).split(" ") for p in self.data.future_cue_pairs)
        return frozenset((p[0], p[1]) for p in pairs if len(p) == 2)

    @cached_property
    def past_auxiliaries(self) -> frozenset[str]:
        return frozenset(self.data.past_auxiliaries)

    @cached_property
    def auxiliaries(self) -> frozenset[str]:
        """Words before a participle that make it part of a verb group: past_auxiliaries and auxiliaries."""
        return frozenset((*self.data.past_auxiliaries, *self.data.auxiliaries))

    @cached_property
    def future_be(self) -> frozenset[str]:
        return frozenset(self.data.future_be)

    @cached_property
    def strong_future_cues(self) -> frozenset[str]:
        return frozenset(self.data.strong_future_cues)

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        return frozenset(self.data.abbreviations)

    @cached_property
    def direction_phrases(self) -> list[tuple[str, int]]:
        """(phrase, sign) longest first, so that "as early as" is tried before "as"."""
        return sorted(((norm(p), s) for p, s in self.data.direction_phrases.items()), key=lambda ps: -len(ps[0]))

    @cached_property
    def not_initial_phrases(self) -> frozenset[str]:
        return frozenset(norm(p) for p in self.data.not_initial_phrases)

    @cached_property
    def not_past_ed(self) -> frozenset[str]:
        return frozenset(self.data.not_past_ed)

    @cached_property
    def count_nouns(self) -> frozenset[str]:
        return frozenset(self.data.count_nouns)

    @cached_property
    def id_words(self) -> frozenset[str]:
        return frozenset(self.data.id_words)

    @cached_property
    def clock_zones(self) -> frozenset[str]:
        return frozenset(self.data.clock_zones)

    @cached_property
    def lowercase_units(self) -> frozenset[str]:
        return frozenset(self.data.lowercase_units)

    @cached_property
    def ranking_before_in(self) -> re.Pattern[str]:
        """A ranking word (lexicon ranking_words, or any "-est" word) up to 40 characters before a final "in"."""
        return re.compile(rf"\b(?:{'|'.join(map(re.escape, self.data.ranking_words))}|\w+est)\b[^.;]{{0,40}}\bin\s*$",
                          re.IGNORECASE)

    @cached_property
    def second_followers(self) -> frozenset[str]:
        return frozenset(self.data.second_followers)

    @cached_property
    def months_periods(self) -> frozenset[str]:
        return frozenset(self.data.months_periods)

    @cached_property
    def title_opener(self) -> re.Pattern[str]:
        """A possessive or "on" then an opening quotation mark, at the end of the searched text (ABC's "This Week")."""
        t = self.data.title_openers
        before = [re.escape(s) for s in t.suffixes] + [r"\b" + re.escape(w) for w in t.words]
        quotes = sorted(t.quotes, key=lambda q: -len(q))
        return re.compile("(?:" + "|".join(before) + r")\s*(?:" + "|".join(re.escape(q) for q in quotes) + ")$")

    @cached_property
    def name_day(self) -> re.Pattern[str]:
        """A capitalised name_day_words word ("Today", "Tonight"): case-sensitive, a whole word."""
        words = sorted(self.data.name_day_words, key=lambda w: (-len(w), w))
        return re.compile("(?:" + "|".join(re.escape(w.capitalize()) for w in words) + r")\b")

    def number(self, text: str) -> float | None:
        """The value of a number written in digits or words ("18", "twenty-four", "a"), or None."""
        key = norm(text).replace("-", " ")
        try:
            return float(key.replace(",", ""))
        except ValueError:
            pass
        if key in self.data.numbers:
            return self.data.numbers[key]
        parts = key.split(" ")
        if len(parts) == 2 and parts[0] in self.data.tens and parts[1] in self.data.units_digits:
            return self.data.numbers[parts[0]] + self.data.numbers[parts[1]]
        return None

    def ordinal(self, text: str) -> int | None:
        return self.data.ordinals.get(norm(text))

    def weekday(self, text: str) -> int:
        """The ISO number (1=Monday) of a weekday name or abbreviation ("Friday", "Thurs.")."""
        key = norm(text)
        if key.endswith("."):
            return self.data.weekday_abbreviations[key.rstrip(".")]
        return self.data.weekdays[key]

    @cached_property
    def offset_phrase(self) -> re.Pattern[str]:
        """Right after a duration: an offset word and up to six words of what it counts from (group "words")."""
        stop = self.alternation("offset_stop_words")
        word = rf"[ \t]+(?!{stop}\b)[\w'’$%-]+"
        return re.compile(rf"[ \t]+(?P<words>{self.alternation('offset_words')}(?:{word}){{1,6}})", re.IGNORECASE)

    @cached_property
    def lateness_phrase(self) -> re.Pattern[str]:
        """Right after a duration: how late or early something came ("a day late", "two hours ahead of schedule")."""
        return re.compile(rf"[ \t]+(?P<words>{self.alternation('lateness_offsets')})(?![\w-])", re.IGNORECASE)

    def month(self, text: str) -> int | None:
        key = norm(text).rstrip(".")
        if key.isdigit():
            return int(key)
        return self.data.months.get(key)
