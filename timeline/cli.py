"""The command line: a thin layer that parses options, calls the library and reports.

Only this module prints errors and chooses exit codes (see README, "Exit codes").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from . import __version__
from .errors import OutputError, TimelineError

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_INTERRUPTED = 130

BUILD_FORMATS = ("table", "json")
TAG_FORMATS = ("table", "json", "timeml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Event timelines from news articles: temporal expressions (TIMEX3), events, anchoring, a sorted timeline.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    common.add_argument("--quiet", "-q", action="store_true", help="no warnings or progress on stderr")

    b = sub.add_parser("build", parents=[common], help="build the timeline of an article",
                       description="Tag times, extract events, anchor them and print the sorted timeline.")
    b.add_argument("path", metavar="PATH", help="article text file ('-' reads standard input)")
    b.add_argument("--pub-date", metavar="YYYY-MM-DD", help="publication date that relative times resolve against")
    b.add_argument("--format", "-f", choices=BUILD_FORMATS, default="table", help="output format (default: table)")
    b.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    b.add_argument("--model", metavar="NAME", help="spaCy pipeline to load ('blank' for none); default: best installed")
    b.add_argument("--all", action="store_true", dest="show_all", help="table: show every event, not only the timeline-worthy ones")
    b.add_argument("--narrative", action="store_true", help="resolve underspecified dates against the previous date (history texts)")

    t = sub.add_parser("tag", parents=[common], help="the temporal expressions alone (no spaCy)",
                       description="Find and normalize the temporal expressions (TIMEX3) of a text.")
    t.add_argument("path", metavar="PATH", help="text file ('-' reads standard input)")
    t.add_argument("--pub-date", metavar="YYYY-MM-DD", help="publication date that relative times resolve against")
    t.add_argument("--format", "-f", choices=TAG_FORMATS, default="table", help="output format (default: table)")
    t.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    t.add_argument("--narrative", action="store_true", help="resolve underspecified dates against the previous date")

    e = sub.add_parser("eval", parents=[common], help="score against TimeML gold (TempEval-3 metrics)",
                       description="Run the pipeline on every TimeML document (its TEXT as input, its DCT as publication "
                                   "date) and print TempEval-3 metrics.")
    e.add_argument("gold", metavar="GOLD", help="a .tml file or a directory searched recursively for .tml files")
    e.add_argument("--errors", action="store_true", help="list misses, false positives and wrong values by document")
    e.add_argument("--timex-only", action="store_true", help="score the temporal tagger alone (fast, no spaCy)")
    e.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    e.add_argument("--narrative", action="store_true", help="narrative anchoring (e.g. WikiWars)")
    e.add_argument("--json", action="store_true", dest="as_json", help="print the report as JSON")

    sub.add_parser("schema", help="print the JSON Schema of the JSON export",
                   description="Print the JSON Schema (generated from the pydantic models) that --format json follows.")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    debug = getattr(args, "debug", False)
    try:
        return _COMMANDS[args.command](args, err)
    except TimelineError as exc:
        if debug:
            err.print(traceback.format_exc(), markup=False)
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("interrupted", style="red")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
        if debug:
            err.print(traceback.format_exc(), markup=False)
        else:
            err.print(f"[bold red]error:[/] unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        return EXIT_UNEXPECTED


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


# -- commands -------------------------------------------------------------------------------


def _read_input(path: str) -> str:
    from .document import decode_bytes, read_path

    if path == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    return read_path(path)


def _cmd_build(args: argparse.Namespace, err: Console) -> int:
    from .api import Extractor

    text = _read_input(args.path)
    extractor = Extractor(args.model, narrative=args.narrative)
    tl = extractor.build(text, pub_date=args.pub_date, source=None if args.path == "-" else args.path)
    if not args.quiet:
        for warning in tl.warnings:
            err.print(f"[yellow]warning:[/] {warning}")
    if args.format == "json":
        _emit(tl.to_json() + "\n", args.output)
    else:
        from .render.table import timeline_table

        _emit_rich(timeline_table(tl, show_all=args.show_all), args.output)
    return EXIT_OK


def _cmd_tag(args: argparse.Namespace, err: Console) -> int:
    from .document import parse_pub_date
    from .temporal import TemporalTagger

    text = _read_input(args.path)
    pub = parse_pub_date(args.pub_date)
    times = TemporalTagger().tag(text, pub, narrative=args.narrative)
    if pub is None and not args.quiet and any(not t.resolved for t in times):
        n = sum(1 for t in times if not t.resolved)
        err.print(f"[yellow]warning:[/] no publication date: {n} relative time(s) left unresolved; "
                  "pass --pub-date YYYY-MM-DD to resolve them")
    if args.format == "json":
        payload = {"pub_date": pub.isoformat() if pub else None,
                   "times": [t.model_dump(mode="json") for t in times]}
        _emit(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", args.output)
    elif args.format == "timeml":
        from .api import times_only_timeline
        from .timeml import to_timeml

        tl = times_only_timeline(text, times, pub, source=args.path)
        _emit(to_timeml(tl, doc_id=Path(args.path).stem if args.path != "-" else "stdin"), args.output)
    else:
        from .render.table import times_table

        _emit_rich(times_table(times), args.output)
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace, err: Console) -> int:
    from .evaluation import collect_gold_paths, evaluate

    paths = collect_gold_paths(Path(args.gold))
    if args.timex_only:
        from .api import times_only_timeline
        from .temporal import TemporalTagger

        tagger = TemporalTagger()

        def system(text: str, dct):  # type: ignore[no-untyped-def]
            return times_only_timeline(text, tagger.tag(text, dct, narrative=args.narrative), dct)
    else:
        from .api import Extractor

        extractor = Extractor(args.model, narrative=args.narrative)
        if extractor.degraded and not args.quiet:
            err.print(f"[yellow]warning:[/] {extractor.model_name}: events are degraded")

        def system(text: str, dct):  # type: ignore[no-untyped-def]
            return extractor.build(text, pub_date=dct, regions=[(0, len(text))])

    progress = _progress(err, len(paths), quiet=args.quiet)
    try:
        report = evaluate(paths, system, events=not args.timex_only, on_document=progress.advance)
    finally:
        progress.close()
    if args.as_json:
        print(report.model_dump_json(indent=2))
    else:
        print(report.to_text(errors=args.errors))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, err: Console) -> int:
    from .models import Timeline

    schema = Timeline.model_json_schema(mode="serialization")
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


_COMMANDS = {"build": _cmd_build, "tag": _cmd_tag, "eval": _cmd_eval, "schema": _cmd_schema}


# -- output ---------------------------------------------------------------------------------


class _Progress:
    """A rich progress bar on stderr, or nothing when quiet or stderr is not a terminal."""

    def __init__(self, console: Console, total: int, enabled: bool) -> None:
        self._bar = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=console, transient=True)
            self._task = self._bar.add_task("documents", total=total)
            self._bar.start()

    def advance(self, name: str = "") -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=name[:30] or "documents")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _progress(console: Console, total: int, *, quiet: bool) -> _Progress:
    return _Progress(console, total, enabled=not quiet and console.is_terminal and total > 1)


def _emit(content: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    write_atomic(Path(output), content)


def _emit_rich(renderable: object, output: str | None) -> None:
    if output is None:
        Console(highlight=False).print(renderable)
        return
    console = Console(record=True, width=100, file=open(os.devnull, "w"), highlight=False)  # noqa: SIM115
    console.print(renderable)
    write_atomic(Path(output), console.export_text())


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
