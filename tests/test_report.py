"""The self-contained HTML report (`bilan.rendering.report`)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from hypothesis import given
from hypothesis import strategies as st
from test_web import HOSTILE, calm_analysis, hostile_analysis

from bilan.model import Analysis, Check, Claim, Document, Entity, Mark, RhetoricSpan
from bilan.rendering.report import annotate_text, csp_hash, render_report, write_report


class _Resources(HTMLParser):
    """Every URL the page would load (not links a reader may follow) and its inline scripts."""

    LOADING: ClassVar[set[str]] = {"src", "srcset", "poster", "data", "background", "xlink:href", "formaction"}

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.tags: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._script = tag == "script"
        for name, value in attrs:
            if name in self.LOADING or (name == "href" and tag in ("link", "use", "image", "base")):
                if (value or "").startswith("#") and tag == "use":
                    continue  # a chart's marker drawn again from the same document loads nothing
                self.loads.append(value or "")
            elif name == "href":
                self.links.append(value or "")
            elif name == "style" and value and "url(" in value:
                self.loads.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts.append(data)


def _parse(html: str) -> _Resources:
    parser = _Resources()
    parser.feed(html)
    return parser


def test_report_references_no_external_resource() -> None:
    html = render_report(calm_analysis())
    parsed = _parse(html)
    assert parsed.loads == []
    assert "link" not in parsed.tags and "iframe" not in parsed.tags and "img" not in parsed.tags
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)
    assert all(link.startswith("#") for link in parsed.links), parsed.links
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy


def test_report_script_runs_under_its_own_policy_hash() -> None:
    html = render_report(calm_analysis())
    parsed = _parse(html)
    code = [s for s in parsed.scripts if "addEventListener" in s]
    assert len(code) == 1 and csp_hash(code[0]) in unescape(html)


def test_report_marks_every_claim_with_its_verdict_and_check() -> None:
    analysis = calm_analysis()
    html = render_report(analysis)
    for i, claim in enumerate(analysis.claims):
        mark = re.search(
            rf'<mark class="claim v-{claim.check.verdict} first" data-claim="{i}" id="claim-{i}"[^>]*title="([^"]*)"', html
        )
        assert mark, claim.text
        assert claim.check.explanation in mark.group(1)
    assert '<span class="rh" data-techniques="Loaded_Language"' in html
    assert 'data-kind="caption"' in html
    assert "2022-12-23" in html and "from the article&#39;s metadata" in html and "Le Quotidien" in html
    assert '<td class="term">personnel_<wbr>killed</td>' in html and '<td class="term">tanks</td>' in html


def test_hostile_article_is_text_in_the_report() -> None:
    html = render_report(hostile_analysis())
    parsed = _parse(html)
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert parsed.loads == []
    assert not any(link.lower().startswith("javascript:") for link in parsed.links)
    assert len([s for s in parsed.scripts if "<" in s]) == 0
    assert html.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") >= 5


def test_write_report_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    write_report(calm_analysis(), target)
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_article_without_claims_says_so() -> None:
    document = Document(id="empty", text="Rien à signaler.", lang="fr")
    html = render_report(Analysis(document=document))
    assert "No loss figure was found in this article." in html
    assert "<mark" not in html


def test_annotations_cut_runs_at_every_span() -> None:
    text = "Au moins 105 960 soldats tués près de Kherson, un massacre."
    claim = Claim(
        value=105960,
        category="personnel_killed",
        side="russia",
        scope="cumulative",
        start=0,
        end=text.index(" près"),
        text=text[: text.index(" près")],
        check=Check(verdict="matches"),
    )
    place = text.index("Kherson")
    segments = annotate_text(
        text,
        [claim],
        rhetoric=[RhetoricSpan("Loaded_Language", text.index("massacre"), len(text) - 1, "massacre")],
        entities=[Entity("place", "Kherson", place, place + 7, "Kherson"), Entity("person", "X", 3, 8, "moins")],
    )
    assert "".join(s.text for s in segments) == text
    assert [s.text for s in segments if s.claim == 0] == ["Au ", "moins", " 105 960 soldats tués"]
    assert [s.claim_first for s in segments if s.claim == 0] == [True, False, False]
    assert [s.claim_last for s in segments if s.claim == 0] == [False, False, True]
    assert [s.text for s in segments if s.entity == "place"] == ["Kherson"]
    assert [s.text for s in segments if s.techniques] == ["massacre"]


@given(
    text=st.text(min_size=1, max_size=80),
    spans=st.lists(
        st.tuples(st.integers(-5, 90), st.integers(0, 30), st.sampled_from(["claim", "rh", "ent", "mark"])), max_size=8
    ),
    start=st.integers(0, 10),
)
def test_runs_give_back_the_text_and_cover_each_span(text: str, spans: list[tuple[int, int, str]], start: int) -> None:
    claims, rhetoric, entities, marks = [], [], [], []
    for a, length, kind in spans:
        b = a + length
        if kind == "claim":
            claims.append(Claim(value=1, category="tanks", side="russia", scope="event", start=a, end=b, text=""))
        elif kind == "rh":
            rhetoric.append(RhetoricSpan("Doubt", a, b, ""))
        elif kind == "ent":
            entities.append(Entity("place", "P", a, b, ""))
        else:
            marks.append(Mark("caption", a, b))
    segments = annotate_text(text, claims, start=start, rhetoric=rhetoric, entities=entities, marks=marks)
    assert "".join(s.text for s in segments) == text[start:]
    assert all(s.text for s in segments)
    position = start
    for segment in segments:
        end = position + len(segment.text)
        covering = [i for i, c in enumerate(claims) if c.start <= position and end <= c.end]
        assert segment.claim == (min(covering) if covering else None)
        assert bool(segment.techniques) == any(r.start <= position and end <= r.end for r in rhetoric)
        position = end
    assert sum(s.claim_first for s in segments) == len({s.claim for s in segments if s.claim is not None})


def test_hostile_strings_in_rows_are_escaped_in_attributes() -> None:
    html = render_report(hostile_analysis())
    # The tooltip of the figure holds the hostile explanation, quoted and escaped.
    assert re.search(r'title="[^"]*&lt;script&gt;window.__pwned=1&lt;/script&gt;[^"]*"', html)
    assert HOSTILE not in html


# ---- the command ---------------------------------------------------------------------

ARTICLE = (
    "title: Un hiver de pertes\ndate: 2023-01-05\noutlet: Le Quotidien\n\n"
    "Selon l'état-major ukrainien, l'armée russe a perdu au moins 105 960 soldats depuis l'invasion.\n"
)


def _run(*args: str, env: dict[str, str] | None = None) -> object:
    from typer.testing import CliRunner

    from bilan.cli import app

    return CliRunner().invoke(app, list(args), env={"BILAN_RECORD": "", **(env or {})})


def test_report_command_writes_one_self_contained_file(tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.setattr("bilan.record.default_record_directory", lambda: tmp_path / "no-record")
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "report.html"
    result = _run("report", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "Un hiver de pertes" in html and "Le Quotidien" in html
    assert html.count('<mark class="claim') >= 1 and "105 960" in html
    assert _parse(html).loads == []


def test_report_command_errors_are_one_line(tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.setattr("bilan.record.default_record_directory", lambda: tmp_path / "no-record")
    missing = _run("report", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "r.html"))
    assert missing.exit_code == 1
    assert "nope.txt" in missing.output and "Traceback" not in missing.output
    assert not (tmp_path / "r.html").exists()
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    bad = _run("report", str(source), "-o", str(tmp_path), "--explain", "de")
    assert bad.exit_code == 2 and "--explain" in bad.output


def test_report_command_writes_one_file_per_article_of_a_jsonl(tmp_path: Path, monkeypatch: object) -> None:
    import json

    monkeypatch.setattr("bilan.record.default_record_directory", lambda: tmp_path / "no-record")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": name, "text": ARTICLE, "lang": "fr"}) + "\n" for name in ("a/1", "b")), encoding="utf-8"
    )
    out = tmp_path / "reports"
    result = _run("report", str(corpus), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a_1.html", "b.html", "index.html"]
    single = tmp_path / "single.html"
    single.write_text("x")
    refused = _run("report", str(corpus), "-o", str(single))
    assert refused.exit_code == 2 and "give a directory" in refused.output


def test_report_command_reads_a_url(tmp_path: Path, monkeypatch: object) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    monkeypatch.setattr("bilan.record.default_record_directory", lambda: tmp_path / "no-record")
    page = (
        "<html><head><title>Un hiver de pertes</title></head><body><article><h1>Un hiver de pertes</h1>"
        "<p>Selon l'état-major ukrainien, l'armée russe a perdu au moins 105 960 soldats depuis "
        "l'invasion, a précisé l'armée dans son point quotidien publié jeudi matin.</p>"
        "<p>Les combats se poursuivent dans l'est du pays, selon les autorités locales.</p></article></body></html>"
    )

    class Article(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Article)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        target = tmp_path / "url.html"
        result = _run(
            "report",
            f"http://127.0.0.1:{server.server_address[1]}/article",
            "-o",
            str(target),
            "--date",
            "2023-01-05",
            "--allow-private",
        )
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "105 960" in html and f"http://127.0.0.1:{server.server_address[1]}/article" in html


def test_contract_terms_wrap_after_underscores_and_stay_escaped():
    from bilan.rendering.report import environment

    term = environment().filters["term"]
    assert str(term("personnel_casualties")) == "personnel_<wbr>casualties"
    assert str(term("<b>_x")) == "&lt;b&gt;_<wbr>x"
