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

from browser import Chromium, page_errors

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


def framed_figures(ipynb: Path):
    """The Plotly JSON of every output whose figure has frames and layout.sliders (NsFrames in notebook 01)."""
    nb = json.loads(ipynb.read_text())
    return [o["data"][PLOTLY_JSON] for c in nb["cells"] for o in c.get("outputs", [])
            if PLOTLY_JSON in o.get("data", {}) and o["data"][PLOTLY_JSON].get("frames")
            and o["data"][PLOTLY_JSON].get("layout", {}).get("sliders")]


# The k-th chart with a slider: its traces' y now, the active step, and where each step's label and the rail are.
SLIDER_JS = """
(k => {
  const gd = Array.from(document.querySelectorAll('.js-plotly-plot')).filter(d => d.layout && d.layout.sliders)[k];
  if (!gd) return null;
  const rail = gd.querySelector('.slider-rail-rect').getBoundingClientRect();
  return {ys: gd.data.map(t => Array.from(t.y)), active: gd.layout.sliders[0].active, frames: (gd._transitionData._frames || []).length,
          rail: [rail.x, rail.y + rail.height / 2, rail.width],
          labels: Array.from(gd.querySelectorAll('.slider-label-group .slider-label')).map(t => { const r = t.getBoundingClientRect();
                                                                               return [t.textContent, r.x + r.width / 2]; })};
})(%d)
"""


def slider_state(browser, k):
    return browser.call("Runtime.evaluate", expression=SLIDER_JS % k, returnByValue=True)["result"]["value"]


def test_report_sliders_redraw_from_precomputed_frames_without_a_kernel(browser):
    """Issue 18: a static report's slider changes its chart with no kernel, moved by real mouse input."""
    html = REPORTS / "01-newton-schulz.html"
    if not html.is_file():
        if os.environ.get("MUONLAB_REQUIRE_REPORTS") == "1":
            raise AssertionError(f"no {html}: run the notebooks first")
        pytest.skip(f"no {html}")
    figures = framed_figures(html.with_suffix(".ipynb"))
    assert len(figures) == 2, "notebook 01: the scalar map and the singular values over q"
    report = browser.open(html)
    assert report.errors == [], report.errors
    for k, figure in enumerate(figures):
        frames = {f["name"]: [t["y"] for t in f["data"]] for f in figure["frames"]}
        steps = figure["layout"]["sliders"][0]["steps"]
        browser.call("Runtime.evaluate", expression="Array.from(document.querySelectorAll('.js-plotly-plot'))"
                     f".filter(d => d.layout && d.layout.sliders)[{k}].scrollIntoView({{block: 'center'}})")
        browser.drain(0.5)
        before = slider_state(browser, k)
        assert before is not None, f"chart {k} with a slider is missing from the report"
        assert before["frames"] == len(frames), "every frame is in the page"
        first = steps[before["active"]]["args"][0][0]
        assert before["ys"] == frames[first], f"chart {k} starts at its slider's step {first}"
        for target in (0, len(steps) - 1):   # the first step, then the last, by clicks on the rail under their labels
            label, x = before["labels"][target]
            assert label == steps[target]["label"]
            for kind in ("mousePressed", "mouseReleased"):
                browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=before["rail"][1], button="left", clickCount=1)
            browser.drain(1)
            after = slider_state(browser, k)
            name = steps[target]["args"][0][0]
            assert after["active"] == target, f"chart {k}: the slider did not move to step {target}: {after['active']}"
            assert after["ys"] == frames[name], f"chart {k} does not show frame {name}"
            assert after["ys"] != before["ys"]
        # a drag along the rail back to the start ends on the first step
        _, start_x = before["labels"][0]
        rail_y = before["rail"][1]
        browser.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=rail_y, button="left", clickCount=1)
        for i in range(1, 21):
            browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x + (start_x - 10 - x) * i / 20, y=rail_y,
                         button="left", buttons=1)
        browser.call("Input.dispatchMouseEvent", type="mouseReleased", x=start_x - 10, y=rail_y, button="left", clickCount=1)
        browser.drain(1)
        dragged = slider_state(browser, k)
        assert dragged["active"] == 0 and dragged["ys"] == frames[steps[0]["args"][0][0]], f"chart {k}: the drag ends on q = 1"
    assert page_errors(browser.events) == [], "no page errors while moving the sliders"
