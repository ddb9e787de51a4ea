"""JupyterLab 4 and Notebook 7 UI test: the notebooks as a new user runs them, in the frontends that
`./muonlab lab` starts (JupyterLab and Notebook 7 from the project venv .venv).

A real `jupyter lab` server with the Muon Lab kernel, driven by headless Chromium that reaches
127.0.0.1 and nothing else, twice: once as installed, once with the `plotly` package's JupyterLab
renderer (jupyterlab-plotly, from `./muonlab install-deps test`) added through JUPYTER_PATH, as when
`pip install plotly` went into Jupyter's environment. Its renderer takes application/vnd.plotly.v1+json
ahead of text/html and does not redraw on update_display_data, which once left live charts empty.

In each: Run All of notebooks 00, 05 and 01 (smoke sizes): no cell errors, every chart drawn with its
traces (the live charts with every point of the run), the progress bars' texts, table numbers, label
placement, no stray output, no page errors. Without the plotly package also: charts draw after reload
when the saved notebook lost its copy of plotly.js (the kernel hands it over, network off), in JupyterLab
and in Notebook 7; an untrusted executed notebook says why its charts are not drawn; the dark theme
draws charts on a transparent background with light text. In notebook 05 the extra run's Run and Stop buttons
are clicked with the mouse; in notebook 01 a widget slider is dragged with real mouse events: the Java side gets
the value and the dependent chart is redrawn with the new number of steps.

The server is started with --expose-app-in-browser so that the test can press Run All and save
(window.jupyterapp); the charts' scripts never use it.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from browser import evaluate, free_port, loopback_chromium, page_errors, wait_for

ROOT = Path(__file__).resolve().parents[4]
VENV = Path(os.environ.get("MUONLAB_VENV", ROOT / ".venv"))
PLOTLY_PACKAGE = Path(os.environ.get("MUONLAB_PLOTLY_PACKAGE", ROOT / ".muonlab" / "plotly"))
WELCOME = ROOT / "notebooks" / "00-welcome.ipynb"
PRETRAINING = ROOT / "notebooks" / "05-pretraining.ipynb"
NEWTON_SCHULZ = ROOT / "notebooks" / "01-newton-schulz.ipynb"
WELCOME_TITLES = ["One and three steps of the cubic map", "Cubic Newton-Schulz: distance to the polar factor"]
WELCOME_LIVE = WELCOME_TITLES[1]
WELCOME_STEPS = 12      # maxSteps at smoke size: the live chart's points at the end
LOSS_CHART = "Tiny Shakespeare: loss against step"
UPDATE_RMS_CHART = "Update RMS per parameter shape (out, in) and group, last recorded step"
TOKEN = "muonlab-lab-test"
# Page errors a stock JupyterLab 4.6 logs on its own here; none comes from Muon Lab's outputs.
KNOWN_ERRORS = [
    # its debugger extension, for a kernel whose kernelspec says "debugger": false (ours: JShell has none),
    # still asks the debugger service to list modules (displayModules), which throws; nothing shows in the page
    "No active debugger session",
]
# Notebook 7.6.3's own page (notebook_core.js) logs these when it opens a notebook here, before any cell
# runs; not root-caused (no output of ours is involved: they come from its settings and its router).
KNOWN_NOTEBOOK7_ERRORS = ["Cannot read properties of undefined (reading 'schema')",
                          "Command 'filebrowser:open-path' not registered"]

# skipped without the venv, unless the test suite asks for it (it installs the venv first)
pytestmark = pytest.mark.skipif(not (VENV / "bin" / "jupyter-lab").exists() and os.environ.get("MUONLAB_REQUIRE_LAB") != "1",
                                reason=f"no JupyterLab in {VENV}: run ./muonlab install-deps test")


class Lab:
    """A jupyter lab server in a temporary folder, with notebooks 00 and 05 copied into it."""

    def __init__(self, with_plotly):
        self.with_plotly = with_plotly
        self.work = Path(tempfile.mkdtemp(prefix="muonlab-lab-"))
        self.nb = self.work / "nb"
        self.nb.mkdir()
        shutil.copy(WELCOME, self.nb / "welcome.ipynb")
        shutil.copy(PRETRAINING, self.nb / "pretraining.ipynb")
        shutil.copy(NEWTON_SCHULZ, self.nb / "newton-schulz.ipynb")
        subprocess.run([str(ROOT / "muonlab"), "install-kernel", "--jupyter-path", str(self.work / "jupyter")],
                       check=True, stdout=subprocess.DEVNULL)
        paths = [str(self.work / "jupyter")]
        if with_plotly:
            labextension = PLOTLY_PACKAGE / "share" / "jupyter" / "labextensions" / "jupyterlab-plotly"
            assert labextension.is_dir(), f"no plotly package in {PLOTLY_PACKAGE}: run ./muonlab install-deps test"
            paths.append(str(PLOTLY_PACKAGE / "share" / "jupyter"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, MUONLAB_SMOKE="1", JUPYTER_PATH=os.pathsep.join(paths),
                   JUPYTER_DATA_DIR=str(self.work / "data"), JUPYTER_CONFIG_DIR=str(self.work / "config"),
                   JUPYTER_RUNTIME_DIR=str(self.work / "runtime"), JUPYTER_PLATFORM_DIRS="1")
        self.log = open(self.work / "server.log", "w")
        self.proc = subprocess.Popen(
            [str(VENV / "bin" / "jupyter-lab"), "--allow-root", "--no-browser", f"--port={self.port}",
             "--ip=127.0.0.1", f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={self.nb}",
             "--expose-app-in-browser", "--JupyterNotebookApp.expose_app_in_browser=True",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{self.base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("jupyter lab did not start: " + self.server_log())
                time.sleep(0.5)

    def server_log(self):
        return (self.work / "server.log").read_text()[-3000:]

    def labextensions(self):
        with urllib.request.urlopen(f"{self.base}/lab/api/extensions?token={TOKEN}", timeout=10) as r:
            return [e["name"] for e in json.load(r) if e.get("enabled")]

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)


@pytest.fixture(scope="module", params=[False, True], ids=["without-plotly", "with-plotly"])
def lab(request):
    server = Lab(request.param)
    yield server
    server.close()


@pytest.fixture(scope="module")
def page():
    with loopback_chromium() as chromium:
        yield chromium


PANEL = "window.muonlabTestPanel"   # the notebook's panel, set by open_notebook
KERNEL_IDLE = (f"!!({PANEL} && {PANEL}.sessionContext && {PANEL}.sessionContext.session"
               f" && {PANEL}.sessionContext.session.kernel && {PANEL}.sessionContext.session.kernel.connectionStatus === 'connected'"
               f" && {PANEL}.sessionContext.session.kernel.status === 'idle')")
ALL_RUN = (f"({KERNEL_IDLE}) && {PANEL}.content.widgets.filter(c => c.model.type === 'code')"
           f".every(c => c.model.executionCount !== null) && !Array.from({PANEL}.node.querySelectorAll('.jp-InputPrompt'))"
           ".some(p => p.textContent.includes('*'))")
ERRORS = (f"{PANEL}.content.widgets.filter(c => c.model.type === 'code').flatMap(c => c.model.outputs.toJSON())"
          ".filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)")
# Every Plotly chart in the page: title, traces drawn, points drawn, background and title colour.
CHARTS = """
Array.from((window.muonlabTestPanel ? muonlabTestPanel.node : document).querySelectorAll('.js-plotly-plot')).map(div => {
  const svg = div.querySelector('svg.main-svg'), title = div.querySelector('.gtitle');
  return {title: title ? title.textContent : '', hasSvg: !!svg,
          traces: div.querySelectorAll('.scatterlayer .trace, .barlayer .trace').length,
          points: div.querySelectorAll('.scatterlayer .point').length,
          background: svg ? getComputedStyle(svg).backgroundColor : '',
          titleFill: title ? getComputedStyle(title).fill : '',
          muonlab: !!div.closest('.muonlab-plotly')};
})
"""


def open_notebook(chromium, lab, name, frontend="lab"):
    # save the notebook open now, so that leaving the page asks nothing (a beforeunload prompt); one whose
    # server is gone (the previous module's) is marked clean
    evaluate(chromium, f"(window.muonlabTestPanel && {PANEL}.context ? {PANEL}.context.save() : Promise.resolve())"
                       f".then(() => true, () => {{ {PANEL}.context.model.dirty = false; return false; }})", await_promise=True)
    chromium.events.clear()
    # JupyterLab: a fresh workspace (?reset), so that only this notebook opens. Otherwise the layout restorer reopens
    # the earlier tests' notebooks as background tabs, each restoring its own kernel's widgets, and their page
    # errors (two "widget model not found" for notebook 05's saved widget views, on a loaded CI machine,
    # 2026-12-05; not reproduced on an idle one) would be charged to this notebook.
    path = f"/lab/tree/{name}?reset&" if frontend == "lab" else f"/notebooks/{name}?"
    chromium.call("Page.navigate", url=f"{lab.base}{path}token={TOKEN}")
    chromium.call("Emulation.setFocusEmulationEnabled", enabled=True)
    wait_for(chromium, f"!!(window.jupyterapp && ({PANEL} = Array.from(jupyterapp.shell.widgets('main'))"
                       f".find(w => w.context && w.context.path === '{name}')))", 60, f"{name} to open")
    evaluate(chromium, f"jupyterapp.shell.activateById({PANEL}.id); true")
    wait_for(chromium, KERNEL_IDLE, 120, f"the kernel of {name}")


def run_all(chromium, seconds):
    evaluate(chromium, f"jupyterapp.commands.execute('notebook:run-all-cells'); true")
    chromium.drain(2)
    wait_for(chromium, ALL_RUN, seconds, "all cells to run")
    chromium.drain(3)   # the last updates and drawings
    assert evaluate(chromium, ERRORS) == []


def charts(chromium):
    return evaluate(chromium, CHARTS)


def chart(chromium, title):
    found = [c for c in charts(chromium) if c["title"] == title]
    assert len(found) == 1, f"one chart {title!r} expected: {charts(chromium)}"
    return found[0]


def assert_no_page_errors(chromium, lab, frontend="lab"):
    known = KNOWN_ERRORS + (KNOWN_NOTEBOOK7_ERRORS if frontend == "notebook7" else [])
    found = [e for e in page_errors(chromium.events) if not any(k in e for k in known)]
    assert found == [], "page errors:\n" + "\n".join(e[:400] for e in found) + "\nserver log:\n" + lab.server_log()[-1500:]


def progress_texts(chromium):
    return evaluate(chromium, "Array.from((window.muonlabTestPanel ? muonlabTestPanel.node : document).querySelectorAll('.muonlab-progress')).map(e => e.textContent)")


def test_the_plotly_renderer_is_there_only_when_asked_for(lab):
    assert ("jupyterlab-plotly" in lab.labextensions()) == lab.with_plotly


def test_welcome_run_all(page, lab):
    open_notebook(page, lab, "welcome.ipynb")
    run_all(page, 180)
    # with the plotly package, the static chart took its JSON and its HTML (which carried plotly.js) never
    # ran: the live chart asks the kernel for the library first (2 s after the page loaded, then its reply)
    wait_for(page, CHARTS.strip() + f".filter(c => c.title === '{WELCOME_LIVE}' && c.points === {WELCOME_STEPS}).length === 1",
             30, "the live chart's last state")
    drawn = [c for c in charts(page) if c["hasSvg"] and c["traces"] >= 1]
    assert sorted(c["title"] for c in drawn) == sorted(WELCOME_TITLES), charts(page)
    live = chart(page, WELCOME_LIVE)
    assert live["points"] == WELCOME_STEPS, f"the live chart shows {live['points']} of {WELCOME_STEPS} points: {live}"
    assert live["muonlab"], "live charts are drawn by Muon Lab's own output, whatever renderers Jupyter has"
    texts = progress_texts(page)
    assert len(texts) == 1 and "100% (" in texts[0], texts
    assert "done in" in texts[0] and "ETA" not in texts[0], texts
    numbers = evaluate(page, "Array.from((window.muonlabTestPanel ? muonlabTestPanel.node : document).querySelectorAll('.muonlab-table td')).map(e => e.textContent)")
    assert numbers and not [n for n in numbers if re.search(r"\d{8,}", n)], f"long numbers in tables: {numbers[:20]}"
    assert_no_page_errors(page, lab)


def test_welcome_charts_draw_offline_after_reload_without_a_copy_of_plotly(page, lab):
    """Issue 18's fix 2: the page asks the running kernel for plotly.js, in JupyterLab and Notebook 7."""
    if lab.with_plotly:
        pytest.skip("the plotly package's renderer draws the static chart itself; checked without it")
    # Re-run the first chart's cell: its new output does not carry plotly.js (the session sent it already).
    evaluate(page, f"(() => {{ const nb = {PANEL}.content; nb.activeCellIndex = nb.widgets.findIndex("
                   "c => c.model.type === 'code' && c.model.sharedModel.getSource().startsWith('new Figure('));"
                   " return jupyterapp.commands.execute('notebook:run-cell'); })()", await_promise=True)
    wait_for(page, ALL_RUN, 60, "the chart cell")
    page.drain(1)
    saved = evaluate(page, f"{PANEL}.context.save().then(() => true)", await_promise=True)
    assert saved
    text = (lab.nb / "welcome.ipynb").read_text()
    assert "data-muonlab-plotly-bundle" not in text, "the saved notebook should have lost its copy of plotly.js"
    for frontend in ("lab", "notebook7"):
        open_notebook(page, lab, "welcome.ipynb", frontend)
        wait_for(page, "(window.muonlabTestPanel ? muonlabTestPanel.node : document).querySelectorAll('.muonlab-plotly .main-svg').length >= 2", 90,
                 f"the charts to draw in {frontend}")
        drawn = sorted(c["title"] for c in charts(page) if c["traces"] >= 1)
        assert drawn == sorted(WELCOME_TITLES), (frontend, charts(page))
        assert_no_page_errors(page, lab, frontend)


