// Made by `make python-helpers` from Python/runtime.py and Python/plots.py: edit those, not this.
extension PythonRuntime {
    static let source = #"""
# ==== section core (needs: )
# What every exported notebook needs: numpy, show(), the Run record and a few helpers.
# The numbers are computed as the descent program computes them, operation for
# operation, so that they agree with it to the last digit or nearly so.
import math
from types import SimpleNamespace

import numpy as np

np.seterr(all="ignore")  # as in descent: overflow gives inf, 0/0 gives nan, and nothing is printed


def plain(value):
    """numpy numbers and arrays as plain Python floats and lists; a record as its dict."""
    if hasattr(value, "as_dict"):
        return plain(value.as_dict())
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


def show(label, value):
    """Prints `label = value` (or `[label] value`) with plain Python numbers."""
    text = repr(plain(value))
    print(f"{label} {text}" if label.startswith("[") else f"{label} = {text}")


class Record(SimpleNamespace):
    """A small record; it shows as the dict of its `shown` fields, as descent's --json does."""
    shown = ()

    def as_dict(self):
        return {name: getattr(self, name) for name in self.shown}

    def __repr__(self):
        return repr(plain(self))


class Run(Record):
    """One descent: where it ended (x, f, steps, status, kind) and every step on the way
    (path: the points, start first; fs: f at each; grads: the gradient at each)."""
    shown = ("x", "f", "steps", "status", "kind")


# The update rules by name, filled in by each method's section ("gd", "momentum", ...).
METHODS = {}


def as_point(x):
    """A number for a function of one variable, a numpy array of floats for a point."""
    return np.float64(x) if np.ndim(x) == 0 else np.array(x, dtype=float)


def at(fn, x, **data):
    """fn at the point x: fn(x) in 1-D, fn(w, b) at a point (w, b)."""
    return fn(*np.atleast_1d(x).astype(float, copy=False), **data)


def value_at(f, x, **data):
    return np.float64(at(f, x, **data))


def gradient_at(grad, x, **data):
    """The gradient at x: a number in 1-D, a numpy array otherwise."""
    g = at(grad, x, **data)
    return np.float64(g) if np.ndim(x) == 0 else np.asarray(g, dtype=float)


def all_finite(x):
    return bool(np.all(np.isfinite(x)))


def length(v):
    """|v|, the squares added in order; scaled by the largest part when they over- or underflow."""
    parts = np.atleast_1d(v)
    squares = 0.0
    for p in parts:
        squares += p * p
    if math.isfinite(squares) and squares > 1e-290:
        return np.sqrt(squares)
    if np.isnan(parts).any():
        return np.float64(np.nan)
    largest = np.max(np.abs(parts))
    if not (np.isfinite(largest) and largest > 0):
        return largest
    squares = 0.0
    for p in parts:
        squares += (p / largest) * (p / largest)
    return largest * np.sqrt(squares)


# ==== section curvature (needs: core)
# How f curves at a point: its Hessian from differences of the gradient, the
# Hessian's eigenvalues, and what kind of flat spot that makes a point.

def hessian_by_differences(grad, x):
    """The Hessian at x from central differences of the gradient, made symmetric."""
    point = np.atleast_1d(x).astype(float)
    n = len(point)
    H = [[0.0] * n for _ in range(n)]
    for i in range(n):
        h = 6e-6 * max(1.0, abs(point[i]))   # about the cube root of the double's precision
        forward, backward = point.copy(), point.copy()
        forward[i] += h
        backward[i] -= h
        up = np.atleast_1d(at(grad, forward))
        down = np.atleast_1d(at(grad, backward))
        width = forward[i] - backward[i]
        for j in range(n):
            H[i][j] = (up[j] - down[j]) / width
    for i in range(n):
        for j in range(i + 1, n):
            H[i][j] = H[j][i] = (H[i][j] + H[j][i]) / 2
    return H


def eigenvalues(matrix):
    """The eigenvalues of a symmetric matrix, smallest first, by cyclic Jacobi rotations."""
    a = [[float(v) for v in row] for row in np.atleast_2d(matrix)]
    n = len(a)
    if not all(math.isfinite(v) for row in a for v in row):
        return [math.nan] * n
    for _ in range(100):
        off = total = 0.0
        for i in range(n):
            for j in range(n):
                total += a[i][j] * a[i][j]
                if i != j:
                    off += a[i][j] * a[i][j]
        if off <= 1e-30 * total or off == 0:
            break
        for p in range(n):
            for q in range(p + 1, n):
                if a[p][q] == 0:
                    continue
                # The rotation that zeroes a[p][q] (Golub and Van Loan, 8.5.2).
                theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                t = (1.0 if theta >= 0 else -1.0) / (abs(theta) + math.sqrt(theta * theta + 1))
                c = 1 / math.sqrt(t * t + 1)
                s = t * c
                for k in range(n):
                    akp, akq = a[k][p], a[k][q]
                    a[k][p] = c * akp - s * akq
                    a[k][q] = s * akp + c * akq
                for k in range(n):
                    apk, aqk = a[p][k], a[q][k]
                    a[p][k] = c * apk - s * aqk
                    a[q][k] = s * apk + c * aqk
    return sorted(a[i][i] for i in range(n))


def flat_spot(f, grad, x, **data):
    """What kind of flat spot x is: 'minimum', 'maximum', 'saddle' or 'flat' (as x^3 at 0)."""
    values = eigenvalues(hessian_by_differences(grad, x))
    finite = [abs(v) for v in values if math.isfinite(v)]
    zero = 1e-9 * max(1.0, max(finite, default=1.0))   # within a billionth of the largest is zero
    positive = any(v > zero for v in values)
    negative = any(v < -zero for v in values)
    if positive and negative:
        return "saddle"
    if negative:
        return "maximum" if all(v < -zero for v in values) else "flat"
    if not positive or not all(v > zero for v in values):
        return "flat"
    # It curves up; but the run stopped where the gradient is short, not zero, so check that
    # f does not fall a little further on (ten times as far as the bottom seems to lie).
    fx = value_at(f, x)
    point = np.atleast_1d(x).astype(float)
    reach = max(10 * length(gradient_at(grad, x)) / values[0], 1e-6 * max(1.0, np.max(np.abs(point))))
    allowance = 1e-12 * max(1.0, abs(fx))
    for i in range(len(point)):
        for direction in (-1.0, 1.0):
            probe = point.copy()
            probe[i] += direction * reach
            if value_at(f, probe) < fx - allowance:
                return "flat"
    return "minimum"


# ==== section gd (needs: core)
def gd_update(x, g, state):
    """Gradient descent: a step downhill, against the gradient."""
    return x - state.step * g


METHODS["gd"] = gd_update


# ==== section momentum (needs: core)
def momentum_update(x, g, state):
    """Momentum: the velocity v gathers the gradients (the old ones fading by beta); x moves along it."""
    state.velocity = state.beta * state.velocity + g
    return x - state.step * state.velocity


METHODS["momentum"] = momentum_update


# ==== section nesterov (needs: core)
def nesterov_update(x, g, state):
    """Nesterov: momentum that looks a step ahead (in the form that needs the gradient at x only)."""
    state.velocity = state.beta * state.velocity + g
    return x - state.step * (g + state.beta * state.velocity)


METHODS["nesterov"] = nesterov_update


# ==== section adam (needs: core)
def adam_update(x, g, state):
    """Adam: steps scaled by running means of the gradient (first) and of its square (second)."""
    state.beta1_power *= state.beta1   # beta1 to the power t, for t updates
    state.beta2_power *= state.beta2
    state.first = state.beta1 * state.first + (1 - state.beta1) * g
    state.second = state.beta2 * state.second + (1 - state.beta2) * g * g
    m_hat = state.first / (1 - state.beta1_power)     # corrected for starting at zero
    s_hat = state.second / (1 - state.beta2_power)
    return x - state.step * m_hat / (np.sqrt(s_hat) + state.eps)


METHODS["adam"] = adam_update


# ==== section linesearch (needs: core)
def linesearch_update(x, g, state):
    """Backtracking line search: try the whole step, halve it until f falls enough (Armijo),
    f(x - a g) <= f(x) - 1e-4 a |g|^2. Returns None when the step has shrunk until x - a g
    is x itself: no lower point can be told apart from x (the run has stalled)."""
    a = state.step
    candidate = x - a * g
    squared = 0.0   # |g|^2, added in order as descent does
    for part in np.atleast_1d(g):
        squared += part * part
    while not (value_at(state.f, candidate) <= state.fx - 1e-4 * a * squared):
        a /= 2
        candidate = x - a * g
        if np.array_equal(candidate, x):
            return None
    return candidate


METHODS["linesearch"] = linesearch_update


# ==== section newton (needs: core, curvature)
def cholesky_solve(H, g):
    """Solves H d = g through H = L L^T; None where H is not positive definite."""
    n = len(g)
    L = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            total = H[i][j]
            for k in range(j):
                total -= L[i][k] * L[j][k]
            if i == j:
                if not (total > 0 and math.isfinite(total)):
                    return None
                L[i][i] = np.sqrt(total)
            else:
                L[i][j] = total / L[j][j]
    y = [0.0] * n
    for i in range(n):
        total = g[i]
        for k in range(i):
            total -= L[i][k] * y[k]
        y[i] = total / L[i][i]
    d = [0.0] * n
    for i in reversed(range(n)):
        total = y[i]
        for k in range(i + 1, n):
            total -= L[k][i] * d[k]
        d[i] = total / L[i][i]
    return np.array(d)


def newton_update(x, g, state):
    """Newton: the step the curvature asks for, x - step H^-1 g (f'/f'' in 1-D);
    a plain gradient step where f does not curve up, since Newton's would not go downhill."""
    if state.hess is not None:
        H = np.atleast_2d(np.asarray(at(state.hess, x), dtype=float))
    else:
        H = np.array(hessian_by_differences(state.grad, x))
    d = cholesky_solve(H, np.atleast_1d(g))
    if d is None:
        state.gradient_steps += 1
        return x - state.step * g
    return x - state.step * (d[0] if np.ndim(x) == 0 else d)


METHODS["newton"] = newton_update


# ==== section descend (needs: core, curvature)
def method_state(method, start, step, f, grad, hess, beta, beta1, beta2, eps):
    """What an update rule needs and remembers between steps (velocity, Adam's means, ...)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    zero = np.float64(0) if np.ndim(start) == 0 else np.zeros(np.size(start))
    return SimpleNamespace(method=method, step=float(step), f=f, grad=grad, hess=hess, fx=None,
                           beta=beta, beta1=beta1, beta2=beta2, eps=eps,
                           velocity=zero, first=zero, second=zero, beta1_power=1.0, beta2_power=1.0,
                           gradient_steps=0)


def descend(f, grad, start, step=None, method="gd", beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8,
            tol=1e-6, max_steps=1000, hess=None, batch=None, seed=1, data=None):
    """Descends from start until the gradient is shorter than tol (converged), max_steps
    updates were made (max-steps), or a value stops being a finite number (diverged).

