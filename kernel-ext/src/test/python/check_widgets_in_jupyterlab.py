"""Manual check (not in the suite): the Java kernel's widgets in a real JupyterLab 4 with ipywidgets 8.1, driven by
headless Chromium with real key presses, mouse drags and clicks. Needs a JupyterLab in a virtual environment:

    python3 -m venv /tmp/labvenv && /tmp/labvenv/bin/pip install 'jupyterlab==4.*' 'ipywidgets==8.1.*'
    LAB_VENV=/tmp/labvenv /usr/bin/python3 kernel-ext/src/test/python/check_widgets_in_jupyterlab.py

Checks: the widgets draw (slider, dropdown, checkbox, button, log slider, boxes, output); three ArrowRight presses on
a slider redraw an interact's output; a mouse drag across another slider ends in its last value after few
recomputations; a button click reaches its Java handler; after saving and reloading the page, the widgets come
back from the running kernel with their last state. Prints what it saw and exits non-zero on a failure.
JupyterLab 4.6's debugger sidebar throws "No active debugger session" after each execution in a focused
notebook with this kernel (also without widgets); those errors are left out of the page-error check.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from browser import evaluate, free_port, loopback_chromium, page_errors, wait_for

ROOT = Path(__file__).resolve().parents[4]
LAB = Path(os.environ.get("LAB_VENV", "/tmp/labvenv"))
TOKEN = "muonlab-widgets"
CELLS = [
    'var q = intSlider("q", 2, 1, 9);\nvar it = interact(() -> "q squared is " + q.value() * q.value(), q);',
    'var n = intSlider("n", 0, 0, 100);\nvar runs = new java.util.concurrent.atomic.AtomicInteger();\n'
    'var slow = interact(() -> { runs.incrementAndGet(); try { Thread.sleep(300); } catch (InterruptedException e) { }'
    ' return "n=" + n.value(); }, n);',
    'var b = button("click me");\nvar clicks = new java.util.concurrent.atomic.AtomicInteger();\n'
    'b.onClick(x -> clicks.incrementAndGet());\n'
    'hbox(b, checkbox("tick", false), dropdown("p", List.of("fp64", "fp32"), "fp32"), logSlider("l", 1e-3, -4, 0, 0.25))',
]


def start_lab(work):
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
                     "source": c} for i, c in enumerate(CELLS)],
          "metadata": {"kernelspec": {"display_name": "Java (Muon Lab)", "language": "java", "name": "muonlab"}},
          "nbformat": 4, "nbformat_minor": 5}
    (work / "nb").mkdir()
    (work / "nb" / "w.ipynb").write_text(json.dumps(nb))
    subprocess.run([str(ROOT / "muonlab"), "install-kernel", "--jupyter-path", str(work / "jupyter")], check=True,
                   stdout=subprocess.DEVNULL)
    port = free_port()
    env = dict(os.environ, JUPYTER_PATH=f"{work / 'jupyter'}:{LAB / 'share/jupyter'}",
               JUPYTER_CONFIG_DIR=str(work / "config"), JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               JUPYTER_DATA_DIR=str(work / "data"))
    proc = subprocess.Popen([str(LAB / "bin/jupyter"), "lab", "--allow-root", "--no-browser", f"--port={port}",
                             "--ip=127.0.0.1", f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={work / 'nb'}",
                             "--LabApp.expose_app_in_browser=True"],
                            env=env, stdout=open(work / "server.log", "w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            return proc, base
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("jupyter lab did not start: " + (work / "server.log").read_text()[-2000:])


def ev(c, js):
    return evaluate(c, js, await_promise=True, strict=False)


def wait(c, js, seconds, what):
    wait_for(c, js, seconds, what, strict=False, await_promise=True)


def shown(c, text):
    return ev(c, "Array.from(document.querySelectorAll('.widget-output')).some(e => e.innerText.trim() === "
                 + json.dumps(text) + ")")


def kernel_value(c, code):
    return ev(c, """(async () => { const k = NB().sessionContext.session.kernel;
        const f = k.requestExecute({code: %s, store_history: false}); let out = null;
        f.onIOPub = m => { if (m.header.msg_type === 'execute_result') out = m.content.data['text/plain']; };
        await f.done; return out; })()""" % json.dumps(code))


def check(c, base):
    c.call("Page.navigate", url=f"{base}/lab/tree/w.ipynb?token={TOKEN}")
    wait(c, "!!window.jupyterapp && Array.from(jupyterapp.shell.widgets('main')).some(w => w.sessionContext)", 60,
         "the notebook panel")
    ev(c, "window.NB = () => Array.from(jupyterapp.shell.widgets('main')).find(w => w.sessionContext); true")
    wait(c, "(() => { try { const k = NB().sessionContext.session.kernel; return k.connectionStatus === 'connected'"
            " && k.status === 'idle'; } catch (e) { return false; } })()", 120, "the kernel")
    xy = ev(c, "(() => { const r = document.querySelector('.jp-Cell .jp-InputArea-editor').getBoundingClientRect();"
               " return [r.x + 20, r.y + 5]; })()")
    for kind in ("mousePressed", "mouseReleased"):  # focus the notebook, so that run-all has a current notebook
        c.call("Input.dispatchMouseEvent", type=kind, x=xy[0], y=xy[1], button="left", clickCount=1)
    c.drain(1)
    ev(c, "jupyterapp.commands.execute('notebook:run-all-cells')")
    wait(c, "document.querySelectorAll('.widget-slider').length >= 3 && !!document.querySelector('.widget-button')",
         120, "the widgets")
    wait(c, "NB().sessionContext.session.kernel.status === 'idle'", 60, "the cells")
    assert shown(c, "q squared is 4") and shown(c, "n=0"), "interact's first results"
    kinds = ev(c, "Array.from(new Set(Array.from(document.querySelectorAll('.jupyter-widgets')).flatMap("
                  "e => Array.from(e.classList).filter(x => /^widget-(hslider|vbox|hbox|output|button|checkbox|dropdown)$/.test(x)))))")
    print("drawn:", sorted(kinds))
    assert len(kinds) == 7, kinds

    ev(c, "document.querySelectorAll('.widget-slider .noUi-handle')[0].focus()")
    for _ in range(3):
        for kind in ("keyDown", "keyUp"):
            c.call("Input.dispatchKeyEvent", type=kind, key="ArrowRight", code="ArrowRight", windowsVirtualKeyCode=39)
    wait(c, "Array.from(document.querySelectorAll('.widget-output')).some(e => e.innerText.trim() === 'q squared is 25')",
         30, "q = 5 after three ArrowRight presses")
    print("keys: q = 5, output redrawn")

    ev(c, "document.querySelectorAll('.widget-slider')[1].scrollIntoView()")
    c.drain(0.5)
    hx, hy, tx, tw = ev(c, "(() => { const s = document.querySelectorAll('.widget-slider')[1];"
                           " const h = s.querySelector('.noUi-handle').getBoundingClientRect();"
                           " const t = s.querySelector('.noUi-target').getBoundingClientRect();"
                           " return [h.x + h.width / 2, h.y + h.height / 2, t.x, t.width]; })()")
    c.call("Input.dispatchMouseEvent", type="mousePressed", x=hx, y=hy, button="left", clickCount=1)
    for i in range(1, 61):
        c.call("Input.dispatchMouseEvent", type="mouseMoved", x=hx + (tx + tw + 20 - hx) * i / 60, y=hy,
               button="left", buttons=1)
        time.sleep(0.01)
    c.call("Input.dispatchMouseEvent", type="mouseReleased", x=tx + tw + 20, y=hy, button="left", clickCount=1)
    wait(c, "Array.from(document.querySelectorAll('.widget-output')).some(e => e.innerText.trim() === 'n=100')", 60,
         "n = 100 after the drag")
    runs = int(kernel_value(c, "runs.get()"))
    print(f"drag: n = 100 shown after {runs} computations (the first in the cell)")
    assert runs <= 20, runs

    ev(c, "Array.from(document.querySelectorAll('button.jupyter-button')).find(b => b.innerText.includes('click me')).click()")
    c.drain(1)
    assert kernel_value(c, "clicks.get()") == "1"
    print("click: the Java handler ran")
    errors = [e for e in page_errors(c.events) if "No active debugger session" not in e]
    assert errors == [], errors

    # A reloaded page gets the models from the running kernel (control comm "request_states").
    ev(c, "jupyterapp.commands.execute('docmanager:save')")
    c.drain(2)
    c.events.clear()
    c.call("Page.reload")
    wait(c, "!!window.jupyterapp && Array.from(jupyterapp.shell.widgets('main')).some(w => w.sessionContext)", 60,
         "the notebook panel after reload")
    wait(c, "document.querySelectorAll('.widget-slider').length >= 3 && Array.from(document.querySelectorAll("
            "'.widget-output')).some(e => e.innerText.trim() === 'n=100')", 60, "the widgets restored from the kernel")
    print("reload: widgets restored from the kernel, with their last state")
    errors = [e for e in page_errors(c.events) if "No active debugger session" not in e]
    assert errors == [], errors


def main():
    work = Path(tempfile.mkdtemp(prefix="muonlab-lab-widgets-"))
    proc, base = start_lab(work)
    try:
        with loopback_chromium() as c:
            check(c, base)
        print("ok")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