def test_an_untrusted_notebook_says_why_its_charts_are_not_drawn(page, lab):
    """Issue 18's fix 3: an executed notebook from elsewhere (not signed here) runs no scripts."""
    if lab.with_plotly:
        pytest.skip("the plotly package's renderer draws untrusted charts itself; checked without it")
    executed = json.loads((lab.nb / "welcome.ipynb").read_text())
    executed["metadata"]["copied"] = True            # a different notebook: its signature is not known here
    (lab.nb / "untrusted.ipynb").write_text(json.dumps(executed))
    open_notebook(page, lab, "untrusted.ipynb")
    page.drain(3)
    assert evaluate(page, f"{PANEL}.content.widgets.filter(c => c.model.type === 'code').map(c => c.model.trusted)"
                          ".every(t => t === false)"), "the copy is not trusted"
    areas = evaluate(page, f"Array.from({PANEL}.node.querySelectorAll('.muonlab-plotly')).map(d => d.textContent)")
    assert len(areas) == 2, areas
    for text in areas:
        assert "not trusted" in text and "Trust" in text, areas


def test_pretraining_run_all(page, lab):
    dark = not lab.with_plotly
    open_notebook(page, lab, "pretraining.ipynb")
    if dark:
        evaluate(page, "jupyterapp.commands.execute('apputils:change-theme', {theme: 'JupyterLab Dark'}).then(() => true)",
                 await_promise=True)
        wait_for(page, "document.body.dataset.jpThemeLight === 'false'", 30, "the dark theme")
    run_all(page, 300)
    loss = chart(page, LOSS_CHART)
    # three runs, each a training and a validation trace, and the target line added by the last update
    assert loss["traces"] == 7, f"the live loss chart: {loss}"
    assert loss["muonlab"]
    texts = progress_texts(page)
    assert len(texts) == 5, texts
    for text in texts:
        assert "100% (" in text and "done in" in text and "ETA" not in text, texts
    first = evaluate(page, f"{PANEL}.content.widgets.find(c => c.model.type === 'code').model.outputs.length")
    assert first == 0, "the parameter cell shows no value"
    overlap = evaluate(page, """(() => {
        const div = Array.from((window.muonlabTestPanel ? muonlabTestPanel.node : document).querySelectorAll('.js-plotly-plot'))
            .find(d => (d.querySelector('.gtitle') || {}).textContent === '%s');
        const ticks = Array.from(div.querySelectorAll('.xtick text')).map(t => t.getBoundingClientRect());
        const title = div.querySelector('.xtitle'), svg = div.querySelector('svg.main-svg').getBoundingClientRect();
        return {ticks: ticks.length, ticksBottom: Math.max(...ticks.map(r => r.bottom)), svgBottom: svg.bottom,
                titleTop: title && title.textContent ? title.getBoundingClientRect().top : null};
    })()""" % UPDATE_RMS_CHART)
    assert overlap["ticks"] > 0 and overlap["ticksBottom"] <= overlap["svgBottom"], f"tick labels cut off: {overlap}"
    assert overlap["titleTop"] is None or overlap["ticksBottom"] <= overlap["titleTop"], f"tick labels run into the axis title: {overlap}"
    if dark:
        for c in charts(page):
            assert c["background"] in ("rgba(0, 0, 0, 0)", "transparent"), f"a white box in the dark theme: {c}"
            if c["title"]:
                assert light(c["titleFill"]), f"dark title text in the dark theme: {c}"
    assert_no_page_errors(page, lab)


