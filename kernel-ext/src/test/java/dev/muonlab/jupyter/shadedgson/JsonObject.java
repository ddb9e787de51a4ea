package dev.muonlab.jupyter.shadedgson;

/** Stands in for a relocated Gson's JsonObject (as in JJava's distribution jar): it keeps the parsed text. */
public final class JsonObject {
    public final String text;

    JsonObject(String text) {
        this.text = text;
    }

    public JsonObject getAsJsonObject() {
        return this;
    }
}
