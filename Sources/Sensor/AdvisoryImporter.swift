import Foundation
import Storage
import Vulnerabilities

/// What `palisade vulns import` did.
public struct AdvisoryImportReport: Sendable {
    public var filesRead = 0
    public var added = 0
    public var updated = 0
    /// Advisories already stored in the same or a newer revision.
    public var unchanged = 0
    public var skipped: [SkippedAdvisory] = []
    /// Entries of the KEV catalog imported (nil: none was given).
    public var knownExploitedEntries: Int?
    /// Stored advisories with a CVE in the KEV catalog after the import.
    public var knownExploitedAdvisories = 0
}

/// Imports CSAF advisories and the CISA KEV catalog into the store.
///
/// Each path is one of: a CSAF folder (searched recursively), `.zip`, `.tar.gz` or `.json`; the
/// KEV catalog (a JSON file with a `vulnerabilities` array of `cveID`s, or a folder holding
/// `known_exploited_vulnerabilities.json`); or a reference-data folder holding `csaf/` and/or
/// `kev/`. Importing again is idempotent: a stored advisory is replaced only by a newer copy
/// (later `current_release_date`, then higher revision).
public enum AdvisoryImporter {
    public static let catalogFileName = "known_exploited_vulnerabilities.json"
    /// Advisories written per transaction: the progress shows and memory stays flat.
    static let batchSize = 200

    public enum ImportError: Error, CustomStringConvertible {
        /// The reason names the path.
        case unreadable(String)
        case store(StoreError)
        public var description: String {
            switch self {
            case .unreadable(let reason): reason
            case .store(let error): "\(error)"
            }
        }
    }

    /// `progress` receives the number of advisory files read so far.
    public static func importPaths(
        _ paths: [String], into store: any VulnerabilityStore, progress: (Int) -> Void = { _ in }
    ) throws(ImportError) -> AdvisoryImportReport {
        var report = AdvisoryImportReport()
        var advisoryPaths: [String] = []
        var catalogPaths: [String] = []
        for path in paths {
            switch classify(path) {
            case .advisories: advisoryPaths.append(path)
            case .catalog(let file): catalogPaths.append(file)
            case .dataFolder(let csaf, let catalog):
                if let csaf { advisoryPaths.append(csaf) }
                if let catalog { catalogPaths.append(catalog) }
            }
        }
        // The catalog first, so that advisories are flagged as they are written.
        for path in catalogPaths {
            let catalog: KnownExploitedCatalog
            do { catalog = try KnownExploitedCatalog.load(path: path) } catch {
                throw .unreadable("\(error)")
            }
            do {
                try store.replaceKnownExploited(catalog.dateAdded, version: catalog.catalogVersion)
            } catch { throw .store(error) }
            report.knownExploitedEntries = catalog.dateAdded.count
        }
        var stored: [String: StoredAdvisoryVersion]
        do { stored = try store.advisoryVersions() } catch { throw .store(error) }
        for path in advisoryPaths {
            var pending: [StoredAdvisory] = []
            func flush() -> ImportError? {
                defer { pending.removeAll(keepingCapacity: true) }
                do { try store.saveAdvisories(pending) } catch { return .store(error) }
                return nil
            }
            var failure: ImportError?
            do {
                try AdvisoryCollection.forEachAdvisory(at: path) { result in
                    guard failure == nil else { return }
                    report.filesRead += 1
                    progress(report.filesRead)
                    switch result {
                    case .skipped(let skipped): report.skipped.append(skipped)
                    case .advisory(let advisory):
                        if let existing = stored[advisory.id] {
                            let existingCopy = Advisory(
                                id: advisory.id, title: "", currentReleaseDate: existing.currentRelease,
                                revision: existing.revision)
                            guard AdvisoryCollection.isNewer(advisory, than: existingCopy) else {
                                report.unchanged += 1
                                return
                            }
                            report.updated += 1
                        } else {
                            report.added += 1
                        }
                        stored[advisory.id] = StoredAdvisoryVersion(
                            currentRelease: advisory.currentReleaseDate, revision: advisory.revision)
                        pending.append(record(advisory))
                        if pending.count >= batchSize {
                            failure = flush()
                        }
                    }
                }
            } catch {
                throw .unreadable("\(error)")
            }
            if let failure = failure ?? flush() { throw failure }
        }
        // Counted at the end: advisories written after the catalog are flagged as they are written.
        do {
            let catalog = try store.knownExploited()
            if !catalog.isEmpty {
                report.knownExploitedAdvisories = try store.replaceKnownExploited(catalog, version: nil)
            }
        } catch { throw .store(error) }
        return report
    }

