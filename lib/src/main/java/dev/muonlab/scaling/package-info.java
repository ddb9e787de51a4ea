/**
 * Scaling arithmetic without training: compute scaling laws and the equal-loss compute ratio
 * (Moonlight, arXiv 2502.16982, §3.3: {@link dev.muonlab.scaling.PowerLaw},
 * {@link dev.muonlab.scaling.PowerLawFit}, {@link dev.muonlab.scaling.ComputeFrontier},
 * {@link dev.muonlab.scaling.ComputeRatio}) and telescoping hyper-parameter search across widths
 * (Essential AI, arXiv 2505.02222, §4, Algorithm 1 and Eq. 4-5: {@link dev.muonlab.scaling.Telescoping},
 * {@link dev.muonlab.scaling.TelescopingSearch}, {@link dev.muonlab.scaling.WidthDrift}).
 *
 * <p><b>Design notes.</b>
 * <ul>
 *   <li>The pure law is fitted in log space (relative errors, a straight line on Moonlight's log-log
 *       plot); the law with a floor in loss space, since log(L − E) depends on the E being fitted. The
 *       grid over E gives Levenberg-Marquardt its start, from which it reaches SciPy's optimum to
 *       1e-6 (PowerLawFitTest).</li>
 *   <li>Moonlight's "≈ 52 %" is not a constant: the two exponents differ, so the ratio grows as
 *       C^(1/26); the tests reproduce it from the laws rather than hard-coding 0.52.</li>
 *   <li>Telescoping's point counts are rounded to odd numbers so the previous optimum stays the centre
 *       point; that rule reproduces the paper's 8×8, 5×5, 3×3, 1×1.</li>
 * </ul>
 */
package dev.muonlab.scaling;
