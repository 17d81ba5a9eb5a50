import Foundation
import Monitor
import Yams

/// Writes and reads baselines as YAML (`palisade.baseline/1`).
///
/// Written by hand rather than through Yams' emitter: the file is for people, and the comments
/// that say where each entry came from (first and last seen, counts) are something no emitter
/// writes. Keys are sorted within every mapping (the top level reads `header`, `assets`, `pairs`)
/// and every list has a canonical order, so learning the same traffic twice gives the same bytes
/// and a reviewed file diffs cleanly. Reading goes through Yams' node tree, which keeps line
/// numbers: an unknown key or a wrong type is refused with the file, line and key.
public enum BaselineDocument {
    /// Ranges kept per target space and values per target, before merging or capping.
    public static let rangeLimit = 16
    public static let valueLimit = 32
    /// Target spaces kept per function.
    public static let targetLimit = 32

    // MARK: writing

    public static func yaml(_ baseline: Baseline) -> String {
        var baseline = baseline
        baseline.normalize()
        var out = YAMLText()
        out.comment("Palisade baseline: what this network normally does (docs/baseline.md).")
        out.comment("Review it, edit it, commit it. Traffic outside it raises anomaly alerts.")
        out.comment("Comments say where each entry came from; they are not read back.")
        let header = baseline.header
        out.key("header", indent: 0)
        if !header.captures.isEmpty {
            out.key("captures", indent: 2)
            for capture in header.captures { out.item(quote(capture), indent: 2) }
        }
        if let end = header.end { out.field("end", quote(BaselineTime.text(end)), indent: 2) }
        out.field("generated", quote(BaselineTime.text(header.generated)), indent: 2)
        out.field("schema", header.schema, indent: 2)
        if let start = header.start { out.field("start", quote(BaselineTime.text(start)), indent: 2) }
        if let store = header.store { out.field("store", quote(store), indent: 2) }

        if baseline.assets.isEmpty {
            out.field("assets", "[]", indent: 0)
        } else {
            out.key("assets", indent: 0)
        }
        for asset in baseline.assets {
            out.comment(
                "\(asset.key): first seen \(BaselineTime.text(asset.firstSeen)), last seen \(BaselineTime.text(asset.lastSeen)), \(asset.packets) packets\(asset.macVendor.map { ", MAC vendor \($0)" } ?? "")",
                indent: 2)
            var fields = ItemFields(indent: 2)
            fields.flowList("addresses", asset.addresses, into: &out)
            fields.field("id", quote(asset.id), into: &out)
            if !asset.identity.isEmpty {
                fields.key("identity", into: &out)
                let identity = asset.identity
                let inner = fields.childIndent
                if let value = identity.firmware { out.field("firmware", quote(value), indent: inner) }
                if let value = identity.hardware { out.field("hardware", quote(value), indent: inner) }
                if let value = identity.model { out.field("model", quote(value), indent: inner) }
                if !identity.modules.isEmpty {
                    out.key("modules", indent: inner)
                    for module in identity.modules { out.item(quote(module), indent: inner) }
                }
                if let value = identity.orderNumber { out.field("order_number", quote(value), indent: inner) }
                if let value = identity.product { out.field("product", quote(value), indent: inner) }
                if let value = identity.serial { out.field("serial", quote(value), indent: inner) }
                if let value = identity.stationName { out.field("station_name", quote(value), indent: inner) }
                if let value = identity.vendor { out.field("vendor", quote(value), indent: inner) }
            }
            fields.flowList("macs", asset.macs, into: &out)
            fields.field("role", quote(asset.role), into: &out)
        }

        if baseline.pairs.isEmpty {
            out.field("pairs", "[]", indent: 0)
        } else {
            out.key("pairs", indent: 0)
        }
        for pair in baseline.pairs {
            out.comment(
                "\(pair.title): \(pair.flows) flow\(pair.flows == 1 ? "" : "s"), first seen \(BaselineTime.text(pair.firstSeen)), last seen \(BaselineTime.text(pair.lastSeen))",
                indent: 2)
            var fields = ItemFields(indent: 2)
            fields.field("client", quote(pair.client), into: &out)
            fields.field("flows", "\(pair.flows)", into: &out)
            if pair.functions.isEmpty {
                fields.field("functions", "[]", into: &out)
            } else {
                fields.key("functions", into: &out)
            }
            for function in pair.functions {
                write(function, pair: pair, indent: fields.childIndent, into: &out)
            }
            fields.field("port", "\(pair.port)", into: &out)
            fields.field("protocol", quote(pair.protocolName), into: &out)
            fields.field("server", quote(pair.server), into: &out)
            fields.field("transport", quote(pair.transport), into: &out)
        }
        return out.text
    }

