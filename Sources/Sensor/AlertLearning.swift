import Detection
import Foundation
import PacketLayers
import Storage

/// Learns an alert into a baseline document: its evidence events and the store's notable events
/// between its hosts while it lasted become expected (pairs, functions, targets); a new-asset
/// alert adds the asset. The alert is closed with a note and the audit trail says who did it.
/// Shared by `palisade alerts learn` and the console's alert page.
public enum AlertLearning {
    public struct Outcome: Sendable {
        /// The baseline's changes in words (`BaselineDiff`).
        public var changes: [String]
        public var learnedEvents: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case noSuchAlert(String)
        case nothingToLearn(String)
        case baseline(String)
        case store(StoreError)
        public var description: String {
            switch self {
            case .noSuchAlert(let id): "no alert \(id)"
            case .nothingToLearn(let id): "alert \(id) has no event or asset to learn (its evidence is not a PDU)"
            case .baseline(let text): text
            case .store(let error): "\(error)"
            }
        }
    }

    public static func learn(
        alertID id: String, store: any AlertStore & EventStore, baselinePath: String, storeName: String, actor: String,
        note: String
    ) throws(Failure) -> Outcome {
        do {
            guard let stored = try store.alert(id: id) else { throw Failure.noSuchAlert(id) }
            var document: Baseline
            do { document = try BaselineDocument.load(path: baselinePath) } catch { throw Failure.baseline("\(error)") }
            let alert = Alert(stored)
            let learner = BaselineLearner()
            var lines = alert.evidence.map(\.event).filter { !$0.isEmpty }
            var query = EventQuery()
            query.since = alert.firstTime
            query.until = alert.lastTime + 1
            query.limit = 100_000
            let addresses = Set(
                lines.compactMap { BaselineObservation(eventJSON: $0) }.flatMap {
                    [$0.source.description, $0.destination.description]
                })
            for address in addresses.sorted() {
                query.address = address
                lines += try store.events(query).map(\.json)
            }
            var learnedEvents = 0
            for line in lines {
                guard let observation = BaselineObservation(eventJSON: line) else { continue }
                learner.observe(observation)
                learnedEvents += 1
            }
            var learned = learner.snapshot(store: storeName)
            if alert.rule == "anomaly.new-asset" {
                let ips = alert.assets.filter { IPAddress($0) != nil }
                let macs = alert.assets.filter { MACAddress($0) != nil }
                learned.assets.append(
                    BaselineAsset(id: alert.assets.first ?? alert.id, addresses: ips, macs: macs, role: "unknown"))
            }
            guard !learned.pairs.isEmpty || !learned.assets.isEmpty else { throw Failure.nothingToLearn(id) }
            let before = document
            document.absorb(learned)
            do {
                try BaselineDocument.write(document, to: baselinePath)
            } catch {
                throw Failure.baseline("\(baselinePath): \(error)")
            }
            let detail = "learned into \(baselinePath)\(note.isEmpty ? "" : ": \(note)")"
            try store.recordAudit(
                AuditEntry(
                    time: WallClock.nanoseconds(), actor: actor, action: "alert.learn", subject: id, detail: detail))
            _ = try store.setAlertState(id: id, state: "closed", note: detail, actor: actor)
            return Outcome(changes: BaselineDiff.changes(from: before, to: document), learnedEvents: learnedEvents)
        } catch let failure as Failure {
            throw failure
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .baseline("\(error)")
        }
    }
}
