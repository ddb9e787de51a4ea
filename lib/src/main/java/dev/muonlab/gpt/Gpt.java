package dev.muonlab.gpt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A character-level GPT as nanoGPT's {@code model.py}: token + learned position embeddings, dropout,
 * {@code nLayer} pre-LN {@link Block}s, a final LayerNorm, and an output head (tied to the token
 * embedding or separate), trained with the mean cross-entropy of next-token prediction.
 *
 * <p>Gradients are hand-written backward passes over ND4J ops (BLAS gemm, batched gemm), checked
 * against central finite differences in fp64 by the tests. Under muP ({@link Parameterization}) the
 * logits carry the output multiplier 1/m in the forward pass and its factor in the backward pass. Not thread-safe: one forward/backward at a
 * time, since activations of the last forward pass are kept for the backward pass.
 */
public final class Gpt {

    private static final String WORKSPACE_ID = "muonlab-gpt-step";
    /**
     * A scratch workspace that learns its size on the first loop, then reuses one block of memory for
     * every temporary of a step. Shared with the trainer's step workspace.
     */
    public static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final GptConfig config;
    private final GptParameters params;
    private final Map<String, INDArray> grads;
    private final List<Block> blocks = new ArrayList<>();

    // activations of the last forward pass
    private int B;
    private int T;
    private INDArray tokensOneHot;   // (N, V)
    private INDArray targetsOneHot;  // (N, V)
    private INDArray embedMask;      // (N, C) or null
    private INDArray hf;             // ln_f output (N, C)
    private INDArray logProbs;       // (N, V), ND4J path
    private INDArray dLogits;        // (N, V), fused path: ∂loss/∂logits from the forward pass
    private final LayerNormOps.Cache[] lnf = new LayerNormOps.Cache[1];
    private double[] activationRms;  // (nLayer + 2) when recording, else null

    /** @param params the parameters (kept, updated in place by optimizers) */
    public Gpt(GptParameters params) {
        this.config = params.config();
        this.params = params;
        this.grads = params.zerosLike();
        int nh = config.nHead();
        double attentionScale = config.parameterization().attentionScale(config.nEmbd() / nh, nh);  // 1/√hs but under mupattn
        for (int l = 0; l < config.nLayer(); l++) {
            blocks.add(new Block(l, nh, config.dropout(), attentionScale));
        }
    }

    /** @return a freshly initialized model (nanoGPT's initialization) of the given type */
    public static Gpt create(GptConfig config, DataType dtype, long seed) {
        return new Gpt(GptParameters.initialize(config, dtype, seed));
    }

    public GptConfig config() {
        return config;
    }

    public GptParameters parameters() {
        return params;
    }

    /**
     * Turns on or off the recording of every head's largest pre-softmax attention logit in the forward
     * passes (QK-clip's S_h; a few per cent of a forward pass).
     *
     * @param track on or off. Modifies: this model's tracking state.
     */
    public void trackAttentionLogits(boolean track) {
        blocks.forEach(b -> b.trackMaxLogits(track));
    }

    /** @return whether forward passes record the attention logits' maxima */
    public boolean tracksAttentionLogits() {
        return !blocks.isEmpty() && blocks.get(0).maxLogits() != null;
    }

    /**
     * @return S[l][h], the largest pre-softmax logit q_i·k_j/√hs (j ≤ i) of head h of layer l in the
     *         last forward pass (NaN before the first), or null when not tracking
     */
    public double[][] attentionMaxLogits() {
        if (!tracksAttentionLogits()) {
            return null;
        }
        double[][] s = new double[blocks.size()][];
        for (int l = 0; l < s.length; l++) {
            s[l] = blocks.get(l).maxLogits();
        }
        return s;
    }

    /**
     * Turns on or off the recording of activation RMS in forward passes, for muP's coordinate check
     * (the "coordinate check" of Yang et al. 2022, arXiv 2203.03466, and their mup package: activation
     * scale per layer over the first steps, flat in width under muP).
     *
     * @param record on or off. Modifies: this model's recording state.
     */
    public void recordActivationRms(boolean record) {
        activationRms = record ? new double[config.nLayer() + 2] : null;
        if (record) {
            java.util.Arrays.fill(activationRms, Double.NaN);
        }
    }

