// Feeds arbitrary bytes to the notebook as lines of cells. Built with
// `make fuzz` (libFuzzer); built normally, it replays the files it is
// given, which is how a finding is reproduced:
//
//   swift run cell-fuzz Fuzz/corpus/cells/*
import Dispatch
import Foundation
import FuzzSupport
import Language
import Notebook

/// Runs one input: every line as a cell, then a save and a re-read of the session.
func runCells(_ bytes: UnsafeRawBufferPointer) {
    enterScratchFolder()
    let text = String(decoding: bytes, as: UTF8.self)
    let notebook = Notebook()
    // Commands that touch files stay out of fuzzing, however they are spelled.
    notebook.files.allowsFiles = false
    notebook.settings.width = 60
    // A long descent in the input (max: 1e12) is stopped, as Ctrl-C would.
    let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
    notebook.control = RunControl(shouldStop: { DispatchTime.now().uptimeNanoseconds > deadline })
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
        _ = notebook.submit(String(line))
    }
    let json = notebook.sessionJSON()
    guard (try? Session.read(json)) != nil else {
        fatalError("a notebook's own session could not be read back:\n\(json)")
    }
}

#if FUZZING
// libFuzzer's own main calls this for every input.
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runCells(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

// SwiftPM names an executable's entry point `cell_fuzz_main`; libFuzzer brings
// its own `main`, so this one only has to exist (the Makefile lets the two
// coexist) and hands over to libFuzzer in case it is the one called.
@_cdecl("cell_fuzz_main")
package func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzOne(data, size) }
}
#else
@main
struct CellFuzzReplay {
    static func main() { replayFiles(runCells) }
}
#endif
