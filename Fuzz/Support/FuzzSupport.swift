// What the fuzz targets share: replaying files, and starting libFuzzer.
import Foundation

/// Runs `body` on each file named on the command line, printing `ok` for
/// each that returns (a failure stops with its message and backtrace).
public func replayFiles(_ body: (UnsafeRawBufferPointer) -> Void) {
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
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
public func runFuzzer(
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
