/// One inventory asset as the assessment needs it: what it is (identity, role) and where it sits.
public struct AssessedAsset: Sendable {
    public var peer: ExposurePeer
    /// Nil when the asset reports nothing a product can be matched on (no product, model or
    /// order number): it gets a risk score but no advisory.
    public var identity: DeviceIdentity?
    /// Names, product and model in one text, for recognising safety systems.
    public var identityText: String

    public init(peer: ExposurePeer, identity: DeviceIdentity?, identityText: String) {
        self.peer = peer
        self.identity = identity
        self.identityText = identityText
    }
}

/// The outcome for one asset: its advisories and its risk.
public struct AssetAssessment: Sendable {
    public var asset: AssessedAsset
    public var matches: [AdvisoryMatch]
    public var exposure: ExposureEvidence
    public var risk: AssetRisk
}

/// Matches every asset of an inventory to the advisories and scores its risk.
public enum InventoryAssessor {
    public static func assess(
        assets: [AssessedAsset], edges: [ExposureEdge], matcher: AdvisoryMatcher,
        zoneOf: (@Sendable (String) -> String?)? = nil
    ) -> [AssetAssessment] {
        let exposure = ExposureAnalysis(peers: assets.map(\.peer), edges: edges, zoneOf: zoneOf)
        return assets.map { asset in
            let matches = asset.identity.map { matcher.matches(for: $0) } ?? []
            let evidence = exposure.evidence(for: asset.peer.id)
            let risk = RiskScorer.score(
                RiskInputs(
                    assetID: asset.peer.id, role: asset.peer.role, identityText: asset.identityText, matches: matches,
                    exposure: evidence))
            return AssetAssessment(asset: asset, matches: matches, exposure: evidence, risk: risk)
        }
        .sorted { ($0.risk.score, $1.asset.peer.id) > ($1.risk.score, $0.asset.peer.id) }
    }
}
