"""Protocol tests of the Muon Lab kernel with a real Jupyter client (jupyter_client over ZeroMQ).

Run: /usr/bin/python3 -m pytest kernel-ext/src/test/python -q   (after building kernel-ext)
The kernel is started from its kernelspec (see kernel_harness). Covered: kernel_info, execute (results, errors,
silent, store_history, user_expressions), complete, inspect, is_complete, history, comm_info, interrupt, restart,
shutdown, streaming order, display / update_display / clear_output, magics, and bad input that must not kill the
kernel. Jupyter's own conformance suite (jupyter_kernel_test) runs on the same kernelspec.
"""
import os
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

import jupyter_kernel_test
import pytest

import kernel_harness as kh

JUPYTER_DIR = Path(tempfile.mkdtemp(prefix="muonlab-kernel-test-"))
LOG_FILE = JUPYTER_DIR / "kernel.log"
os.environ["JUPYTER_PATH"] = str(JUPYTER_DIR)
SPEC = kh.install_kernelspec(JUPYTER_DIR, LOG_FILE)
JAVA = SPEC["argv"][0]
FEATURE = kh.java_feature_version(JAVA)
HAS_JDK_SOURCES = (kh.java_home(JAVA) / "lib" / "src.zip").exists()

INTERRUPT_LIMIT_S = 2.0  # the goal: an infinite loop stops within 2 s


@pytest.fixture(scope="module")
def kernel():
    km, kc = kh.start_kernel()
    yield kh.Client(km, kc)
    kc.stop_channels()
    km.shutdown_kernel(now=False)


# --- Jupyter's conformance suite -------------------------------------------------------------------------------

class TestConformance(jupyter_kernel_test.KernelTests):
    kernel_name = kh.KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"
    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    completion_samples = [{"text": "System.currentTimeMi", "matches": {"currentTimeMillis()"}}]
    complete_code_samples = ["1 + 1", "int x = 1;", "class A { }", "for (int i = 0; i < 2; i++) { }"]
    incomplete_code_samples = ["for (int i = 0; i < 2; i++) {", "int y = ", "class B {"]
    invalid_code_samples = ["}", '"unterminated']
    code_page_something = "Math.abs?"
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"a" + "b"', "result": "ab"}]
    code_display_data = [{"code": 'display("shown")', "mime": "text/plain"}]
    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.abs"
    code_clear_output = "clearOutput();"


# --- kernel_info, execute ---------------------------------------------------------------------------------------

def test_kernel_info_reports_java_and_its_version(kernel):
    msg_id = kernel.kc.kernel_info()
    content = kernel.reply_to(msg_id)["content"]
    assert content["status"] == "ok"
    assert content["protocol_version"].startswith("5.")
    assert content["language_info"]["name"] == "java"
    assert content["language_info"]["version"].split(".")[0].split("+")[0] == str(FEATURE)


def test_state_persists_and_results_are_text_plain(kernel):
    assert kernel.value("int base = 20;\nbase + 1") == "21"
    assert kernel.value("base * 2") == "40"
    assert kernel.value('java.util.List.of("a", "b")') == "[a, b]"


def test_declaration_and_void_call_give_no_result(kernel):
    reply, msgs = kernel.execute('int unused = 3;\nSystem.out.print("")')
    assert reply["status"] == "ok"
    assert not [m for m in msgs if m["msg_type"] == "execute_result"]


def test_runtime_error_points_at_cell_line_and_is_published_once(kernel):
    kernel.execute("int square(int v) {\n    return v * v / (v - v);\n}")
    reply, msgs = kernel.execute("int a = 1;\nint b = square(a);")
    assert reply["status"] == "error"
    assert reply["ename"] == "java.lang.ArithmeticException"
    assert reply["evalue"] == "/ by zero"
    errors = [m for m in msgs if m["msg_type"] == "error"]
    assert len(errors) == 1
    tb = "\n".join(errors[0]["content"]["traceback"])
    count = reply["execution_count"]
    assert f"square (cell [{count - 1}], line 2)" in tb
    assert f"cell [{count}], line 2" in tb
    for internal in ("jdk.jshell", "java.lang.reflect", "dev.muonlab.jupyter.kernel", "REPL."):
        assert internal not in tb


