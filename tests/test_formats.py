"""Every output format: on stored timelines (fast, no spaCy) and on the seed article (model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from timeline.models import Timeline
from timeline.render import FORMATS, RenderOptions, render
from timeline.render.html_page import to_html

from tests.browser import load_page, screenshot
from tests.format_checks import CHECKS, check_markdown, html_data
from tests.paths import FIXTURES, SEED

CASES = yaml.safe_load((FIXTURES / "formats.yaml").read_text(encoding="utf-8"))
TEXT_FORMATS = sorted(CHECKS)


def _load(name: str) -> Timeline:
    return Timeline.model_validate_json((FIXTURES / "timelines" / name).read_text(encoding="utf-8"))


def _text(name: str, timelines: list[Timeline], options: RenderOptions | None = None) -> str:
    chunks = render(name, timelines, options)
    assert all(isinstance(c, str) for c in chunks)
    return "".join(str(c) for c in chunks)


def test_every_format_has_a_check() -> None:
    assert set(FORMATS) - {"table"} == set(CHECKS)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("name", CASES["single"])
def test_format_single(name: str, fmt: str) -> None:
    tl = _load(name)
    if fmt == "timeml" and not tl.times:
        pytest.skip("no times to write")
    CHECKS[fmt]([tl], _text(fmt, [tl]))


@pytest.mark.parametrize("fmt", CASES["many_formats"])
@pytest.mark.parametrize("names", CASES["many"], ids=lambda n: "+".join(n))
def test_format_many(names: list[str], fmt: str) -> None:
    tls = [_load(n) for n in names]
    CHECKS[fmt](tls, _text(fmt, tls, RenderOptions(many=True)))


@pytest.mark.parametrize("name", CASES["single"])
def test_markdown_show_all(name: str) -> None:
    tl = _load(name)
    check_markdown([tl], _text("markdown", [tl], RenderOptions(show_all=True)), show_all=True)


def test_table_renders_selected_entries() -> None:
    from rich.console import Console

    tl = _load(CASES["single"][0])
    (table,) = render("table", [tl])
    console = Console(record=True, width=120, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(table)
    assert table.row_count == sum(1 for e in tl.timeline if e.selected)
    assert "Timeline" in console.export_text()


# --- the seed article (trained pipeline) ----------------------------------------------------


@pytest.fixture(scope="module")
def seed_timeline(extractor) -> Timeline:  # type: ignore[no-untyped-def]
    return extractor.build(SEED.read_text(encoding="utf-8"), pub_date="2024-03-19", source=str(SEED))


@pytest.mark.model
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_seed_article_every_format(seed_timeline: Timeline, fmt: str) -> None:
    CHECKS[fmt]([seed_timeline], _text(fmt, [seed_timeline]))


@pytest.mark.model
def test_seed_headline_list_has_no_entries(seed_timeline: Timeline) -> None:
    tail = seed_timeline.text.index("Amazon and Google Launch")
    assert all(e.start < tail for e in seed_timeline.events)
    data = html_data(to_html([seed_timeline]))
    assert len(data["documents"][0]["entries"]) == len(seed_timeline.timeline)  # type: ignore[index]


# --- the html page in a real browser --------------------------------------------------------


def _browser_check(timelines: list[Timeline], tmp_path: Path) -> str:
    page = tmp_path / "timeline.html"
    page.write_text(to_html(timelines), encoding="utf-8")
    dom, console = load_page(page)
    assert console == [], f"console messages: {console}"
    assert 'data-rendered="yes"' in dom
    for n, tl in enumerate(timelines):
        for entry in tl.timeline:
            key = f"d{n}-{entry.event_id}"
            assert f'id="card-{key}"' in dom, f"entry {key} ({entry.display}) is not shown"
            if entry.selected and entry.sort_date is not None:
                assert dom.count(f'data-entry="{key}"') >= 2, f"entry {key} is not drawn on the axis"
    return dom


def test_html_page_in_chromium(tmp_path: Path) -> None:
    tls = [_load(n) for n in CASES["single"]]
    dom = _browser_check(tls, tmp_path)
    assert dom.count('class="span"') + dom.count('class="span" ') >= 1  # month/quarter/year grains as spans


@pytest.mark.model
def test_seed_html_page_in_chromium(seed_timeline: Timeline, tmp_path: Path) -> None:
    _browser_check([seed_timeline], tmp_path)
    png = tmp_path / "seed.png"
    screenshot(tmp_path / "timeline.html", png)
    assert png.exists() and png.stat().st_size > 10_000


def test_html_data_is_plain_json() -> None:
    tl = _load(CASES["single"][0])
    data = html_data(to_html([tl]))
    assert json.loads(json.dumps(data)) == data
