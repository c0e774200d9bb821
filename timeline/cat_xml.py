"""Reading CAT XML (the EventStoryLine / ECB+ format) as gold documents for ``timeline eval``.

A CAT XML file is ``<Document>`` with ``<token t_id=.. sentence=.. number=..>`` elements (the
tokenised text), then ``<Markables>`` (annotations anchored on tokens by ``<token_anchor
t_id=..>`` children) and ``<Relations>``. ``read_cat_xml`` turns it into the same
:class:`~timeline.timeml.GoldDocument` that ``read_timeml`` gives, so the TempEval-3
machinery of :mod:`timeline.evaluation` scores it unchanged.

Text. The tokens are joined back into plain text, one sentence per line, a space between
tokens except where English writing has none, so the tagger reads ``9:56 a.m.``,
``05/03/2013``, ``90-day``, ``Friday's``, ``(AP)``, ``"quoted"`` as they were printed: no
space before ``, . : ; ! ? ) ] } %`` and clitics (``'s``, ``n't``, ``'re`` ...); none after
``( [ { $ #`` and an opening quote (straight quotes alternate open/close within a sentence);
``:`` ``/`` ``.`` between two digit tokens and ``/`` or ``-`` between two alphanumeric
tokens are glued on both sides; letter-dot sequences (``a . m .``, ``U . S .``) are glued;
a sentence that starts with ``http``/``https`` ``:`` is a URL line and is written without
spaces. Every token keeps its exact characters, so each annotation's offsets are
``[start of its first token, end of its last token)``.

Times. ``TIME_DATE`` -> DATE, ``TIME_OF_THE_DAY`` -> TIME, ``TIME_DURATION`` -> DURATION,
``TIME_REPETITION`` -> SET. Only markables with token anchors are mentions (those without
are ECB+ cross-document instances and are skipped). The tid is ``t<m_id>``.

Policies:

* Publication date: the date part (``YYYY-MM-DD``) of the value of the markable flagged
  ``DCT="TRUE"``. ESC writes clock-time DCTs in UTC ("Apr 02, 2009 11:06 PM CEST" is
  ``2009-04-03T01:06Z``, "05/02/07, 9:00 PM PDT" is ``2007-05-03T04:00Z``) while the
  story's "today" is the local day: when the value ends in ``Z`` and the markable's own
  text parses (dateparser, English, with the value's day as the relative base) to a day
  at most one day away from the value's, that local day is the publication date (about
  25 documents of ESC 1.5). ``dct_value`` stays as written. A document without a
  DCT-flagged markable, or whose DCT value has no day, gets no publication date
  (``dct=None``) and is still scored (in ESC 1.5: 29 of 258 documents, 28 of them without
  a DCT markable). The day is read from the value's TimeML spelling (``2009-12-3T14:36Z`` is
  the 3rd, see ``normalise``), even when the gold values are read raw.
* The date line: when the DCT markable's sentence has at most ``DATELINE_MAX_EXTRA``
  tokens besides the markable ("Published : May 03 , 2013", "UPDATED : FRIDAY , MAY 3 ,
  2013 , 9 : 56 AM"), that sentence is the document's date line, the counterpart of
  TimeML's ``<DCT>``: it stays in the text (offsets and reading order unchanged) but its
  span is listed in ``GoldDocument.unscored``, so neither the gold markables in it nor
  the system times overlapping it are scored. A DCT-flagged markable inside a body
  sentence ("a naval officer said here Friday") is a mention like any other and is scored.
* Annotated sentences: ECB+ (and so ESC) annotates a selection of each document's sentences,
  not all of them, and does not list the selection. A sentence holding no anchored markable
  of any kind (time, action, participant, location ...) is taken as not annotated: it stays
  in the text but its span is in ``GoldDocument.unscored``, so system times there are not
  counted as false positives. (In ESC 1.5 this leaves out about 900 of the 1,600 times the
  tagger finds, nearly all of them real times in sentences the annotators did not read.)
* Empty values: markables whose ``value`` is empty (7 in ESC 1.5, e.g. "90 - day",
  "Overnight") are kept as gold with value ``""``: they count for span and type scores
  and, since no system value equals ``""``, as value errors (the TimeML reader does the
  same for an empty value).
* Gold conventions are read raw by default. ``normalise=True`` rewrites the spelling of
  values to TimeML's, exactly these four rewrites and nothing else (:func:`normalise_value`):
  ``PRES_REF`` -> ``PRESENT_REF``; a one-digit month or day is zero-padded (``2009-12-7``
  -> ``2009-12-07``, ``1979-2`` -> ``1979-02``); a decade ``193X`` -> ``193`` (TimeML
  1.2 writes a decade with three digits); a week ``2011W42`` -> ``2011-W42``. In
  particular ESC's clock times in UTC (``...T22:40Z`` for "5:40 p.m. ET") are left as they
  are and cannot be matched by a tagger that keeps local time as TimeBank does.

Events: ``ACTION_*`` and ``NEG_ACTION_*`` markables with anchors become gold events, the
class being the part after ``ACTION_`` (OCCURRENCE, STATE, REPORTING, ASPECTUAL,
PERCEPTION, CAUSATIVE, GENERIC), ``attrs["polarity"] == "NEG"`` for ``NEG_`` ones; ids
``e<m_id>``. TLINKs whose both ends are mentions (or the DCT) are kept, with their
``relType`` as written except ESC's ``CONTAINS``, which is TimeML's ``INCLUDES`` (the
source contains the target); ``BEGUN_ON``, ``ENDED_ON``, ``OVERLAP`` ... stay as written.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from timeline.errors import InputError
from timeline.timeml import GoldDocument, GoldEvent, GoldTimex, GoldTLink, _parse_dct_date, read_gold_bytes

__all__ = [
    "CAT_TIME_TYPES",
    "DATELINE_MAX_EXTRA",
    "detokenize",
    "is_cat_xml",
    "normalise_value",
    "parse_cat_xml",
    "read_cat_xml",
]

CAT_TIME_TYPES: dict[str, str] = {
    "TIME_DATE": "DATE",
    "TIME_OF_THE_DAY": "TIME",
    "TIME_DURATION": "DURATION",
    "TIME_REPETITION": "SET",
}
DATELINE_MAX_EXTRA = 15
"""A DCT markable whose sentence has at most this many other tokens sits on the date line."""

_GOLD_NORMALISATION = {"PRES_REF": "PRESENT_REF"}
_RELTYPES = {"CONTAINS": "INCLUDES"}
_ONE_DIGIT_MONTH = re.compile(r"^([0-9]{4})-([0-9])(?=$|-|T)")
_ONE_DIGIT_DAY = re.compile(r"^([0-9]{4}-[0-9]{2})-([0-9])(?=$|T)")
_DECADE_X = re.compile(r"^([0-9]{3})X$")
_WEEK_NO_DASH = re.compile(r"^([0-9]{4})W([0-9]{2})")


def normalise_value(value: str) -> str:
    """The TimeML spelling of an ESC value (see the module doc: four rewrites, nothing else)."""
    value = _GOLD_NORMALISATION.get(value, value)
    value = _ONE_DIGIT_MONTH.sub(r"\1-0\2", value)
    value = _ONE_DIGIT_DAY.sub(r"\1-0\2", value)
    value = _DECADE_X.sub(r"\1", value)
    return _WEEK_NO_DASH.sub(r"\1-W\2", value)


_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "”", "''", "...", "…"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#", "“", "``", "£", "€"})
_CLITICS = frozenset({"'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "’s", "n’t", "’re", "’ve", "’ll", "’d", "’m"})


def is_cat_xml(head: bytes | str) -> bool:
    """Whether the start of a file looks like CAT XML (a ``<Document`` root with ``<token t_id=``)."""
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    return bool(re.search(r"<Document\b", head)) and bool(re.search(r"<token\s+t_id\s*=", head))


def _glue(prev: str, tok: str, nxt: str | None, before_prev: str | None) -> bool:
    """True when ``tok`` is written right after ``prev`` without a space."""
    if tok in _NO_SPACE_BEFORE:
        return True
    if tok in _CLITICS or prev in _NO_SPACE_AFTER:
        return True
    if prev in (":", ".") and before_prev is not None and before_prev.isdigit() and tok[:1].isdigit():
        return True  # 9:56, 6.30am, 2012.08.08
    if tok in ("/", "-") and prev[-1:].isalnum() and nxt is not None and nxt[:1].isalnum():
        return True
    if prev in ("/", "-") and before_prev is not None and before_prev[-1:].isalnum() and tok[:1].isalnum():
        return True
    if prev == "." and len(tok) == 1 and tok.isalpha() and before_prev is not None and len(before_prev) == 1 \
            and before_prev.isalpha():
        return True  # a.m., U.S.
    return False


def detokenize(tokens: list[str]) -> tuple[str, list[int]]:
    """One sentence's tokens as text, and the start offset of each token in it (see the module doc)."""
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    url = len(tokens) > 1 and tokens[0].lower() in ("http", "https") and tokens[1] == ":"
    open_quote = False  # straight quotes alternate: opening, closing, ...
    for i, tok in enumerate(tokens):
        if i > 0:
            prev = tokens[i - 1]
            if url:
                glue = True
            elif tok == '"':
                glue = open_quote or prev in _NO_SPACE_AFTER  # a closing quote hugs the word before it
            elif prev == '"' and open_quote:
                glue = True  # an opening quote hugs the word after it
            else:
                glue = _glue(prev, tok, tokens[i + 1] if i + 1 < len(tokens) else None,
                             tokens[i - 2] if i > 1 else None)
            if not glue:
                parts.append(" ")
                pos += 1
        if tok == '"':
            open_quote = not open_quote
        starts.append(pos)
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), starts


