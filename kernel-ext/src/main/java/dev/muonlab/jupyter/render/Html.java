package dev.muonlab.jupyter.render;

/**
 * HTML escaping for text that renderers put into notebook outputs. Cell values, titles and messages
 * come from users and data files, so every one of them is escaped before it reaches an output.
 */
public final class Html {

    private Html() {
    }

    /**
     * @param text any text, may be null (rendered as the empty string)
     * @return the text with {@code & < > " '} replaced by entities, safe inside elements and quoted attributes
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
