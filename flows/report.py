"""``khaosan report --out report.html``: one self-contained HTML report of a warehouse.

The file needs no network to view: plotly.js is inlined once, each chart's figure is
embedded as a JSON island (``<script type="application/json" id="chart-NAME">``) and drawn
by a few lines of inline script. Charts read the marts (``sql/marts``):

* releases per month (mart_documents_facts)
* meetings per partner country over time (mart_meetings_by_partner)
* most-mentioned people with their positions (mart_people)
* funding by currency and partner (mart_funding)
* foreign countries named per year (mart_partner_mentions_monthly)

plus the last run's data-quality summary from ``pipeline_runs`` and ``quarantine``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

TOP_PEOPLE = 15
TOP_PARTNERS = 10
TOP_COUNTRIES = 12
NO_PARTNER = "(no partner named)"
UNDATED = "undated"
FONT = "'Noto Sans Thai', 'Sarabun', 'Tahoma', 'Leelawadee UI', 'Helvetica Neue', Arial, sans-serif"
PALETTE = ["#2f6690", "#d1495b", "#edae49", "#66a182", "#8d6a9f", "#00798c", "#f18f01", "#3a3335", "#c5d86d", "#6c757d", "#9a348e", "#1b998b"]


@dataclass
class Chart:
    name: str
    title: str
    figure: go.Figure
    note: str = ""
    empty: bool = False


@dataclass
class ReportData:
    warehouse: Path
    snapshot: str
    totals: dict[str, Any]
    last_run: dict[str, Any] | None
    recent_runs: list[dict[str, Any]]
    quarantine: list[dict[str, Any]]
    people: list[dict[str, Any]]
    charts: list[Chart] = field(default_factory=list)


# ---------------------------------------------------------------- data


def _connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    db = warehouse / "khaosan.duckdb"
    if not db.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse.absolute()} (run `khaosan run` first)")
    con = duckdb.connect(str(db), read_only=True)
    has_marts = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'mart_documents_facts'").fetchone()[0]
    if has_marts:
        return con
    # a catalog written before the marts existed: build the views in memory over the same snapshot
    con.close()
    from transforms import load

    return load.connect_views(load.Warehouse(warehouse).parquet_dir)


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def collect(warehouse: Path) -> ReportData:
    """Everything the report shows, read from the warehouse's views and marts."""
    warehouse = Path(warehouse)
    con = _connect(warehouse)
    try:
        totals = _dicts(con, """
            SELECT count(*) AS documents,
                   count(*) FILTER (WHERE published_date IS NULL) AS undated,
                   min(published_date) AS first_date, max(published_date) AS last_date,
                   coalesce(sum(sentence_count), 0) AS sentences, coalesce(sum(token_count), 0) AS tokens,
                   coalesce(sum(date_mention_count), 0) AS date_mentions, coalesce(sum(money_mention_count), 0) AS money_mentions,
                   coalesce(sum(person_count), 0) AS person_mentions, coalesce(sum(country_mention_count), 0) AS country_mentions,
                   coalesce(sum(meeting_count), 0) AS meetings, coalesce(sum(acronym_count), 0) AS acronyms
            FROM mart_documents_facts""")[0]
        runs = _dicts(con, "SELECT * FROM pipeline_runs ORDER BY started_at DESC, run_id DESC")
        quarantine = _dicts(con, "SELECT reason_code, count(*) AS files FROM quarantine GROUP BY reason_code ORDER BY files DESC, reason_code")
        people = _dicts(con, """
            SELECT person_name, release_count, positions, latest_position, first_seen, last_seen
            FROM mart_people ORDER BY release_count DESC, position_count DESC, person_name LIMIT ?""", [TOP_PEOPLE])
        data = ReportData(
            warehouse=warehouse.absolute(),
            snapshot=_snapshot_name(warehouse),
            totals=totals,
            last_run=runs[0] if runs else None,
            recent_runs=runs[:10],
            quarantine=quarantine,
            people=people,
        )
        data.charts = [
            releases_per_month(con),
            meetings_per_partner(con),
            people_chart(people),
            funding_chart(con),
            countries_per_year(con),
        ]
        return data
    finally:
        con.close()


def _snapshot_name(warehouse: Path) -> str:
    link = warehouse / "parquet"
    return link.resolve().name if link.is_symlink() else "?"