def _local_day(written: str, utc_day: dt.date) -> dt.date:
    """The day a DCT markable's text names ("Apr 02, 2009 11:06 PM CEST"), if within a day of its UTC value's day."""
    import dateparser  # only for UTC DCTs; slow to import

    try:
        parsed = dateparser.parse(
            written, languages=["en"],
            settings={"RELATIVE_BASE": dt.datetime(utc_day.year, utc_day.month, utc_day.day),
                      "RETURN_AS_TIMEZONE_AWARE": False},
        )
    except (ValueError, OverflowError, TypeError):
        return utc_day
    if parsed is None or abs((parsed.date() - utc_day).days) > 1:
        return utc_day
    return parsed.date()


def read_cat_xml(path: Path | str, *, normalise: bool = False) -> GoldDocument:
    """Read a CAT XML file. Raises InputError when it is missing, unreadable or not CAT XML."""
    p = Path(path)
    data = read_gold_bytes(p, "CAT XML")
    doc_id = p.name.split(".", 1)[0]
    return parse_cat_xml(data, doc_id=doc_id, path=str(p), normalise=normalise)


def parse_cat_xml(
    source: bytes | str, *, doc_id: str | None = None, path: str | None = None, normalise: bool = False
) -> GoldDocument:
    """Parse CAT XML from bytes or a string (see :func:`read_cat_xml`)."""
    where = path or doc_id or "<string>"
    try:
        root = ET.fromstring(source.encode("utf-8") if isinstance(source, str) else source)
    except ET.ParseError as exc:
        raise InputError(f"{where}: not well-formed XML: {exc}") from exc
    if root.tag != "Document" or root.find("token") is None:
        raise InputError(f"{where}: not a CAT XML document (no <Document> with <token> elements)")

    # ---- text: one sentence per line
    sentences: dict[str, list[tuple[str, str]]] = {}
    for tok in root.iter("token"):
        tid = tok.get("t_id")
        if tid is None:
            continue
        sentences.setdefault(tok.get("sentence", ""), []).append((tid, tok.text or ""))
    span_of: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    sentence_spans: list[tuple[int, int]] = []
    sentence_tokens: list[list[str]] = []
    lines: list[str] = []
    offset = 0
    for n, toks in enumerate(sentences.values()):
        line, starts = detokenize([t for _, t in toks])
        for (tid, t), s in zip(toks, starts, strict=True):
            span_of[tid] = (offset + s, offset + s + len(t))
            sentence_of[tid] = n
        sentence_spans.append((offset, offset + len(line)))
        sentence_tokens.append([tid for tid, _ in toks])
        lines.append(line)
        offset += len(line) + 1
    text = "\n".join(lines) + ("\n" if lines else "")

    # ---- markables
    timexes: list[GoldTimex] = []
    events: list[GoldEvent] = []
    kinds: dict[str, str] = {}  # m_id -> "time" / "event" (mentions only)
    dct_timex: GoldTimex | None = None
    dct_anchor: list[str] = []
    annotated: set[int] = set()  # sentences holding at least one anchored markable of any kind
    markables = root.find("Markables")
    for el in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in el.findall("token_anchor")]
        anchors = [a for a in anchors if a in span_of]
        if not anchors:
            continue
        annotated.update(sentence_of[a] for a in anchors)
        m_id = el.get("m_id", "")
        start = min(span_of[a][0] for a in anchors)
        end = max(span_of[a][1] for a in anchors)
        attrs = {k: v for k, v in el.attrib.items()}
        if el.tag in CAT_TIME_TYPES:
            value = (el.get("value") or "").strip()
            if normalise:
                value = normalise_value(value)
            timex = GoldTimex(
                tid=f"t{m_id}", start=start, end=end, text=text[start:end], type=CAT_TIME_TYPES[el.tag],
                value=value, anchor_time_id=f"t{el.get('anchorTimeID')}" if el.get("anchorTimeID") else None,
                function_in_document="CREATION_TIME" if el.get("DCT", "").upper() == "TRUE" else None,
                attrs=attrs,
            )
            kinds[m_id] = "time"
            if el.get("DCT", "").upper() == "TRUE" and dct_timex is None:
                dct_timex, dct_anchor = timex, anchors
            timexes.append(timex)
        elif el.tag.startswith(("ACTION_", "NEG_ACTION_")):
            cls = el.tag.split("ACTION_", 1)[1]
            if el.tag.startswith("NEG_"):
                attrs["polarity"] = "NEG"
            events.append(GoldEvent(eid=f"e{m_id}", start=start, end=end, text=text[start:end],
                                    event_class=cls, attrs=attrs))
            kinds[m_id] = "event"

    # ---- sentences left out of scoring: the date line, and sentences nobody annotated
    dateline: int | None = None
    if dct_timex is not None:
        n = sentence_of[dct_anchor[0]]
        if len(sentence_tokens[n]) - len(set(dct_anchor)) <= DATELINE_MAX_EXTRA:
            dateline = n
    unscored = [span for n, span in enumerate(sentence_spans) if n == dateline or n not in annotated]
    if unscored:
        timexes = [t for t in timexes if not any(t.start < e and s < t.end for s, e in unscored)]
        events = [ev for ev in events if not any(ev.start < e and s < ev.end for s, e in unscored)]
    timexes.sort(key=lambda t: (t.start, -t.end))
    events.sort(key=lambda e: (e.start, -e.end))

    # ---- TLINKs between mentions
    tlinks: list[GoldTLink] = []
    relations = root.find("Relations")
    for link in relations.iter("TLINK") if relations is not None else []:
        src, tgt = link.find("source"), link.find("target")
        if src is None or tgt is None:
            continue
        s_id, t_id = src.get("m_id", ""), tgt.get("m_id", "")
        if s_id not in kinds or t_id not in kinds:
            continue
        s_kind, t_kind = kinds[s_id], kinds[t_id]
        tlinks.append(GoldTLink(
            lid=f"l{link.get('r_id', '')}", rel_type=_RELTYPES.get(rel := (link.get("relType") or "").upper(), rel),
            source=("t" if s_kind == "time" else "e") + s_id, source_kind=s_kind,  # type: ignore[arg-type]
            target=("t" if t_kind == "time" else "e") + t_id, target_kind=t_kind,  # type: ignore[arg-type]
            attrs=dict(link.attrib),
        ))

    dct_value = dct_timex.value if dct_timex is not None else None
    dct = _parse_dct_date(normalise_value(dct_value)) if dct_value is not None else None  # '2009-12-3T14:36Z' too
    if dct is not None and dct_value is not None and dct_value.endswith("Z") and dct_timex is not None:
        dct = _local_day(dct_timex.text, dct)
    return GoldDocument(
        doc_id=doc_id or root.get("doc_name", "") or "",
        path=path,
        dct=dct,
        dct_value=dct_value,
        dct_tid=dct_timex.tid if dct_timex is not None else None,
        text=text,
        timexes=timexes,
        events=events,
        instances={},
        tlinks=tlinks,
        unscored=unscored,
    )