EXTRA_CHART = "Tiny Shakespeare: one more run against the saved curves"
# notebook 05's extra-run panel: its status line, its buttons' places and states, its chart's legend
EXTRA_PANEL = """
(() => {
  const root = window.muonlabTestPanel.node;
  const button = name => Array.from(root.querySelectorAll('button.jupyter-button')).find(b => b.textContent.trim() === name);
  const run = button('Run'), stop = button('Stop');
  if (!run || !stop) return null;
  const centre = b => { const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; };
  const status = Array.from(root.querySelectorAll('.widget-output')).map(o => o.textContent.trim()).find(t => t.startsWith('extra: ')
      || t.startsWith('Pick an optimizer')) || '';
  const gd = Array.from(root.querySelectorAll('.js-plotly-plot')).find(d => ((d.querySelector('.gtitle') || {}).textContent || '') === '%s');
  return {run: centre(run), stop: centre(stop), runDisabled: run.disabled, stopDisabled: stop.disabled, status: status,
          legend: gd ? Array.from(gd.querySelectorAll('.legendtext')).map(t => t.textContent) : null};
})()
""" % EXTRA_CHART


def click(chromium, xy):
    for kind in ("mousePressed", "mouseReleased"):
        chromium.call("Input.dispatchMouseEvent", type=kind, x=xy[0], y=xy[1], button="left", clickCount=1)


