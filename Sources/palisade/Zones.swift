import ArgumentParser
import AssetInventory
import Foundation
import Monitor
import Segmentation

struct ZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "IEC 62443 zones: propose them from traffic for review (docs/segmentation.md).",
        subcommands: [ZonesSuggest.self])
}

struct ZonesSuggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Propose zones (subnets, VLANs, Purdue levels) from captures or the store, as YAML with the reasons.",
        discussion: """
            Assets are grouped by subnet (--ipv4-prefix, default /24; IPv6 /64); sibling subnets \
            holding the same kind of assets at the same level are merged. Each zone's comments name \
            the assets, roles and levels behind it. Review the names, levels and criticality, add \
            security_level_target, then use the file with policy suggest and detect --zones.
            """)

    @Argument(help: "Capture files (.pcap, .pcapng, optionally .gz); none with --db.")
    var captures: [String] = []

    @Option(name: .customLong("db"), help: "Suggest from this store's inventory instead of captures.")
    var database: String?

    @Option(help: "IPv4 prefix length assets are grouped by (8-30).")
    var ipv4Prefix: Int = 24

    @Option(help: "Write the zones here (default: standard output).")
    var out: String?

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int = SystemInfo.coreCount

    @OptionGroup var inventoryOptions: InventoryOptions

    func validate() throws {
        if captures.isEmpty == (database == nil) {
            throw ValidationError("Give capture files or --db PATH (one of them).")
        }
        guard (8...30).contains(ipv4Prefix) else { throw ValidationError("--ipv4-prefix must be between 8 and 30.") }
        guard (1...255).contains(workers) else { throw ValidationError("--workers must be between 1 and 255.") }
    }

    func run() throws {
        let inventory: Inventory
        let source: String
        if let database {
            inventory = try inventoryFromStore(database, reference: try inventoryOptions.loadReference())
            source = "store \(database)"
        } else {
            var options = CaptureOptions()
            options.captures = captures
            options.workers = workers
            inventory = try buildInventory(options: options, inventoryOptions: inventoryOptions)
            source = captures.joined(separator: ", ")
        }
        var suggester = ZoneSuggester()
        suggester.ipv4PrefixLength = ipv4Prefix
        suggester.widestIPv4Merge = min(ipv4Prefix, 20)
        let (zones, publicAddresses) = suggester.suggest(inventory)
        var header = [
            "Zones suggested by palisade from \(source): \(inventory.assets.count) assets, \(zones.count) zones.",
            "Review names, levels and criticality; add security_level_target (IEC 62443 SL-T 1-4).",
        ]
        if !publicAddresses.isEmpty {
            let shown = publicAddresses.prefix(8).map(\.description).joined(separator: ", ")
            header.append(
                "\(publicAddresses.count) public address(es) stay in the implicit zone internet: \(shown)\(publicAddresses.count > 8 ? ", …" : "")"
            )
        }
        try writeOutput(ZonePolicyWriter.yaml(header: header, zones: zones, conduits: nil), to: out)
    }
}

/// The inventory rebuilt from a store's observations.
func inventoryFromStore(_ path: String, reference: ReferenceData) throws -> Inventory {
    let store = try StoreOptions(database: path).open(readOnly: true)
    do {
        let collector = InventoryCollector()
        try store.loadObservations(into: collector)
        return InventoryBuilder(reference: reference).build(collector)
    } catch {
        printError("palisade: \(path): \(error)")
        throw ExitCode(1)
    }
}

/// Writes `text` to `path`, or to standard output without one.
func writeOutput(_ text: String, to path: String?) throws {
    guard let path else {
        print(text, terminator: "")
        return
    }
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        printError("palisade: cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(1)
    }
}

/// The zone policy at `path`, or exit 2 with the file's problem.
func loadZonePolicy(_ path: String) throws -> ZonePolicy {
    do {
        return try ZonePolicyReader.load(path: path)
    } catch {
        printError("palisade: \(error)")
        throw ExitCode(2)
    }
}
