package dev.muonlab.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GsonBridgeTest {

    private static final String JSON = "{\"data\":[{\"x\":[1,2.5,-3e-300,12345678901234567890],\"name\":\"é \\\"q\\\"\","
            + "\"visible\":true,\"gaps\":[null,0]}],\"layout\":{\"title\":{\"text\":\"Loss\"},\"showlegend\":false}}";

    @Test
    void plainValuesWriteBackAsTheSameJson() {
        JsonObject tree = JsonParser.parseString(JSON).getAsJsonObject();
        Object plain = GsonBridge.toPlain(tree);
        String written = new GsonBuilder().serializeNulls().create().toJson(plain);
        assertEquals(tree, JsonParser.parseString(written), written);
        assertEquals("12345678901234567890", JsonParser.parseString(written).getAsJsonObject().getAsJsonArray("data")
                .get(0).getAsJsonObject().getAsJsonArray("x").get(3).getAsString(), "no rounding through double");
    }

    /** Receives JSON as Muon Lab's kernel does (plain Gson). */
    public static final class PlainReceiver {
        final List<JsonObject> got = new ArrayList<>();

        public void send(JsonObject data) {
            got.add(data);
        }
    }

    /** Receives JSON as a stock JJava kernel does (a relocated Gson's JsonObject). */
    public static final class ShadedReceiver {
        final List<String> got = new ArrayList<>();

        public void send(dev.muonlab.jupyter.shadedgson.JsonObject data) {
            got.add(data.text);
        }
    }

    @Test
    void invokePassesThePlainObjectOrReparsesItWithTheReceiversGson() {
        JsonObject data = JsonParser.parseString(JSON).getAsJsonObject();
        PlainReceiver plain = new PlainReceiver();
        GsonBridge.invoke(plain, "send", data);
        assertEquals(List.of(data), plain.got);

        ShadedReceiver shaded = new ShadedReceiver();
        GsonBridge.invoke(shaded, "send", data);
        assertEquals(1, shaded.got.size());
        assertEquals(data, JsonParser.parseString(shaded.got.get(0)), "the same JSON, parsed by the shaded Gson");
    }

    @Test
    void aTargetWithoutSuchAMethodIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GsonBridge.invoke(new Gson(), "send", new JsonObject()));
        assertEquals("com.google.gson.Gson has no public send(JsonObject)", e.getMessage());
    }
}
