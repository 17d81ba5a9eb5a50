import ArgumentParser

@main
struct Palisade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "palisade",
        abstract: "Passive OT network security monitor: reads captures or listens on a SPAN/TAP port; never transmits.",
        subcommands: [
            Analyze.self, Flows.self, Decode.self, InventoryCommand.self, MapCommand.self, Listen.self,
            ImportCommand.self,
            SensorCommand.self, StatusCommand.self, DetectCommand.self, BaselineCommand.self, AlertsCommand.self,
            RulesCommand.self, ZonesCommand.self, PolicyCommand.self,
            VulnsCommand.self, AccessCommand.self, ReportCommand.self, ServeCommand.self, UsersCommand.self,
            Simulate.self, Demo.self,
        ])
}

/// Options shared by the commands that read captures.
struct CaptureOptions: ParsableArguments {
    @Argument(help: "Capture files (.pcap, .pcapng, optionally .gz).")
    var captures: [String]

    @Option(help: "Worker threads; each owns a shard of the flows (default: number of cores).")
    var workers: Int = SystemInfo.coreCount

    func validate() throws {
        guard !captures.isEmpty else { throw ValidationError("Give at least one capture file.") }
        guard (1...255).contains(workers) else { throw ValidationError("--workers must be between 1 and 255.") }
    }
}
