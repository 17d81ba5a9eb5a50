import Foundation

/// One reason an asset's risk is what it is, with its share of the score.
public struct RiskFactor: Sendable, Equatable, Codable {
    /// Stable name: `vulnerability`, `known_exploited`, `exposure`, `criticality`,
    /// `dangerous_operations`.
    public var name: String
    public var points: Double
    /// The factor in words, naming the advisory, the peers or the operations behind it.
    public var detail: String

    public init(name: String, points: Double, detail: String) {
        self.name = name
        self.points = points
        self.detail = detail
    }
}

public enum RiskLevel: String, Sendable, Codable, CaseIterable {
    case low, medium, high, critical

    public init(score: Double) {
        switch score {
        case 75...: self = .critical
        case 50..<75: self = .high
        case 25..<50: self = .medium
        default: self = .low
        }
    }
}

/// An asset's risk: a 0–100 score, its level and the factors that add up to it.
public struct AssetRisk: Sendable, Equatable {
    public var assetID: String
    public var score: Double
    public var level: RiskLevel
    public var factors: [RiskFactor]

    /// The factors in one sentence, largest first.
    public var explanation: String {
        let named = factors.filter { $0.points > 0 }.sorted { $0.points > $1.points }
        guard !named.isEmpty else { return "no vulnerability, exposure or critical role found" }
        return named.map { "\($0.detail) (+\(Int($0.points.rounded())))" }.joined(separator: "; ")
    }
}

/// What the score of one asset is computed from.
public struct RiskInputs: Sendable {
    public var assetID: String
    /// `AssetRole` raw value.
    public var role: String
    /// Product, model and name text, searched for safety-system product lines.
    public var identityText: String
    public var matches: [AdvisoryMatch]
    public var exposure: ExposureEvidence

    public init(
        assetID: String, role: String, identityText: String, matches: [AdvisoryMatch], exposure: ExposureEvidence
    ) {
        self.assetID = assetID
        self.role = role
        self.identityText = identityText
        self.matches = matches
        self.exposure = exposure
    }
}

/// The risk score: additive, so that each factor's share can be shown, capped at 100.
///
/// - vulnerability: 4 × the highest CVSS of an `affected` advisory (≤ 40), or 2 × the highest
///   CVSS of a `possible` one when none is affected (≤ 20);
/// - known exploitation: 20 when an affected advisory has a CVE in CISA KEV, 10 when only a
///   possible one has;
/// - exposure (≤ 35): 15 for connections from IT hosts, 15 for remote access into the asset or
///   into a host that talks to it, 20 for internet peers, 10 for peers in other zones;
/// - criticality of the role: 20 for a safety system, 15 for a controller or RTU, 10 for an HMI or
///   engineering workstation, 6 for a historian or OPC server, 5 for I/O devices, IIoT gateways and
///   network devices;
/// - dangerous operations received (write, control, program, firmware): 2.5 × log10(1 + count)
///   (≤ 10), so that ten thousand writes weigh 10 and a single one under 1.
///
/// Levels: critical ≥ 75, high ≥ 50, medium ≥ 25, else low.
public enum RiskScorer {
    public static func score(_ inputs: RiskInputs) -> AssetRisk {
        var factors: [RiskFactor] = []
        if let factor = vulnerabilityFactor(inputs.matches) { factors.append(factor) }
        if let factor = exploitationFactor(inputs.matches) { factors.append(factor) }
        if let factor = exposureFactor(inputs.exposure) { factors.append(factor) }
        if let factor = criticalityFactor(role: inputs.role, identityText: inputs.identityText) {
            factors.append(factor)
        }
        if let factor = operationsFactor(inputs.exposure) { factors.append(factor) }
        let total = min(100, factors.reduce(0) { $0 + $1.points })
        let score = (total * 10).rounded() / 10
        return AssetRisk(assetID: inputs.assetID, score: score, level: RiskLevel(score: score), factors: factors)
    }

    static func vulnerabilityFactor(_ matches: [AdvisoryMatch]) -> RiskFactor? {
        func highest(_ outcome: MatchOutcome) -> AdvisoryMatch? {
            matches.filter { $0.outcome == outcome && $0.maximumCVSS != nil }
                .max { ($0.maximumCVSS ?? 0, $1.advisory.id) < ($1.maximumCVSS ?? 0, $0.advisory.id) }
        }
        let affectedCount = matches.filter { $0.outcome == .affected }.count
        let possibleCount = matches.filter { $0.outcome == .possible }.count
        if let worst = highest(.affected), let cvss = worst.maximumCVSS {
            return RiskFactor(
                name: "vulnerability", points: min(40, cvss * 4),
                detail:
                    "highest CVSS \(format(cvss)) in \(worst.advisory.id) (affected; \(affectedCount) affected, \(possibleCount) possible advisories)"
            )
        }
        if let worst = highest(.possible), let cvss = worst.maximumCVSS {
            return RiskFactor(
                name: "vulnerability", points: min(20, cvss * 2),
                detail:
                    "highest CVSS \(format(cvss)) in \(worst.advisory.id) (possible only: \(possibleCount) advisories to confirm)"
            )
        }
        return nil
    }

