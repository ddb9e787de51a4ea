package dev.muonlab.spark;

import dev.muonlab.sweep.RunResult;
import dev.muonlab.sweep.RunSpec;
import dev.muonlab.sweep.Study;
import dev.muonlab.sweep.SweepExecutor;
import dev.muonlab.sweep.SweepFailure;
import dev.muonlab.sweep.SweepProgress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Function2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * Runs a sweep's runs on Apache Spark: one Spark job per stage, one task per run. The driver ships
 * each run's spec as text ({@link SpecText}); a task finds the study by name and runs it as a local
 * sweep does ({@link RunTask}); its result comes back as text ({@link ResultText}) and is handed to
 * {@link SweepExecutor.Results} on the calling thread, as each task ends, so {@link dev.muonlab.sweep.Sweep}
 * stores it on the driver at once: a sweep stopped half-way keeps what finished, whichever executor
 * resumes it.
 *
 * <p>Why {@code SparkContext.runJob} with a result handler, not {@code collect()}: collect hands over
 * nothing until the last task ends. The handler runs on Spark's scheduler thread, so it only queues
 * the reply; this class's caller drains the queue, writes the store and reports progress (runs
 * finished of all; units arrive a run at a time, as tasks report nothing in between).
 *
 * <p>A run that throws does not stop the others (unlike {@link dev.muonlab.sweep.LocalExecutor}):
 * their tasks are already scheduled on the cluster, and each finished run is stored. Once the job
 * ends, {@link SweepFailure} names the first failed run. {@link #requestStop} cancels the job group:
 * runs in flight are killed and not handed over.
 */
public final class SparkExecutor implements SweepExecutor {

    /** Ends the queue: the job finished (error null) or failed. */
    private record JobEnd(Throwable error) {
    }

    /** One task's reply for the spec at {@code index} of the pending list. */
    private record Reply(int index, String text) {
    }

    private final JavaSparkContext spark;
    private volatile String jobGroup;
    private volatile boolean stop;

    /** @param spark the context (local[N] or a cluster's); not stopped by this class */
    public SparkExecutor(JavaSparkContext spark) {
        this.spark = spark;
    }

    /**
     * Runs {@code pending} as one Spark job and blocks until it ends. Modifies, on the calling thread:
     * {@code results} (the sweep's store) and {@code progress}, once per finished run; this executor's
     * stop flag is reset.
     *
     * @throws SweepFailure          when a run threw (every other finished run was handed over first)
     * @throws IllegalStateException when the Spark job itself failed (e.g. executors lost too often)
     */
    @Override
    public void execute(Study study, List<RunSpec> pending, SweepProgress progress, Results results) {
        stop = false;
        if (pending.isEmpty()) {
            return;
        }
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        String group = "muonlab-sweep-" + study.name() + "-" + UUID.randomUUID();
        jobGroup = group;
        Thread job = new Thread(() -> runJob(group, study.name(), pending, queue), "muonlab-spark-job-" + study.name());
        job.setDaemon(true);
        job.start();
        SweepFailure failure = null;
        boolean ended = false;
        try {
            while (true) {
                Object next = queue.take();
                if (next instanceof JobEnd end) {
                    ended = true;
                    if (end.error() != null && !stop) {
                        throw new IllegalStateException("the Spark job of study " + study.name()
                                + " failed (the runs that finished are stored): " + end.error(), end.error());
                    }
                    break;
                }
                Reply reply = (Reply) next;
                RunSpec spec = pending.get(reply.index());
                SweepFailure failed = handOver(study, spec, TaskReply.decode(reply.text()), progress, results);
                failure = failure == null ? failed : failure;
            }
        } catch (InterruptedException e) {
            requestStop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } finally {
            if (!ended) {                               // left early (the store threw): no orphan job
                spark.cancelJobGroup(group);
            }
            jobGroup = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Hands one reply over: stores nothing itself, calls {@code results} (which modifies the store)
     * and {@code progress}, unless the sweep was told to stop.
     *
     * @return the run's failure, or null
     */
    private SweepFailure handOver(Study study, RunSpec spec, TaskReply reply, SweepProgress progress, Results results) {
        if (!reply.ok()) {
            return new SweepFailure(spec, new TaskReply.RemoteRunException(reply.body()));
        }
        if (stop) {
            return null;
        }
        RunResult result = ResultText.decode(reply.body());
        results.finished(spec, result);
        progress.runFinished(study.cost(spec), study.label(spec));
        return null;
    }

    /**
     * Runs one Spark job, one task per spec, on the calling (job) thread; modifies {@code queue}: each
     * task's reply, then one {@link JobEnd}.
     */
    private void runJob(String group, String studyName, List<RunSpec> pending, BlockingQueue<Object> queue) {
        Throwable error = null;
        try {
            if (stop) {
                return;                                 // stopped before the job was submitted
            }
            spark.setJobGroup(group, "Muon Lab sweep " + studyName + ": " + pending.size() + " runs", true);
            List<String> texts = pending.stream().map(SpecText::of).toList();
            JavaRDD<String> specs = spark.parallelize(texts, texts.size());
            Function2<Object, String, BoxedUnit> handler = (index, text) -> {
                queue.add(new Reply((Integer) index, text));
                return BoxedUnit.UNIT;
            };
            ClassTag<String> tag = ClassTag$.MODULE$.apply(String.class);
            spark.sc().runJob(specs.rdd(), new RunTask(), handler, tag);
        } catch (Throwable e) {                         // SparkException is checked, thrown from Scala unchecked
            error = e;
        } finally {
            spark.clearJobGroup();
            queue.add(new JobEnd(error));
        }
    }

    @Override
    public String describe() {
        return "Spark at " + spark.master() + " (" + spark.sc().defaultParallelism() + " task slots, one run a task)";
    }

    /** Modifies this executor's stop flag and cancels the running job group, if any. */
    @Override
    public void requestStop() {
        stop = true;
        String group = jobGroup;
        if (group != null) {
            spark.cancelJobGroup(group);
        }
    }
}
