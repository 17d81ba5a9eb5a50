import Foundation

@testable import Vulnerabilities

/// Paths to the shared CISA subset and this target's fixtures.
enum TestData {
    static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `../shared/data` next to the repository (the worktree's parent holds `shared/`).
    static var sharedData: String? {
        var candidates: [String] = []
        if let environment = ProcessInfo.processInfo.environment["PALISADE_DATA"] { candidates.append(environment) }
        candidates.append(sourceRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path)
        candidates.append("../shared/data")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/csaf") }
    }

    static var csafFolder: String? { sharedData.map { $0 + "/csaf" } }

    static func advisory(_ relativePath: String) throws -> Advisory {
        guard let folder = csafFolder else { throw MissingData() }
        let path = folder + "/" + relativePath
        guard let data = FileManager.default.contents(atPath: path) else { throw MissingData() }
        return try CSAFParser.parse(data, source: path)
    }

    struct MissingData: Error {}

    /// Every advisory of the shared subset, flagged from the KEV catalog; loaded once.
    static let collection: AdvisoryCollection? = {
        guard let data = sharedData else { return nil }
        let catalog = try? KnownExploitedCatalog.load(path: data + "/kev/known_exploited_vulnerabilities.json")
        var collection = AdvisoryCollection()
        guard (try? collection.load(path: data + "/csaf", knownExploited: catalog)) != nil else { return nil }
        return collection
    }()
}
