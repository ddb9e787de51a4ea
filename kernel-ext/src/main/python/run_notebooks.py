#!/usr/bin/python3
"""Executes notebooks headlessly with the Muon Lab kernel and writes reports.

For each notebook: the executed .ipynb and a self-contained .html (require.js inlined; plotly.js is
inlined by the kernel's chart renderer) go into the output folder. The executed .ipynb keeps the state of
the Jupyter widgets its cells made (metadata "widgets", as JupyterLab's "save widget state" writes it), so
JupyterLab shows them when it is opened; the HTML shows each widget output's static fallback instead (an
interact's first result, a slider's text), because drawing widgets there needs a script from a CDN. The
first failing cell stops that notebook; the script names the notebook and the cell, and exits non-zero if
any notebook failed.

Used by `./muonlab run` (which registers the kernel through JUPYTER_PATH) and by the test suite.
Runs on Debian's /usr/bin/python3 (nbclient, nbconvert, nbformat).
"""
import argparse
import copy
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from traitlets.config import Config

REQUIRE_JS = Path("/usr/share/javascript/requirejs/require.min.js")
MATHJAX = Path("/usr/share/javascript/mathjax/MathJax.js")
WIDGET_MIMES = ("application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json")


def first_error(nb):
    """Returns (code cell number, cell index, error output) of the first cell with an error output."""
    number = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return number, index, output
    return None


def describe(nb_path, nb, fallback):
    found = first_error(nb)
    if found is None:
        return f"{nb_path}: {fallback}"
    number, index, output = found
    source = nb.cells[index].source.strip().splitlines()
    head = source[0] if source else ""
    return (f"{nb_path}: code cell {number} (cell {index + 1} of {len(nb.cells)}) failed: "
            f"{output.get('ename')}: {output.get('evalue')}\n    first line of the cell: {head}")


def to_html(nb):
    # Without the widget state and with widget views ranked last, nbconvert adds no widget manager script (it
    # would come from a CDN) and shows each widget output's fallback: HTML, Plotly JSON or text.
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    config = Config()
    priority = HTMLExporter(template_name="lab").default_config.NbConvertBase.display_data_priority
    config.NbConvertBase.display_data_priority = [m for m in priority if m not in WIDGET_MIMES]
    exporter = HTMLExporter(template_name="lab", config=config)
    if MATHJAX.exists():
        exporter.mathjax_url = MATHJAX.as_uri() + "?config=TeX-AMS_CHTML-full,Safe"
    body, _ = exporter.from_notebook_node(nb)
    if REQUIRE_JS.exists():
        # Inline require.js so the page needs no network (nbconvert links it from a CDN).
        tag = f'<script src="{exporter.require_js_url}"></script>'
        inline = "<script>\n" + REQUIRE_JS.read_text() + "\n</script>"
        body = body.replace(tag, inline)
    return body


def run(nb_path: Path, out_dir: Path, timeout: int, kernel: str) -> bool:
    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=False, store_widget_state=True,
                            resources={"metadata": {"path": str(nb_path.parent.resolve())}})
    started = time.monotonic()
    ok = True
    try:
        client.execute()
    except CellExecutionError as e:
        print("FAILED " + describe(nb_path, nb, str(e).splitlines()[0] if str(e) else "a cell failed"),
              file=sys.stderr)
        ok = False
    except (CellTimeoutError, DeadKernelError) as e:
        print(f"FAILED {nb_path}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", file=sys.stderr)
        ok = False
    if ok and first_error(nb):  # an error output that did not stop execution
        print("FAILED " + describe(nb_path, nb, "error output"), file=sys.stderr)
        ok = False
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / nb_path.name
    nbformat.write(nb, executed)
    (out_dir / (nb_path.stem + ".html")).write_text(to_html(nb), encoding="utf-8")
    status = "ok" if ok else "FAILED"
    print(f"{status:6} {nb_path.name} in {time.monotonic() - started:.1f} s -> {executed}", file=sys.stderr)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="output folder (default: reports/)")
    parser.add_argument("--default-out", type=Path, default=Path("reports"), help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("MUONLAB_CELL_TIMEOUT", "1800")),
                        help="seconds a cell may run (default 1800)")
    parser.add_argument("--kernel", default="muonlab")
    args = parser.parse_args()
    out_dir = args.out or args.default_out
    missing = [str(p) for p in args.notebooks if not p.is_file()]
    if missing:
        print("muonlab run: no such notebook: " + ", ".join(missing), file=sys.stderr)
        return 2
    failed = [p for p in args.notebooks if not run(p, out_dir, args.timeout, args.kernel)]
    print(f"notebooks: {len(args.notebooks) - len(failed)} passed, {len(failed)} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
