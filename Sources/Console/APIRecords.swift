import Foundation
import Storage

/// The JSON shapes of the REST API (see `OpenAPIDocument` for their published schema).
enum APIRecords {
    struct Page<Item: Encodable>: Encodable {
        var items: [Item]
        var total: Int?
        var page: Int
        var pageSize: Int
        enum CodingKeys: String, CodingKey {
            case items, total, page
            case pageSize = "page_size"
        }
    }

    struct Asset: Encodable {
        var id: String
        var name: String?
        var role: String
        var purdueLevel: Int?
        var vendor: String?
        var addresses: [String]
        var firstSeen: String
        var lastSeen: String
        var riskScore: Double?
        var riskLevel: String?
        enum CodingKeys: String, CodingKey {
            case id, name, role, vendor, addresses
            case purdueLevel = "purdue_level"
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
            case riskScore = "risk_score"
            case riskLevel = "risk_level"
        }
        init(_ asset: StoredAsset, risk: StoredAssetRisk?) {
            id = asset.id
            name = asset.name
            role = asset.role
            purdueLevel = asset.purdueLevel
            vendor = asset.vendor
            addresses = asset.addresses
            firstSeen = APIRecords.time(asset.firstSeen)
            lastSeen = APIRecords.time(asset.lastSeen)
            riskScore = risk?.score
            riskLevel = risk?.level
        }
    }

    struct Fact: Encodable {
        var key: String
        var value: String
        var source: String
        var confidence: String
        var firstSeen: String
        var lastSeen: String
        var count: UInt64
        enum CodingKeys: String, CodingKey {
            case key, value, source, confidence, count
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
        }
        init(_ fact: StoredFact) {
            key = fact.key
            value = fact.value
            source = fact.protocolName
            confidence = fact.confidence
            firstSeen = APIRecords.time(fact.firstSeen)
            lastSeen = APIRecords.time(fact.lastSeen)
            count = fact.count
        }
    }

    struct Edge: Encodable {
        var client: String
        var server: String
        var protocolName: String
        var transport: String
        var port: UInt16
        var packets: UInt64
        var bytes: UInt64
        var operations: [String: UInt64]
        var firstSeen: String
        var lastSeen: String
        enum CodingKeys: String, CodingKey {
            case client, server, transport, port, packets, bytes, operations
            case protocolName = "protocol"
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
        }
        init(_ edge: StoredEdge) {
            client = edge.client
            server = edge.server
            protocolName = edge.protocolName
            transport = edge.transport
            port = edge.serverPort
            packets = edge.packets
            bytes = edge.bytes
            operations = edge.operations
            firstSeen = APIRecords.time(edge.firstSeen)
            lastSeen = APIRecords.time(edge.lastSeen)
        }
    }

    struct Risk: Encodable {
        var score: Double
        var level: String
        var factors: [StoredRiskFactor]
        var assessed: String
        init(_ risk: StoredAssetRisk) {
            score = risk.score
            level = risk.level
            factors = risk.factors
            assessed = APIRecords.time(risk.assessedAt)
        }
    }

    struct Vulnerability: Encodable {
        var asset: String
        var advisory: String
        var title: String
        var match: String
        var reason: String
        var cves: [String]
        var maxCVSS: Double?
        var kev: Bool
        var remediations: [String]
        enum CodingKeys: String, CodingKey {
            case asset, advisory, title, match, reason, cves, kev, remediations
            case maxCVSS = "max_cvss"
        }
        init(_ match: StoredVulnerabilityMatch) {
            asset = match.assetID
            advisory = match.advisoryID
            title = match.title
            self.match = match.outcome
            reason = match.reason
            cves = match.cves
            maxCVSS = match.maximumCVSS
            kev = match.knownExploited
            remediations = match.remediations
        }
    }

    struct AssetDetail: Encodable {
        var asset: Asset
        var facts: [Fact]
        var communications: [Edge]
        var risk: Risk?
        var vulnerabilities: [Vulnerability]
    }

    struct Alert: Encodable {
        var id: String
        var severity: String
        var kind: String
        var rule: String
        var techniques: [String]
        var assets: [String]
        var summary: String
        var explanation: String
        var count: UInt64
        var firstSeen: String
        var lastSeen: String
        var state: String
        var stateNote: String?
        var evidence: JSONValue?
        enum CodingKeys: String, CodingKey {
            case id, severity, kind, rule, techniques, assets, summary, explanation, count, state, evidence
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
            case stateNote = "state_note"
        }
        init(_ alert: StoredAlert, withEvidence: Bool) {
            id = alert.id
            severity = alert.severity
            kind = alert.kind
            rule = alert.rule
            techniques = alert.techniques
            assets = alert.assets
            summary = alert.summary
            explanation = alert.explanation
            count = alert.count
            firstSeen = APIRecords.time(alert.firstTime)
            lastSeen = APIRecords.time(alert.lastTime)
            state = alert.state
            stateNote = alert.stateNote
            evidence = withEvidence ? JSONValue(parsing: alert.evidenceJSON) : nil
        }
    }

    struct Status: Encodable {
        var assets: Int
        var edges: Int
        var events: Int
        var openAlerts: Int
        var advisories: Int
        var assetsByRole: [String: Int]
        var sensors: [Sensor]
        struct Sensor: Encodable {
            var interface: String
            var time: String
            var packetsPerSecond: Double
            var kernelDrops: UInt64
            var queueDrops: UInt64
            enum CodingKeys: String, CodingKey {
                case interface, time
                case packetsPerSecond = "packets_per_second"
                case kernelDrops = "kernel_drops"
                case queueDrops = "queue_drops"
            }
        }
        enum CodingKeys: String, CodingKey {
            case assets, edges, events, advisories, sensors
            case openAlerts = "open_alerts"
            case assetsByRole = "assets_by_role"
        }
    }

    static func time(_ nanoseconds: Int64) -> String {
        guard nanoseconds > 0, nanoseconds < Int64.max else { return "" }
        let date = Date(timeIntervalSince1970: Double(nanoseconds) / 1e9)
        return ISO8601DateFormatter.string(
            from: date, timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
    }
}

/// Any JSON value, to pass stored JSON (alert evidence) through the API unchanged.
enum JSONValue: Encodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init?(parsing text: String) {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return nil
        }
        self.init(any: value)
    }

    init(any value: Any) {
        switch value {
        case let number as NSNumber:
            // JSONSerialization gives true/false as NSNumbers of ObjC type 'c' (char).
            if number.objCType.pointee == 0x63 {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let text as String: self = .string(text)
        case let array as [Any]: self = .array(array.map(JSONValue.init(any:)))
        case let object as [String: Any]: self = .object(object.mapValues(JSONValue.init(any:)))
        default: self = .null
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 9e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
