// CSVReader.swift: reads numeric CSV files that have a header row.
//
// We read CSV ourselves instead of using a CSV package because those packages build a String for every
// field (and an array of strings for every row) before converting it, which costs several times the time
// and memory of the numbers themselves. This reader streams the file through small buffers, converts
// each number straight from its bytes (correctly rounded, identical to `Double(String)`), and writes it
// directly into columns that are allocated once, at their final size.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A table read from CSV: column names in order and one array of numbers per column.
package struct CSVTable: Sendable {
    package var names: [String]
    package var columns: [[Double]]
    package var rowCount: Int { columns.first?.count ?? 0 }
}

/// Why a file could not be read. `line` counts from 1 (the header is line 1); `column` is the column's name from the header when known.
package struct CSVError: Error, Sendable, Equatable {
    package var message: String   // a sentence a learner understands, e.g. "line 7, column y: 'abc' is not a number"
    package var line: Int?
    package var column: String?
    /// Whether there is no file at the path (which then says where it was looked for).
    package var isMissingFile = false
    /// Whether the message names the file itself (its path, escaped), so
    /// that whoever shows it need not add the name.
    package var namesFile = false

    package init(message: String, namesFile: Bool = false, line: Int?, column: String?, isMissingFile: Bool = false) {
        self.message = message
        self.namesFile = namesFile
        self.line = line
        self.column = column
        self.isMissingFile = isMissingFile
    }
}

