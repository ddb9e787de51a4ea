"""Browser test: every executed notebook's HTML export, opened in headless Chromium with the network
off, draws every Plotly chart (its SVG has the traces and the title) and logs no errors.

The reports come from `./muonlab run` (the test suite runs every notebook in smoke mode first);
MUONLAB_REPORTS names their folder. The harness checks itself first on pages made here, so a broken
harness cannot pass silently.
"""
import json
import os
import re
from pathlib import Path

import pytest

from browser import Chromium

REPORTS = Path(os.environ.get("MUONLAB_REPORTS", "reports"))
PLOTLY_JSON = "application/vnd.plotly.v1+json"


def expected_charts(ipynb: Path):
    """The charts an executed notebook holds: one per output whose HTML has a Muon Lab chart, with its
    title from the Plotly JSON, or (live charts carry none) from the text line "Figure 'title' (n traces)"."""
    nb = json.loads(ipynb.read_text())
    charts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if 'class="muonlab-plotly"' not in html:
                continue
            figure = data.get(PLOTLY_JSON)
            if figure is not None:
                title = figure.get("layout", {}).get("title", "")
                charts.append(title.get("text", "") if isinstance(title, dict) else str(title))
            else:
                text = data.get("text/plain", "")
                text = "".join(text) if isinstance(text, list) else text
                match = re.match(r"Figure '(.*)' \(\d+ traces?\)$", text, re.DOTALL)
                charts.append(match.group(1) if match else "")
    return charts


# Pairs of text labels (point labels, legend entries, tick labels) that overlap inside one chart.
OVERLAPS_JS = """
Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(div => {
  const boxes = Array.from(div.querySelectorAll('.textpoint text')).map(t => [t.textContent, t.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) out.push(a + ' / ' + b);
  }
  return out;
})
"""


@pytest.fixture(scope="module")
def browser():
    with Chromium() as chromium:
        yield chromium


def test_harness_sees_errors_and_missing_network(browser, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text('<html><body><script src="https://cdn.plot.ly/plotly-2.35.3.min.js"></script>'
                    '<script>console.error("deliberate"); notDefined();</script></body></html>')
    report = browser.open(page, settle_seconds=1)
    joined = "\n".join(report.errors)
    assert "deliberate" in joined
    assert "notDefined" in joined
    assert "load failed" in joined, "the CDN script must fail: the network is supposed to be off"


def html_reports():
    return sorted(REPORTS.glob("*.html")) if REPORTS.is_dir() else []


@pytest.mark.parametrize("html", html_reports(), ids=lambda p: p.name)
def test_report_draws_every_chart_without_errors(browser, html):
    ipynb = html.with_suffix(".ipynb")
    assert ipynb.is_file(), f"no executed notebook beside {html}"
    titles = expected_charts(ipynb)
    report = browser.open(html)
    assert report.errors == [], f"{html.name} logged errors: {report.errors}"
    assert len(report.charts) == len(titles), f"{html.name}: {len(titles)} charts in the notebook, {len(report.charts)} drawn"
    for chart, title in zip(report.charts, titles):
        assert chart["hasSvg"], f"{html.name}: chart {chart['id']} has no SVG"
        assert chart["traces"] >= 1, f"{html.name}: chart {chart['id']} ({title!r}) drew no traces"
        if title:
            assert chart["title"] == title, f"{html.name}: chart {chart['id']} title {chart['title']!r}, expected {title!r}"
    overlaps = browser.call("Runtime.evaluate", expression=OVERLAPS_JS, returnByValue=True)["result"].get("value")
    assert overlaps == [], f"{html.name}: point labels drawn over each other (issue 18, 01's cost chart): {overlaps[:10]}"


def test_reports_exist():
    if os.environ.get("MUONLAB_REQUIRE_REPORTS") == "1":
        assert html_reports(), f"no HTML reports in {REPORTS}: run the notebooks first"
