"""Trigger spans: which tokens may become events and how a trigger's extent is drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from timeline.models import EventClass


@dataclass(frozen=True, slots=True)
class Trigger:
    """A detected trigger: token range [first, last] (inclusive) in the Doc, its class and rule."""

    first: int
    last: int
    event_class: EventClass
    rule: str

    def head(self, doc: Doc) -> Token:
        return doc[self.first]


def allowed_tokens(doc: Doc, regions: Sequence[tuple[int, int]] | None) -> list[bool]:
    """For each token: does it lie inside one of the regions (all tokens when regions is None)?"""
    if regions is None:
        return [True] * len(doc)
    spans = sorted((int(s), int(e)) for s, e in regions)
    out: list[bool] = []
    for tok in doc:
        start, end = tok.idx, tok.idx + len(tok.text)
        out.append(any(s <= start and end <= e for s, e in spans))
    return out


def hyphen_extent(doc: Doc, i: int) -> tuple[int, int]:
    """The token range of the hyphenated word containing token i ("write-downs", "cease-fire")."""
    first = i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_ and not doc[first - 1].whitespace_:
        first -= 2
    last = i
    while last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_ and not doc[last + 1].whitespace_:
        if not doc[last + 2].is_alpha:
            break
        last += 2
    return first, last