def test_pretraining_extra_run_started_and_stopped_by_mouse(page, lab):
    """Notebook 05's extra run (after test_pretraining_run_all): Run and Stop clicked with real mouse events."""
    if evaluate(page, f"window.muonlabTestPanel ? {PANEL}.context.path : ''") != "pretraining.ipynb":
        open_notebook(page, lab, "pretraining.ipynb")   # run alone (-k): its kernel has not run the notebook
        run_all(page, 300)
    # the smoke run's 12 extra steps end too soon to press Stop in between: re-run the cell with 400
    evaluate(page, f"(() => {{ const nb = {PANEL}.content; nb.activeCellIndex = nb.widgets.findIndex("
                   "c => c.model.type === 'code' && c.model.sharedModel.getSource().includes('extraRun('));"
                   " const cell = nb.widgets[nb.activeCellIndex];"
                   " cell.model.sharedModel.setSource(cell.model.sharedModel.getSource().replace('SmokeMode.choose(500, 12)', '400'));"
                   " return jupyterapp.commands.execute('notebook:run-cell'); })()", await_promise=True)
    wait_for(page, ALL_RUN, 120, "the extra-run cell")
    wait_for(page, f"(() => {{ const e = {EXTRA_PANEL.strip()}; return e && e.status.startsWith('Pick an optimizer')"
                   " && e.legend && e.legend.length > 0; })()", 60, "the new panel and its chart")
    page.call("Runtime.evaluate", expression=f"Array.from({PANEL}.node.querySelectorAll('button.jupyter-button'))"
              ".find(b => b.textContent.trim() === 'Run').scrollIntoView({block: 'center'})")
    page.drain(1)
    panel = evaluate(page, EXTRA_PANEL)
    assert panel["stopDisabled"] and not panel["runDisabled"], panel
    assert "400 steps" in panel["status"], panel
    click(page, panel["run"])
    wait_for(page, f"(() => {{ const e = {EXTRA_PANEL.strip()}; return e && !e.stopDisabled"
                   " && /^extra: adamw, lr 0.001: step [0-9]+\\/400/.test(e.status); })()", 120, "the run's progress")
    click(page, evaluate(page, EXTRA_PANEL)["stop"])
    wait_for(page, f"(() => {{ const e = {EXTRA_PANEL.strip()}; return e && e.status.includes('stopped by Stop'); }})()",
             60, "the run stopped")
    panel = evaluate(page, EXTRA_PANEL)
    stopped_at = int(re.search(r"stopped by Stop at step (\d+) of 400", panel["status"]).group(1))
    assert 1 <= stopped_at < 400, panel["status"]
    assert not panel["runDisabled"] and panel["stopDisabled"], panel
    assert "extra: adamw, lr 0.001 train" in panel["legend"] and "AdamW val" in panel["legend"], panel["legend"]
    assert_no_page_errors(page, lab)


