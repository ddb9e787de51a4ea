package dev.muonlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** Keller Jordan's recipe on nanoGPT's parameter names (one block of the width-128 model). */
class ParameterRouterTest {

    static Map<String, INDArray> nanoGptBlock() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("transformer.wte.weight", Nd4j.zeros(DataType.FLOAT, 65, 128));
        p.put("transformer.wpe.weight", Nd4j.zeros(DataType.FLOAT, 64, 128));
        p.put("transformer.h.0.ln_1.weight", Nd4j.zeros(DataType.FLOAT, 128));
        p.put("transformer.h.0.attn.c_attn.weight", Nd4j.zeros(DataType.FLOAT, 384, 128));
        p.put("transformer.h.0.attn.c_proj.weight", Nd4j.zeros(DataType.FLOAT, 128, 128));
        p.put("transformer.h.0.mlp.c_fc.weight", Nd4j.zeros(DataType.FLOAT, 512, 128));
        p.put("transformer.h.0.mlp.c_proj.weight", Nd4j.zeros(DataType.FLOAT, 128, 512));
        p.put("transformer.h.0.mlp.c_proj.bias", Nd4j.zeros(DataType.FLOAT, 128));
        p.put("lm_head.weight", Nd4j.zeros(DataType.FLOAT, 65, 128));
        return p;
    }

    @Test
    void hiddenMatricesToMuonTheRestToAdamW() {
        Routing r = new ParameterRouter(MuonConfig.keller(TestOrthogonalizers.keller()), AdamWConfig.kellerAux())
                .route(nanoGptBlock());
        assertEquals(4, r.paramsOf(ParameterRouter.Route.MUON).size());
        assertEquals(5, r.paramsOf(ParameterRouter.Route.ADAMW).size());
        assertTrue(r.paramsOf(ParameterRouter.Route.MUON).keySet().stream().allMatch(n -> n.contains(".h.0.")
                && (n.contains("c_attn") || n.contains("c_proj.weight") || n.contains("c_fc"))));

        Table t = r.table();
        assertEquals(9, t.rowCount());
        assertEquals(java.util.List.of("name", "shape", "optimizer", "lr", "scale", "numel", "reason"), t.columnNames());
        int fc = t.stringColumn("name").indexOf("transformer.h.0.mlp.c_fc.weight");
        assertEquals(2.0, t.doubleColumn("scale").get(fc), 1e-15);            // sqrt(max(1, 512/128))
        assertEquals("muon", t.stringColumn("optimizer").get(fc));
        assertEquals(0.02, t.doubleColumn("lr").get(fc), 0);
        int head = t.stringColumn("name").indexOf("lm_head.weight");
        assertEquals("adamw", t.stringColumn("optimizer").get(head));
        assertEquals("output head", t.stringColumn("reason").get(head));

        Optimizer opt = r.toOptimizer();
        assertEquals(2, opt.groups().size());
        assertEquals(9, opt.params().size());
    }

    @Test
    void overridesWinAndMuonStillRefusesVectors() {
        ParameterRouter router = new ParameterRouter(MuonConfig.keller(TestOrthogonalizers.keller()), AdamWConfig.kellerAux())
                .override("c_proj", ParameterRouter.Route.ADAMW)
                .override("lm_head", ParameterRouter.Route.MUON);
        Routing r = router.route(nanoGptBlock());
        assertEquals(ParameterRouter.Route.ADAMW, router.decide("transformer.h.0.mlp.c_proj.weight", new long[] {128, 512}).route());
        assertTrue(r.paramsOf(ParameterRouter.Route.MUON).containsKey("lm_head.weight"));
        ParameterRouter bad = new ParameterRouter(MuonConfig.keller(TestOrthogonalizers.keller()), AdamWConfig.kellerAux())
                .override("ln_1", ParameterRouter.Route.MUON);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.route(nanoGptBlock()));
        assertTrue(e.getMessage().contains("transformer.h.0.ln_1.weight"), e.getMessage());
    }
}
