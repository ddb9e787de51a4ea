"""Writes the test oracle for the Java widgets: the state ipywidgets 8.1 itself produces for each widget model.

Run with a Python that has ipywidgets 8.1.x (not needed for the tests, which read the committed JSON):
    python3 -m venv /tmp/wvenv && /tmp/wvenv/bin/pip install 'ipywidgets==8.1.*'
    /tmp/wvenv/bin/python kernel-ext/src/test/python/make_widget_states.py \
        > kernel-ext/src/test/resources/dev/muonlab/jupyter/widget/widget-states.json

Each entry is `w.get_state()` of a widget built with the same arguments as the Java test
(WidgetStateTest), with model references ("IPY_MODEL_<random id>") replaced by "IPY_MODEL_*".
"""
import json
import sys

import ipywidgets as w


def refs_masked(value):
    if isinstance(value, str) and value.startswith("IPY_MODEL_"):
        return "IPY_MODEL_*"
    if isinstance(value, list):
        return [refs_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: refs_masked(v) for k, v in value.items()}
    return value


def main():
    q = w.IntSlider(value=5, min=1, max=12, step=1, description="steps q")
    widgets = {
        "IntSlider": q,
        "FloatSlider": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.1, description="x"),
        "FloatLogSlider": w.FloatLogSlider(value=1e-3, min=-4, max=0, step=0.25, description="lower"),
        "Dropdown": w.Dropdown(options=["fp64", "fp32", "bf16"], value="fp32", description="precision"),
        "Checkbox": w.Checkbox(value=True, description="log axis"),
        "Button": w.Button(description="Run"),
        "Output": w.Output(),
        "HBox": w.HBox(children=[q]),
        "VBox": w.VBox(children=[q]),
        "Layout": q.layout,
        "SliderStyle": q.style,
        "DescriptionStyle": w.Dropdown(options=["a"]).style,
        "CheckboxStyle": w.Checkbox().style,
        "ButtonStyle": w.Button().style,
    }
    out = {
        "_note": f"ipywidgets {w.__version__} get_state() (protocol {w._version.__protocol_version__}), "
                 "made by kernel-ext/src/test/python/make_widget_states.py",
    }
    out.update({name: refs_masked(widget.get_state()) for name, widget in widgets.items()})
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
