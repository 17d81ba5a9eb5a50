import ArgumentParser
import AssetInventory
import EventModel
import Foundation
import Monitor
import Sensor
import Vulnerabilities

struct VulnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vulns",
        abstract: "Match device identities to CISA CSAF advisories and the KEV catalog, offline, and score risk.",
        discussion: """
            `palisade vulns CAPTURE...` is `palisade vulns report CAPTURE...`: a one-off report without a store.
            """,
        subcommands: [VulnsImport.self, VulnsList.self, VulnsMatch.self, VulnsReport.self],
        defaultSubcommand: VulnsReport.self)
}

/// Where the advisories and the KEV catalog come from.
struct AdvisoryOptions: ParsableArguments {
    @Option(help: "CSAF advisories: a folder (searched recursively), a .tar.gz or a .zip (default: <data>/csaf).")
    var advisories: String?

    @Option(help: "CISA KEV catalog JSON (default: <data>/kev/known_exploited_vulnerabilities.json).")
    var kev: String?

    @Option(
        name: .customLong("data"),
        help: "Reference data folder (csaf/, kev/, oui/, vendors/); default: $PALISADE_DATA, ./data, ../shared/data.")
    var dataDirectory: String?

    func loadMatcher() throws -> AdvisoryMatcher {
        try Self.loadMatcher(advisories: advisories, kev: kev, dataDirectory: dataDirectory)
    }

    /// Loads advisories and KEV; each skipped advisory is one line on stderr.
    static func loadMatcher(advisories: String?, kev: String?, dataDirectory: String?) throws -> AdvisoryMatcher {
        let folder = ReferenceData.candidateDirectories(explicit: dataDirectory).first {
            FileManager.default.fileExists(atPath: $0 + "/csaf") || FileManager.default.fileExists(atPath: $0 + "/kev")
        }
        var catalog: KnownExploitedCatalog?
        if let kevPath = kev ?? folder.map({ $0 + "/kev/known_exploited_vulnerabilities.json" }),
            kev != nil || FileManager.default.fileExists(atPath: kevPath)
        {
            do {
                catalog = try KnownExploitedCatalog.load(path: kevPath)
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
        } else {
            printError("palisade: no KEV catalog found; advisories are not flagged as known exploited")
        }
        guard let path = advisories ?? folder.map({ $0 + "/csaf" }) else {
            printError("palisade: no advisories found; pass --advisories PATH or --data DIR")
            throw ExitCode(2)
        }
        var collection = AdvisoryCollection()
        do {
            _ = try collection.load(path: path, knownExploited: catalog)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
        for skipped in collection.skipped { printError("palisade: \(skipped)") }
        printError(
            "palisade: \(collection.advisories.count) advisories loaded from \(path), \(collection.skipped.count) skipped"
        )
        return AdvisoryMatcher(advisories: collection.sortedAdvisories)
    }
}

enum VulnsFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

/// The JSON shape of one match (`palisade vulns match|report --format json`).
struct MatchRecord: Encodable {
    var advisory: String
    var title: String
    var match: String
    var reason: String
    var cves: [String]
    var maxCVSS: Double?
    var cvssVector: String?
    var kev: Bool
    var currentRelease: String?
    var products: [String]
    var remediations: [RemediationRecord]

    struct RemediationRecord: Encodable {
        var category: String
        var details: String
        var url: String?
    }

    enum CodingKeys: String, CodingKey {
        case advisory, title, match, reason, cves, kev, products, remediations
        case maxCVSS = "max_cvss"
        case cvssVector = "cvss_vector"
        case currentRelease = "current_release"
    }

    init(_ match: AdvisoryMatch) {
        advisory = match.advisory.id
        title = match.advisory.title
        self.match = match.outcome.rawValue
        reason = match.reason
        cves = match.cves
        maxCVSS = match.maximumCVSS
        cvssVector = match.cvssVector
        kev = match.isKnownExploited
        currentRelease = match.advisory.currentReleaseDate
        products = match.productIDs
        remediations = match.remediations.map {
            RemediationRecord(category: $0.category, details: $0.details, url: $0.url)
        }
    }
}

func encodeJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
}

func csvField(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
        ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
}

func matchTable(_ matches: [AdvisoryMatch], prefix: [String] = []) -> [[String]] {
    matches.map { match in
        prefix + [
            match.advisory.id, match.outcome.rawValue, match.maximumCVSS.map { String(format: "%.1f", $0) } ?? "-",
            match.isKnownExploited ? "KEV" : "-",
            match.cves.prefix(2).joined(separator: " ")
                + (match.cves.count > 2 ? " +\(match.cves.count - 2)" : ""), match.advisory.title, match.reason,
        ]
    }
}

func printTable(_ header: [String], _ rows: [[String]]) {
    // The last column (the reason) is left unpadded: it is long.
    var widths = header.map(\.count)
    for row in rows {
        for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], min(cell.count, 48)) }
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            if index == cells.count - 1 { return cell }
            let fitted = cell.count > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
            return fitted.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
    print(line(header))
    for row in rows { print(line(row)) }
}

