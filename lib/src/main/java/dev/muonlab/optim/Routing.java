package dev.muonlab.optim;

import dev.muonlab.schedule.LrSchedule;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The result of {@link ParameterRouter#route}: which parameter goes to Muon and which to AdamW,
 * as a table for notebooks and as an optimizer.
 *
 * @param entries one decision per parameter, in the input order
 * @param params  the parameters (live references)
 * @param muon    the Muon group's config
 * @param adamw   the AdamW group's config
 */
public record Routing(List<Entry> entries, Map<String, INDArray> params, MuonConfig muon, AdamWConfig adamw) {

    /**
     * @param name   the parameter's name
     * @param shape  its shape
     * @param route  MUON or ADAMW
     * @param reason the rule that decided
     */
    public record Entry(String name, long[] shape, ParameterRouter.Route route, String reason) {
        @Override
        public String toString() {
            return name + Arrays.toString(shape) + " -> " + route + " (" + reason + ")";
        }
    }

    public Routing {
        entries = List.copyOf(entries);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return the parameters routed to {@code route}, in order (live references) */
    public Map<String, INDArray> paramsOf(ParameterRouter.Route route) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.route() == route) {
                out.put(e.name(), params.get(e.name()));
            }
        }
        return out;
    }

    /**
     * @return a table with columns name, shape, optimizer, lr (base), scale (Muon's shape factor s
     *         of {@link UpdateScale}; 1 for AdamW, which has none), numel, reason
     */
    public Table table() {
        StringColumn name = StringColumn.create("name");
        StringColumn shape = StringColumn.create("shape");
        StringColumn optimizer = StringColumn.create("optimizer");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn scale = DoubleColumn.create("scale");
        DoubleColumn numel = DoubleColumn.create("numel");
        StringColumn reason = StringColumn.create("reason");
        for (Entry e : entries) {
            boolean isMuon = e.route() == ParameterRouter.Route.MUON;
            name.append(e.name());
            shape.append(Arrays.toString(e.shape()));
            optimizer.append(isMuon ? muon.name() : adamw.name());
            lr.append(isMuon ? muon.lr() : adamw.lr());
            scale.append(isMuon ? MuonMath.scaleOf(e.shape(), muon.scale(), muon.rmsTarget()) : 1.0);
            numel.append(Arrays.stream(e.shape()).reduce(1, (a, b) -> a * b));
            reason.append(e.reason());
        }
        return Table.create("parameter routing", name, shape, optimizer, lr, scale, numel, reason);
    }

    /** @return an optimizer with groups "muon" and "adamw" (empty groups left out), constant schedules */
    public Optimizer toOptimizer() {
        return toOptimizer(LrSchedule.constant(), LrSchedule.constant());
    }

    /** @return an optimizer with groups "muon" and "adamw" (empty groups left out), each with its schedule */
    public Optimizer toOptimizer(LrSchedule muonSchedule, LrSchedule adamwSchedule) {
        GroupedOptimizer.Builder b = Optimizer.builder();
        Map<String, INDArray> m = paramsOf(ParameterRouter.Route.MUON);
        Map<String, INDArray> a = paramsOf(ParameterRouter.Route.ADAMW);
        if (!m.isEmpty()) {
            b.group("muon", muon, muonSchedule, m);
        }
        if (!a.isEmpty()) {
            b.group("adamw", adamw, adamwSchedule, a);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return table().print();
    }
}