package enum CSVReader {
    /// Files larger than this are refused with a size message before any of them is read.
    package static let maximumBytes = 1 << 30   // 1 GiB

    /// Reads the file at `path`, a regular file: a folder, FIFO, socket or
    /// device is refused at once (a FIFO would wait for a writer forever,
    /// `/dev/zero` would never end), and so is a file over the size limit,
    /// before any of it is read. `shouldStop` (Ctrl-C) is asked between
    /// blocks, so a long load stops within one block's reading.
    package static func read(path: String, shouldStop: @escaping @Sendable () -> Bool = { false }) throws(CSVError) -> CSVTable {
        var info = stat()
        if stat(path, &info) != 0 {
            throw openError(path: path, errno: errno)
        }
        try requireRegular(info, path: path)
        let size = Int(info.st_size)
        if size > maximumBytes {
            throw CSVError(message: "\(PrintableText.escaped(path)) is \(describeSize(size)); descent reads CSV files of up to 1 GB", namesFile: true,
                           line: nil, column: nil)
        }

        // Non-blocking, so that a file swapped for a FIFO since the look above cannot hang the open.
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } while fd < 0 && errno == EINTR
        if fd < 0 { throw openError(path: path, errno: errno) }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else { throw openError(path: path, errno: errno) }
        try requireRegular(opened, path: path)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif

        if try linesEndWithCarriageReturnsOnly(fd: fd, size: size) {
            return try readOldMacFile(fd: fd, size: size, path: path)
        }
        if size >= TwoParts.minimumBytes && processorCount() >= 2,
           let table = try TwoParts.read(fd: fd, size: size, path: path, shouldStop: shouldStop) {
            return table
        }
        return try readSequentially(fd: fd, path: path, positional: true, shouldStop: shouldStop)
    }

    /// Refuses whatever is not a regular file, naming what it is.
    static func requireRegular(_ info: stat, path: String) throws(CSVError) {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a FIFO (a pipe with a name)"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR, S_IFBLK: kind = "a device"
        default: kind = "not a regular file"
        }
        throw CSVError(message: "\(PrintableText.escaped(path)) is \(kind), not a CSV file; csv() reads regular files", namesFile: true, line: nil, column: nil)
    }

    /// Whether the file's lines end with a lone `\r` (as old Mac files do):
    /// its first 64 kB hold a carriage return and no line feed.
    static func linesEndWithCarriageReturnsOnly(fd: Int32, size: Int) throws(CSVError) -> Bool {
        let length = min(size, 1 << 16)
        guard length > 0 else { return false }
        var head = [UInt8](repeating: 0, count: length)
        let got = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, 0) }
        guard got > 0 else { return false }
        let bytes = head.prefix(got)
        return bytes.contains(carriageReturn) && !bytes.contains(newline)
    }

    /// A file whose lines end with `\r` alone: read whole, each `\r` made a
    /// line feed, then parsed as any other. Such files are small and rare,
    /// so they do not get the fast path.
    static func readOldMacFile(fd: Int32, size: Int, path: String) throws(CSVError) -> CSVTable {
        var bytes = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, size - got, off_t(got)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw CSVError(message: "cannot read \(PrintableText.escaped(path)): \(describeErrno(errno))", namesFile: true, line: nil, column: nil) }
            if n == 0 { break }
            got += n
        }
        for i in 0..<got where bytes[i] == carriageReturn { bytes[i] = newline }
        var result: Result<CSVTable, CSVError> = .failure(CSVError(message: "\(PrintableText.escaped(path)) could not be read", namesFile: true, line: nil, column: nil))
        bytes.prefix(got).withUnsafeBytes { raw in
            do throws(CSVError) { result = .success(try parse(raw, name: path)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Parses bytes already in memory (for tests and inline use); `name` is used in messages.
    package static func parse(_ bytes: UnsafeRawBufferPointer, name: String) throws(CSVError) -> CSVTable {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return try SequentialLoader(expectedRows: 0).finish()
        }
        let start = base.assumingMemoryBound(to: UInt8.self)
        let end = start + bytes.count
        let lines = countNewlines(start, bytes.count) + (end[-1] == newline ? 0 : 1)
        var loader = SequentialLoader(expectedRows: max(lines - 1, 0))
        try loader.feed(start, end, atFileStart: true)
        return try loader.finish()
    }

    /// One thread, one buffer. For a regular file a first pass counts the lines so that the columns are
    /// allocated once at their final size; a pipe is read once, and its columns grow as needed.
    static func readSequentially(fd: Int32, path: String, positional: Bool,
                                 shouldStop: @escaping @Sendable () -> Bool = { false }) throws(CSVError) -> CSVTable {
        var stream = ChunkReader(fd: fd, path: path, from: 0, to: Int.max, positional: positional, shouldStop: shouldStop)
        defer { stream.deallocate() }
        var expectedRows = 0
        if positional {
            expectedRows = max(try stream.countLines() - 1, 0)
        }
        var loader = SequentialLoader(expectedRows: expectedRows)
        var atStart = true
        try stream.forEachBlock { (start, end) throws(CSVError) in
            try loader.feed(start, end, atFileStart: atStart)
            atStart = false
        }
        return try loader.finish()
    }

    // MARK: - File helpers

    static func openError(path: String, errno code: Int32) -> CSVError {
        switch code {
        case ENOENT, ENOTDIR:
            return CSVError(message: "no such file: \(PrintableText.escaped(path))", namesFile: true, line: nil, column: nil, isMissingFile: true)
        case EISDIR:
            return CSVError(message: "\(PrintableText.escaped(path)) is a folder, not a CSV file", namesFile: true, line: nil, column: nil)
        default:
            return CSVError(message: "cannot read \(PrintableText.escaped(path)): \(describeErrno(code))", namesFile: true, line: nil, column: nil)
        }
    }

    static func describeErrno(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// "2.0 GB": gigabytes (2^30 bytes) with one decimal, rounded up so a size over the limit never reads as the limit.
    static func describeSize(_ bytes: Int) -> String {
        let gib = 1 << 30
        let tenths = bytes / gib * 10 + ((bytes % gib) * 10 + gib - 1) / gib
        return "\(tenths / 10).\(tenths % 10) GB"
    }

    static func processorCount() -> Int {
        #if os(Linux)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
    }
}

// MARK: - Reading a file in blocks of whole lines

private let newline = UInt8(ascii: "\n")

/// Counts '\n' bytes, 32 at a time: a lane of the comparison is all ones (-1) where the byte is '\n',
/// so subtracting it adds 1 to that lane's count; lanes are summed before they could overflow (255 rounds).
private func countNewlines(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
    let raw = UnsafeRawPointer(p)
    let newlines = SIMD32<UInt8>(repeating: newline)
    var total = 0
    var i = 0
    while i + 32 <= count {
        var lanes = SIMD32<UInt8>()
        var rounds = 0
        while rounds < 255 && i + 32 <= count {
            let bytes = raw.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
            lanes &-= unsafeBitCast(bytes .== newlines, to: SIMD32<UInt8>.self)
            i += 32
            rounds += 1
        }
        for k in 0..<32 { total += Int(lanes[k]) }
    }
    while i < count {
        if p[i] == newline { total += 1 }
        i += 1
    }
    return total
}

/// Reads bytes `from..<to` of a file through one buffer and hands out blocks that end at a line boundary, so
/// no line is ever split between two blocks. The buffer only grows when a single line is longer than it.
/// Regular files are read with `pread` (so two readers can share a descriptor); pipes with `read`.
private struct ChunkReader {
    let fd: Int32
    let path: String
    var offset: Int
    let limit: Int
    let positional: Bool
    var capacity: Int
    var buffer: UnsafeMutablePointer<UInt8>
    let shouldStop: @Sendable () -> Bool

    init(fd: Int32, path: String, from: Int, to: Int, positional: Bool, capacity: Int = 256 * 1024,
         shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.fd = fd
        self.shouldStop = shouldStop
        self.path = path
        offset = from
        limit = to
        self.positional = positional
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    func deallocate() { buffer.deallocate() }

    /// Reads up to `count` bytes at `into`; returns 0 at the end of the range or of the file.
    mutating func readSome(into: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVError) -> Int {
        let wanted = min(count, limit - offset)
        if wanted <= 0 { return 0 }
        if shouldStop() {
            throw CSVError(message: "the reading of \(PrintableText.escaped(path)) was interrupted", namesFile: true, line: nil, column: nil)
        }
        while true {
            let n = positional ? pread(fd, into, wanted, off_t(offset)) : read(fd, into, wanted)
            if n >= 0 {
                offset += n
                if offset > CSVReader.maximumBytes {
                    throw CSVError(message: "\(PrintableText.escaped(path)) is larger than 1 GB; descent reads CSV files of up to 1 GB", namesFile: true,
                                   line: nil, column: nil)
                }
                return n
            }
            if errno == EINTR { continue }
            throw CSVError(message: "cannot read \(PrintableText.escaped(path)): \(CSVReader.describeErrno(errno))", namesFile: true, line: nil, column: nil)
        }
    }

    /// The number of lines in the range (a last line without '\n' counts too); the range is then read again
    /// from its start.
    mutating func countLines() throws(CSVError) -> Int {
        let start = offset
        var newlines = 0
        var last: UInt8 = newline
        while true {
            let n = try readSome(into: buffer, count: capacity)
            if n == 0 { break }
            newlines += countNewlines(buffer, n)
            last = buffer[n - 1]
        }
        offset = start
        return newlines + (last == newline ? 0 : 1)
    }

    mutating func forEachBlock(_ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>) throws(CSVError) -> Void) throws(CSVError) {
        var filled = 0
        var atEnd = false
        while true {
            while filled < capacity && !atEnd {
                let n = try readSome(into: buffer + filled, count: capacity - filled)
                if n == 0 { atEnd = true } else { filled += n }
            }
            var blockLength = filled
            if !atEnd {
                // End the block after the last '\n' in the buffer.
                var i = filled - 1
                while i >= 0 && buffer[i] != newline { i -= 1 }
                if i < 0 {
                    // One line fills the whole buffer: make room for more of it.
                    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                    bigger.update(from: buffer, count: filled)
                    buffer.deallocate()
                    buffer = bigger
                    capacity *= 2
                    continue
                }
                blockLength = i + 1
            }
            try body(UnsafePointer(buffer), UnsafePointer(buffer + blockLength))
            if atEnd { return }
            let rest = filled - blockLength
            if rest > 0 { memmove(buffer, buffer + blockLength, rest) }
            filled = rest
        }
    }
}

// MARK: - Reading a large file in two halves at once

/// A large regular file is read by two threads: the header first, then each half of the data (split at a line
/// boundary) is counted and parsed by its own thread, straight into its own rows of the final columns.
private enum TwoParts {
    static let minimumBytes = 1 << 20
    static let maximumColumns = 256   // the columns are set up by nested calls, one per column

    /// One half of the data. A thread only touches its own `Part`, and its own rows of the columns,
    /// which is why sharing these objects (and the raw pointers in them) between threads is safe.
    final class Part: @unchecked Sendable {
        let start: Int
        let end: Int
        var lines = 0                 // lines in the part: room for that many rows
        var firstLine = 0             // the number of its first line in the file
        var columns: [UnsafeMutablePointer<Double>] = []   // where its first row goes, in each column
        var rows = 0
        var error: CSVError?

        init(start: Int, end: Int) { self.start = start; self.end = end }

        func count(fd: Int32, path: String, shouldStop: @escaping @Sendable () -> Bool) {
            var stream = ChunkReader(fd: fd, path: path, from: start, to: end, positional: true, shouldStop: shouldStop)
            defer { stream.deallocate() }
            do throws(CSVError) { lines = try stream.countLines() } catch { self.error = error }
        }

        func parse(fd: Int32, path: String, names: [String], shouldStop: @escaping @Sendable () -> Bool) {
            var stream = ChunkReader(fd: fd, path: path, from: start, to: end, positional: true, shouldStop: shouldStop)
            defer { stream.deallocate() }
            var loader = Loader(names: names, line: firstLine)
            var sink = PointerSink(columns: columns, capacity: lines)
            do throws(CSVError) {
                try stream.forEachBlock { (blockStart, blockEnd) throws(CSVError) in
                    try loader.readRows(blockStart, blockEnd, into: &sink)
                }
                if sink.overflowed {
                    throw CSVError(message: "cannot read \(PrintableText.escaped(path)): the file changed while it was being read", namesFile: true, line: nil, column: nil)
                }
                rows = loader.rows
            } catch {
                self.error = error
            }
        }
    }

    /// Returns `nil` when the file does not split well (header beyond the first MiB, no line break near
    /// the middle, very many columns); the caller then reads it with one thread.
    static func read(fd: Int32, size: Int, path: String, shouldStop: @escaping @Sendable () -> Bool) throws(CSVError) -> CSVTable? {
        // The header, from the whole lines in the first MiB.
        var loader = Loader(names: [], line: 1)
        let headerEnd: Int
        do {
            let headLength = min(size, 1 << 20)
            var head = ChunkReader(fd: fd, path: path, from: 0, to: headLength, positional: true, capacity: headLength)
            defer { head.deallocate() }
            var got = 0
            while got < headLength {
                let n = try head.readSome(into: head.buffer + got, count: headLength - got)
                if n == 0 { break }
                got += n
            }
            var wholeLines = got
            while wholeLines > 0 && head.buffer[wholeLines - 1] != newline { wholeLines -= 1 }
            let dataStart = try loader.readHeader(head.buffer, head.buffer + wholeLines, atFileStart: true)
            guard loader.haveHeader, loader.names.count <= maximumColumns else { return nil }
            headerEnd = dataStart - UnsafePointer(head.buffer)
        }

        // Split at the first line break after the middle.
        let split: Int
        do {
            let middle = max(headerEnd, size / 2)
            var probe = ChunkReader(fd: fd, path: path, from: middle, to: size, positional: true, capacity: 1 << 16)
            defer { probe.deallocate() }
            let probed = try probe.readSome(into: probe.buffer, count: probe.capacity)
            guard let found = memchr(probe.buffer, Int32(newline), probed) else { return nil }
            split = middle + UnsafeMutableRawPointer(probe.buffer).distance(to: found) + 1
            guard split < size else { return nil }
        }

        let parts = [Part(start: headerEnd, end: split), Part(start: split, end: size)]
        DispatchQueue.concurrentPerform(iterations: 2) { i in parts[i].count(fd: fd, path: path, shouldStop: shouldStop) }
        for part in parts { if let error = part.error { throw error } }
        parts[0].firstLine = loader.line
        parts[1].firstLine = loader.line + parts[0].lines   // part 0 ends with '\n', so its lines are its '\n's

        let names = loader.names
        var failure: CSVError?
        let columns = makeColumns(width: names.count, capacity: parts[0].lines + parts[1].lines) { pointers in
            for (part, firstRow) in zip(parts, [0, parts[0].lines]) {
                part.columns = pointers.map { $0 + firstRow }
            }
            DispatchQueue.concurrentPerform(iterations: 2) { i in parts[i].parse(fd: fd, path: path, names: names, shouldStop: shouldStop) }
            if let error = parts[0].error ?? parts[1].error {     // the first error in the file
                failure = error
                return 0
            }
            // Blank lines in the first half leave a gap before the second half's rows: close it.
            if parts[0].rows < parts[0].lines && parts[1].rows > 0 {
                for column in pointers {
                    memmove(column + parts[0].rows, column + parts[0].lines, parts[1].rows * MemoryLayout<Double>.stride)
                }
            }
            return parts[0].rows + parts[1].rows
        }
        if let failure { throw failure }
        if columns.first?.isEmpty ?? true {
            throw CSVError(message: "the file has a header but no rows of numbers", line: nil, column: nil)
        }
        return CSVTable(names: names, columns: columns)
    }

    /// Makes `width` arrays with room for `capacity` doubles, lets `fill` write into them through pointers,
    /// and keeps the first n values of each, where n is what `fill` returns. The calls are nested, one per
    /// column, because an array's storage can be written through a pointer only inside its initializer.
    static func makeColumns(width: Int, capacity: Int, fill: ([UnsafeMutablePointer<Double>]) -> Int) -> [[Double]] {
        var columns: [[Double]] = []
        var pointers: [UnsafeMutablePointer<Double>] = []
        func nest(_ j: Int) -> Int {
            if j == width { return fill(pointers) }
            var kept = 0
            let column = [Double](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
                pointers.append(buffer.baseAddress!)
                kept = nest(j + 1)
                count = kept
            }
            columns.append(column)
            return kept
        }
        _ = nest(0)
        columns.reverse()
        return columns
    }
}

// MARK: - The parser

private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let comma = UInt8(ascii: ",")
private let carriageReturn = UInt8(ascii: "\r")
private let quote = UInt8(ascii: "\"")

@inline(__always) private func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }

/// Where parsed rows go: `take` receives a row-major buffer holding `rows` complete rows.
private protocol RowSink {
    mutating func take(_ scratch: UnsafeMutablePointer<Double>, rows: Int, width: Int)
}

/// Appends rows to growing (but usually reserved in advance) arrays.
private struct AppendSink: RowSink {
    var columns: [[Double]]

    init(width: Int, reserve: Int) {
        columns = (0..<width).map { _ in
            var column: [Double] = []
            column.reserveCapacity(reserve)
            return column
        }
    }

    mutating func take(_ scratch: UnsafeMutablePointer<Double>, rows: Int, width: Int) {
        for j in 0..<width {
            columns[j].append(contentsOf: Strided(base: scratch + j, stride: width, count: rows))
        }
    }

    /// Every `stride`-th value from `base`: one column of the scratch buffer.
    struct Strided: Sequence, IteratorProtocol {
        var base: UnsafeMutablePointer<Double>
        let stride: Int
        var count: Int
        var underestimatedCount: Int { count }
        mutating func next() -> Double? {
            if count == 0 { return nil }
            let value = base.pointee
            base += stride
            count -= 1
            return value
        }
    }
}

/// Writes rows into columns allocated in advance, refusing to go past `capacity` rows.
private struct PointerSink: RowSink {
    let columns: [UnsafeMutablePointer<Double>]
    let capacity: Int
    var row = 0
    var overflowed = false

    mutating func take(_ scratch: UnsafeMutablePointer<Double>, rows: Int, width: Int) {
        guard !overflowed && row + rows <= capacity else { overflowed = true; return }
        for j in 0..<width {
            let column = columns[j] + row
            var source = scratch + j
            for r in 0..<rows {
                column[r] = source.pointee
                source += width
            }
        }
        row += rows
    }
}

/// The sequential reader's state between blocks: before the header, and after it.
private struct SequentialLoader {
    let expectedRows: Int
    var loader = Loader(names: [], line: 1)
    var sink = AppendSink(width: 0, reserve: 0)

    init(expectedRows: Int) { self.expectedRows = expectedRows }

    mutating func feed(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, atFileStart: Bool) throws(CSVError) {
        var p = start
        if !loader.haveHeader {
            p = try loader.readHeader(start, end, atFileStart: atFileStart)
            if !loader.haveHeader { return }
            sink = AppendSink(width: loader.names.count, reserve: expectedRows)
        }
        if p < end {
            try loader.readRows(p, end, into: &sink)
        }
    }

    func finish() throws(CSVError) -> CSVTable {
        if !loader.haveHeader {
            throw CSVError(message: "the file is empty: it needs a header row naming the columns, such as x,y", line: nil, column: nil)
        }
        if loader.rows == 0 {
            throw CSVError(message: "the file has a header but no rows of numbers", line: nil, column: nil)
        }
        return CSVTable(names: loader.names, columns: sink.columns)
    }
}

/// Reads the header and rows of numbers from blocks of whole lines (the last line of the file may lack its '\n').
private struct Loader {
    var names: [String]
    var haveHeader: Bool
    var line: Int          // the number of the line that starts at the next unread byte
    var rows = 0
    let tables = NumberTables.shared

    init(names: [String], line: Int) {
        self.names = names
        self.line = line
        haveHeader = !names.isEmpty
    }

    /// Skips a byte-order mark at the start of the file and blank lines, then reads the header line.
    /// Returns where the data rows begin, or `end` if the block held no header.
    mutating func readHeader(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, atFileStart: Bool) throws(CSVError) -> UnsafePointer<UInt8> {
        var p = start
        if atFileStart && end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3 }
        while !haveHeader && p < end {
            let lineEnd = Loader.endOfLine(p, end)
            let content = Loader.trimCR(p, lineEnd)
            if !Loader.isBlankLine(p, content) {
                try readNames(p, content)
                haveHeader = true
            }
            p = lineEnd < end ? lineEnd + 1 : end
            line += 1
        }
        return p
    }

    static func endOfLine(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        guard let found = memchr(p, Int32(newline), end - p) else { return end }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
    }

    static func trimCR(_ p: UnsafePointer<UInt8>, _ lineEnd: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        lineEnd > p && lineEnd[-1] == carriageReturn ? lineEnd - 1 : lineEnd
    }

    static func isBlankLine(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var q = p
        while q < end { if !isBlank(q.pointee) { return false }; q += 1 }
        return true
    }

    /// Splits `start..<end` at commas and trims spaces and tabs from each piece.
    static func fields(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        var result: [UnsafeBufferPointer<UInt8>] = []
        var p = start
        while true {
            var fieldEnd = p
            while fieldEnd < end && fieldEnd.pointee != comma { fieldEnd += 1 }
            var a = p, b = fieldEnd
            while a < b && isBlank(a.pointee) { a += 1 }
            while b > a && isBlank(b[-1]) { b -= 1 }
            result.append(UnsafeBufferPointer(start: a, count: b - a))
            if fieldEnd == end { return result }
            p = fieldEnd + 1
        }
    }

    static func isUTF8(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        String(validating: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self) != nil
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A field as it appears in a message: at most 40 characters, control characters written as escapes.
    static func shown(_ field: UnsafeBufferPointer<UInt8>) -> String {
        let scalars = Loader.text(field).unicodeScalars
        var text = String(String.UnicodeScalarView(scalars.prefix(40)))
        // A tab in a field is shown too: in a message it would look like spaces.
        text = PrintableText.escaped(text).replacingOccurrences(of: "\t", with: "\\t")
        return scalars.count > 40 ? text + "…" : text
    }

    mutating func readNames(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) throws(CSVError) {
        if !Loader.isUTF8(start, end) {
            throw CSVError(message: "line \(line): the file is not UTF-8 text", line: line, column: nil)
        }
        var seen = Set<String>()
        for (index, field) in Loader.fields(start, end).enumerated() {
            var bytes = field
            if bytes.count >= 2 && bytes.first == UInt8(ascii: "\"") && bytes.last == UInt8(ascii: "\"") {
                var a = bytes.baseAddress! + 1, b = bytes.baseAddress! + bytes.count - 1
                while a < b && isBlank(a.pointee) { a += 1 }
                while b > a && isBlank(b[-1]) { b -= 1 }
                bytes = UnsafeBufferPointer(start: a, count: b - a)
            }
            let name = Loader.text(bytes)
            if bytes.isEmpty {
                throw CSVError(message: "line \(line): column \(index + 1) has no name", line: line, column: nil)
            }
            if let first = bytes.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
                throw CSVError(message: "line \(line): '\(Loader.shown(bytes))' cannot be a column name: names start with a letter",
                               line: line, column: name)
            }
            // The rules of cell names: ASCII letters, digits and _, and Greek letters (θ, α) but not π.
            for c in name.unicodeScalars where !(c == "_" || (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)))
                                                 || ((0x0391...0x03A9).contains(c.value) || (0x03B1...0x03C9).contains(c.value)) && c != "π") {
                throw CSVError(message: "line \(line): '\(Loader.shown(bytes))' cannot be a column name: names use only letters (Greek ones too), digits and _",
                               line: line, column: name)
            }
            if !seen.insert(name).inserted {
                throw CSVError(message: "line \(line): the name '\(name)' is used twice", line: line, column: name)
            }
            names.append(name)
        }
    }

    /// The hot loop: numbers go straight from the bytes into a small row-major scratch buffer, which is handed
    /// to `sink` every few thousand rows. Anything unexpected hands the line to `lineError`, which works out
    /// exactly what is wrong with it.
    mutating func readRows<Sink: RowSink>(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into sink: inout Sink) throws(CSVError) {
        let width = names.count
        let last = width - 1
        let rowsPerFlush = max(1, 8192 / width)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: rowsPerFlush * width)
        defer { scratch.deallocate() }
        var pending = 0                     // complete rows in scratch
        var slot = scratch
        let tables = self.tables
        var p = start
        var line = self.line
        var rows = self.rows
        defer { self.line = line; self.rows = rows }

        while p < end {
            let lineStart = p
            while p < end && isBlank(p.pointee) { p += 1 }
            if p == end { break }
            if p.pointee == newline { p += 1; line += 1; continue }
            if p.pointee == carriageReturn && (p + 1 == end || p[1] == newline) {
                p += p + 1 == end ? 1 : 2
                line += 1
                continue
            }
            var j = 0
            while true {
                // A number in quotes ("1") is the number, as spreadsheets write it.
                let quoted = p < end && p.pointee == quote
                if quoted {
                    p += 1
                    while p < end && isBlank(p.pointee) { p += 1 }
                }
                guard let value = scanNumber(&p, end, tables), value.isFinite else {
                    throw lineError(lineStart, end, line)
                }
                if quoted {
                    while p < end && isBlank(p.pointee) { p += 1 }
                    guard p < end && p.pointee == quote else { throw lineError(lineStart, end, line) }
                    p += 1
                }
                slot[j] = value
                while p < end && isBlank(p.pointee) { p += 1 }
                if j == last { break }
                guard p < end && p.pointee == comma else { throw lineError(lineStart, end, line) }
                p += 1
                while p < end && isBlank(p.pointee) { p += 1 }
                j += 1
            }
            if p < end {
                if p.pointee == newline {
                    p += 1
                } else if p.pointee == carriageReturn && (p + 1 == end || p[1] == newline) {
                    p += p + 1 == end ? 1 : 2
                } else {
                    throw lineError(lineStart, end, line)
                }
            }
            line += 1
            rows += 1
            pending += 1
            slot += width
            if pending == rowsPerFlush {
                sink.take(scratch, rows: pending, width: width)
                pending = 0
                slot = scratch
            }
        }
        if pending > 0 { sink.take(scratch, rows: pending, width: width) }
    }

    /// Explains what is wrong with the line at `lineStart`, in order: not UTF-8, wrong number of values, a bad value.
    @inline(never)
    func lineError(_ lineStart: UnsafePointer<UInt8>, _ blockEnd: UnsafePointer<UInt8>, _ line: Int) -> CSVError {
        let content = Loader.trimCR(lineStart, Loader.endOfLine(lineStart, blockEnd))
        if !Loader.isUTF8(lineStart, content) {
            return CSVError(message: "line \(line): the file is not UTF-8 text", line: line, column: nil)
        }
        let fields = Loader.fields(lineStart, content)
        if fields.count != names.count {
            let values = fields.count == 1 ? "1 value" : "\(fields.count) values"
            let columns = names.count == 1 ? "1 column" : "\(names.count) columns"
            return CSVError(message: "line \(line): \(values), but the header names \(columns)", line: line, column: nil)
        }
        for (j, field) in fields.enumerated() {
            let name = names[j]
            guard let a = field.baseAddress, field.count > 0 else {
                return CSVError(message: "line \(line), column \(name): the value is missing", line: line, column: name)
            }
            var p = a, fieldEnd = a + field.count
            if field.count >= 2 && a.pointee == quote && fieldEnd[-1] == quote {
                p += 1
                fieldEnd -= 1
                while p < fieldEnd && isBlank(p.pointee) { p += 1 }
                while fieldEnd > p && isBlank(fieldEnd[-1]) { fieldEnd -= 1 }
            }
            let value = scanNumber(&p, fieldEnd, tables)
            if value == nil || p != fieldEnd {
                return CSVError(message: "line \(line), column \(name): '\(Loader.shown(field))' is not a number",
                                line: line, column: name)
            }
            if let value, !value.isFinite {
                return CSVError(message: "line \(line), column \(name): '\(Loader.shown(field))' is not a finite number "
                                    + "(\(value.isNaN ? "nan" : "infinite, or beyond the largest double")); no model can be fitted through it",
                                line: line, column: name)
            }
        }
        return CSVError(message: "line \(line): this line could not be read", line: line, column: nil)
    }
}