struct VulnsMatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Advisories for an identity typed by a person (planning, or checking a spare part).")

    @Option(help: "Vendor, e.g. 'Rockwell Automation', 'Siemens', 'Schneider Electric'.") var vendor: String
    @Option(help: "Product name as the device reports it, e.g. '1756-L61/B LOGIX5561'.") var product: String
    @Option(help: "Model, e.g. 'BMX P34 2020' or 'CPU 315-2 PN/DP'.") var model: String?
    @Option(help: "Order number, e.g. '6ES7 315-2EH14-0AB0'.") var orderNumber: String?
    @Option(help: "Firmware version in the vendor's style, e.g. 'V3.2.7', '20.11', 'v3.20'.") var firmware: String?
    @Flag(help: "Also list advisories in whose fixed versions the firmware is (not_affected).")
    var showNotAffected = false
    @OptionGroup var advisoryOptions: AdvisoryOptions
    @Option(help: "Output format (table, json).") var format: VulnsFormat = .table

    func validate() throws {
        if format == .csv { throw ValidationError("--format is table or json for vulns match.") }
    }

    func run() throws {
        let matcher = try advisoryOptions.loadMatcher()
        let identity = DeviceIdentity(
            vendor: vendor, product: product, model: model, orderNumber: orderNumber, firmware: firmware)
        let matches = matcher.matches(for: identity, includeNotAffected: showNotAffected)
        switch format {
        case .json: print(encodeJSON(matches.map(MatchRecord.init)))
        case .table, .csv:
            if matches.isEmpty {
                print("no advisory matches")
                return
            }
            printTable(["ADVISORY", "MATCH", "CVSS", "KEV", "CVES", "TITLE", "REASON"], matchTable(matches))
        }
    }
}

