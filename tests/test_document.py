from __future__ import annotations

import codecs
import datetime as dt

import pytest
import yaml

from timeline.document import body_regions, decode_bytes, in_regions, parse_pub_date
from timeline.errors import InputError, InvalidDateError

from tests.paths import FIXTURES

CASES = yaml.safe_load((FIXTURES / "documents.yaml").read_text(encoding="utf-8"))


def _bytes(escaped: str) -> bytes:
    return codecs.escape_decode(escaped.encode("ascii"))[0]


@pytest.mark.parametrize("case", CASES["pub_dates"]["valid"], ids=lambda c: c["input"])
def test_pub_date_valid(case: dict[str, str]) -> None:
    assert parse_pub_date(case["input"]) == dt.date.fromisoformat(case["expect"])


@pytest.mark.parametrize("text", CASES["pub_dates"]["invalid"])
def test_pub_date_invalid(text: str) -> None:
    with pytest.raises(InvalidDateError):
        parse_pub_date(text)


@pytest.mark.parametrize("case", CASES["decoding"], ids=lambda c: c["name"])
def test_decoding(case: dict[str, str]) -> None:
    assert decode_bytes(_bytes(case["bytes"])) == case["expect"]


@pytest.mark.parametrize("data", CASES["binary"])
def test_binary_is_an_input_error(data: str) -> None:
    with pytest.raises(InputError):
        decode_bytes(_bytes(data))


@pytest.mark.parametrize("case", CASES["body"], ids=lambda c: c["name"])
def test_body_regions(case: dict[str, object]) -> None:
    text = str(case["text"])
    regions = body_regions(text)
    for phrase in case["kept"]:  # type: ignore[attr-defined]
        start = text.index(phrase)
        assert in_regions(start, start + len(phrase), regions), f"{phrase!r} should be article body"
    for phrase in case["dropped"]:  # type: ignore[attr-defined]
        start = text.index(phrase)
        assert not in_regions(start, start + len(phrase), regions), f"{phrase!r} should be left out"