// MARK: - Numbers

/// Powers of ten for the conversion: exact doubles 1e0...1e22, and 128-bit truncated significands
/// of 10^q for q in -348...347 (stored as high word, low word), computed once with exact integer arithmetic.
private struct NumberTables: Sendable {
    static let shared = NumberTables()
    static let minimumPower = -348
    static let maximumPower = 347

    let exact: [Double]
    let wide: [UInt64]

    init() {
        var exact: [Double] = [1]
        for _ in 1...22 { exact.append(exact[exact.count - 1] * 10) }   // every step is exact
        self.exact = exact

        var wide = [UInt64](repeating: 0, count: 2 * (Self.maximumPower - Self.minimumPower + 1))
        func store(_ q: Int, _ number: [UInt64]) {
            let (high, low) = NumberTables.top128(number)
            wide[2 * (q - Self.minimumPower)] = high
            wide[2 * (q - Self.minimumPower) + 1] = low
        }
        // 10^q for q >= 0, exactly, then its top 128 bits.
        var power: [UInt64] = [1]
        for q in 0...Self.maximumPower {
            if q > 0 {
                var carry: UInt64 = 0
                for i in power.indices {
                    let (high, low) = power[i].multipliedFullWidth(by: 10)
                    let (sum, overflow) = low.addingReportingOverflow(carry)
                    power[i] = sum
                    carry = high &+ (overflow ? 1 : 0)
                }
                if carry != 0 { power.append(carry) }
            }
            store(q, power)
        }
        // floor(2^1407 / 10^k) by repeated exact floor division, then its top 128 bits (= floor(2^b / 10^k)).
        var reciprocal = [UInt64](repeating: 0, count: 22)
        reciprocal[21] = 1 << 63
        for k in 1...(-Self.minimumPower) {
            var remainder: UInt64 = 0
            for i in reciprocal.indices.reversed() {
                let (quotient, r) = UInt64(10).dividingFullWidth((high: remainder, low: reciprocal[i]))
                reciprocal[i] = quotient
                remainder = r
            }
            store(-k, reciprocal)
        }
        self.wide = wide
    }

