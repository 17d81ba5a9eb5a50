import Foundation

/// The outcome of matching one advisory to one device.
public enum MatchOutcome: String, Sendable, Codable {
    /// The product and the version are in an affected range.
    case affected
    /// The product may be affected: the version is unknown or could not be compared, a bound
    /// could not be parsed or carries a condition, or only the product line matches.
    case possible
    /// The product matches but the version is in a `fixed` range.
    case notAffected = "not_affected"
}

public struct AdvisoryMatch: Sendable {
    public var advisory: Advisory
    public var outcome: MatchOutcome
    /// In words: which product, how it matched, and the version check.
    public var reason: String
    /// The advisory products that matched the device.
    public var productIDs: [String]
    public var cves: [String]
    public var maximumCVSS: Double?
    public var cvssVector: String?
    public var isKnownExploited: Bool
    public var remediations: [AdvisoryRemediation]
}

/// Matches device identities to advisories: the vendor (through `VendorAliases`), each product of
/// the advisory (`ProductMatcher`), then the version (`VersionRange`) of the products listed as
/// affected or fixed.
public struct AdvisoryMatcher: Sendable {
    public var advisories: [Advisory]

    public init(advisories: [Advisory]) { self.advisories = advisories }

    /// Matching advisories, affected first, then by CVSS; `not_affected` only when asked.
    public func matches(for identity: DeviceIdentity, includeNotAffected: Bool = false) -> [AdvisoryMatch] {
        let vendors = identity.canonicalVendors
        guard !vendors.isEmpty else { return [] }
        let results = advisories.compactMap { match(identity, vendors: vendors, $0) }
            .filter { includeNotAffected || $0.outcome != .notAffected }
        return results.sorted { left, right in
            if left.outcome != right.outcome { return left.outcome == .affected }
            if (left.maximumCVSS ?? 0) != (right.maximumCVSS ?? 0) {
                return (left.maximumCVSS ?? 0) > (right.maximumCVSS ?? 0)
            }
            return left.advisory.id < right.advisory.id
        }
    }

    private struct ProductFinding {
        var product: AdvisoryProduct
        var productMatch: ProductMatch
        var outcome: MatchOutcome
        var versionReason: String
    }

    func match(_ identity: DeviceIdentity, vendors: Set<String>, _ advisory: Advisory) -> AdvisoryMatch? {
        var affectedIDs: Set<String> = []
        var fixedIDs: Set<String> = []
        for vulnerability in advisory.vulnerabilities {
            affectedIDs.formUnion(vulnerability.affectedProductIDs)
            fixedIDs.formUnion(vulnerability.fixedProductIDs)
        }
        var findings: [ProductFinding] = []
        for product in advisory.products {
            let isAffected = affectedIDs.contains(product.productID)
            let isFixed = fixedIDs.contains(product.productID)
            guard isAffected || isFixed else { continue }
            let productVendors = VendorAliases.canonicalVendors(product.vendor ?? advisory.vendors.first ?? "")
            guard !productVendors.isDisjoint(with: vendors) else { continue }
            guard let productMatch = ProductMatcher.match(identity, product) else { continue }
            let range = VersionRange(parsing: product.version ?? "vers:all/*")
            let verdict = range.contains(identity.firmware)
            let versionText = identity.firmware ?? "unknown"
            if isFixed {
                if verdict == .inRange {
                    findings.append(
                        ProductFinding(
                            product: product, productMatch: productMatch, outcome: .notAffected,
                            versionReason: "firmware \(versionText) is a fixed version ('\(range.original)')"))
                }
                continue
            }
            switch verdict {
            case .inRange:
                let outcome: MatchOutcome = productMatch.strength == .family ? .possible : .affected
                findings.append(
                    ProductFinding(
                        product: product, productMatch: productMatch, outcome: outcome,
                        versionReason: range.coversAllVersions
                            ? "all versions are affected" : "firmware \(versionText) is in '\(range.original)'"))
            case .inRangeIf(let condition):
                findings.append(
                    ProductFinding(
                        product: product, productMatch: productMatch, outcome: .possible,
                        versionReason: "firmware \(versionText) is in '\(range.original)' only if: \(condition)"))
            case .unknown(let why):
                findings.append(
                    ProductFinding(product: product, productMatch: productMatch, outcome: .possible, versionReason: why)
                )
            case .outOfRange:
                continue
            }
        }
        guard !findings.isEmpty else { return nil }
        // A version in a fixed range is never reported as affected.
        let outcome: MatchOutcome =
            findings.contains(where: { $0.outcome == .notAffected })
            ? .notAffected : findings.contains(where: { $0.outcome == .affected }) ? .affected : .possible
        let decisive = findings.filter { $0.outcome == outcome }
            .sorted { $0.productMatch.strength > $1.productMatch.strength }
        let first = decisive[0]
        var reason =
            "\(first.product.productName ?? first.product.name): \(first.productMatch.reason); \(first.versionReason)"
        if decisive.count > 1 { reason += " (and \(decisive.count - 1) more product entries)" }
        let productIDs = decisive.map(\.product.productID)
        let productSet = Set(productIDs)

        let vulnerabilities = advisory.vulnerabilities.filter { vulnerability in
            outcome == .notAffected
                ? !productSet.isDisjoint(with: vulnerability.fixedProductIDs)
                : !productSet.isDisjoint(with: vulnerability.affectedProductIDs)
        }
        let scores = vulnerabilities.flatMap(\.scores).filter {
            $0.productIDs.isEmpty || !productSet.isDisjoint(with: $0.productIDs)
        }
        let best = scores.max {
            ($0.cvssV3BaseScore ?? $0.cvssV4BaseScore ?? 0) < ($1.cvssV3BaseScore ?? $1.cvssV4BaseScore ?? 0)
        }
        var remediations: [AdvisoryRemediation] = []
        for remediation in vulnerabilities.flatMap(\.remediations)
        where remediation.productIDs.isEmpty || !productSet.isDisjoint(with: remediation.productIDs) {
            if !remediations.contains(where: {
                $0.category == remediation.category && $0.details == remediation.details
            }) {
                remediations.append(remediation)
            }
        }
        return AdvisoryMatch(
            advisory: advisory, outcome: outcome, reason: reason, productIDs: productIDs,
            cves: vulnerabilities.compactMap(\.cve),
            maximumCVSS: best.flatMap { $0.cvssV3BaseScore ?? $0.cvssV4BaseScore },
            cvssVector: best.flatMap { $0.cvssV3Vector ?? $0.cvssV4Vector },
            isKnownExploited: vulnerabilities.contains(where: \.isKnownExploited), remediations: remediations)
    }
}
