// Measures the hot paths and prints each against a baseline run in the
// same process, so the ratios hold on any machine:
//
//   swift run -c release descent-bench            all benchmarks
//   swift run -c release descent-bench descend    only those whose name contains "descend"
//
// Times are the best of several repetitions (the least disturbed by the
// rest of the machine). Each goal is checked at the end: the run exits with
// status 1, naming the goals missed, when any is.
import DataFiles
import Calculus
import Descent
import Foundation
import Language
import Notebook
import Plot

let filter = CommandLine.arguments.dropFirst().first

/// Best wall time of `repetitions` runs of `body`, in seconds.
func best(_ repetitions: Int = 5, _ body: () -> Void) -> Double {
    var fastest = Double.infinity
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        let end = DispatchTime.now().uptimeNanoseconds
        fastest = min(fastest, Double(end - start) / 1e9)
    }
    return fastest
}

func report(_ name: String, _ seconds: Double, per count: Int = 1, unit: String = "") {
    let each = seconds / Double(count)
    let text: String
    if each < 1e-6 { text = String(format: "%8.1f ns", each * 1e9) }
    else if each < 1e-3 { text = String(format: "%8.2f µs", each * 1e6) }
    else { text = String(format: "%8.2f ms", each * 1e3) }
    print("  \(name.padding(toLength: 58, withPad: " ", startingAt: 0)) \(text)\(unit)")
}

func section(_ name: String) -> Bool {
    guard filter == nil || name.contains(filter!) else { return false }
    print("\n\(name)")
    return true
}

/// The goals measured so far: what each asks, and whether it was met.
nonisolated(unsafe) var goals: [(goal: String, measured: String, met: Bool)] = []

/// Prints a ratio against its goal and keeps the verdict for the summary;
/// with `key` and `value`, also a line `RESULT key value` that `make bench`
/// gathers over its five runs into a range.
func check(_ goal: String, measured: String, met: Bool, key: String? = nil, value: Double? = nil) {
    print("  \(measured) (goal: \(goal))\(met ? "" : "  MISSED")")
    if let key, let value { print("RESULT \(key) \(value) \(met ? "met" : "missed") \(goal)") }
    goals.append((goal, measured, met))
}

// `descent-bench --native-loop N`: only the hand-written loop below, N steps,
// for callgrind to count its instructions a step.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--native-loop", let steps = Int(CommandLine.arguments[2]) {
    var x = -1.2, y = 1.0
    var path = RecordedPath()
    var nextRecord = 0
    for k in 0...steps {
        let a = 1 - x, b = y - x * x
        let (gx, gy) = (-2 * a - 400 * x * b, 200 * b)
        let norm = (gx * gx + gy * gy).squareRoot()
        if k == nextRecord {
            path.record(.init(step: k, x: [x, y], f: a * a + 100 * b * b, gradientNorm: norm))
            nextRecord = path.nextWanted(after: k)
        }
        if !((x * 0 + y * 0) == 0 && norm.isFinite) || norm < 0 || k == steps { break }
        x -= 0.001 * gx
        y -= 0.001 * gy
    }
    print(x + Double(path.rows.count))
    exit(0)
}

/// A value the optimiser cannot prove unused.
nonisolated(unsafe) var sink = 0.0

// MARK: - descend per step on Rosenbrock, against native Swift