def test_compile_error_has_line_and_column(kernel):
    reply, msgs = kernel.execute("int ok = 1;\nint bad = undefinedThing + 1;\nint never = 2;")
    assert reply["status"] == "error"
    assert reply["ename"] == "CompilationError"
    assert "cannot find symbol" in reply["evalue"]
    assert f"cell [{reply['execution_count']}], line 2, column 11" in reply["evalue"]
    assert len([m for m in msgs if m["msg_type"] == "error"]) == 1
    # the snippet after the error did not run
    reply, _ = kernel.execute("never")
    assert reply["status"] == "error"


def test_error_with_stop_on_error_aborts_cells_queued_behind_it(kernel):
    failing = kernel.kc.execute('throw new RuntimeException("stop here");')
    queued = kernel.kc.execute("int ranAfterError = 1;")
    assert kernel.reply_to(failing)["content"]["status"] == "error"
    assert kernel.reply_to(queued)["content"]["status"] == "aborted"
    kernel.outputs_until_idle(queued)
    reply, _ = kernel.execute("ranAfterError")
    assert reply["status"] == "error"  # the queued cell did not run
    assert kernel.value("1") == "1"    # and the window is closed again


def test_extensions_are_loaded_at_start_up(kernel):
    # the Muon Lab extension (found by ServiceLoader) imports ND4J and Tablesaw names into every notebook
    assert kernel.value("INDArray.class.getName()") == "org.nd4j.linalg.api.ndarray.INDArray"


def test_jshell_default_imports_are_there(kernel):
    # the jshell tool's DEFAULT imports (java.util, streams, functions, nio files) as users expect
    assert kernel.value("List<Integer> xs = new ArrayList<>(List.of(3, 1, 2)); Collections.sort(xs); xs") == "[1, 2, 3]"
    assert kernel.value("Stream.of(1, 2, 3).map(x -> x * 2).collect(Collectors.toList())") == "[2, 4, 6]"
    assert kernel.value("Path.of(\"a\", \"b\").getNameCount()") == "2"


def _fresh_kernel_first_reply(request):
    """Starts a kernel, sends request(client) as its very first request, returns the reply's content."""
    km, kc = kh.start_kernel()
    try:
        return request(kh.Client(km, kc))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_first_cell_of_a_fresh_kernel_sees_every_start_up_import():
    # start-up imports are evaluated after "ready" (in the background); a cell pulls in the ones it names
    code = ('Table t = Table.create("t"); INDArray a = Nd4j.zeros(2); '
            'List<Integer> xs = List.of(t.rowCount(), (int) a.length()); '
            'Stream.of(xs).count() + ":" + xs + ":" + NsConfig.class.getSimpleName()')
    assert _fresh_kernel_first_reply(lambda c: c.value(code)) == "1:[0, 2]:NsConfig"


def test_first_completion_of_a_fresh_kernel_sees_every_start_up_import():
    def complete(client):
        return client.reply_to(client.kc.complete("Nd4", 3))["content"]
    content = _fresh_kernel_first_reply(complete)
    assert content["status"] == "ok" and "Nd4j" in content["matches"]


def test_silent_execution_publishes_nothing_and_does_not_count(kernel):
    before = kernel.execute("1")[0]["execution_count"]
    reply, msgs = kernel.execute('System.out.println("quiet"); 5', silent=True)
    assert reply["status"] == "ok"
    assert msgs == []
    assert kernel.execute("1")[0]["execution_count"] == before + 1


def test_store_history_false_does_not_count_or_enter_history(kernel):
    before = kernel.execute("2")[0]["execution_count"]
    reply, _ = kernel.execute("int notStored = 9; notStored", store_history=False)
    assert reply["status"] == "ok"
    assert kernel.execute("3")[0]["execution_count"] == before + 1
    msg_id = kernel.kc.history(hist_access_type="search", pattern="*notStored*", output=False, raw=True)
    assert kernel.reply_to(msg_id)["content"]["history"] == []


def test_user_expressions_are_evaluated_after_the_cell(kernel):
    reply, _ = kernel.execute("int ue = 41;", user_expressions={"next": "ue + 1", "broken": "noSuchVar"})
    exprs = reply["user_expressions"]
    assert exprs["next"]["status"] == "ok"
    assert exprs["next"]["data"]["text/plain"] == "42"
    assert exprs["broken"]["status"] == "error"
    assert exprs["broken"]["ename"] == "CompilationError"


# --- complete, inspect, is_complete, history, comm_info ---------------------------------------------------------

