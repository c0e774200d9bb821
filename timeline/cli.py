"""The command line: a thin layer that parses options, calls the library and reports.

Only this module prints errors and chooses exit codes (see README, "Exit codes").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import InputError, OutputError, TimelineError

if TYPE_CHECKING:
    from rich.progress import Progress

    from .models import TimeExpression, Timeline
    from .pubdate import PubDateChoice
    from .render import Chunk, RenderOptions
    from .stream import StreamedTimeline

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_SOME_FAILED = 7
EXIT_INTERRUPTED = 130

BUILD_FORMATS = ("table", "json", "jsonl", "csv", "markdown", "timeml", "timelinejs", "html")
#: one document at least this long is built streamed (results spilled to temporary files, never held whole)
#: when its format's renderer ``streams`` (same output, bounded memory)
STREAM_MIN_CHARS = 250_000
TAG_FORMATS = ("table", "json", "timeml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Event timelines from news articles: temporal expressions (TIMEX3), events, anchoring, a sorted timeline.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    # also before the command ('timeline --quiet build ...'); own dests, as a subcommand's defaults would reset them
    parser.add_argument("--debug", action="store_true", dest="debug_first", help="as the commands' --debug")
    parser.add_argument("--quiet", "-q", action="store_true", dest="quiet_first", help="as the commands' --quiet")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    common.add_argument("--quiet", "-q", action="store_true", help="no warnings or progress on stderr")

    b = sub.add_parser("build", parents=[common], help="build the timeline of articles",
                       description="Tag times, extract events, anchor them and print the sorted timeline. PATH is a "
                                   "text (.txt), web page (.html) or TimeML (.tml) file, '-' for standard input, a "
                                   "directory or glob of such files, or a JSONL manifest ({\"id\", \"text\" or "
                                   "\"path\", \"pub_date\"} a line).")
    b.add_argument("paths", nargs="+", metavar="PATH", help="file, '-', directory, glob or .jsonl manifest")
    b.add_argument("--pub-date", metavar="YYYY-MM-DD",
                   help="publication date that relative times resolve against (wins over the documents' own dates)")
    b.add_argument("--format", "-f", choices=BUILD_FORMATS, type=str.lower, default=None,
                   help="output format (default: the one --output FILE's suffix names, .json .jsonl .csv .md .tml "
                        ".timelinejs.json .html, else table)")
    b.add_argument("--output", "-o", metavar="FILE",
                   help="write to FILE (atomically) instead of standard output; an existing directory gets one "
                        "file per document")
    b.add_argument("--workers", "-j", type=int, default=1, metavar="N",
                   help="build documents in N processes (each loads the pipeline once); output keeps input order")
    b.add_argument("--title", metavar="TEXT", help="html/timelinejs: the title of the page")
    b.add_argument("--model", metavar="NAME", help="spaCy pipeline to load ('blank' for none); default: best installed")
    b.add_argument("--all", action="store_true", dest="show_all", help="table, markdown: show every event, not only the timeline-worthy ones")
    b.add_argument("--narrative", action="store_true", help="resolve underspecified dates against the previous date (history texts)")

    t = sub.add_parser("tag", parents=[common], help="the temporal expressions alone (no spaCy)",
                       description="Find and normalize the temporal expressions (TIMEX3) of one document. PATH is "
                                   "read as by 'timeline build': a text (.txt), web page (.html: its main text) or "
                                   "TimeML (.tml: its TEXT) file, or '-' for standard input; the publication date is "
                                   "--pub-date, else the document's metadata, else a date its first lines state.")
    t.add_argument("path", metavar="PATH", help="text, .html or .tml file ('-' reads standard input)")
    t.add_argument("--pub-date", metavar="YYYY-MM-DD",
                   help="publication date that relative times resolve against (wins over the document's own date)")
    t.add_argument("--format", "-f", choices=TAG_FORMATS, type=str.lower, default=None,
                   help="output format (default: the one --output FILE's suffix names, .json .tml, else table)")
    t.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    t.add_argument("--narrative", action="store_true", help="resolve underspecified dates against the previous date")

    e = sub.add_parser("eval", parents=[common], help="score against TimeML or CAT XML gold (TempEval-3 metrics)",
                       description="Run the pipeline on every gold document (TimeML: its TEXT as input, its DCT as "
                                   "publication date; CAT XML as in EventStoryLine: the text rebuilt from its tokens, "
                                   "the DCT-flagged time as publication date; a document without a DCT: the date "
                                   "its text states, as build finds it) and print TempEval-3 metrics.")
    e.add_argument("gold", metavar="GOLD", help="a .tml or CAT .xml file, or a directory searched recursively for them")
    e.add_argument("--errors", action="store_true", help="list misses, false positives and wrong values by document")
    e.add_argument("--timex-only", action="store_true", help="score the temporal tagger alone (fast, no spaCy)")
    e.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    e.add_argument("--narrative", action="store_true", help="narrative anchoring (e.g. WikiWars)")
    e.add_argument("--json", action="store_true", dest="as_json", help="print the report as JSON")

    sub.add_parser("schema", parents=[common], help="print the JSON Schema of the JSON export",
                   description="Print the JSON Schema (generated from the pydantic models) that --format json follows.")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    args.debug = args.debug or args.debug_first
    args.quiet = args.quiet or args.quiet_first
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    debug = getattr(args, "debug", False)
    if getattr(args, "format", "") is None:
        args.format = _format_from_output(args.output, BUILD_FORMATS if args.command == "build" else TAG_FORMATS)
    try:
        return _COMMANDS[args.command](args, err)
    except TimelineError as exc:
        if debug:
            err.print(traceback.format_exc(), markup=False)
        err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
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
            err.print(f"[bold red]error:[/] unexpected {type(exc).__name__}: {escape(str(exc))} "
                      "(run with --debug for the traceback)")
        return EXIT_UNEXPECTED


#: the format an --output FILE's name implies when --format is not given (longest suffix first)
OUTPUT_SUFFIX_FORMATS = ((".timelinejs.json", "timelinejs"), (".json", "json"), (".jsonl", "jsonl"),
                         (".ndjson", "jsonl"), (".csv", "csv"), (".md", "markdown"), (".markdown", "markdown"),
                         (".tml", "timeml"), (".html", "html"), (".htm", "html"))


def _format_from_output(output: str | None, formats: Sequence[str]) -> str:
    """``--format`` left out: the format of the longest suffix of ``output``'s name among ``formats``, else table."""
    if output is not None and not Path(output).is_dir():
        name = Path(output).name.lower()
        for suffix, fmt in OUTPUT_SUFFIX_FORMATS:
            if name.endswith(suffix) and fmt in formats:
                return fmt  # the longest suffix the command can write: tag -o x.timelinejs.json writes json
    return "table"


