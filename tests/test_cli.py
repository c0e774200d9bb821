"""The command line, in-process (``timeline.cli.main``) with captured output; one subprocess run."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from timeline.batch import build_document
from timeline.cli import main
from timeline.models import Timeline
from timeline.sources import Source
from timeline.timeml import read_timeml

from tests.format_checks import CHECKS
from tests.paths import FIXTURES, ROOT, SEED

CASES = yaml.safe_load((FIXTURES / "cli.yaml").read_text(encoding="utf-8"))
INPUTS = FIXTURES / "inputs"
SEED_DATE = "2024-03-19"


def _fill(argv: list[str], tmp: Path) -> list[str]:
    return [a.format(seed=SEED, tmp=tmp, inputs=INPUTS) for a in argv]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def batch_dirs(tmp_path: Path) -> Path:
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "a.txt").write_text("The council met on Monday. It will vote next week.\n", encoding="utf-8")
    (tmp_path / "batch" / "b.bin.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "batch" / "c.txt").write_text("The mayor resigned in May 2023.\n", encoding="utf-8")
    (tmp_path / "batch-bad").mkdir()
    for name in ("x.txt", "y.txt"):
        (tmp_path / "batch-bad" / name).write_bytes(b"\x00\x02binary\x00")
    return tmp_path


@pytest.mark.parametrize("case", CASES["exit_codes"], ids=lambda c: c["name"])
def test_exit_codes(case: dict[str, object], batch_dirs: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _run(_fill(list(case["argv"]), batch_dirs), capsys, monkeypatch)  # type: ignore[call-overload]
    assert code == case["code"], err
    if "stderr" in case:
        assert str(case["stderr"]) in " ".join(err.split())
    if "stdout" in case:
        assert str(case["stdout"]) in out
    if "stdout_lines" in case:
        assert len(out.splitlines()) == case["stdout_lines"]
    leftovers = [p.name for p in batch_dirs.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], "no temporary output files are left behind"


@pytest.mark.parametrize("case", CASES["pub_dates"], ids=lambda c: c["name"])
def test_pub_date_sources(case: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    argv = _fill(list(case["argv"]), tmp_path) + ["--model", "blank", "-f", "json"]  # type: ignore[call-overload]
    code, out, err = _run(argv, capsys, monkeypatch, stdin=case.get("stdin"))  # type: ignore[arg-type]
    assert code == 0, err
    doc = json.loads(out)["document"]
    assert doc["pub_date"] == case["pub_date"]
    assert doc["pub_date_source"] == case["source"]
    assert ("differs" in err) is case["warns"]


# --- every format on the seed article, through the CLI ---------------------------------------


@pytest.fixture()
def shared_extractor(extractor, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The CLI builds with the session's pipeline instead of loading it again."""
    import timeline.api

    monkeypatch.setattr(timeline.api, "Extractor", lambda *a, **k: extractor)
    return extractor


@pytest.fixture()
def seed_reference(shared_extractor) -> Timeline:  # type: ignore[no-untyped-def]
    import datetime as dt

    return build_document(shared_extractor, Source(id=str(SEED), kind="text", path=str(SEED)),
                          pub_date=dt.date.fromisoformat(SEED_DATE))