    f(x), grad(x) in 1-D; f(w, b), grad(w, b) -> array for several variables; hess gives the
    Hessian (f'' in 1-D) for method="newton". For mini-batches, batch=16, seed=7 and
    data=("s", s): the name of f's table parameter and the whole table (see stochastic_descend)."""
    if step is None:
        if method != "newton":
            raise ValueError("descend needs a step size, as in step=0.1")
        step = 1.0   # Newton's own step: the one the curvature asks for
    state = method_state(method, start, step, f, grad, hess, beta, beta1, beta2, eps)
    if batch is not None:
        if data is None:
            raise ValueError("batch= draws rows of a table: give it as data=(\"s\", s)")
        if batch < len(data[1]):   # a batch of every row is the plain run
            return stochastic_descend(f, grad, start, state, tol, max_steps, batch, seed, data)
    x = previous = as_point(start)
    path, fs, grads = [], [], []   # every point visited, f there, and the gradient there
    k = 0                          # the updates made so far
    while True:
        # Where the run is: f and the gradient here, recorded.
        fx, g = value_at(f, x), gradient_at(grad, x)
        norm = length(g)
        path.append(x)
        fs.append(fx)
        grads.append(g)
        # Whether to stop: a value left the doubles, the gradient is short, or the limit.
        if not (np.isfinite(fx) and np.isfinite(norm) and all_finite(x)):
            status = "diverged"
            break
        if norm < tol or norm == 0:   # a zero gradient is a fixed point, whatever tol is
            status = "converged"
            break
        if k >= max_steps:
            status = "max-steps"
            break
        # One update, by the method's rule.
        state.fx = fx
        new = METHODS[method](x, g, state)
        if new is None:   # a line search's step shrank until x - a g is x
            status = "stalled"
            break
        previous, x = x, new
        k += 1
    if status == "diverged" and k > 0 and not all_finite(x):
        # The last update left the doubles: the run ends at the point before it.
        path.pop(), fs.pop(), grads.pop()
        x, fx, g, k = previous, fs[-1], grads[-1], k - 1
    kind = flat_spot(f, grad, x) if status == "converged" else None
    return Run(x=x, f=fx, steps=k, status=status, kind=kind, gradient=g, gradnorm=length(g),
               path=path, fs=fs, grads=grads, method=method, step=state.step, start=as_point(start),
               gradient_steps=state.gradient_steps, batch=None, batch_losses=False)


# ==== section stochastic (needs: core, curvature, descend)
MASK64 = (1 << 64) - 1


def splitmix64(state):
    """One draw of SplitMix64, descent's seeded generator: the new state and a 64-bit number."""
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def draw_rows(size, order, random):
    """size distinct rows: the first entries of order, reshuffled (a partial Fisher-Yates shuffle)."""
    for i in range(size):
        random, number = splitmix64(random)
        j = i + number % (len(order) - i)
        order[i], order[j] = order[j], order[i]
    return order[:size], random


def stochastic_descend(f, grad, start, state, tol, max_steps, batch, seed, data):
    """Mini-batch descent: each step's gradient over `batch` random rows of the table.

    data = ("s", s): f and grad take the table as the keyword s (defaulting to the whole
    table), so grad(w, b, s=rows) is the gradient over those rows alone. The f recorded at
    each step (run.fs) is that batch's loss; whether the run converged is read from the
    whole table's gradient once per pass over the data."""
    if state.method in ("linesearch", "newton"):
        raise ValueError("batch works with gd, momentum, nesterov and adam")
    name, table = data
    rows = len(table)
    steps_per_pass = (rows + batch - 1) // batch
    random, order = seed, list(range(rows))
    x = previous = as_point(start)
    path, fs, grads = [], [], []
    k = 0
    status = "max-steps"
    while True:
        chosen, random = draw_rows(batch, order, random)
        part = {name: table.take(chosen)}
        fx, g = value_at(f, x, **part), gradient_at(grad, x, **part)
        norm = length(g)
        path.append(x)
        fs.append(fx)
        grads.append(g)
        if not (np.isfinite(fx) and np.isfinite(norm) and all_finite(x)):
            status = "diverged"
            break
        # Once per pass over the data, the whole table says whether this is the bottom.
        if k % steps_per_pass == 0:
            full = length(gradient_at(grad, x))
            if full < tol or full == 0:
                status = "converged"
                break
        if k >= max_steps:
            break
        previous, x = x, METHODS[state.method](x, g, state)
        k += 1
    if status == "diverged" and k > 0 and not all_finite(x):
        # The last update left the doubles: the run ends at the point before it.
        path.pop(), fs.pop(), grads.pop()
        x, k = previous, k - 1
    # The end is told on the whole table: its f and gradient, not one batch's.
    fx, g = value_at(f, x), gradient_at(grad, x)
    kind = flat_spot(f, grad, x) if status == "converged" else None
    return Run(x=x, f=fx, steps=k, status=status, kind=kind, gradient=g, gradnorm=length(g),
               path=path, fs=fs, grads=grads, method=state.method, step=state.step, start=as_point(start),
               gradient_steps=0, batch=(batch, seed, rows), batch_losses=True)


# ==== section minima (needs: core)
def group_minima(ends):
    """Ends (x, f) of runs that reached a minimum, grouped: ends closer than 1e-3 are one
    minimum, which the lowest of them stands for. Returns the minima, lowest first, as dicts
    (x, f, count, global), and for each end the index of its minimum."""
    minima, which = [], []
    for x, fx in ends:
        index = next((i for i, m in enumerate(minima) if length(m["x"] - x) < 1e-3), None)
        if index is None:
            which.append(len(minima))
            minima.append({"x": x, "f": fx, "count": 1, "global": False})
            continue
        minima[index]["count"] += 1
        if fx < minima[index]["f"]:
            minima[index]["x"], minima[index]["f"] = x, fx
        which.append(index)
    order = sorted(range(len(minima)), key=lambda i: minima[i]["f"])
    moved = {old: new for new, old in enumerate(order)}
    minima = [minima[i] for i in order]
    which = [moved[i] for i in which]
    if minima:
        lowest = minima[0]["f"]
        for m in minima:   # every minimum as low as the lowest (within 1e-9) is global
            m["global"] = bool(abs(m["f"] - lowest) <= 1e-9 * max(1.0, abs(lowest)))
    return minima, which


# ==== section sweep (needs: core, descend, minima)
class Sweep(Record):
    """Several runs: one per step size from one start, or one per start with one step."""