def _tolerant_streams() -> None:
    """On a standard output that cannot encode every character (PYTHONIOENCODING=ascii, a legacy code page),
    write what it cannot as backslash escapes instead of failing with UnicodeEncodeError (Python's standard
    error does so already)."""
    for stream in (sys.stdout,):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


# -- commands -------------------------------------------------------------------------------


def _read_stdin(err: Console, *, quiet: bool) -> str:
    """Standard input as text; a hint on stderr when it is a terminal (the command waits for it)."""
    from .document import decode_bytes

    if not quiet and sys.stdin.isatty():
        err.print("reading the article from standard input (end it with Ctrl-D)", style="dim")
    return decode_bytes(sys.stdin.buffer.read(), "<stdin>")


def _read_for_tag(path: str, given: dt.date | None, stdin_text: str | None) -> tuple[str, PubDateChoice]:
    """The text ``timeline tag`` tags and its publication date, read as ``build`` reads one document
    (:func:`sources.read_source`: a web page's main text and metadata date, a TimeML file's TEXT and DCT), then a
    date its first lines state; ``given`` (--pub-date) wins."""
    from .pubdate import choose_pub_date, find_text_dates
    from .sources import MANIFEST_SUFFIXES, SUFFIX_KIND, Source, read_source

    if path == "":
        raise InputError("an empty PATH: name a file or '-'")
    if path != "-" and (Path(path).is_dir() or Path(path).suffix.lower() in MANIFEST_SUFFIXES):
        what = "a directory" if Path(path).is_dir() else "a JSONL manifest"
        raise InputError(f"{path}: is {what}; 'timeline tag' reads one file ('timeline build' takes several)")
    if path == "-":
        source = Source(id="<stdin>", text=stdin_text)
    else:
        source = Source(id=path, kind=SUFFIX_KIND.get(Path(path).suffix.lower(), "auto"), path=path)
    text, metadata, metadata_name = read_source(source)
    return text, choose_pub_date(given, metadata, find_text_dates(text), metadata_name=metadata_name)


