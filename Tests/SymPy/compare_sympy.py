"""Compare the derivatives printed by descent with SymPy's simplify(diff(f)).

Usage:  python3 compare_sympy.py --descent .build/release/descent --functions Tests/SymPy/functions.txt
        [--min-share 95] [--worst 30] [--json-out results.json] [--jobs N]

Writes one descent script (in a temporary folder) with
every function and its derivative cells, runs descent once with --json, then
for each derivative: translates descent's printed form into SymPy, checks it
equals SymPy's derivative exactly (simplify(a - b) == 0, else a 50-digit
numeric check at up to 8 points where f is real), and compares
sympy.count_ops of descent's form (as printed, unevaluated) with that of
simplify(diff(f)).  Exit status 0 when the share of derivatives no longer than
SymPy's is >= --min-share and none is wrong, else 1.

Translator: descent's grammar (checked against the binary):
  * ``+ -`` lowest, then ``* /`` and implicit multiplication (same level,
    left-associative: ``1/2x`` is ``x/2``), then unary minus, then ``^``
    (right-associative: ``x^2^3`` is ``x^(2^3)``, ``x^8``; ``-x^2`` is ``-(x^2)``).
  * implicit multiplication follows a number or a closing parenthesis:
    ``2x``, ``2 sin(x)``, ``3(x + 1)``, ``(x + 1)(x - 1)``, ``x^2(x + 1)``
    (the last is ``x^2*(x + 1)``: the exponent is a single primary).
  * numbers: ``2``, ``0.5``, ``1e-08``, ``1e+20``; ``2e^x`` and ``2e*x``
    are 2 times Euler's e, so an exponent part needs digits.
  * constants ``e`` and ``pi``; functions below.

Every expression is built twice: evaluated (ordinary SymPy, for checking
equality) and unevaluated (the tree as descent printed it, for counting
operations, so that SymPy's automatic canonicalisation does not merge like
terms or factors descent left apart).
"""
import re
import tempfile
from fractions import Fraction

import sympy as sp

X, Y = sp.symbols("x y", real=True)
VARS = {"x": X, "y": Y}

FUNCS = {"sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
         "exp", "ln", "log10", "log2", "sqrt", "abs", "sign"}

_TOKEN = re.compile(r"""
    (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<id>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>[-+*/^(),])
  | (?P<ws>\s+)
""", re.VERBOSE)


class ParseError(ValueError):
    pass


def tokenize(s):
    toks, pos = [], 0
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if not m:
            raise ParseError(f"unexpected character {s[pos]!r} at {pos} in {s!r}")
        pos = m.end()
        if m.lastgroup != "ws":
            toks.append((m.lastgroup, m.group()))
    return toks


def number_value(text):
    """Exact value of a printed number, and whether it is only approximate.

    descent prints doubles with up to 15 significant digits, so 1/3 comes out
    as 0.333333333333333: such long decimals are mapped back to the simple
    fraction they round (denominator <= 10^6).  A long decimal that is not
    such a fraction (an irrational folded to a float) is flagged approximate.
    """
    if re.fullmatch(r"\d+", text):
        return sp.Integer(int(text)), False
    fr = Fraction(text)
    mant = re.split(r"[eE]", text)[0].replace(".", "").lstrip("0")
    if len(mant) >= 13 and fr != 0:
        simple = fr.limit_denominator(10**6)
        if abs(simple - fr) <= abs(fr) * Fraction(1, 10**13):
            return sp.Rational(simple.numerator, simple.denominator), False
        return sp.Rational(fr.numerator, fr.denominator), True
    return sp.Rational(fr.numerator, fr.denominator), False


