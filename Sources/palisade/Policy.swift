import ArgumentParser
import Detection
import Monitor
import Segmentation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "IEC 62443 conduits: derive the least-privilege set from a baseline; export it for firewalls.",
        subcommands: [PolicySuggest.self, PolicyExport.self])
}

struct PolicySuggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Write the conduits the baseline's traffic needs between the zones, and nothing more, as YAML.",
        discussion: """
            One conduit per client zone, server zone and protocol, with exactly the server ports and \
            operation categories seen; comments name the pairs (client → server, flows, events by \
            operation, first and last seen). Give a baseline (palisade baseline learn) or captures \
            to learn from (--since/--until as for baseline learn). The output holds the zones too, \
            so it is a complete policy for detect --zones and policy export.
            """)

    @Argument(help: "Capture files to learn from; none with --baseline.")
    var captures: [String] = []

    @Option(help: "A baseline (palisade.baseline/1) to derive the conduits from.")
    var baseline: String?

    @Option(help: "The zones (YAML, e.g. from zones suggest); existing conduits in it are replaced.")
    var zones: String

    @Option(help: "With captures: learn only traffic from this time on.")
    var since: String?

    @Option(help: "With captures: learn only traffic up to this time.")
    var until: String?

    @Option(help: "Write the policy here (default: standard output).")
    var out: String?

    @Option(help: "Worker threads (default: number of cores).")
    var workers: Int = SystemInfo.coreCount

    @OptionGroup var inventoryOptions: InventoryOptions

    func validate() throws {
        if captures.isEmpty == (baseline == nil) {
            throw ValidationError("Give capture files or --baseline FILE (one of them).")
        }
        if baseline != nil && (since != nil || until != nil) {
            throw ValidationError("--since/--until apply to captures only.")
        }
        guard (1...255).contains(workers) else { throw ValidationError("--workers must be between 1 and 255.") }
    }

    func run() throws {
        let policy = try loadZonePolicy(zones)
        let learned: Baseline
        if let baseline {
            do {
                learned = try BaselineDocument.load(path: baseline)
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
        } else {
            do {
                try CaptureAnalyzer.validate(captures)
            } catch {
                printError("palisade: \(error)")
                throw ExitCode(2)
            }
            let span = try CaptureSpan.of(captures)
            let start = try since.map { try CaptureSpan.time($0, option: "--since", span: span) }
            let end = try until.map { try CaptureSpan.time($0, option: "--until", span: span) }
            let learning = CaptureAnalyzer(workers: workers).learnBaseline(
                captures, reference: try inventoryOptions.loadReference(), since: start, until: end)
            for error in learning.analysis.errors { printError("palisade: \(error)") }
            learned = learning.baseline
        }
        let outcome = ConduitSuggester(policy: policy).suggest(learned)
        var header = [
            "Conduits suggested by palisade from \(baseline ?? captures.joined(separator: ", ")) over the zones of \(zones).",
            "Least privilege: only the zone pairs, protocols, ports and operation categories the baseline used.",
            "\(outcome.conduits.count) conduits; \(outcome.insideZones) pairs stay inside a zone and need none.",
        ]
        for pair in outcome.localDelivery.prefix(16) {
            header.append("not a conduit (broadcast or multicast, never routed): \(pair)")
        }
        if outcome.layer2 > 0 {
            header.append("\(outcome.layer2) layer-2 pairs have no addresses a conduit could name.")
        }
        let zonesOut = policy.zones.map { ZonePolicyWriter.Commented($0) }
        try writeOutput(ZonePolicyWriter.yaml(header: header, zones: zonesOut, conduits: outcome.conduits), to: out)
    }
}

struct PolicyExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the conduits as an nftables ruleset or a vendor-neutral CSV for the firewall team.",
        discussion: """
            nft: an inet table with a forward chain (policy drop; established/related accepted; one \
            accept per conduit, source and destination network, transport and port, commented with \
            the justification). Check it with nft -c -f FILE before loading it on the router between \
            the zones. csv: source zone/CIDR, destination zone/CIDR, transport, port, protocol, \
            operations, justification.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case nft, csv }

    @Option(help: "The zones and conduits (YAML).")
    var zones: String

    @Option(help: "Output format (nft, csv).")
    var format: Format = .nft

    @Option(help: "Write the export here (default: standard output).")
    var out: String?

    func run() throws {
        let policy = try loadZonePolicy(zones)
        let list = FirewallRuleList(policy: policy)
        for omission in list.omissions { printError("palisade: not exported: \(omission)") }
        switch format {
        case .nft: try writeOutput(NftablesExport.ruleset(policy, list: list), to: out)
        case .csv: try writeOutput(ConduitCSVExport.csv(policy, list: list), to: out)
        }
    }
}
