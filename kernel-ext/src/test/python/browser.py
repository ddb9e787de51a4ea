"""Opens a page in headless Chromium with the network off and reports what a person would see.

Talks the Chrome DevTools Protocol over a WebSocket (Debian's python3-websocket): collects console
errors, uncaught exceptions and failed resource loads, then inspects every Plotly chart's SVG
(traces drawn, title text). No network: a proxy that does not exist catches every request that is
not a local file, so a chart that needed a CDN fails here as it would offline.
"""
import contextlib
import json
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websocket

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
    # Network off: every http(s) request goes to a proxy that does not exist.
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    "--remote-debugging-port=0", "--window-size=1280,2000",
]

# Runs in the page after load: one entry per Plotly chart.
CHARTS_JS = """
Array.from(document.querySelectorAll('.js-plotly-plot')).map(div => ({
  id: div.id,
  traces: div.querySelectorAll('g.trace, g.scatterlayer .trace, g.barlayer .trace, g.heatmaplayer .hm').length,
  title: (div.querySelector('.gtitle') || {}).textContent || '',
  hasSvg: !!div.querySelector('svg.main-svg')
}))
"""


@dataclass
class PageReport:
    errors: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    plotly_divs_expected: int = 0


class Chromium:
    """A headless Chromium with a DevTools connection to one page. Use as a context manager."""

    def __init__(self, binary="chromium"):
        self.binary = shutil.which(binary) or binary
        self.profile = tempfile.mkdtemp(prefix="muonlab-chromium-")
        self.proc = None
        self.ws = None
        self.next_id = 0
        self.events = []

    def __enter__(self):
        self.proc = subprocess.Popen([self.binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        browser_url = self._devtools_url()
        port = re.search(r":(\d+)/", browser_url).group(1)
        targets = json.loads(subprocess.check_output(["curl", "-s", f"http://127.0.0.1:{port}/json/list"]))
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable")
        return self

    def __exit__(self, *exc):
        if self.ws:
            self.ws.close()
        if self.proc:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _devtools_url(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError("chromium exited before DevTools started")
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                return match.group(1)
        raise RuntimeError("chromium did not start DevTools within 30 s")

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def drain(self, seconds):
        """Collects events for `seconds` (scripts drawing charts, late errors)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        self.ws.settimeout(60)

    def open(self, path: Path, settle_seconds=3.0) -> PageReport:
        self.events.clear()
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + 60
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path}: page did not load within 60 s")
            self.drain(0.5)
        self.drain(settle_seconds)
        charts = self.call("Runtime.evaluate", expression=CHARTS_JS, returnByValue=True)["result"].get("value", [])
        return PageReport(errors=page_errors(self.events), charts=charts)


def page_errors(events):
    """Console errors, uncaught exceptions and failed loads, as readable lines."""
    errors = []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            errors.append(f"uncaught: {text}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            errors.append(f"console.error: {args}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            errors.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            errors.append(f"load failed: {params.get('errorText')} (request {params.get('requestId')})")
    return errors


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago (for a test server)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def loopback_chromium():
    """Chromium that reaches servers on 127.0.0.1 (a Jupyter server under test) but nothing else."""
    global CHROMIUM_FLAGS
    saved = CHROMIUM_FLAGS
    CHROMIUM_FLAGS = [f for f in saved if not f.startswith("--proxy-bypass-list")] + ["--proxy-bypass-list=127.0.0.1"]
    try:
        with Chromium() as chromium:
            yield chromium
    finally:
        CHROMIUM_FLAGS = saved


def evaluate(chromium, js, await_promise=False, strict=True):
    """The value of the expression js in the page; strict: an exception in it fails the test, else None."""
    result = chromium.call("Runtime.evaluate", expression=js, returnByValue=True, awaitPromise=await_promise)
    if strict and "exceptionDetails" in result:
        raise AssertionError(f"{js[:80]}...: {result['exceptionDetails']}")
    return result["result"].get("value")


def wait_for(chromium, js, seconds, what, poll=0.5, strict=True, await_promise=False):
    """Polls js until it is truthy, draining the page's events every poll seconds; fails after seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        chromium.drain(poll)
        if evaluate(chromium, js, await_promise=await_promise, strict=strict):
            return
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")