    def as_dict(self):
        if not self.over_starts:
            return [{"step": run.step, **run.as_dict()} for run in self.runs]
        runs = [{"from": run.start, "step": run.step, **run.as_dict()} for run in self.runs]
        return {"runs": runs, "minima": self.minima}


def sweep(f, grad, start=None, steps=None, starts=None, step=None, **options):
    """sweep(f, grad, start, steps=[...]): a run per step size.
    sweep(f, grad, starts=[...], step=0.1): a run per start, and the distinct minima they found.
    Every option of descend may be given too."""
    if steps is not None:
        runs = [descend(f, grad, start, size, **options) for size in steps]
        return Sweep(runs=runs, over_starts=False, minima=[])
    runs = [descend(f, grad, point, step, **options) for point in starts]
    ends = [(run.x, run.f) for run in runs if run.status == "converged" and run.kind == "minimum"]
    minima, _ = group_minima(ends)
    return Sweep(runs=runs, over_starts=True, minima=minima)


# ==== section basins (needs: core, descend, minima)
DIVERGED, UNFINISHED, ELSEWHERE = -1, -2, -3   # labels of starts that reached no minimum


class Basins(Record):
    """Which minimum a descent from each point of a grid reaches. labels[row, column] is the
    index of the minimum (0 = the lowest) or DIVERGED, UNFINISHED (hit max_steps) or
    ELSEWHERE (stopped on a maximum, saddle or flat spot); row 0 is at the second
    variable's low end. ranges is the box, xs and ys the starts' coordinates."""

