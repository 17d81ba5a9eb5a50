import Foundation

/// What the attack injected: one line per step, written as JSON lines next to the capture.
/// `protocol`, `operation`, `function` and `function_name` are what Palisade's decoders report
/// for the request that carries the step (docs/events.md), so the events can be matched to it.
public struct GroundTruthStep: Codable, Sendable, Equatable {
    public var time: String
    public var timeMicroseconds: Int64
    public var step: String
    public var technique: String?
    public var techniqueName: String?
    public var sourceIP: String
    public var sourceMAC: String
    public var destinationIP: String
    public var destinationPort: UInt16?
    public var protocolName: String
    public var operation: String
    public var function: Int?
    public var functionName: String
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case time, step, technique, detail, operation, function
        case timeMicroseconds = "time_us"
        case techniqueName = "technique_name"
        case sourceIP = "src"
        case sourceMAC = "src_mac"
        case destinationIP = "dst"
        case destinationPort = "dst_port"
        case protocolName = "protocol"
        case functionName = "function_name"
    }
}

/// The ground truth of one simulated capture.
public struct GroundTruth: Sendable {
    public var steps: [GroundTruthStep] = []
    /// Frames written, and the capture's first and last time (µs since the epoch).
    public var frameCount = 0
    public var firstTime: Int64 = 0
    public var lastTime: Int64 = 0

    public init() {}

    /// One JSON object per line, keys sorted.
    public func jsonLines() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for step in steps {
            text += String(decoding: try encoder.encode(step), as: UTF8.self)
            text += "\n"
        }
        return text
    }

    public static func read(jsonLines text: String) throws -> [GroundTruthStep] {
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(GroundTruthStep.self, from: Data($0.utf8)) }
    }

    /// RFC 3339 UTC with microseconds, as Palisade prints event times.
    public static func timestamp(_ microseconds: Int64) -> String {
        let seconds = microseconds / 1_000_000
        let fraction = microseconds % 1_000_000
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + "-" + two(parts.month) + "-" + two(parts.day) + "T"
            + two(parts.hour) + ":" + two(parts.minute) + ":" + two(parts.second) + "."
            + String(format: "%06d", Int(fraction)) + "Z"
    }
}

/// How a step is labelled before its time and addresses are known.
struct TruthLabel: Sendable {
    var step: String
    var technique: String?
    var techniqueName: String?
    var protocolName: String
    var operation: String
    var function: Int?
    var functionName: String
    var detail: String
}
