"""The command line as a first-time user meets it (fixtures/cli_ux.yaml): clean errors, what `tag` reads,
--output mistakes, options every subcommand takes; and the README's example script."""

from __future__ import annotations

import io
import json
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from timeline import cli, pubdate
from timeline.pubdate import find_text_dates, load_rules

from tests.paths import FIXTURES, ROOT, SEED

SPEC = yaml.safe_load((FIXTURES / "cli_ux.yaml").read_text(encoding="utf-8"))
INPUTS = FIXTURES / "inputs"


def _fill(value: str, tmp: Path) -> str:
    return value.format(tmp=tmp, inputs=INPUTS, seed=SEED)


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    for name in SPEC["folders"]:
        (tmp_path / name).mkdir()
    for name, text in SPEC["files"].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name, target in SPEC["symlinks"].items():
        (tmp_path / name).symlink_to(target)
    return tmp_path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         stdin: bytes | None = None) -> tuple[int, str, str]:
    capsys.readouterr()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", SPEC["cases"], ids=lambda c: c["name"])
def test_cli_case(case: dict[str, Any], workdir: Path, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    argv = [_fill(a, workdir) for a in case["argv"]]
    stdin = Path(_fill(case["stdin_file"], workdir)).read_bytes() if "stdin_file" in case else None
    code, out, err = _run(argv, capsys, monkeypatch, stdin)
    assert "Traceback" not in err
    assert code == case["code"], err
    flat_err = " ".join(err.split())
    for text in case.get("stderr", []):
        assert _fill(text, workdir) in flat_err, err
    for text in case.get("stderr_not", []):
        assert _fill(text, workdir) not in flat_err, err
    if case.get("stderr_empty"):
        assert err == ""
    bare_out = "".join(out.split())  # a long title wraps in the table
    for text in case.get("stdout", []):
        assert "".join(_fill(text, workdir).split()) in bare_out, out
    if code not in (0, 7):  # 7: several documents, each failure reported
        assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1, err
        assert out == ""
    if "json" in case or "values" in case or "no_values" in case:
        payload = json.loads(out)
        for key, value in case.get("json", {}).items():
            assert payload[key] == value, key
        values = [t["value"] for t in payload["times"]]
        for value in case.get("values", []):
            assert value in values, values
        for value in case.get("no_values", []):
            assert value not in values, values
    for name, prefix in case.get("output_starts", {}).items():
        assert (workdir / name).read_text(encoding="utf-8").startswith(prefix), name
    for name, part in case.get("output_contains", {}).items():
        assert part in (workdir / name).read_text(encoding="utf-8"), name
    for name in case.get("symlinks_kept", []):
        assert (workdir / name).is_symlink(), f"{name} was replaced by a file"
    for name in case.get("absent", []):
        assert not (workdir / name).exists(), name
    for name in case.get("present", []):
        assert (workdir / name).is_file(), name
    assert [p.name for p in workdir.rglob("*.tmp")] == [], "no temporary output file is left behind"


# `timeline tag` hands only the first lines of a text to find_text_dates: the same finding as the whole text
HEAD_TEXTS = [
    "",
    "one line, no newline",
    "Council Backs New Library\nPublished: March 19, 2024\n\nThe council approved it on Monday.\n",
    "\n\n\n   \n\tTitle\r\n\r\nPosted on March 3, 2024\r\nBody text on April 4.\r\n" + "More.\n" * 50,
    "Title\x0bwith a vertical tab\x0cand a form feed\u2028line sep\nNEW YORK, March 19, 2024 /PRNewswire/ -- Text.\n",
    "\n".join(f"Line {n} of a long text." for n in range(200)) + "\nPublished: May 1, 2020\n",
    "WASHINGTON, March 19 (Reuters) - text\n" + "\n" * 100 + "Updated March 20, 2024\n",
]


@pytest.mark.parametrize("text", HEAD_TEXTS, ids=range(len(HEAD_TEXTS)))
def test_head_gives_the_same_text_dates(text: str) -> None:
    head = pubdate.head(text, load_rules().header_lines + 1)
    assert text.startswith(head)
    whole, part = find_text_dates(text), find_text_dates(head)
    assert part.hits == whole.hits
    assert part.best == whole.best and part.dateline == whole.dateline


def test_outputs_written_directly(tmp_path: Path) -> None:
    """Renaming a temporary file onto a symlink, a device or a named pipe would replace it (as root, /dev/null
    itself): those are written to directly. (No device is written to here.)"""
    import os

    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to("file")
    (tmp_path / "dangling").symlink_to("nowhere")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    kinds = {name: cli._is_special(str(tmp_path / name)) for name in ("file", "link", "dangling", "pipe", "folder", "new")}
    assert kinds == {"file": False, "link": True, "dangling": True, "pipe": True, "folder": False, "new": False}
    assert cli._is_special(os.devnull)


def test_progress_bar_shows_names_with_markup() -> None:
    """The progress bar's document name is not rich markup ("a[/b].txt" once crashed the bar)."""
    console = Console(file=io.StringIO(), force_terminal=True, width=80)
    progress = cli._Progress(console, 2, enabled=True)
    progress.advance("a[/b].txt")
    progress.close()
    assert "a[/b].txt" in console.file.getvalue()  # type: ignore[attr-defined]


class _TerminalStdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("argv", "hint"), [
    (["tag", "-", "-f", "json"], True),
    (["tag", "-", "-f", "json", "--quiet"], False),
    (["build", "-", "--model", "blank", "-f", "json"], True),
    (["build", "-", "--model", "blank", "-f", "json", "-q"], False),
])
def test_stdin_from_a_terminal_says_it_waits(argv: list[str], hint: bool, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _TerminalStdin(io.BytesIO(b"The board met on May 3, 2023.\n")))
    code, out, err = _run(argv, capsys, monkeypatch)
    assert code == 0, err
    assert ("standard input" in err and "Ctrl-D" in err) is hint, err
    assert json.loads(out)["times"][0]["value"] == "2023-05-03"