if section("descend: 2-D Rosenbrock from (-1.2, 1), step 0.001, per step") {
    // Long enough that setting up, the path's record and the first page faults weigh nothing a step.
    let steps = 20_000_000
    let notebook = Notebook()
    notebook.submit("rosenbrock(x, y) = (1 - x)^2 + 100(y - x^2)^2")
    guard case .function(let function)? = notebook.cell(named: "rosenbrock")?.value else { fatalError("no function") }
    let objective = try! function.objective()
    let rule = StoppingRule(tolerance: 0, maximumSteps: steps)
    // The cell a person types, run through the notebook: parsing, compiling
    // and the table of the result are in the time, as they are at the prompt.
    func typedCell() { sink += Double(notebook.submit("r = descend(rosenbrock, from: (-1.2, 1), step: 0.001, tol: 0, max: \(steps))").count) }
    let direct = best(3) { sink += Optimizer.descend(objective, from: [-1.2, 1], step: 0.001, rule: rule).x[0] }

    // The same loop by hand: the gradient as a Swift closure at every step,
    // f only where a row is recorded, the same stopping tests and record.
    let gradient: (Double, Double) -> (Double, Double) = { x, y in
        let a = 1 - x, b = y - x * x
        return (-2 * a - 400 * x * b, 200 * b)
    }
    let value: (Double, Double) -> Double = { x, y in
        let a = 1 - x, b = y - x * x
        return a * a + 100 * b * b
    }
    func handLoop() {
        var x = -1.2, y = 1.0
        var path = RecordedPath()
        var nextRecord = 0
        for k in 0...steps {
            let (gx, gy) = gradient(x, y)
            let norm = (gx * gx + gy * gy).squareRoot()
            if k == nextRecord {
                path.record(.init(step: k, x: [x, y], f: value(x, y), gradientNorm: norm))
                nextRecord = path.nextWanted(after: k)
            }
            if !((x * 0 + y * 0) == 0 && norm.isFinite) || norm < 0 || k == steps { break }
            x -= 0.001 * gx
            y -= 0.001 * gy
        }
        sink += x + Double(path.rows.count)
    }
    // The two take turns, so that a slower spell of the machine falls on both.
    var cell = Double.infinity, hand = Double.infinity
    for _ in 0..<3 {
        cell = min(cell, best(1, typedCell))
        hand = min(hand, best(1, handLoop))
    }
    report("the cell r = descend(rosenbrock, …), typed into a notebook", cell, per: steps, unit: " a step")
    report("Optimizer.descend called directly", direct, per: steps, unit: " a step")
    report("the same loop with a native Swift gradient closure", hand, per: steps, unit: " a step")
    check("at most 3x", measured: String(format: "the cell is %.2fx native", cell / hand), met: cell / hand <= 3,
          key: "descend-vs-native", value: cell / hand)
    print("RESULT descend-ns-per-step \(cell / Double(steps) * 1e9) info ns")
    print("RESULT native-ns-per-step \(hand / Double(steps) * 1e9) info ns")

    // CPython, when present: the same loop as the native one above, in plain Python.
    let python = """
    import math, time
    def gradient(x, y):
        a = 1 - x; b = y - x * x
        return -2 * a - 400 * x * b, 200 * b
    def value(x, y):
        a = 1 - x; b = y - x * x
        return a * a + 100 * b * b
    steps = 200000
    best = 1e9
    for _ in range(3):
        t = time.perf_counter()
        x, y = -1.2, 1.0
        rows, stride, next_record = [], 1, 0
        for k in range(steps + 1):
            gx, gy = gradient(x, y)
            norm = math.sqrt(gx * gx + gy * gy)
            if k == next_record:
                rows.append((k, (x, y), value(x, y), norm))
                if len(rows) >= 4096:
                    stride *= 2
                    rows = [r for r in rows if r[0] % stride == 0]
                next_record = (k // stride + 1) * stride
            if not (x * 0 + y * 0 == 0 and math.isfinite(norm)) or norm < 0 or k == steps:
                break
            x -= 0.001 * gx
            y -= 0.001 * gy
        best = min(best, (time.perf_counter() - t) / steps)
    print(best)
    """
    // And the barest Python loop: no checks and no record, only the update.
    let barePython = """
    import time
    def gradient(x, y):
        a = 1 - x; b = y - x * x
        return -2 * a - 400 * x * b, 200 * b
    best = 1e9
    for _ in range(3):
        t = time.perf_counter(); x, y = -1.2, 1.0
        for k in range(200000):
            gx, gy = gradient(x, y)
            x -= 0.001 * gx; y -= 0.001 * gy
        best = min(best, (time.perf_counter() - t) / 200000)
    print(best)
    """
    func pythonSeconds(_ source: String) -> Double? { runPython(source).flatMap(Double.init) }
    let perStep = cell / Double(steps)
    if let same = pythonSeconds(python) {
        report("the same loop in CPython", same, unit: " a step")
        check("at least 25x", measured: String(format: "the cell is %.0fx faster than CPython", same / perStep), met: same / perStep >= 25,
              key: "cpython-vs-descend", value: same / perStep)
    } else {
        check("at least 25x", measured: "CPython could not be run (python3 not found)", met: false)
    }
    // Peak memory of the whole program running the long descent, in a process of its own.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("descent").path
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("descent-bench-long-\(getpid()).txt").path
    try? "rosenbrock(x, y) = (1 - x)^2 + 100(y - x^2)^2\nr = descend(rosenbrock, from: (-1.2, 1), step: 0.001, tol: 0, max: \(steps))\n"
        .write(toFile: script, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: script) }
    let measure = """
    import resource, subprocess
    subprocess.run(["\(binary)", "\(script)"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """
    if let kilobytes = runPython(measure).flatMap(Double.init) {
        let megabytes = kilobytes / 1024
        check("at most 100 MB", measured: String(format: "peak memory of descent running the 20M steps: %.1f MB", megabytes),
              met: megabytes <= 100, key: "peak-memory-mb", value: megabytes)
    }
    if let bare = pythonSeconds(barePython) {
        report("a bare update loop in CPython (no checks, no record)", bare, unit: " a step")
        print(String(format: "  descend is %.0fx faster than even that", bare / perStep))
    }
}