    /// The top 128 bits of a little-endian multi-word number, shifted so the highest bit is set.
    static func top128(_ words: [UInt64]) -> (UInt64, UInt64) {
        var top = words.count - 1
        while top > 0 && words[top] == 0 { top -= 1 }
        func word(_ i: Int) -> UInt64 { i >= 0 ? words[i] : 0 }
        let shift = UInt64(words[top].leadingZeroBitCount)
        let high = (word(top) << shift) | (word(top - 1) >> (64 - shift))
        let low = (word(top - 1) << shift) | (word(top - 2) >> (64 - shift))
        return (high, low)
    }
}

/// Reads one number at `p` (no surrounding spaces) and moves `p` past it; `nil` if no number starts there.
/// The caller checks that what follows is a separator.
@inline(__always)
private func scanNumber(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ tables: NumberTables) -> Double? {
    let start = p
    var s = p
    var negative = false
    if s < end {
        let c = s.pointee
        negative = c == UInt8(ascii: "-")
        s += (negative || c == UInt8(ascii: "+")) ? 1 : 0
    }
    let digitsStart = s
    var mantissa: UInt64 = 0
    var digits = scanDigits(&s, end, &mantissa)
    var fractionDigits = 0
    if s < end && s.pointee == UInt8(ascii: ".") {
        s += 1
        fractionDigits = scanDigits(&s, end, &mantissa)
        digits += fractionDigits
    }
    if digits == 0 {
        return scanWord(&p, digitsStart, end, negative)
    }
    var exponent = 0
    if s < end && (s.pointee | 0x20) == UInt8(ascii: "e") {
        var t = s + 1
        var exponentNegative = false
        if t < end {
            if t.pointee == UInt8(ascii: "-") { exponentNegative = true; t += 1 } else if t.pointee == UInt8(ascii: "+") { t += 1 }
        }
        let exponentStart = t
        var e = 0
        while t < end {
            let d = t.pointee &- 48
            if d > 9 { break }
            if e < 100_000 { e = e * 10 + Int(d) }
            t += 1
        }
        if t > exponentStart {          // "1e" or "1e+" is not a number: leave the 'e' for the caller to reject
            exponent = exponentNegative ? -e : e
            s = t
        }
    }
    p = s
    var q = exponent - fractionDigits
    if digits > 19 {
        // The mantissa overflowed: recount, ignoring leading zeros, and give up on the fast ways if digits are lost.
        guard let (m, dropped) = significand(digitsStart, s) else { return fallback(start, s) }
        mantissa = m
        q += dropped
    }
    if mantissa == 0 { return negative ? -0.0 : 0.0 }
    // Up to 15 digits the mantissa is below 10^15 < 2^53 (deciding by digit count keeps this branch predictable).
    if digits <= 15 && q >= -22 && q <= 22 {
        return clinger(mantissa, q, negative, tables)
    }
    if let value = eiselLemire(mantissa, q, negative, tables) { return value }
    // Eisel–Lemire declines values that are exact in binary but have 16 digits (such as 1234567890123.625).
    if mantissa <= 1 << 53 && q >= -22 && q <= 22 {
        return clinger(mantissa, q, negative, tables)
    }
    return fallback(start, s)
}

