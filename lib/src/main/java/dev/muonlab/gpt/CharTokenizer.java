package dev.muonlab.gpt;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A character-level tokenizer as nanoGPT's {@code data/shakespeare_char/prepare.py}: the vocabulary
 * is the sorted set of distinct characters ({@code chars = sorted(list(set(data)))}), token id =
 * position in that list. On Tiny Shakespeare: 65 symbols, id 0 = {@code '\n'}, 1 = space, 64 = {@code 'z'}.
 */
public final class CharTokenizer {

    private final char[] itos;
    private final int[] stoi = new int[Character.MAX_VALUE + 1];

    /** @param text the text whose distinct characters form the vocabulary. Not modified. */
    public CharTokenizer(String text) {
        TreeSet<Character> chars = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            chars.add(text.charAt(i));
        }
        itos = new char[chars.size()];
        int id = 0;
        for (char c : chars) {
            itos[id++] = c;
        }
        Arrays.fill(stoi, -1);
        for (int i = 0; i < itos.length; i++) {
            stoi[itos[i]] = i;
        }
    }

    /** @return the number of symbols (65 on Tiny Shakespeare) */
    public int vocabSize() {
        return itos.length;
    }

    /** @return the vocabulary in id order, as one string */
    public String vocabulary() {
        return new String(itos);
    }

    /**
     * @param text characters from the vocabulary. Not modified.
     * @return the token ids, one per character
     * @throws IllegalArgumentException naming the first character outside the vocabulary
     */
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            char c = text.charAt(i);
            int id = stoi[c];
            if (id < 0) {
                throw new IllegalArgumentException("character " + (int) c + " ('" + c + "') at " + i
                        + " is not in the " + itos.length + "-symbol vocabulary");
            }
            ids[i] = id;
        }
        return ids;
    }

    /**
     * @param ids token ids in [0, vocabSize). Not modified.
     * @return the text they spell
     */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            if (id < 0 || id >= itos.length) {
                throw new IllegalArgumentException("token id " + id + " outside [0, " + itos.length + ")");
            }
            sb.append(itos[id]);
        }
        return sb.toString();
    }
}