def light(css_colour):
    r, g, b = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return 0.299 * r + 0.587 * g + 0.114 * b > 128


# In notebook 01's explorer: the "steps q" slider's value shown, and the first chart below the controls (the scalar
# map after each step: one line per step and the target line) with its title and each trace's y values.
EXPLORER = """
(() => {
  const root = window.muonlabTestPanel.node;
  const slider = Array.from(root.querySelectorAll('.widget-slider')).find(s => s.querySelector('.widget-label')
      && s.querySelector('.widget-label').textContent.trim() === 'steps q');
  if (!slider) return null;
  const charts = Array.from(root.querySelectorAll('.widget-output .js-plotly-plot'))
      .filter(d => ((d.querySelector('.gtitle') || {}).textContent || '').startsWith('Scalar map of'));
  const gd = charts[0];
  const h = slider.querySelector('.noUi-handle').getBoundingClientRect(), t = slider.querySelector('.noUi-target').getBoundingClientRect();
  return {readout: slider.querySelector('.widget-readout').textContent.trim(), charts: charts.length,
          title: gd ? gd.querySelector('.gtitle').textContent : null,
          ys: gd && gd.data ? gd.data.map(t => Array.from(t.y).slice(0, 50)) : null,
          drawnTraces: gd ? gd.querySelectorAll('.scatterlayer .trace').length : 0,
          handle: [h.x + h.width / 2, h.y + h.height / 2], target: [t.x, t.width]};
})()
"""


