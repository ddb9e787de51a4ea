"""Jupyter widgets from the Java kernel, checked with a real client (jupyter_client over ZeroMQ) as a frontend
would talk to it: the widget messaging protocol 2.1.0 that ipywidgets 8 frontends speak
(https://github.com/jupyter-widgets/ipywidgets/blob/main/packages/schema/messages.md).

Covered: comm_open of a model (target, metadata version, full state equal to ipywidgets 8.1's own, sent under
the cell's request), the widget view of a cell result, update -> echo_update, request_state, comm_info, the control
comm's request_states, close from either side, an Output widget inside a box, a Java listener run on a frontend
update, interact's Output redrawn, and a hundred fast updates ending in one final state with few recomputations.

Run: /usr/bin/python3 -m pytest -q -p no:cacheprovider test_widgets_protocol.py   (after building kernel-ext)
"""
import json
import os
import tempfile
import time
from pathlib import Path

import pytest

import kernel_harness as kh

JUPYTER_DIR = Path(tempfile.mkdtemp(prefix="muonlab-widget-test-"))
os.environ["JUPYTER_PATH"] = str(JUPYTER_DIR)
kh.install_kernelspec(JUPYTER_DIR, JUPYTER_DIR / "kernel.log")
ORACLE = json.loads((kh.REPO / "kernel-ext/src/test/resources/dev/muonlab/jupyter/widget/widget-states.json").read_text())
VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def kernel():
    km, kc = kh.start_kernel()
    yield kh.Client(km, kc)
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def masked(value):
    if isinstance(value, str) and value.startswith("IPY_MODEL_"):
        return "IPY_MODEL_*"
    if isinstance(value, list):
        return [masked(v) for v in value]
    return value


def comm_send(kernel, comm_id, data, msg_type="comm_msg", metadata=None, timeout=30):
    """Sends a frontend comm message; returns the IOPub messages it caused (up to its idle), statuses left out."""
    content = {"comm_id": comm_id, "data": data}
    if msg_type == "comm_open":
        content["target_name"] = data.pop("_target")
    msg = kernel.kc.session.msg(msg_type, content, metadata=metadata or {})
    kernel.kc.shell_channel.send(msg)
    outs = kernel.outputs_until_idle(msg["header"]["msg_id"], timeout)
    return [m for _, m in outs if m["msg_type"] != "status"]


def opened(msgs):
    return {m["content"]["comm_id"]: m for m in msgs if m["msg_type"] == "comm_open"}


def value(kernel, code):
    return kernel.value(code)


def test_cell_opens_the_model_with_ipywidgets_state_and_shows_its_view(kernel):
    reply, msgs = kernel.execute('var q = intSlider("steps q", 5, 1, 12);\nq')
    assert reply["status"] == "ok", reply
    opens = opened(msgs)
    assert len(opens) == 3, "layout, style, then the slider"
    result = [m for m in msgs if m["msg_type"] == "execute_result"][0]["content"]["data"]
    view = result[VIEW]
    assert view["version_major"] == 2 and view["version_minor"] == 0
    slider = opens[view["model_id"]]
    assert list(opens)[-1] == view["model_id"], "the models a widget references are opened before it"
    assert slider["content"]["target_name"] == "jupyter.widget"
    assert slider["metadata"] == {"version": "2.1.0"}
    data = slider["content"]["data"]
    assert data["buffer_paths"] == []
    assert {k: masked(v) for k, v in data["state"].items()} == ORACLE["IntSlider"], "nulls included"
    layout = opens[data["state"]["layout"][len("IPY_MODEL_"):]]["content"]["data"]["state"]
    style = opens[data["state"]["style"][len("IPY_MODEL_"):]]["content"]["data"]["state"]
    assert layout == ORACLE["Layout"]
    assert style == ORACLE["SliderStyle"]
    assert result["text/plain"] == "IntSlider(value=5, min=1, max=12, step=1, description='steps q')"


def model_id(kernel, name):
    return value(kernel, f"{name}.modelId()").strip('"')


