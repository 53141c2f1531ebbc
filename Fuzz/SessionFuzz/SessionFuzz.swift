// Feeds arbitrary bytes to the session loader. Built with `make fuzz`
// (libFuzzer); built normally, it replays the files it is given:
//
//   swift run session-fuzz Fuzz/corpus/sessions/*
import Dispatch
import Foundation
import FuzzSupport
import Language
import Notebook

/// Reads one input as a session; one that is accepted must load, save and
/// read back with every cell's source, and with the outputs it showed.
func runSession(_ bytes: UnsafeRawBufferPointer) {
    enterScratchFolder()
    let text = String(decoding: bytes, as: UTF8.self)
    guard let contents = try? Session.read(text) else { return }
    let notebook = Notebook()
    notebook.files.allowsFiles = false
    let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
    notebook.control = RunControl(shouldStop: { DispatchTime.now().uptimeNanoseconds > deadline })
    _ = notebook.load(contents)
    let saved = notebook.sessionJSON()
    guard let again = try? Session.read(saved) else {
        fatalError("an accepted session could not be read back after a save:\n\(saved)")
    }
    // The notebook keeps cells in the order of their ids, which a file need not follow.
    let byID = zip(contents.ids, contents.sources).sorted { $0.0 < $1.0 }.map(\.1)
    guard again.sources == byID else {
        fatalError("an accepted session's sources did not survive a save:\n\(saved)")
    }
    guard again.outputs == notebook.orderedCells.map({ Optional($0.output) }) else {
        fatalError("an accepted session's outputs did not survive a save:\n\(saved)")
    }
}

#if FUZZING
// libFuzzer's own main calls this for every input.
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runSession(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

// SwiftPM names an executable's entry point `session_fuzz_main`; libFuzzer brings
// its own `main`, so this one only has to exist (the Makefile lets the two
// coexist) and hands over to libFuzzer in case it is the one called.
@_cdecl("session_fuzz_main")
package func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzOne(data, size) }
}
#else
@main
struct SessionFuzzReplay {
    static func main() { replayFiles(runSession) }
}
#endif
