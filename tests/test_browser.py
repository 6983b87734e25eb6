"""What a person sees, in a real browser: Debian's headless Chromium driven by Playwright.

Reports of the seeds open from disk with every claim highlighted, the record's charts and
the map drawn, and no request leaving the file; every page of the web app loads, shows its
content and keeps a hostile article's markup as text. Screenshots go to tests/screenshots/
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def browser_context() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent: run .ci/install-browser (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    profile = tempfile.mkdtemp(prefix="bilan-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 900},
            )
            yield context
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context: object) -> Iterator[object]:
    page = browser_context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # A script refused by the Content-Security-Policy only shows as a console error.
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    page.close()


# ---- reports of the seeds ------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_reports(seeds_dir: Path, reference_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, object]]:
    from bilan.pipeline import analyse
    from bilan.reading import read_path
    from bilan.record import load_record
    from bilan.rendering.report import write_report

    record = load_record(reference_dir)
    out = tmp_path_factory.mktemp("reports")
    reports = []
    for path in sorted(seeds_dir.glob("*.txt")):
        (document,) = read_path(path)
        analysis = analyse(document, record=record)
        target = out / f"{document.id}.html"
        write_report(analysis, target, record=record)
        reports.append((target, analysis))
    return reports


def test_seed_reports_show_every_claim_chart_and_map_offline(
    page: object, seed_reports: list[tuple[Path, object]], reference_dir: Path
) -> None:
    from bilan.record import GENERAL_STAFF, load_record

    record = load_record(reference_dir)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path, analysis in seed_reports:
        page.goto(path.as_uri())
        claims = analysis.claims
        marks = page.locator("mark.claim.first")
        assert marks.count() == len(claims), path.name
        for i in range(len(claims)):
            mark = page.locator(f"#claim-{i}")
            assert mark.is_visible(), f"{path.name}: claim {i} not visible"
            assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
        categories = {c.category for c in claims}
        charted = categories & set(record.series[GENERAL_STAFF].categories)
        assert page.locator("figure.chart").count() == len(categories), path.name
        for category in charted:
            box = page.locator(f'figure.chart[data-category="{category}"] svg').bounding_box()
            assert box and box["width"] > 400 and box["height"] > 250, (path.name, category)
        for category in categories - charted:  # says why there is no line (wounded, force...)
            assert page.locator(f'figure.chart[data-category="{category}"] .note').is_visible(), (path.name, category)
        places = [e for e in analysis.extras.get("entities", []) if e.type == "place" and e.lat is not None]
        if places:
            box = page.locator("figure.map svg").bounding_box()
            assert box and box["width"] > 400 and box["height"] > 300, path.name
            assert page.locator("figure.map svg circle").count() >= 1, path.name
        assert page.errors == [], page.errors
        page.screenshot(path=str(SCREENSHOTS / f"report-{path.stem}.png"), full_page=True)
    assert requests and all(url.startswith(("file:", "data:", "about:")) for url in requests), [
        u for u in requests if not u.startswith(("file:", "data:", "about:"))
    ]


def test_hovering_a_figure_shows_its_check_in_the_panel(page: object, seed_reports: list[tuple[Path, object]]) -> None:
    path, analysis = next((p, a) for p, a in seed_reports if any(c.check and c.check.explanation for c in a.claims))
    index, claim = next((i, c) for i, c in enumerate(analysis.claims) if c.check and c.check.explanation)
    page.goto(path.as_uri())
    page.locator(f"#claim-{index}").hover()
    panel = page.locator("#claim-panel")
    assert claim.check.explanation in panel.inner_text()
    assert claim.check.verdict in panel.inner_text()
    assert claim.check.explanation in page.locator(f"#claim-{index}").get_attribute("title")
    page.screenshot(path=str(SCREENSHOTS / "report-hover.png"))


def test_report_prints_without_the_screen_only_parts(page: object, seed_reports: list[tuple[Path, object]]) -> None:
    path, analysis = max(seed_reports, key=lambda item: len(item[1].claims))
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    assert not page.locator("#claim-panel").is_visible()
    assert not page.locator(".toggles").is_visible()
    assert page.locator("table.claims-table tbody tr").count() == len(analysis.claims)
    assert page.locator("mark.claim.first").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "report-print.png"), full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# ---- the web app ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    import uvicorn
    from test_web import build_corpus, calm_analysis, hostile_analysis

    from bilan.record import load_record
    from bilan.web import create_app

    database = tmp_path_factory.mktemp("browser") / "corpus.duckdb"
    ids = build_corpus(database, [calm_analysis(), hostile_analysis()])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(database, record=load_record(reference_dir))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    server.should_exit = True
    thread.join(timeout=10)


def _hostile(ids: dict[str, str]) -> str:
    return next(v for k, v in ids.items() if k.startswith("hostile"))


def test_every_page_loads_and_shows_its_content(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    calm = ids["calm"]
    expectations = {
        "/": ["The corpus", "Claims by verdict", "Le Quotidien", "matches"],
        "/search?q=kherson": ["1 article match", "Bilan de l'hiver à Kherson"],
        f"/articles/{calm}": ["Bilan de l'hiver à Kherson", "Le Quotidien", "from the article's metadata", "Loaded_Language"],
        "/claims": ["3 claims", "Download CSV", "overstated"],
        "/claims?verdict=matches": ["1 claim", "100 400"],
        "/record/tanks": ["The record: tanks", "2 claims of the corpus"],
        "/record/personnel_killed": ["The record: personnel (killed and wounded)"],
        "/record/2024-11-11": ["The record on 2024-11-11", "personnel (killed and wounded)", "+1770", "record of 2026-08-08"],
        "/map": ["Places in the corpus", "Kherson"],
        "/check": ["Check an article", "Paste the article"],
        "/docs": [],
    }
    for path, texts in expectations.items():
        response = page.goto(base + path)
        assert response.status == 200, path
        visible = page.locator("body").inner_text()
        for text in texts:
            assert text in visible, (path, text)
        assert page.errors == [], (path, page.errors)
        name = path.strip("/").split("?")[0].replace("/", "-") or "overview"
        page.screenshot(path=str(SCREENSHOTS / f"web-{name[:40]}.png"), full_page=True)
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=10_000)
    assert "/api/documents" in page.locator("body").inner_text()
    page.goto(f"{base}/record/personnel_killed")
    box = page.locator("figure.record-chart svg").bounding_box()
    assert box and box["width"] > 400 and box["height"] > 250
    # matplotlib writes the links as <a xlink:href>: SVG's href is an animated string.
    links = page.evaluate("[...document.querySelectorAll('figure.record-chart a')].map(a => a.href.baseVal)")
    assert f"/articles/{calm}#claim-0" in links
    page.goto(f"{base}/articles/{calm}")
    for category in ("personnel_killed", "tanks"):
        chart = page.locator(f'figure.chart[data-category="{category}"] img')
        chart.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle(), timeout=30_000)
        assert chart.bounding_box()["height"] > 250
    page.screenshot(path=str(SCREENSHOTS / "web-article-with-charts.png"), full_page=True)
    page.locator("#claim-0").hover()
    assert "Equals the General Staff total of 2022-12-22." in page.locator("#claim-panel").inner_text()
    page.get_by_label("loaded language").uncheck()
    assert page.locator(".rh").first.evaluate("n => getComputedStyle(n).textDecorationLine") == "none"


def test_hostile_article_shows_as_text_on_every_page(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    hostile = _hostile(ids)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/", f"/articles/{hostile}", "/claims", "/search?q=pwned", "/record/tanks", "/map"):
        assert page.goto(base + path).status == 200, path
        for element in page.locator("mark.claim, .rh").all()[:5]:
            element.hover()
        assert page.evaluate("window.__pwned") is None, path
        sources = page.evaluate("[...document.images].map(i => i.getAttribute('src'))")
        assert all(re.fullmatch(r"/articles/\w+/charts/\w+\.svg", s or "") for s in sources), (path, sources)
        if path != "/":
            assert "<script>window.__pwned=1</script>" in page.locator("body").inner_text(), path
    assert dialogs == []
    page.goto(f"{base}/articles/{hostile}")
    assert page.locator("h1.doc-title").inner_text().startswith("<script>window.__pwned=1</script>")
    page.screenshot(path=str(SCREENSHOTS / "web-hostile-article.png"), full_page=True)


# ---- the pages a desk works in, at 1280 px (issue 12) ----------------------------------


def _serve(app: object) -> tuple[object, threading.Thread, str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    from test_web import build_corpus, desk_analyses

    from bilan.web import create_app

    database = tmp_path_factory.mktemp("desk-browser") / "corpus.duckdb"
    ids = build_corpus(database, desk_analyses())
    server, thread, base = _serve(create_app(database))
    yield base, ids
    server.should_exit = True
    thread.join(timeout=10)


def _fits(page: object, name: str) -> None:
    """No horizontal scrollbar at 1280 px; a screenshot for a person to look at."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, (name, width)
    assert page.errors == [], (name, page.errors)
    page.screenshot(path=str(SCREENSHOTS / f"desk-{name}.png"), full_page=True)


