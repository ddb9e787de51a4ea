package dev.muonlab.experiments;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A notebook's "setup" table built from its configuration, so it always shows the values that ran:
 * setting, value, and where the value comes from (a paper, or Muon Lab's own choice).
 */
public final class SetupTable {

    private final Table table = Table.create("setup", StringColumn.create("setting"), StringColumn.create("value"),
            StringColumn.create("source"));

    /** @return this, with one row added */
    public SetupTable row(String setting, Object value, String source) {
        table.stringColumn(0).append(setting);
        table.stringColumn(1).append(String.valueOf(value));
        table.stringColumn(2).append(source);
        return this;
    }

    /** @return the table */
    public Table table() {
        return table;
    }
}
