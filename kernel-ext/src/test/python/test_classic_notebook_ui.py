"""Classic Notebook UI test: the Muon Lab notebook outputs work inside Jupyter Notebook's own page,
which has require.js (whose define() swallows UMD bundles such as plotly.js if nothing shields them).

A real `jupyter-notebook` server with the Muon Lab kernel, driven by headless Chromium (no network
beyond 127.0.0.1):
  1. run all cells of notebooks/00-welcome.ipynb in the page: both charts draw with their titles,
     the progress bar ends at 100 %, no cell errors, no page errors;
  2. re-run the cell whose chart carried plotly.js (so the saved notebook no longer holds a copy),
     save, reload the page: the charts still draw, the library now coming from the running kernel.
"""
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

import browser
from browser import CHARTS_JS, free_port, loopback_chromium, page_errors

ROOT = Path(__file__).resolve().parents[4]
WELCOME = ROOT / "notebooks" / "00-welcome.ipynb"
TITLES = ["One and three steps of the cubic map", "Cubic Newton-Schulz: distance to the polar factor"]
TOKEN = "muonlab-ui-test"


@pytest.fixture(scope="module")
def server():
    work = Path(tempfile.mkdtemp(prefix="muonlab-ui-"))
    (work / "nb").mkdir()
    shutil.copy(WELCOME, work / "nb" / "welcome.ipynb")
    subprocess.run([str(ROOT / "muonlab"), "install-kernel", "--jupyter-path", str(work / "jupyter")], check=True,
                   stdout=subprocess.DEVNULL)
    port = free_port()
    env = dict(os.environ, MUONLAB_SMOKE="1", JUPYTER_PATH=str(work / "jupyter"), JUPYTER_DATA_DIR=str(work / "data"),
               JUPYTER_CONFIG_DIR=str(work / "config"), JUPYTER_RUNTIME_DIR=str(work / "runtime"))
    log = open(work / "server.log", "w")
    proc = subprocess.Popen(["jupyter-notebook", "--allow-root", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                             f"--NotebookApp.token={TOKEN}", f"--notebook-dir={work / 'nb'}"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("jupyter-notebook did not start: " + (work / "server.log").read_text()[-2000:])
            time.sleep(0.5)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def page(server):
    with loopback_chromium() as chromium:
        yield chromium


def evaluate(chromium, js):
    """Lenient: before the page has loaded, Jupyter.notebook is undefined and the expression throws."""
    return browser.evaluate(chromium, js, strict=False)


def wait_for(chromium, js, seconds, what):
    browser.wait_for(chromium, js, seconds, what, poll=1, strict=False)


def open_notebook(chromium, server):
    chromium.events.clear()
    chromium.call("Page.navigate", url=f"{server}/notebooks/welcome.ipynb?token={TOKEN}")
    wait_for(chromium, "!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()"
                       " && Jupyter.notebook.kernel.info_reply && Jupyter.notebook.kernel.info_reply.protocol_version)",
             120, "the kernel")


IDLE = ("Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')"
        ".every(c => c.input_prompt_number !== null && c.input_prompt_number !== '*') && !Jupyter.notebook.kernel_busy")


def charts_with_titles(chromium):
    return sorted(chart["title"] for chart in evaluate(chromium, CHARTS_JS) if chart["hasSvg"] and chart["traces"] >= 1)


def test_run_all_in_the_classic_notebook(page, server):
    open_notebook(page, server)
    assert evaluate(page, "typeof window.define === 'function' && !!window.define.amd"), "the page has require.js"
    evaluate(page, "Jupyter.notebook.execute_all_cells(); true")
    wait_for(page, IDLE, 240, "all cells to run")
    page.drain(2)
    assert evaluate(page, "document.querySelectorAll('.output_error').length") == 0, \
        evaluate(page, "Array.from(document.querySelectorAll('.output_error')).map(e => e.textContent).join('\\n')")
    assert charts_with_titles(page) == sorted(TITLES)
    progress = evaluate(page, "Array.from(document.querySelectorAll('.muonlab-progress')).map(e => e.textContent).join('|')")
    assert "100% (" in progress, progress
    assert evaluate(page, "document.querySelectorAll('script[data-muonlab-plotly-bundle]').length") == 1, \
        "plotly.js travels with the first chart of the session only"
    assert page_errors(page.events) == []


def test_charts_draw_after_reload_when_the_saved_notebook_lost_its_copy_of_plotly(page, server):
    # re-run the cell of the first chart: its new output does not carry plotly.js (the session sent it already)
    evaluate(page, "(() => { const cells = Jupyter.notebook.get_cells();"
                   " const i = cells.findIndex(c => c.cell_type === 'code' && c.get_text().startsWith('new Figure('));"
                   " Jupyter.notebook.execute_cells([i]); return i; })()")
    wait_for(page, IDLE, 60, "the chart cell")
    page.drain(1)
    assert evaluate(page, "document.querySelectorAll('script[data-muonlab-plotly-bundle]').length") == 0
    evaluate(page, "Jupyter.notebook.save_notebook(); true")
    wait_for(page, "!Jupyter.notebook.dirty", 30, "the save")
    open_notebook(page, server)
    wait_for(page, "document.querySelectorAll('.muonlab-plotly .main-svg').length >= 2", 90, "the charts to draw")
    assert charts_with_titles(page) == sorted(TITLES)
    assert page_errors(page.events) == []