    def as_dict(self):
        total = self.labels.size
        minima = [{"x": m["x"], "f": m["f"], "share": m["count"] / total, "global": m["global"]}
                  for m in self.minima]
        return {"grid": list(self.grid), "minima": minima,
                "diverged": np.count_nonzero(self.labels == DIVERGED) / total,
                "unfinished": np.count_nonzero(self.labels == UNFINISHED) / total,
                "elsewhere": np.count_nonzero(self.labels == ELSEWHERE) / total}


def grid_points(low, high, count):
    """count points at the centres of equal cells spanning low..high (none on the edge)."""
    return [low + (high - low) * (i + 0.5) / count for i in range(count)]


def basins(f, grad, ranges, counts, step=None, method="gd", **options):
    """A descent from every point of a grid: ranges [(a, b)] or [(a, b), (c, d)], counts [n] or
    [columns, rows]. The step is 0.01 unless given (1 for Newton); every option of descend too."""
    if step is None:
        step = 1.0 if method == "newton" else 0.01
    two = len(ranges) > 1
    xs = grid_points(min(ranges[0]), max(ranges[0]), counts[0])
    ys = grid_points(min(ranges[1]), max(ranges[1]), counts[1]) if two else [None]
    labels = np.zeros((len(ys), len(xs)), dtype=int)
    ends, reached = [], []
    for row, y in enumerate(ys):
        for column, x in enumerate(xs):
            start = (x, y) if two else x
            run = descend(f, grad, start, step, method=method, **options)
            if run.status == "converged" and run.kind == "minimum":
                ends.append((run.x, run.f))
                reached.append((row, column))
            elif run.status == "converged":
                labels[row, column] = ELSEWHERE
            elif run.status == "diverged":
                labels[row, column] = DIVERGED
            else:
                labels[row, column] = UNFINISHED
    minima, which = group_minima(ends)
    for (row, column), index in zip(reached, which):
        labels[row, column] = index
    return Basins(grid=(len(xs), len(ys)), minima=minima, labels=labels,
                  ranges=[(min(r), max(r)) for r in ranges], xs=np.array(xs), ys=np.array(ys if two else []),
                  step=step, method=method)


# ==== section advise (needs: core, curvature)
class Advice(Record):
    shown = ("curvature", "stable_below", "suggested")


def advise(hessian, point=None):
    """Step advice from the curvature: L is the Hessian's largest eigenvalue (f'' in 1-D).
    Steps below 2/L shrink the distance to a minimum, and 1/L is a good first step.
    advise(H) with the Hessian's value, or advise(hess, point)."""
    if point is not None:
        hessian = at(hessian, point)
    L = eigenvalues(hessian)[-1]
    return Advice(curvature=L, stable_below=2 / L if L > 0 else None, suggested=1 / L if L > 0 else None)


# ==== section nderiv (needs: core)
def nderiv(f, a, h=None):
    """f'(a) from values of f alone: the central difference (f(a + h) - f(a - h)) / 2h."""
    a = np.float64(a)
    if h is not None:
        return (f(a + h) - f(a - h)) / (2 * h)
    h = 6e-6 * max(1.0, abs(a))   # about the cube root of the double's precision, times |a|
    left, right = f(a - h), f(a + h)
    if not (np.isfinite(left) and np.isfinite(right)) and np.isfinite(f(a)):
        # Near the edge of f's domain (ln near 0): a smaller step, halved until f is defined.
        h = min(h, 6e-6 * abs(a))
        for _ in range(200):
            if h <= 0:
                break
            left, right = f(a - h), f(a + h)
            if np.isfinite(left) and np.isfinite(right):
                break
            h /= 2
        if not h > 0:
            return np.float64(np.nan)
    return (right - left) / (2 * h)


# ==== section slope (needs: core)
def slope(p1, p2):
    """Rise over run between two points (x1, y1) and (x2, y2)."""
    return (np.float64(p2[1]) - p1[1]) / (np.float64(p2[0]) - p1[0])


# ==== section data (needs: core)
class Table:
    """Columns of numbers by name, each a numpy array: d.x, d.y."""

    def __init__(self, **columns):
        self._names = list(columns)
        for name, values in columns.items():
            setattr(self, name, np.asarray(values, dtype=float))

    def __len__(self):
        return len(getattr(self, self._names[0])) if self._names else 0

    def take(self, rows):
        """The table of just these rows, in this order (a mini-batch)."""
        return Table(**{name: getattr(self, name)[rows] for name in self._names})

    def as_dict(self):
        return {"rows": len(self), "columns": list(self._names)}

