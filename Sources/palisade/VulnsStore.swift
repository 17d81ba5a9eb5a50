import ArgumentParser
import AssetInventory
import Foundation
import Monitor
import SQLiteStore
import Segmentation
import Sensor
import Storage
import Vulnerabilities

struct VulnsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CSAF advisories and the CISA KEV catalog into the store, then assess the inventory.",
        discussion: """
            Each PATH is a CSAF folder (searched recursively), a .zip, a .tar.gz or a .json advisory; the KEV \
            catalog (known_exploited_vulnerabilities.json, or its folder); or a reference-data folder holding \
            csaf/ and kev/. With no PATH, the reference-data folder (--data, $PALISADE_DATA, ./data, \
            ../shared/data). Importing again is idempotent: an advisory is replaced only by a newer copy. \
            Malformed advisories are skipped with a line saying which file and why; the rest imports.
            """)

    @Argument(help: "Advisory folders, archives, files, or the KEV catalog.") var paths: [String] = []
    @OptionGroup var storeOptions: StoreOptions
    @Option(
        name: .customLong("data"),
        help: "Reference data folder used when no PATH is given; default: $PALISADE_DATA, ./data, ../shared/data.")
    var dataDirectory: String?

    func run() throws {
        var sources = paths
        if sources.isEmpty {
            guard
                let folder = ReferenceData.candidateDirectories(explicit: dataDirectory).first(where: {
                    FileManager.default.fileExists(atPath: $0 + "/csaf")
                })
            else {
                printError("palisade: no PATH given and no reference data folder with csaf/ found; pass PATH or --data")
                throw ExitCode(2)
            }
            sources = [folder]
        }
        for path in sources where !FileManager.default.fileExists(atPath: path) {
            printError("palisade: \(path): no such file or folder")
            throw ExitCode(2)
        }
        let store = try storeOptions.open()
        let progress = CountingProgress(noun: "advisory files")
        let report: AdvisoryImportReport
        do {
            report = try AdvisoryImporter.importPaths(sources, into: store) { progress.update($0) }
        } catch {
            progress.finish()
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        progress.finish()
        for skipped in report.skipped { printError("palisade: \(skipped)") }
        var line =
            "advisories: \(report.filesRead) files read, \(report.added) added, \(report.updated) updated, \(report.unchanged) unchanged, \(report.skipped.count) skipped"
        if let entries = report.knownExploitedEntries { line += "; KEV catalog: \(entries) CVEs" }
        line += "; \(report.knownExploitedAdvisories) stored advisories have a known exploited CVE"
        print(line)
        let summary = try storeCall { try StoreAssessment.run(store: store) }
        print(assessmentLine(summary))
    }
}

func assessmentLine(_ summary: AssessmentSummary) -> String {
    let levels = RiskLevel.allCases.reversed().map { "\(summary.riskByLevel[$0.rawValue] ?? 0) \($0.rawValue)" }
        .joined(separator: ", ")
    return
        "assessed \(summary.assets) assets against \(summary.advisories) advisories: \(summary.identifiedAssets) with a matchable identity, \(summary.affectedAssets) affected, \(summary.possibleAssets) possibly affected; risk \(levels) (palisade vulns list)"
}

