package dev.muonlab.plot;

import java.util.List;
import java.util.Map;

/**
 * A Plotly figure with precomputed frames and {@code layout.sliders}: interactive with no kernel (an HTML report, a
 * saved notebook), because moving the slider only swaps in a frame that is already in the page. Plotly.js's own
 * mechanism (https://plotly.com/javascript/sliders/, "animate" steps naming frames).
 *
 * <p>Tablesaw's {@code Figure} has no frames, so this is Plotly's JSON itself, as plain values (maps, lists, strings,
 * numbers, booleans; no NaN: a gap is {@code null}). The library stays free of Jupyter: the kernel extension draws it.
 *
 * @param data   the traces as first shown (Plotly's {@code data})
 * @param layout Plotly's {@code layout}, with {@code sliders}
 * @param frames {@code {"name": ..., "data": [per-trace updates]}}, one per slider step
 */
public record FramedFigure(List<Map<String, Object>> data, Map<String, Object> layout,
                           List<Map<String, Object>> frames) {

    public FramedFigure {
        data = List.copyOf(data);
        layout = Map.copyOf(layout);
        frames = List.copyOf(frames);
    }

    /** @return the layout's title text, or "" */
    public String title() {
        return layout.get("title") instanceof Map<?, ?> t && t.get("text") != null ? t.get("text").toString() : "";
    }

    /** @return {@code {"data": ..., "layout": ..., "frames": ...}}, for Plotly.newPlot and its JSON mime type */
    public Map<String, Object> toMap() {
        return Map.of("data", data, "layout", layout, "frames", frames);
    }

    @Override
    public String toString() {
        return "Figure '" + title() + "' (" + data.size() + (data.size() == 1 ? " trace, " : " traces, ")
                + frames.size() + (frames.size() == 1 ? " frame)" : " frames)");
    }
}
