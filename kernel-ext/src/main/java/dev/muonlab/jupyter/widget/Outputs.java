package dev.muonlab.jupyter.widget;

import java.util.List;

/**
 * Several values an {@link Interact} function shows at once, each in its own output (a chart, then a table):
 * {@code return outputs(chart, table);}. Each part is rendered as a cell result would be.
 *
 * @param parts the values, in order; none null
 */
public record Outputs(List<Object> parts) {

    /** Copies the list (parts may be of any type, so no null check beyond List.copyOf's). */
    public Outputs {
        parts = List.copyOf(parts);
    }
}
