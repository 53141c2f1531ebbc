// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "descent",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "descent", targets: ["descent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The mathematics: expressions, printer, simplifier, derivatives and
        // their explanation, numeric derivatives, compilation.
        .target(name: "Calculus"),
        // Optimisers over compiled objectives; knows nothing of cells.
        .target(name: "Descent", dependencies: ["Calculus"]),
        // Text canvases and plots; knows nothing of cells.
        .target(name: "Plot"),
        // Files from outside, read safely: CSV tables of numbers, JSON, and
        // text made printable; knows nothing of cells.
        .target(name: "DataFiles"),
        // The cell language end to end: syntax, evaluation, the one table of
        // built-ins (with their help and options), and how values are shown.
        .target(name: "Language", dependencies: ["Calculus", "Descent", "Plot", "DataFiles"]),
        // A notebook's cells as Python (script and Jupyter notebook), as one
        // web page, and a plot as SVG. The Python helpers an export calls are
        // the .py files in Python/, carried in the executable as they are.
        .target(
            name: "Export",
            dependencies: ["Language", "Calculus", "Descent", "Plot", "DataFiles"],
            resources: [.embedInCode("Python/runtime.py"), .embedInCode("Python/plots.py")]
        ),
        // Cells, their dependency graph, re-runs, undo and commands; files
        // (session JSON, atomic writes, recovery) in Files/.
        .target(name: "Notebook", dependencies: ["Language", "Export", "DataFiles", "Calculus", "Descent", "Plot"]),
        // libedit, reached through small non-variadic C wrappers.
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // The command: arguments, the REPL, scripts, and the kernel's protocol
        // (--serve); the Jupyter kernel that speaks it is Kernel/descent_kernel.py,
        // carried in the binary for `descent kernel install` to write out.
        .executableTarget(
            name: "descent",
            dependencies: [
                "Notebook", "Language", "DataFiles", "LineEditor", "Plot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.embedInCode("Kernel/descent_kernel.py")]
        ),
        // The speed benchmark: `swift run -c release descent-bench`.
        .executableTarget(name: "descent-bench", dependencies: ["Calculus", "Descent", "Language", "DataFiles", "Notebook", "Plot"]),
        // Fuzz targets (`make fuzz`); built normally they replay the files given.
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "cell-fuzz", dependencies: ["Notebook", "Language", "FuzzSupport"], path: "Fuzz/CellFuzz"),
        .executableTarget(name: "session-fuzz", dependencies: ["Notebook", "Language", "FuzzSupport"], path: "Fuzz/SessionFuzz"),
        // What the tests share: running the built binary and other programs,
        // the tmux driver for the REPL, and comparisons of numbers.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CalculusTests", dependencies: ["TestSupport", "Calculus", "Descent", "Language"]),
        .testTarget(name: "DescentTests", dependencies: ["TestSupport", "Descent", "Calculus", "Language"]),
        .testTarget(name: "DataFilesTests", dependencies: ["TestSupport", "DataFiles"]),
        .testTarget(name: "LanguageTests", dependencies: ["TestSupport", "Language", "Calculus", "DataFiles"]),
        .testTarget(name: "ExportTests", dependencies: ["TestSupport", "Export", "Language", "Calculus", "DataFiles"]),
        .testTarget(name: "PlotTests", dependencies: ["TestSupport", "Plot"]),
        .testTarget(name: "NotebookTests", dependencies: ["TestSupport", "Notebook", "Language", "DataFiles"]),
        .testTarget(name: "LineEditorTests", dependencies: ["TestSupport", "LineEditor"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "descent", "cell-fuzz", "session-fuzz"]),
    ]
)