def _months_between(first: dt.date, last: dt.date) -> list[str]:
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _layout(fig: go.Figure, height: int, **kw: Any) -> go.Figure:
    fig.update_layout(
        template="plotly_white", height=height, font=dict(family=FONT, size=13), margin=dict(l=10, r=20, t=30, b=40),
        colorway=PALETTE, legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), **kw,
    )
    return fig


def _no_data(fig: go.Figure, text: str) -> go.Figure:
    fig.add_annotation(text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font=dict(size=15, color="#888"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def releases_per_month(con: duckdb.DuckDBPyConnection) -> Chart:
    rows = con.execute(
        "SELECT strftime(published_month, '%Y-%m') AS month, count(*) FROM mart_documents_facts GROUP BY ALL ORDER BY month NULLS LAST"
    ).fetchall()
    counts = {m: n for m, n in rows}
    dated = sorted(m for m in counts if m is not None)
    months = _months_between(dt.date.fromisoformat(dated[0] + "-01"), dt.date.fromisoformat(dated[-1] + "-01")) if dated else []
    x = months + ([UNDATED] if None in counts else [])
    y = [counts.get(m, 0) for m in months] + ([counts[None]] if None in counts else [])
    fig = go.Figure(go.Bar(x=x, y=y, name="releases", marker_color=PALETTE[0], hovertemplate="%{x}: %{y} releases<extra></extra>"))
    _layout(fig, 340, xaxis=dict(type="category", tickangle=-45, nticks=24), yaxis=dict(title="releases", dtick=1 if max(y or [0]) <= 10 else None))
    if not x:
        _no_data(fig, "No releases yet")
    note = f"{sum(y)} releases" + (f", {counts[None]} without a published date (last bar)" if None in counts else "")
    return Chart("releases_per_month", "Releases per month", fig, note, empty=not x)


def meetings_per_partner(con: duckdb.DuckDBPyConnection) -> Chart:
    rows = con.execute("""
        SELECT coalesce(event_year, 'undated') AS year, partner_country, count(*) AS meetings
        FROM mart_meetings_by_partner GROUP BY ALL ORDER BY year, partner_country""").fetchall()
    totals: dict[str, int] = {}
    for _, partner, n in rows:
        totals[partner] = totals.get(partner, 0) + n
    top = sorted(totals, key=lambda p: (-totals[p], p))[:TOP_PARTNERS]
    years = sorted({r[0] for r in rows})
    series: dict[str, dict[str, int]] = {}
    for year, partner, n in rows:
        key = partner if partner in top else "other"
        series.setdefault(key, {}).setdefault(year, 0)
        series[key][year] += n
    fig = go.Figure()
    for partner in [*top, "other"]:
        if partner in series:
            fig.add_trace(go.Bar(x=years, y=[series[partner].get(y, 0) for y in years], name=partner,
                                 hovertemplate=f"{html.escape(partner)} %{{x}}: %{{y}} meetings<extra></extra>"))
    _layout(fig, 380, barmode="stack", xaxis=dict(type="category", title="year of the meeting"), yaxis=dict(title="meetings"))
    [[n_meetings, n_without]] = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE partner_count = 0) FROM mart_meetings"
    ).fetchall()
    if not rows:
        _no_data(fig, "No meetings with a partner country extracted yet")
    note = (f"{n_meetings} meetings named, {n_without} without a partner country in their name. "
            "A meeting with several partners counts once for each. Year: date written next to the meeting, else the release date.")
    return Chart("meetings_per_partner", "Meetings per partner country", fig, note, empty=not rows)


def people_chart(people: list[dict[str, Any]]) -> Chart:
    ordered = list(reversed(people))  # horizontal bars: the most mentioned on top
    fig = go.Figure(go.Bar(
        x=[p["release_count"] for p in ordered],
        y=[p["person_name"] for p in ordered],
        orientation="h",
        text=[p["latest_position"] or "" for p in ordered],
        textposition="inside",
        insidetextanchor="start",
        marker_color=PALETTE[3],
        customdata=[[" · ".join(p["positions"]) or "-", _date(p["first_seen"]), _date(p["last_seen"])] for p in ordered],
        hovertemplate="<b>%{y}</b><br>%{x} releases<br>positions: %{customdata[0]}<br>seen %{customdata[1]} to %{customdata[2]}<extra></extra>",
    ))
    _layout(fig, max(260, 34 * len(ordered) + 60), xaxis=dict(title="releases naming the person", dtick=1), yaxis=dict(automargin=True))
    if not people:
        _no_data(fig, "No people extracted yet")
    return Chart("top_people", f"Most-mentioned people (top {TOP_PEOPLE})", fig, "Bar label: the latest position given. Hover for every position.", empty=not people)