def test_complete_uses_jshell_source_analysis(kernel):
    kernel.execute('String greeting = "hi";')
    code = "int z = 1;\ngreeting.toUpp"
    msg_id = kernel.kc.complete(code, len(code))
    content = kernel.reply_to(msg_id)["content"]
    assert content["status"] == "ok"
    assert "toUpperCase(" in content["matches"]
    assert content["cursor_start"] == code.index("toUpp")
    assert content["cursor_end"] == len(code)


def test_complete_magic_names(kernel):
    msg_id = kernel.kc.complete("%mav", 4)
    content = kernel.reply_to(msg_id)["content"]
    assert content["matches"] == ["%maven"]


def test_inspect_math_abs_finds_signature_and_javadoc_when_available(kernel):
    code = "Math.abs(-3)"
    msg_id = kernel.kc.inspect(code, 6)
    content = kernel.reply_to(msg_id)["content"]
    assert content["status"] == "ok" and content["found"]
    text = content["data"]["text/plain"]
    assert "int Math.abs(int a)" in text
    if HAS_JDK_SOURCES:
        assert "absolute value" in text
    else:
        assert "Javadoc not available" in text


def test_inspect_of_a_variable_gives_its_type(kernel):
    kernel.execute("double[] weights = {1, 2};")
    msg_id = kernel.kc.inspect("weights", 3)
    content = kernel.reply_to(msg_id)["content"]
    assert content["found"]
    assert "double[]" in content["data"]["text/plain"]


@pytest.mark.parametrize("code,status", [
    ("}", "invalid"), ("int x = 1;", "complete"), ("if (true) {", "incomplete"), ("%time 1 + 1", "complete")])
def test_is_complete(kernel, code, status):
    msg_id = kernel.kc.is_complete(code)
    content = kernel.reply_to(msg_id)["content"]
    assert content["status"] == status
    if status == "incomplete":
        assert content["indent"] == "    "


def test_history_tail_and_search(kernel):
    kernel.execute("int historyMarker = 12345;")
    msg_id = kernel.kc.history(hist_access_type="tail", n=1, output=False, raw=True)
    tail = kernel.reply_to(msg_id)["content"]["history"]
    assert tail[-1][2] == "int historyMarker = 12345;"
    msg_id = kernel.kc.history(hist_access_type="search", pattern="*historyMarker*", output=False, raw=True)
    found = kernel.reply_to(msg_id)["content"]["history"]
    assert [h[2] for h in found] == ["int historyMarker = 12345;"]


def test_comm_info(kernel):
    msg_id = kernel.kc.comm_info()
    content = kernel.reply_to(msg_id)["content"]
    assert content["status"] == "ok"
    assert content["comms"] == {}


def test_stdin_reads_from_the_client(kernel):
    msg_id = kernel.kc.execute('var line = new java.util.Scanner(System.in).nextLine();\nline.length()',
                               allow_stdin=True)
    request = kernel.kc.get_stdin_msg(timeout=30)
    assert request["msg_type"] == "input_request"
    kernel.kc.input("muon")
    reply = kernel.reply_to(msg_id)["content"]
    outputs = [m for _, m in kernel.outputs_until_idle(msg_id)]
    assert reply["status"] == "ok"
    assert [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"] == ["4"]


# --- interrupt and streaming --------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["while (true) {}", "Thread.sleep(600_000);",
                                  "long n = 0; while (true) { try { n++; } catch (Exception e) { } }"])
def test_interrupt_stops_within_two_seconds_and_kernel_stays_usable(kernel, code):
    msg_id = kernel.kc.execute(code)
    time.sleep(0.5)
    t0 = time.time()
    kernel.km.interrupt_kernel()
    reply = kernel.reply_to(msg_id, timeout=10)["content"]
    elapsed = time.time() - t0
    assert reply["status"] == "error"
    assert reply["ename"] == "Interrupted"
    assert elapsed < INTERRUPT_LIMIT_S, f"interrupt took {elapsed:.2f} s"
    kernel.outputs_until_idle(msg_id)
    assert kernel.value("1 + 1") == "2"