    /**
     * @return the RMS √(mean x²) of the last forward pass's activations: [0] the embedding output
     *         (token + position, after dropout), [1..nLayer] each block's output (the residual
     *         stream), [nLayer + 1] the logits (after the output multiplier); a copy, or null when
     *         not recording
     */
    public double[] activationRms() {
        return activationRms == null ? null : activationRms.clone();
    }

    private void recordRms(int slot, INDArray x) {
        if (activationRms != null) {
            activationRms[slot] = x.norm2Number().doubleValue() / Math.sqrt(x.length());
        }
    }

    /** @return the gradient buffers by parameter name, filled by {@link #backward()}; live arrays */
    public Map<String, INDArray> gradients() {
        return grads;
    }

    /**
     * Logits for every position.
     *
     * @param tokens   (B·T) row-major token ids. Not modified.
     * @param training whether dropout is active
     * @return logits (B·T, V), times {@link GptConfig#outputMultiplier()} (1 under SP); a new array
     */
    public INDArray logits(int[] tokens, int B, int T, boolean training) {
        if (T > config.blockSize() || tokens.length != B * T) {
            throw new IllegalArgumentException("need B·T = " + (B * T) + " tokens with T ≤ " + config.blockSize()
                    + ", got " + tokens.length + " tokens, T = " + T);
        }
        this.B = B;
        this.T = T;
        Map<String, INDArray> p = params.asMap();
        DataType dtype = params.get("transformer.wte.weight").dataType();
        int C = config.nEmbd();
        tokensOneHot = oneHot(tokens, config.vocabSize(), dtype);                       // (N, V)
        INDArray x = Nd4j.createUninitialized(dtype, new long[]{tokens.length, C}, 'c');  // (N, C)
        HeadGemm.matmul(tokensOneHot, p.get("transformer.wte.weight"), x, false, false, 1.0, 0.0);
        INDArray pos = p.get("transformer.wpe.weight").get(NDArrayIndex.interval(0, T), NDArrayIndex.all());
        x.reshape('c', new long[]{B, (long) T * C}).addiRowVector(pos.dup('c').reshape('c', new long[]{(long) T * C}));
        embedMask = DropoutOps.mask(training ? config.dropout() : 0.0, x);
        DropoutOps.applyi(x, embedMask);
        recordRms(0, x);
        for (int l = 0; l < blocks.size(); l++) {
            x = blocks.get(l).forward(x, p, B, T, training);
            recordRms(l + 1, x);
        }
        hf = LayerNormOps.forward(x, p.get("transformer.ln_f.weight"), p.get("transformer.ln_f.bias"), lnf);
        INDArray logits = LinearOps.forward(hf, params.head(), null);                   // (N, V)
        double mult = config.outputMultiplier();                    // muP's 1/m (Parameterization), SP 1
        if (mult != 1.0) {
            logits.muli(mult);
        }
        recordRms(config.nLayer() + 1, logits);
        return logits;
    }

    /**
     * Forward pass with the loss, keeping what {@link #backward()} needs.
     *
     * @return the mean cross-entropy over the B·T positions, in nats
     */
    public double forward(Batch batch, boolean training) {
        INDArray logits = logits(batch.x(), batch.B(), batch.T(), training);
        if (HostKernels.applies(logits)) {                    // fused: the loss and its gradient in one pass
            dLogits = Nd4j.createUninitialized(logits.dataType(), logits.shape(), 'c');
            return HostKernels.crossEntropy(logits, batch.y(), dLogits);
        }
        logProbs = logSoftmaxi(logits);                                                  // (N, V)
        targetsOneHot = oneHot(batch.y(), config.vocabSize(), logProbs.dataType());
        return -logProbs.mul(targetsOneHot).sumNumber().doubleValue() / batch.x().length;
    }

