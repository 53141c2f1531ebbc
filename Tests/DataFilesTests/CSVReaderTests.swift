import Foundation
import Testing
@testable import DataFiles
import TestSupport

/// Reading CSV files of numbers: good files in full, bad ones refused with
/// the line and column at fault, and nothing half-loaded.
@Suite struct CSVReaderTests {
    private func parse(_ text: String) throws(CSVError) -> CSVTable {
        try parse(bytes: Array(text.utf8)).get()
    }

    private func parse(bytes: [UInt8]) -> Result<CSVTable, CSVError> {
        bytes.withUnsafeBytes { buffer -> Result<CSVTable, CSVError> in
            do throws(CSVError) { return .success(try CSVReader.parse(buffer, name: "test.csv")) } catch { return .failure(error) }
        }
    }

    @Test(arguments: [
        ("x,y\n1,2\n3,4\n", ["x", "y"], [[1.0, 3], [2.0, 4]]),
        ("x,y\r\n1,2\r\n3,4", ["x", "y"], [[1.0, 3], [2.0, 4]]),
        ("\u{FEFF}a, b\n\n .5 , -4.5e1 \n\n1E-3,+7\n", ["a", "b"], [[0.5, 0.001], [-45, 7]]),
        ("\"x\",y_2\n1,2\n", ["x", "y_2"], [[1.0], [2.0]]),
        ("t\n1\n2\n3\n", ["t"], [[1.0, 2, 3]]),
    ])
    func goodFilesAreReadWhole(text: String, names: [String], columns: [[Double]]) throws {
        let table = try parse(text)
        #expect(table.names == names)
        #expect(table.columns == columns)
    }

