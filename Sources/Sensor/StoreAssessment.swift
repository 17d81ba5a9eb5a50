import AssetInventory
import Storage
import Vulnerabilities

/// What an assessment of the stored inventory found.
public struct AssessmentSummary: Sendable, Equatable {
    public var advisories = 0
    public var assets = 0
    /// Assets with an identity that advisories can be matched on.
    public var identifiedAssets = 0
    public var affectedAssets = 0
    public var possibleAssets = 0
    public var matches = 0
    public var riskByLevel: [String: Int] = [:]
}

/// Matches the stored inventory to the stored advisories, scores each asset's risk, and stores
/// both (replacing the previous assessment). Runs after `vulns import`, after a capture import,
/// before `vulns list`, and periodically in the sensor.
public enum StoreAssessment {
    /// `zoneOf` maps an address to its configured zone; without it subnets stand in.
    @discardableResult
    public static func run(
        store: any VulnerabilityStore & InventoryStore, now: Int64 = WallClock.nanoseconds(),
        zoneOf: (@Sendable (String) -> String?)? = nil
    ) throws(StoreError) -> AssessmentSummary {
        let matcher = try AdvisoryImporter.loadMatcher(from: store)
        let assets = try store.assets().compactMap(AssessedAsset.init(stored:))
        let edges = try store.communicationEdges().map(ExposureEdge.init(stored:))
        let assessments = InventoryAssessor.assess(assets: assets, edges: edges, matcher: matcher, zoneOf: zoneOf)
        var matches: [StoredVulnerabilityMatch] = []
        var risks: [StoredAssetRisk] = []
        var summary = AssessmentSummary()
        summary.advisories = matcher.advisories.count
        summary.assets = assessments.count
        for assessment in assessments {
            let id = assessment.asset.peer.id
            if assessment.asset.identity != nil { summary.identifiedAssets += 1 }
            if assessment.matches.contains(where: { $0.outcome == .affected }) {
                summary.affectedAssets += 1
            } else if !assessment.matches.isEmpty {
                summary.possibleAssets += 1
            }
            summary.matches += assessment.matches.count
            summary.riskByLevel[assessment.risk.level.rawValue, default: 0] += 1
            matches += assessment.matches.map { record($0, assetID: id) }
            risks.append(
                StoredAssetRisk(
                    assetID: id, score: assessment.risk.score, level: assessment.risk.level.rawValue,
                    factors: assessment.risk.factors.map {
                        StoredRiskFactor(name: $0.name, points: $0.points, detail: $0.detail)
                    }, assessedAt: now))
        }
        try store.replaceAssessment(matches: matches, risks: risks)
        return summary
    }

    public static func record(_ match: AdvisoryMatch, assetID: String) -> StoredVulnerabilityMatch {
        StoredVulnerabilityMatch(
            assetID: assetID, advisoryID: match.advisory.id, title: match.advisory.title,
            outcome: match.outcome.rawValue, reason: match.reason, cves: match.cves, maximumCVSS: match.maximumCVSS,
            cvssVector: match.cvssVector, knownExploited: match.isKnownExploited, products: match.productIDs,
            remediations: match.remediations.map { "\($0.category): \($0.details)" })
    }
}
