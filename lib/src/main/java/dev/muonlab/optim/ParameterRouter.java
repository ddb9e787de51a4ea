package dev.muonlab.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sends each parameter to Muon or to AdamW by shape and name, following Keller Jordan's recipe
 * (kellerjordan.github.io/posts/muon; {@code muon.py}'s {@code MuonWithAuxAdam} README example;
 * references §0.2): hidden matrices (2-D or more) → Muon; 1-D parameters (LayerNorm gains,
 * biases), the input embeddings and the output head → AdamW. The head is on AdamW "empirically"
 * (Keller); embeddings because a one-hot input makes their gradient row-sparse, not a dense map.
 *
 * <p>Rules are checked in order: explicit overrides ({@link #override}), then rank &lt; 2, then the
 * embedding pattern, then the head pattern, else Muon. Patterns are case-insensitive regular
 * expressions found anywhere in the name.
 */
public final class ParameterRouter {

    /** Where a parameter goes. */
    public enum Route { MUON, ADAMW }

    /** Matches nanoGPT's wte/wpe and common embedding names (tok_emb, pos_emb, embed_tokens, embedding). */
    public static final String DEFAULT_EMBEDDING_PATTERN = "(wte|wpe|tok_emb|pos_emb|embed)";
    /** Matches lm_head, and "head" or "output" as a whole name component. */
    public static final String DEFAULT_HEAD_PATTERN = "(lm_head|(^|[._/])(head|output|unembed)([._/]|$))";

    private final List<Map.Entry<Pattern, Route>> overrides = new ArrayList<>();
    private Pattern embedding = compile(DEFAULT_EMBEDDING_PATTERN);
    private Pattern head = compile(DEFAULT_HEAD_PATTERN);
    private final MuonConfig muon;
    private final AdamWConfig adamw;

    /**
     * @param muon  the config of the Muon group
     * @param adamw the config of the AdamW group
     */
    public ParameterRouter(MuonConfig muon, AdamWConfig adamw) {
        this.muon = muon;
        this.adamw = adamw;
    }

    /** Names matching {@code regex} go to {@code route}, before every other rule. Returns this. */
    public ParameterRouter override(String regex, Route route) {
        overrides.add(Map.entry(compile(regex), route));
        return this;
    }

    /** Replaces the embedding-name pattern. Returns this. */
    public ParameterRouter embeddingPattern(String regex) {
        this.embedding = compile(regex);
        return this;
    }

    /** Replaces the output-head-name pattern. Returns this. */
    public ParameterRouter headPattern(String regex) {
        this.head = compile(regex);
        return this;
    }

    /**
     * @param name  the parameter's name
     * @param shape its shape. Not modified.
     * @return the route and the rule that chose it
     */
    public Routing.Entry decide(String name, long[] shape) {
        for (Map.Entry<Pattern, Route> o : overrides) {
            if (o.getKey().matcher(name).find()) {
                return new Routing.Entry(name, shape.clone(), o.getValue(), "override /" + o.getKey().pattern() + "/");
            }
        }
        if (shape.length < 2) {
            return new Routing.Entry(name, shape.clone(), Route.ADAMW, "1-D (gain or bias)");
        }
        if (embedding.matcher(name).find()) {
            return new Routing.Entry(name, shape.clone(), Route.ADAMW, "embedding");
        }
        if (head.matcher(name).find()) {
            return new Routing.Entry(name, shape.clone(), Route.ADAMW, "output head");
        }
        return new Routing.Entry(name, shape.clone(), Route.MUON, "hidden matrix");
    }

    /**
     * @param params parameter name → parameter, in model order. Not modified (the routing keeps references).
     * @return the routing: per-parameter decisions, a table, and the optimizer it describes
     */
    public Routing route(Map<String, INDArray> params) {
        List<Routing.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            Routing.Entry entry = decide(e.getKey(), e.getValue().shape());
            if (entry.route() == Route.MUON) {
                muon.checkParameter(e.getKey(), e.getValue().shape());
            }
            entries.add(entry);
        }
        return new Routing(entries, params, muon, adamw);
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }
}