struct VulnsReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One-off report: build the inventory of captures and match each asset's identity to advisories.")

    @OptionGroup var options: CaptureOptions
    @Option(
        help: "CSAF advisories: a folder (searched recursively), a .tar.gz or a .zip (default: <data>/csaf).")
    var advisories: String?
    @Option(help: "CISA KEV catalog JSON (default: <data>/kev/known_exploited_vulnerabilities.json).")
    var kev: String?
    @OptionGroup var inventoryOptions: InventoryOptions
    @Option(help: "Output format (table, json, csv).") var format: VulnsFormat = .table
    @Option(help: "Zones (YAML): risk counts peers in other zones; without it /24 subnets stand in.")
    var zones: String?

    struct AssetRecord: Encodable {
        var asset: String
        var ips: [String]
        var role: String
        var identity: DeviceIdentity?
        var risk: RiskRecord
        var matches: [MatchRecord]
    }
    struct RiskRecord: Encodable {
        var score: Double
        var level: String
        var factors: [RiskFactor]
    }

    func run() throws {
        let matcher = try AdvisoryOptions.loadMatcher(
            advisories: advisories, kev: kev, dataDirectory: inventoryOptions.dataDirectory)
        let inventory = try buildInventory(options: options, inventoryOptions: inventoryOptions)
        let assessments = InventoryAssessor.assess(
            assets: inventory.assets.map(AssessedAsset.init(asset:)),
            edges: inventory.map.edges.map(ExposureEdge.init(edge:)), matcher: matcher,
            zoneOf: try loadZoneLookup(zones))
        let ipsByID = Dictionary(
            inventory.assets.map { ($0.id, $0.ips.map { "\($0)" }) }, uniquingKeysWith: { first, _ in first })
        // Assets with an advisory, or with a matchable identity, or with a notable risk.
        let shown = assessments.filter {
            !$0.matches.isEmpty || $0.asset.identity != nil || $0.risk.level != .low
        }
        switch format {
        case .json:
            print(
                encodeJSON(
                    shown.map {
                        AssetRecord(
                            asset: $0.asset.peer.id, ips: ipsByID[$0.asset.peer.id] ?? [], role: $0.asset.peer.role,
                            identity: $0.asset.identity,
                            risk: RiskRecord(
                                score: $0.risk.score, level: $0.risk.level.rawValue, factors: $0.risk.factors),
                            matches: $0.matches.map(MatchRecord.init))
                    }))
        case .csv:
            print(
                "asset,ips,role,risk_score,risk_level,vendor,product,model,order_number,firmware,advisory,match,max_cvss,kev,cves,title,reason"
            )
            for assessment in shown {
                let identity = assessment.asset.identity ?? DeviceIdentity()
                let head = [
                    assessment.asset.peer.id, (ipsByID[assessment.asset.peer.id] ?? []).joined(separator: " "),
                    assessment.asset.peer.role, String(format: "%.1f", assessment.risk.score),
                    assessment.risk.level.rawValue, identity.vendor ?? "", identity.product ?? "", identity.model ?? "",
                    identity.orderNumber ?? "", identity.firmware ?? "",
                ]
                if assessment.matches.isEmpty {
                    print((head + Array(repeating: "", count: 7)).map(csvField).joined(separator: ","))
                }
                for match in assessment.matches {
                    let fields =
                        head + [
                            match.advisory.id, match.outcome.rawValue,
                            match.maximumCVSS.map { String(format: "%.1f", $0) } ?? "",
                            match.isKnownExploited ? "true" : "false", match.cves.joined(separator: " "),
                            match.advisory.title, match.reason,
                        ]
                    print(fields.map(csvField).joined(separator: ","))
                }
            }
        case .table:
            if shown.isEmpty { print("no asset with a matchable identity or a notable risk") }
            for assessment in shown {
                let identity = assessment.asset.identity
                let name = [
                    identity?.vendor, identity?.product, identity?.model, identity?.orderNumber, identity?.firmware,
                ]
                .compactMap { $0 }.joined(separator: " · ")
                let ips = (ipsByID[assessment.asset.peer.id] ?? []).joined(separator: ",")
                print(
                    "\(assessment.asset.peer.id) \(ips) (\(assessment.asset.peer.role))\(name.isEmpty ? "" : ": " + name)"
                )
                print("  risk \(String(format: "%.1f", assessment.risk.score)) \(assessment.risk.level.rawValue)")
                for factor in assessment.risk.factors {
                    print("  +\(String(format: "%4.1f", factor.points)) \(factor.name): \(factor.detail)")
                }
                if assessment.matches.isEmpty {
                    print(identity == nil ? "" : "  no advisory matches\n")
                    continue
                }
                printTable(
                    ["  ADVISORY", "MATCH", "CVSS", "KEV", "CVES", "TITLE", "REASON"],
                    matchTable(assessment.matches).map { ["  " + $0[0]] + $0.dropFirst() })
                print("")
            }
        }
    }
}
