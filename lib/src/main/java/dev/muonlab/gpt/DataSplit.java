package dev.muonlab.gpt;

import java.util.Arrays;

/**
 * nanoGPT's train/validation split of a token stream ({@code prepare.py}): {@code n = len(data)},
 * the first {@code int(n * 0.9)} tokens train, the rest validate, cut at a character. On Tiny
 * Shakespeare: 1,003,854 train and 111,540 validation tokens.
 *
 * @param tokenizer  the tokenizer that produced the ids
 * @param train      training token ids
 * @param validation validation token ids
 */
public record DataSplit(CharTokenizer tokenizer, int[] train, int[] validation) {

    /** Fraction of the stream used for training, as nanoGPT. */
    public static final double TRAIN_FRACTION = 0.9;

    /**
     * @param text the corpus. Not modified.
     * @return the tokenizer built on the whole text and nanoGPT's 90/10 split of its ids
     */
    public static DataSplit of(String text) {
        CharTokenizer tokenizer = new CharTokenizer(text);
        int[] ids = tokenizer.encode(text);
        int n = (int) (ids.length * TRAIN_FRACTION);
        return new DataSplit(tokenizer, Arrays.copyOfRange(ids, 0, n), Arrays.copyOfRange(ids, n, ids.length));
    }

    /** @return the verified Tiny Shakespeare corpus, tokenized and split */
    public static DataSplit tinyShakespeare() {
        return of(Corpus.tinyShakespeare().text());
    }

    /** @return the training ids ({@code "train"}) or validation ids ({@code "val"}) */
    public int[] split(String name) {
        return switch (name) {
            case "train" -> train;
            case "val" -> validation;
            default -> throw new IllegalArgumentException("split must be train or val, not " + name);
        };
    }
}
