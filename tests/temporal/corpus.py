"""Load the Duckling-style YAML fixtures of tests/temporal/fixtures into flat, parametrizable cases."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from timeline.temporal import TemporalTagger

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@functools.lru_cache(maxsize=1)
def shared_tagger() -> TemporalTagger:
    """One tagger for the whole test session (loading validates and compiles every rule)."""
    return TemporalTagger()


@dataclass(frozen=True)
class Case:
    file: str
    text: str
    span: tuple[int, int]
    expect: dict[str, Any]
    reference: dt.date | None
    narrative: bool

    @property
    def id(self) -> str:
        return f"{self.file}::{self.text}"


@dataclass(frozen=True)
class Negative:
    file: str
    text: str
    reference: dt.date | None

    @property
    def id(self) -> str:
        return f"{self.file}::{self.text}"


@dataclass(frozen=True)
class Sequence:
    file: str
    text: str
    expect: list[dict[str, Any]] = field(default_factory=list)
    reference: dt.date | None = None
    narrative: bool = False

    @property
    def id(self) -> str:
        return f"{self.file}::{self.text[:40]}"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _reference(data: dict[str, Any]) -> dt.date | None:
    ref = data.get("reference")
    return None if ref is None else dt.date.fromisoformat(str(ref))


def _bracketed(text: str) -> tuple[str, tuple[int, int]]:
    start = text.index("[")
    end = text.index("]") - 1
    return text.replace("[", "", 1).replace("]", "", 1), (start, end)


def positive_cases() -> list[Case]:
    out: list[Case] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = _load(path)
        ref, narrative = _reference(data), bool(data.get("narrative", False))
        for entry in data.get("cases", []):
            for text in entry.get("texts", []):
                out.append(Case(path.name, text, (0, len(text)), entry["expect"], ref, narrative))
            for raw in entry.get("context", []):
                text, span = _bracketed(raw)
                out.append(Case(path.name, text, span, entry["expect"], ref, narrative))
    return out


def negative_cases() -> list[Negative]:
    out: list[Negative] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = _load(path)
        out.extend(Negative(path.name, text, _reference(data)) for text in data.get("negative", []) or [])
    return out


def sequence_cases() -> list[Sequence]:
    out: list[Sequence] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = _load(path)
        ref, narrative = _reference(data), bool(data.get("narrative", False))
        out.extend(Sequence(path.name, s["text"], s["expect"], ref, narrative) for s in data.get("sequences", []) or [])
    return out