    def __repr__(self):
        return repr(plain(self))


def row_sum(values):
    """The sum of a column's rows, added up as descent adds them: in blocks of 128 rows,
    each block in eight running sums combined at its end. (np.sum and np.mean add in
    another order, which can change the last digit of a descent's numbers.)"""
    values = np.asarray(values, dtype=float)
    total = 0.0
    for start in range(0, len(values), 128):
        block = values[start:start + 128]
        whole = len(block) // 8 * 8
        lanes = np.zeros(8)
        for row in block[:whole].reshape(-1, 8):
            lanes = lanes + row      # lane i adds rows i, i + 8, i + 16, ...
        rest = 0.0
        for value in block[whole:]:
            rest += value
        even = (lanes[0] + lanes[2]) + (lanes[4] + lanes[6])
        odd = (lanes[1] + lanes[3]) + (lanes[5] + lanes[7])
        total += (even + odd) + rest
    return total


def mean(values):
    """The mean of a column's rows, as descent computes it in a function: row_sum / rows."""
    return row_sum(values) / len(values)


def csv(path):
    """A table from a csv file with a header row of column names, then rows of numbers."""
    with open(path) as file:
        names = [name.strip() for name in file.readline().strip().split(",")]
    values = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return Table(**{name: values[:, i] for i, name in enumerate(names)})


def table(**columns):
    """A table written out: table(x=[1, 2, 3], y=[3, 5, 7])."""
    return Table(**columns)


# ==== section path_table (needs: core)
def print_table(run):
    """Every step of a run: the point, f there, and the slope (f' in 1-D, |gradient| otherwise)."""
    one_variable = np.ndim(run.x) == 0
    slope_name = "f'(x)" if one_variable else "|grad|"
    f_name = "batch f" if run.batch_losses else "f"
    points = [[p] if one_variable else list(p) for p in run.path]
    names = ["x"] if one_variable else [f"x{i + 1}" for i in range(len(points[0]))]
    print(" ".join(f"{h:>12}" for h in ["step"] + names + [f_name, slope_name]))
    for k, (point, fx, g) in enumerate(zip(points, run.fs, run.grads)):
        slope_value = g if one_variable else length(g)
        cells = [f"{k:>12}"] + [f"{float(v):>12.6g}" for v in point + [fx, slope_value]]
        print(" ".join(cells))
    print(f"{run.status} after {run.steps} steps: f = {float(run.f):.6g}")
# ==== section figures (needs: core)
# Figures are drawn with matplotlib: shown inline in Jupyter, saved as PNG files beside a script.
import os
import sys

import matplotlib

if "ipykernel" not in sys.modules:
    # Outside Jupyter no window opens: figures go to files instead.
    matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D

# The files saved so far, so that a second figure with the same name does not replace the first.
_saved_files = set()


def finish(fig, name):
    """Shows the figure (in Jupyter) or saves it beside the script as <script>-<name>.png."""
    if "ipykernel" in sys.modules:
        # Shown in the notebook as a picture, whatever backend is set, and closed so that it is shown once.
        import io
        from IPython.display import Image, display
        picture = io.BytesIO()
        fig.savefig(picture, format="png", dpi=100, bbox_inches="tight")
        plt.close(fig)
        display(Image(data=picture.getvalue()))
        return
    file = _figure_file(name)
    fig.savefig(file, dpi=100, bbox_inches="tight")
    print(f"saved {file}")
    plt.close(fig)


def _figure_file(name):
    """<script stem>-<name>.png in the script's folder, or in the current folder without a script."""
    main = sys.modules.get("__main__")
    script = getattr(main, "__file__", None) or (sys.argv[0] if sys.argv else "")
    if script in ("", "-", "-c"):
        folder, stem = "", "descent"
    else:
        folder = os.path.dirname(script)
        stem = os.path.splitext(os.path.basename(script))[0]
    # Only letters, digits, '-' and '_' in the name, so that it is a plain file name.
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in str(name)) or "figure"
    file = os.path.join(folder, f"{stem}-{name}.png")
    number = 2
    while file in _saved_files:
        file = os.path.join(folder, f"{stem}-{name}-{number}.png")
        number += 1
    _saved_files.add(file)
    return file


def _legend(ax, entries=(), notes=()):
    """The legend under the plot, where it hides nothing: what is drawn with a
    label, then `entries` (pairs of marks and text), then `notes` (text alone)."""
    handles, labels = ax.get_legend_handles_labels()
    for handle, label in entries:
        handles.append(handle)
        labels.append(label)
    for note in notes:
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(note)
    if handles:
        # Half an inch under the axes (past the tick labels and the axis label), in the axes' units.
        below = -0.5 / (ax.get_position().height * ax.figure.get_figheight())
        # A tuple of marks (a path's start, steps and end) is drawn side by side.
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, below), frameon=False,
                  handlelength=3, handler_map={tuple: HandlerTuple(ndivide=None)})


def _letter(index):
    """A, B, C, … for the first, second, third, … of several."""
    return chr(ord("A") + index % 26)


def _finite(values):
    """The values as a numpy array of floats, with nan where a value is infinite."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def _number(value, digits=6):
    """A number in at most `digits` significant digits: 0.1, -1.30084, 1e-07."""
    return f"{float(value):.{digits}g}"


def _point(point, digits=6):
    """A point as text: -2 in one variable, (1, -1) in several."""
    values = np.ravel(point)
    if len(values) == 1:
        return _number(values[0], digits)
    return "(" + ", ".join(_number(v, digits) for v in values) + ")"


# ==== section plot_sampling (needs: figures)
# Sampling a function over a range, and choosing the y range to show.


def _sample(function, *inputs):
    """The function's values at numpy inputs (a range of x, or a grid of x and y),
    one float per point, nan where it is not finite."""
    with np.errstate(all="ignore"):
        try:
            values = np.asarray(function(*inputs), dtype=float)
        except (TypeError, ValueError):
            values = None
        if values is None or values.shape != np.shape(inputs[0]):
            # Written for single numbers (a mean over a table's rows, a constant): one point at a time.
            values = np.vectorize(lambda *point: _value_or_nan(function, point), otypes=[float])(*inputs)
    return _finite(values)


def _value_or_nan(function, point):
    """The function at one point, nan where it is not defined (math.log(0))."""
    try:
        return float(function(*point))
    except (ArithmeticError, ValueError):
        return np.nan


def _y_limits(values):
    """The y range to show: every finite value, padded 4%; but when a few extreme
    values (near a pole, as of 1/x at 0) spread 10 times wider than the middle
    90%, only values within that middle's width of it are kept, so that the rest
    is not squeezed flat. (descent's own rule, 2% and 20 times, suits its text
    plots; 400 samples come closer to a pole and need this firmer one.)"""
    finite = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    if len(finite) == 0:
        return -1.0, 1.0
    if len(finite) >= 20:
        cut = len(finite) // 20
        low, high = finite[cut], finite[len(finite) - 1 - cut]
        if high > low and finite[-1] - finite[0] > 10 * (high - low):
            finite = finite[(finite >= low - (high - low)) & (finite <= high + (high - low))]
    low, high = finite[0], finite[-1]
    if high == low:
        return low - 1, high + 1
    pad = (high - low) * 0.04
    return low - pad, high + pad


def _break_at_poles(xs, ys, limits):
    """The curve with a gap (nan) wherever it jumps from above the plot to below it,
    or back, between two samples: a pole, which must not be drawn as a line."""
    low, high = limits
    jumps = ((ys[:-1] > high) & (ys[1:] < low)) | ((ys[:-1] < low) & (ys[1:] > high))
    where = np.nonzero(jumps)[0] + 1
    return np.insert(xs, where, np.nan), np.insert(ys, where, np.nan)


def _rank_levels(values, count=20):
    """About `count` contour levels, each band holding the same share of the
    values, so that valleys show however the values are scaled."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if len(finite) == 0:
        return np.array([0.0, 1.0])
    levels = np.unique(np.quantile(finite, np.linspace(0, 1, count + 1)))
    if len(levels) < 2:
        # A flat function: one band around its value.
        levels = np.array([levels[0] - 1, levels[0] + 1])
    return levels


# ==== section plot_paths (needs: figures)
# Drawing descent paths: one with its start, steps and end marked, or several, each lettered.


