import Foundation

/// The advisories loaded from one or more paths, one copy per advisory id: loading the same
/// advisory again keeps the newer `current_release_date` (then the higher revision).
public struct AdvisoryCollection: Sendable {
    public private(set) var advisories: [String: Advisory] = [:]
    public private(set) var skipped: [SkippedAdvisory] = []
    /// Files read, loaded or not (a replaced older copy counts as read).
    public private(set) var filesRead = 0

    public init() {}

    public var sortedAdvisories: [Advisory] { advisories.values.sorted { $0.id < $1.id } }

    /// Loads every `.json` under `path` (folder, `.zip`, `.tar.gz`); a bad file is recorded in
    /// `skipped` and the rest loads. Throws only when the path itself cannot be read.
    public mutating func load(path: String, knownExploited: KnownExploitedCatalog? = nil) throws -> Int {
        var loaded = 0
        try Self.forEachAdvisory(at: path) { result in
            filesRead += 1
            switch result {
            case .skipped(let skipped): self.skipped.append(skipped)
            case .advisory(var advisory):
                knownExploited?.flag(&advisory)
                insert(advisory)
                loaded += 1
            }
        }
        return loaded
    }

    /// One file read: the advisory, or why it was skipped.
    public enum ReadResult: Sendable {
        case advisory(Advisory)
        case skipped(SkippedAdvisory)
    }

    /// Parses every `.json` under `path` one at a time, so that a caller can store them as they
    /// come instead of holding all. Throws only when the path itself cannot be read.
    public static func forEachAdvisory(at path: String, _ body: (ReadResult) -> Void) throws {
        try AdvisoryArchive.forEachJSON(at: path) { member in
            guard let data = member.data else {
                body(.skipped(SkippedAdvisory(source: member.name, reason: member.problem ?? "unreadable")))
                return
            }
            do {
                body(.advisory(try CSAFParser.parse(data, source: member.name)))
            } catch {
                body(.skipped(SkippedAdvisory(source: member.name, reason: "\(error)")))
            }
        }
    }

    /// Keeps the newer copy of an advisory id.
    public mutating func insert(_ advisory: Advisory) {
        if let existing = advisories[advisory.id], !Self.isNewer(advisory, than: existing) { return }
        advisories[advisory.id] = advisory
    }

    /// Whether `candidate` is a later copy: a later `current_release_date`, then a higher revision.
    public static func isNewer(_ candidate: Advisory, than existing: Advisory) -> Bool {
        let candidateDate = candidate.currentReleaseDate ?? ""
        let existingDate = existing.currentReleaseDate ?? ""
        // ISO 8601 timestamps in one format compare as text.
        if candidateDate != existingDate { return candidateDate > existingDate }
        let candidateRevision = VendorVersion.parse(candidate.revision ?? "")
        let existingRevision = VendorVersion.parse(existing.revision ?? "")
        if let candidateRevision, let existingRevision { return candidateRevision > existingRevision }
        return false
    }
}