// MARK: - evaluation of a compiled expression alone

if section("evaluate: a compiled expression against a native closure") {
    let expr = try! Formula.parse("sin(x)*exp(-x^2/10) + ln(x^2 + 1)/(1 + x^4) - 3x^3 + sqrt(abs(x))")
    let evaluator = Program.Evaluator(try! Compiler.compile([expr], inputs: ["x"]))
    let count = 2_000_000
    let compiled = best {
        var total = 0.0
        var x = 0.0
        for i in 0..<count {
            x = Double(i) * 1e-6
            total += withUnsafePointer(to: &x) { evaluator.value($0) }
        }
        sink += total
    }
    let native: (Double) -> Double = { x in sin(x) * exp(-x * x / 10) + log(x * x + 1) / (1 + x * x * x * x) - 3 * x * x * x + abs(x).squareRoot() }
    let hand = best {
        var total = 0.0
        for i in 0..<count { total += native(Double(i) * 1e-6) }
        sink += total
    }
    let tree = best(3) {
        var total = 0.0
        for i in 0..<count / 20 { total += expr.evaluate(["x": Double(i) * 1e-6]) }
        sink += total
    }
    report("compiled program", compiled, per: count)
    report("native Swift closure", hand, per: count)
    report("walking the tree with a dictionary (the reference)", tree, per: count / 20)
    print(String(format: "  ratio: %.2fx native; the tree is %.0fx slower than the program", compiled / hand, (tree / Double(count / 20)) / (compiled / Double(count))))
}

// MARK: - symbolic derivative and simplification of a large expression

if section("differentiate: a large expression, derivative and simplification") {
    var source = "x"
    for i in 1...40 { source = "sin(\(source)) * x^\(i % 5 + 1) + exp(x/\(i)) * (x + \(i))" }
    let expr = try! Formula.parse(source)
    var size = 0
    let time = best(3) { size = Derivative.of(expr, by: "x").size }
    report("d/dx of \(expr.size) nodes (result \(size) nodes)", time)
}

// MARK: - notebooks of 10,000 cells

