"""The HTML report (flows/report.py): one self-contained file whose embedded chart data
matches the warehouse."""

from __future__ import annotations

import collections
import dataclasses
import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

try:
    from test_marts import SampleWarehouses, parquet, rows, sample_warehouses
except ImportError:  # tests imported as a package
    from tests.test_marts import SampleWarehouses, parquet, rows, sample_warehouses

from flows import report

ISLAND_RE = re.compile(r'<script type="application/json" class="chart-data" id="chart-(\w+)" data-target="plot-\1">(.*?)</script>', re.S)
CHARTS = {"releases_per_month", "meetings_per_partner", "top_people", "funding", "countries_per_year"}


@pytest.fixture(scope="session")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> SampleWarehouses:
    return sample_warehouses(tmp_path_factory.getbasetemp() / "khaosan-sample")


@pytest.fixture(scope="session", params=["real", "known"])
def rendered(request: pytest.FixtureRequest, warehouses: SampleWarehouses, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict]:
    wh = getattr(warehouses, request.param)
    out = report.write_report(wh, tmp_path_factory.mktemp("report") / "report.html")
    text = out.read_text(encoding="utf-8")
    charts = {name: json.loads(body) for name, body in ISLAND_RE.findall(text)}
    return wh, text, charts


@pytest.fixture(scope="session")
def known_report(warehouses: SampleWarehouses, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = report.write_report(warehouses.known, tmp_path_factory.mktemp("known-report") / "report.html")
    return out, {name: json.loads(body) for name, body in ISLAND_RE.findall(out.read_text(encoding="utf-8"))}


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "data")]


def test_report_is_one_self_contained_file(rendered: tuple[Path, str, dict]) -> None:
    _, text, charts = rendered
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    parser = _Refs()
    parser.feed(text)
    assert parser.refs == [], f"external references: {parser.refs}"  # no <script src>, <link href>, images
    [plotly_js] = [s for s in re.findall(r'<script type="text/javascript">(.*?)</script>', text, re.S) if "plotly.js" in s[:2000].lower() or "Plotly" in s[:5000]]
    assert len(plotly_js) > 1_000_000  # the library itself is inline
    assert set(charts) == CHARTS
    assert all(f'id="plot-{name}"' in text for name in CHARTS)


def _ys(fig: dict) -> list[float]:
    return [v for trace in fig["data"] for v in trace.get("y", [])]


def test_releases_per_month_chart_counts_every_document(rendered: tuple[Path, str, dict]) -> None:
    wh, _, charts = rendered
    [trace] = charts["releases_per_month"]["data"]
    docs = parquet(wh, "documents")
    assert sum(trace["y"]) == len(docs)
    by_month = collections.Counter(d["published_date"].strftime("%Y-%m") if d["published_date"] else "undated" for d in docs)
    got = dict(zip(trace["x"], trace["y"], strict=True))
    assert {m: n for m, n in got.items() if n} == dict(by_month)
    # a continuous time line: every month between the first and the last, empty ones as 0
    months = [m for m in trace["x"] if m != "undated"]
    assert months == sorted(months) and len(months) == len(set(months))
    first, last = min(by_month.keys() - {"undated"}), max(by_month.keys() - {"undated"})
    assert (months[0], months[-1]) == (first, last)
    y0, m0, y1, m1 = int(first[:4]), int(first[5:]), int(last[:4]), int(last[5:])
    assert len(months) == (y1 - y0) * 12 + m1 - m0 + 1


def test_meetings_chart_matches_the_mart(rendered: tuple[Path, str, dict]) -> None:
    wh, _, charts = rendered
    fig = charts["meetings_per_partner"]
    expected = rows(wh, "SELECT partner_country, count(*) AS n FROM mart_meetings_by_partner GROUP BY ALL")
    assert sum(_ys(fig)) == sum(r["n"] for r in expected)
    per_trace = {t["name"]: sum(t["y"]) for t in fig["data"]}
    top = sorted(expected, key=lambda r: (-r["n"], r["partner_country"]))[: report.TOP_PARTNERS]
    for r in top:
        assert per_trace[r["partner_country"]] == r["n"]


def test_meetings_chart_known_rows(known_report: tuple[Path, dict]) -> None:
    fig = known_report[1]["meetings_per_partner"]
    series = {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in fig["data"]}
    # Japan: two ASEAN-Japan meetings in 2020 (seed_001), three in 2021 (seed_000 and the JTPP meeting of seed_003)
    assert {y: n for y, n in series["Japan"].items() if n} == {"2020": 2, "2021": 3}
    assert {y: n for y, n in series["Canada"].items() if n} == {"2022": 1}