def _path_label(run, runs, letter, name=None):
    """"A: from -2 (100 steps, converged) ending at -1.30084": one of several
    paths, named by what sets the paths apart (method, start or step)."""
    parts = [name] if name else []
    if len({run.method for run in runs}) > 1:
        parts.append(run.method)
    if len({_point(run.start) for run in runs}) > 1 or not parts:
        parts.append(f"from {_point(run.start)}")
    if len({run.step for run in runs}) > 1:
        parts.append(f"step {_number(run.step)}")
    return f"{letter}: {', '.join(parts)} ({_steps_text(run)}) ending at {_point(run.path[-1])}"


def _steps_text(run):
    """"72 steps, converged"."""
    return f"{run.steps} step{'' if run.steps == 1 else 's'}, {run.status}"


def _draw_path(ax, xs, ys, run):
    """One path: a thin line through the steps, small dots for them, a diamond
    at the start and a star at the end. Returns its legend entry."""
    steps = ax.plot(xs, ys, "-o", color="C3", linewidth=0.8, markersize=3, zorder=3)[0]
    end = ax.plot(xs[-1], ys[-1], "*", color="C3", markersize=16, markeredgecolor="black", zorder=4)[0]
    # The start goes on last, so a run that comes back past its start does not hide it.
    start = ax.plot(xs[0], ys[0], "D", color="C3", markersize=8, markeredgecolor="black", zorder=5)[0]
    return (start, steps, end), f"path: start, steps, end ({_steps_text(run)})"