class Parser:
    """Recursive descent parser producing a small AST of tuples."""

    def __init__(self, text):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0
        self.approx = False

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else (None, None)

    def take(self, kind=None, value=None):
        t = self.peek()
        if t[0] is None or (kind and t[0] != kind) or (value and t[1] != value):
            raise ParseError(f"expected {value or kind}, got {t[1]!r} in {self.text!r}")
        self.i += 1
        return t

    def parse(self):
        node = self.expr()
        if self.peek()[0] is not None:
            raise ParseError(f"trailing {self.peek()[1]!r} in {self.text!r}")
        return node

    def expr(self):
        terms = [("+", self.term())]
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            terms.append((op, self.term()))
        return terms[0][1] if len(terms) == 1 and terms[0][0] == "+" else ("add", terms)

    def term(self):
        factors = [("*", self.unary())]
        while True:
            t = self.peek()
            if t in (("op", "*"), ("op", "/")):
                self.take()
                factors.append((t[1], self.unary()))
            elif self._implicit_ok():
                factors.append(("*", self.unary()))
            else:
                break
        return factors[0][1] if len(factors) == 1 else ("mul", factors)

    def _implicit_ok(self):
        prev = self.toks[self.i - 1] if self.i > 0 else (None, None)
        nxt = self.peek()
        if not (prev[0] == "num" or prev == ("op", ")")):
            return False
        return nxt[0] in ("num", "id") or nxt == ("op", "(")

    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        if self.peek() == ("op", "+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self):
        # Right-associative, as in descent: x^2^3 is x^(2^3).
        node = self.primary()
        if self.peek() == ("op", "^"):
            self.take()
            node = ("pow", node, self.exponent())
        return node

    def exponent(self):
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.exponent())
        if self.peek() == ("op", "+"):
            self.take()
            return self.exponent()
        return self.power()

    def primary(self):
        kind, val = self.peek()
        if kind == "num":
            self.take()
            v, approx = number_value(val)
            self.approx |= approx
            return ("num", v)
        if kind == "id":
            self.take()
            if self.peek() == ("op", "("):
                if val not in FUNCS:
                    raise ParseError(f"unknown function {val!r} in {self.text!r}")
                self.take()
                arg = self.expr()
                self.take("op", ")")
                return ("call", val, arg)
            if val in VARS:
                return ("var", val)
            if val == "e":
                return ("const", sp.E)
            if val == "pi":
                return ("const", sp.pi)
            raise ParseError(f"unknown name {val!r} in {self.text!r}")
        if (kind, val) == ("op", "("):
            self.take()
            node = self.expr()
            self.take("op", ")")
            return node
        raise ParseError(f"unexpected {val!r} in {self.text!r}")


# ---------------------------------------------------------------- builders

def _call(name, a, evaluate):
    kw = {} if evaluate else {"evaluate": False}
    if name == "ln":
        return sp.log(a, **kw)
    if name in ("log10", "log2"):
        base = sp.Integer(10 if name == "log10" else 2)
        if evaluate:
            return sp.log(a) / sp.log(base)
        return sp.Mul(sp.log(a, evaluate=False),
                      sp.Pow(sp.log(base, evaluate=False), -1, evaluate=False),
                      evaluate=False)
    if name == "sqrt":
        return sp.sqrt(a) if evaluate else sp.Pow(a, sp.S.Half, evaluate=False)
    fn = {"abs": sp.Abs, "sign": sp.sign}.get(name) or getattr(sp, name)
    return fn(a, **kw)


def _neg_uneval(a):
    if a.is_Number:
        return -a
    if a.is_Mul and a.args:
        if a.args[0] == -1:
            rest = a.args[1:]
            return rest[0] if len(rest) == 1 else sp.Mul(*rest, evaluate=False)
        if a.args[0].is_Number:
            return sp.Mul(-a.args[0], *a.args[1:], evaluate=False)
        return sp.Mul(sp.S.NegativeOne, *a.args, evaluate=False)
    return sp.Mul(sp.S.NegativeOne, a, evaluate=False)


def _flat_mul(factors):
    """An unevaluated product of factors, flattened like the n-ary product
    descent prints (``-e^u*x`` is one product with a sign, not a product
    nested in a product), with the sign in front so count_ops sees it."""
    flat = []
    for f in factors:
        flat.extend(f.args if f.is_Mul else [f])
    sign = 1
    rest = []
    for f in flat:
        if f == -1:
            sign = -sign
        else:
            rest.append(f)
    if sign < 0:
        if rest and rest[0].is_Number:
            rest[0] = -rest[0]
        else:
            k = next((i for i, f in enumerate(rest) if f.is_Number), None)
            if k is not None:
                rest.insert(0, -rest.pop(k))
            else:
                rest.insert(0, sp.S.NegativeOne)
    if not rest:
        return sp.S.One
    return rest[0] if len(rest) == 1 else sp.Mul(*rest, evaluate=False)