    @Test func numbersReadExactlyAsSwiftReadsThem() throws {
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = ["0", "-0", "1e308", "4.9e-324", "1.7976931348623157e308", "0.1", "123456789012345678901234567890"]
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            texts.append(String(format: "%.17g", value))
            texts.append("\(Double.random(in: -1000...1000))")
        }
        let table = try parse("v\n" + texts.joined(separator: "\n") + "\n")
        for (text, value) in zip(texts, table.columns[0]) {
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    @Test(arguments: [
        ("", "the file is empty: it needs a header row naming the columns, such as x,y", nil as Int?, nil as String?),
        ("x,y\n", "the file has a header but no rows of numbers", nil, nil),
        ("x,,y\n1,2,3\n", "line 1: column 2 has no name", 1, nil),
        ("x,x\n1,2\n", "line 1: the name 'x' is used twice", 1, "x"),
        ("2y\n1\n", "line 1: '2y' cannot be a column name: names start with a letter", 1, "2y"),
        ("x,y\n1,2\n1,2,3\n", "line 3: 3 values, but the header names 2 columns", 3, nil),
        ("x,y\n1,2\n\n5\n", "line 4: 1 value, but the header names 2 columns", 4, nil),
        ("x,y\n1,2\n3,abc\n", "line 3, column y: 'abc' is not a number", 3, "y"),
        ("x,y\n1,\n", "line 2, column y: the value is missing", 2, "y"),
        ("x,y\n1e,2\n", "line 2, column x: '1e' is not a number", 2, "x"),
        ("x,y\n1,2\n3,\u{FF}\n", "line 3: the file is not UTF-8 text", 3, nil),
    ])
    func badFilesSayWhereAndWhy(text: String, message: String, line: Int?, column: String?) {
        let bytes: [UInt8] = text == "x,y\n1,2\n3,\u{FF}\n" ? Array("x,y\n1,2\n3,".utf8) + [0xFF, 0x0A] : Array(text.utf8)
        switch parse(bytes: bytes) {
        case .success:
            Issue.record("read without an error: \(text.debugDescription)")
        case .failure(let error):
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test func filesThatCannotBeReadSaySo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect((#expect(throws: CSVError.self) { try CSVReader.read(path: folder.path + "/none.csv") })?.isMissingFile == true)
        do { _ = try CSVReader.read(path: folder.path) } catch { #expect(error.message == "\(folder.path) is a folder, not a CSV file; csv() reads regular files") }
        // Refused by its size before any of it is read: a sparse file of 2 GB.
        let big = folder.appendingPathComponent("big.csv").path
        FileManager.default.createFile(atPath: big, contents: Data("x\n1\n".utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        do { _ = try CSVReader.read(path: big) } catch { #expect(error.message == "\(big) is 2.0 GB; descent reads CSV files of up to 1 GB") }
        // A million rows come back whole, in both columns.
        let rows = folder.appendingPathComponent("rows.csv").path
        var text = "x,y\n"
        for i in 0..<200_000 { text += "\(i),\(Double(i) / 8)\n" }
        try text.write(toFile: rows, atomically: false, encoding: .utf8)
        let table = try CSVReader.read(path: rows)
        #expect(table.rowCount == 200_000)
        #expect(table.columns[0].last == 199_999 && table.columns[1][8] == 1)
    }
}

/// Files a learner is sent: what pandas reads is read, what cannot be data
/// is refused at once, and every message names the file (SPEC section 11).
@Suite struct CSVFromOthersTests {
    private func file(_ bytes: [UInt8], _ name: String = "sent.csv") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func failure(_ path: String, shouldStop: @escaping @Sendable () -> Bool = { false }) -> CSVError? {
        do throws(CSVError) { _ = try CSVReader.read(path: path, shouldStop: shouldStop); return nil } catch { return error }
    }

    @Test(arguments: [("nan", "nan"), ("inf", "infinite"), ("-inf", "infinite"), ("1e400", "beyond the largest double")])
    func aValueThatIsNotFiniteIsAnErrorNamingItsLineAndColumn(value: String, why: String) throws {
        let path = try file(Array("x,y\n1,2\n3,\(value)\n".utf8))
        let error = try #require(failure(path))
        #expect(error.line == 3 && error.column == "y", "\(error)")
        #expect(error.message.contains("not a finite number") && error.message.contains(why), "\(error.message)")
    }

    @Test func quotedNumbersAndCarriageReturnLineEndingsAreRead() throws {
        let quoted = try CSVReader.read(path: try file(Array("x,y\n\"1\",2\n3,\" 4.5\"\n".utf8)))
        #expect(quoted.columns == [[1, 3], [2, 4.5]])
        let oldMac = try CSVReader.read(path: try file(Array("x,y\r1,2\r3,4\r".utf8)))
        #expect(oldMac.names == ["x", "y"] && oldMac.columns == [[1, 3], [2, 4]])
    }

    @Test func aBadFieldIsShownWithItsControlCharactersEscaped() throws {
        let error = try #require(failure(try file(Array("x,y\n1,a\tb\u{1B}[2J\n".utf8))))
        #expect(error.message.contains("'a\\tb\\u{1b}[2J' is not a number"), "\(error.message)")
        #expect(!error.message.contains("\u{1B}"))
    }

    @Test func greekColumnNamesAreNamesAsInCells() throws {
        let table = try CSVReader.read(path: try file(Array("θ,loss\n0.5,2\n".utf8)))
        #expect(table.names == ["θ", "loss"])
    }

    @Test(arguments: ["/dev/zero", "/dev/null", "/tmp"])
    func whatIsNoRegularFileIsRefusedAtOnce(path: String) throws {
        let error = try #require(failure(path))
        #expect(error.message.contains("csv() reads regular files") || error.message.contains("is a folder"), "\(error.message)")
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fifo-\(UUID().uuidString)").path
        try #require(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let error = try #require(failure(path))
        #expect(error.message.contains("a FIFO"), "\(error.message)")
    }

    @Test func aLoadStopsWhenAskedTo() throws {
        let rows = (0..<20_000).map { "\($0),\($0 * 2)" }.joined(separator: "\n")
        let path = try file(Array(("x,y\n" + rows + "\n").utf8))
        let stop: @Sendable () -> Bool = { true }
        let error = try #require(failure(path, shouldStop: stop))
        #expect(error.message.contains("was interrupted"), "\(error.message)")
    }
}