def test_people_chart_shows_the_most_mentioned_with_positions(rendered: tuple[Path, str, dict]) -> None:
    wh, text, charts = rendered
    [trace] = charts["top_people"]["data"]
    expected = rows(wh, "SELECT person_name, release_count, latest_position FROM mart_people "
                        "ORDER BY release_count DESC, position_count DESC, person_name LIMIT ?", [report.TOP_PEOPLE])
    # horizontal bars, the most mentioned on top (last in the trace)
    assert list(reversed(trace["y"])) == [r["person_name"] for r in expected]
    assert list(reversed(trace["x"])) == [r["release_count"] for r in expected]
    assert list(reversed(trace["text"])) == [r["latest_position"] or "" for r in expected]
    for r in expected:
        assert r["person_name"] in text  # the table below the chart


def test_people_chart_known_rows(known_report: tuple[Path, dict]) -> None:
    [trace] = known_report[1]["top_people"]["data"]
    assert trace["y"][-1] == "โมริ ทาเคโอะ" and trace["x"][-1] == 2
    assert "รองปลัดกระทรวงการต่างประเทศญี่ปุ่น" in trace["customdata"][-1][0]  # every position in the hover
    assert "รองปลัดกระทรวงการต่างประเทศของญี่ปุ่น" in trace["customdata"][-1][0]


def test_funding_chart_adds_up_per_currency(rendered: tuple[Path, str, dict]) -> None:
    wh, _, charts = rendered
    fig = charts["funding"]
    expected = collections.Counter()
    for _, amount, currency in {(m["doc_id"], m["amount"], m["currency"]) for m in parquet(wh, "money_mentions")}:
        expected[currency] += amount  # an amount restated in the same release counts once
    got = {t["name"]: sum(t["x"]) for t in fig["data"]}
    assert got == pytest.approx(dict(expected))
    # one panel per currency, titled with the currency code
    titles = {a["text"] for a in fig["layout"].get("annotations", [])}
    assert set(expected) <= titles


def test_countries_chart_matches_the_mart(rendered: tuple[Path, str, dict]) -> None:
    wh, _, charts = rendered
    [trace] = charts["countries_per_year"]["data"]
    expected = rows(wh, "SELECT country, sum(release_count) AS n FROM mart_partner_mentions_monthly WHERE is_foreign GROUP BY ALL")
    top = {r["country"]: r["n"] for r in sorted(expected, key=lambda r: (-r["n"], r["country"]))[: report.TOP_COUNTRIES]}
    assert {c: sum(z) for c, z in zip(trace["y"], trace["z"], strict=True)} == top
    assert "Thailand" not in trace["y"]


def test_quality_summary_shows_the_last_run(rendered: tuple[Path, str, dict]) -> None:
    wh, text, _ = rendered
    [run] = rows(wh, "SELECT * FROM pipeline_runs ORDER BY started_at DESC LIMIT 1")
    assert run["run_id"] in text
    assert f'{run["checks_passed"]} passed</span>' in text and f'{run["checks_failed"]} failed</span>' in text
    assert 'class="badge ok">completed' in text
    written = json.loads(run["rows_written"])
    table = re.search(r'<table class="grid" id="rows-written">(.*?)</table>', text, re.S).group(1)
    for name, n in written.items():
        assert f"<td>{name}</td><td class='num'>{n:,}</td>" in table


def test_failed_run_is_flagged(warehouses: SampleWarehouses) -> None:
    data = report.collect(warehouses.real)
    failed = dict(data.last_run, status="failed", checks_failed=2, message="unique_document_keys: 1 offending row(s) <b>")
    text = report.render_html(dataclasses.replace(data, last_run=failed))
    assert 'class="badge bad">failed' in text and '<span class="fail">2 failed</span>' in text
    assert "offending row(s) &lt;b&gt;" in text  # escaped


def test_empty_warehouse_renders_placeholders(warehouses: SampleWarehouses, tmp_path: Path) -> None:
    text = report.write_report(warehouses.empty, tmp_path / "empty.html").read_text(encoding="utf-8")
    charts = {name: json.loads(body) for name, body in ISLAND_RE.findall(text)}
    assert set(charts) == CHARTS
    assert sum(_ys(charts["releases_per_month"])) == 0
    assert "No releases yet" in text and "No people extracted yet" in text


def test_missing_warehouse(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        report.write_report(tmp_path / "nowhere", tmp_path / "r.html")
    from flows.cli import main

    assert main(["report", "--warehouse", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html")]) == 2


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
def test_report_draws_in_a_headless_browser_without_network(known_report: tuple[Path, dict]) -> None:
    page = known_report[0]
    proc = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--virtual-time-budget=15000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    dom = proc.stdout
    # every chart became an SVG drawing
    for name in CHARTS:
        section = dom[dom.index(f'id="plot-{name}"'):]
        assert 'class="main-svg"' in section[:20000], name