@pytest.mark.model
@pytest.mark.parametrize("fmt", sorted(CHECKS))
def test_seed_every_format_via_cli(fmt: str, seed_reference: Timeline, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out_file = tmp_path / f"seed.{fmt}"
    code, out, err = _run(["build", str(SEED), "--pub-date", SEED_DATE, "-f", fmt, "-o", str(out_file)],
                          capsys, monkeypatch)
    assert code == 0, err
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [out_file.name]  # atomic: no temporary file left
    CHECKS[fmt]([seed_reference], out_file.read_text(encoding="utf-8"))


@pytest.mark.model
def test_seed_timeml_reads_back_as_gold(seed_reference: Timeline, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    tml = tmp_path / "seed.tml"
    assert _run(["build", str(SEED), "--pub-date", SEED_DATE, "-f", "timeml", "-o", str(tml)], capsys, monkeypatch)[0] == 0
    gold = read_timeml(tml)
    assert gold.dct is not None and gold.dct.isoformat() == SEED_DATE
    code, out, err = _run(["eval", str(tml), "--timex-only", "--json"], capsys, monkeypatch)
    assert code == 0, err
    report = json.loads(out)
    assert report["n_docs"] == 1
    assert report["timex_strict"]["gold"] == len(gold.timexes) == len(seed_reference.times)
    assert report["timex_strict"]["tp"] == len(gold.timexes)  # the tagger finds every time it wrote


@pytest.mark.model
def test_seed_table_default(shared_extractor, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _run(["build", str(SEED), "--pub-date", SEED_DATE], capsys, monkeypatch)
    assert code == 0, err
    assert "Timeline" in out and "2024-04-10" in out


def test_output_dir_writes_one_file_per_document(batch_dirs: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = batch_dirs / "out"
    out_dir.mkdir()
    code, out, err = _run(["build", str(batch_dirs / "batch"), "--model", "blank", "-f", "timeml", "-o", str(out_dir),
                           "--pub-date", SEED_DATE], capsys, monkeypatch)
    assert code == 7, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.tml", "c.tml"]
    for path in out_dir.iterdir():
        assert read_timeml(path).dct is not None


def test_stdin_and_stdout_stream(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _run(["build", "-", "--model", "blank", "-f", "jsonl", "--pub-date", SEED_DATE], capsys,
                          monkeypatch, stdin="The board met on Tuesday. It will vote next week.\n")
    assert code == 0, err
    (line,) = out.splitlines()
    tl = Timeline.model_validate_json(line)
    assert tl.document.source == "<stdin>" and tl.times


def test_progress_bar_only_on_a_terminal() -> None:
    from rich.console import Console

    from timeline.cli import _progress

    terminal = Console(file=io.StringIO(), force_terminal=True)
    pipe = Console(file=io.StringIO(), force_terminal=False)
    cases = [(terminal, 3, False, True), (terminal, 3, True, False), (pipe, 3, False, False), (terminal, 1, False, False)]
    for console, total, quiet, shown in cases:
        bar = _progress(console, total, quiet=quiet)
        bar.advance("doc")
        assert (bar._bar is not None) is shown
        bar.close()


def test_subprocess_jsonl(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "timeline", "build", str(INPUTS / "corpus"), "--model", "blank",
                           "-f", "jsonl", "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    sources = [json.loads(line)["document"]["source"] for line in proc.stdout.splitlines()]
    assert [Path(s).name for s in sources] == ["a-dated.txt", "b-page.html", "c-gold.tml"]
    assert proc.stderr == ""


def test_readme_documents_formats_commands_and_exit_codes() -> None:
    from timeline.cli import BUILD_FORMATS, EXIT_SOME_FAILED, _parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for fmt in BUILD_FORMATS:
        assert f"| `{fmt}`" in readme, f"format {fmt} is not in the README's format table"
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in commands:
        assert f"`timeline {command}" in readme
    assert f"| {EXIT_SOME_FAILED} |" in readme


def test_json_consumer_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    timelines = [Timeline.model_validate_json((FIXTURES / "timelines" / n).read_text(encoding="utf-8"))
                 for n in ("port-expansion.json", "port-expansion-undated.json")]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(t.to_json(indent=None) + "\n" for t in timelines), encoding="utf-8")
    module = runpy.run_path(str(ROOT / "examples" / "json_consumer.py"))
    module["main"](str(path))
    out = capsys.readouterr().out
    planned = [e for e in timelines[0].timeline if e.anchor == "time" and next(
        ev for ev in timelines[0].events if ev.id == e.event_id).factuality.value in {"planned", "expected", "possible"}]
    assert out.count("published") == 2
    assert all(e.display in out for e in planned)


def test_output_file_gets_ordinary_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    out = tmp_path / "out.jsonl"
    code, _, err = _run(["build", "-", "--model", "blank", "-f", "jsonl", "-o", str(out)], capsys, monkeypatch,
                        stdin="The board met in May 2023.\n")
    assert code == 0, err
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
