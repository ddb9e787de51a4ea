package dev.muonlab.jupyter.widget;

import java.util.List;
import java.util.Map;

/**
 * Puts the binary buffers of a widget message back into its state: {@code buffer_paths} names, for each buffer,
 * the path of keys and list indices where it belongs (ipywidgets' {@code _put_buffers}, protocol 2 "Binary
 * buffers"). None of the models here syncs binary data, so the kernel never sends buffers (its
 * {@code buffer_paths} are always empty), but a frontend message that has some is still read correctly.
 */
final class Buffers {

    private Buffers() {
    }

    /**
     * @param data  a comm message's data ({@code state} and {@code buffer_paths}). Modified: buffers placed as
     *              {@code byte[]} values.
     * @param blobs the message's binary parts, in the order of {@code buffer_paths}; may be null
     */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> data, List<byte[]> blobs) {
        if (blobs == null || blobs.isEmpty() || !(data.get("buffer_paths") instanceof List<?> paths)
                || !(data.get("state") instanceof Map<?, ?> state)) {
            return;
        }
        for (int i = 0; i < paths.size() && i < blobs.size(); i++) {
            List<?> path = (List<?>) paths.get(i);
            Object node = state;
            for (int k = 0; k < path.size() - 1; k++) {
                node = step(node, path.get(k));
            }
            Object last = path.get(path.size() - 1);
            if (node instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).put(String.valueOf(last), blobs.get(i));
            } else if (node instanceof List<?> l) {
                ((List<Object>) l).set(((Number) last).intValue(), blobs.get(i));
            }
        }
    }

    private static Object step(Object node, Object key) {
        return node instanceof Map<?, ?> m ? m.get(String.valueOf(key)) : ((List<?>) node).get(((Number) key).intValue());
    }
}