def test_the_overview_fits_and_its_month_rows_open_the_article_list(page: object, desk_server: tuple[str, dict]) -> None:
    base, _ = desk_server
    page.goto(base + "/")
    card = page.locator("section.card.outlets")
    fits = card.evaluate("c => c.querySelector('table').getBoundingClientRect().right <= c.getBoundingClientRect().right")
    assert fits, "the outlet table overflows its card"
    assert page.locator("section.card.outlets th").last.is_visible()
    _fits(page, "overview")
    page.locator("table.by-month a", has_text="2024-11").first.click()
    page.wait_for_url("**/articles?month=2024-11")
    assert "1 article." in page.locator("body").inner_text() and page.locator("text=Le bilan").is_visible()


def test_the_article_list_sorts_pages_and_filters(page: object, desk_server: tuple[str, dict]) -> None:
    base, _ = desk_server
    page.goto(base + "/articles")
    dates = page.locator("table.articles-table td.date").all_inner_texts()
    assert dates[:2] == ["2024-11-12", "2023-01-10"] and len(dates) == 100
    _fits(page, "articles")
    page.locator("th a.sort", has_text="Article").click()
    page.wait_for_url("**sort=title**")
    first = page.locator("table.articles-table tbody tr td a").first.inner_text()
    assert first == "untitled-wire"  # named by its id, and last of the titles backwards
    page.locator("a", has_text="next").click()
    page.wait_for_url("**page_number=2**")
    assert page.locator("table.articles-table tbody tr").count() == 3
    page.goto(base + "/articles")
    page.select_option("select[name=outlet]", "Reuters")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**outlet=Reuters**")
    assert page.locator("table.articles-table tbody tr").count() == 1
    _fits(page, "articles-filtered")