def test_update_is_applied_and_echoed(kernel):
    kernel.execute('var e = intSlider("e", 1, 0, 10);')
    comm_id = model_id(kernel, "e")
    msgs = comm_send(kernel, comm_id, {"method": "update", "state": {"value": 7}, "buffer_paths": []})
    echoes = [m for m in msgs if m["msg_type"] == "comm_msg"]
    assert len(echoes) == 1
    assert echoes[0]["content"]["comm_id"] == comm_id
    assert echoes[0]["content"]["data"] == {"method": "echo_update", "state": {"value": 7}, "buffer_paths": []}
    assert value(kernel, "e.value()") == "7"


def test_java_change_sends_update(kernel):
    kernel.execute('var j = floatSlider("j", 0.5, 0, 1, 0.1);')
    reply, msgs = kernel.execute("j.value(0.25);")
    updates = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    assert updates == [{"method": "update", "state": {"value": 0.25}, "buffer_paths": []}]


def test_request_state_is_answered_with_the_full_state(kernel):
    kernel.execute('var d = dropdown("precision", List.of("fp64", "fp32", "bf16"), "fp32");')
    comm_id = model_id(kernel, "d")
    msgs = comm_send(kernel, comm_id, {"method": "request_state"})
    [reply] = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    assert reply["method"] == "update"
    assert {k: masked(v) for k, v in reply["state"].items()} == ORACLE["Dropdown"]


def test_comm_info_and_the_control_comm_list_every_widget(kernel):
    kernel.execute('var c = checkbox("log axis", true);')
    comm_id = model_id(kernel, "c")
    msg_id = kernel.kc.comm_info(target_name="jupyter.widget")
    comms = kernel.reply_to(msg_id)["content"]["comms"]
    assert comms[comm_id] == {"target_name": "jupyter.widget"}
    control = "control-" + str(time.time())
    comm_send(kernel, control, {"_target": "jupyter.widget.control"}, msg_type="comm_open",
              metadata={"version": "1.0.0"})
    msgs = comm_send(kernel, control, {"method": "request_states"})
    [states] = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    assert states["method"] == "update_states"
    entry = states["states"][comm_id]
    assert entry["model_name"] == "CheckboxModel"
    assert entry["model_module"] == "@jupyter-widgets/controls" and entry["model_module_version"] == "2.0.0"
    assert {k: masked(v) for k, v in entry["state"].items()} == ORACLE["Checkbox"]


def test_close_from_the_kernel_and_from_the_frontend(kernel):
    kernel.execute('var k1 = checkbox("k1", false); var k2 = checkbox("k2", false);')
    id1, id2 = model_id(kernel, "k1"), model_id(kernel, "k2")
    reply, msgs = kernel.execute("k1.close();")
    closes = [m["content"]["comm_id"] for m in msgs if m["msg_type"] == "comm_close"]
    assert closes == [id1]
    comm_send(kernel, id2, {}, msg_type="comm_close")
    assert value(kernel, "k2.isOpen()") == "false"
    msg_id = kernel.kc.comm_info(target_name="jupyter.widget")
    comms = kernel.reply_to(msg_id)["content"]["comms"]
    assert id1 not in comms and id2 not in comms
    # a message to the closed widget is ignored, and the kernel goes on
    assert comm_send(kernel, id2, {"method": "update", "state": {"value": True}}) == []
    assert value(kernel, "1 + 1") == "2"


def test_output_widget_inside_a_box(kernel):
    code = ('var o = output();\nvar s = intSlider("s", 1, 0, 3);\n'
            'o.outputs(List.of(Map.of("output_type", "display_data", "data", Map.of("text/plain", "inside"), '
            '"metadata", Map.of())));\nvbox(s, o)')
    reply, msgs = kernel.execute(code)
    assert reply["status"] == "ok", reply
    opens = opened(msgs)
    out_id, s_id = model_id(kernel, "o"), model_id(kernel, "s")
    out_state = opens[out_id]["content"]["data"]["state"]
    assert {k: masked(v) for k, v in out_state.items()} == ORACLE["Output"]
    updates = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == out_id]
    assert updates[-1]["state"]["outputs"] == [
        {"output_type": "display_data", "data": {"text/plain": "inside"}, "metadata": {}}]
    box_id = [m for m in msgs if m["msg_type"] == "execute_result"][0]["content"]["data"][VIEW]["model_id"]
    box = opens[box_id]["content"]["data"]["state"]
    assert box["_model_name"] == "VBoxModel"
    assert box["children"] == ["IPY_MODEL_" + s_id, "IPY_MODEL_" + out_id]


