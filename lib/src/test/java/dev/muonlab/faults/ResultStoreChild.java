package dev.muonlab.faults;

import dev.muonlab.experiments.Method;
import dev.muonlab.experiments.StudyResult;
import dev.muonlab.experiments.mf.MatrixFactorizationStudy;
import dev.muonlab.experiments.mf.MfStudyConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate process for {@link ResultStoreFaultTest} to kill: computes or reloads the
 * matrix-factorization study's smallest sweep in the study folder given as the argument, as a
 * notebook cell does, and prints "computed" or "loaded".
 */
public final class ResultStoreChild {

    private ResultStoreChild() {
    }

    /** The configuration every process of the test uses. */
    static MfStudyConfig config() {
        return MfStudyConfig.smoke().withMethods(List.of(Method.GD)).withKappas(List.of(10.0)).withMaxIterations(100);
    }

    /** @param args the study folder */
    public static void main(String[] args) {
        MfStudyConfig config = config();
        StudyResult<MfStudyConfig> r = MatrixFactorizationStudy.cached(Path.of(args[0]), config,
                () -> MatrixFactorizationStudy.run(config));
        System.out.println(r.loaded() ? "loaded" : "computed");
        System.exit(0);
    }
}