def test_the_claims_table_sorts_and_shows_its_explanations(page: object, desk_server: tuple[str, dict]) -> None:
    base, _ = desk_server
    page.goto(base + "/claims")
    explanation = page.locator("td.verdict-cell p.explanation").first
    assert explanation.is_visible() and "the record says so" in explanation.inner_text()
    page.locator("th a.sort", has_text="Value").click()
    page.wait_for_url("**sort=value**")
    assert "710\u202f000" in page.locator("table.claims-table tbody tr").first.inner_text()  # largest first
    page.locator("th a.sort", has_text="Value").click()  # again: smallest first
    page.wait_for_url("**order=asc**")
    assert "3\u202f000" in page.locator("table.claims-table tbody tr").first.inner_text()
    _fits(page, "claims")


def test_search_takes_a_figure_whole(page: object, desk_server: tuple[str, dict]) -> None:
    base, _ = desk_server
    page.goto(base + "/search?q=710+000")
    results = page.locator("ol.results li")
    assert results.count() == 1 and "Le bilan" in results.first.inner_text()
    assert page.locator("ol.results mark").first.inner_text() == "710 000"
    assert "title:" not in results.first.inner_text() and "outlet:" not in results.first.inner_text()
    _fits(page, "search")


def test_an_articles_claims_table_sorts_in_the_page(
    page: object, server: tuple[str, dict[str, str]], seed_reports: list[tuple[Path, object]]
) -> None:
    base, ids = server
    page.goto(f"{base}/articles/{ids['calm']}")
    table = page.locator("table.claims-table")

    def values() -> list[str]:
        return [v.replace("\u202f", "").split()[-1] for v in table.locator("tbody td.num:nth-child(3)").all_inner_texts()]

    assert values() == ["100400", "3000"]  # in the article's order
    table.locator("th", has_text="Value").click()
    assert values() == ["3000", "100400"]
    assert table.locator("th", has_text="Value").get_attribute("aria-sort") == "ascending"
    table.locator("th", has_text="Value").press("Enter")  # by keyboard too, reversed
    assert values() == ["100400", "3000"]
    assert page.errors == [], page.errors
    # the same in a report opened from disk, under its own Content-Security-Policy
    path, analysis = max(seed_reports, key=lambda item: len(item[1].claims))
    page.goto(path.as_uri())
    page.locator("table.claims-table th", has_text="Value").click()
    shown = [
        int(v)
        for v in page.locator("table.claims-table tbody td.num:nth-child(3)").evaluate_all(
            "cells => cells.map(c => c.getAttribute('data-value'))"
        )
    ]
    assert shown == sorted(c.value for c in analysis.claims) and page.errors == [], page.errors
    page.locator("table.claims-table").screenshot(path=str(SCREENSHOTS / "report-sorted-by-value.png"))