struct VulnsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Each asset's risk, its factors and matching advisories, from the store.",
        discussion: """
            Assesses the stored inventory against the stored advisories first (so that identities learned \
            since the last import count), unless --no-refresh. Import advisories with `palisade vulns import`.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this asset (its id, e.g. mac:00:1b:1b:77:02:20 or ip:10.0.0.5).") var asset: String?
    @Option(help: "Output format (table, json, csv).") var format: VulnsFormat = .table
    @Flag(help: "Also list assets without any advisory match.") var all = false
    @Flag(help: "Show the stored assessment without assessing again.") var noRefresh = false
    @Option(help: "Zones (YAML): risk counts peers in other zones; without it /24 subnets stand in.")
    var zones: String?

    struct AssetRecord: Encodable {
        var asset: String
        var role: String
        var addresses: [String]
        var name: String?
        var risk: RiskRecord?
        var matches: [MatchRow]
    }
    struct RiskRecord: Encodable {
        var score: Double
        var level: String
        var factors: [StoredRiskFactor]
        var assessed: String
    }
    struct MatchRow: Encodable {
        var advisory: String
        var title: String
        var match: String
        var reason: String
        var cves: [String]
        var maxCVSS: Double?
        var cvssVector: String?
        var kev: Bool
        var products: [String]
        var remediations: [String]
        enum CodingKeys: String, CodingKey {
            case advisory, title, match, reason, cves, kev, products, remediations
            case maxCVSS = "max_cvss"
            case cvssVector = "cvss_vector"
        }
        init(_ match: StoredVulnerabilityMatch) {
            advisory = match.advisoryID
            title = match.title
            self.match = match.outcome
            reason = match.reason
            cves = match.cves
            maxCVSS = match.maximumCVSS
            cvssVector = match.cvssVector
            kev = match.knownExploited
            products = match.products
            remediations = match.remediations
        }
    }

    func run() throws {
        let store = try storeOptions.open()
        if try storeCall({ try store.advisoryCount() }) == 0 {
            printError("palisade: the store has no advisories; run `palisade vulns import` first")
        }
        if !noRefresh {
            let lookup = try loadZoneLookup(zones)
            let summary = try storeCall { try StoreAssessment.run(store: store, zoneOf: lookup) }
            printError("palisade: " + assessmentLine(summary))
        }
        let assets = try storeCall { try store.assets() }
        guard asset == nil || assets.contains(where: { $0.id == asset }) else {
            printError("palisade: no asset \(asset ?? "") in \(storeOptions.database)")
            throw ExitCode(1)
        }
        let risks = Dictionary(
            try storeCall { try store.assetRisks() }.map { ($0.assetID, $0) }, uniquingKeysWith: { first, _ in first })
        let matches = Dictionary(
            grouping: try storeCall { try store.vulnerabilityMatches(assetID: asset) }, by: \.assetID)
        let byID = Dictionary(assets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Highest risk first; assets never assessed (no risk row) last.
        let ordered = assets.map(\.id).filter { asset == nil || $0 == asset }
            .filter { all || asset != nil || !(matches[$0] ?? []).isEmpty }
            .sorted { (risks[$0]?.score ?? -1, $1) > (risks[$1]?.score ?? -1, $0) }
        let records = ordered.compactMap { id -> AssetRecord? in
            guard let stored = byID[id] else { return nil }
            return AssetRecord(
                asset: id, role: stored.role, addresses: stored.addresses, name: stored.name,
                risk: risks[id].map {
                    RiskRecord(score: $0.score, level: $0.level, factors: $0.factors, assessed: rfc3339($0.assessedAt))
                }, matches: (matches[id] ?? []).map(MatchRow.init))
        }
        switch format {
        case .json: print(encodeJSON(records))
        case .csv: printCSV(records)
        case .table: printText(records)
        }
    }

    private func printCSV(_ records: [AssetRecord]) {
        print("asset,role,addresses,risk_score,risk_level,advisory,match,max_cvss,kev,cves,title,reason")
        for record in records {
            let head = [
                record.asset, record.role, record.addresses.joined(separator: " "),
                record.risk.map { String(format: "%.1f", $0.score) } ?? "", record.risk?.level ?? "",
            ]
            if record.matches.isEmpty {
                print((head + ["", "", "", "", "", "", ""]).map(csvField).joined(separator: ","))
            }
            for match in record.matches {
                let fields =
                    head + [
                        match.advisory, match.match, match.maxCVSS.map { String(format: "%.1f", $0) } ?? "",
                        match.kev ? "true" : "false", match.cves.joined(separator: " "), match.title, match.reason,
                    ]
                print(fields.map(csvField).joined(separator: ","))
            }
        }
    }

    private func printText(_ records: [AssetRecord]) {
        if records.isEmpty {
            print(asset == nil ? "no asset matches an advisory (--all lists every asset's risk)" : "no such asset")
            return
        }
        for record in records {
            let risk = record.risk.map { "risk \(String(format: "%.1f", $0.score)) \($0.level)" } ?? "not assessed"
            let name = record.name.map { " \($0)" } ?? ""
            print("\(record.asset)\(name) (\(record.role), \(record.addresses.joined(separator: ","))): \(risk)")
            for factor in record.risk?.factors ?? [] {
                print("  +\(String(format: "%4.1f", factor.points)) \(factor.name): \(factor.detail)")
            }
            if record.matches.isEmpty {
                print("  no advisory matches\n")
                continue
            }
            let rows = record.matches.map { match in
                [
                    "  " + match.advisory, match.match, match.maxCVSS.map { String(format: "%.1f", $0) } ?? "-",
                    match.kev ? "KEV" : "-",
                    match.cves.prefix(2).joined(separator: " ")
                        + (match.cves.count > 2 ? " +\(match.cves.count - 2)" : ""), match.title, match.reason,
                ]
            }
            printTable(["  ADVISORY", "MATCH", "CVSS", "KEV", "CVES", "TITLE", "REASON"], rows)
            print("")
        }
    }
}

/// A counter on standard error for work of unknown size (files inside archives), drawn only on
/// a terminal and at most every 50 items.
final class CountingProgress: @unchecked Sendable {
    private let noun: String
    private let enabled = SystemInfo.stderrIsTerminal
    private var drawn = false

    init(noun: String) { self.noun = noun }

    func update(_ count: Int) {
        guard enabled, count % 50 == 0 else { return }
        drawn = true
        let line = "\r\(count) \(noun) read"
        line.withCString { _ = write(2, $0, strlen($0)) }
    }

    func finish() {
        guard enabled, drawn else { return }
        "\r\u{1B}[K".withCString { _ = write(2, $0, strlen($0)) }
    }
}

/// The `--zones` file as an address → zone lookup; a bad file is one line and exit 2.
func loadZoneLookup(_ path: String?) throws -> (@Sendable (String) -> String?)? {
    guard let path else { return nil }
    do {
        return try ZonePolicyReader.load(path: path).addressZoneLookup
    } catch {
        printError("palisade: \(error)")
        throw ExitCode(2)
    }
}
