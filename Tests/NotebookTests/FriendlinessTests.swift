import Testing
@testable import Notebook
@testable import Language

/// Behaviours a learner relies on, found by trying the notebook as one.
@Suite struct FriendlinessTests {
    private func output(_ lines: [String]) -> String {
        Notebook.ascii().enter(lines: lines).first?.output ?? ""
    }

    @Test(arguments: [
        (["f(x) = 3x(x + 1)", "f(2)"], "18"),
        (["k = 2", "k(3 + 1)"], "8"),
        (["f(x) = x^3", "f'(x)"], "f'(x) = 3x^2"),
        (["g(w, b) = w*b", "g(s, t)"], "g(s, t) = s*t"),
        (["f(x) = x^2 + 2", "f(t) + 1"], "unknown name 't'"),
        (["f(x) = x^2 + 2", "sin(f(t))"], "unknown name 't'"),
        // where a function may stand, f(t) is f written in t
        (["f(x) = x^2 + 2", "f(t)'"], "f'(t) = 2t"),
        (["g(w, b) = w*b", "diff(g(u, v), u)"], "diff(g, u)(u, v) = v"),
        (["g(x) = x/3 + 1/3", "g'"], "g'(x) = 1/3"),
        // A definition is echoed as typed, only re-spaced; what it simplifies to shows in its derivative.
        (["h(x)=x*0.1*10 + 0*x+1*x^1 + 0"], "h(x) = x*0.1*10 + 0*x + 1*x^1 + 0"),
        (["h(x) = x*0.1*10 + 0*x + 1*x^1 + 0", "h'"], "h'(x) = 2"),
        (["h(x) = sin(3x)*exp(-x^2/4)"], "h(x) = sin(3x)*exp(-x^2/4)"),
        (["p = (1, 2)", "p[1.5]"], "an index must be a whole number"),
        (["foo(x) = x", "fo(3)"], "did you mean 'foo'?"),
        (["rate = 0.1", "f(x) = x", "f(rat)"], "did you mean 'rate'?"),
        (["f(x) = x", "plott(f, -1..1)"], "did you mean 'plot'?"),
        (["plot(x^2, -1..1)"], "define one first, as in f(x) = x^2, then plot(f, -1..1)"),
        (["p(x) = (x + 1)(x - 1)", "p(3)"], "8"),
        (["t(x) = x^3", "explain(t'(2))"], "without an argument: explain(t')"),
        (["g(w, b) = w^2*b", "explain(grad(g))"], "as in explain(diff(g, w))"),
        (["f(x) = x^2", "y = f(2)", "f(x) = x + q"], "note: :undo brings back f(x) = x^2"),
        (["f(x) = x^2 + 2", "plot(f, -1e300..1e300)"], "f is not defined (or not finite) on 99% of -1e+300..1e+300"),
        (["plot(sqrt, -10..1)"], "sqrt is not defined (or not finite) on 90% of -10..1"),
        (["1 + 1", ":undo 3"], ":undo takes no argument"),
        (["k = 2", "k(3)^2"], "18"),
        (["(1, 2)(3)"], "(3, 6)"),
        // a parenthesised function can still be called
        (["f(x) = x^2", "(f)'(3)"], "6"),
        (["g(w, b) = w^2 + b^2", "(grad(g))(1, 2)"], "(2, 4)"),
        // a missing comma before a named argument is pointed at where it is missing
        (["g(w, b) = w^2 + b^2", "descend(g, from: (1, 1) step: 0.1)"], "found 'step'"),
        (["f(x) = x^2", "descend(f, from: 3, step: 0.01)"], "\n ...\n"),
        (["f(x) = x^2", "g(w, b) = w*b", "r = descend(g, from: (1, 1), step: 0.1)", "plot(f, -5..5, path: r)"],
         "plot(g, -5..5, -5..5, path: …) draws it on a map"),
    ])
    func aLearnerGetsWhatTheyMeant(lines: [String], expected: String) {
        let text = output(lines)
        #expect(text.contains(expected), "\(text)")
    }

    @Test(arguments: [
        ("nesterov", "x ← x − η (g + β v)"), ("adam", "beta2: 0.999"), ("momentum", "beta: 0.9"),
        ("ans", "ans is the latest result"), ("vectors", "v[1] is its first part"), ("r.x", "r.status"),
        ("descend", "tol:"), (":save", "sessions/NAME.json"), ("sinh", "radians"),
    ])
    func everyTopicALearnerAsksAboutHasHelp(topic: String, expected: String) {
        let text = Notebook.ascii().report(":help \(topic)").output
        #expect(text.contains(expected), "\(text)")
    }

    @Test func aPathMustBeOfTheFunctionPlotted() {
        let text = output(["f(x) = x^2", "k(x) = x^4", "r = descend(k, from: 1, step: 0.1)", "plot(f, -2..2, path: r)"])
        #expect(text.contains("the path is a run of 'k'"))
    }

    @Test func aRunThatRanAwayDoesNotFlattenTheCurve() {
        let text = output(["f(x) = x^2", "q = descend(f, from: 1, step: 1.5)", "plot(f, -5..5, path: q, height: 6)"])
        #expect(text.contains("marked points lie outside the plot"))
        #expect(text.contains("20 |"))
    }

    @Test func anEmptyPlotSaysWhy() {
        #expect(output(["plot(sqrt, -5..-1)"]).contains("sqrt is not defined (or not finite) anywhere on -5..-1"))
    }
}