    static func exploitationFactor(_ matches: [AdvisoryMatch]) -> RiskFactor? {
        func exploited(_ outcome: MatchOutcome) -> [String] {
            let cves = matches.filter { $0.outcome == outcome && $0.isKnownExploited }
                .flatMap { match in match.advisory.vulnerabilities.filter(\.isKnownExploited).compactMap(\.cve) }
            return Array(Set(cves)).sorted()
        }
        let affected = exploited(.affected)
        if !affected.isEmpty {
            return RiskFactor(
                name: "known_exploited", points: 20,
                detail: "known exploited (CISA KEV): \(affected.prefix(3).joined(separator: ", "))")
        }
        let possible = exploited(.possible)
        if !possible.isEmpty {
            return RiskFactor(
                name: "known_exploited", points: 10,
                detail: "possibly affected by known exploited (CISA KEV): \(possible.prefix(3).joined(separator: ", "))"
            )
        }
        return nil
    }

    static func exposureFactor(_ exposure: ExposureEvidence) -> RiskFactor? {
        var points = 0.0
        var parts: [String] = []
        if !exposure.fromIT.isEmpty {
            points += 15
            parts.append("reached from IT: \(exposure.fromIT.joined(separator: ", "))")
        }
        if !exposure.remoteAccess.isEmpty {
            points += 15
            parts.append("remote access: \(exposure.remoteAccess.joined(separator: ", "))")
        }
        if !exposure.internet.isEmpty {
            points += 20
            parts.append("internet contact: \(exposure.internet.joined(separator: ", "))")
        }
        if !exposure.crossZone.isEmpty {
            points += 10
            let what = exposure.zonesFromSubnets ? "talks across subnets (no zones configured)" : "talks across zones"
            parts.append("\(what): \(exposure.crossZone.joined(separator: ", "))")
        }
        guard points > 0 else { return nil }
        return RiskFactor(name: "exposure", points: min(35, points), detail: parts.joined(separator: "; "))
    }

    /// Product lines that are safety instrumented systems (or safety controllers).
    static let safetyMarkers = [
        "triconex", "tricon", "guardlogix", "safety", "hima", "himax", "himatrix", "prosafe", "sis ", "pilz",
        "pss 4000",
        "simatic s7-1500f", "cpu 1516f", "cpu 1518f", "cpu 1511f", "cpu 1513f", "cpu 1515f", "cpu 1517f", "et 200sp f",
    ]

    static func criticalityFactor(role: String, identityText: String) -> RiskFactor? {
        let text = " " + identityText.lowercased() + " "
        if let marker = safetyMarkers.first(where: { text.contains($0) }) {
            return RiskFactor(
                name: "criticality", points: 20,
                detail: "safety system (identity mentions '\(marker.trimmingCharacters(in: .whitespaces))')")
        }
        let (points, title): (Double, String) =
            switch role {
            case "plc": (15, "PLC/controller")
            case "rtu": (15, "RTU")
            case "hmi": (10, "HMI/SCADA")
            case "engineering_workstation": (10, "engineering workstation")
            case "historian": (6, "historian")
            case "opc_server": (6, "OPC server")
            case "io_device": (5, "I/O device")
            case "iiot_gateway": (5, "IIoT gateway")
            case "network_device": (5, "network device")
            default: (0, "")
            }
        guard points > 0 else { return nil }
        return RiskFactor(name: "criticality", points: points, detail: "role \(title)")
    }

    static func operationsFactor(_ exposure: ExposureEvidence) -> RiskFactor? {
        let total = exposure.dangerousOperations.values.reduce(0, +)
        guard total > 0 else { return nil }
        let points = min(10, 2.5 * log10(1 + Double(total)))
        let breakdown = exposure.dangerousOperations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
        let clients = exposure.dangerousClients == 1 ? "1 client" : "\(exposure.dangerousClients) clients"
        return RiskFactor(
            name: "dangerous_operations", points: (points * 10).rounded() / 10,
            detail: "receives \(total) dangerous operations from \(clients) (\(breakdown))")
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
