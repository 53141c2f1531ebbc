"""Tests of the descent-syntax translator (python3 test_translator.py)."""
import sympy as sp
from compare_sympy import parse, X as x, Y as y, number_value

E, pi = sp.E, sp.pi
CASES = {
    "2x": 2*x,
    "1/2x": x/2,                      # descent: same level, left to right
    "x/2(x + 1)": x*(x + 1)/2,
    "2^3x": 8*x,
    "x^2^3": x**8,                    # descent: right-associative
    "2^3^2": 512,
    "-x^2": -x**2,
    "-2^2": -4,
    "2^-1": sp.Rational(1, 2),
    "x^-0.5": x**sp.Rational(-1, 2),
    "2 sin(x)": 2*sp.sin(x),
    "3(x + 1)": 3*(x + 1),
    "(x + 1)(x - 1)": (x + 1)*(x - 1),
    "(x - 1)^2(x + 2)": (x - 1)**2*(x + 2),
    "x^2 (x + 1)": x**2*(x + 1),
    "2e^(2x)": 2*sp.exp(2*x),
    "2e*x": 2*E*x,
    "2e*pi*x + 2e": 2*E*pi*x + 2*E,
    "e^x*pi": pi*sp.exp(x),
    "2e-08*x + 4500x^2 + 4e+20*x^3 + 0.5x^4": sp.Rational(2, 10**8)*x + 4500*x**2 + 4*10**20*x**3 + x**4/2,
    "1e-08": sp.Rational(1, 10**8),
    "1/(3x^0.666666666666667)": 1/(3*x**sp.Rational(2, 3)),
    "1/(3x^1.33333333333333)": 1/(3*x**sp.Rational(4, 3)),
    "-2pi*sin(2pi*x)": -2*pi*sp.sin(2*pi*x),
    "1/(x*ln(10)) + 2/(x*ln(2))": 1/(x*sp.log(10)) + 2/(x*sp.log(2)),
    "log10(x) + log2(x)": sp.log(x)/sp.log(10) + sp.log(x)/sp.log(2),
    "x^x*(ln(x) + 1)": x**x*(sp.log(x) + 1),
    "2*3^(x^2)*x*ln(3)": 2*3**(x**2)*x*sp.log(3),
    "-0.9 sin(3x)": -sp.Rational(9, 10)*sp.sin(3*x),
    "x*y + sin(x)": x*y + sp.sin(x),
    "sign(x) + abs(x)": sp.sign(x) + sp.Abs(x),
    "1/sqrt(1 - x^2) - 2/sqrt(1 - 4x^2) + 2x/(1 + x^4)":
        1/sp.sqrt(1 - x**2) - 2/sp.sqrt(1 - 4*x**2) + 2*x/(1 + x**4),
    "(x + 1)^3/(x^2*(x + 2))": (x + 1)**3/(x**2*(x + 2)),
    "a": None,
}
ok = True
for text, want in CASES.items():
    try:
        got, raw, approx = parse(text)
    except ValueError as exc:
        if want is None:
            continue
        print("FAIL parse", text, exc); ok = False; continue
    if want is None:
        print("FAIL accepted", text); ok = False; continue
    if sp.simplify(got - want) != 0 or sp.simplify(raw.doit() - want) != 0:
        print("FAIL", text, got, raw, want); ok = False
assert number_value("0.333333333333333") == (sp.Rational(1, 3), False)
assert number_value("2.50662827463100")[1] is True
assert number_value("0.107316") == (sp.Rational(107316, 10**6), False)
# the unevaluated form keeps what descent printed: like terms stay apart
_, raw, _ = parse("x*y + y*x")
assert sp.count_ops(raw) == 3, sp.count_ops(raw)
_, raw, _ = parse("sin(x)*exp(x) + exp(x)*cos(x)")
assert sp.count_ops(raw) == sp.count_ops(sp.sin(x)*sp.exp(x) + sp.exp(x)*sp.cos(x))
# op counts agree with SymPy's for forms that are already canonical
for e in [x**2 + 2, -2*x, x/2, 1/sp.sqrt(x), 2*x - 1, -x - 1, sp.exp(-x)/(1 + sp.exp(-x))**2,
          x**x*(sp.log(x) + 1), 1/(2*x**sp.Rational(1, 2)), -x/(x**2 + 1)**sp.Rational(3, 2)]:
    text = sp.sstr(e).replace("**", "^").replace("log(", "ln(")
    _, raw, _ = parse(text)
    if sp.count_ops(raw) != sp.count_ops(e):
        print("FAIL ops", text, sp.count_ops(raw), sp.count_ops(e)); ok = False
# a signed product is one flat product, as SymPy would hold it
for text in ["-e^(-0.5x^2)*x", "-x*exp(-x)", "y*exp(-x*y) - x*y^2*exp(-x*y)", "-2 cos(x)/sin(x)^3"]:
    ev, raw, _ = parse(text)
    if sp.count_ops(raw) != sp.count_ops(ev):
        print("FAIL flat product", text, sp.count_ops(raw), sp.count_ops(ev)); ok = False
print("all translator tests passed" if ok else "FAILURES")
raise SystemExit(0 if ok else 1)
