// What the fuzz targets share: replaying files, and starting libFuzzer.
import Foundation

/// Moves the process into a new empty folder of its own, removed when it
/// exits, so that nothing a fuzz input does can touch the files of the
/// folder it was started in. Safe to call for every input: only the first
/// call moves.
package func enterScratchFolder() {
    _ = scratchFolder
}

private let scratchFolder: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    guard FileManager.default.changeCurrentDirectoryPath(path) else {
        fatalError("cannot enter the scratch folder \(path)")
    }
    atexit { try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-\(getpid())").path) }
    return path
}()

/// Runs `body` on each file named on the command line, printing `ok` for
/// each that returns (a failure stops with its message and backtrace).
package func replayFiles(_ body: (UnsafeRawBufferPointer) -> Void) {
    // The inputs are read by their paths as given, before leaving the folder they are relative to.
    let inputs = CommandLine.arguments.dropFirst().map { ($0, FileManager.default.contents(atPath: $0)) }
    enterScratchFolder()
    for (path, data) in inputs {
        guard let data else {
            print("cannot read \(path)")
            continue
        }
        data.withUnsafeBytes { body($0) }
        print("ok \(path)")
    }
}

#if FUZZING
/// Hands the command line to libFuzzer, which calls `callback` with each input.
/// Only for builds with `-sanitize=fuzzer` (`make fuzz`), which link libFuzzer.
package func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