def _cmd_build(args: argparse.Namespace, err: Console) -> int:
    from .batch import BuildOptions, build_document, build_document_streamed, run_batch
    from .document import parse_pub_date
    from .render import RenderOptions, make_renderer
    from .sources import collect_sources
    from .stream import StreamedTimeline

    if args.workers < 1:
        raise InputError(f"--workers must be at least 1, not {args.workers}")
    if "" in args.paths:  # Path("") is the current folder: not what an empty argument (an unset variable) meant
        raise InputError("an empty PATH: name a file, a folder, a glob or '-'")
    pub = parse_pub_date(args.pub_date)
    stdin_text = _read_stdin(err, quiet=args.quiet) if "-" in args.paths else None
    sources = collect_sources(args.paths, stdin_text=stdin_text)
    per_file = args.output is not None and Path(args.output).is_dir()
    many = len(sources) > 1
    options = BuildOptions(model=args.model, narrative=args.narrative, pub_date=pub)
    render_options = RenderOptions(many=many and not per_file, show_all=args.show_all, title=args.title)

    if not many:  # one document: its error is the command's error
        from .api import Extractor

        renderer = make_renderer(args.format, render_options)
        with _Sink(None if per_file else args.output) as sink:  # a bad --output fails before the work
            extractor = Extractor(args.model, narrative=args.narrative)
            tl: Timeline | StreamedTimeline
            if renderer.streams:
                tl = build_document_streamed(extractor, sources[0], pub_date=pub, min_chars=STREAM_MIN_CHARS)
            else:
                tl = build_document(extractor, sources[0], pub_date=pub)
            try:
                _print_warnings(err, tl.warnings, quiet=args.quiet)
                if per_file:
                    _write_document_file(Path(args.output), args.format, tl, render_options, set())
                else:
                    sink.write(chain(renderer.begin(), renderer.add(tl), renderer.end()))
            finally:
                if isinstance(tl, StreamedTimeline):
                    tl.close()
        return EXIT_OK

    renderer = make_renderer(args.format, render_options)
    failures: list[tuple[str, str]] = []
    codes: set[int] = set()
    written: set[str] = set()
    progress = _progress(err, len(sources), quiet=args.quiet)
    try:
        with _Sink(None if per_file else args.output) as sink:
            if not per_file:
                sink.write(renderer.begin())
            for outcome in run_batch(sources, options, workers=args.workers,
                                     on_done=lambda o: progress.advance(o.source)):
                if outcome.timeline is None:
                    failures.append((outcome.source, outcome.error or "failed"))
                    codes.add(outcome.exit_code)
                    progress.print(f"[bold red]error:[/] {escape(_named(outcome.source, outcome.error or 'failed'))}")
                    continue
                if not args.quiet:
                    for warning in outcome.timeline.warnings:
                        progress.print(f"[yellow]warning:[/] {escape(outcome.source)}: {escape(warning)}")
                if per_file:
                    _write_document_file(Path(args.output), args.format, outcome.timeline, render_options, written)
                else:
                    sink.write(renderer.add(outcome.timeline))
            if not per_file:
                sink.write(renderer.end())
    finally:
        progress.close()
    built = len(sources) - len(failures)
    if failures or not args.quiet:
        summary = f"{len(sources)} documents: {built} built, {len(failures)} failed"
        err.print(("[bold red]" if failures else "[green]") + summary + "[/]")
        for source, message in failures:
            err.print(f"  failed: {escape(_named(source, message))}", highlight=False)
    if not failures:
        return EXIT_OK
    if built == 0 and len(codes) == 1:
        return codes.pop()  # every document failed the same way (e.g. the pipeline cannot be loaded)
    return EXIT_SOME_FAILED


def _named(source: str, message: str) -> str:
    """``message`` about document ``source``, naming it once ("a.txt: a.txt: looks like a binary file" no more)."""
    return message if message.startswith(f"{source}: ") else f"{source}: {message}"


def _print_warnings(err: Console, warnings: list[str], *, quiet: bool) -> None:
    if quiet:
        return
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}")


