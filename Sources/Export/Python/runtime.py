# ==== section core (needs: )
# What every exported notebook needs: numpy, show(), the Run record and a few helpers.
# The numbers are computed as the descent program computes them, operation for
# operation, so that they agree with it to the last digit or nearly so.
import math
import os
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


def number(x):
    """A number as descent shows it: a whole number whole (1000000, not 1e+06; 0, not -0),
    else six significant digits."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    if x == round(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6g}"


def shown(value):
    """A value as descent shows it: numbers to six digits, a point as (1, 2)."""
    value = plain(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, list) and all(isinstance(v, (int, float)) for v in value):
        return "(" + ", ".join(number(v) for v in value) + ")"
    return repr(value)


# DESCENT_SHOW=full prints every value whole, in Python's own form (every digit, a run as a dict),
# as descent's --json gives them.
SHOW_FULL = os.environ.get("DESCENT_SHOW") == "full"


def show(label, value):
    """Prints a cell's value as descent shows it: `rate = 0.1`, `[9] -8`, a run as its table."""
    if SHOW_FULL:
        text = repr(plain(value))
        print(f"{label} {text}" if label.startswith("[") else f"{label} = {text}")
        return
    if hasattr(value, "show"):
        print(value.show(label))
        return
    text = shown(value)
    print(f"{label} {text}" if label.startswith("[") else f"{label} = {text}")


