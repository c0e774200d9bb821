"""Saved web pages: the article's main text (trafilatura) and its publication date from the page
metadata (htmldate: meta tags, JSON-LD, the canonical URL). The date is looked up between fixed
bounds, so the result never depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from .errors import InputError

#: htmldate's defaults compare against today's date; fixed bounds keep the result reproducible
MIN_DATE = "1900-01-01"
MAX_DATE = "2199-12-31"

_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True for a document that starts like a web page (doctype or <html>)."""
    return bool(_HTML_START.match(text[:4096]))


def extract_text(html: str, source: str = "<html>") -> str:
    """The main text of a page, paragraphs on their own lines; InputError when there is none."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
        favor_precision=True,
    )
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in this web page")
    return text.strip("\n") + "\n"


def metadata_date(html: str) -> dt.date | None:
    """The publication date the page's metadata gives (not the text's), or None."""
    import htmldate

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d",
                                   min_date=MIN_DATE, max_date=MAX_DATE)
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        return None
