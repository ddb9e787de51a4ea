package dev.muonlab.train;

import dev.muonlab.optim.TaskRunner;
import dev.muonlab.schedule.LrSchedule;
import dev.muonlab.schedule.ShiftedSchedule;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One recipe until step {@code switchStep}, then another with fresh state: Xmodel-2.5's AdamW stable
 * phase followed by a Muon decay started with {@code --no-load-optim} (XiaoduoAILab/Xmodel-2.5,
 * {@code examples/xmodel/train_decay_fp8_1113.sh}; studies-notes.md). Both recipes read one schedule
 * on the run's clock: the second is built at the switch over the same live parameters with the schedule
 * shifted by {@code switchStep} ({@link ShiftedSchedule}), so its buffers (Muon's momentum, AdamW's
 * moments and bias-correction counter on the embeddings and head) start at zero there and its
 * learning rate continues the run's.
 *
 * <p>Why a switch inside one run rather than forking a saved {@link Checkpoint}: the first
 * {@code switchStep} steps are the first recipe's alone and seeded by the run, so two runs that differ
 * only in the second recipe share that phase bit for bit (as a checkpoint fork would, since resume is
 * bit-identical), without a run folder per fork, and a sweep can run the forks in any order.
 */
public final class SwitchingOptimizer implements StepOptimizer {

    /** The file in a saved state that says which recipe the state belongs to. */
    static final String PHASE_FILE = "switch-phase.txt";

    private final TrainConfig after;
    private final Map<String, INDArray> params;
    private final LrSchedule schedule;
    private final int switchStep;
    private StepOptimizer active;
    private boolean switched;
    private int steps;
    private TaskRunner runner = TaskRunner.SEQUENTIAL;

    /**
     * @param before     the first recipe's config ({@code config.optimizer()} until the switch)
     * @param after      the second recipe's config (its optimizer, lr and decay from the switch on)
     * @param params     the model's live parameters, updated in place by both recipes. Not modified here.
     * @param schedule   the run's schedule, by the run's step
     * @param switchStep the steps of the first recipe, &gt;= 0 (0: the second recipe from the start)
     */
    public SwitchingOptimizer(TrainConfig before, TrainConfig after, Map<String, INDArray> params, LrSchedule schedule,
                              int switchStep) {
        if (switchStep < 0) {
            throw new IllegalArgumentException("switch step must be >= 0, got " + switchStep);
        }
        this.after = after;
        this.params = params;
        this.schedule = schedule;
        this.switchStep = switchStep;
        this.active = switchStep == 0 ? secondRecipe() : Recipes.optimizer(before, params, schedule);
        this.switched = switchStep == 0;
    }

    /** @return the second recipe, fresh, on the run's clock from {@code switchStep} */
    private StepOptimizer secondRecipe() {
        StepOptimizer o = Recipes.optimizer(after, params, new ShiftedSchedule(schedule, switchStep));
        o.runUpdatesWith(runner);
        return o;
    }

    /**
     * Steps the active recipe, switching first when {@code switchStep} steps are done. The second
     * recipe's first step runs outside any ND4J workspace, since it creates the state that outlives it
     * (as every optimizer's first step does, {@link StepWorkspace}).
     *
     * @param grads by parameter name. Not modified. Modifies: the parameters, the state.
     */
    @Override
    public void step(Map<String, INDArray> grads) {
        if (!switched && steps >= switchStep) {
            active = secondRecipe();
            switched = true;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                active.step(grads);
            }
        } else {
            active.step(grads);
        }
        steps++;
    }

    /** @return whether the second recipe has taken over (from step {@code switchStep + 1}) */
    public boolean switched() {
        return switched;
    }

    @Override
    public double currentLr() {
        return !switched && steps >= switchStep ? after.lr() * schedule.multiplier(steps) : active.currentLr();
    }

    @Override
    public String groupOf(String param) {
        return active.groupOf(param);
    }

    /** Writes the active recipe's state and which recipe it is. Modified: dir. */
    @Override
    public void save(Path dir) throws IOException {
        active.save(dir);
        Files.writeString(dir.resolve(PHASE_FILE), (switched ? "after" : "before") + " " + steps + "\n");
    }

    /** Reads a state written by {@link #save}, switching first when it is the second recipe's. Not modified: dir. */
    @Override
    public void load(Path dir) throws IOException {
        String[] phase = Files.readString(dir.resolve(PHASE_FILE)).trim().split(" ");
        steps = Integer.parseInt(phase[1]);
        if (phase[0].equals("after") && !switched) {
            active = secondRecipe();
            switched = true;
        }
        active.load(dir);
    }

    @Override
    public void runUpdatesWith(TaskRunner r) {
        runner = r;
        active.runUpdatesWith(r);
    }

    @Override
    public String toString() {
        return "switch at step " + switchStep + " to " + after.optimizer().cliName() + ": " + active;
    }
}