def build(node, evaluate=True):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "var":
        return VARS[node[1]]
    if kind == "const":
        return node[1]
    if kind == "neg":
        a = build(node[1], evaluate)
        return -a if evaluate else _neg_uneval(a)
    if kind == "call":
        return _call(node[1], build(node[2], evaluate), evaluate)
    if kind == "pow":
        b, e = build(node[1], evaluate), build(node[2], evaluate)
        return b ** e if evaluate else sp.Pow(b, e, evaluate=False)
    if kind == "add":
        terms = []
        for op, t in node[1]:
            v = build(t, evaluate)
            terms.append(v if op == "+" else (-v if evaluate else _neg_uneval(v)))
        return sp.Add(*terms) if evaluate else sp.Add(*terms, evaluate=False)
    if kind == "mul":
        if evaluate:
            acc = None
            for op, f in node[1]:
                v = build(f, True)
                acc = v if acc is None else (acc * v if op == "*" else acc / v)
            return acc
        nums, dens = [], []
        for op, f in node[1]:
            (nums if op == "*" else dens).append(build(f, False))
        if dens:
            nums = [n for n in nums if n != 1]
            den = dens[0] if len(dens) == 1 else _flat_mul(dens)
            nums.append(sp.Pow(den, -1, evaluate=False))
        return _flat_mul(nums)
    raise ValueError(node)


def parse(text):
    """Return (evaluated, unevaluated, approximate?) for a descent expression."""
    p = Parser(text)
    ast = p.parse()
    return build(ast, True), build(ast, False), p.approx


def variables(text):
    names = {v for k, v in tokenize(text) if k == "id"}
    return [n for n in ("x", "y") if n in names]


def to_descent_style(expr):
    """SymPy's expression in a readable, roughly descent-like notation."""
    s = sp.sstr(expr)
    s = s.replace("**", "^").replace("log(", "ln(").replace("Abs(", "abs(")
    s = re.sub(r"\bE\b", "e", s)
    return s


# ================================================================ harness

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from multiprocessing import Pool

import mpmath

