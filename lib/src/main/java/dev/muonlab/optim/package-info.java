/**
 * Optimizers over named ND4J parameters: Muon in its published variants and its peers, one small API.
 *
 * <p><b>Orientation convention</b> (stated once, used everywhere in Muon Lab): a weight matrix is
 * stored (out, in), rows = output dimension, as PyTorch's {@code nn.Linear.weight}; an embedding
 * table is (vocab, d). Muon's shape scale ({@link dev.muonlab.optim.UpdateScale}) reads rows = out,
 * cols = in; SCALE's "column" is an output unit, i.e. a row here
 * ({@link dev.muonlab.optim.DirectionMath#unitRmsNormalized}).
 *
 * <p><b>Layout.</b> {@link dev.muonlab.optim.Optimizer} (interface) and
 * {@link dev.muonlab.optim.GroupedOptimizer} (the one loop: groups, state, checks, save/load);
 * one config record per algorithm implementing {@link dev.muonlab.optim.OptimizerConfig}
 * (hyper-parameters, presets, the per-parameter step); the math in static classes
 * {@link dev.muonlab.optim.MuonMath}, {@link dev.muonlab.optim.AdamMath},
 * {@link dev.muonlab.optim.DirectionMath}; {@link dev.muonlab.optim.ParameterRouter} for Keller
 * Jordan's Muon/AdamW split.
 *
 * <p><b>The 2026 toolbox</b> (issue 19; sources in each class): {@link dev.muonlab.optim.NorMuonConfig}
 * and {@link dev.muonlab.optim.AdaMuonConfig} (second moments after orthogonalization,
 * {@link dev.muonlab.optim.NorMuonMath}), {@link dev.muonlab.optim.PolarGradConfig} (nuclear-norm-scaled
 * polar factor), cautious weight decay ({@link dev.muonlab.optim.WeightDecayMode#CAUTIOUS}), QK-clip
 * ({@link dev.muonlab.optim.QkClip}: the per-head math; not yet wired into the GPT trainer), and a
 * momentum schedule any config can take ({@link dev.muonlab.optim.MomentumSchedule},
 * {@link dev.muonlab.optim.ScheduledMomentumConfig}). Orthogonalizer-side variants live in
 * {@code dev.muonlab.ns}: Gram Newton-Schulz, split-block orthogonalization, spectral hardcap, presets.
 *
 * <p><b>Design notes</b> (including what did not work):
 * <ul>
 *   <li>The update U returned by a step is s·O for Muon (Keller's {@code muon.py} convention).
 *       {@code torch.optim.Muon} folds s into an "adjusted lr" and its recorded update is the bare
 *       O; the golden test accounts for the factor.</li>
 *   <li>Essential AI's Eq. 1, W ← W − η(0.2√n·O + λW), is algebraically the decoupled decay with
 *       the unadjusted lr; {@link dev.muonlab.optim.WeightDecayMode#COUPLED_TO_SCALED_STEP} is the
 *       other reading (decay times lr·s), offered as an explicit, testable choice.</li>
 *   <li>ND4J 1.0.0-M2.1's {@code divColumnVector} and broadcasting {@code div} took 5-15 ms on a
 *       (12, 8) matrix; an explicit {@code broadcast} then {@code div} is about 1 ms. Likewise the
 *       in-place reverse ops ({@code rdivi}, {@code rsubi}) took 11-17 ms where {@code div} and
 *       {@code sub} take 0.1-0.5 ms: tried to save a temporary, reverted.</li>
 *   <li>ND4J's own {@code AdamUpdater} op was not used: it adds eps to sqrt(v) before the bias
 *       correction of v, not after as PyTorch does, so it cannot reproduce torch's numbers.</li>
 *   <li>Under heavy CPU oversubscription (load 12-15 on 2 cores) an AdamW step over the small GPT
 *       took 780 ms with ND4J's default 2 OpenMP threads and 147 ms with {@code OMP_NUM_THREADS=1}
 *       in a run minutes later: not a controlled comparison, but worth trying on a busy machine.</li>
 * </ul>
 */
package dev.muonlab.optim;
