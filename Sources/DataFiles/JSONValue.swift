import Foundation

/// A JSON value whose objects keep their keys in order, so that output
/// lines read `{"id": 3, "name": "rate", "ok": true, …}` as documented.
/// Sessions keep unknown keys through load and save in this form too.
package indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// A number as `--json` writes it: JSON has no NaN or infinity, so
    /// those are the strings "nan", "inf" and "-inf" (SPEC section 6).
    package static func finite(_ value: Double) -> JSONValue {
        if value.isFinite { return .number(value) }
        return .string(value.isNaN ? "nan" : value > 0 ? "inf" : "-inf")
    }

    package subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Compact JSON on one line, with `": "` and `", "` for readability.
    package func serialized(pretty: Bool = false, indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return JSONValue.numberText(value)
        case .string(let value): return JSONValue.quoted(value)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if pretty && items.contains(where: { if case .object = $0 { return true } else { return false } }) {
                let inner = indent + "  "
                return "[\n" + items.map { inner + $0.serialized(pretty: true, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
            }
            return "[" + items.map { $0.serialized(pretty: pretty, indent: indent) }.joined(separator: ", ") + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            if pretty {
                let inner = indent + "  "
                return "{\n" + pairs.map { inner + JSONValue.quoted($0.0) + ": " + $0.1.serialized(pretty: true, indent: inner) }
                    .joined(separator: ",\n") + "\n" + indent + "}"
            }
            return "{" + pairs.map { JSONValue.quoted($0.0) + ": " + $0.1.serialized() }.joined(separator: ", ") + "}"
        }
    }

    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func quoted(_ text: String) -> String {
        // Most text needs no escape; one pass over its bytes says so, and
        // then it is copied whole (a session's long sources and plots are
        // written on every autosave).
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard var byte = bytes.baseAddress else { return true }
            let end = byte + bytes.count
            while byte < end {
                let value = byte.pointee
                if value < 0x20 || value == 0x22 || value == 0x5C || value == 0x7F { return false }
                byte += 1
            }
            return true
        }
        // A lone surrogate cannot be in a Swift string's UTF-8, so plain text needs nothing more.
        if plain == true { return "\"" + text + "\"" }
        return PrintableText.quoted(text) { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || (0xD800...0xDFFF).contains(scalar.value)
                ? String(format: "\\u%04x", scalar.value) : nil
        }
    }
}
