import EventModel
import Foundation

/// What rule files may name: function names per protocol (from `data/protocols/*.csv`) and
/// ATT&CK for ICS technique ids (`data/attack-ics/ics_techniques.csv`). Without the data folder
/// function names cannot be resolved (codes still work) and techniques are only checked for
/// their form (`T0855`).
public struct UserRuleVocabulary: Sendable {
    /// Protocol id → lowercased name → code.
    var functions: [UInt16: [String: Int64]] = [:]
    /// nil when the technique list was not available.
    var techniques: Set<String>?
    /// Ids already taken (the built-in rules').
    var reservedIDs: Set<String> = []

    public init() {}

    /// The data tables that name each protocol's `function` codes (the codes the decoders put
    /// in `event.function`).
    static let functionTables: [(table: String, protocolID: ApplicationProtocol)] = [
        ("modbus", .modbus), ("s7comm-job-function", .s7comm), ("dnp3-application", .dnp3),
        ("iec104-asdu-typeid", .iec104), ("bacnet-confirmed", .bacnet), ("bacnet-unconfirmed", .bacnet),
        ("opcua-service", .opcua), ("cip-common", .cip), ("enip-encapsulation-command", .enip),
        ("omron-fins", .omronFINS),
    ]

    /// Reads the tables under `dataDirectory` (`../shared/data` or the sensor's `data/`); a
    /// missing folder or file leaves that part empty.
    public static func load(dataDirectory: String?, reservedIDs: Set<String> = []) -> UserRuleVocabulary {
        var vocabulary = UserRuleVocabulary()
        vocabulary.reservedIDs = reservedIDs
        guard let dataDirectory else { return vocabulary }
        let protocols = URL(fileURLWithPath: dataDirectory).appendingPathComponent("protocols")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: protocols.path)) ?? []
        let tables = Dictionary(functionTables.map { ($0.table, $0.protocolID.id) }, uniquingKeysWith: { a, _ in a })
        for file in files.sorted() where file.hasSuffix(".csv") {
            guard let text = try? String(contentsOf: protocols.appendingPathComponent(file), encoding: .utf8) else {
                continue
            }
            for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                let fields = csvFields(line, limit: 4)
                guard fields.count == 4, let id = tables[fields[0]], let code = Int64(fields[1]) else { continue }
                let name = fields[3].lowercased()
                vocabulary.functions[id, default: [:]][name] = vocabulary.functions[id]?[name] ?? code
                // `M_SP_NA_1 (single-point information)` is also known by its first word.
                if let open = name.firstIndex(of: " "), name.hasSuffix(")") {
                    let short = String(name[..<open])
                    vocabulary.functions[id]![short] = vocabulary.functions[id]![short] ?? code
                }
            }
        }
        let techniques = URL(fileURLWithPath: dataDirectory).appendingPathComponent("attack-ics/ics_techniques.csv")
        if let text = try? String(contentsOf: techniques, encoding: .utf8) {
            vocabulary.techniques = Set(
                text.split(whereSeparator: \.isNewline).dropFirst().compactMap { csvFields($0, limit: 1).first })
        }
        return vocabulary
    }

    func functionCode(_ name: String, protocolID: ApplicationProtocol) -> Int64? {
        functions[protocolID.id]?[name.lowercased()]
    }

    func hasFunctionNames(_ protocolID: ApplicationProtocol) -> Bool { functions[protocolID.id] != nil }

    /// The first `limit` fields of a CSV line (RFC 4180 quoting).
    static func csvFields(_ line: Substring, limit: Int) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
                if fields.count == limit { return fields }
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return Array(fields.prefix(limit))
    }
}