def test_output_streams_while_the_cell_runs(kernel):
    msg_id = kernel.kc.execute('System.out.println("first");\nThread.sleep(1500);\nSystem.out.print("second");')
    outputs = kernel.outputs_until_idle(msg_id)
    streams = [(t, m["content"]["text"]) for t, m in outputs if m["msg_type"] == "stream"]
    idle_at = outputs[-1][0]
    first_at = next(t for t, text in streams if "first" in text)
    assert idle_at - first_at > 1.0, "'first' must arrive while the cell sleeps, not at its end"
    assert "".join(text for _, text in streams) == "first\nsecond"


# --- display API ------------------------------------------------------------------------------------------------

def test_display_and_update_display(kernel):
    reply, msgs = kernel.execute('String id = display("one");\nupdateDisplay(id, "two");')
    assert reply["status"] == "ok"
    shown = [m for m in msgs if m["msg_type"] == "display_data"]
    updated = [m for m in msgs if m["msg_type"] == "update_display_data"]
    assert len(shown) == 1 and len(updated) == 1
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert updated[0]["content"]["transient"]["display_id"] == display_id
    assert shown[0]["content"]["data"]["text/plain"] == "one"
    assert updated[0]["content"]["data"]["text/plain"] == "two"


def test_display_from_worker_threads_while_the_cell_runs(kernel):
    code = textwrap.dedent("""\
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        for (int i = 0; i < 4; i++) { int k = i; pool.submit(() -> display("worker " + k)); }
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);""")
    reply, msgs = kernel.execute(code)
    assert reply["status"] == "ok"
    texts = sorted(m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "display_data")
    assert texts == ["worker 0", "worker 1", "worker 2", "worker 3"]


def test_clear_output_and_render(kernel):
    reply, msgs = kernel.execute('System.out.println("gone");\nclearOutput();\nrender("<b>x</b>", "text/html")')
    assert reply["status"] == "ok"
    kinds = [m["msg_type"] for m in msgs]
    assert kinds == ["stream", "clear_output", "execute_result"]
    assert msgs[-1]["content"]["data"]["text/html"] == "<b>x</b>"


# --- magics -----------------------------------------------------------------------------------------------------

def test_lsmagic_and_unknown_magic(kernel):
    listing = kernel.value("%lsmagic")
    for name in ("%classpath", "%maven", "%time", "%load", "%lsmagic", "%%time", "EXPR?", "EXPR??"):
        assert name in listing
    reply, _ = kernel.execute("%nosuchmagic 1 2")
    assert reply["status"] == "error"
    assert reply["ename"] == "UnknownMagic"
    assert "%nosuchmagic" in reply["evalue"] and "%maven" in reply["evalue"]


def test_time_line_and_cell_magic(kernel):
    reply, msgs = kernel.execute("%time Thread.sleep(50)")
    assert reply["status"] == "ok"
    assert "Wall time:" in kernel.stdout(msgs)
    reply, msgs = kernel.execute("%%time\nint timed = 6;\ntimed * 7")
    assert "Wall time:" in kernel.stdout(msgs)
    assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["42"]


def test_load_runs_a_script_file(kernel, tmp_path):
    script = tmp_path / "helpers.jsh"
    script.write_text("int tripled(int v) {\n    return 3 * v;\n}\n")
    assert kernel.execute(f'%load "{script}"')[0]["status"] == "ok"
    assert kernel.value("tripled(14)") == "42"
    reply, _ = kernel.execute(f"%load {tmp_path}/missing.jsh")
    assert reply["status"] == "error" and "missing.jsh" in reply["evalue"]


def test_classpath_adds_compiled_classes(kernel, tmp_path):
    src = tmp_path / "src" / "demo" / "Greeter.java"
    src.parent.mkdir(parents=True)
    src.write_text("package demo; public class Greeter { public static String hi() { return \"hi from jar\"; } }")
    # an Extension in the added folder must be discovered (ServiceLoader) and installed: it adds a magic
    ext = src.parent / "DemoExtension.java"
    ext.write_text("package demo; public class DemoExtension implements org.dflib.jjava.jupyter.Extension {\n"
                   "  public void install(org.dflib.jjava.jupyter.kernel.BaseKernel k) {\n"
                   "    k.getMagicsRegistry().registerLineMagic(\"demo\", (kernel, args) -> \"demo \" + args); } }")
    out = tmp_path / "classes"
    services = out / "META-INF" / "services"
    services.mkdir(parents=True)
    (services / "org.dflib.jjava.jupyter.Extension").write_text("demo.DemoExtension\n")
    javac = str(kh.java_home(JAVA) / "bin" / "javac")
    subprocess.run([javac, "-cp", str(kh.LIB_DIR / "*"), "-d", str(out), str(src), str(ext)], check=True)
    reply, msgs = kernel.execute(f"%classpath {out}")
    assert reply["status"] == "ok", reply
    assert kernel.value("demo.Greeter.hi()") == "hi from jar"
    assert kernel.value("%demo a b") == "demo [a, b]"
    reply, _ = kernel.execute(f"%classpath {tmp_path}/nothing-here/*.jar")
    assert reply["status"] == "error" and "nothing-here" in reply["evalue"]