def _draw_lettered_path(ax, xs, ys, index, label):
    """One of several paths: its own colour, its letter at the start, a star at the end."""
    colour = f"C{(index + 1) % 10}"
    ax.plot(xs, ys, "-o", color=colour, linewidth=1, markersize=3, label=label, zorder=3)
    ax.plot(xs[-1], ys[-1], "*", color=colour, markersize=14, markeredgecolor="black", zorder=4)
    ax.plot(xs[0], ys[0], "D", color=colour, markersize=7, markeredgecolor="black", zorder=5)
    # The letter on a white box, readable on a curve or a coloured map.
    ax.annotate(_letter(index), (xs[0], ys[0]), xytext=(7, 7), textcoords="offset points",
                color=colour, fontweight="bold", fontsize=11, zorder=6,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": colour})


def _span(values, default):
    """A range around the values (padded a quarter of their spread, at least 1), or the default."""
    values = _finite(values)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return default
    pad = max((values.max() - values.min()) * 0.25, 1)
    return values.min() - pad, values.max() + pad


# ==== section plot_curves (needs: plot_sampling, plot_paths)
def plot_curves(functions, xrange, title=None, path=None, paths=None, names=None):
    """Functions of one variable, each a (callable, label), drawn over xrange;
    path=run draws a descent's steps on its curve, paths=[run, …] several, lettered."""
    runs = list(paths) if paths is not None else ([path] if path is not None else [])
    names = list(names) if names is not None else [None] * len(runs)
    if xrange is None:
        # No range given: around the paths, or -10..10.
        xrange = _span([np.ravel(p)[0] for run in runs for p in run.path], (-10, 10))
    fig, ax = plt.subplots(figsize=(8, 5))
    xs = np.linspace(xrange[0], xrange[1], 401)
    curves = [(_sample(function, xs), label) for function, label in functions]
    # The curves decide the y range (the paths only when no curve has a value).
    values = np.concatenate([ys for ys, _ in curves] + [np.array([np.nan])])
    if not np.isfinite(values).any():
        values = np.concatenate([_finite(run.fs) for run in runs] + [values])
    limits = _y_limits(values)
    for ys, label in curves:
        ax.plot(*_break_at_poles(xs, ys, limits), label=label, linewidth=1.5)
    entries, notes = [], []
    if len(runs) == 1:
        entries.append(_draw_path(ax, *_path_points_1d(runs[0]), runs[0]))
    elif runs:
        for index, run in enumerate(runs):
            label = _path_label(run, runs, _letter(index), names[index])
            _draw_lettered_path(ax, *_path_points_1d(run), index, label)
    # Points of a path above or below the plot (a run that ran away) are counted.
    outside = sum(_count_outside(run.fs, limits) for run in runs)
    if outside:
        notes.append(f"{outside} path point{' lies' if outside == 1 else 's lie'} outside the plot")
    ax.set_xlim(xrange)
    ax.set_ylim(limits)
    ax.grid(True, alpha=0.3)
    variable = _variable(functions[0][1]) if functions else "x"
    ax.set_xlabel(variable)
    ax.set_ylabel(functions[0][1].split(" = ")[0] if len(functions) == 1 else f"value at {variable}")
    ax.set_title(title or " and ".join(label for _, label in functions))
    if len(functions) > 1 or runs or notes:
        _legend(ax, entries, notes)
    return fig


def _count_outside(values, limits):
    """How many values lie outside limits (or are not finite)."""
    values = _finite(values)
    return int(np.sum(~((values >= limits[0]) & (values <= limits[1]))))


def _path_points_1d(run):
    """A run's steps as points on its curve: (x, f(x)) at each."""
    return np.array([np.ravel(p)[0] for p in run.path], dtype=float), _finite(run.fs)


def _variable(label):
    """The variable's name in a label such as "f(t) = t^2": t (x when there is none)."""
    head = label.split(" = ")[0]
    if "(" in head and head.endswith(")"):
        return head[head.index("(") + 1:-1]
    return "x"


# ==== section plot_convergence (needs: figures)
def plot_convergence(runs, labels=None, title=None):
    """f against the step number for each run: how fast each descent went down."""
    if labels is None:
        labels = [_run_label(run, runs) for run in runs]
    fig, ax = plt.subplots(figsize=(8, 5))
    for run, label in zip(runs, labels):
        fs = _finite(run.fs)
        # A run of no steps is a single point: give it a mark to be seen.
        ax.plot(np.arange(len(fs)), fs, "-" if len(fs) > 1 else "o", label=label)
    notes = []
    # descent's rule: a log scale when every value is positive and they span more than 100 times.
    values = np.concatenate([_finite(run.fs) for run in runs])
    values = values[np.isfinite(values)]
    if len(values) and values.min() > 0 and values.max() / values.min() > 100:
        ax.set_yscale("log")
        notes.append("f on a log scale")
    batched = [run for run in runs if getattr(run, "batch", None)]
    if batched:
        # Honest about the noise: each point is one batch's loss, not the whole table's.
        size = _batch_size(batched[0].batch)
        notes.append(f"stochastic: each step's f is the loss on its batch{size}, so the curve is noisy")
    ax.set_xlabel("step")
    ax.set_ylabel("f (log scale)" if ax.get_yscale() == "log" else "f")
    ax.set_title(title or "f against the step number")
    ax.grid(True, alpha=0.3)
    if len(runs) > 1 or notes:
        _legend(ax, notes=notes)
    return fig


def _run_label(run, runs):
    """A run named by what sets it apart from the others: "step 0.1 (converged)"."""
    same_step = len({run.step for run in runs}) == 1
    what = f"from {_point(run.start)}" if same_step else f"step {_number(run.step, 4)}"
    if len({run.method for run in runs}) > 1:
        what = f"{run.method}, {what}"
    return f"{what} ({run.status})"


def _batch_size(batch):
    """" of 16 rows", from run.batch: (size, seed, rows) or the size alone."""
    size = batch[0] if isinstance(batch, tuple) else batch
    return f" of {size} rows" if isinstance(size, int) and not isinstance(size, bool) else ""


# ==== section plot_map (needs: plot_sampling, plot_paths)
from matplotlib.colors import BoundaryNorm


def plot_map(g, xrange, yrange, names=("x", "y"), title=None, path=None, paths=None, labels=None):
    """A function of two variables as filled contours, with descent paths over it:
    path=run for one, paths=[run, …] for several, lettered (labels name them)."""
    runs = list(paths) if paths is not None else ([path] if path is not None else [])
    labels = list(labels) if labels is not None else [None] * len(runs)
    # No ranges given: around the paths, or -5..5.
    if xrange is None:
        xrange = _span([np.ravel(p)[0] for run in runs for p in run.path], (-5, 5))
    if yrange is None:
        yrange = _span([np.ravel(p)[1] for run in runs for p in run.path], (-5, 5))
    xs = np.linspace(xrange[0], xrange[1], 200)
    ys = np.linspace(yrange[0], yrange[1], 200)
    grid_x, grid_y = np.meshgrid(xs, ys)
    values = _sample(g, grid_x, grid_y)
    fig, ax = plt.subplots(figsize=(8, 6))
    _shade(fig, ax, grid_x, grid_y, values)
    entries = []
    if len(runs) == 1:
        entries.append(_draw_path(ax, *_path_points_2d(runs[0]), runs[0]))
    elif runs:
        for index, run in enumerate(runs):
            label = _path_label(run, runs, _letter(index), labels[index])
            _draw_lettered_path(ax, *_path_points_2d(run), index, label)
    ax.set_xlim(xrange)
    ax.set_ylim(yrange)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_title(title or f"f({names[0]}, {names[1]})")
    _legend(ax, entries)
    return fig


def _shade(fig, ax, grid_x, grid_y, values):
    """Filled contours, about 20 bands each covering the same share of the box
    (colours by rank, as descent shades), and a colour bar to read them."""
    levels = _rank_levels(values)
    # Evenly spaced colours for the bands, however unevenly spaced their levels.
    norm = BoundaryNorm(levels, ncolors=256)
    shading = ax.contourf(grid_x, grid_y, values, levels=levels, cmap="viridis", norm=norm)
    bar = fig.colorbar(shading, ax=ax, label="f, in bands of about equal area")
    bar.set_ticks(levels[::2])
    bar.ax.set_yticklabels([_number(level, 3) for level in levels[::2]])


def _path_points_2d(run):
    """A run's steps as points of the plane: (x, y) at each."""
    points = np.array([np.ravel(p)[:2] for p in run.path], dtype=float)
    return points[:, 0], points[:, 1]


# ==== section plot_data (needs: plot_sampling)
def plot_data(table, columns=("x", "y"), functions=None, title=None):
    """A table's first column across and its second up, as points, with curves
    (each a (callable, label)) drawn through them: the data and a fitted line."""
    xs = _finite(_column(table, columns[0]))
    ys = _finite(_column(table, columns[1]))
    fig, ax = plt.subplots(figsize=(8, 5))
    shown = np.isfinite(xs) & np.isfinite(ys)
    ax.scatter(xs[shown], ys[shown], s=18, color="black", zorder=3,
               label=f"data: {int(shown.sum())} points, {columns[0]} across, {columns[1]} up")
    # The curves span the data's x range, padded 5% each side.
    low, high = (np.nanmin(xs), np.nanmax(xs)) if shown.any() else (-1.0, 1.0)
    pad = (high - low) * 0.05 if high > low else 1.0
    grid = np.linspace(low - pad, high + pad, 401)
    for function, label in functions or []:
        ax.plot(grid, _sample(function, grid), label=label, linewidth=1.5)
    ax.set_xlim(low - pad, high + pad)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel(columns[0])
    ax.set_ylabel(columns[1])
    ax.set_title(title or f"{columns[1]} against {columns[0]}")
    _legend(ax)
    return fig


def _column(table, name):
    """A table's column by name: table.x, or table["x"] for a dict or data frame."""
    if isinstance(table, dict):
        return table[name]
    return getattr(table, name)


# ==== section plot_basins (needs: plot_sampling, basins)
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch

# How the starts that reached no minimum are drawn and named in the legend.
_OTHER_ENDS = [
    (DIVERGED, "black", "diverged"),
    (UNFINISHED, "0.55", "hit the step limit"),
    (ELSEWHERE, "0.85", "stopped on a maximum, saddle or flat spot"),
]


def plot_basins(b, f=None, title=None):
    """Which minimum a descent reaches from each start, from a basins result b:
    in one variable a band under f's curve, in two a map of regions; the
    minima lettered A, B, … (f, when given, is drawn for context)."""
    labels = np.atleast_2d(np.asarray(b.labels))
    names = getattr(b, "names", None) or ("x", "y")
    ranges = _basin_ranges(b)
    if len(ranges) == 1:
        fig, ax = _basins_1d(b, ranges, labels, f, names[0])
    else:
        fig, ax = _basins_2d(b, ranges, labels, f, names)
    ax.set_title(title or "basins: the minimum a descent reaches from each start")
    return fig


def _basin_ranges(b):
    """The box of starts: b.ranges, or worked out from the starts b.xs (and b.ys),
    which are the centres of equal cells."""
    if getattr(b, "ranges", None) is not None:
        return [tuple(r) for r in b.ranges]
    ranges = []
    for centres in (b.xs, b.ys):
        if len(centres) > 0:
            half = (centres[-1] - centres[0]) / (len(centres) - 1) / 2 if len(centres) > 1 else 0.5
            ranges.append((centres[0] - half, centres[-1] + half))
    return ranges


def _basins_1d(b, ranges, labels, f, name):
    """f's curve with the minima lettered on it, and under it a band coloured
    by the minimum that a descent from each x reaches."""
    low, high = ranges[0]
    fig, (ax, band) = plt.subplots(2, 1, figsize=(8, 5.5), sharex=True,
                                   gridspec_kw={"height_ratios": [7, 1], "hspace": 0.05})
    if f is not None:
        xs = np.linspace(low, high, 401)
        ys = _sample(f, xs)
        limits = _y_limits(ys)
        ax.plot(*_break_at_poles(xs, ys, limits), color="0.25", linewidth=1.5)
        ax.set_ylim(limits)
    else:
        # No curve: a y range around the minima's values.
        ax.set_ylim(_y_limits([_minimum_field(m, "f") for m in b.minima]))
    # Each minimum: a dot in its colour, and its letter above it.
    for index, minimum in enumerate(b.minima[:26]):
        x = np.ravel(_minimum_field(minimum, "x"))[0]
        value = _minimum_field(minimum, "f")
        ax.plot(x, value, "o", color=_basin_colour(index), markersize=9, markeredgecolor="black", zorder=3)
        ax.annotate(_letter(index), (x, value), xytext=(0, 9), textcoords="offset points", ha="center",
                    color=_basin_colour(index), fontweight="bold", fontsize=13)
    ax.set_xlim(low, high)
    ax.set_ylabel(f"f({name})")
    ax.grid(True, alpha=0.3)
    # The band: one cell per start, in the colour of the minimum it reached.
    band.imshow(_basin_image(labels), extent=(low, high, 0, 1), aspect="auto", interpolation="nearest")
    band.set_yticks([])
    band.set_xlabel(f"{name}, where each descent starts (the band: the minimum it reaches)")
    entries, notes = _basin_legend(b, labels, [name])
    _legend(band, entries, notes)
    return fig, ax


def _basins_2d(b, ranges, labels, f, names):
    """The box of starts coloured by the minimum each reaches, the minima lettered."""
    (x_low, x_high), (y_low, y_high) = ranges
    fig, ax = plt.subplots(figsize=(8, 6.5))
    # Row 0 of the labels is at the low end of y: origin="lower".
    ax.imshow(_basin_image(labels), origin="lower", extent=(x_low, x_high, y_low, y_high),
              aspect="auto", interpolation="nearest")
    if f is not None:
        # f's contours, faint, to show the valleys the regions drain into.
        grid_x, grid_y = np.meshgrid(np.linspace(x_low, x_high, 200), np.linspace(y_low, y_high, 200))
        values = _sample(f, grid_x, grid_y)
        ax.contour(grid_x, grid_y, values, levels=_rank_levels(values), colors="black", linewidths=0.4, alpha=0.35)
    # Each minimum: its capital letter in a circle of its colour.
    for index, minimum in enumerate(b.minima[:26]):
        x, y = np.ravel(_minimum_field(minimum, "x"))[:2]
        ax.annotate(_letter(index), (x, y), ha="center", va="center", fontweight="bold",
                    bbox={"boxstyle": "circle", "facecolor": "white", "edgecolor": "black"})
    ax.set_xlim(x_low, x_high)
    ax.set_ylim(y_low, y_high)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    entries, notes = _basin_legend(b, labels, names)
    _legend(ax, entries, notes)
    return fig, ax


def _basin_colour(code):
    """The colour of a start: its minimum's (C0, C1, …), or black and greys for the others."""
    for other, colour, _ in _OTHER_ENDS:
        if code == other:
            return colour
    return f"C{code % 10}"


def _basin_image(labels):
    """The labels as an image: one colour (red, green, blue) per start."""
    return np.array([[to_rgb(_basin_colour(code)) for code in row] for row in labels])


def _basin_legend(b, labels, names):
    """A legend entry per minimum, "A: x = -2.81, y = 3.13, f = 0, global, 26% of
    starts", then the starts that reached none, and how many starts there were."""
    entries, notes = [], []
    for index, minimum in enumerate(b.minima[:26]):
        point = ", ".join(f"{n} = {_rounded(v)}" for n, v in zip(names, np.ravel(_minimum_field(minimum, "x"))))
        share = _minimum_field(minimum, "share")
        if share is None:
            share = np.mean(labels == index)
        where = "global, " if _is_global(minimum) else ""
        text = f"{_letter(index)}: {point}, f = {_rounded(_minimum_field(minimum, 'f'))}, {where}{_percent(share)} of starts"
        entries.append((Patch(facecolor=_basin_colour(index), edgecolor="black"), text))
    if len(b.minima) > 26:
        notes.append(f"and {len(b.minima) - 26} more minima, not lettered")
    if len(b.minima) == 0:
        notes.append("no start reached a minimum")
    for code, colour, what in _OTHER_ENDS:
        share = np.mean(labels == code)
        if share > 0:
            entries.append((Patch(facecolor=colour, edgecolor="black"), f"{what}: {_percent(share)} of starts"))
    grid = " × ".join(str(n) for n in reversed(labels.shape)) if labels.shape[0] > 1 else ""
    how = f" with {b.method}, step {_number(b.step)}" if getattr(b, "method", None) else ""
    notes.append(f"{labels.size} starts{f' ({grid})' if grid else ''}, each a descent{how}")
    return entries, notes


def _minimum_field(minimum, name):
    """A minimum's x, f or share, whether it is a dict or an object."""
    if isinstance(minimum, dict):
        return minimum.get(name)
    return getattr(minimum, name, None)


def _is_global(minimum):
    """Whether a minimum is as low as the lowest found (its "global" field)."""
    return bool(_minimum_field(minimum, "global"))


def _rounded(value):
    """A number in 3 significant digits, round-off noise around zero (4e-16) shown as 0."""
    value = float(value)
    return _number(0.0 if abs(value) < 1e-9 else value, 3)


def _percent(share):
    """48%, or <1% for a share too small to round to one."""
    return "<1%" if 0 < share < 0.005 else f"{round(share * 100)}%"

"""#
}