if section("notebook: 10,000 cells") {
    let notebook = Notebook()
    notebook.submit("c0 = 1")
    for i in 1..<10_000 { notebook.submit(i % 100 == 0 ? "c\(i) = c0 + \(i)" : "c\(i) = \(i) * 2") }
    let leaf = best { notebook.submit("c9999 = 3") }
    let root = best(3) { notebook.submit("c0 = 2") }
    report("edit one leaf cell (1 cell re-runs)", leaf)
    report("edit the root that 100 cells use", root)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("descent-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("big.json").path
    let save = best { try! notebook.save(to: path) }
    let load = best(3) { try! Notebook().load(from: path) }
    report("save the session", save)
    report("load and re-run the session", load)
    try? FileManager.default.removeItem(at: directory)
}

// MARK: - data: a line fitted to a million rows

/// What a Python snippet prints, or nil when python3 (or a module it imports) is missing.
func runPython(_ source: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", source]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 ? text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
}

if section("data: the mean squared error of a line over 1,000,000 rows") {
    let rows = 1_000_000
    var state: UInt64 = 42
    func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    let xs = (0..<rows).map { _ in uniform() * 10 - 5 }
    let ys = xs.map { 3 * $0 + 2 + (uniform() - 0.5) }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-bench-data-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("line.csv").path
    var text = "x,y\n"
    text.reserveCapacity(rows * 44)
    for i in 0..<rows { text += "\(xs[i]),\(ys[i])\n" }
    try! text.write(toFile: file, atomically: false, encoding: .utf8)

    // One step: the gradient over every row, then the update, as descend takes it.
    let x = Column(name: "d.x", values: xs), y = Column(name: "d.y", values: ys)
    let residual = Expr.sum([.product([.variable("w"), .column(x)]), .variable("b"), .product([.number(-1), .column(y)])])
    let objective = try! Objective(expression: .reduce(.mean, .power(residual, .number(2))), variables: ["w", "b"])
    let evaluator = Program.Evaluator(objective.gradient)
    var point = [0.5, 0.5]
    var gradient = [0.0, 0.0]
    func compiledStep() {
        evaluator.run(point, into: &gradient)
        point[0] -= 0.01 * gradient[0]
        point[1] -= 0.01 * gradient[1]
        sink += point[0]
    }
    // The same step written by hand: one fused loop over the arrays.
    var w = 0.5, b = 0.5
    func handStep() {
        var sw = 0.0, sb = 0.0
        xs.withUnsafeBufferPointer { xp in
            ys.withUnsafeBufferPointer { yp in
                for i in 0..<rows {
                    let r = w * xp[i] + b - yp[i]
                    sw += r * xp[i]
                    sb += r
                }
            }
        }
        w -= 0.01 * 2 * sw / Double(rows)
        b -= 0.01 * 2 * sb / Double(rows)
        sink += w
    }
    // The two take turns, so that a slower spell of the machine falls on both.
    var compiled = Double.infinity, hand = Double.infinity
    for _ in 0..<15 {
        compiled = min(compiled, best(1, compiledStep))
        hand = min(hand, best(1, handStep))
    }
    report("a gradient step of descend's compiled loss", compiled)
    report("the same step as a hand-written fused Swift loop", hand)
    check("at most 1.3x", measured: String(format: "descend's step is %.2fx the hand-written loop", compiled / hand), met: compiled / hand <= 1.3,
          key: "mse-vs-native", value: compiled / hand)
    let numpy = """
    import time, numpy as np
    rng = np.random.default_rng(42); n = 1000000
    x = rng.uniform(-5, 5, n); y = 3 * x + 2 + rng.uniform(-0.5, 0.5, n)
    w, b = 0.5, 0.5; best = 1e9
    for _ in range(7):
        t = time.perf_counter()
        r = w * x + b - y
        gw = 2 * np.mean(r * x); gb = 2 * np.mean(r)
        w -= 0.01 * gw; b -= 0.01 * gb
        best = min(best, time.perf_counter() - t)
    print(best)
    """
    if let seconds = runPython(numpy).flatMap(Double.init) {
        report("the same step in numpy (r = w*x + b - y; 2*mean(r*x), 2*mean(r))", seconds)
        check("at most 0.4x numpy", measured: String(format: "descend's step takes %.2fx numpy's time", compiled / seconds),
              met: compiled / seconds <= 0.4, key: "mse-vs-numpy", value: compiled / seconds)
    } else {
        print("  numpy is not installed here (pip install numpy): its step is not measured")
    }

    // Reading the file, taking turns with pandas (best of two reads in each of its processes),
    // so that a slower spell of the machine falls on both.
    let pandas = """
    import time, pandas as pd
    best = 1e9
    for _ in range(2):
        t = time.perf_counter(); d = pd.read_csv(\"\(file)\", engine="c"); best = min(best, time.perf_counter() - t)
    print(best)
    """
    var load = Double.infinity, pandasBest: Double?
    for _ in 0..<5 {
        load = min(load, best(1) { sink += Double(try! CSVReader.read(path: file).rowCount) })
        if let seconds = runPython(pandas).flatMap(Double.init) { pandasBest = min(pandasBest ?? .infinity, seconds) }
    }
    report("csv(\"…\") of 1,000,000 rows and 2 columns (\(text.utf8.count / 1_000_000) MB)", load)
    if let seconds = pandasBest {
        report("pandas.read_csv of the same file (C engine)", seconds)
        check("at most 1x pandas", measured: String(format: "csv() takes %.2fx the time of pandas", load / seconds), met: load / seconds <= 1,
              key: "csv-vs-pandas", value: load / seconds)
    } else {
        print("  pandas is not installed here (pip install pandas): its read_csv is not measured")
    }

    // Peak memory of loading and fitting, above descent doing nothing: each
    // run in a process of its own, started by a small Python one, since a
    // child started straight from this bench (which holds the data several
    // times over) would count the bench's own memory as its peak.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("descent").path
    func peakKilobytes(_ script: String, _ name: String) -> Int? {
        let path = folder.appendingPathComponent(name).path
        try? script.write(toFile: path, atomically: false, encoding: .utf8)
        let measure = """
        import resource, subprocess
        subprocess.run(["\(binary)", "\(path)"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """
        return runPython(measure).flatMap { Int($0) }
    }
    if FileManager.default.isExecutableFile(atPath: binary), let empty = peakKilobytes("1 + 1\n", "empty.txt"),
       let fitted = peakKilobytes("d = csv(\"\(file)\")\nloss(w, b) = mean((w*d.x + b - d.y)^2)\nfit = descend(loss, from: (0, 0), step: 0.01, max: 20)\n", "fit.txt") {
        let above = Double(fitted - empty) / 1024
        print(String(format: "  peak memory of loading and fitting: %.1f MB above descent doing nothing (%.1f MB); the data are 16 MB", above, Double(empty) / 1024))
        check("at most 4x the data", measured: String(format: "%.1fx the data", above / 16), met: above <= 64)
    } else {
        print("  the descent binary or python3 is missing here: peak memory is not measured")
    }
}

// MARK: - basins: every core against one

if section("basins: Himmelblau's function, 120 x 60 starts, step 0.01") {
    let objective = try! Objective(expression: try! Formula.parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", variables: ["x", "y"]),
                                   variables: ["x", "y"])
    let axes = [Basins.Axis(-5, 5, count: 120), Basins.Axis(-5, 5, count: 60)]
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // One core and two take turns, so that a slower spell of the machine falls on both. The
    // turns are many: here the same work on one thread took from 46 to 80 ms from one moment to
    // the next, and two copies of one program running side by side took from 1.0x to 1.25x the
    // time of one alone (the two cores share more of the machine in some spells than others).
    var one = Double.infinity, two = Double.infinity, all = Double.infinity
    for _ in 0..<40 {
        one = min(one, best(1) { sink += Double(try! Basins.map(RunRequest(objective, from: [], step: 0.01), grid: axes, workers: 1).minima.count) })
        two = min(two, best(1) { sink += Double(try! Basins.map(RunRequest(objective, from: [], step: 0.01), grid: axes, workers: 2).minima.count) })
        if cores > 2 { all = min(all, best(1) { sink += Double(try! Basins.map(RunRequest(objective, from: [], step: 0.01), grid: axes, workers: cores).minima.count) }) }
    }
    report("one core, per start", one, per: 120 * 60)
    report("2 cores, per start", two, per: 120 * 60)
    if cores > 2 { report("\(cores) cores, per start", all, per: 120 * 60) }
    if cores >= 2 {
        check("2 cores take at most 0.6x the time of 1", measured: String(format: "2 cores: %.2fx the time of 1", two / one), met: two / one <= 0.6,
              key: "basins-2-vs-1", value: two / one)
    } else {
        print("  one core only: the time on 2 cores is not measured here")
    }
}

// MARK: - the first answer of a script, against bc

/// The median wall time of `count` runs of each program reading nothing
/// and writing to /dev/null, started with posix_spawn and waited for with
/// waitpid: Foundation's Process takes longer than the programs measured.
func medianRuns(_ commands: [(program: String, arguments: [String])], count: Int = 41) -> [Double] {
    var times = [[Double]](repeating: [], count: commands.count)
    // The commands take turns, so that a slower spell of the machine falls on each.
    for _ in 0..<count {
        for (k, (program, arguments)) in commands.enumerated() { times[k].append(runOnce(program, arguments)) }
    }
    return times.map { $0.sorted()[$0.count / 2] }
}

/// The wall time of one run, in seconds.
func runOnce(_ program: String, _ arguments: [String]) -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) }; posix_spawn_file_actions_destroy(&actions) }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, program, &actions, nil, argv, environ) == 0 else { return .nan }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The folder of Package.swift, above the bench's own binary.
func packageRoot() -> URL? {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    while folder.path != "/" {
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
        folder = folder.deletingLastPathComponent()
    }
    return nil
}