def funding_chart(con: duckdb.DuckDBPyConnection) -> Chart:
    rows = con.execute("""
        SELECT currency, coalesce(partner_country, ?) AS partner, sum(total_amount) AS amount,
               sum(amount_count) AS amounts, sum(release_count) AS releases
        FROM mart_funding GROUP BY ALL ORDER BY currency, amount""", [NO_PARTNER]).fetchall()
    currencies = sorted({r[0] for r in rows})
    fig = make_subplots(rows=max(1, len(currencies)), cols=1, subplot_titles=currencies or None, vertical_spacing=0.12)
    for i, cur in enumerate(currencies, 1):
        sub = [r for r in rows if r[0] == cur]
        fig.add_trace(go.Bar(
            x=[r[2] for r in sub], y=[r[1] for r in sub], orientation="h", name=cur, showlegend=False,
            marker_color=PALETTE[(i - 1) % len(PALETTE)], customdata=[[r[3], r[4]] for r in sub],
            text=[f"{_amount(r[2])} {cur}" for r in sub], textposition="auto", cliponaxis=False,
            hovertemplate=f"%{{y}}: %{{x:,.0f}} {cur}<br>%{{customdata[0]}} amounts in %{{customdata[1]}} releases<extra></extra>",
        ), row=i, col=1)
        fig.update_xaxes(exponentformat="B", row=i, col=1)
    _layout(fig, max(260, 150 * max(1, len(currencies)) + 40 * len(rows)), yaxis=dict(automargin=True))
    if not rows:
        _no_data(fig, "No amounts of money extracted yet")
    note = ("One panel per currency (amounts are never added across currencies). An amount restated in the same release counts once. "
            "Partner: the foreign country named nearest the amount in its sentence, else the one the release names most.")
    return Chart("funding", "Funding by currency and partner", fig, note, empty=not rows)


