package dev.muonlab.gpt;

/**
 * The shape of a GPT and its batch, as nanoGPT's {@code GPTConfig} plus the batch size of its
 * training commands (references.md §9).
 *
 * @param name       preset name, e.g. {@code baby-cpu}
 * @param vocabSize  V, symbols (65 for Tiny Shakespeare)
 * @param nLayer     transformer blocks
 * @param nHead      attention heads, nh; {@code nEmbd} must be a multiple
 * @param nEmbd      width C
 * @param blockSize  context length T
 * @param batchSize  sequences per step B
 * @param dropout    dropout probability in [0, 1) (embeddings, attention weights, residual branches)
 * @param bias       whether Linear and LayerNorm layers have biases (nanoGPT's {@code bias}, default false)
 * @param tiedHead   whether the output head shares the token embedding ({@code wte.weight = lm_head.weight})
 * @param parameterization SP (nanoGPT's, the default) or muP: init stds and the output multiplier
 *                   ({@link Parameterization}); the optimizer recipes read it for their lr factors
 */
public record GptConfig(String name, int vocabSize, int nLayer, int nHead, int nEmbd, int blockSize,
                        int batchSize, double dropout, boolean bias, boolean tiedHead,
                        Parameterization parameterization) {

    /** The standard parameterization: the form every config had before muP. */
    public GptConfig(String name, int vocabSize, int nLayer, int nHead, int nEmbd, int blockSize,
                     int batchSize, double dropout, boolean bias, boolean tiedHead) {
        this(name, vocabSize, nLayer, nHead, nEmbd, blockSize, batchSize, dropout, bias, tiedHead, Parameterization.sp());
    }

    public GptConfig {
        if (parameterization == null) {
            throw new IllegalArgumentException("parameterization must not be null (Parameterization.sp())");
        }
        if (vocabSize < 1 || nLayer < 1 || nHead < 1 || nEmbd < 1 || blockSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("every size must be positive: " + this);
        }
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException("nEmbd " + nEmbd + " is not a multiple of nHead " + nHead);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * nanoGPT's CPU command for shakespeare_char: 4 layers, 4 heads, width 128, context 64, batch 12,
     * no dropout, no bias, tied head (README: "gets us a loss of only 1.88" after 2000 steps).
     */
    public static GptConfig babyCpu() {
        return new GptConfig("baby-cpu", 65, 4, 4, 128, 64, 12, 0.0, false, true);
    }

    /**
     * nanoGPT's {@code config/train_shakespeare_char.py}: 6 layers, 6 heads, width 384, context 256,
     * batch 64, dropout 0.2, no bias, tied head (best val loss 1.4697 on an A100 after 5000 steps).
     */
    public static GptConfig shakespeareChar() {
        return new GptConfig("shakespeare-char", 65, 6, 6, 384, 256, 64, 0.2, false, true);
    }

    /**
     * A model for smoke tests of the training command, a few milliseconds a step: 2 layers, 2 heads,
     * width 32, context 16, batch 8 (the fault-injection tests kill and resume it many times).
     */
    public static GptConfig tiny() {
        return new GptConfig("tiny", 65, 2, 2, 32, 16, 8, 0.0, false, true);
    }

    /** @return the preset named {@code baby-cpu}, {@code shakespeare-char} or {@code tiny} */
    public static GptConfig preset(String name) {
        return switch (name) {
            case "baby-cpu" -> babyCpu();
            case "shakespeare-char" -> shakespeareChar();
            case "tiny" -> tiny();
            default -> throw new IllegalArgumentException("unknown config '" + name
                    + "'; presets: baby-cpu, shakespeare-char, tiny");
        };
    }

    /** @return the head size hs = C / nh */
    public int headSize() {
        return nEmbd / nHead;
    }

    /** @return tokens per optimizer step, B·T */
    public int tokensPerStep() {
        return batchSize * blockSize;
    }

    /** @return a copy with another batch size */
    public GptConfig withBatchSize(int b) {
        return new GptConfig(name, vocabSize, nLayer, nHead, nEmbd, blockSize, b, dropout, bias, tiedHead, parameterization);
    }

    /** @return a copy with another dropout */
    public GptConfig withDropout(double p) {
        return new GptConfig(name, vocabSize, nLayer, nHead, nEmbd, blockSize, batchSize, p, bias, tiedHead, parameterization);
    }

    /** @return a copy with or without biases */
    public GptConfig withBias(boolean b) {
        return new GptConfig(name, vocabSize, nLayer, nHead, nEmbd, blockSize, batchSize, dropout, b, tiedHead, parameterization);
    }

    /** @return a copy with the head tied to the token embedding or untied */
    public GptConfig withTiedHead(boolean tied) {
        return new GptConfig(name, vocabSize, nLayer, nHead, nEmbd, blockSize, batchSize, dropout, bias, tied, parameterization);
    }

    /** @return a copy with another width C (nHead kept; C must stay a multiple of it) */
    public GptConfig withWidth(int c) {
        return new GptConfig(name, vocabSize, nLayer, nHead, c, blockSize, batchSize, dropout, bias, tiedHead, parameterization);
    }

    /** @return a copy under another parameterization */
    public GptConfig withParameterization(Parameterization p) {
        return new GptConfig(name, vocabSize, nLayer, nHead, nEmbd, blockSize, batchSize, dropout, bias, tiedHead, p);
    }

    /** @return the logits' multiplier at this width ({@link Parameterization#outputMultiplier}) */
    public double outputMultiplier() {
        return parameterization.outputMultiplier(nEmbd);
    }
}