if section("first answer: f(x) = x^2 + 2, then f(3), from a script, against bc") {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // The installed binary is the static one (make install, make static); the plain build if it is missing.
    let installed = packageRoot()?.appendingPathComponent(".build-static/release/descent").path ?? ""
    let binary = FileManager.default.isExecutableFile(atPath: installed) ? installed : folder.appendingPathComponent("descent").path
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("descent-bench-first-\(getpid()).txt").path
    try? "f(x) = x^2 + 2\nf(3)\n".write(toFile: script, atomically: true, encoding: .utf8)
    let bcScript = script + ".bc"
    try? "define f(x) { return x^2 + 2 }\nf(3)\n".write(toFile: bcScript, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: script); try? FileManager.default.removeItem(atPath: bcScript) }
    let bc = ["/usr/bin/bc", "/bin/bc"].first { FileManager.default.isExecutableFile(atPath: $0) }
    let medians = medianRuns([(binary, [script])] + (bc.map { [($0, ["-q", bcScript])] } ?? []))
    let descent = medians[0]
    report("descent \(binary.contains(".build-static") ? "(the static executable, as installed)" : "(the plain build)")", descent)
    if bc != nil {
        let seconds = medians[1]
        report("bc -q, the same function and value", seconds)
        check("at most 3x bc", measured: String(format: "descent's first answer takes %.2fx bc's", descent / seconds),
              met: descent / seconds <= 3, key: "first-answer-vs-bc", value: descent / seconds)
    } else {
        print("  bc is not installed here (apt-get install bc): the first answer is not compared")
    }
}

// MARK: - plots

if section("plot: render") {
    let notebook = Notebook()
    notebook.settings.width = 80
    notebook.submit("f(x) = x^2 + 2")
    notebook.submit("r = descend(f, from: -4, step: 0.1)")
    notebook.submit("g(w, b) = (w - 3)^2 + (b + 1)^2")
    notebook.submit("q = descend(g, from: (0, 0), step: 0.1)")
    report("plot(f, -5..5, path: r), braille", best { notebook.submit("plot(f, -5..5, path: r)") })
    report("plot(g, -5..5, -5..5, path: q)", best { notebook.submit("plot(g, -5..5, -5..5, path: q)") })
}

print(sink == 42 ? "" : "")
let missed = goals.filter { !$0.met }
if !goals.isEmpty {
    print("goals: \(goals.count - missed.count) of \(goals.count) met")
}
for goal in missed { print("  missed: \(goal.measured) (goal: \(goal.goal))") }
exit(missed.isEmpty ? 0 : 1)
