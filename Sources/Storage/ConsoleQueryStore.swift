/// Which assets the console lists: the filters of `/assets` and `/api/assets`, evaluated by the
/// store so that a page reads only its rows.
public struct AssetListQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        /// Highest risk score first (unassessed assets last), then by id.
        case risk
        case id
        /// By role, then id.
        case role
        /// Most recently seen first, then by id.
        case lastSeen = "last_seen"
    }

    /// Lowercase text found in the id, name, vendor, role or an address (compared case-folded).
    public var search: String?
    public var role: String?
    public var purdueLevel: Int?
    /// Lowercase text found in the vendor.
    public var vendor: String?
    /// Only assets that speak this protocol, as client or server.
    public var protocolName: String?
    /// Only these assets (the console decides zone membership with its zone map); nil: no limit.
    public var ids: Set<String>?
    public var sort = Sort.risk
    public var limit = 50
    public var offset = 0
    public init() {}
}

/// One page of the asset list with the risk of each asset on it and how many match in all.
public struct AssetListPage: Sendable, Equatable {
    public var assets: [StoredAsset]
    /// Risk by asset id, for the assets on the page that were assessed.
    public var risks: [String: StoredAssetRisk]
    public var total: Int
    public init(assets: [StoredAsset], risks: [String: StoredAssetRisk], total: Int) {
        self.assets = assets
        self.risks = risks
        self.total = total
    }
}

/// The reads behind the console's pages and API: single rows, pages, counts and aggregates, so
/// that a request costs what it shows rather than the size of the store.
public protocol ConsoleQueryStore: AnyObject, Sendable {
    func asset(id: String) throws(StoreError) -> StoredAsset?
    /// Assets matching `query`, in its order, one page of them.
    func assetList(_ query: AssetListQuery) throws(StoreError) -> AssetListPage
    /// Assets per role.
    func assetCountsByRole() throws(StoreError) -> [String: Int]
    /// Assets per Purdue level (nil: undecided).
    func assetCountsByLevel() throws(StoreError) -> [Int?: Int]
    /// Edges the asset is the client or the server of, most recently seen first.
    func communicationEdges(ofAsset id: String, limit: Int?) throws(StoreError) -> [StoredEdge]
    func assetRisk(id: String) throws(StoreError) -> StoredAssetRisk?
    /// The riskiest assets, highest score first, optionally only those scoring above `minimumScore`.
    func assetRisks(limit: Int, scoreAbove minimumScore: Double?) throws(StoreError) -> [StoredAssetRisk]
    /// Assessed assets per risk level.
    func riskLevelCounts() throws(StoreError) -> [String: Int]
    /// One page of `vulnerabilityMatches(assetID:)`, in the same order.
    func vulnerabilityMatches(assetID: String?, limit: Int, offset: Int) throws(StoreError)
        -> [StoredVulnerabilityMatch]
    func vulnerabilityMatchCount(assetID: String?) throws(StoreError) -> Int
    /// Assets with at least one advisory match.
    func vulnerableAssetCount() throws(StoreError) -> Int
    /// Last time and severity of the `limit` most recently active alerts (those `alerts(_:)` lists),
    /// newest first: what the overview's chart draws.
    func alertActivity(limit: Int) throws(StoreError) -> [(time: Int64, severity: String)]
    /// A token that changes whenever what `loadObservations` and `events` give may have changed (a
    /// source written to, added or deleted; events added or aged out), so that the console can keep
    /// what it rebuilt from them (the access views, the zone findings) until then.
    func observationVersion() throws(StoreError) -> String
    /// Protocol names on the map's edges, sorted.
    func edgeProtocols() throws(StoreError) -> [String]
    /// Every asset's id and addresses, for deciding zone membership outside the store.
    func assetAddresses() throws(StoreError) -> [(id: String, addresses: [String])]
    /// The map added up by Purdue level and zone (`MapZone`): assets per level, zone and role, and
    /// edges per pair of level and zone, counting only assets with `role` (when given) and, with
    /// `protocolName`, only its edges and the assets they join.
    func mapGroups(protocolName: String?, role: String?) throws(StoreError) -> (
        groups: [MapGroup], links: [MapGroupLink]
    )
}
