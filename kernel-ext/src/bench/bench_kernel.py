"""Kernel performance benchmark: start to first result, empty-cell round trip, memory with ND4J and Tablesaw.

Goals (issue 2, section 6): start to first cell result <= 2 s; empty cell round trip <= 50 ms (median);
resident memory after loading ND4J and Tablesaw <= 600 MB. Talks to the kernel with jupyter_client exactly as
Jupyter does, starting it from the kernelspec that `./muonlab install-kernel` writes (JAVA_HOME picks the JDK).
Prints the figures with the machine, JDK, date and load average (the machine is shared: timings are noisy).
"""
import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import KernelManager

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "kernel-ext" / "src" / "test" / "python"))
import kernel_harness as kh  # noqa: E402

GOAL_START_S = 2.0
GOAL_ROUND_TRIP_MS = 50.0
GOAL_RSS_MB = 600.0


def run_cell(kc, code, timeout=120):
    """Executes code; returns (seconds from send to execute_reply, execute_result text/plain or None)."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - t0
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{code!r} failed: {reply['content']}")
    return elapsed, result


def start_until_ready():
    """Starts a kernel from its kernelspec; returns (manager, client, start time, seconds to ready)."""
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=kh.KERNEL_NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc, t0, time.perf_counter() - t0


def start_to_first_result():
    """Seconds from starting the kernel process to receiving the first cell's result, and to ready."""
    km, kc, t0, ready = start_until_ready()
    run_cell(kc, "1 + 1")
    first = time.perf_counter() - t0
    return km, kc, ready, first


# A first cell naming imports from each start-up source: JShell's defaults, Tablesaw, the Muon Lab library.
IMPORTS_CELL = 'List.of(Table.create("t").rowCount(), NsConfig.class.getSimpleName().length())'


def start_to_first_import_result():
    """Seconds from starting the kernel process to the result of IMPORTS_CELL."""
    km, kc, t0, _ = start_until_ready()
    _, value = run_cell(kc, IMPORTS_CELL)
    assert value == "[0, 8]", value
    seconds = time.perf_counter() - t0
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return seconds


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def machine():
    model = "unknown CPU"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    return f"{model}, {os.cpu_count()} cores"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=3, help="fresh kernel starts to time (median reported)")
    parser.add_argument("--round-trips", type=int, default=200, help="empty cells to time")
    args = parser.parse_args()

    jupyter_dir = Path(tempfile.mkdtemp(prefix="muonlab-kernel-bench-"))
    os.environ["JUPYTER_PATH"] = str(jupyter_dir)
    spec = kh.install_kernelspec(jupyter_dir, jupyter_dir / "kernel.log")
    java = spec["argv"][0]
    jdk = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]

    starts, readies = [], []
    import_starts = [start_to_first_import_result() for _ in range(args.starts)]
    km = kc = None
    try:
        for _ in range(args.starts):
            if km is not None:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
            km, kc, ready, first = start_to_first_result()
            readies.append(ready)
            starts.append(first)

        for _ in range(20):  # warm-up
            run_cell(kc, "")
        trips = sorted(run_cell(kc, "")[0] * 1000 for _ in range(args.round_trips))
        median_trip = statistics.median(trips)
        p90_trip = trips[int(0.9 * (len(trips) - 1))]

        pid = km.provisioner.process.pid
        rss_idle = rss_mb(pid)
        load = ("var benchArray = org.nd4j.linalg.factory.Nd4j.rand(256, 256);\n"
                "var benchTable = tech.tablesaw.api.Table.create(\"bench\",\n"
                "    tech.tablesaw.api.DoubleColumn.create(\"x\", new double[]{1, 2, 3}));\n"
                "benchArray.mmul(benchArray).sumNumber().doubleValue() > 0 && benchTable.rowCount() == 3")
        _, ok = run_cell(kc, load)
        assert ok == "true", ok
        time.sleep(1.0)
        rss_loaded = rss_mb(pid)
    finally:
        if km is not None:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    def verdict(value, goal):
        return "ok" if value <= goal else "ABOVE GOAL"

    first_median = statistics.median(starts)
    print(f"Muon Lab kernel benchmark, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} (shared machine: timings are noisy)")
    print(f"JDK: {jdk}")
    print(f"start to ready (kernel_info answered): median {statistics.median(readies):.2f} s over {len(readies)}")
    print(f"start to first cell result: median {first_median:.2f} s over {len(starts)} "
          f"({', '.join(f'{s:.2f}' for s in starts)}) goal <= {GOAL_START_S} s: {verdict(first_median, GOAL_START_S)}")
    print(f"start to first result of a cell naming start-up imports ({IMPORTS_CELL}): median "
          f"{statistics.median(import_starts):.2f} s ({', '.join(f'{s:.2f}' for s in import_starts)})")
    print(f"empty cell round trip: median {median_trip:.1f} ms, p90 {p90_trip:.1f} ms over {len(trips)} "
          f"goal <= {GOAL_ROUND_TRIP_MS} ms: {verdict(median_trip, GOAL_ROUND_TRIP_MS)}")
    print(f"resident memory: {rss_idle:.0f} MB idle, {rss_loaded:.0f} MB with ND4J and Tablesaw loaded "
          f"goal <= {GOAL_RSS_MB} MB: {verdict(rss_loaded, GOAL_RSS_MB)}")


if __name__ == "__main__":
    main()
