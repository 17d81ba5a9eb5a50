/// One CSAF 2.0 security advisory, reduced to what matching and reporting need.
public struct Advisory: Sendable, Hashable, Codable {
    /// `document.tracking.id`, e.g. `ICSA-24-226-07`.
    public var id: String
    public var title: String
    public var publisher: String?
    public var initialReleaseDate: String?
    public var currentReleaseDate: String?
    /// `document.tracking.version` (the revision), compared numerically when ids collide.
    public var revision: String?
    /// Vendor names as written in the product tree (not normalised).
    public var vendors: [String]
    public var products: [AdvisoryProduct]
    public var vulnerabilities: [AdvisoryVulnerability]
    /// File the advisory was read from (a path, or `archive!member`).
    public var source: String

    public var cves: [String] { vulnerabilities.compactMap(\.cve) }

    /// Highest CVSS base score over all vulnerabilities (v3 preferred, v4 when v3 is absent).
    public var maximumCVSS: Double? {
        vulnerabilities.flatMap(\.scores).compactMap { $0.cvssV3BaseScore ?? $0.cvssV4BaseScore }.max()
    }

    public var isKnownExploited: Bool { vulnerabilities.contains(where: \.isKnownExploited) }

    public init(
        id: String, title: String, publisher: String? = nil, initialReleaseDate: String? = nil,
        currentReleaseDate: String? = nil, revision: String? = nil, vendors: [String] = [],
        products: [AdvisoryProduct] = [], vulnerabilities: [AdvisoryVulnerability] = [], source: String = ""
    ) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.initialReleaseDate = initialReleaseDate
        self.currentReleaseDate = currentReleaseDate
        self.revision = revision
        self.vendors = vendors
        self.products = products
        self.vulnerabilities = vulnerabilities
        self.source = source
    }
}

/// A leaf of the product tree: the branch path flattened, keyed by its product id.
public struct AdvisoryProduct: Sendable, Hashable, Codable {
    public var productID: String
    /// `product.name`, the full display name.
    public var name: String
    public var vendor: String?
    public var family: String?
    /// The `product_name` branch.
    public var productName: String?
    /// The `product_version` / `product_version_range` branch name: the version expression.
    public var version: String?
    /// True when the version branch is `product_version_range` (else an exact `product_version`).
    public var versionIsRange: Bool
    public var modelNumbers: [String]
    public var cpe: String?

    public init(
        productID: String, name: String, vendor: String? = nil, family: String? = nil, productName: String? = nil,
        version: String? = nil, versionIsRange: Bool = false, modelNumbers: [String] = [], cpe: String? = nil
    ) {
        self.productID = productID
        self.name = name
        self.vendor = vendor
        self.family = family
        self.productName = productName
        self.version = version
        self.versionIsRange = versionIsRange
        self.modelNumbers = modelNumbers
        self.cpe = cpe
    }
}

public struct AdvisoryScore: Sendable, Hashable, Codable {
    public var cvssV3BaseScore: Double?
    public var cvssV3Vector: String?
    public var cvssV4BaseScore: Double?
    public var cvssV4Vector: String?
    public var productIDs: [String]
}

public struct AdvisoryRemediation: Sendable, Hashable, Codable {
    /// `vendor_fix`, `mitigation`, `workaround`, `none_available`, `no_fix_planned`.
    public var category: String
    public var details: String
    public var url: String?
    public var productIDs: [String]
}

public struct AdvisoryVulnerability: Sendable, Hashable, Codable {
    public var cve: String?
    public var title: String?
    public var cweID: String?
    public var cweName: String?
    /// `product_status.known_affected` (plus `first_affected`/`last_affected`).
    public var affectedProductIDs: [String]
    /// `product_status.fixed` (plus `first_fixed`).
    public var fixedProductIDs: [String]
    public var notAffectedProductIDs: [String]
    public var scores: [AdvisoryScore]
    public var remediations: [AdvisoryRemediation]
    /// The CVE is in the CISA Known Exploited Vulnerabilities catalog.
    public var isKnownExploited: Bool = false
}