    private static func write(_ function: BaselineFunction, pair: BaselinePair, indent: Int, into out: inout YAMLText) {
        var seen =
            "\(function.count) event\(function.count == 1 ? "" : "s"), first seen \(BaselineTime.text(function.firstSeen)), last seen \(BaselineTime.text(function.lastSeen))"
        if let timing = function.timing {
            seen += "; every \(timing.periodMilliseconds) ms ± \(timing.jitterMilliseconds) ms"
        }
        out.comment(seen, indent: indent)
        var fields = ItemFields(indent: indent)
        if function.code >= 0 { fields.field("code", "\(function.code)", into: &out) }
        fields.field("count", "\(function.count)", into: &out)
        if function.group >= 0 { fields.field("group", "\(function.group)", into: &out) }
        fields.field("name", quote(function.name), into: &out)
        fields.field("operation", quote(function.operation), into: &out)
        if function.protocolName != pair.protocolName {
            fields.field("protocol", quote(function.protocolName), into: &out)
        }
        if !function.subfunctions.isEmpty {
            fields.field("subfunctions", quote(function.subfunctions.description), into: &out)
        }
        if !function.targets.isEmpty {
            fields.key("targets", into: &out)
            for target in function.targets {
                var targetFields = ItemFields(indent: fields.childIndent)
                var keys: [(String, String)] = [("kind", target.kind.rawValue)]
                if !target.ranges.isEmpty { keys.append(("ranges", quote(target.ranges.description))) }
                for (key, value) in target.space { keys.append((key, Int64(value) != nil ? value : quote(value))) }
                if target.valuesCapped { keys.append(("values_capped", "true")) }
                keys.sort { $0.0 < $1.0 }
                for (key, value) in keys where key < "values" {
                    targetFields.field(key, value, into: &out)
                }
                if !target.values.isEmpty {
                    targetFields.key("values", into: &out)
                    for value in target.values { out.item(quote(value), indent: targetFields.childIndent) }
                }
                for (key, value) in keys where key > "values" {
                    targetFields.field(key, value, into: &out)
                }
            }
        }
        if function.targetsCapped { fields.field("targets_capped", "true", into: &out) }
        if let timing = function.timing {
            fields.key("timing", into: &out)
            let inner = fields.childIndent
            out.field(
                "events_per_exchange",
                "\(timing.eventsPerExchangeTenths / 10).\(timing.eventsPerExchangeTenths % 10)", indent: inner)
            out.field("jitter_ms", "\(timing.jitterMilliseconds)", indent: inner)
            out.field("period_ms", "\(timing.periodMilliseconds)", indent: inner)
            out.field("samples", "\(timing.samples)", indent: inner)
        }
    }

    /// A scalar as YAML: plain when it can only be read back as this string, double-quoted
    /// otherwise (addresses such as 10.0.0.1 or 00:11:22:33:44:55 are numbers to YAML 1.1 readers).
    static func quote(_ text: String) -> String {
        let plainWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]
        if let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
            text.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
            }),
            !plainWords.contains(text.lowercased())
        {
            return text
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    public static func write(_ baseline: Baseline, to path: String) throws {
        try yaml(baseline).write(toFile: path, atomically: true, encoding: .utf8)
    }

    // MARK: reading

    /// Reads a baseline file; errors name the file, line and key.
    public static func load(path: String) throws(BaselineFileError) -> Baseline {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BaselineFileError(
                file: path, line: nil, key: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String = "baseline") throws(BaselineFileError) -> Baseline {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw BaselineFileError(
                file: file, line: YAMLNodes.line(of: error), key: nil,
                message: "not valid YAML (\(YAMLNodes.problem(of: error)))")
        } catch {
            throw BaselineFileError(file: file, line: nil, key: nil, message: "not valid YAML (\(error))")
        }
        guard let root else {
            throw BaselineFileError(file: file, line: nil, key: nil, message: "the file is empty")
        }
        let reader = YAMLNodes(file: file)
        return try reader.baseline(root)
    }
}

