import ArgumentParser
import Detection
import Foundation
import Monitor
import PacketLayers
import SQLiteStore
import Sensor
import Storage

/// `palisade alerts …`: the stored alerts and their triage (every change goes to the audit trail).
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List, show and triage stored alerts (acknowledge, close, mute).",
        subcommands: [
            List.self, Show.self, Acknowledge.self, Close.self, Reopen.self, Mute.self, Unmute.self, Mutes.self,
            Learn.self, Audit.self,
        ])

    /// Who is acting, for the audit trail.
    struct Actor: ParsableArguments {
        @Option(help: "Who does this, for the audit trail (default: the login name).")
        var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        @Option(help: "Why (kept in the audit trail).")
        var note: String = ""
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Alerts, most recent activity first.")
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl }

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Only these states (new, acknowledged, closed; repeatable). Default: new and acknowledged.")
        var state: [String] = []
        @Option(help: "Only alerts of at least this severity.")
        var minSeverity: String?
        @Option(help: "Only this rule.")
        var rule: String?
        @Option(help: "Only alerts naming this asset (id or address).")
        var asset: String?
        @Option(help: "At most this many.")
        var limit = 200
        @Option(help: "Output format (table, jsonl).")
        var format: Format = .table

        func validate() throws {
            for name in state where !StoredAlert.states.contains(name) {
                throw ValidationError("--state: '\(name)' is not one of new, acknowledged, closed")
            }
            if let minSeverity, Severity(name: minSeverity) == nil {
                throw ValidationError(
                    "--min-severity: '\(minSeverity)' is not one of info, low, medium, high, critical")
            }
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be in 1…100000") }
        }

        func run() throws {
            let store = try storeOptions.open(readOnly: true)
            var query = AlertQuery()
            query.states = state.isEmpty ? ["new", "acknowledged"] : state
            query.minimumSeverity = minSeverity
            query.rule = rule
            query.asset = asset
            query.limit = limit
            let alerts = try storeCall { try store.alerts(query) }.map(Alert.init)
            switch format {
            case .table: print(AlertFormatter.table(alerts, showState: true), terminator: "")
            case .jsonl: for alert in alerts { print(AlertFormatter.jsonLine(alert)) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One alert in full, with its evidence.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Alert id.") var id: String

        func run() throws {
            let store = try storeOptions.open(readOnly: true)
            guard let stored = try storeCall({ try store.alert(id: id) }) else {
                printError("palisade: no alert \(id)")
                throw ExitCode(1)
            }
            print(AlertFormatter.detail(Alert(stored)))
            if let changed = stored.stateChanged {
                print("state \(stored.state) since \(rfc3339(changed))\(stored.stateNote.map { ": \($0)" } ?? "")")
            }
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge alerts.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var actor: Actor
        @Argument(help: "Alert ids.") var ids: [String]
        func run() throws { try setState("acknowledged", ids: ids, actor: actor, storeOptions: storeOptions) }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: "Close alerts (a closed alert that fires again is new again).")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var actor: Actor
        @Argument(help: "Alert ids.") var ids: [String]
        func run() throws { try setState("closed", ids: ids, actor: actor, storeOptions: storeOptions) }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Set alerts back to new.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var actor: Actor
        @Argument(help: "Alert ids.") var ids: [String]
        func run() throws { try setState("new", ids: ids, actor: actor, storeOptions: storeOptions) }
    }

    struct Mute: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mute",
            abstract: "Mute a rule for an asset: its alerts are still stored but not sent to the SIEM.",
            discussion: "Give an alert id (its rule and source asset are muted) or --rule and --asset.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var actor: Actor
        @Argument(help: "An alert id whose rule and first asset to mute.") var id: String?
        @Option(help: "Rule id.") var rule: String?
        @Option(help: "Asset id or address as alerts name it, or * for every asset.") var asset: String?
        @Option(help: "For how long: 30m, 12h, 7d (default: until unmuted).") var duration: String?

        func run() throws {
            let store = try storeOptions.open()
            var rule = rule
            var asset = asset
            if let id {
                guard let alert = try storeCall({ try store.alert(id: id) }) else {
                    printError("palisade: no alert \(id)")
                    throw ExitCode(1)
                }
                rule = rule ?? alert.rule
                asset = asset ?? alert.assets.first
            }
            guard let rule, let asset else {
                printError("palisade: give an alert id, or --rule and --asset")
                throw ExitCode(2)
            }
            let now = WallClock.nanoseconds()
            var until: Int64?
            if let duration {
                guard let nanoseconds = DurationText.nanoseconds(duration) else {
                    printError("palisade: --duration: '\(duration)' is not a duration like 30m, 12h or 7d")
                    throw ExitCode(2)
                }
                until = now + nanoseconds
            }
            let mute = AlertMute(
                rule: rule, asset: asset, until: until, reason: actor.note, created: now, actor: actor.actor)
            let muteID = try storeCall { try store.addMute(mute) }
            print("mute \(muteID): \(rule) on \(asset)\(until.map { " until \(rfc3339($0))" } ?? " until removed")")
        }
    }

    struct Unmute: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unmute", abstract: "Remove a mute.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var actor: Actor
        @Argument(help: "Mute id (palisade alerts mutes).") var id: Int64

        func run() throws {
            let store = try storeOptions.open()
            guard try storeCall({ try store.removeMute(id: id, actor: actor.actor) }) else {
                printError("palisade: no mute \(id)")
                throw ExitCode(1)
            }
            print("mute \(id) removed")
        }
    }

    struct Mutes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "mutes", abstract: "Mutes in force.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open(readOnly: true)
            let mutes = try storeCall { try store.mutes(activeAt: WallClock.nanoseconds()) }
            if mutes.isEmpty { print("no mutes in force") }
            for mute in mutes {
                let until = mute.until.map { "until \(rfc3339($0))" } ?? "until removed"
                print("\(mute.id)\t\(mute.rule)\t\(mute.asset)\t\(until)\tby \(mute.actor)\t\(mute.reason)")
            }
        }
    }

    struct Learn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "learn",
            abstract: "Learn an alert into the baseline: what it saw becomes expected, and the alert is closed.",
            discussion:
                "The alert's evidence events and the store's notable events between its source and destination during the alert are learned (pairs, functions, targets) and folded into the baseline file; a new asset is added with its addresses. Review the change with palisade baseline diff."
        )
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var actor: Actor
        @Argument(help: "Alert id.") var id: String
        @Option(help: "The baseline document to extend (written in place).") var baseline: String

        func run() throws {
            let store = try storeOptions.open()
            do {
                let outcome = try AlertLearning.learn(
                    alertID: id, store: store, baselinePath: baseline, storeName: storeOptions.database,
                    actor: actor.actor, note: actor.note)
                for line in outcome.changes { print(line) }
                print("\(id): learned \(outcome.learnedEvents) events into \(baseline); closed")
            } catch {
                printError("palisade: \(error)")
                switch error {
                case .noSuchAlert, .nothingToLearn: throw ExitCode(1)
                case .baseline, .store: throw ExitCode(2)
                }
            }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit", abstract: "The audit trail of triage actions, newest first.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "At most this many entries.") var limit = 100

        func run() throws {
            let store = try storeOptions.open(readOnly: true)
            for entry in try storeCall({ try store.auditTrail(limit: max(1, limit)) }) {
                print("\(rfc3339(entry.time))\t\(entry.actor)\t\(entry.action)\t\(entry.subject)\t\(entry.detail)")
            }
        }
    }
}

private func setState(_ state: String, ids: [String], actor: AlertsCommand.Actor, storeOptions: StoreOptions) throws {
    let store = try storeOptions.open()
    var missing = 0
    for id in ids {
        if try storeCall({ try store.setAlertState(id: id, state: state, note: actor.note, actor: actor.actor) }) {
            print("\(id): \(state)")
        } else {
            printError("palisade: no alert \(id)")
            missing += 1
        }
    }
    if missing > 0 { throw ExitCode(1) }
}

/// Runs a store call, turning a store error into its one-line message and exit code 2.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError("palisade: \(error)")
        throw ExitCode(2)
    }
}

/// `30s`, `15m`, `12h`, `7d`, `2w` → nanoseconds.
enum DurationText {
    static func nanoseconds(_ text: String) -> Int64? {
        guard let unit = text.last, let value = Double(text.dropLast()), value > 0, value < 1e6 else { return nil }
        let seconds: Double
        switch unit {
        case "s": seconds = value
        case "m": seconds = value * 60
        case "h": seconds = value * 3600
        case "d": seconds = value * 86_400
        case "w": seconds = value * 604_800
        default: return nil
        }
        return Int64(seconds * 1e9)
    }
}
