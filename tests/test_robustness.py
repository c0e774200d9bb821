"""Bad input, output safety and big inputs (issue 4).

Every case in fixtures/robustness/bad_inputs.yaml runs the command line in-process and must give
either a correct result or a one-line error with a documented exit code, never a traceback. The
spaCy pipeline is loaded once per process (timeline.nlp caches it), so these stay fast.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline import cli
from timeline.api import CHUNK_CHARS, split_chunks
from timeline.document import read_path
from timeline.models import Timeline
from tests.paths import FIXTURES, HAS_MODEL, ROOT

HERE = FIXTURES / "robustness"
BAD = yaml.safe_load((HERE / "bad_inputs.yaml").read_text(encoding="utf-8"))["cases"]
BAD_PARAMS = [pytest.param(c, id=c["id"], marks=[pytest.mark.slow] if c.get("slow") else []) for c in BAD]
OUTPUT = yaml.safe_load((HERE / "output.yaml").read_text(encoding="utf-8"))
BIG = yaml.safe_load((HERE / "big_inputs.yaml").read_text(encoding="utf-8"))
DOCUMENTED_EXIT_CODES = {int(m) for m in re.findall(r"^\| (\d+) \|", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)}


# -- helpers ---------------------------------------------------------------------------------


def _write_input(tmp_path: Path, spec: dict[str, Any]) -> Path:
    kind = spec.get("kind", "file")
    path = tmp_path / "input.txt"
    if kind == "missing":
        return tmp_path / "no-such-article.txt"
    if kind == "directory":
        path = tmp_path / "a-folder"
        path.mkdir()
        return path
    if "bytes" in spec:
        data = codecs.escape_decode(spec["bytes"].encode("ascii"))[0]
    else:
        data = str(spec["text"]).encode(spec.get("encoding", "utf-8"))
    path.write_bytes(data * int(spec.get("repeat", 1)))
    return path


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("error:")]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    capsys.readouterr()
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def _argv(case: dict[str, Any], path: Path) -> list[str]:
    command, *rest = case["args"]
    return [command, str(path), *rest]


def _needs_model(argv: list[str]) -> bool:
    return argv[0] == "build" and "--model" not in argv


def _times(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return list(payload["times"])


def _check_offsets(text: str, items: list[dict[str, Any]]) -> None:
    for item in items:
        assert 0 <= item["start"] <= item["end"] <= len(text), item
        assert text[item["start"]:item["end"]] == item["text"], item


def _assert_clean_error(run: Run, case: dict[str, Any]) -> None:
    assert "Traceback" not in run.err
    lines = run.error_lines()
    if case["args"][0] in ("build", "tag") and "--format" in case["args"] and case["exit"] == 2 and not case["error"]:
        # argparse reports usage errors itself: a usage line and one error line
        assert run.err.strip(), "a usage error must say something"
        return
    assert len(lines) == 1, f"expected one error line, got: {run.err!r}"
    for word in case["error"]:
        assert word.lower() in lines[0].lower(), lines[0]


# -- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_PARAMS)
def test_bad_input(case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write_input(tmp_path, case["input"])
    argv = _argv(case, path)
    if _needs_model(argv) and case["exit"] == 0 and not HAS_MODEL:
        pytest.skip("no trained English spaCy pipeline installed")
    run = _run(argv, capsys)
    assert case["exit"] in DOCUMENTED_EXIT_CODES, f"exit code {case['exit']} is not in the README table"
    assert run.code == case["exit"], f"exit {run.code}, stderr: {run.err!r}"
    assert "Traceback" not in run.err
    if case["exit"] != 0:
        _assert_clean_error(run, case)
        return
    payload = json.loads(run.out)
    times = _times(payload)
    values = [t["value"] for t in times]
    expect = case.get("expect", {})
    for value in expect.get("values", []):
        assert value in values, f"{value} not found in {values[:20]}"
    for value in expect.get("no_values", []):
        assert value not in values
    assert len(times) >= expect.get("min_times", 0)
    assert len(times) <= expect.get("max_times", len(times))
    if argv[0] == "build":
        tl = Timeline.model_validate(payload)
        assert len(tl.events) <= expect.get("max_events", len(tl.events))
        _check_offsets(tl.text, [t.model_dump() for t in tl.times])
        _check_offsets(tl.text, [e.model_dump() for e in tl.events])
        assert sorted(e.event_id for e in tl.timeline) == sorted(e.id for e in tl.events)
        for word in expect.get("text_contains", []):
            assert word in tl.text


def test_every_exit_code_used_is_documented() -> None:
    used = {c["exit"] for c in BAD} | {c["exit"] for c in OUTPUT["cases"]}
    assert used <= DOCUMENTED_EXIT_CODES, used - DOCUMENTED_EXIT_CODES


# -- --debug and unexpected errors -----------------------------------------------------------


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(OUTPUT["article"], encoding="utf-8")
    return path


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_unexpected_error_is_one_line_unless_debug(
    debug: bool, article: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from timeline.temporal import TemporalTagger

    def boom(self: object, *args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(TemporalTagger, "tag", boom)
    run = _run(["tag", str(article), *(["--debug"] if debug else [])], capsys)
    assert run.code == 1
    assert ("Traceback" in run.err) is debug
    if not debug:
        assert len(run.err.strip().splitlines()) == 1, run.err
        assert "simulated bug" in run.err and "--debug" in run.err


def test_debug_shows_traceback_of_typed_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = _run(["tag", str(tmp_path / "missing.txt"), "--debug"], capsys)
    assert run.code == 2
    assert "Traceback" in run.err and "InputError" in run.err


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    """The same as a user sees it: a separate process, missing input, one line on stderr."""
    done = subprocess.run([sys.executable, "-m", "timeline", "tag", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# -- --output is atomic ----------------------------------------------------------------------


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def _apply_fault(fault: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if fault is None:
        return
    kind, where = fault.split("@")
    exc: type[BaseException] = {"interrupt": KeyboardInterrupt, "oserror": OSError, "bug": RuntimeError}[kind]

    def raise_it(*args: object, **kwargs: object) -> None:
        raise exc("simulated")

    if where == "rename":
        monkeypatch.setattr(cli.os, "replace", raise_it)
    elif where == "tagging":
        from timeline.temporal import TemporalTagger

        monkeypatch.setattr(TemporalTagger, "tag", raise_it)
        monkeypatch.setattr(TemporalTagger, "tag_spans", raise_it)  # `tag --format json` streams span by span
    elif where == "writing":
        real_fdopen = os.fdopen

        class HalfWriter:
            """The real file, except that a write stores half its content and then fails."""

            def __init__(self, handle: Any) -> None:
                self.handle = handle

            def __getattr__(self, name: str) -> Any:
                return getattr(self.handle, name)

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc_info: object) -> None:
                self.handle.close()

            def write(self, content: str) -> int:
                self.handle.write(content[: len(content) // 2])
                self.handle.flush()
                raise exc("simulated")

        monkeypatch.setattr(cli.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    else:  # pragma: no cover - fixture error
        raise ValueError(where)


@pytest.mark.parametrize("case", OUTPUT["cases"], ids=lambda c: c["id"])
def test_output_is_atomic(
    case: dict[str, Any], article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "result.json"
    if case.get("existing") is not None:
        target.write_text(case["existing"], encoding="utf-8")
    output = str(target if case.get("folder_exists", True) else tmp_path / "missing-folder" / "result.json")
    _apply_fault(case.get("fault"), monkeypatch)
    run = _run([*case["args"][:1], str(article), *case["args"][1:], "--output", output], capsys)
    assert run.code == case["exit"], run.err
    assert "Traceback" not in run.err
    if case["exit"] == 0:
        payload = json.loads(target.read_text(encoding="utf-8"))
        assert payload["times"], "the article has times"
    elif case.get("existing") is not None:
        assert target.read_text(encoding="utf-8") == case["existing"], "a failed write must leave the old file"
    else:
        assert not target.exists(), "a failed write must not leave a file"
    assert _leftovers(folder, {target.name}) == [], "no temporary file may be left behind"
    if case["exit"] != 0:
        assert len(run.error_lines()) == 1 or case["exit"] == 130, run.err


# -- big inputs, through the library ---------------------------------------------------------


def _big_text(spec: dict[str, Any]) -> str:
    unit = str(spec["unit"])
    return unit * (int(spec["bytes"]) // len(unit.encode("utf-8")) + 1)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    spec = BIG["fifty_mb"]
    text = _big_text(spec)
    path = tmp_path_factory.mktemp("big") / "fifty.txt"
    path.write_text(text, encoding="utf-8")
    yield path, text
    path.unlink()


def test_fifty_mb_is_read_whole(big_file: tuple[Path, str]) -> None:
    path, text = big_file
    t0 = time.perf_counter()
    read = read_path(path)
    assert read == text
    assert time.perf_counter() - t0 < BIG["fifty_mb"]["read_seconds"]


def test_fifty_mb_is_cut_into_bounded_chunks(big_file: tuple[Path, str]) -> None:
    _, text = big_file
    t0 = time.perf_counter()
    offset = 0
    count = 0
    for start, chunk in split_chunks(text, CHUNK_CHARS):
        assert start == offset and 0 < len(chunk) <= CHUNK_CHARS
        assert text.startswith(chunk, start)
        offset += len(chunk)
        count += 1
    assert offset == len(text)
    assert count <= 2 * len(text) // CHUNK_CHARS + 1
    assert time.perf_counter() - t0 < BIG["fifty_mb"]["chunk_seconds"]


@pytest.mark.parametrize("case", BIG["chunking"], ids=lambda c: c["id"])
def test_chunks_cover_text_without_breaks(case: dict[str, Any]) -> None:
    text = str(case["unit"]) * int(case["repeat"])
    pieces = list(split_chunks(text, int(case["size"])))
    assert "".join(chunk for _, chunk in pieces) == text
    assert all(len(chunk) <= int(case["size"]) for _, chunk in pieces)
    if case.get("cut_after"):
        assert all(chunk.endswith(case["cut_after"]) for _, chunk in pieces[:-1])


@pytest.mark.model
@pytest.mark.slow
def test_build_across_chunk_boundaries(extractor: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text parsed in several chunks keeps every offset and numbers times and events in order."""
    import timeline.api as api

    spec = BIG["multi_chunk"]
    monkeypatch.setattr(api, "CHUNK_CHARS", int(spec["chunk_chars"]))
    text = str(spec["paragraph"]) * int(spec["repeat"])
    tl = extractor.build(text, pub_date=spec["pub_date"])
    one = extractor.build(str(spec["paragraph"]), pub_date=spec["pub_date"])
    assert len(tl.events) >= int(spec["repeat"]) * len(one.events) * 0.9
    _check_offsets(tl.text, [t.model_dump() for t in tl.times])
    _check_offsets(tl.text, [e.model_dump() for e in tl.events])
    assert [e.id for e in tl.events] == [f"e{n}" for n in range(1, len(tl.events) + 1)]
    assert [e.start for e in tl.events] == sorted(e.start for e in tl.events)
    time_ids = {t.id for t in tl.times}
    assert all(entry.time_id in time_ids for entry in tl.timeline if entry.time_id is not None)
    for e in tl.events:
        assert e.sentence_start <= e.start < e.end <= e.sentence_end