def kernel_value(chromium, code):
    """text/plain of code run in the notebook's kernel by the page's own kernel connection (as a console would)."""
    return evaluate(chromium, """(async () => { const k = window.muonlabTestPanel.sessionContext.session.kernel;
        const f = k.requestExecute({code: %s, store_history: false}); let out = null;
        f.onIOPub = m => { if (m.header.msg_type === 'execute_result') out = m.content.data['text/plain']; };
        await f.done; return out; })()""" % json.dumps(code), await_promise=True)


def test_newton_schulz_slider_drag_runs_java_and_redraws_the_chart(page, lab):
    """Issue 18, section 4: notebook 01, a slider dragged with real input events (not a kernel message)."""
    open_notebook(page, lab, "newton-schulz.ipynb")
    run_all(page, 300)
    wait_for(page, f"(() => {{ const e = {EXPLORER.strip()}; return e && e.charts === 1 && e.drawnTraces > 0; }})()", 60,
             "the explorer's controls and chart")
    page.call("Runtime.evaluate", expression="Array.from(window.muonlabTestPanel.node.querySelectorAll('.widget-slider'))"
              ".find(s => s.textContent.includes('steps q')).scrollIntoView({block: 'center'})")
    page.drain(1)
    before = evaluate(page, EXPLORER)
    q0 = int(before["readout"])
    assert q0 == 5 and before["drawnTraces"] == q0 + 1, f"q = 5 (smoke): five step lines and the target: {before}"
    assert kernel_value(page, "qS.value()") == str(q0)
    # Drag the handle past the right end of the track (q's maximum at smoke size: 8), with mouse moves in between.
    (hx, hy), (tx, tw) = before["handle"], before["target"]
    end = tx + tw + 20
    page.call("Input.dispatchMouseEvent", type="mousePressed", x=hx, y=hy, button="left", clickCount=1)
    for i in range(1, 31):
        page.call("Input.dispatchMouseEvent", type="mouseMoved", x=hx + (end - hx) * i / 30, y=hy, button="left", buttons=1)
        time.sleep(0.02)
    page.call("Input.dispatchMouseEvent", type="mouseReleased", x=end, y=hy, button="left", clickCount=1)
    wait_for(page, f"(() => {{ const e = {EXPLORER.strip()}; return e && e.readout === '8' && e.drawnTraces === 9; }})()", 120,
             "q = 8 and the chart redrawn with eight step lines and the target")
    after = evaluate(page, EXPLORER)
    # the Java side: the slider's model in the kernel has the dragged value, and interact recomputed from it
    assert kernel_value(page, "qS.value()") == "8"
    assert int(kernel_value(page, "explorer.computations()")) >= 2, "interact's function ran again in the kernel"
    assert after["title"] != before["title"] and "8" in after["title"], (before["title"], after["title"])
    assert after["ys"][:q0] != before["ys"][:q0] or len(after["ys"]) != len(before["ys"])
    assert len(after["ys"]) == 9
    assert evaluate(page, ERRORS) == []
    # Page errors besides KNOWN_ERRORS (each named there, with why it is ignored): none.
    assert_no_page_errors(page, lab)