@Suite struct SweepOverStartsNotebookTests {
    @Test func aSweepOfStartsListsTheMinimaLowestFirst() {
        let text = Notebook.ascii(["f(x) = x^4 - 3x^2 + x"]).report("sweep(f, from: (-3, -1, 0, 1, 3), step: 0.05)").output
        #expect(text.contains("sweep of f from 5 starts (gd, step 0.05)"))
        #expect(text.contains("2 minima found, lowest first:"))
        #expect(text.contains("x = -1.30084  f = -3.51391  from 3 starts  global (the lowest found)"), "\(text)")
        #expect(text.contains("x = 1.1309    f = -1.07023  from 2 starts  local"), "\(text)")
    }

    @Test func startsThatReachNoMinimumAreSaidApart() {
        let text = Notebook.ascii(["h(x) = -x^2"]).report("sweep(h, from: (0, 1), step: 0.1)").output
        #expect(text.contains("no start reached a minimum"))
        #expect(text.contains("1 start stopped on a maximum"))
        #expect(text.contains("1 start hit the step limit"))
    }

    @Test(arguments: ["sweep(f, from: (-3, 3), steps: (0.1, 0.2))", "sweep(f, from: -3, step: 0.1, steps: (0.1))"])
    func aListOfStartsAndOfStepsTogetherIsAnError(source: String) {
        let report = Notebook.ascii(["f(x) = x^2"]).report(source)
        #expect(!report.ok)
        #expect(report.output.contains("not both"), "\(report.output)")
    }
}


/// The tutorial's own words and habits from Python, answered in descent's terms.
@Suite struct TutorialWordsTests {
    @Test(arguments: [
        ("y = x^2 + 2", "hint: to define a function of x, write y(x) = x^2 + 2"),
        ("x^2 + 2", "hint: to define a function of x, give it a name: f(x) = x^2 + 2"),
        ("descend(x^2 + 2, from: -4, step: 0.1)", "hint: descend takes a function by name: define it first, as in f(x) = x^2 + 2, then descend(f, …)"),
        ("f(x) = x**2", "hint: f(x) = x^2"),
        ("def f(x): x^2", "hint: f(x) = x^2"),
        ("lambda x: x^2", "hint: define a function as f(x) = x^2 + 2: no def, lambda or colon"),
        ("plot(g, -5:5)", "hint: write a range with two dots, as in -5..5"),
        ("plot(g, [-5, 5])", "hint: write a range as -5..5 and a vector as (-5, 5)"),
        ("(1,)", "hint: a vector's parts are separated by commas, with none after the last, as in (1, 2)"),
        ("plot g", "hint: to call plot, put its arguments in parentheses, as in plot(g)"),
        ("sin x", "hint: to call sin, put its arguments in parentheses, as in sin(x)"),
        ("d/dx g", "hint: the derivative of g is g' (diff(g, x) for one of several variables)"),
        ("sn(1)", "hint: did you mean 'sin'?"),
    ])
    func slipsGetAHintInDescentsTerms(source: String, hint: String) {
        let report = Notebook.ascii(["g(t) = t^2"]).report(source)
        #expect(!report.ok)
        #expect(report.output.contains(hint), "\(report.output)")
        #expect(!report.output.contains("put an operator between the two"))
    }

    @Test func aValueMadeFromAFormulaSaysWhyItHasNoDerivative() {
        let output = Notebook.ascii(["x = -4", "y = x^2 + 2"]).report("y'").output
        #expect(output.contains("only a function has a derivative, and y is a number, 18"), "\(output)")
        #expect(output.contains("y(x) = …"))
    }

    @Test func helpWithoutTheColonIsTheCommandNotACell() {
        let notebook = Notebook.ascii()
        let report = notebook.report("help")
        #expect(report.ok && report.id == nil)
        #expect(report.output.hasPrefix("(commands start with ':', so this is :help)\ndescent: a notebook calculator"))
        #expect(notebook.order.isEmpty, "no cell is made, so nothing fails on replay")
        // A cell named help is shown as itself.
        notebook.submit("help = 3")
        #expect(notebook.report("help").output == "3")
    }

    @Test func greekLettersAreNamesAndPiIsPi() {
        let notebook = Notebook.ascii(["θ = 0.5", "f(θ) = (θ - 2)^2", "η = 0.1", "r = descend(f, from: θ, step: η)"])
        #expect(notebook.output(of: "r")?.contains("converged") == true, "\(notebook.output(of: "r") ?? "")")
        #expect(notebook.report("2π").output == "6.28319")
        #expect(notebook.report("f'(θ)").output == "-3")
    }
}

@Suite struct SmallComfortsTests {
    @Test func brailleNamesTheUnicodeCharsetAndPlotHelpListsItsSize() {
        let notebook = Notebook.ascii()
        #expect(notebook.report(":set charset braille").output == "charset unicode")
        let help = notebook.report(":help plot").output
        #expect(help.contains("width: and height:"), "\(help)")
    }

    @Test func aPathOnAMapSaysHowItsRunWent() {
        let output = Notebook.ascii(["g(w, b) = (w - 3)^2 + (b + 1)^2", "q = descend(g, from: (0, 0), step: 0.1)"])
            .report("plot(g, path: q)").output
        #expect(output.contains("path: S start  o steps  E end (71 steps, converged)"), "\(output)")
    }
}

@Suite struct ExplainParenthesesTests {
    @Test func aQuotientIsParenthesisedAfterDdx() {
        let output = Notebook.ascii(["s(x) = 1/(1 + exp(-x))"]).report("explain(s')").output
        #expect(output.contains("d/dx (1/(1 + exp(-x))) = exp(-x)/(1 + exp(-x))^2"), "\(output)")
    }
}