def test_listener_runs_java_on_a_frontend_update(kernel):
    kernel.execute('var l = intSlider("l", 0, 0, 10);\nvar seen = new java.util.concurrent.CopyOnWriteArrayList<Object>();\n'
                   'l.observe(change -> seen.add(change.key() + "=" + change.newValue() + (change.fromFrontend() ? " from the page" : "")));')
    comm_send(kernel, model_id(kernel, "l"), {"method": "update", "state": {"value": 4}, "buffer_paths": []})
    deadline = time.time() + 10
    while value(kernel, "seen.toString()") != "[value=4 from the page]" and time.time() < deadline:
        time.sleep(0.1)
    assert value(kernel, "seen.toString()") == "[value=4 from the page]"


def test_interact_shows_controls_and_redraws_its_output(kernel):
    reply, msgs = kernel.execute('var iq = intSlider("q", 2, 1, 9);\nvar it = interact(() -> "q squared is " + iq.value() * iq.value(), iq);')
    assert reply["status"] == "ok", reply
    shown = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"]
    assert len(shown) == 2, "the controls, then the result"
    assert all(VIEW in d for d in shown)
    assert shown[1]["text/plain"] == "q squared is 4", "the first result is also the static fallback"
    out_id = shown[1][VIEW]["model_id"]
    comm_send(kernel, model_id(kernel, "iq"), {"method": "update", "state": {"value": 3}, "buffer_paths": []})
    assert value(kernel, "it.awaitIdle(10000)") == "true"
    assert value(kernel, '((Map<?, ?>) it.outputs().get(0).outputs().get(0).get("data")).get("text/plain")') \
        == "q squared is 9"
    assert value(kernel, "it.outputs().get(0).modelId()").strip('"') == out_id


def test_a_hundred_fast_updates_end_in_the_last_value_with_few_recomputations(kernel):
    code = ('var runs = new java.util.concurrent.atomic.AtomicInteger();\n'
            'var n = intSlider("n", 0, 0, 1000);\n'
            'var fast = interact(() -> {\n'
            '    runs.incrementAndGet();\n'
            '    try { Thread.sleep(50); } catch (InterruptedException e) { throw new RuntimeException(e); }\n'
            '    return "n=" + n.value();\n'
            '}, n);')
    reply, _ = kernel.execute(code)
    assert reply["status"] == "ok", reply
    comm_id = model_id(kernel, "n")
    sent = []
    for v in range(1, 101):  # as a dragged slider: no waiting between updates
        msg = kernel.kc.session.msg("comm_msg", {"comm_id": comm_id,
                                                 "data": {"method": "update", "state": {"value": v}, "buffer_paths": []}})
        kernel.kc.shell_channel.send(msg)
        sent.append(msg["header"]["msg_id"])
    for msg_id in sent:
        kernel.outputs_until_idle(msg_id, timeout=60)
    assert value(kernel, "fast.awaitIdle(30000)") == "true"
    runs = int(value(kernel, "runs.get()"))
    assert value(kernel, "n.value()") == "100"
    assert value(kernel, '((Map<?, ?>) fast.outputs().get(0).outputs().get(0).get("data")).get("text/plain")') == "n=100"
    assert 2 <= runs <= 30, f"{runs} computations for 100 updates (1 in the cell, then latest-value only)"


def iopub_until(kernel, predicate, timeout):
    """IOPub messages, whatever their parent, until predicate(msg) holds; returns them. Fails after timeout s."""
    seen = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            msg = kernel.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        except Exception:  # queue.Empty
            continue
        seen.append(msg)
        if predicate(msg):
            return seen
    raise AssertionError(f"timed out after {timeout} s; last messages: {[m['msg_type'] for m in seen[-10:]]}")


def status_text(msg, status_id):
    """The status line's text if msg is an update of the status Output widget, else None."""
    if msg["msg_type"] != "comm_msg" or msg["content"]["comm_id"] != status_id:
        return None
    outputs = msg["content"]["data"].get("state", {}).get("outputs")
    return outputs[0]["data"]["text/plain"] if outputs else None


