"""Load and validate the rule table (resources/rules.yaml): expand macros, compile patterns, index by first word."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from timeline.errors import RuleFileError
from timeline.models import TimexType
from timeline.temporal.lexicon import Lexicon, load_yaml, norm

RULES_FILE = "rules.yaml"
DIGIT = "#digit"
_MACRO = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_END = r"(?![A-Za-z0-9])"
_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


class RuleSpec(BaseModel):
    """One row of the rule table, as written in YAML."""

    model_config = ConfigDict(extra="forbid")

    name: str
    type: TimexType
    pattern: str
    starts: list[str]
    build: str
    args: dict[str, Any] = {}
    prev_words: list[str] | None = None
    examples: list[str]


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    example_reference: dt.date
    macros: dict[str, str]
    rules: list[RuleSpec]


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled rule: its spec, its regex (anchored with .match at a word start) and its position in the table."""

    spec: RuleSpec
    regex: re.Pattern[str]
    order: int
    prev_words: frozenset[str] | None

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass(slots=True)
class RuleSet:
    """All rules, plus the index from a first word (lowercase) to the rules that may start there."""

    rules: list[Rule]
    example_reference: dt.date
    by_word: dict[str, list[Rule]] = field(default_factory=dict)
    digit_rules: list[Rule] = field(default_factory=list)
    #: every word a rule can mention (pattern literals and lexicon words): after an article, anything else is no time
    vocabulary: frozenset[str] = frozenset()


def _expand(pattern: str, macros: dict[str, str], lexicon: Lexicon, where: str, source: str, depth: int = 0) -> str:
    if depth > 8:
        raise RuleFileError(source, where, "macros nest too deeply (a macro refers to itself?)")

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in macros:
            return "(?:" + _expand(macros[name], macros, lexicon, where, source, depth + 1) + ")"
        try:
            return lexicon.alternation(name)
        except KeyError:
            raise RuleFileError(source, where, f"unknown macro {{{name}}}") from None

    return _MACRO.sub(repl, pattern)


def load_rules(lexicon: Lexicon, builders: Collection[str], text: str | None = None, source: str = RULES_FILE) -> RuleSet:
    """Parse, validate and compile the rule table. Raises RuleFileError naming the file and the rule."""
    if text is None:
        text = resources.files("timeline.temporal").joinpath("resources", RULES_FILE).read_text(encoding="utf-8")
    try:
        raw: Any = load_yaml(text)
    except yaml.YAMLError as exc:
        raise RuleFileError(source, "yaml", str(exc)) from exc
    try:
        table = RuleFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        if isinstance(raw, dict) and len(first["loc"]) > 1 and first["loc"][0] == "rules":
            idx = first["loc"][1]
            rows = raw.get("rules")
            if isinstance(idx, int) and isinstance(rows, list) and isinstance(rows[idx], dict):
                where = f"rule {rows[idx].get('name', idx)!r}: {where}"
        raise RuleFileError(source, where, first["msg"]) from exc

    ruleset = RuleSet(rules=[], example_reference=table.example_reference)
    seen: set[str] = set()
    for order, spec in enumerate(table.rules):
        where = f"rule {spec.name!r}"
        if spec.name in seen:
            raise RuleFileError(source, where, "duplicate rule name")
        seen.add(spec.name)
        if spec.build not in builders:
            raise RuleFileError(source, where, f"unknown builder {spec.build!r} (known: {', '.join(sorted(builders))})")
        if not spec.examples:
            raise RuleFileError(source, where, "a rule needs at least one example")
        if not spec.starts:
            raise RuleFileError(source, where, "a rule needs at least one start word")
        expanded = _expand(spec.pattern, table.macros, lexicon, where, source)
        try:
            regex = re.compile(expanded + _END, re.IGNORECASE)
        except re.error as exc:
            raise RuleFileError(source, where, f"bad pattern: {exc}") from exc
        prev = frozenset(norm(w) for w in spec.prev_words) if spec.prev_words else None
        rule = Rule(spec=spec, regex=regex, order=order, prev_words=prev)
        ruleset.rules.append(rule)
        for start in spec.starts:
            if start == DIGIT:
                ruleset.digit_rules.append(rule)
                continue
            if start.startswith("@"):
                try:
                    words = lexicon.words(start[1:])
                except KeyError:
                    raise RuleFileError(source, where, f"unknown word list {start}") from None
            else:
                words = [start]
            for w in words:
                first = norm(w).split(" ")[0]
                first = re.split(r"[^a-z0-9]", first)[0] or first
                bucket = ruleset.by_word.setdefault(first, [])
                if not bucket or bucket[-1] is not rule:
                    bucket.append(rule)
    vocab: set[str] = set()
    for spec in [r.spec for r in ruleset.rules]:
        vocab.update(re.findall(r"[a-z]+", spec.pattern.lower()))
    for macro in table.macros.values():
        vocab.update(re.findall(r"[a-z]+", macro.lower()))
    for name in _ARTICLE_FOLLOWERS:
        vocab.update(w for word in lexicon.words(name) for w in re.findall(r"[a-z]+", word.lower()))
    ruleset.vocabulary = frozenset(vocab)
    return ruleset


#: The lexicon lists whose words may follow an article inside a temporal expression.
_ARTICLE_FOLLOWERS = ("months", "weekdays", "numbers", "tens", "units_digits", "vague_numbers", "ordinals", "units",
                    "date_units", "seasons", "parts_of_day", "holidays", "relative_words")