    /**
     * One training step's forward and backward pass inside an ND4J workspace: activations are
     * bump-allocated in memory reused from step to step (allocation, not arithmetic, dominates a
     * naive ND4J loop at this size), while parameters and gradients live outside it.
     *
     * @param batch    inputs and targets. Not modified.
     * @param training whether dropout is active
     * @return the mean cross-entropy, nats; {@link #gradients()} hold its gradient
     */
    public double lossAndGradients(Batch batch, boolean training) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            double loss = forward(batch, training);
            backward();
            clearActivations();
            return loss;
        }
    }

    /**
     * The loss without gradients (evaluation), inside the same workspace.
     *
     * @param training whether dropout is active (false for validation)
     * @return the mean cross-entropy, nats
     */
    public double loss(Batch batch, boolean training) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            double loss = forward(batch, training);
            clearActivations();
            return loss;
        }
    }

    /**
     * Logits of the last position of each row, for sampling; detached from any workspace.
     *
     * @param tokens (B·T) row-major ids, T ≤ blockSize. Not modified.
     * @return (B, V) logits, a new array outside workspaces
     */
    public INDArray lastLogits(int[] tokens, int B, int T) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            INDArray logits = logits(tokens, B, T, false);                                    // (B·T, V)
            INDArray last = logits.reshape('c', new long[]{B, T, config.vocabSize()})
                    .get(NDArrayIndex.all(), NDArrayIndex.point(T - 1), NDArrayIndex.all());  // (B, V)
            INDArray out = last.detach();
            clearActivations();
            return out;
        }
    }

    private void clearActivations() {
        tokensOneHot = null;
        targetsOneHot = null;
        embedMask = null;
        hf = null;
        logProbs = null;
        dLogits = null;
        lnf[0] = null;
    }

    /** Backward pass of the last {@link #forward}; overwrites {@link #gradients()}. */
    public void backward() {
        if (logProbs == null && dLogits == null) {
            throw new IllegalStateException("backward() needs a forward(batch, ...) first");
        }
        Map<String, INDArray> p = params.asMap();
        int N = B * T;
        int C = config.nEmbd();
        INDArray dLogits = this.dLogits != null ? this.dLogits
                : Transforms.exp(logProbs, true).subi(targetsOneHot).divi(N);           // (N, V)
        double mult = config.outputMultiplier();
        if (mult != 1.0) {
            dLogits.muli(mult);                // logits = mult·hf·Wᵀ: ∂/∂(hf·Wᵀ) = mult·∂/∂logits (dLogits is ours)
        }
        String headName = config.tiedHead() ? "transformer.wte.weight" : "lm_head.weight";
        INDArray dx = LinearOps.backward(dLogits, hf, params.head(), grads.get(headName), null, false); // (N, C)
        dx = LayerNormOps.backward(dx, p.get("transformer.ln_f.weight"), lnf[0],
                grads.get("transformer.ln_f.weight"), grads.get("transformer.ln_f.bias"));
        for (int l = blocks.size() - 1; l >= 0; l--) {
            dx = blocks.get(l).backward(dx, p, grads);
        }
        DropoutOps.applyi(dx, embedMask);
        INDArray dWpe = grads.get("transformer.wpe.weight");
        dWpe.assign(0.0);
        INDArray dWpeUsed = dWpe.get(NDArrayIndex.interval(0, T), NDArrayIndex.all());          // (T, C) view
        if (HostKernels.applies(dx, dWpeUsed)) {
            HostKernels.columnSums(dx, dWpeUsed);                                       // Σ over the B sequences
        } else {
            dWpeUsed.assign(dx.reshape('c', new long[]{B, (long) T * C}).sum(0).reshape('c', new long[]{T, C}));
        }
        HeadGemm.matmul(tokensOneHot, dx, grads.get("transformer.wte.weight"), true, false, 1.0,
                config.tiedHead() ? 1.0 : 0.0);                                         // (V, N)(N, C)
        logProbs = null;
        this.dLogits = null;
    }

    /**
     * Row-wise log-softmax, shifted by the row maximum for stability.
     *
     * @param logits (N, V). Modified: becomes the log-probabilities.
     * @return logits
     */
    static INDArray logSoftmaxi(INDArray logits) {
        logits.subiColumnVector(logits.max(true, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(logits, true).sum(true, 1), false); // (N, 1)
        return logits.subiColumnVector(logSumExp);
    }

    /** @return a (n, V) one-hot matrix of the given ids, built on the host */
    static INDArray oneHot(int[] ids, int V, DataType dtype) {
        float[] data = new float[ids.length * V];
        for (int i = 0; i < ids.length; i++) {
            data[i * V + ids[i]] = 1f;
        }
        INDArray m = Nd4j.create(data, new long[]{ids.length, V}, 'c');
        return dtype == DataType.FLOAT ? m : m.castTo(dtype);
    }
}