def test_notebook_05_extra_run_starts_on_a_click_reports_progress_and_stops_on_stop(kernel):
    # Notebook 05's set-up at a small size: one saved AdamW run, then the panel for a 400-step extra run.
    code = ('DataSplit data = DataSplit.tinyShakespeare();\n'
            'TrainConfig base = TrainConfig.nanoGpt(GptConfig.babyCpu(), OptimizerChoice.ADAMW, 400, 1337).withEval(20, 1);\n'
            'Trainer savedRun = Trainer.create(base.withSteps(4).withEval(2, 1), data, null).workers(1);\n'
            'savedRun.run(ProgressListener.NONE, TrainObserver.NONE);\n'
            'var savedLogs = new java.util.LinkedHashMap<String, TrainLog>();\n'
            'savedLogs.put("AdamW", savedRun.log());\n'
            'var extra = extraRun(base, data, 1, savedLogs);')
    reply, msgs = kernel.execute(code, timeout=180)
    assert reply["status"] == "ok", reply
    shown = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"]
    assert len(shown) == 2, "the controls, then the chart"
    assert "Tiny Shakespeare: one more run against the saved curves" in shown[1]["text/plain"], "the saved curves as the static fallback"
    run_id, stop_id = model_id(kernel, "extra.runButton()"), model_id(kernel, "extra.stopButton()")
    status_id, chart_id = model_id(kernel, "extra.statusOutput()"), model_id(kernel, "extra.chartOutput()")
    opens = opened(msgs)
    assert opens[run_id]["content"]["data"]["state"]["description"] == "Run"
    assert opens[stop_id]["content"]["data"]["state"]["description"] == "Stop"

    # Choose Muon (index 1) as the page does; the lr slider moves to Muon's 0.02; then 0.01 by hand.
    comm_send(kernel, model_id(kernel, "extra.optimizer()"), {"method": "update", "state": {"index": 1}, "buffer_paths": []})
    deadline = time.time() + 10
    while value(kernel, "extra.lr().value()") != "0.02" and time.time() < deadline:
        time.sleep(0.1)
    assert value(kernel, "extra.lr().value()") == "0.02"
    comm_send(kernel, model_id(kernel, "extra.lr()"), {"method": "update", "state": {"value": 0.01}, "buffer_paths": []})

    # Run: the click as the frontend sends it; the status line reports steps as the run goes.
    comm_send(kernel, run_id, {"method": "custom", "content": {"event": "click"}})
    def step_shown(m):
        text = status_text(m, status_id) or ""
        return text.startswith("extra: muon, lr 0.01: step ") and int(text.split(": step ")[1].split("/")[0]) >= 3

    progress = iopub_until(kernel, step_shown, timeout=120)
    steps_seen = [status_text(m, status_id) for m in progress if status_text(m, status_id)]
    assert any(" step " in s for s in steps_seen), steps_seen
    chart_updates = [m for m in progress if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == chart_id]
    assert chart_updates, "the chart is redrawn while the run goes"
    html = chart_updates[-1]["content"]["data"]["state"]["outputs"][0]["data"]["text/html"]
    assert "extra: muon, lr 0.01 train" in html and "AdamW val" in html, "the extra run drawn against the saved one"

    # Stop: the run ends after its current step, well before step 400, and the status line says so.
    comm_send(kernel, stop_id, {"method": "custom", "content": {"event": "click"}})
    final = iopub_until(kernel, lambda m: "stopped by Stop" in (status_text(m, status_id) or ""), timeout=60)
    text = status_text(final[-1], status_id)
    stopped_at = int(text.split("stopped by Stop at step ")[1].split(" ")[0])
    assert 3 <= stopped_at < 400, text
    assert value(kernel, "extra.awaitResult(30000).status()") == "INTERRUPTED"
    assert value(kernel, "extra.trainer().step()") == str(stopped_at)
    assert value(kernel, "extra.trainer().config().muonLr()") == "0.01"
    assert value(kernel, "extra.trainer().config().optimizer().name()") == "MUON"
    assert value(kernel, "extra.isRunning()") == "false"
    assert value(kernel, 'extra.runButton().get("disabled")') == "false", "Run is pressable again"
