import Access
import ArgumentParser

struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Who touches which controller, remote-access sessions into OT, and credentials seen in clear.",
        discussion: """
            Three sections: the access matrix (each host's read, write, control, program, firmware, \
            diagnostic and discovery requests per controller, with counts and first/last time), the \
            remote-access sessions (RDP, VNC, SSH, TeamViewer, AnyDesk, Telnet) with duration, bytes \
            each way and whether the target is OT, and the accounts seen in clear. Secrets are never \
            printed: a community string shows as **** with its length. From the store, each session \
            is one flow, and a live one still going on shows as open. See docs/access.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var source: AccessSourceOptions

    @Option(help: "Output format (table, json, csv).")
    var format: Format = .table

    @Option(help: "Print only this section (matrix, sessions, credentials); default: all three.")
    var section: AccessSection.Name?

    func run() throws {
        let policy = try source.zonePolicy()
        let report = try source.load().report(zones: AccessSourceOptions.accessZones(policy))
        let sections = section.map { [$0.section] } ?? AccessSection.allCases
        switch format {
        case .table: print(AccessFormatter.table(report, sections: sections))
        case .json: print(AccessFormatter.json(report, sections: sections))
        case .csv: print(AccessFormatter.csv(report, sections: sections))
        }
    }
}

extension AccessSection {
    /// The section as a command-line value.
    enum Name: String, ExpressibleByArgument, CaseIterable {
        case matrix, sessions, credentials
        var section: AccessSection { AccessSection(rawValue: rawValue)! }
    }
}
