import Foundation
import Testing

/// The programs tests run beside descent (python3, chromium, rsvg-convert),
/// found on `PATH`, and whether this run is CI's (where a test that cannot
/// run fails instead of being skipped).
package enum ExternalTools {
    package static let isCI = !["", "0", "false"].contains(ProcessInfo.processInfo.environment["CI", default: ""].lowercased())

    /// python3 as it is, whatever packages it has.
    package static let python3 = find("python3")

    package static func find(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// python3, when it has numpy, matplotlib, nbformat, nbconvert, ipykernel, jupyter_client and sympy.
    package static let python: String? = {
        guard let path = find("python3"),
              let check = try? Subprocess.run(path, ["-c", "import numpy, matplotlib, nbformat, nbconvert, ipykernel, jupyter_client, sympy"], timeout: 60),
              check.status == 0 else { return nil }
        return path
    }()
    package static let chromium = find("chromium") ?? find("chromium-browser")
    package static let rsvg = find("rsvg-convert")

    package static let canRun = (python != nil && chromium != nil && rsvg != nil) || isCI
    package static let skipReason: Comment = "python3 with numpy, matplotlib and Jupyter, chromium or rsvg-convert is missing, so the export tests cannot run (make test installs them)"

    /// The program's path; without it the test fails (it runs only when all are there, or under CI).
    package static func need(_ path: String?, _ what: String) throws -> String {
        guard let path else {
            Issue.record("\(what) is missing, so this export test cannot run (make test installs it)")
            throw CancellationError()
        }
        return path
    }

    /// `run` in `folder` (or a new one), its output and errors as one text.
    package static func runMerged(_ program: String, _ arguments: [String], in folder: URL? = nil) throws -> (Int32, String) {
        let result = try run(program, arguments, in: folder ?? Binary.temporaryDirectory(), timeout: 600)
        return (result.status, result.stdout + result.stderr)
    }

    package struct Result {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    package static func run(_ program: String, _ arguments: [String], in folder: URL, timeout: TimeInterval = 120,
                            environment extra: [String: String] = [:]) throws -> Result {
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["MPLBACKEND"] = "Agg"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["HOME"] = folder.path
        let output = try Subprocess.run(program, arguments, environment: environment, directory: folder.path, timeout: timeout)
        if output.timedOut { Issue.record("\(program) \(arguments.prefix(3)) did not finish within \(Int(timeout)) s") }
        return Result(status: output.status, stdout: String(decoding: output.stdout, as: UTF8.self),
                      stderr: String(decoding: output.stderr, as: UTF8.self))
    }

    /// Whether a PNG holds more than one colour: something was drawn.
    package static func isDrawn(_ png: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: png), let python else { return false }
        let check = "import sys, matplotlib.image as image; a = image.imread(sys.argv[1]); print(float(a.std()))"
        let result = try run(python, ["-c", check, png], in: URL(fileURLWithPath: png).deletingLastPathComponent())
        return (Double(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0.01
    }
}
