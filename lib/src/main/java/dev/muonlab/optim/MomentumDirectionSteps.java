package dev.muonlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The step shared by the steepest-descent optimizers that differ only in their norm (normalized SGD:
 * Frobenius; sign descent: ℓ∞): M = EMA of gradients (the gradient itself for β = 0), U = direction(M),
 * param ← param·(1 − lr·wd) − lr·U (Bernstein &amp; Newhouse, "Old optimizer, new norm", arXiv 2409.20325:
 * each is steepest descent under its norm, as Muon is under the spectral norm).
 */
final class MomentumDirectionSteps {

    private MomentumDirectionSteps() {
    }

    /** @throws IllegalArgumentException when lr, momentum or weight decay are out of range */
    static void check(String optimizer, double lr, double momentum, double weightDecay) {
        Checks.lr(optimizer, lr);
        Checks.beta(optimizer, "momentum", momentum);
        Checks.nonNegative(optimizer, "weight decay", weightDecay);
    }

    /** @return the state arrays such an optimizer keeps: the momentum buffer, unless β = 0 */
    static List<String> stateNames(double momentum) {
        return momentum == 0 ? List.of() : List.of("momentum");
    }

    /**
     * One step. Modifies {@code param} and the state's momentum buffer in place.
     *
     * @param direction maps M (not to be modified) to the update U
     * @return the update U (before lr)
     */
    static INDArray step(INDArray param, INDArray grad, Map<String, INDArray> state, double momentum,
                         double lr, double weightDecay, UnaryOperator<INDArray> direction) {
        INDArray M = momentum == 0 ? grad
                : MuonMath.momentumDirection(grad, state.get("momentum"), momentum, MomentumForm.EMA, false);
        INDArray update = direction.apply(M);
        MuonMath.applyStep(param, update, lr, weightDecay, WeightDecayMode.DECOUPLED, 1);
        return update;
    }
}