    /// The stored form of a parsed advisory.
    public static func record(_ advisory: Advisory) -> StoredAdvisory {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = (try? encoder.encode(advisory)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var cves: [StoredAdvisoryCVE] = []
        var seen: Set<String> = []
        for vulnerability in advisory.vulnerabilities {
            guard let cve = vulnerability.cve?.uppercased(), seen.insert(cve).inserted else { continue }
            let score = vulnerability.scores.max {
                ($0.cvssV3BaseScore ?? $0.cvssV4BaseScore ?? 0) < ($1.cvssV3BaseScore ?? $1.cvssV4BaseScore ?? 0)
            }
            cves.append(
                StoredAdvisoryCVE(
                    cve: cve, cvss: score.flatMap { $0.cvssV3BaseScore ?? $0.cvssV4BaseScore },
                    cvssVector: score.flatMap { $0.cvssV3Vector ?? $0.cvssV4Vector }, cwe: vulnerability.cweID))
        }
        return StoredAdvisory(
            id: advisory.id, title: advisory.title, publisher: advisory.publisher,
            initialRelease: advisory.initialReleaseDate, currentRelease: advisory.currentReleaseDate,
            revision: advisory.revision, vendors: advisory.vendors, cves: cves, maximumCVSS: advisory.maximumCVSS,
            source: advisory.source, documentJSON: document)
    }

    /// The stored advisories parsed back, flagged with the stored KEV catalog. A row whose
    /// document does not decode (written by a future version, or damaged) is left out.
    public static func loadMatcher(from store: any VulnerabilityStore) throws(StoreError) -> AdvisoryMatcher {
        let catalog = KnownExploitedCatalog(cves: try store.knownExploited())
        let decoder = JSONDecoder()
        let advisories = try store.advisories().compactMap { row -> Advisory? in
            guard var advisory = try? decoder.decode(Advisory.self, from: Data(row.documentJSON.utf8)) else {
                return nil
            }
            catalog.flag(&advisory)
            return advisory
        }
        return AdvisoryMatcher(advisories: advisories)
    }

    enum PathKind {
        case advisories
        case catalog(String)
        case dataFolder(csaf: String?, catalog: String?)
    }

    static func classify(_ path: String) -> PathKind {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return .advisories }
        if isDirectory.boolValue {
            let csaf = path + "/csaf"
            let kevFolder = path + "/kev/" + catalogFileName
            let kevHere = path + "/" + catalogFileName
            if manager.fileExists(atPath: kevHere) { return .catalog(kevHere) }
            let hasCSAF = manager.fileExists(atPath: csaf)
            let hasCatalog = manager.fileExists(atPath: kevFolder)
            if hasCSAF || hasCatalog {
                return .dataFolder(csaf: hasCSAF ? csaf : nil, catalog: hasCatalog ? kevFolder : nil)
            }
            return .advisories
        }
        if path.lowercased().hasSuffix(".json"), isCatalog(path) { return .catalog(path) }
        return .advisories
    }

    /// A KEV catalog names itself in its first bytes (`catalogVersion`, `cveID`); a CSAF document
    /// starts with `document`.
    static func isCatalog(_ path: String) -> Bool {
        if (path as NSString).lastPathComponent == catalogFileName { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        return head.contains("\"catalogVersion\"") && !head.contains("\"csaf_version\"")
    }
}
