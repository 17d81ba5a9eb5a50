/// Agreement of (frame, function) multisets with tshark, shared by the decoder corpus tests.
import Foundation

/// Parses "0x00000010" or "16".
public func parseNumber(_ text: String) -> Int64? {
    if text.hasPrefix("0x") { return Int64(text.dropFirst(2), radix: 16) }
    return Int64(text)
}

public struct FunctionKey: Hashable, CustomStringConvertible {
    public let frame: UInt64
    public let function: Int64
    public init(frame: UInt64, function: Int64) {
        self.frame = frame
        self.function = function
    }
    public var description: String { "\(frame):\(function)" }
}

/// Precision and recall of two multisets.
public struct Agreement: CustomStringConvertible {
    public let expected: Int
    public let emitted: Int
    public let matched: Int
    public let missing: [FunctionKey]
    public let extra: [FunctionKey]

    public init(expected: [FunctionKey], emitted: [FunctionKey]) {
        var counts: [FunctionKey: Int] = [:]
        for key in expected { counts[key, default: 0] += 1 }
        var matched = 0
        var extra: [FunctionKey] = []
        for key in emitted {
            if let count = counts[key], count > 0 {
                counts[key] = count - 1
                matched += 1
            } else {
                extra.append(key)
            }
        }
        self.expected = expected.count
        self.emitted = emitted.count
        self.matched = matched
        self.extra = extra
        missing = counts.flatMap { key, count in Array(repeating: key, count: count) }.sorted { $0.frame < $1.frame }
    }

    public var precision: Double { emitted == 0 ? (expected == 0 ? 1 : 0) : Double(matched) / Double(emitted) }
    public var recall: Double { expected == 0 ? 1 : Double(matched) / Double(expected) }

    public var description: String {
        let p = String(format: "%.4f", precision)
        let r = String(format: "%.4f", recall)
        return "expected \(expected) emitted \(emitted) matched \(matched) precision \(p) recall \(r)"
            + (missing.isEmpty ? "" : " missing \(missing.prefix(10))")
            + (extra.isEmpty ? "" : " extra \(extra.prefix(10))")
    }
}
