import Foundation

/// Why an advisory file was not loaded: one line naming the file and the reason.
public struct SkippedAdvisory: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public var description: String { "\(source): skipped: \(reason)" }
}

/// Reads CSAF 2.0 documents (https://docs.oasis-open.org/csaf/csaf/v2.0/) from untrusted bytes.
///
/// Uses `JSONSerialization` and reads each field defensively rather than `Codable`: one field of
/// an unexpected type (CISA's generator has a few) must not lose the whole advisory.
public enum CSAFParser {
    /// Larger documents are refused: the biggest CISA advisory is under 2 MiB.
    public static let maximumDocumentBytes = 32 << 20
    /// Product trees deeper than this are cut (CSAF nests vendor/family/product/version: 4).
    static let maximumBranchDepth = 16
    static let maximumProducts = 100_000

    public enum ParseError: Error, CustomStringConvertible {
        case tooLarge(Int)
        case invalidJSON(String)
        case notAnObject
        case missingTrackingID
        case noProductTree
        case notCSAF(String)
        public var description: String {
            switch self {
            case .tooLarge(let size): "document of \(size) bytes exceeds \(CSAFParser.maximumDocumentBytes)"
            case .invalidJSON(let reason): "invalid JSON (\(reason))"
            case .notAnObject: "top level is not a JSON object"
            case .missingTrackingID: "missing document.tracking.id"
            case .noProductTree: "no product tree (product_tree.branches)"
            case .notCSAF(let version): "not a CSAF 2.0 document (csaf_version \(version))"
            }
        }
    }

    public static func parse(_ data: Data, source: String) throws(ParseError) -> Advisory {
        guard data.count <= maximumDocumentBytes else { throw .tooLarge(data.count) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .invalidJSON(Self.shortReason(error))
        }
        guard let root = object as? [String: Any] else { throw .notAnObject }
        let document = root["document"] as? [String: Any] ?? [:]
        if let version = document["csaf_version"] as? String, !version.hasPrefix("2.") { throw .notCSAF(version) }
        let tracking = document["tracking"] as? [String: Any] ?? [:]
        guard let id = string(tracking["id"])?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else {
            throw .missingTrackingID
        }
        guard let tree = root["product_tree"] as? [String: Any],
            let branches = tree["branches"] as? [Any], !branches.isEmpty
        else { throw .noProductTree }

        var products: [AdvisoryProduct] = []
        var vendors: [String] = []
        collectProducts(branches, path: ProductPath(), depth: 0, into: &products, vendors: &vendors)
        for entry in tree["full_product_names"] as? [Any] ?? [] {
            guard let product = entry as? [String: Any], let productID = string(product["product_id"]) else { continue }
            products.append(leafProduct(product, productID: productID, path: ProductPath()))
        }

        let vulnerabilities = (root["vulnerabilities"] as? [Any] ?? []).compactMap { entry in
            (entry as? [String: Any]).map(parseVulnerability)
        }
        let publisher = (document["publisher"] as? [String: Any]).flatMap { string($0["name"]) }
        return Advisory(
            id: id, title: string(document["title"]) ?? id, publisher: publisher,
            initialReleaseDate: string(tracking["initial_release_date"]),
            currentReleaseDate: string(tracking["current_release_date"]), revision: string(tracking["version"]),
            vendors: vendors, products: products, vulnerabilities: vulnerabilities, source: source)
    }

    private struct ProductPath {
        var vendor: String?
        var family: String?
        var productName: String?
        var version: String?
        var versionIsRange = false
    }

    private static func collectProducts(
        _ branches: [Any], path: ProductPath, depth: Int, into products: inout [AdvisoryProduct],
        vendors: inout [String]
    ) {
        guard depth < maximumBranchDepth else { return }
        for entry in branches {
            guard products.count < maximumProducts, let branch = entry as? [String: Any] else { continue }
            var path = path
            let name = string(branch["name"]) ?? ""
            switch string(branch["category"]) ?? "" {
            case "vendor":
                path.vendor = name
                if !vendors.contains(name) { vendors.append(name) }
            case "product_family": path.family = path.family.map { $0 + " " + name } ?? name
            case "product_name": path.productName = name
            case "product_version":
                path.version = name
                path.versionIsRange = false
            case "product_version_range":
                path.version = name
                path.versionIsRange = true
            default: break
            }
            if let product = branch["product"] as? [String: Any], let productID = string(product["product_id"]) {
                products.append(leafProduct(product, productID: productID, path: path))
            }
            if let children = branch["branches"] as? [Any] {
                collectProducts(children, path: path, depth: depth + 1, into: &products, vendors: &vendors)
            }
        }
    }

    private static func leafProduct(_ product: [String: Any], productID: String, path: ProductPath) -> AdvisoryProduct {
        let helper = product["product_identification_helper"] as? [String: Any] ?? [:]
        let models = (helper["model_numbers"] as? [Any] ?? []).compactMap { string($0) }
        return AdvisoryProduct(
            productID: productID, name: string(product["name"]) ?? path.productName ?? productID,
            vendor: path.vendor, family: path.family, productName: path.productName, version: path.version,
            versionIsRange: path.versionIsRange, modelNumbers: models, cpe: string(helper["cpe"]))
    }

    private static func parseVulnerability(_ vulnerability: [String: Any]) -> AdvisoryVulnerability {
        let status = vulnerability["product_status"] as? [String: Any] ?? [:]
        func ids(_ keys: String...) -> [String] {
            keys.flatMap { (status[$0] as? [Any] ?? []).compactMap { string($0) } }
        }
        let cwe = vulnerability["cwe"] as? [String: Any]
        let scores = (vulnerability["scores"] as? [Any] ?? []).compactMap { entry -> AdvisoryScore? in
            guard let score = entry as? [String: Any] else { return nil }
            let v3 = score["cvss_v3"] as? [String: Any]
            let v4 = score["cvss_v4"] as? [String: Any]
            return AdvisoryScore(
                cvssV3BaseScore: number(v3?["baseScore"]), cvssV3Vector: string(v3?["vectorString"]),
                cvssV4BaseScore: number(v4?["baseScore"]), cvssV4Vector: string(v4?["vectorString"]),
                productIDs: (score["products"] as? [Any] ?? []).compactMap { string($0) })
        }
        let remediations = (vulnerability["remediations"] as? [Any] ?? []).compactMap {
            entry -> AdvisoryRemediation? in
            guard let remediation = entry as? [String: Any] else { return nil }
            return AdvisoryRemediation(
                category: string(remediation["category"]) ?? "", details: string(remediation["details"]) ?? "",
                url: string(remediation["url"]),
                productIDs: (remediation["product_ids"] as? [Any] ?? []).compactMap { string($0) })
        }
        return AdvisoryVulnerability(
            cve: string(vulnerability["cve"]), title: string(vulnerability["title"]),
            cweID: cwe.flatMap { string($0["id"]) }, cweName: cwe.flatMap { string($0["name"]) },
            affectedProductIDs: ids("known_affected", "first_affected", "last_affected"),
            fixedProductIDs: ids("fixed", "first_fixed"), notAffectedProductIDs: ids("known_not_affected"),
            scores: scores, remediations: remediations)
    }

    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    private static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: number.doubleValue
        case let text as String: Double(text)
        default: nil
        }
    }

    private static func shortReason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return String(text.prefix(120))
    }
}