def test_maven_resolves_with_transitive_dependencies(kernel):
    reply, msgs = kernel.execute("%maven org.apache.commons:commons-text:1.10.0", timeout=120)
    assert reply["status"] == "ok", reply
    assert "Resolved org.apache.commons:commons-text:1.10.0" in kernel.stdout(msgs)
    assert kernel.value('org.apache.commons.text.WordUtils.capitalize("muon lab")') == "Muon Lab"


def test_maven_unknown_artifact_is_named(kernel):
    reply, _ = kernel.execute("%maven dev.muonlab.nonexistent:no-such-artifact:0.0.1", timeout=120)
    assert reply["status"] == "error"
    assert "no-such-artifact" in reply["evalue"]


# --- bad input must not kill the kernel --------------------------------------------------------------------------

def test_system_exit_is_refused(kernel):
    reply, _ = kernel.execute("System.exit(0);")
    assert reply["status"] == "error"
    assert reply["ename"] == "java.lang.SecurityException"
    assert "System.exit(0)" in reply["evalue"]
    reply, _ = kernel.execute("Runtime.getRuntime().halt(1);")
    assert reply["status"] == "error"
    assert kernel.value("1 + 2") == "3"


def test_out_of_memory_is_an_error_and_the_kernel_survives(kernel):
    reply, _ = kernel.execute("long[] huge = new long[Integer.MAX_VALUE - 16];")
    assert reply["status"] == "error"
    assert reply["ename"] == "java.lang.OutOfMemoryError"
    assert kernel.value("\"alive\"") == "alive"


def test_library_noise_goes_to_the_log_not_the_cell(kernel):
    code = textwrap.dedent("""\
        import org.nd4j.autodiff.samediff.SameDiff;
        import org.nd4j.linalg.factory.Nd4j;
        SameDiff sd = SameDiff.create();
        var w = sd.var("w", Nd4j.ones(2, 2));
        var loss = w.mul(w).sum();
        loss.markAsLoss();
        sd.calculateGradients(java.util.Map.of(), "w").get("w").sumNumber().doubleValue()""")
    reply, msgs = kernel.execute(code, timeout=120)
    assert reply["status"] == "ok", reply
    assert [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"] == ["8.0"]
    streamed = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert "Added differentiated op" not in streamed
    assert "CpuBackend" not in streamed
    log = LOG_FILE.read_text()
    assert "Added differentiated op" in log
    assert "Nd4jBackend" in log or "CpuBackend" in log


# --- restart and shutdown (last: they replace the kernel) --------------------------------------------------------

def test_restart_gives_a_fresh_usable_kernel(kernel):
    kernel.execute("int beforeRestart = 1;")
    kernel.km.restart_kernel(now=False)
    kernel.kc.wait_for_ready(timeout=60)
    reply, _ = kernel.execute("beforeRestart")
    assert reply["status"] == "error"
    assert kernel.value("40 + 2") == "42"


def test_shutdown_ends_the_process_and_extensions_can_be_disabled():
    km, kc = kh.start_kernel(extra_env={"JJAVA_LOAD_EXTENSIONS": "0"})
    try:
        assert km.is_alive()
        client = kh.Client(km, kc)
        reply, _ = client.execute("INDArray.class")
        assert reply["status"] == "error" and reply["ename"] == "CompilationError"
        assert client.value("clearOutput(); 6 * 7") == "42"  # the kernel's own statics do not need extensions
        # shutting down while a cell runs
        kc.execute("while (true) { try { Thread.sleep(10); } catch (Exception e) { } }")
        time.sleep(0.5)
        t0 = time.time()
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        assert not km.is_alive()
        assert time.time() - t0 < 10
    finally:
        if km.is_alive():  # a failed assertion must not leave a kernel process behind
            km.shutdown_kernel(now=True)
