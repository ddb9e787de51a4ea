package dev.muonlab.jupyter.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument text into words: whitespace separates, double or single quotes group (so paths with
 * spaces work), and a backslash escapes the next character. Pure.
 */
public final class MagicArgs {

    private MagicArgs() {
    }

    /**
     * @param text the text after the magic's name
     * @return the words, quotes removed
     * @throws IllegalArgumentException if a quote is not closed
     */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote " + quote + " in: " + text);
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