/// Clinger's fast path: when the mantissa (≤ 2^53) and 10^|q| (|q| ≤ 22) are both exact doubles,
/// one correctly rounded multiplication or division gives the correctly rounded result.
@inline(__always)
private func clinger(_ mantissa: UInt64, _ q: Int, _ negative: Bool, _ tables: NumberTables) -> Double {
    let m = Double(mantissa)
    let value = q < 0 ? m / tables.exact[-q] : m * tables.exact[q]
    return negative ? -value : value
}

/// Reads the run of digits at `s` into `mantissa` (which wraps around past 19 digits; the caller counts them)
/// and returns how many there were: 8 bytes at a time while 8 are available, then 1 byte at a time.
@inline(__always)
private func scanDigits(_ s: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ mantissa: inout UInt64) -> Int {
    let start = s
    while end - s >= 8 {
        let (n, v) = leadingDigits(UnsafeRawPointer(s).loadUnaligned(as: UInt64.self))
        mantissa = mantissa &* powerOfTen(n) &+ v
        s += n
        if n < 8 { return s - start }
    }
    while s < end {
        let d = s.pointee &- 48
        if d > 9 { break }
        mantissa = mantissa &* 10 &+ UInt64(d)
        s += 1
    }
    return s - start
}

/// How many of the 8 bytes in `word` (first byte in memory first) are digits before the first other byte, and
/// their value. After XOR with '0' a byte is a digit exactly when it is 0...9, and `((x & 0x7f) + 0x76) | x` has
/// its high bit set for every other byte (no carry can cross bytes). The n digits are moved to the top of the word
/// (the first digit, in the lowest byte, becomes the most significant of eight, behind zeros) and combined in
/// place: pairs (×10), groups of four (×100), all eight (×10000).
@inline(__always)
private func leadingDigits(_ word: UInt64) -> (Int, UInt64) {
    let x = UInt64(littleEndian: word) ^ 0x3030_3030_3030_3030
    let others = (((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
    let n = others.trailingZeroBitCount &>> 3
    var y = n == 0 ? 0 : x &<< UInt64(64 &- 8 &* n)
    y = (y &* 10 &+ (y &>> 8)) & 0x00FF_00FF_00FF_00FF
    y = (y &* 100 &+ (y &>> 16)) & 0x0000_FFFF_0000_FFFF
    y = (y &* 10_000 &+ (y &>> 32)) & 0x0000_0000_FFFF_FFFF
    return (n, y)
}

/// 10^n for n in 0...8.
@inline(__always)
private func powerOfTen(_ n: Int) -> UInt64 {
    smallPowersOfTen.withUnsafeBufferPointer { $0[n & 15] }
}

/// 10^0 ... 10^8, padded to 16 entries so that `n & 15` is always a valid index.
private let smallPowersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
                                          0, 0, 0, 0, 0, 0, 0]

/// `inf`, `infinity`, `nan` in any case, after an optional sign.
@inline(never)
private func scanWord(_ p: inout UnsafePointer<UInt8>, _ s: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ negative: Bool) -> Double? {
    func matches(_ at: UnsafePointer<UInt8>, _ word: String) -> Bool {
        var q = at
        for c in word.utf8 {
            if q >= end || (q.pointee | 0x20) != c { return false }
            q += 1
        }
        return true
    }
    if matches(s, "infinity") { p = s + 8; return negative ? -.infinity : .infinity }
    if matches(s, "inf") { p = s + 3; return negative ? -.infinity : .infinity }
    if matches(s, "nan") { p = s + 3; return negative ? -Double.nan : Double.nan }
    return nil
}

/// For more than 19 digits: the first 19 significant digits and how many (zero) digits were dropped after them;
/// `nil` if a dropped digit is not zero.
@inline(never)
private func significand(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (UInt64, Int)? {
    var mantissa: UInt64 = 0
    var used = 0
    var dropped = 0
    var p = start
    while p < end {
        let c = p.pointee
        p += 1
        let d = c &- 48
        if d > 9 {
            if c == UInt8(ascii: ".") { continue }
            break                                   // the exponent
        }
        if used == 0 && d == 0 { continue }         // leading zero
        if used < 19 {
            mantissa = mantissa * 10 + UInt64(d)
            used += 1
        } else {
            if d != 0 { return nil }
            dropped += 1
        }
    }
    return (mantissa, dropped)
}

/// The Eisel–Lemire conversion of mantissa × 10^q: a 64×128-bit product with a truncated power of ten gives the
/// correctly rounded result whenever the truncation cannot matter; otherwise (and for subnormal or overflowing
/// results) it answers `nil` and the caller uses the slow exact conversion.
@inline(__always)
private func eiselLemire(_ mantissa: UInt64, _ q: Int, _ negative: Bool, _ tables: NumberTables) -> Double? {
    guard q >= NumberTables.minimumPower && q <= NumberTables.maximumPower else { return nil }
    let zeros = mantissa.leadingZeroBitCount
    let m = mantissa << UInt64(zeros)
    var exponent2 = UInt64(bitPattern: Int64(((217706 &* q) >> 16) &+ 64 &+ 1023)) &- UInt64(zeros)
    let index = 2 * (q - NumberTables.minimumPower)
    let powerHigh = tables.wide[index]
    let powerLow = tables.wide[index + 1]
    var (high, low) = m.multipliedFullWidth(by: powerHigh)
    if high & 0x1FF == 0x1FF && low &+ m < m {
        // The discarded low word of the power could carry into the bits we keep: include it.
        let (high2, low2) = m.multipliedFullWidth(by: powerLow)
        var mergedHigh = high
        let mergedLow = low &+ high2
        if mergedLow < low { mergedHigh &+= 1 }
        if mergedHigh & 0x1FF == 0x1FF && mergedLow &+ 1 == 0 && low2 &+ m < m { return nil }
        high = mergedHigh
        low = mergedLow
    }
    let top = high >> 63
    var bits = high >> (top + 9)
    exponent2 &-= 1 ^ top
    if low == 0 && high & 0x1FF == 0 && bits & 3 == 1 { return nil }   // possibly exactly half-way
    bits += bits & 1
    bits >>= 1
    if bits >> 53 > 0 {
        bits >>= 1
        exponent2 &+= 1
    }
    if exponent2 &- 1 >= 0x7FF - 1 { return nil }                     // subnormal, zero or infinite
    let sign: UInt64 = negative ? 1 << 63 : 0
    return Double(bitPattern: sign | exponent2 << 52 | (bits & ((1 << 52) - 1)))
}

/// The exact conversion for the rare cases the fast ways do not settle (more than 19 significant digits,
/// subnormal results, enormous exponents, near half-way cases).
@inline(never)
private func fallback(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
    Double(String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
}