def test_the_web_map_reds_places_with_a_loss_figure(page: object, desk_server: tuple[str, dict]) -> None:
    base, _ = desk_server
    page.goto(base + "/map")
    red = page.locator('circle[data-place="Bakhmout"]')
    blue = page.locator('circle[data-place="Odessa"]')
    assert red.get_attribute("data-claims") == "1" and blue.get_attribute("data-claims") == "0"
    assert red.evaluate("c => c.getAttribute('fill')") != blue.evaluate("c => c.getAttribute('fill')")
    _fits(page, "map")


# ---- hostile payloads ---------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    import uvicorn
    from test_web import build_corpus
    from test_web_security import PAYLOADS, payload_analysis

    from bilan import websecurity
    from bilan.record import load_record
    from bilan.web import create_app

    path = tmp_path_factory.mktemp("hostile") / "corpus.duckdb"
    ids = build_corpus(path, [payload_analysis(name, p) for name, p in PAYLOADS.items()])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(path, record=load_record(reference_dir))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http=websecurity.GuardedH11Protocol)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    server.should_exit = True
    thread.join(timeout=10)


LIVE_MARKUP = """() => {
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            const value = attribute.value.trim().toLowerCase();
            if (attribute.name.startsWith('on')) found.push(element.tagName + ' ' + attribute.name);
            if (/href$/.test(attribute.name) && element.tagName.toLowerCase() === 'a' && /^(javascript|data):/.test(value)) found.push('a ' + value);
        }
        // (the page's data island, type application/json, holds the payloads as JSON strings)
        if (element.tagName === 'SCRIPT' && element.type !== 'application/json' && element.textContent.includes('__pwned')) found.push('script');
    }
    return found;
}"""


def test_hostile_payloads_are_text_on_every_page(page: object, hostile_server: tuple[str, dict[str, str]]) -> None:
    """Script tags, event handlers, attribute breakouts, javascript: URLs, SVG, template
    syntax, bidirectional overrides and a 20,000-character title (test_web_security's
    PAYLOADS) in every field of an article, on every page, and through the /check form."""
    from test_web_security import PAYLOADS

    base, ids = hostile_server
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    paths = [
        "/",
        "/search?q=pwned",
        "/search?q=gnp",
        "/claims",
        "/claims?category=tanks",
        "/record/tanks",
        "/map",
        "/check",
        *(f"/articles/{i}" for i in ids.values()),
    ]
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        for element in page.locator("mark.claim, .rh, a").all()[:8]:
            element.hover(timeout=2000, force=True)
        assert page.evaluate("window.__pwned") is None, path
        assert page.evaluate(LIVE_MARKUP) == [], path
        assert page.errors == [], (path, page.errors)
    from bilan.visible import visible

    for name, key in ((n, ids[f"payload-{n}"]) for n in PAYLOADS):
        page.goto(f"{base}/articles/{key}")
        # Shown as written; bidirectional controls shown as escapes, not obeyed.
        assert page.locator("h1.doc-title").inner_text().startswith(visible(PAYLOADS[name])[:200]), name
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name  # long titles wrap
    page.screenshot(path=str(SCREENSHOTS / "web-hostile-payloads.png"))
    # The form, fed the same payloads, shows them back as text too.
    page.goto(f"{base}/check")
    page.fill("textarea[name=text]", "title: " + PAYLOADS["svg"] + "\n\n500 chars " + PAYLOADS["handler"] + " détruits.")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.evaluate("window.__pwned") is None and page.evaluate(LIVE_MARKUP) == []
    page.goto(f"{base}/check")
    page.fill("input[name=url]", PAYLOADS["attribute"])
    page.evaluate("document.querySelector('input[name=url]').type = 'text'")  # past the browser's own check
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.evaluate("window.__pwned") is None and page.evaluate(LIVE_MARKUP) == []
    assert dialogs == []
