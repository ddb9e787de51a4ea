"""Starts the Muon Lab kernel from its kernelspec and talks to it with jupyter_client, as a real client does.

The kernelspec comes from the launcher (`./muonlab install-kernel --jupyter-path DIR`) when the repository has
one; otherwise it is written here exactly as the launcher writes it (JVM flags by JDK version, -Xmx from
MUONLAB_KERNEL_XMX, the log file, the class path folder kernel-ext/target/kernel/lib). Build first:
`mvn -o -q -B -pl lib,kernel-ext package -DskipTests`.
"""
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from jupyter_client.manager import KernelManager

REPO = Path(__file__).resolve().parents[4]
LIB_DIR = REPO / "kernel-ext" / "target" / "kernel" / "lib"
KERNEL_NAME = "muonlab"


def java_executable():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java") or "java"


def java_home(java):
    """The JDK home of a java executable (follows symlinks: /usr/bin/java -> /usr/lib/jvm/...)."""
    return Path(os.path.realpath(java)).parent.parent


def java_feature_version(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)', out)
    return int(m.group(1)) if m else 17


def jvm_flags(feature):
    """As the launcher: the Vector API module for the GPT's CPU kernels; JDK 24+ warns on (and will refuse)
    JNI and sun.misc.Unsafe use by ND4J; JDK 17 rejects the second flag."""
    flags = ["--add-modules", "jdk.incubator.vector"]
    if feature >= 24:
        flags += ["--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"]
    return flags


def launcher_supports_install():
    launcher = REPO / "muonlab"
    if not os.access(launcher, os.X_OK):
        return False
    out = subprocess.run([str(launcher), "--help"], capture_output=True, text=True)
    return "install-kernel" in out.stdout + out.stderr


def install_kernelspec(jupyter_dir, log_file):
    """Writes kernels/muonlab/kernel.json under jupyter_dir; returns the kernelspec dict."""
    spec_dir = Path(jupyter_dir) / "kernels" / KERNEL_NAME
    if launcher_supports_install():
        subprocess.run([str(REPO / "muonlab"), "install-kernel", "--jupyter-path", str(jupyter_dir)],
                       check=True, capture_output=True)
        spec = json.loads((spec_dir / "kernel.json").read_text())
        # Point the log at the test's own file so tests can check what went to the log.
        spec["argv"] = [a for a in spec["argv"] if not a.startswith("-Dorg.slf4j.simpleLogger.logFile=")]
        main_at = spec["argv"].index("-cp")
        spec["argv"].insert(main_at, f"-Dorg.slf4j.simpleLogger.logFile={log_file}")
    else:
        java = java_executable()
        xmx = os.environ.get("MUONLAB_KERNEL_XMX", "4g")
        spec = {
            "argv": [java, *jvm_flags(java_feature_version(java)), f"-Xmx{xmx}",
                     f"-Dorg.slf4j.simpleLogger.logFile={log_file}",
                     "-cp", str(LIB_DIR / "*"),
                     "dev.muonlab.jupyter.kernel.MuonLabKernelMain", "{connection_file}"],
            "display_name": "Java (Muon Lab)",
            "language": "java",
            "interrupt_mode": "message",
        }
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    return spec


def start_kernel(extra_env=None, timeout=60):
    km = KernelManager(kernel_name=KERNEL_NAME)
    env = dict(os.environ)
    env.update(extra_env or {})
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=timeout)
    return km, kc


class Client:
    """Synchronous helpers over a KernelClient: every reply and output is matched to its request by msg_id."""

    def __init__(self, km, kc):
        self.km = km
        self.kc = kc

    def reply_to(self, msg_id, timeout=30, channel="shell"):
        get = self.kc.get_shell_msg if channel == "shell" else self.kc.control_channel.get_msg
        deadline = time.time() + timeout
        while True:
            msg = get(timeout=max(0.1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def outputs_until_idle(self, msg_id, timeout=30):
        """IOPub messages of one request, each as (arrival time, msg), up to and including status idle."""
        out = []
        deadline = time.time() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            out.append((time.time(), msg))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out

    def execute(self, code, timeout=60, **kwargs):
        """Runs code; returns (reply content, [iopub msgs other than status/execute_input])."""
        msg_id = self.kc.execute(code, **kwargs)
        outputs = self.outputs_until_idle(msg_id, timeout)
        reply = self.reply_to(msg_id, timeout)
        msgs = [m for _, m in outputs if m["msg_type"] not in ("status", "execute_input")]
        return reply["content"], msgs

    def value(self, code, timeout=60):
        """text/plain of the cell's execute_result; fails on an error."""
        reply, msgs = self.execute(code, timeout)
        assert reply["status"] == "ok", f"{code!r} failed: {reply.get('ename')}: {reply.get('evalue')}"
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        assert len(results) == 1, f"{code!r}: expected one execute_result, got {msgs}"
        return results[0]["content"]["data"]["text/plain"]

    def stdout(self, msgs):
        return "".join(m["content"]["text"] for m in msgs
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
