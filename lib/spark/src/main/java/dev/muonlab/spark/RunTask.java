package dev.muonlab.spark;

import dev.muonlab.progress.ProgressListener;
import dev.muonlab.sweep.LocalExecutor;
import dev.muonlab.sweep.RunResult;
import dev.muonlab.sweep.RunSpec;
import dev.muonlab.sweep.Studies;
import dev.muonlab.sweep.Study;
import dev.muonlab.sweep.SweepFailure;
import dev.muonlab.sweep.SweepProgress;
import java.io.Serializable;
import java.util.List;
import scala.Function1;
import scala.collection.Iterator;

/**
 * The work of one Spark task: one partition holding one run's spec text. The task finds the study by
 * name ({@link Studies}), runs the spec exactly as a local sweep does, on a {@link LocalExecutor} of
 * one thread, and answers with a {@link TaskReply}. The local executor also handles Spark's kill: a
 * cancelled job interrupts the task's thread, and the local executor then tells its run to stop.
 *
 * <p>A Scala function rather than a Spark Java-API one: {@code SparkContext.runJob}'s result handler,
 * which hands each run's result to the driver as soon as its task ends ({@link SparkExecutor}), takes
 * one. Serializable, and holding nothing: everything a task needs travels in its partition.
 */
final class RunTask implements Function1<Iterator<String>, String>, Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Runs the partition's spec; modifies nothing but what the study's run writes.
     *
     * @param specs one spec's text ({@link SpecText})
     * @return the reply's text ({@link TaskReply#encode})
     */
    @Override
    public String apply(Iterator<String> specs) {
        if (!specs.hasNext()) {
            throw new IllegalStateException("a sweep's Spark partition holds one run, this one none");
        }
        RunSpec spec = SpecText.parse(specs.next());
        if (specs.hasNext()) {
            throw new IllegalStateException("a sweep's Spark partition holds one run, this one more than " + spec);
        }
        return run(spec).encode();
    }

    /** @return the reply for {@code spec} (not modified): its result, or the failure it threw */
    static TaskReply run(RunSpec spec) {
        RunResult[] result = new RunResult[1];
        try {
            ExecutorHome.ensure();
        } catch (RuntimeException e) {                  // no corpus on this executor
            return TaskReply.failure(e);
        }
        try {
            Study study = Studies.byName(spec.study());
            SweepProgress quiet = new SweepProgress(ProgressListener.NONE, 1, 0, study.cost(spec));
            new LocalExecutor(1).execute(study, List.of(spec), quiet, (s, r) -> result[0] = r);
        } catch (SweepFailure e) {
            return TaskReply.failure(e.getCause());
        } catch (IllegalArgumentException e) {          // no such study on this executor's class path
            return TaskReply.failure(e);
        }
        if (result[0] == null) {                        // told to stop: Spark is killing this task
            throw new IllegalStateException("run " + spec.hash() + " was stopped");
        }
        return TaskReply.result(ResultText.encode(result[0]));
    }
}
