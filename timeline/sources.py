"""What the user points at, as a list of documents: files, '-', directories, globs, JSONL manifests.

:func:`collect_sources` only lists documents (cheap, in input order); :func:`load_article` reads
one (in a worker process when there are several). A manifest line that cannot be used becomes a
source that fails when loaded, so one bad record is reported and skipped, not fatal.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .document import Article, body_regions, parse_pub_date, read_path
from .errors import InputError
from .html_input import extract_text, looks_like_html, metadata_date
from .pubdate import find_text_dates

Kind = Literal["auto", "text", "html", "timeml"]

#: suffixes taken from a directory or glob, and how each is read
SUFFIX_KIND: dict[str, Kind] = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
                                ".xhtml": "html", ".tml": "timeml"}
MANIFEST_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Source:
    """One document to process. ``text`` is set for stdin and inline manifest records."""

    id: str
    kind: Kind = "auto"
    path: str | None = None
    text: str | None = None
    pub_date: str | None = None  # a manifest's pub_date (document metadata)
    error: str | None = None  # a manifest record that cannot be used: fails when loaded


def collect_sources(inputs: list[str], *, stdin_text: str | None = None) -> list[Source]:
    """Every document named by ``inputs`` (paths, '-', directories, globs, .jsonl manifests), in order."""
    out: list[Source] = []
    for item in inputs:
        if item == "-":
            if stdin_text is None:
                raise InputError("-: standard input is not available")
            out.append(Source(id="<stdin>", text=stdin_text))
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIX_KIND)
            if not found:
                raise InputError(f"{path}: no .txt, .html or .tml files in this directory")
            out.extend(Source(id=str(p), kind=SUFFIX_KIND[p.suffix.lower()], path=str(p)) for p in found)
        elif path.is_file() and path.suffix.lower() in MANIFEST_SUFFIXES:
            out.extend(read_manifest(path))
        elif path.exists() or not (_GLOB_CHARS & set(item)):
            if not path.exists():
                raise InputError(f"{path}: no such file")
            out.append(Source(id=str(path), kind=SUFFIX_KIND.get(path.suffix.lower(), "auto"), path=str(path)))
        else:
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                raise InputError(f"{item}: no file matches this pattern")
            out.extend(Source(id=str(p), kind=SUFFIX_KIND.get(p.suffix.lower(), "auto"), path=str(p)) for p in files)
    return out


def read_manifest(path: Path) -> list[Source]:
    """A JSONL manifest: one ``{"id", "text" or "path", "pub_date"}`` object a line (paths relative to it)."""
    text = read_path(path)
    out: list[Source] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Source(id=where, error=f"not a JSON object: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            out.append(Source(id=where, error="not a JSON object"))
            continue
        doc_id = str(record.get("id") or where)
        pub = record.get("pub_date")
        pub_text = None if pub in (None, "") else str(pub)
        if isinstance(record.get("text"), str):
            out.append(Source(id=doc_id, text=record["text"], pub_date=pub_text))
        elif isinstance(record.get("path"), str):
            target = Path(record["path"])
            if not target.is_absolute():
                target = path.parent / target
            out.append(Source(id=doc_id, kind=SUFFIX_KIND.get(target.suffix.lower(), "auto"), path=str(target),
                              pub_date=pub_text))
        else:
            out.append(Source(id=doc_id, error=f"{where}: a record needs \"text\" or \"path\""))
    if not out:
        raise InputError(f"{path}: the manifest has no records")
    return out


def read_source(source: Source) -> tuple[str, dt.date | None, str]:
    """One document's text (a web page's main text, a TimeML file's TEXT), the date its metadata gives (a
    manifest's pub_date, the page's metadata, the TimeML DCT) and that metadata's name."""
    if source.error:
        raise InputError(source.error)
    name = source.path or source.id
    metadata = parse_pub_date(source.pub_date) if source.pub_date else None
    metadata_name = "manifest" if source.pub_date else "metadata"
    if source.kind == "timeml":
        from .timeml import read_timeml

        gold = read_timeml(name)
        text = gold.text
        if metadata is None and gold.dct is not None:
            metadata, metadata_name = gold.dct, "TimeML DCT"
    else:
        text = source.text if source.text is not None else read_path(name)
        if source.kind == "html" or (source.kind == "auto" and looks_like_html(text)):
            page_date = metadata_date(text)
            text = extract_text(text, name)
            if metadata is None and page_date is not None:
                metadata, metadata_name = page_date, "page metadata"
    return text, metadata, metadata_name


def load_article(source: Source) -> Article:
    """Read one document: its text, the date its metadata gives, the dates its text states, its body."""
    text, metadata, metadata_name = read_source(source)
    finding = find_text_dates(text)
    return Article(
        text=text,
        source=source.id,
        metadata_date=metadata,
        metadata_name=metadata_name,
        regions=body_regions(text, drop=finding.drop_spans()),
        text_dates=finding,
    )

