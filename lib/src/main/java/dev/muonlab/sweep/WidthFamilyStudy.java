package dev.muonlab.sweep;

/**
 * A study whose runs are char-GPT runs of a width family ({@link WidthRun}'s specs: shape, width,
 * parameterization, optimizer, lr multiplier, seed, steps, evaluation): width transfer, telescoping and
 * the scaling law. They share how a run trains and what it costs; each study keeps its own specs,
 * stages and read-out.
 */
interface WidthFamilyStudy extends Study {

    /** Trains the spec ({@link WidthRun#train}). Modifies nothing but the run's progress. */
    @Override
    default RunResult run(RunSpec spec, RunContext context) {
        return WidthRun.train(spec, context);
    }

    /** @return the run's training tokens, its progress units ({@link WidthRun#tokens}) */
    @Override
    default long cost(RunSpec spec) {
        return WidthRun.tokens(spec);
    }
}
