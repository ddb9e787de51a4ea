package dev.muonlab.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands JSON to a kernel whichever copy of Gson it was built with.
 *
 * <p>Why: the extension is compiled against plain {@code com.google.gson}, as Muon Lab's own kernel uses it, but a
 * stock JJava kernel (checked with JJava 1.0-a6's distribution jar) shades Gson into
 * {@code org.dflib.jjava.shaded.com.google.gson}. There, a {@link JsonObject} put into display data is serialised
 * field by field ({@code {"members": ...}}), and a call of {@code Comm.send(JsonObject)} fails with
 * {@code NoSuchMethodError}, which ends the kernel's shell thread. Plain maps and lists serialise the same with
 * any Gson, and a comm message can be built with the kernel's own Gson through reflection.
 */
public final class GsonBridge {

    private GsonBridge() {
    }

    /**
     * @param json a JSON tree. Not modified.
     * @return the same value as {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Boolean},
     *         {@link BigDecimal} or null, which every Gson writes back as the same JSON
     */
    public static Object toPlain(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        if (json.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                map.put(e.getKey(), toPlain(e.getValue()));
            }
            return map;
        }
        if (json.isJsonArray()) {
            JsonArray array = json.getAsJsonArray();
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(element -> list.add(toPlain(element)));
            return list;
        }
        JsonPrimitive p = json.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        return p.isNumber() ? new BigDecimal(p.getAsString()) : p.getAsString();
    }

    /**
     * Calls {@code target.method(json)} where the method's one parameter is some Gson's {@code JsonObject}: the
     * plain one directly, a shaded one with the JSON re-parsed by that Gson's own {@code JsonParser}.
     *
     * @param target     e.g. a {@code Comm}. Modified as the method modifies it.
     * @param methodName e.g. {@code "send"}
     * @param json       the object to pass. Not modified.
     * @throws IllegalStateException if the target has no such method or the call fails
     */
    public static void invoke(Object target, String methodName, JsonObject json) {
        Method method = findJsonObjectMethod(target.getClass(), methodName);
        try {
            Class<?> type = method.getParameterTypes()[0];
            Object argument = json;
            if (!type.isInstance(json)) {
                Class<?> parser = Class.forName(type.getPackageName() + ".JsonParser", true, type.getClassLoader());
                Object tree = parser.getMethod("parseString", String.class).invoke(null, json.toString());
                argument = tree.getClass().getMethod("getAsJsonObject").invoke(tree);
            }
            method.invoke(target, argument);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(methodName + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a JsonObject for " + method + ": " + e, e);
        }
    }

    private static Method findJsonObjectMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].getSimpleName().equals("JsonObject")) {
                return m;
            }
        }
        throw new IllegalStateException(type.getName() + " has no public " + name + "(JsonObject)");
    }
}