def _write_document_file(folder: Path, fmt: str, tl: Timeline | StreamedTimeline, options: RenderOptions,
                         written: set[str]) -> None:
    """``--output DIR``: one file per document, named after it (made unique within the run)."""
    from .render import FILE_SUFFIX, RenderOptions, make_renderer

    stem = re.sub(r"[^\w.-]+", "_", Path(tl.document.source or "document").name)
    stem = re.sub(r"\.(txt|text|md|html?|xhtml|tml)$", "", stem, flags=re.I) or "document"
    name, n = stem, 1
    while name in written:
        n += 1
        name = f"{stem}-{n}"
    written.add(name)
    single = RenderOptions(many=False, show_all=options.show_all, title=options.title)
    renderer = make_renderer(fmt, single)
    with _Sink(str(folder / (name + FILE_SUFFIX[fmt]))) as sink:
        sink.write(chain(renderer.begin(), renderer.add(tl), renderer.end()))


def _cmd_tag(args: argparse.Namespace, err: Console) -> int:
    from .document import NO_PUB_DATE_WARNING, parse_pub_date
    from .temporal import TAG_CHARS, TemporalTagger, paragraph_cuts

    pub_date = parse_pub_date(args.pub_date)
    stdin_text = _read_stdin(err, quiet=args.quiet) if args.path == "-" else None
    text, choice = _read_for_tag(args.path, pub_date, stdin_text)
    pub = choice.date
    _print_warnings(err, list(choice.warnings), quiet=args.quiet)
    tagger = TemporalTagger()
    unresolved = 0
    if args.format == "json":  # streamed: one paragraph span's times at a time, the same text as one json.dumps
        from .render.json_out import stream_times_json

        def tagged() -> Iterator[TimeExpression]:
            nonlocal unresolved
            for part in tagger.tag_spans(text, pub, paragraph_cuts(text, TAG_CHARS), narrative=args.narrative):
                for t in part:
                    unresolved += not t.resolved
                    yield t

        with _Sink(args.output) as sink:
            sink.write(stream_times_json(pub, tagged(), pub_date_source=choice.source))
    else:
        times = tagger.tag(text, pub, narrative=args.narrative)
        unresolved = sum(1 for t in times if not t.resolved)
        if args.format == "timeml":
            from .api import times_only_timeline
            from .timeml import to_timeml

            tl = times_only_timeline(text, times, pub, source=args.path)
            _emit(to_timeml(tl, doc_id=Path(args.path).stem if args.path != "-" else "stdin"), args.output)
        else:
            from .render.table import times_table

            caption = f"published {pub.isoformat() if pub else 'unknown'} ({choice.source})"
            _emit_rich(times_table(times, caption=caption), args.output)
    if pub is None and unresolved:
        _print_warnings(err, [NO_PUB_DATE_WARNING.format(n=unresolved)], quiet=args.quiet)
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace, err: Console) -> int:
    from .evaluation import collect_gold_paths, evaluate_documents, read_gold
    from .evaluation import system_pub_date as pub_date

    paths = collect_gold_paths(Path(args.gold))
    golds = [read_gold(p) for p in paths]  # a bad gold file fails now, not after the documents before it are run
    if args.timex_only:
        from .api import times_only_timeline
        from .temporal import TemporalTagger

        tagger = TemporalTagger()

        def system(text: str, dct):  # type: ignore[no-untyped-def]
            pub = pub_date(text, dct)
            return times_only_timeline(text, tagger.tag(text, pub, narrative=args.narrative), pub)
    else:
        from .api import Extractor

        extractor = Extractor(args.model, narrative=args.narrative)
        if extractor.degraded and not args.quiet:
            err.print(f"[yellow]warning:[/] {escape(extractor.model_name)}: events are degraded")

        def system(text: str, dct):  # type: ignore[no-untyped-def]
            return extractor.build(text, pub_date=pub_date(text, dct), regions=[(0, len(text))])

    progress = _progress(err, len(paths), quiet=args.quiet)
    try:
        report = evaluate_documents(golds, system, events=not args.timex_only, on_document=progress.advance)
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
    """A rich progress bar on stderr, or nothing when quiet or stderr is not a terminal.

    The bar (and its refresh thread) starts with the first finished document, so worker processes
    are never forked while it runs.
    """

    def __init__(self, console: Console, total: int, enabled: bool) -> None:
        self._bar: Progress | None = None
        self._console = console
        self._total = total
        self.enabled = enabled

    def _start(self) -> Progress:
        if self._bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=self._console, transient=True)
            self._task = self._bar.add_task("documents", total=self._total)
            self._bar.start()
        return self._bar

    def advance(self, name: str = "") -> None:
        if self.enabled:
            self._start().update(self._task, advance=1, description=escape(name[-30:]) or "documents")

    def print(self, message: str) -> None:
        """A line on stderr above the bar (the bar's console when it is shown)."""
        console = self._bar.console if self._bar is not None else self._console
        console.print(message, highlight=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _progress(console: Console, total: int, *, quiet: bool) -> _Progress:
    return _Progress(console, total, enabled=not quiet and console.is_terminal and total > 1)


class _Sink:
    """Standard output, or FILE written atomically: streamed into a temporary file in the same folder
    and renamed into place when the run ends (left out entirely when it fails). A symbolic link, a device
    or a named pipe (/dev/stdout, /dev/null) is written to directly: renaming onto it would replace it."""

    def __init__(self, output: str | None) -> None:
        self.output = output
        self._handle: TextIO | None = None
        self._tmp: str | None = None
        self._direct = False
        self._console: Console | None = None

    def __enter__(self) -> _Sink:
        if self.output is not None and _is_special(self.output):
            self._handle, self._direct = _open_special(self.output), True
        elif self.output is not None:
            path = Path(self.output)
            folder = _output_folder(self.output)
            try:
                fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            except OSError as exc:
                raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
            try:
                self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
            except BaseException:  # Ctrl-C here: __exit__ will not run, so the temporary file goes now
                os.close(fd)
                os.unlink(self._tmp)
                raise
        return self

    def write(self, chunks: Iterable[Chunk]) -> None:
        for chunk in chunks:
            if isinstance(chunk, str):
                try:
                    (self._handle or sys.stdout).write(chunk)
                except OSError as exc:
                    if isinstance(exc, BrokenPipeError):
                        raise
                    raise OutputError(f"{self.output or '<stdout>'}: cannot write: {exc.strerror or exc}") from exc
            else:
                if self._console is None:
                    self._console = (Console(highlight=False) if self._handle is None else
                                     Console(file=self._handle, width=100, highlight=False, color_system=None))
                self._console.print(chunk)
        if self._handle is None:
            sys.stdout.flush()

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self._direct and self._handle is not None:
            try:
                self._handle.close()
            except OSError as err:
                raise OutputError(f"{self.output}: cannot write: {err.strerror or err}") from err
            return
        if self._handle is None or self._tmp is None:
            return
        try:
            self._handle.close()
            if exc_type is None:
                os.chmod(self._tmp, _file_mode(Path(self.output)))  # type: ignore[arg-type]
                os.replace(self._tmp, self.output)  # type: ignore[arg-type]
                self._tmp = None
        except OSError as err:
            raise OutputError(f"{self.output}: cannot write: {err.strerror or err}") from err
        finally:
            if self._tmp is not None:
                try:
                    os.unlink(self._tmp)
                except OSError:
                    pass


def _emit(content: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    write_atomic(output, content)


def _emit_rich(renderable: object, output: str | None) -> None:
    if output is None:
        Console(highlight=False).print(renderable)
        return
    console = Console(record=True, width=100, file=open(os.devnull, "w"), highlight=False)  # noqa: SIM115
    console.print(renderable)
    write_atomic(output, console.export_text())


def _is_special(output: str) -> bool:
    """An output that is written to directly, not renamed onto: a symbolic link (/dev/stdout; renaming would
    replace the link, not its target), or an existing entry that is neither a regular file nor a folder (a
    device such as /dev/null, a named pipe)."""
    if os.path.islink(output):
        return not os.path.isdir(output)
    return os.path.exists(output) and not os.path.isfile(output) and not os.path.isdir(output)


def _open_special(output: str) -> TextIO:
    try:
        return open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from exc


def _output_folder(output: str) -> Path:
    """The existing folder an output file goes into; OutputError when there is none, or when ``output`` names a
    folder ("out/") that does not exist (``--output DIR`` takes an existing folder)."""
    path = Path(output)
    if path.is_dir():
        raise OutputError(f"{output}: is a folder, expected a file name")
    if output.endswith(("/", os.sep)) or (os.altsep and output.endswith(os.altsep)):
        raise OutputError(f"{output}: no such folder (--output DIR needs an existing folder)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist")
    return folder


def _file_mode(path: Path) -> int:
    """The mode the output gets: that of the file it replaces, else what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path | str, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename it into place
    (a device or a named pipe is written to directly)."""
    if _is_special(str(path)):
        try:
            with _open_special(str(path)) as handle:
                handle.write(content)  # the buffered write may fail only at the flush when the block closes
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        return
    folder = _output_folder(str(path))
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.chmod(tmp, _file_mode(path))
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
