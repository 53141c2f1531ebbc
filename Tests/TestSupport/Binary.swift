import Foundation
import Testing

/// Runs the built `descent` executable, which sits beside the test bundle.
package enum Binary {
    package struct Result {
        package var status: Int32
        package var stdout: String
        package var stderr: String

        /// The `--json` lines, parsed.
        package var jsonLines: [[String: Any]] {
            stdout.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }
        }
    }

    package static var url: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Linux the test runner is `…/debug/descentPackageTests.xctest`; on macOS a bundle deeper down.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("descent")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/descent")
    }

    /// Runs descent to its end; one that takes longer than `timeout` is killed and the test fails.
    package static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:],
                    directory: URL? = nil, timeout: TimeInterval = 120) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        let output = try Subprocess.run(url.path, arguments, environment: env, directory: directory?.path,
                                        input: Data(stdin.utf8), timeout: timeout)
        if output.timedOut { Issue.record("descent \(arguments) did not finish within \(Int(timeout)) s") }
        return Result(status: output.status,
                      stdout: String(decoding: output.stdout, as: UTF8.self),
                      stderr: String(decoding: output.stderr, as: UTF8.self))
    }

    /// Writes a script to a temporary file and returns its path.
    package static func script(_ text: String, name: String = "script.txt") throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A new, empty folder inside this run's, which is removed when the run ends.
    package static func temporaryDirectory() throws -> URL {
        _ = removesRootAtExit
        let directory = URL(fileURLWithPath: root).appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// The folder of this test run's files.
private let root = FileManager.default.temporaryDirectory.appendingPathComponent("descent-e2e-tests-\(getpid())").path
private let removesRootAtExit: Void = {
    atexit { try? FileManager.default.removeItem(atPath: root) }
}()
