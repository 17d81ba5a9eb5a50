import ArgumentParser
import Detection

/// `palisade rules`: the built-in threat rules, what they fire on and their ATT&CK techniques.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the built-in threat rules (id, severity, ATT&CK for ICS, title).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, markdown }

    @Option(help: "Output format (table, markdown).")
    var format: Format = .table

    func run() {
        let rules = RuleSet.builtIn.all.map(\.descriptor)
        switch format {
        case .markdown:
            print("| rule | severity | trigger | ATT&CK for ICS | what it is |")
            print("|---|---|---|---|---|")
            for rule in rules {
                print(
                    "| `\(rule.id)` | \(rule.severity.name) | \(Self.trigger(rule.trigger)) | \(rule.techniques.joined(separator: ", ")) | \(rule.title) |"
                )
            }
        case .table:
            let width = rules.map(\.id.count).max() ?? 0
            for rule in rules {
                print(
                    rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                        + rule.severity.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + rule.techniques.joined(separator: ",").padding(toLength: 20, withPad: " ", startingAt: 0)
                        + rule.title)
            }
        }
    }

    static func trigger(_ trigger: RuleTrigger) -> String {
        switch trigger {
        case .each: "each"
        case .distinct(let threshold, let window, let per): "≥ \(threshold) distinct / \(window) s per \(per.rawValue)"
        case .rate(let threshold, let window, let per): "≥ \(threshold) / \(window) s per \(per.rawValue)"
        }
    }
}
