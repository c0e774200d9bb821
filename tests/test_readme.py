"""The README's claims that code can check: its Python snippets parse, the spaCy pipelines they load are the
installed ones, and every option it shows for a `timeline` command exists in that command's parser."""

from __future__ import annotations

import ast
import importlib.util
import re

import pytest

from timeline.cli import _parser

from tests.paths import HAS_MODEL, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)
# `timeline build ...` in backticks, and command lines of the bash blocks
COMMANDS = re.findall(r"`timeline (build|tag|eval|schema)\b([^`]*)`", README) + \
    re.findall(r"^timeline (build|tag|eval|schema)\b(.*)$", "\n".join(re.findall(r"```bash\n(.*?)```", README, re.S)),
               re.M)


def _options(command: str) -> set[str]:
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]  # type: ignore[union-attr]
    return {opt for action in sub._actions for opt in action.option_strings}


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=range(len(PYTHON_BLOCKS)))
def test_python_snippets_parse(code: str) -> None:
    ast.parse(code)


def test_spacy_pipelines_the_snippets_load_are_installed() -> None:
    if not HAS_MODEL:
        pytest.skip("no trained English spaCy pipeline installed")
    names = re.findall(r"spacy\.load\(\"([^\"]+)\"\)", "\n".join(PYTHON_BLOCKS))
    assert names, "the README shows spacy.load"
    for name in names:
        assert importlib.util.find_spec(name) is not None, f"README loads {name!r}, which the install does not give"


@pytest.mark.parametrize(("command", "rest"), COMMANDS, ids=[f"{c}{r}"[:60] for c, r in COMMANDS])
def test_options_shown_exist(command: str, rest: str) -> None:
    shown = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b", rest.split("#")[0]))
    assert shown <= _options(command), shown - _options(command)


def test_every_command_is_in_the_readme() -> None:
    assert {c for c, _ in COMMANDS} == {"build", "tag", "eval", "schema"}


def test_input_suffixes_are_the_ones_read() -> None:
    """The Inputs table names every suffix a directory is searched for, and the manifest suffixes."""
    from timeline.sources import MANIFEST_SUFFIXES, SUFFIX_KIND

    row = next(line for line in README.splitlines() if line.startswith("| a directory |"))
    assert set(re.findall(r"`(\.\w+)`", row)) == set(SUFFIX_KIND)
    for suffix in MANIFEST_SUFFIXES:
        assert f"`{suffix}`" in README or f"corpus{suffix}" in README, suffix


def test_csv_columns_are_the_ones_written() -> None:
    from timeline.render.csv_out import COLUMNS

    row = next(line for line in README.splitlines() if line.startswith("| `csv` |"))
    assert re.findall(r"`(\w+)`", row)[1:] == list(COLUMNS)


def test_json_fields_are_the_models_fields() -> None:
    """The JSON export table names every top-level field and every field of each part of the export."""
    from timeline.models import DocumentInfo, Event, PipelineInfo, TimeExpression, Timeline, TimelineEntry

    rows = {m[1]: m[2] for m in re.finditer(r"^\| `(\w+)(?:\[\])?` \| (.*) \|$", README, re.M)}
    parts = {"document": DocumentInfo, "pipeline": PipelineInfo, "times": TimeExpression, "events": Event,
             "timeline": TimelineEntry}
    assert set(Timeline.model_json_schema(mode="serialization")["properties"]) <= set(rows)
    for name, model in parts.items():
        fields = set(model.model_json_schema(mode="serialization")["properties"])
        shown = set(re.findall(r"`(\w+)`", rows[name]))
        assert fields <= shown, (name, fields - shown)
