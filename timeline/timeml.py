"""Reading and writing TimeML 1.2.1 (TempEval-3 ``.tml`` files).

``read_timeml`` turns an annotated file into a :class:`GoldDocument`: the plain text of
``<TEXT>`` (tags removed, XML entities unescaped, line ends normalised as XML does: ``\\r\\n``
and lone ``\\r`` become ``\\n``) and the TIMEX3, EVENT, MAKEINSTANCE and TLINK annotations with
character offsets into that text (``text[start:end] == item.text``).

The reader is a small lenient scanner rather than an XML parser, so it also reads files that
are not well-formed XML (stray ``&``, unbalanced tags), any attribute order, nested tags and
SIGNAL or other tags inside ``<TEXT>``; everything that is not a tag is text. Only TIMEX3 and
EVENT tags inside ``<TEXT>`` are annotations of the text (TimeBank puts a few EVENTs in
``<EXTRAINFO>``: they are skipped). The DCT is the TIMEX3 inside ``<DCT>`` (else any TIMEX3
with functionInDocument="CREATION_TIME"). TLINK ends that name an event instance are resolved
to the event's ``eid`` through MAKEINSTANCE (kept as written when there is no MAKEINSTANCE).

``gold_to_timeline`` turns a gold document into a Timeline (an oracle system for the evaluator).

``to_timeml`` writes a pipeline :class:`~timeline.models.Timeline` as TimeML that
``read_timeml`` reads back with the identical text and offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from timeline.errors import InputError
from timeline.models import (
    AnchorKind,
    DocumentInfo,
    Event,
    EventClass,
    Factuality,
    PipelineInfo,
    Relation,
    TimeExpression,
    Timeline,
    TimelineEntry,
    TimexType,
)

__all__ = [
    "GoldDocument",
    "GoldEvent",
    "GoldInstance",
    "GoldTimex",
    "GoldTLink",
    "ANCHORING_RELTYPES",
    "RELATION_TO_RELTYPE",
    "event_time_links",
    "gold_to_timeline",
    "read_timeml",
    "parse_timeml",
    "to_timeml",
]

# --------------------------------------------------------------------------- models


class GoldTimex(BaseModel):
    """A TIMEX3 annotated inside ``<TEXT>`` (or the DCT, which has no offsets into the text)."""

    model_config = ConfigDict(frozen=True)

    tid: str
    start: int
    end: int
    text: str
    type: str = Field(description="DATE, TIME, DURATION, SET (as annotated; may be empty)")
    value: str = ""
    mod: str | None = None
    anchor_time_id: str | None = None
    temporal_function: bool | None = None
    function_in_document: str | None = None
    quant: str | None = None
    freq: str | None = None
    attrs: dict[str, str] = Field(default_factory=dict, description="every attribute as written")


class GoldEvent(BaseModel):
    """An EVENT annotated inside ``<TEXT>``."""

    model_config = ConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True)

    eid: str
    start: int
    end: int
    text: str
    event_class: str = Field(default="", alias="class")
    attrs: dict[str, str] = Field(default_factory=dict)


class GoldInstance(BaseModel):
    """A MAKEINSTANCE: an instance of an event, carrying its grammatical attributes."""

    model_config = ConfigDict(frozen=True)

    eiid: str
    event_id: str
    tense: str | None = None
    aspect: str | None = None
    polarity: str | None = None
    modality: str | None = None
    pos: str | None = None
    attrs: dict[str, str] = Field(default_factory=dict)


class GoldTLink(BaseModel):
    """A TLINK with both ends resolved: events by their ``eid`` (via MAKEINSTANCE), times by ``tid``."""

    model_config = ConfigDict(frozen=True)

    lid: str
    rel_type: str
    source: str = Field(description="eid of the source event, or tid of the source time")
    source_kind: Literal["event", "time"]
    target: str = Field(description="eid of the target event, or tid of the target time")
    target_kind: Literal["event", "time"]
    source_instance: str | None = Field(default=None, description="the eiid as written, for event sources")
    target_instance: str | None = Field(default=None, description="the eiid as written, for event targets")
    attrs: dict[str, str] = Field(default_factory=dict)


class GoldDocument(BaseModel):
    """One annotated TimeML document."""

    doc_id: str
    path: str | None = None
    dct: dt.date | None = Field(description="the document creation time as a date (None when absent or not a day)")
    dct_value: str | None = Field(default=None, description="the DCT TIMEX3 value as written")
    dct_tid: str | None = Field(default=None, description="tid of the DCT TIMEX3 (usually t0)")
    text: str = Field(description="content of <TEXT> without tags: every offset points into it")
    timexes: list[GoldTimex]
    events: list[GoldEvent]
    instances: dict[str, GoldInstance] = Field(description="MAKEINSTANCE by eiid")
    tlinks: list[GoldTLink]
    unscored: list[tuple[int, int]] = Field(
        default_factory=list,
        description="text spans left out of scoring (e.g. a CAT XML date line, the counterpart of TimeML's <DCT>): "
        "gold items there are not listed and system items overlapping them are not scored",
    )

    def timex_by_id(self) -> dict[str, GoldTimex]:
        return {t.tid: t for t in self.timexes}

    def event_by_id(self) -> dict[str, GoldEvent]:
        return {e.eid: e for e in self.events}

    def is_dct(self, tid: str) -> bool:
        return self.dct_tid is not None and tid == self.dct_tid


# --------------------------------------------------------------------------- scanner

_NAME = r"[A-Za-z_:][\w:.\-]*"
_ATTR_RE = re.compile(rf"({_NAME})\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TOKEN_RE = re.compile(
    r"<!--.*?-->"  # comment
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<\?.*?\?>"  # processing instruction / XML declaration
    r"|<!(?:[^>\[]|\[[^\]]*\])*>"  # DOCTYPE
    rf"|</\s*(?P<close>{_NAME})\s*>"
    rf"|<(?P<open>{_NAME})(?P<attrs>(?:\s+{_NAME}\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>",
    re.DOTALL,
)
_ENTITY_RE = re.compile(r"&(#[xX][0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _entity(m: re.Match[str]) -> str:
    ref = m.group(1)
    if ref.startswith(("#x", "#X")):
        code = int(ref[2:], 16)
    elif ref.startswith("#"):
        code = int(ref[1:])
    else:
        return _NAMED[ref]
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return m.group(0)


def _unescape(s: str) -> str:
    return _ENTITY_RE.sub(_entity, s) if "&" in s else s


def _attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR_RE.finditer(raw):
        value = m.group(2) if m.group(2) is not None else m.group(3)
        out[m.group(1)] = _unescape(value or "").strip()
    return out


@dataclass
class _Token:
    kind: Literal["text", "open", "close", "empty"]
    name: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    text: str = ""


def _tokens(source: str) -> Iterator[_Token]:
    pos = 0
    for m in _TOKEN_RE.finditer(source):
        if m.start() > pos:
            yield _Token("text", text=_unescape(source[pos : m.start()]))
        pos = m.end()
        if m.group("cdata") is not None:
            yield _Token("text", text=m.group("cdata"))
        elif m.group("close"):
            yield _Token("close", name=m.group("close"))
        elif m.group("open"):
            kind: Literal["open", "empty"] = "empty" if m.group("empty") else "open"
            yield _Token(kind, name=m.group("open"), attrs=_attrs(m.group("attrs") or ""))
        # comments, processing instructions and DOCTYPE produce nothing
    if pos < len(source):
        yield _Token("text", text=_unescape(source[pos:]))


# --------------------------------------------------------------------------- reader


@dataclass
class _Open:
    name: str
    attrs: dict[str, str]
    start: int  # offset into the TEXT string (only meaningful inside TEXT)
    in_text: bool
    chars: list[str] = field(default_factory=list)  # text content (used outside TEXT)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    m = re.match(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']", data)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    raise InputError(f"{where}: not UTF-8 text (and no usable XML encoding declaration)")


def _parse_dct_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _bool_attr(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() == "true"


def read_gold_bytes(p: Path, kind: str) -> bytes:
    """The bytes of a gold file; InputError (naming ``kind``, e.g. "TimeML") when it is missing or unreadable."""
    try:
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{p}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{p}: is a directory, not a {kind} file") from exc
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from exc


def read_timeml(path: Path | str) -> GoldDocument:
    """Read a TimeML file. Raises InputError when it is missing, not a file, undecodable or has no <TEXT>."""
    p = Path(path)
    data = read_gold_bytes(p, "TimeML")
    if b"\x00" in data[:4096]:
        raise InputError(f"{p}: binary file, not TimeML")
    return parse_timeml(_decode(data, str(p)), doc_id=p.stem, path=str(p))


def parse_timeml(source: str, *, doc_id: str | None = None, path: str | None = None) -> GoldDocument:
    """Parse TimeML from a string (see :func:`read_timeml`)."""
    where = path or doc_id or "<string>"
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if not re.search(r"<TEXT\b[^>]*>", source):
        raise InputError(f"{where}: no <TEXT> element: not a TimeML document")

    text_parts: list[str] = []
    text_len = 0
    in_text = False
    seen_text = False
    stack: list[_Open] = []
    timexes: list[GoldTimex] = []
    events: list[GoldEvent] = []
    instances: dict[str, GoldInstance] = {}
    raw_links: list[tuple[str, dict[str, str]]] = []
    docid: str | None = None
    dct_candidates: list[tuple[int, GoldTimex]] = []  # (priority, timex)

    def close(item: _Open) -> None:
        nonlocal docid
        name = item.name
        if item.in_text:
            start, end = item.start, text_len
            span = "".join(text_parts)[start:end] if name in ("TIMEX3", "EVENT") else ""
            if name == "TIMEX3":
                timexes.append(_timex(item.attrs, start, end, span))
            elif name == "EVENT":
                events.append(
                    GoldEvent(
                        eid=item.attrs.get("eid", ""),
                        start=start,
                        end=end,
                        text=span,
                        event_class=item.attrs.get("class", ""),
                        attrs=item.attrs,
                    )
                )
            return
        content = "".join(item.chars)
        if name == "DOCID" and docid is None and content.strip():
            docid = content.strip()
        elif name == "TIMEX3":
            inside_dct = any(o.name == "DCT" for o in stack)
            is_ct = item.attrs.get("functionInDocument", "").upper() == "CREATION_TIME"
            if inside_dct or is_ct:
                priority = 0 if inside_dct else 1
                dct_candidates.append((priority, _timex(item.attrs, -1, -1, content.strip())))

    for tok in _tokens(source):
        if tok.kind == "text":
            if in_text:
                text_parts.append(tok.text)
                text_len += len(tok.text)
            for o in stack:
                if not o.in_text:
                    o.chars.append(tok.text)
        elif tok.kind == "open" or tok.kind == "empty":
            if tok.name == "TEXT" and not in_text and not seen_text:
                if tok.kind == "open":
                    in_text = True
                    seen_text = True
                continue
            if tok.name in ("MAKEINSTANCE", "TLINK"):
                if tok.name == "MAKEINSTANCE":
                    inst = _instance(tok.attrs)
                    if inst.eiid:
                        instances[inst.eiid] = inst
                else:
                    raw_links.append((tok.name, tok.attrs))
                if tok.kind == "empty":
                    continue
            item = _Open(tok.name, tok.attrs, text_len, in_text)
            if tok.kind == "empty":
                stack.append(item)
                stack.pop()
                close(item)
            else:
                stack.append(item)
        else:  # close
            if tok.name == "TEXT" and in_text:
                # unclosed tags inside TEXT end here
                while stack and stack[-1].in_text:
                    close(stack.pop())
                in_text = False
                continue
            # pop to the matching open tag; a stray close tag is ignored
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].name == tok.name:
                    while len(stack) > i:
                        close(stack.pop())
                    break
    if in_text:
        raise InputError(f"{where}: <TEXT> is never closed: a truncated TimeML document")
    while stack:
        close(stack.pop())

    text = "".join(text_parts)
    timexes.sort(key=lambda t: (t.start, -t.end))
    events.sort(key=lambda e: (e.start, -e.end))

    dct_timex = min(dct_candidates, key=lambda c: c[0])[1] if dct_candidates else None
    dct_tid = dct_timex.tid if dct_timex else None
    dct_value = dct_timex.value if dct_timex else None
    if dct_tid is None:
        # a CREATION_TIME timex inside TEXT still tells us the DCT
        for t in timexes:
            if (t.function_in_document or "").upper() == "CREATION_TIME":
                dct_tid, dct_value = t.tid, t.value
                break

    tlinks = [link for _, attrs in raw_links if (link := _tlink(attrs, instances)) is not None]
    return GoldDocument(
        doc_id=docid or doc_id or "",
        path=path,
        dct=_parse_dct_date(dct_value),
        dct_value=dct_value,
        dct_tid=dct_tid,
        text=text,
        timexes=timexes,
        events=events,
        instances=instances,
        tlinks=tlinks,
    )


def _timex(attrs: dict[str, str], start: int, end: int, text: str) -> GoldTimex:
    return GoldTimex(
        tid=attrs.get("tid", ""),
        start=start,
        end=end,
        text=text,
        type=attrs.get("type", ""),
        value=attrs.get("value", ""),
        mod=attrs.get("mod") or None,
        anchor_time_id=attrs.get("anchorTimeID") or None,
        temporal_function=_bool_attr(attrs.get("temporalFunction")),
        function_in_document=attrs.get("functionInDocument") or None,
        quant=attrs.get("quant") or None,
        freq=attrs.get("freq") or None,
        attrs=attrs,
    )


def _instance(attrs: dict[str, str]) -> GoldInstance:
    return GoldInstance(
        eiid=attrs.get("eiid", ""),
        event_id=attrs.get("eventID", ""),
        tense=attrs.get("tense") or None,
        aspect=attrs.get("aspect") or None,
        polarity=attrs.get("polarity") or None,
        modality=attrs.get("modality") or None,
        pos=attrs.get("pos") or None,
        attrs=attrs,
    )


def _resolve_event(eiid: str, instances: dict[str, GoldInstance]) -> str:
    inst = instances.get(eiid)
    if inst is not None and inst.event_id:
        return inst.event_id
    return eiid  # some files link events by eid directly; keep what is written otherwise


def _tlink(attrs: dict[str, str], instances: dict[str, GoldInstance]) -> GoldTLink | None:
    rel = attrs.get("relType", "").upper()
    if "eventInstanceID" in attrs:
        src_inst: str | None = attrs["eventInstanceID"]
        source, source_kind = _resolve_event(attrs["eventInstanceID"], instances), "event"
    elif "timeID" in attrs:
        src_inst, source, source_kind = None, attrs["timeID"], "time"
    else:
        return None
    if "relatedToEventInstance" in attrs:
        tgt_inst: str | None = attrs["relatedToEventInstance"]
        target, target_kind = _resolve_event(attrs["relatedToEventInstance"], instances), "event"
    elif "relatedToTime" in attrs:
        tgt_inst, target, target_kind = None, attrs["relatedToTime"], "time"
    else:
        return None
    return GoldTLink(
        lid=attrs.get("lid", ""),
        rel_type=rel,
        source=source,
        source_kind=source_kind,  # type: ignore[arg-type]
        target=target,
        target_kind=target_kind,  # type: ignore[arg-type]
        source_instance=src_inst,
        target_instance=tgt_inst,
        attrs=attrs,
    )


# --------------------------------------------------------------------------- writer

RELATION_TO_RELTYPE: dict[Relation, str] = {
    Relation.ON: "IS_INCLUDED",
    Relation.BEFORE: "BEFORE",
    Relation.AFTER: "AFTER",
    Relation.FROM: "BEGUN_BY",  # the event starts at the time
    Relation.UNTIL: "ENDED_BY",  # the event ends at / by the time
    Relation.DURING: "DURING",
}

_POS = {"VERB": "VERB", "NOUN": "NOUN", "ADJ": "ADJECTIVE", "ADP": "PREPOSITION"}


def _esc_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_attr(s: str) -> str:
    return _esc_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _tag(name: str, attrs: dict[str, str | None], *, empty: bool = False) -> str:
    body = "".join(f' {k}="{_esc_attr(v)}"' for k, v in attrs.items() if v is not None)
    return f"<{name}{body}{' /' if empty else ''}>"


@dataclass
class _Span:
    start: int
    end: int
    open_tag: str
    name: str
    priority: int  # lower wins when two spans cross
    ident: str = ""


def _nestable(spans: list[_Span]) -> list[_Span]:
    """Keep the spans that nest properly (XML cannot express crossing spans); times win over events."""
    kept: list[_Span] = []
    for s in sorted(spans, key=lambda s: (s.priority, s.start, -s.end)):
        if s.end < s.start:
            continue
        crosses = any(
            (k.start < s.start < k.end < s.end) or (s.start < k.start < s.end < k.end) for k in kept
        )
        if not crosses:
            kept.append(s)
    return kept


def _inline(text: str, spans: list[_Span]) -> str:
    opens: dict[int, list[_Span]] = {}
    closes: dict[int, list[_Span]] = {}
    for s in spans:
        opens.setdefault(s.start, []).append(s)
        closes.setdefault(s.end, []).append(s)
    out: list[str] = []
    for i in range(len(text) + 1):
        # close inner (later-starting / shorter) spans first
        for s in sorted(closes.get(i, []), key=lambda s: (-s.start, s.priority)):
            if s.start != s.end:
                out.append(f"</{s.name}>")
        # open outer (longer) spans first
        for s in sorted(opens.get(i, []), key=lambda s: (-s.end, s.priority)):
            out.append(s.open_tag)
            if s.start == s.end:
                out.append(f"</{s.name}>")
        if i < len(text):
            ch = text[i]
            out.append("&#13;" if ch == "\r" else _esc_text(ch))
    return "".join(out)


def _fresh(prefix: str, taken: set[str]) -> str:
    n = 0
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def to_timeml(timeline: Timeline, *, doc_id: str | None = None) -> str:
    """Write a Timeline as TimeML 1.2.1 (inline TIMEX3/EVENT in <TEXT>, then MAKEINSTANCE and TLINK).

    The DCT is written as ``<TIMEX3 tid="t0" ... functionInDocument="CREATION_TIME">`` when the
    publication date is known; timeline entries become TLINKs (see ``RELATION_TO_RELTYPE``;
    pub-date anchors point at the DCT). Elements whose spans cross another element's span
    cannot be written as XML and are left out (times are kept over events).
    """
    text = timeline.text
    name = doc_id or (Path(timeline.document.source).stem if timeline.document.source else "document")
    time_ids = {t.id for t in timeline.times}
    dct_tid = "t0" if "t0" not in time_ids else _fresh("tdct", time_ids)
    pub = timeline.document.pub_date

    spans: list[_Span] = []
    for t in timeline.times:
        attrs: dict[str, str | None] = {
            "tid": t.id,
            "type": str(t.type),
            "value": t.value,
            "mod": t.mod,
            "quant": t.quant,
            "freq": t.freq,
            "temporalFunction": "true" if t.anchor else "false",
            "functionInDocument": "NONE",
        }
        if t.anchor:
            attrs["anchorTimeID"] = dct_tid if t.anchor == "pub_date" else t.anchor
        if t.anchor == "pub_date" and pub is None:
            attrs.pop("anchorTimeID")
        spans.append(_Span(t.start, t.end, _tag("TIMEX3", attrs), "TIMEX3", 0, t.id))
    eiids: dict[str, str] = {}
    taken: set[str] = set()
    for e in timeline.events:
        spans.append(_Span(e.start, e.end, _tag("EVENT", {"eid": e.id, "class": str(e.event_class)}), "EVENT", 1, e.id))
        m = re.fullmatch(r"e(\d+)", e.id)
        eiid = f"ei{m.group(1)}" if m else f"ei_{e.id}"
        while eiid in taken:
            eiid += "_"
        taken.add(eiid)
        eiids[e.id] = eiid
    kept = _nestable(spans)
    written_tids = {s.ident for s in kept if s.name == "TIMEX3"}
    written_eids = {s.ident for s in kept if s.name == "EVENT"}

    lines = [
        '<?xml version="1.0" ?>',
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">',
        "",
        f"<DOCID>{_esc_text(name)}</DOCID>",
        "",
    ]
    if pub is not None:
        dct_attrs: dict[str, str | None] = {
            "tid": dct_tid,
            "type": "DATE",
            "value": pub.isoformat(),
            "temporalFunction": "false",
            "functionInDocument": "CREATION_TIME",
        }
        lines += [f"<DCT>{_tag('TIMEX3', dct_attrs)}{pub.isoformat()}</TIMEX3></DCT>", ""]
    lines += [f"<TEXT>{_inline(text, kept)}</TEXT>", ""]

    for e in timeline.events:
        if e.id not in written_eids:
            continue
        lines.append(
            _tag(
                "MAKEINSTANCE",
                {
                    "eiid": eiids[e.id],
                    "eventID": e.id,
                    "tense": e.tense,
                    "aspect": e.aspect,
                    "polarity": e.polarity,
                    "modality": e.modality,
                    "pos": _POS.get(e.pos, "OTHER"),
                },
                empty=True,
            )
        )
    n = 0
    for entry in timeline.timeline:
        if entry.event_id not in written_eids:
            continue
        if entry.anchor == AnchorKind.TIME and entry.time_id in written_tids:
            target = entry.time_id
        elif entry.anchor == AnchorKind.PUB_DATE and pub is not None:
            target = dct_tid
        else:
            continue
        n += 1
        lines.append(
            _tag(
                "TLINK",
                {
                    "lid": f"l{n}",
                    "relType": RELATION_TO_RELTYPE[Relation(entry.relation)],
                    "eventInstanceID": eiids[entry.event_id],
                    "relatedToTime": target,
                },
                empty=True,
            )
        )
    lines += ["", "</TimeML>", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- gold as a Timeline

ANCHORING_RELTYPES: frozenset[str] = frozenset(
    {"IS_INCLUDED", "INCLUDES", "SIMULTANEOUS", "DURING", "DURING_INV", "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY", "IDENTITY"}
)
"""TLINK relTypes that tie an event to a time by inclusion or simultaneity (an anchor)."""

_INVERSE = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
    "SIMULTANEOUS": "SIMULTANEOUS",
    "IDENTITY": "IDENTITY",
}

_RELTYPE_TO_RELATION = {
    "IS_INCLUDED": Relation.ON,
    "INCLUDES": Relation.ON,
    "SIMULTANEOUS": Relation.ON,
    "IDENTITY": Relation.ON,
    "DURING": Relation.DURING,
    "DURING_INV": Relation.ON,
    "BEGUN_BY": Relation.FROM,
    "BEGINS": Relation.UNTIL,  # the event begins the time: it is over when the time starts
    "ENDED_BY": Relation.UNTIL,
    "ENDS": Relation.UNTIL,
    "BEFORE": Relation.BEFORE,
    "IBEFORE": Relation.BEFORE,
    "AFTER": Relation.AFTER,
    "IAFTER": Relation.AFTER,
}


def event_time_links(doc: GoldDocument) -> dict[str, list[tuple[str, str]]]:
    """Every event-time TLINK seen from the event: eid -> [(relType with the event as source, tid)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for link in doc.tlinks:
        if link.source_kind == "event" and link.target_kind == "time":
            out.setdefault(link.source, []).append((link.rel_type, link.target))
        elif link.source_kind == "time" and link.target_kind == "event":
            out.setdefault(link.target, []).append((_INVERSE.get(link.rel_type, link.rel_type), link.source))
    return out


def _timex_type(value: str) -> TimexType:
    try:
        return TimexType(value.upper())
    except ValueError:
        return TimexType.DATE


def _event_class(value: str) -> EventClass:
    try:
        return EventClass(value.upper())
    except ValueError:
        return EventClass.OCCURRENCE


_GOLD_POS = {"VERB": "VERB", "NOUN": "NOUN", "ADJECTIVE": "ADJ"}


def gold_to_timeline(doc: GoldDocument) -> Timeline:
    """The gold annotation as a pipeline Timeline (an oracle system for testing the evaluator).

    Each event gets one entry: its first inclusion/simultaneity link to a TIMEX3 in the text,
    else to the DCT (a pub-date anchor), else its first BEFORE/AFTER link, else no anchor.
    """
    tx = doc.timex_by_id()
    times = [
        TimeExpression(
            id=t.tid,
            start=t.start,
            end=t.end,
            text=t.text,
            type=_timex_type(t.type),
            value=t.value,
            mod=t.mod,
            quant=t.quant,
            freq=t.freq,
            rule="gold",
        )
        for t in doc.timexes
    ]
    by_event: dict[str, GoldInstance] = {}
    for inst in doc.instances.values():
        by_event.setdefault(inst.event_id, inst)
    events: list[Event] = []
    for e in doc.events:
        inst = by_event.get(e.eid)
        written = inst.polarity if inst is not None else e.attrs.get("polarity")  # CAT XML: on the markable
        polarity = "NEG" if (written or "").upper() == "NEG" else "POS"
        events.append(
            Event(
                id=e.eid,
                start=e.start,
                end=e.end,
                text=e.text,
                lemma=e.text.lower(),
                pos=_GOLD_POS.get((inst.pos or "") if inst else "", "OTHER"),
                description=e.text,
                sentence_start=e.start,
                sentence_end=e.end,
                factuality=Factuality.NEGATED if polarity == "NEG" else Factuality.HAPPENED,
                event_class=_event_class(e.event_class),
                tense=(inst.tense if inst and inst.tense else "NONE"),
                aspect=(inst.aspect if inst and inst.aspect else "NONE"),
                polarity=polarity,
                modality=inst.modality if inst else None,
                rule="gold",
            )
        )
    links = event_time_links(doc)
    dct_value = doc.dct.isoformat() if doc.dct else doc.dct_value
    entries: list[TimelineEntry] = []
    for e in doc.events:
        mine = links.get(e.eid, [])
        ranked = (
            [(r, t) for r, t in mine if r in ANCHORING_RELTYPES and t in tx and not doc.is_dct(t)]
            + [(r, t) for r, t in mine if r in ANCHORING_RELTYPES and doc.is_dct(t)]
            + [(r, t) for r, t in mine if r in _RELTYPE_TO_RELATION and (t in tx or doc.is_dct(t))]
        )
        if ranked:
            rel, tid = ranked[0]
            is_dct = doc.is_dct(tid)
            value = dct_value if is_dct else tx[tid].value
            entries.append(
                TimelineEntry(
                    event_id=e.eid,
                    time_id=None if is_dct else tid,
                    anchor=AnchorKind.PUB_DATE if is_dct else AnchorKind.TIME,
                    relation=_RELTYPE_TO_RELATION[rel],
                    value=value,
                    sort_date=None,
                    display=value or "",
                    evidence=None,
                    selected=not is_dct,
                    rule=f"gold:{rel}",
                )
            )
        else:
            entries.append(
                TimelineEntry(
                    event_id=e.eid,
                    time_id=None,
                    anchor=AnchorKind.NONE,
                    relation=Relation.ON,
                    value=None,
                    sort_date=None,
                    display="",
                    evidence=None,
                    selected=False,
                    rule="gold:none",
                )
            )
    return Timeline(
        document=DocumentInfo(
            source=doc.path or doc.doc_id,
            pub_date=doc.dct,
            pub_date_source="metadata" if doc.dct else "none",
            length=len(doc.text),
        ),
        pipeline=PipelineInfo(spacy_model="gold", degraded=False, version="gold"),
        text=doc.text,
        times=times,
        events=events,
        timeline=entries,
    )