@pytest.mark.model
def test_research_script_keeps_each_documents_own_date(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """examples/research_script.py, as its docstring says: each document's own date unless --pub-date."""
    from tests.paths import HAS_MODEL

    if not HAS_MODEL:
        pytest.skip("no trained English spaCy pipeline installed")
    monkeypatch.setattr(sys, "argv", ["research_script.py", str(INPUTS / "corpus")])
    runpy.run_path(str(ROOT / "examples" / "research_script.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "c-gold.tml (published 1998-02-06, from metadata)" in out
    assert "b-page.html (published 2023-06-02, from metadata)" in out
    assert "a-dated.txt (published 2024-03-19, from text)" in out


@pytest.mark.parametrize(("argv", "code", "stream", "expect"), [
    (["tag", "{tmp}/nope-é.txt"], 2, "stderr", "nope-\\xe9.txt: no such file"),
    (["build", "{tmp}/early.txt", "--model", "blank", "-q", "-f", "markdown", "--pub-date", "2024-03-19"], 0, "stdout",
     "(cli) \\xb7 2 event(s)"),
], ids=["error-message", "markdown"])
def test_a_stream_that_cannot_encode_everything(argv: list[str], code: int, stream: str, expect: str,
                                                tmp_path: Path) -> None:
    """PYTHONIOENCODING=ascii (or a legacy console code page): escapes, not an 'unexpected UnicodeEncodeError'."""
    import os
    import subprocess

    (tmp_path / "early.txt").write_text("The café said the plant will open as early as April 2025.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "timeline", *[a.format(tmp=tmp_path) for a in argv]],
                          capture_output=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == code, done.stderr
    assert expect in getattr(done, stream).decode("ascii")


def test_interrupt_while_opening_the_output_leaves_no_temporary_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C between creating the temporary output file and opening it (__exit__ does not run then)."""
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.os, "fdopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        with cli._Sink(str(tmp_path / "out.json")):
            pass  # pragma: no cover
    assert list(tmp_path.iterdir()) == []
