#!/usr/bin/python3
"""Coefficients of GeluKernel's erfc: erfc(z) = t * exp(-z^2) * Q(t), t = 1/(1 + P*z), z >= 0.

Q(t) = erfcx(z)/t with erfcx(z) = exp(z^2) erfc(z), the scaled complementary error function;
it is smooth on t in (0, 1], from Q(1) = 1 (z = 0) to P/sqrt(pi) as z -> inf
(DLMF 7.12.1), so a polynomial in t fits it to a small relative error. The form is Numerical
Recipes' erfcc (Press et al., 2nd ed., 6.2), which fits log Q instead and so needs an exp of its
own; fitting Q itself lets the kernel share one exp(-x^2/2) between GELU and its derivative.

Weighted least squares (weights 1/Q, i.e. relative error) on M Chebyshev nodes of t in
[1/(1 + P*ZMAX), 1]; reference values from mpmath at 40 digits. Prints the coefficients of Q/2
(the kernel computes half of erfc) rounded to fp32, lowest degree first, and the fit's maximal
relative error on a dense grid, with the rounded coefficients. Needs python3-mpmath and numpy
(Debian); run once, the output is pasted into GeluKernel.java.
"""
import mpmath as mp
import numpy as np

P, ZMAX, DEG, M = 0.4, 14.0, 10, 400   # z = 14 is x = -19.8, far past fp32's underflow of GELU
mp.mp.dps = 40


def q(t):
    t = mp.mpf(t)
    z = (1 / t - 1) / P
    return float(mp.erfc(z) * mp.exp(z * z) / t)


t_min = 1 / (1 + P * ZMAX)
k = np.arange(M)
nodes = (1 + t_min) / 2 + (1 - t_min) / 2 * np.cos(np.pi * (k + 0.5) / M)
values = np.array([q(t) for t in nodes])
coefficients = np.polynomial.polynomial.polyfit(nodes, values, DEG, w=1 / values)
half32 = (coefficients / 2).astype(np.float32)
grid = np.linspace(t_min, 1, 20000)
exact = np.array([q(t) for t in grid])
error = np.max(np.abs(2 * np.polynomial.polynomial.polyval(grid, half32.astype(np.float64)) / exact - 1))
print(f"P = {P}, degree {DEG}, max relative error of Q with fp32 coefficients: {error:.2e}")
print(", ".join(repr(float(c)) + "f" for c in half32))
