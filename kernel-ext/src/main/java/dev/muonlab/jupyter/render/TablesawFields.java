package dev.muonlab.jupyter.render;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads private fields of Tablesaw's Plotly objects by name.
 *
 * <p>Why reflection: Tablesaw 0.44.4 keeps most of a trace's and a layout's attributes in private
 * final fields with no getters, and its only output is JavaScript text (numbers as strings, HTML
 * entities in titles), not JSON. Reading the fields is the one way to build strict JSON from the
 * figure's data without parsing JavaScript. Everything reflective is here, so a Tablesaw upgrade
 * that renames a field shows up in one class and its tests.
 */
final class TablesawFields {

    private static final Map<String, Optional<Field>> CACHE = new ConcurrentHashMap<>();

    private TablesawFields() {
    }

    /**
     * @param target a Tablesaw object. Not modified.
     * @param name   a field declared by its class or a superclass (the most derived one wins, so
     *               {@code ScatterTrace.yAxis} hides {@code AbstractTrace.yAxis})
     * @return the field's value (primitives boxed), or null when the class has no such field
     */
    static Object read(Object target, String name) {
        Optional<Field> field = CACHE.computeIfAbsent(target.getClass().getName() + "#" + name,
                key -> find(target.getClass(), name));
        if (field.isEmpty()) {
            return null;
        }
        try {
            return field.get().get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + name + " of " + target.getClass().getName(), e);
        }
    }

    /** @return true when the class of {@code target} or a superclass declares the instance field {@code name} */
    static boolean has(Object target, String name) {
        return find(target.getClass(), name).isPresent();
    }

    private static Optional<Field> find(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                return Optional.of(f);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (InaccessibleObjectException e) {
                throw new IllegalStateException("Tablesaw's " + c.getName() + " is not open to reflection", e);
            }
        }
        return Optional.empty();
    }
}
