import ArgumentParser
import AssetInventory
import Foundation
import Monitor

/// Options of the commands that build an inventory.
struct InventoryOptions: ParsableArguments {
    @Option(
        name: .customLong("data"),
        help: "Reference data folder (oui/, vendors/); default: $PALISADE_DATA, ./data, ../shared/data.")
    var dataDirectory: String?

    func loadReference() throws -> ReferenceData {
        do {
            return try ReferenceData.load(explicit: dataDirectory)
        } catch {
            printError("palisade: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Runs the captures through the pipeline with inventory collectors and returns the result.
func buildInventory(options: CaptureOptions, inventoryOptions: InventoryOptions) throws -> Inventory {
    let reference = try inventoryOptions.loadReference()
    do {
        try CaptureAnalyzer.validate(options.captures)
    } catch {
        printError("palisade: \(error)")
        throw ExitCode(2)
    }
    let analyzer = CaptureAnalyzer(workers: options.workers)
    let progress = ProgressBar(paths: options.captures)
    let (inventory, result) = analyzer.inventory(options.captures, reference: reference) { file, offset in
        progress.update(file: file, offset: offset)
    }
    progress.finish()
    for error in result.errors { printError("palisade: \(error)") }
    if inventory.capHits > 0 { printError("palisade: inventory caps hit \(inventory.capHits) times") }
    if !result.errors.isEmpty && inventory.assets.isEmpty { throw ExitCode(1) }
    return inventory
}

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "List the devices seen in captures: addresses, vendor, identity, role and Purdue level.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var options: CaptureOptions
    @OptionGroup var inventoryOptions: InventoryOptions

    @Option(help: "Output format (table, json, csv).")
    var format: Format = .table

    func run() throws {
        let inventory = try buildInventory(options: options, inventoryOptions: inventoryOptions)
        switch format {
        case .table: print(InventoryFormatter.table(inventory))
        case .json:
            // Straight from the writers' buffers: one string of a large inventory cost a copy
            // and a UTF-8 check of every byte, and `print` another copy.
            InventoryFormatter.writeJSON(inventory) { try? FileHandle.standardOutput.write(contentsOf: $0) }
            try? FileHandle.standardOutput.write(contentsOf: Data("\n".utf8))
        case .csv: print(InventoryFormatter.csv(inventory))
        }
        // Freeing every asset would hold up the exit.
        releaseInBackground(consume inventory)
    }
}

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "The communication map: client → server edges per protocol with the operations seen.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, graphml, dot }

    @OptionGroup var options: CaptureOptions
    @OptionGroup var inventoryOptions: InventoryOptions

    @Option(help: "Output format (json, graphml, dot).")
    var format: Format = .json

    func run() throws {
        let inventory = try buildInventory(options: options, inventoryOptions: inventoryOptions)
        switch format {
        case .json: print(MapFormatter.json(inventory.map))
        case .graphml: print(MapFormatter.graphML(inventory.map))
        case .dot: print(MapFormatter.dot(inventory.map))
        }
    }
}
