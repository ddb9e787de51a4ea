package dev.muonlab.jupyter.widget;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.muonlab.jupyter.GsonBridge;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.Message;

import java.io.IOException;
import java.util.Map;

/**
 * JSON in and out of comm messages, whichever Gson the kernel has.
 *
 * <p>Out: JJava's socket Gson drops null map values, but widget state has meaningful nulls ({@code "tooltip": null},
 * ipywidgets sends them), so content is written by a null-keeping Gson and handed to the socket as raw JSON
 * ({@link RawJson}) where the socket uses this Gson (the Muon Lab kernel). With a stock JJava's shaded Gson the
 * annotation is not seen, so plain maps are sent and nulls are left to the frontend's defaults, which are the same
 * nulls. In: a message's data is read through its {@code toString()}, so a shaded {@code JsonObject} works too.
 */
final class CommJson {

    private static final Gson WITH_NULLS = new GsonBuilder().serializeNulls().create();

    private CommJson() {
    }

    /** @return whether JJava's socket serialises with this (unshaded) Gson, which honours {@link RawJson} */
    static boolean socketUsesThisGson() {
        try {
            return JupyterSocket.class.getDeclaredField("gson").getType() == Gson.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** @return the content as JSON that keeps null values, for the socket to write verbatim */
    static RawJson raw(Map<String, Object> content) {
        return new RawJson(WITH_NULLS.toJson(content));
    }

    /** @return the {@code data} of a comm message as plain maps, lists, strings, BigDecimals and booleans */
    @SuppressWarnings("unchecked")
    static Map<String, Object> dataOf(Message<?> message) {
        try {
            Object content = message.getContent();
            Object data = content.getClass().getMethod("getData").invoke(content);
            if (data == null) {
                return Map.of();
            }
            Object plain = GsonBridge.toPlain(JsonParser.parseString(data.toString()));
            return plain instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read a comm message: " + e, e);
        }
    }

    /** JSON written verbatim into the message content. */
    @JsonAdapter(RawJson.Adapter.class)
    record RawJson(String json) {
        static final class Adapter extends TypeAdapter<RawJson> {
            @Override
            public void write(JsonWriter out, RawJson value) throws IOException {
                out.jsonValue(value.json());
            }

            @Override
            public RawJson read(JsonReader in) {
                throw new UnsupportedOperationException("write only");
            }
        }
    }
}