def _amount(value: float) -> str:
    """1483000000 -> '1.48 billion' (short, for bar labels)."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.0f}"


def countries_per_year(con: duckdb.DuckDBPyConnection) -> Chart:
    rows = con.execute("""
        SELECT coalesce(year, 'undated') AS year, country, sum(release_count) AS releases
        FROM mart_partner_mentions_monthly WHERE is_foreign GROUP BY ALL""").fetchall()
    totals: dict[str, int] = {}
    for _, country, n in rows:
        totals[country] = totals.get(country, 0) + n
    top = sorted(totals, key=lambda c: (-totals[c], c))[:TOP_COUNTRIES]
    years = sorted({r[0] for r in rows})
    grid = {(y, c): n for y, c, n in rows}
    fig = go.Figure(go.Heatmap(
        x=years, y=list(reversed(top)), z=[[grid.get((y, c), 0) for y in years] for c in reversed(top)],
        colorscale="Blues", hovertemplate="%{y} %{x}: named in %{z} releases<extra></extra>", xgap=2, ygap=2,
        colorbar=dict(title="releases"),
    ))
    _layout(fig, max(260, 30 * len(top) + 80), xaxis=dict(type="category"), yaxis=dict(automargin=True))
    if not rows:
        _no_data(fig, "No foreign countries named yet")
    return Chart("countries_per_year", f"Foreign countries named per year (top {TOP_COUNTRIES})", fig,
                 "Cell: releases of that year naming the country.", empty=not rows)


# ---------------------------------------------------------------- HTML


def _date(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else "-"


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _json_island(obj: Any) -> str:
    # "<" escaped so no "</script>" can end the island early (still valid JSON)
    return json.dumps(obj, ensure_ascii=False, default=str).replace("<", "\\u003c")


def _quality_html(data: ReportData) -> str:
    run = data.last_run
    if run is None:
        return "<p>No pipeline run recorded.</p>"
    ok = run["status"] == "completed" and not run["checks_failed"]
    badge = f'<span class="badge {"ok" if ok else "bad"}">{_e(run["status"])}</span>'
    seconds = (run["ended_at"] - run["started_at"]).total_seconds() if run.get("ended_at") and run.get("started_at") else None
    facts = [
        ("run", f"<code>{_e(run['run_id'])}</code> {badge}"),
        ("started", _e(run["started_at"].strftime("%Y-%m-%d %H:%M:%S %Z") if run.get("started_at") else "-")),
        ("duration", f"{seconds:.1f} s" if seconds is not None else "-"),
        ("source", f"<code>{_e(run['source'])}</code>"),
        ("files seen", _e(run["files_seen"])),
        ("documents", f"{_e(run['docs_new'])} new, {_e(run['docs_changed'])} changed, {_e(run['docs_unchanged'])} unchanged, "
                      f"{_e(run['docs_reprocessed'])} reprocessed"),
        ("quarantined", _e(run["docs_quarantined"])),
        ("quality checks", f'<span class="pass">{_e(run["checks_passed"])} passed</span>, '
                           f'<span class="{"fail" if run["checks_failed"] else "pass"}">{_e(run["checks_failed"])} failed</span>'),
    ]
    if run.get("message"):
        facts.append(("message", f"<pre>{_e(run['message'])}</pre>"))
    rows_written = _loads(run.get("rows_written"))
    stages = _loads(run.get("stage_seconds"))
    out = ['<div class="cols"><div><table class="kv">']
    out += [f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts]
    out.append("</table></div><div>")
    out.append('<table class="grid" id="rows-written"><tr><th>table</th><th>rows added</th></tr>')
    out += [f"<tr><td>{_e(k)}</td><td class='num'>{v:,}</td></tr>" for k, v in rows_written.items()]
    out.append("</table>")
    if stages:
        out.append('<table class="grid"><tr><th>stage</th><th>seconds</th></tr>')
        out += [f"<tr><td>{_e(k)}</td><td class='num'>{float(v):.2f}</td></tr>" for k, v in stages.items()]
        out.append("</table>")
    out.append("</div></div>")
    if data.quarantine:
        out.append('<h3>Quarantined files</h3><table class="grid"><tr><th>reason</th><th>files</th></tr>')
        out += [f"<tr><td>{_e(q['reason_code'])}</td><td class='num'>{q['files']}</td></tr>" for q in data.quarantine]
        out.append("</table>")
    if len(data.recent_runs) > 1:
        out.append('<h3>Recent runs</h3><table class="grid"><tr><th>started</th><th>status</th><th>files</th><th>new</th>'
                   "<th>changed</th><th>quarantined</th><th>checks passed</th><th>checks failed</th></tr>")
        for r in data.recent_runs:
            out.append(f"<tr><td>{_e(r['started_at'].strftime('%Y-%m-%d %H:%M') if r.get('started_at') else '-')}</td>"
                       f"<td>{_e(r['status'])}</td><td class='num'>{r['files_seen']}</td><td class='num'>{r['docs_new']}</td>"
                       f"<td class='num'>{r['docs_changed']}</td><td class='num'>{r['docs_quarantined']}</td>"
                       f"<td class='num'>{r['checks_passed']}</td><td class='num'>{r['checks_failed']}</td></tr>")
        out.append("</table>")
    return "\n".join(out)


def _loads(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _people_table(people: list[dict[str, Any]]) -> str:
    if not people:
        return ""
    out = ['<table class="grid people"><tr><th>person</th><th>releases</th><th>positions seen</th><th>first seen</th><th>last seen</th></tr>']
    for p in people:
        positions = "<br>".join(_e(x) for x in p["positions"]) or "-"
        out.append(f"<tr><td>{_e(p['person_name'])}</td><td class='num'>{p['release_count']}</td><td>{positions}</td>"
                   f"<td>{_date(p['first_seen'])}</td><td>{_date(p['last_seen'])}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


CSS = """
body { font-family: FONT; margin: 0; background: #f4f5f7; color: #222; }
header { background: #1f3b57; color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 4px 0; font-size: 24px; }
header p { margin: 0; opacity: .85; font-size: 13px; }
main { padding: 18px 28px; max-width: 1500px; }
.kpis { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 16px; }
.kpi { flex: 1 1 0; background: #fff; border-radius: 6px; padding: 10px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); min-width: 90px; }
.kpi b { display: block; font-size: 22px; color: #1f3b57; }
.kpi span { font-size: 12px; color: #666; }
.card { background: #fff; border-radius: 6px; padding: 14px 18px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.card h2 { margin: 0 0 6px 0; font-size: 18px; color: #1f3b57; }
.card h3 { font-size: 15px; margin: 14px 0 6px 0; }
.note { font-size: 12px; color: #666; margin: 0 0 6px 0; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.cols { display: grid; grid-template-columns: 1.2fr 1fr; gap: 20px; }
table { border-collapse: collapse; font-size: 13px; }
table.kv th { text-align: left; padding: 3px 14px 3px 0; color: #555; font-weight: 600; vertical-align: top; }
table.kv td { padding: 3px 0; }
table.grid { margin: 0 12px 8px 0; display: inline-table; vertical-align: top; }
table.grid th, table.grid td { border-bottom: 1px solid #e3e3e3; padding: 3px 10px; text-align: left; }
table.grid th { background: #f0f2f5; }
table.people { width: 100%; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { padding: 1px 8px; border-radius: 10px; font-size: 12px; color: #fff; }
.badge.ok { background: #2e8540; } .badge.bad { background: #c0392b; }
.pass { color: #2e8540; font-weight: 600; } .fail { color: #c0392b; font-weight: 600; }
pre { white-space: pre-wrap; font-size: 12px; margin: 0; }
footer { font-size: 12px; color: #888; padding: 0 28px 20px; }
@media (max-width: 1000px) { .row, .cols { grid-template-columns: 1fr; } }
""".replace("FONT", FONT)

DRAW_JS = """
document.querySelectorAll('script.chart-data').forEach(function (island) {
  var fig = JSON.parse(island.textContent);
  var target = document.getElementById(island.dataset.target);
  Plotly.newPlot(target, fig.data, fig.layout, {responsive: true, displayModeBar: false});
});
"""


def render_html(data: ReportData, generated_at: dt.datetime | None = None) -> str:
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    t = data.totals
    span = f"{_date(t['first_date'])} to {_date(t['last_date'])}" if t["first_date"] else "no dated releases"
    kpis = [
        ("releases", t["documents"]), ("sentences", t["sentences"]), ("words", t["tokens"]),
        ("people", t["person_mentions"]), ("countries named", t["country_mentions"]), ("meetings", t["meetings"]),
        ("amounts", t["money_mentions"]), ("dates", t["date_mentions"]), ("acronyms", t["acronyms"]),
    ]
    charts = {c.name: c for c in data.charts}

    def card(name: str, extra: str = "") -> str:
        c = charts[name]
        return (
            f'<section class="card" id="card-{c.name}"><h2>{_e(c.title)}</h2>'
            + (f'<p class="note">{_e(c.note)}</p>' if c.note else "")
            + f'<div class="chart" id="plot-{c.name}"></div>'
            + f'<script type="application/json" class="chart-data" id="chart-{c.name}" data-target="plot-{c.name}">'
            + _json_island(json.loads(c.figure.to_json()))
            + "</script>"
            + extra
            + "</section>"
        )

    parts = [
        "<!DOCTYPE html>",
        '<html lang="th"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>khaosan report: {_e(data.warehouse.name)}</title>",
        f"<style>{CSS}</style>",
        # plotly.js inline: the file opens with no network
        f'<script type="text/javascript">{get_plotlyjs()}</script>',
        "</head><body>",
        "<header><h1>khaosan: Thai government press releases</h1>",
        f"<p>Warehouse <code>{_e(data.warehouse)}</code>, snapshot {_e(data.snapshot)}, releases {span}. "
        f"Generated {generated_at.strftime('%Y-%m-%d %H:%M UTC')}.</p></header>",
        "<main>",
        '<div class="kpis">' + "".join(f'<div class="kpi"><b>{v:,}</b><span>{_e(k)}</span></div>' for k, v in kpis) + "</div>",
        f'<section class="card" id="card-quality"><h2>Last run: data quality</h2>{_quality_html(data)}</section>',
        card("releases_per_month"),
        '<div class="row">' + card("meetings_per_partner") + card("countries_per_year") + "</div>",
        card("top_people", _people_table(data.people)),
        card("funding"),
        "</main>",
        "<footer>Charts read the marts of khaosan.duckdb (see docs/data-dictionary.md). "
        "Interactive: hover for values, drag to zoom, double-click to reset, click a legend entry to hide it.</footer>",
        f"<script>{DRAW_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(warehouse: Path, out: Path) -> Path:
    """Render the report of ``warehouse`` into the single HTML file ``out``; returns ``out``."""
    data = collect(Path(warehouse))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_text(render_html(data), encoding="utf-8")
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
