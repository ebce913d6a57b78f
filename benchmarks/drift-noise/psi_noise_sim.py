"""
False-positive and power figures of drift-detector's PSI noise guard (Agensium.Analysis/Profile/PsiGuard.cs), by
simulation: two samples drawn from one distribution (false positives) or from shifted ones (power), 200 repetitions per
case, PSI alone (the KS test is not part of these figures). "old" is the guard before the merge of sparse cells
(threshold max(0.1, (1/n + 1/m) * chi2_0.99(k - 1)) over every bin or category with values); "new" merges cells that
expect fewer than min(10, min(n, m)/4) values on the smaller side (bins with their neighbours, categories largest
pooled count first) and adds the small-count bias (1/n^2 + 1/m^2)/2 * sum(1/p). Numeric columns: 10 equal-width bins
over the baseline [min, max]. Run: python3 psi_noise_sim.py (numpy only; ~10 s).
"""
import numpy as np

Z99 = 2.3263478740408408
FLOOR = 1e-4
REPS = 200


def chi99(df):
    k = max(1, df)
    a = 2 / (9 * k)
    return k * (1 - a + Z99 * np.sqrt(a)) ** 3  # Wilson-Hilferty, as PsiNoise


def psi(b, c):
    b = np.maximum(b, FLOOR)
    c = np.maximum(c, FLOOR)
    return float(np.sum((c - b) * np.log(c / b)))


def old_rule(bc, cc, n, m):
    keep = (bc + cc) > 0
    k = int(keep.sum())
    return psi(bc / n, cc / m) > max(0.1, (1 / n + 1 / m) * chi99(k - 1))


def cell_min(n, m):
    return min(10.0, min(n, m) / 4.0)


def expected(b, c, n, m):
    return min(n, m) * (b + c) / (n + m) / cell_min(n, m)


def merge_neighbours(bc, cc, n, m):
    b, c, ab, ac = [], [], 0.0, 0.0
    for i in range(len(bc)):
        ab += bc[i]
        ac += cc[i]
        if expected(ab, ac, n, m) >= 1:
            b.append(ab)
            c.append(ac)
            ab = ac = 0.0
    if ab + ac > 0:
        if b:
            b[-1] += ab
            c[-1] += ac
        else:
            b.append(ab)
            c.append(ac)
    return b, c


def merge_sparse(bc, cc, n, m):
    b, c, sparse = [], [], []
    for i in range(len(bc)):
        if bc[i] + cc[i] <= 0:
            continue
        if expected(bc[i], cc[i], n, m) >= 1:
            b.append(bc[i])
            c.append(cc[i])
        else:
            sparse.append(i)
    kept = len(b)
    ab = ac = 0.0
    for i in sorted(sparse, key=lambda i: (-(bc[i] + cc[i]), i)):
        ab += bc[i]
        ac += cc[i]
        if expected(ab, ac, n, m) >= 1:
            b.append(ab)
            c.append(ac)
            ab = ac = 0.0
    if ab + ac > 0:
        if len(b) == kept and kept > 0:
            j = min(range(kept), key=lambda i: b[i] + c[i])
            b[j] += ab
            c[j] += ac
        elif b:
            b[-1] += ab
            c[-1] += ac
        else:
            b.append(ab)
            c.append(ac)
    return b, c


def new_rule(bc, cc, n, m, ordered):
    b, c = (merge_neighbours if ordered else merge_sparse)(bc, cc, n, m)
    b, c = np.array(b), np.array(c)
    tested = psi(b / n, c / m) if len(b) >= 2 else 0.0
    bias = 0.5 * (1 / n ** 2 + 1 / m ** 2) * np.sum((n + m) / (b + c))
    return tested > max(0.1, (1 / n + 1 / m) * chi99(max(1, len(b) - 1)) + bias)


def bins(values, lo, hi, k=10):
    w = (hi - lo) / k
    idx = np.clip(np.floor((values - lo) / w).astype(int), 0, k - 1)
    return np.bincount(idx, minlength=k).astype(float)


def run(name, draw, ordered):
    old = new = 0
    for _ in range(REPS):
        bc, cc = draw()
        n, m = bc.sum(), cc.sum()
        old += old_rule(bc, cc, n, m)
        new += new_rule(bc, cc, n, m, ordered)
    print(f"| {name} | {100 * old / REPS:.1f}% | {100 * new / REPS:.1f}% |", flush=True)


rng = np.random.default_rng(20261205)


def uniform(k):
    return np.ones(k) / k


def zipf(k):
    w = 1 / np.arange(1, k + 1)
    return w / w.sum()


def categories(p, n, m, q=None):
    q = p if q is None else q
    return lambda: (rng.multinomial(n, p).astype(float), rng.multinomial(m, q).astype(float))


def numbers(draw, n, m, shift=0.0):
    def sample():
        b = draw(n)
        c = draw(m) + shift
        return bins(b, b.min(), b.max()), bins(c, b.min(), b.max())
    return sample


print("| same distribution (false positives) | old | new |\n|---|---|---|")
for k in [5, 20, 60, 200]:
    for n in [120, 200, 1000]:
        run(f"{k} categories, uniform, {n} a side", categories(uniform(k), n, n), False)
        run(f"{k} categories, Zipf 1/r, {n} a side", categories(zipf(k), n, n), False)
run("400 categories, uniform, 2,000 a side", categories(uniform(400), 2000, 2000), False)
run("1,000 categories, uniform, 10,000 a side", categories(uniform(1000), 10000, 10000), False)
run("60 categories, Zipf, 120 vs 1,000", categories(zipf(60), 120, 1000), False)
run("10 categories, uniform, 20 a side", categories(uniform(10), 20, 20), False)
for n in [20, 100, 200, 1000]:
    run(f"numeric normal, {n} a side", numbers(lambda s: rng.normal(size=s), n, n), True)
    run(f"numeric exponential, {n} a side", numbers(lambda s: rng.exponential(size=s), n, n), True)
    run(f"numeric lognormal, {n} a side", numbers(lambda s: rng.lognormal(size=s), n, n), True)

print("\n| real drift (power) | old | new |\n|---|---|---|")
for k in [5, 20, 60]:
    p = uniform(k)
    q = p.copy()
    q[0] += 0.2
    q[1:] -= 0.2 / (k - 1)
    run(f"{k} categories, 1,000 a side, 0.2 of the mass moved to one category", categories(p, 1000, 1000, q), False)
    z = zipf(k)
    run(f"{k} categories (Zipf), 1,000 a side, a fifth drawn from the reversed shares", categories(z, 1000, 1000, 0.8 * z + 0.2 * z[::-1]), False)
    q = z.copy()
    q[0] -= 0.2
    q[-1] += 0.2
    run(f"{k} categories (Zipf), 1,000 a side, 0.2 of the mass from the first to the last", categories(z, 1000, 1000, q), False)
run("3 categories, 1,000 a side, 0.5/0.3/0.2 -> 0.3/0.5/0.2", categories(np.array([0.5, 0.3, 0.2]), 1000, 1000, np.array([0.3, 0.5, 0.2])), False)
run("numeric normal, 200 a side, mean +0.5 sd", numbers(lambda s: rng.normal(size=s), 200, 200, 0.5), True)
run("numeric normal, 1,000 a side, mean +0.3 sd", numbers(lambda s: rng.normal(size=s), 1000, 1000, 0.3), True)
