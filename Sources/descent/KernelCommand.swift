import Foundation

/// `descent kernel install [--user | --prefix DIR]`: makes descent a
/// Jupyter kernel. It writes the kernel spec `descent` (kernel.json and the
/// small Python kernel, Kernel/descent_kernel.py, carried in this binary)
/// where Jupyter looks for kernels:
///
///     --user (the default)  $JUPYTER_DATA_DIR, or ~/.local/share/jupyter, /kernels/descent
///     --prefix DIR          DIR/share/jupyter/kernels/descent (a virtual environment, say)
///
/// The kernel runs on ipykernel, which every Jupyter installs; the Python
/// that has it is found now and written into kernel.json, with this
/// binary's path, so the kernel runs the descent that installed it.
enum KernelCommand {
    static let usage = "usage: descent kernel install [--user | --prefix DIR]"

    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.first == "install" else {
            return fail(arguments.first.map { "no kernel command '\($0)'; \(usage)" } ?? usage, status: 2)
        }
        var folder: String?
        var rest = Array(arguments.dropFirst())[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--user": folder = userFolder()
            case "--prefix":
                guard let prefix = rest.popFirst(), !prefix.hasPrefix("-") else { return fail("--prefix needs a folder; \(usage)", status: 2) }
                folder = (prefix as NSString).expandingTildeInPath + "/share/jupyter"
            case "-h", "--help":
                print(usage + "\nWrites the Jupyter kernel spec 'descent' for your user (the default) or under a prefix.")
                return 0
            default:
                return fail("unknown option '\(argument)'; \(usage)", status: 2)
            }
        }
        guard let data = folder ?? userFolder() else {
            return fail("no home folder to install the kernel in; use --prefix DIR")
        }
        guard let python = pythonWithIPykernel() else {
            return fail("the descent kernel runs on ipykernel, which comes with Jupyter, and no python3 on the PATH has it; "
                        + "install Jupyter (python3 -m pip install jupyterlab) and run this again")
        }
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let kernel = data + "/kernels/descent"
        let spec: [String: Any] = [
            "argv": [python, "{resource_dir}/descent_kernel.py", "-f", "{connection_file}"],
            "display_name": "descent",
            "language": "descent",
            "interrupt_mode": "signal",
            "env": ["DESCENT_BINARY": binary],
        ]
        do {
            try FileManager.default.createDirectory(atPath: kernel, withIntermediateDirectories: true)
            let json = try JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try json.write(to: URL(fileURLWithPath: kernel + "/kernel.json"), options: .atomic)
            try Data(PackageResources.descent_kernel_py).write(to: URL(fileURLWithPath: kernel + "/descent_kernel.py"), options: .atomic)
        } catch {
            return fail("cannot write the kernel in \(kernel): \(error.localizedDescription)")
        }
        print("installed the descent kernel in \(kernel)")
        print("it runs \(binary) --serve through \(python); jupyter kernelspec list shows it, and JupyterLab offers it as descent")
        return 0
    }

    /// Jupyter's data folder for this user: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter.
    static func userFolder() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return data }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/jupyter" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/share/jupyter"
    }

    /// The first python3 (or python) on the PATH that can import ipykernel, as the absolute path of the interpreter.
    static func pythonWithIPykernel() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            for name in ["python3", "python"] {
                let candidate = "\(folder)/\(name)"
                guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
                // The interpreter itself, not a wrapper such as pyenv's shim, which may pick another later.
                let check = Process()
                let output = Pipe()
                check.executableURL = URL(fileURLWithPath: candidate)
                check.arguments = ["-c", "import ipykernel, sys; print(sys.executable)"]
                check.standardOutput = output
                check.standardError = FileHandle.nullDevice
                guard (try? check.run()) != nil else { continue }
                let printed = output.fileHandleForReading.readDataToEndOfFile()
                check.waitUntilExit()
                let executable = String(decoding: printed, as: UTF8.self).trimmingWhitespace
                if check.terminationStatus == 0 { return executable.hasPrefix("/") ? executable : candidate }
            }
        }
        return nil
    }

    private static func fail(_ message: String, status: Int32 = 1) -> Int32 {
        FileHandle.standardError.write(Data("descent: \(message)\n".utf8))
        return status
    }
}
