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
        // The cell language end to end: syntax, evaluation, the one table of
        // built-ins (with their help and options), and how values are shown.
        // Export/Python holds the helpers exported notebooks call, carried as text in PythonRuntime+Source.swift.
        .target(name: "Language", dependencies: ["Calculus", "Descent", "Plot"], exclude: ["Export/Python"]),
        // Cells, their dependency graph, re-runs, undo and commands; files
        // (session JSON, atomic writes, recovery, export) in Files/.
        .target(name: "Notebook", dependencies: ["Language", "Calculus", "Descent", "Plot"]),
        // libedit, reached through small non-variadic C wrappers.
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        .executableTarget(
            name: "descent",
            dependencies: [
                "Notebook", "Language", "LineEditor", "Plot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The speed benchmark: `swift run -c release descent-bench`.
        .executableTarget(name: "descent-bench", dependencies: ["Calculus", "Descent", "Language", "Notebook", "Plot"]),
        // Fuzz targets (`make fuzz`); built normally they replay the files given.
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "cell-fuzz", dependencies: ["Notebook", "Language", "FuzzSupport"], path: "Fuzz/CellFuzz"),
        .executableTarget(name: "session-fuzz", dependencies: ["Notebook", "Language", "FuzzSupport"], path: "Fuzz/SessionFuzz"),
        .testTarget(name: "CalculusTests", dependencies: ["Calculus", "Descent", "Language"]),
        .testTarget(name: "DescentTests", dependencies: ["Descent", "Calculus", "Language"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "Calculus"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Language"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
        .testTarget(name: "EndToEndTests", dependencies: ["descent", "cell-fuzz", "session-fuzz"]),
    ]
)