/// A baseline file that cannot be used: where, and why.
public struct BaselineFileError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `baseline.yaml:12: key 'period_ms': expected an integer, not 'soon'`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "key '\(key)': " }
        return text + message
    }
}

/// Lines of YAML text, built with fixed indentation.
struct YAMLText {
    var text = ""

    mutating func comment(_ words: String, indent: Int = 0) {
        let clean = words.replacingOccurrences(of: "\n", with: " ")
        text += String(repeating: " ", count: indent) + "# " + clean + "\n"
    }
    mutating func key(_ key: String, indent: Int) {
        text += String(repeating: " ", count: indent) + key + ":\n"
    }
    mutating func field(_ key: String, _ value: String, indent: Int) {
        text += String(repeating: " ", count: indent) + key + ": " + value + "\n"
    }
    mutating func item(_ value: String, indent: Int) {
        text += String(repeating: " ", count: indent) + "- " + value + "\n"
    }
}

/// The fields of one list item: the first is written after `- `, the rest below it.
struct ItemFields {
    let indent: Int
    private var first = true
    init(indent: Int) { self.indent = indent }
    var childIndent: Int { indent + 4 }

    private mutating func prefix() -> String {
        defer { first = false }
        return first ? String(repeating: " ", count: indent) + "- " : String(repeating: " ", count: indent + 2)
    }
    mutating func field(_ key: String, _ value: String, into out: inout YAMLText) {
        out.text += prefix() + key + ": " + value + "\n"
    }
    mutating func key(_ key: String, into out: inout YAMLText) {
        out.text += prefix() + key + ":\n"
    }
    mutating func flowList(_ key: String, _ values: [String], into out: inout YAMLText) {
        field(key, "[" + values.map(BaselineDocument.quote).joined(separator: ", ") + "]", into: &out)
    }
}

/// Packet times as RFC 3339 UTC with microseconds, both ways.
public enum BaselineTime {
    public static func text(_ nanoseconds: Int64) -> String { rfc3339(nanoseconds) }

    /// Parses `2026-11-27T10:10:34.023348Z` (fraction optional, `Z` or `+hh:mm`).
    public static func parse(_ text: String) -> Int64? {
        let scalars = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[start..<(start + count)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard scalars.count >= 20, let year = number(0, 4), scalars[4] == 45, let month = number(5, 2),
            scalars[7] == 45, let day = number(8, 2), scalars[10] == 84 || scalars[10] == 116 || scalars[10] == 32,
            let hour = number(11, 2), scalars[13] == 58, let minute = number(14, 2), scalars[16] == 58,
            let second = number(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if index < scalars.count, scalars[index] == 46 {
            index += 1
            var digits = 0
            while index < scalars.count, (48...57).contains(scalars[index]) {
                if digits < 9 {
                    fraction = fraction * 10 + Int64(scalars[index] - 48)
                    digits += 1
                }
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { fraction *= 10 }
        }
        var offset = 0
        guard index < scalars.count else { return nil }
        if scalars[index] == 90 || scalars[index] == 122 {
            index += 1
        } else if scalars[index] == 43 || scalars[index] == 45, let hours = number(index + 1, 2),
            scalars.count > index + 3, scalars[index + 3] == 58, let minutes = number(index + 4, 2)
        {
            offset = (hours * 60 + minutes) * 60 * (scalars[index] == 43 ? 1 : -1)
            index += 6
        } else {
            return nil
        }
        guard index == scalars.count else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = Int64(timegm(&parts)) - Int64(offset)
        return seconds * 1_000_000_000 + fraction
    }
}