def table_text(header, rows):
    """Columns right-aligned under their headers, two spaces apart."""
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    return "\n".join("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in [header] + rows)


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
    rows_shown = 5   # the rows of the table shown at each end, as descent's rows setting

    def summary(self):
        """One sentence on how the run ended, in descent's words."""
        s = "" if self.steps == 1 else "s"
        if self.status == "converged":
            reason = "the gradient is zero there" if self.gradnorm == 0 else f"gradient length below {number(self.tol)}"
            if self.kind == "maximum":
                return f"stopped after {self.steps} step{s} at a maximum, not a minimum ({reason}): f falls away on every side"
            if self.kind == "saddle":
                return f"stopped after {self.steps} step{s} at a saddle point, not a minimum ({reason}): f rises one way and falls another"
            if self.kind == "flat":
                return f"converged after {self.steps} step{s} ({reason}) on a flat spot the curvature does not decide (as x^3 at 0)"
            return f"converged after {self.steps} step{s} ({reason})" + (" at a minimum" if self.kind == "minimum" else "")
        if self.status == "max-steps":
            return f"stopped at the limit of {self.steps} step{s} before converging (gradient length {number(self.gradnorm)})"
        if self.status == "stalled":
            return (f"stalled after {self.steps} step{s}: the step has shrunk until x - step × gradient is x itself, "
                    f"so no lower point can be told apart from x (gradient length {number(self.gradnorm)})")
        if np.isfinite(self.f) and np.isfinite(self.gradnorm):
            return f"diverged after step {self.steps}: the next step made x infinite or not a number"
        if self.steps == 0:
            return "diverged at the start: f or its gradient is infinite or not a number there"
        return f"diverged at step {self.steps}: f or its gradient became infinite or not a number"

    def show(self, label):
        """The run as descent shows it: what ran, the first and last steps, how it ended."""
        names = self.names
        one = len(names) == 1
        start = number(self.start) if one else "(" + ", ".join(number(v) for v in np.atleast_1d(self.start)) + ")"
        lines = [f"{label}: {self.method} on {self.fname} from {start}, step {number(self.step)}"
                 + (f" ({self.parameters})" if getattr(self, "parameters", None) else "")]
        signature = f"{self.fname}({', '.join(names)})"
        header = ["step"] + names + [signature] + ([f"{self.fname}'({names[0]})", "Δx"] if one
                                                    else ["|grad|", f"|Δ({', '.join(names)})|"])
        rows = []
        last = len(self.path) - 1
        for k in range(len(self.path)):
            if self.rows_shown <= k <= last - self.rows_shown and last + 1 > 2 * self.rows_shown + 1:
                if not rows or rows[-1][0] != "…":
                    rows.append(["…"] + [""] * (len(header) - 1))
                continue
            x = np.atleast_1d(self.path[k])
            g = np.atleast_1d(self.grads[k])
            move = "" if k == last else (number(np.atleast_1d(self.path[k + 1])[0] - x[0]) if one
                                          else number(length(np.atleast_1d(self.path[k + 1]) - x)))
            slope = number(g[0]) if one else number(length(g))
            rows.append([str(k)] + [number(v) for v in x] + [number(self.fs[k]), slope, move])
        return "\n".join(lines + [table_text(header, rows), self.summary()])


# The update rules by name, filled in by each method's section ("gd", "momentum", ...).
METHODS = {}


def method_parameters(method, beta, beta1, beta2, eps):
    """What a method was given, as descent writes it after the step: "beta 0.9"."""
    if method in ("momentum", "nesterov"):
        return f"beta {beta}"
    if method == "adam":
        return f"beta1 {beta1}, beta2 {beta2}, eps {eps}"
    return None


def parameter_names(f, start):
    """The names of f's variables, as its def gives them: x, or w and b."""
    n = np.size(start)
    code = getattr(f, "__code__", None)
    names = list(code.co_varnames[:code.co_argcount]) if code else []
    return names[:n] if len(names) >= n else (["x"] if n == 1 else [f"x{i + 1}" for i in range(n)])


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


def visit(f, grad, x, path, fs, grads, **data):
    """f and the gradient at x, recorded on the path; and whether x, f and the gradient are all finite."""
    fx, g = value_at(f, x, **data), gradient_at(grad, x, **data)
    norm = length(g)
    path.append(x)
    fs.append(fx)
    grads.append(g)
    return fx, g, norm, bool(np.isfinite(fx) and np.isfinite(norm) and all_finite(x))


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
        fx, g, norm, finite = visit(f, grad, x, path, fs, grads)
        # Whether to stop: a value left the doubles, the gradient is short, or the limit.
        if not finite:
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
               gradient_steps=state.gradient_steps, batch=None, batch_losses=False, tol=tol,
               fname=f.__name__, names=parameter_names(f, start),
               parameters=method_parameters(method, beta, beta1, beta2, eps))


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
        fx, g, norm, finite = visit(f, grad, x, path, fs, grads, **part)
        if not finite:
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
               gradient_steps=0, batch=(batch, seed, rows), batch_losses=True, tol=tol,
               fname=f.__name__, names=parameter_names(f, start))


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

    def show(self, label):
        """The sweep as descent shows it: a row per run, then the fastest (or the minima found)."""
        first = self.runs[0]
        names, fname = first.names, first.fname
        point = (lambda v: number(v)) if len(names) == 1 else (lambda v: "(" + ", ".join(number(c) for c in np.atleast_1d(v)) + ")")
        if self.over_starts:
            head = f"{label}: sweep of {fname} from {len(self.runs)} starts ({first.method}, step {number(first.step)})"
            head = head.replace(" starts (", " start (") if len(self.runs) == 1 else head
            header = ["from", "steps"] + names + [f"{fname}({', '.join(names)})", "stopped at"]
            rows = [[point(run.start), str(run.steps)] + [number(v) for v in np.atleast_1d(run.x)]
                    + [number(run.f), (run.kind or "converged") if run.status == "converged" else run.status]
                    for run in self.runs]
            return "\n".join([head, table_text(header, rows)])
        head = f"{label}: sweep of {fname} from {point(first.start)} ({first.method})"
        header = ["step", "steps"] + names + [f"{fname}({', '.join(names)})", "status"]
        rows = [[number(run.step), str(run.steps)] + [number(v) for v in np.atleast_1d(run.x)] + [number(run.f), run.status]
                for run in self.runs]
        lines = [head, table_text(header, rows)]
        # Only a run that reached a minimum succeeded: stopping on a maximum or a saddle is no success.
        converged = [run for run in self.runs if run.status == "converged" and run.kind not in ("maximum", "saddle")]
        if converged:
            best = min(converged, key=lambda run: run.steps)
            lines.append(f"fastest to converge: step {number(best.step)}, {best.steps} step{'' if best.steps == 1 else 's'}")
        return "\n".join(lines)


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