SIMPLIFY_TIMEOUT = 20      # seconds for simplify(diff(f))
EQUAL_TIMEOUT = 10         # seconds for simplify(descent - sympy)
MAX_OPS_FOR_SIMPLIFY = 400  # larger raw derivatives are not simplified


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def with_timeout(seconds, fn, *args):
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        return fn(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def read_functions(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def write_script(functions, path):
    """One definition cell per function, then one derivative cell per variable."""
    cells, tasks, defs = [], [], []
    for i, text in enumerate(functions, 1):
        vs = variables(text)
        if vs == ["x"] or not vs:
            name = f"f{i}"
            cells.append(f"{name}(x) = {text}")
            defs.append(len(cells))
            cells.append(f"{name}'")
            tasks.append({"f": text, "var": "x", "label": f"{name}'", "cell": len(cells)})
        else:
            name = f"g{i}"
            cells.append(f"{name}(x, y) = {text}")
            defs.append(len(cells))
            for v in ("x", "y"):
                cells.append(f"diff({name}, {v})")
                tasks.append({"f": text, "var": v, "label": f"diff({name}, {v})",
                              "cell": len(cells), "two": True})
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(cells) + "\n")
    return cells, tasks, defs


def run_descent(binary, script):
    proc = subprocess.run([binary, "--json", script], capture_output=True,
                          text=True, timeout=300)
    if proc.returncode == 2:
        sys.exit(f"descent failed: {proc.stderr.strip()}")
    cells = {}
    for line in proc.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            d = json.loads(line)
            cells[d["id"]] = d   # a re-run cell would appear again: keep the last
    return cells


# ---------------------------------------------------------------- numerics

mpmath.mp.dps = 50


def _points(nvars, seed):
    rng = random.Random(seed)
    ranges = [(0.05, 0.95), (1.1, 3.0), (-0.95, -0.05), (-3.0, -1.1), (0.2, 0.6)]
    pts = []
    for k in range(40):
        pts.append(tuple(mpmath.mpf(str(round(rng.uniform(*ranges[(k + 2 * j) % len(ranges)]), 6)))
                         for j in range(nvars)))
    return pts


def _val(fn, pt):
    try:
        v = mpmath.mpmathify(fn(*pt))
    except (ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None
    if not mpmath.isfinite(v):
        return None
    return v


def numeric_equal(f, a, b, syms, tol):
    """Compare a and b at up to 8 points where f is real and both are finite."""
    lf, la, lb = (sp.lambdify(syms, e, modules="mpmath") for e in (f, a, b))
    used = 0
    worst = mpmath.mpf(0)
    for pt in _points(len(syms), 12345):
        fv = _val(lf, pt)
        if fv is None or abs(mpmath.im(fv)) > mpmath.mpf(10) ** -40:
            continue
        av, bv = _val(la, pt), _val(lb, pt)
        if av is None or bv is None:
            continue
        err = abs(av - bv) / (1 + abs(bv))
        worst = max(worst, err)
        used += 1
        if used == 8:
            break
    if used < 3:
        return None, used, worst
    return worst <= tol, used, worst


# ---------------------------------------------------------------- one case

def examine(task):
    """Everything about one derivative; runs in a worker process."""
    try:
        return _examine(task)
    except Exception as exc:   # keep the run going; the case is reported
        r = dict(task)
        r["parse_error"] = f"harness error: {type(exc).__name__}: {exc}"
        return r


def _examine(task):
    r = dict(task)
    var = VARS[task["var"]]
    syms = [X, Y] if task.get("two") else [X]
    f, _, _ = parse(task["f"])
    d = sp.diff(f, var)
    r["raw_ops"] = int(sp.count_ops(d))
    t0 = time.time()
    s = None
    if r["raw_ops"] > MAX_OPS_FOR_SIMPLIFY:
        r["sympy_status"] = "too large to simplify"
    else:
        try:
            s = with_timeout(SIMPLIFY_TIMEOUT, sp.simplify, d)
            r["sympy_status"] = "ok"
        except Timeout:
            r["sympy_status"] = f"simplify timed out ({SIMPLIFY_TIMEOUT}s)"
    r["simplify_seconds"] = round(time.time() - t0, 2)
    if s is not None:
        r["sympy"] = to_descent_style(s)
        r["sympy_ops"] = int(sp.count_ops(s, visual=False))
    ref = s if s is not None else d

    if not task.get("ok"):
        return r
    try:
        a, a_raw, approx = parse(task["value"])
    except ValueError as exc:
        r["parse_error"] = str(exc)
        return r
    r["approx_number"] = approx
    r["descent_ops"] = int(sp.count_ops(a_raw, visual=False))
    r["descent_ops_evaluated"] = int(sp.count_ops(a, visual=False))

    # exactness: simplify(a - b) == 0, else numbers at 50 digits
    check, equal = None, None
    if not approx:
        try:
            delta = with_timeout(EQUAL_TIMEOUT, sp.simplify, a - ref)
            if delta == 0:
                check, equal = "simplify", True
            elif delta.is_number and delta.is_comparable and delta.evalf(60) != 0:
                check, equal = "simplify (nonzero constant difference)", False
                r["numeric_error"] = sp.sstr(delta)
        except Timeout:
            pass
    if check is None:
        tol = mpmath.mpf(10) ** (-12 if approx else -35)
        eq, used, worst = numeric_equal(f, a, ref, syms, tol)
        r["numeric_points"] = used
        r["numeric_error"] = mpmath.nstr(worst, 3)
        if eq is None:
            check, equal = "undecided (too few points in the domain)", None
        else:
            check = f"numeric ({used} points, 50 digits)" if not approx else \
                    f"numeric to 1e-12 only (descent printed a rounded decimal)"
            equal = bool(eq)
    r["check"], r["equal"] = check, equal
    if s is not None:
        r["excess"] = r["descent_ops"] - r["sympy_ops"]
        r["cause"] = diagnose(a_raw, a, r["sympy_ops"], f, s) if r["excess"] > 0 else ""
    return r


def _rebuild(e, args):
    if e.is_Add or e.is_Mul or e.is_Pow:
        return e.func(*args, evaluate=False)
    return e.func(*args)


def _split_coeff(t):
    """(numeric coefficient, rest or None) of an unevaluated term."""
    if t.is_Number:
        return t, None
    if t.is_Mul and t.args[0].is_Number:
        rest = t.args[1:]
        return t.args[0], rest[0] if len(rest) == 1 else sp.Mul(*rest, evaluate=False)
    return sp.S.One, t


def merge_like(e, distribute=False):
    """Merge terms that differ only by a numeric coefficient or the order of
    their factors, flattening nested sums (``a - (b - c)``); with distribute,
    also multiply numbers into sums (``2(x - 1) + 4x`` -> ``6x - 2``).
    Everything else keeps descent's structure."""
    if not e.args:
        return e
    e = _rebuild(e, [merge_like(a, distribute) for a in e.args])
    k0, r0 = _split_coeff(e)
    if not (e.is_Add or (distribute and r0 is not None and r0.is_Add and k0 != 1)):
        return e
    terms = []

    def collect(t, c):
        if t.is_Add:
            for u in t.args:
                collect(u, c)
            return
        k, rest = _split_coeff(t)
        if rest is not None and rest.is_Add and (distribute or k == -1):
            collect(rest, c * k)
            return
        terms.append((c * k, rest))

    collect(e, sp.S.One)
    groups = {}
    for c, r in terms:
        if r is None:
            key, rep, c2 = sp.S.One, None, sp.S.One
        else:
            c2, key = r.doit().as_coeff_Mul()
            rep = r if c2 == 1 else key
        g = groups.setdefault(key, [sp.S.Zero, rep])
        g[0] += c * c2
    out = []
    for key, (c, rep) in groups.items():
        if c == 0:
            continue
        out.append(c if rep is None else rep if c == 1 else _flat_mul([c, rep]))
    if not out:
        return sp.S.Zero
    return out[0] if len(out) == 1 else sp.Add(*out, evaluate=False)


def _base_exp(f):
    if f.is_Pow:
        b, x = f.args
        if b.is_Pow and x.is_Integer and b.args[1].is_Rational:
            return b.args[0], b.args[1] * x
        return b, x
    return f, sp.S.One


def merge_powers(e):
    """sqrt(u)^2 -> u, sqrt(u)^3 -> u^(3/2), sqrt(x)/x -> x^(-1/2): powers of
    one base in a product merged; the rest of descent's structure is kept."""
    if not e.args:
        return e
    e = _rebuild(e, [merge_powers(a) for a in e.args])
    if e.is_Pow:
        b, x = _base_exp(e)
        if (b, x) == e.args:
            return e
        return b if x == 1 else sp.Pow(b, x, evaluate=False)
    if not e.is_Mul:
        return e
    parts = []
    for f in e.args:
        if f.is_Pow and f.args[1] == -1 and f.args[0].is_Mul:
            parts += [(b, -x) for b, x in map(_base_exp, f.args[0].args)]
        else:
            parts.append(_base_exp(f))
    groups = {}
    for b, x in parts:
        key = b.doit()
        g = groups.setdefault(key, [b, sp.S.Zero, 0])
        g[1] += x
        g[2] += 1
    if all(g[2] == 1 for g in groups.values()):
        return e
    num, den = [], []
    for b, x, _ in groups.values():
        if x == 0:
            continue
        if b.is_Number:
            num.append(sp.Pow(b, x))
        elif x > 0:
            num.append(b if x == 1 else sp.Pow(b, x, evaluate=False))
        else:
            den.append(b if x == -1 else sp.Pow(b, -x, evaluate=False))
    if den:
        num.append(sp.Pow(_flat_mul(den), -1, evaluate=False))
    return _flat_mul(num) if num else sp.S.One


def _exp_through(a):
    """Multiply exp(-u) through: exp(-u)/(1 + exp(-u)) -> 1/(exp(u) + 1)."""
    best = a
    for u in {-t.args[0] for t in a.atoms(sp.exp) if t.args[0].could_extract_minus_sign()}:
        t = sp.Dummy("t", positive=True)
        e = a.subs(sp.exp(-u), 1 / t).subs(sp.exp(u), t)
        e = sp.factor(sp.cancel(e)).subs(t, sp.exp(u))
        if sp.count_ops(e) < sp.count_ops(best):
            best = e
    return best


def absorb_sign(e):
    """-c*(a - b)*... -> c*(b - a)*...: a product's minus sign moved into one
    of its sums (or into a sum in its denominator)."""
    if not e.args:
        return e
    e = _rebuild(e, [absorb_sign(a) for a in e.args])
    if not (e.is_Mul and e.args[0].is_Number and e.args[0] < 0):
        return e
    args = list(e.args)
    for i, f in enumerate(args):
        inner = f.args[0] if f.is_Pow and f.args[1] == -1 else f
        if inner.is_Add:
            flipped = sp.Add(*[_neg_uneval(t) for t in inner.args], evaluate=False)
            args[i] = sp.Pow(flipped, -1, evaluate=False) if inner is not f else flipped
            c = -args[0]
            rest = args[1:]
            return _flat_mul(rest if c == 1 else [c] + rest)
    return e


_HYP = (sp.sinh, sp.cosh, sp.tanh)
_TAN = (sp.tan, sp.tanh, sp.cot, sp.coth)


def diagnose(a_raw, a, target, f, sympy_form):
    """Name the first single rewrite of descent's form that brings it down to
    SymPy's op count (a hint for the report, not a proof); when none does
    alone, the rewrites are chained and every one that helped is named."""
    if sympy_form is not None and any(sympy_form.has(h) for h in _HYP) \
            and not any(f.has(h) for h in _HYP):
        hyp = "SymPy rewrites exponentials as cosh/sinh/tanh"
    else:
        hyp = None
    steps = [
        ("like terms not merged (factors in another order, or a - (b - c) not flattened)",
         lambda e: merge_like(e)),
        ("exp(ln(u)) or ln(exp(u)) not reduced",
         lambda e: e.replace(lambda t: isinstance(t, sp.exp) and isinstance(t.args[0], sp.log),
                             lambda t: t.args[0].args[0])),
        ("powers of one base not merged (sqrt(u)^2, sqrt(u)^3, sqrt(x)/x)",
         merge_powers),
        ("minus sign not absorbed into a difference (-1/(1 - x) vs 1/(x - 1))",
         absorb_sign),
        ("number times a sum not distributed and collected (e.g. 2(x - 1) + 4(2x + 3))",
         lambda e: merge_like(e, distribute=True)),
        ("products not expanded and collected (product rule on polynomials)",
         lambda e: sp.expand(e.doit())),
        ("common factor of the terms not pulled out",
         lambda e: sp.factor_terms(e.doit())),
        ("fractions not put over a common denominator",
         lambda e: sp.together(e.doit())),
        ("quotient: numerator not simplified / common factor with denominator not cancelled",
         lambda e: min(sp.factor(e.doit()), sp.cancel(e.doit()), key=sp.count_ops)),
        ("exp(-u) kept instead of multiplying through by exp(u)",
         lambda e: _exp_through(e.doit())),
        ("trig/hyperbolic identity not used (sin^2 + cos^2, double angle, sin/cos = tan)",
         lambda e: sp.trigsimp(e.doit())),
    ]
    base = sp.count_ops(a_raw)
    for name, fn in steps:
        try:
            e = with_timeout(5, fn, a_raw)
        except Exception:
            continue
        if sp.count_ops(e) <= target:
            return name
    if hyp:
        return hyp
    # no single rewrite suffices: chain them, naming each that helped
    cur, used = a_raw, []
    for name, fn in steps:
        try:
            e = with_timeout(5, fn, cur)
        except Exception:
            continue
        if sp.count_ops(e) < sp.count_ops(cur):
            cur, used = e, used + [name.split(" (")[0]]
            if sp.count_ops(cur) <= target:
                return "several: " + " + ".join(used)
    return ("partly: " + " + ".join(used)) if used and sp.count_ops(cur) < base \
        else "other (SymPy finds a different form)"


def _init_worker():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--descent", default="./descent-ref", help="descent binary")
    ap.add_argument("--functions", default="functions.txt")
    ap.add_argument("--min-share", type=float, default=95.0,
                    help="percent of derivatives that must be no longer than SymPy's")
    ap.add_argument("--worst", type=int, default=30, help="how many worst cases to list")
    ap.add_argument("--json-out", help="write every result to this file")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args(argv)

    t0 = time.time()
    functions = read_functions(args.functions)
    script = os.path.join(tempfile.mkdtemp(prefix="compare-sympy-"), "descent_script.txt")
    cells, tasks, defs = write_script(functions, script)
    out = run_descent(args.descent, script)
    defs_failed = [(cells[i - 1], out.get(i, {}).get("error", "no output"))
                   for i in defs if not out.get(i, {}).get("ok")]
    for t in tasks:
        d = out.get(t["cell"], {})
        t["ok"] = bool(d.get("ok"))
        t["value"] = d.get("value")
        t["error"] = d.get("error") or ("no output" if not d else None)

    with Pool(args.jobs, initializer=_init_worker) as pool:
        results = pool.map(examine, tasks, chunksize=1)

    def fname(r):
        tag = f" [d/d{r['var']}]" if r.get("two") else ""
        return r["f"] + tag

    failed = [r for r in results if not r.get("ok")]
    unparsed = [r for r in results if r.get("ok") and "parse_error" in r]
    no_sympy = [r for r in results if r.get("ok") and "parse_error" not in r and "sympy_ops" not in r]
    compared = [r for r in results if r.get("ok") and "parse_error" not in r and "sympy_ops" in r]
    wrong = [r for r in results if r.get("equal") is False]
    undecided = [r for r in results if r.get("ok") and "parse_error" not in r and r.get("equal") is None]
    approx = [r for r in results if r.get("approx_number")]
    good = [r for r in compared if r["excess"] <= 0]
    shorter = [r for r in compared if r["excess"] < 0]
    total = len(results)
    share = 100.0 * len(good) / total if total else 0.0

    print(f"descent: {args.descent}")
    print(f"functions: {len(functions)} ({sum(1 for r in results if r.get('two')) // 2} in x and y), "
          f"derivatives: {total}")
    print(f"no longer than SymPy's simplify: {len(good)} of {total} ({share:.1f}%)")
    print(f"  of which strictly shorter: {len(shorter)}; longer: {len(compared) - len(good)}")
    print(f"  ops total over compared cases: descent {sum(r['descent_ops'] for r in compared)}, "
          f"sympy {sum(r['sympy_ops'] for r in compared)}")
    print(f"not counted as no longer: descent cell failed {len(failed)}, "
          f"descent output not parsed {len(unparsed)}, SymPy simplify skipped/timed out {len(no_sympy)}")
    checks = {}
    for r in results:
        if r.get("check"):
            key = r["check"].split(" (")[0] if r["check"].startswith("numeric (") else r["check"]
            checks[key] = checks.get(key, 0) + 1
    print("exactness checks used: " + ", ".join(f"{k}: {v}" for k, v in sorted(checks.items())))
    print(f"not exactly equal: {len(wrong)}")
    for r in wrong:
        print(f"  WRONG {fname(r)} | {r['value']} | {r.get('sympy', '?')} | difference {r.get('numeric_error')}")
    if undecided:
        print(f"equality undecided: {len(undecided)}")
        for r in undecided:
            print(f"  ? {fname(r)} | {r['value']}")
    if approx:
        print(f"descent printed a rounded irrational constant (compared to 1e-12): {len(approx)}")
        for r in approx:
            print(f"  ~ {fname(r)} | {r['value']}")
    for r in failed:
        print(f"  descent failed: {fname(r)}: {r.get('error')}")
    for r in unparsed:
        print(f"  could not parse descent's output: {fname(r)}: {r['parse_error']}")
    for r in no_sympy:
        print(f"  SymPy not simplified ({r['sympy_status']}): {fname(r)}")
    for line, err in defs_failed:
        print(f"  definition refused: {line}: {err}")

    worst = sorted((r for r in compared if r["excess"] > 0),
                   key=lambda r: (-r["excess"], r["label"]))[:args.worst]
    print(f"\n{len(worst)} worst cases (largest excess of descent's op count over SymPy's):")
    print("f | descent's f' | sympy's f' | ops descent vs sympy | likely cause")
    for r in worst:
        print(f"{fname(r)} | {r['value']} | {r['sympy']} | {r['descent_ops']} vs {r['sympy_ops']} "
              f"(+{r['excess']}) | {r['cause']}")
    causes = {}
    for r in compared:
        if r["excess"] > 0:
            causes.setdefault(r["cause"], []).append(r)
    if causes:
        print("\nlonger cases by likely cause (first single SymPy rewrite that closes the gap):")
        print("cases  excess  cause  (largest example: f | descent's f')")
        for k, v in sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            ex = max(v, key=lambda r: r["excess"])
            print(f"  {len(v):3d}  {sum(r['excess'] for r in v):5d}  {k}  ({fname(ex)} | {ex['value']})")
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1, default=str)
    print(f"\ntime: {time.time() - t0:.1f}s")
    ok = share >= args.min_share and not wrong
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
