import AssetInventory
import Foundation
import Monitor

/// Merges what the workers' collectors found and decides which drafts are alerts: thresholds
/// over all workers (a sweep crosses shards), trusted roles and the baseline. Alert ids are
/// stable, so the same finding in a later call (the live sensor asks every second) updates its
/// alert instead of raising another.
public final class AlertCorrelator {
    public let rules: RuleSet
    private var drafts = DraftTable()
    /// Occurrences of each draft already handed out by `changes`.
    private var published: [DraftKey: UInt64] = [:]

    public init(rules: RuleSet) { self.rules = rules }

    /// Takes everything `collector` found since the last call.
    public func ingest(_ collector: DetectionCollector) { merge(collector.take()) }

    func merge(_ taken: consuming DraftTable) { drafts.merge(taken) }

    /// Every alert the drafts make now, in time order.
    public func alerts(context: DetectionContext) -> [Alert] {
        // Many drafts are judged in two halves on two threads (judging only reads the table).
        guard drafts.count >= Self.parallelJudgingThreshold else {
            return Self.combine(judge(0..<drafts.count, context: context))
        }
        let middle = drafts.count / 2
        let (first, second) = sideBySide(
            { judge(0..<middle, context: context) },
            { judge(middle..<drafts.count, context: context) }
        )
        return Self.combine(first + second)
    }

    /// Below this many drafts a second thread costs more than it saves.
    static let parallelJudgingThreshold = 4096

    private func judge(_ slots: Range<Int>, context: DetectionContext) -> [JudgedDraft] {
        var judged: [JudgedDraft] = []
        // Each draft borrowed from the table's buffer, not copied.
        let keys = drafts.keys
        drafts.withDrafts { drafts in
            for slot in slots {
                let key = keys[slot]
                guard let alert = judge(key: key, draft: drafts[slot], context: context) else { continue }
                judged.append(JudgedDraft(bucket: key.bucket, alert: alert))
            }
        }
        return judged
    }

    /// An alert made from one draft, with the draft's time bucket (its place among the drafts
    /// of the same alert).
    struct JudgedDraft {
        var bucket: Int64
        var alert: Alert
    }

    /// Merges the alerts of drafts that make the same alert (the rate buckets of one subject, the
    /// same subject from several workers), each group in bucket order so that the merged assets
    /// and evidence do not depend on the table's hash order; the result is in time order.
    static func combine(_ judged: consuming [JudgedDraft]) -> [Alert] {
        var slotByID: [String: Int32] = [:]
        slotByID.reserveCapacity(judged.count)
        // (alert slot, bucket, index in judged), sorted: each group's drafts in bucket order.
        var order: [(slot: Int32, bucket: Int64, index: Int32)] = []
        order.reserveCapacity(judged.count)
        for index in judged.indices {
            let id = judged[index].alert.id
            let slot: Int32
            if let known = slotByID[id] {
                slot = known
            } else {
                slot = Int32(slotByID.count)
                slotByID[id] = slot
            }
            order.append((slot, judged[index].bucket, Int32(index)))
        }
        order.sort { ($0.slot, $0.bucket, $0.index) < ($1.slot, $1.bucket, $1.index) }
        var result: [Alert] = []
        result.reserveCapacity(slotByID.count)
        for entry in order {
            // Moved out of `judged`, not copied: each is used once.
            let alert = Self.take(&judged[Int(entry.index)].alert)
            if Int(entry.slot) < result.count {
                result[Int(entry.slot)].merge(alert)
            } else {
                result.append(alert)
            }
        }
        // Rate triggers fire per time bucket pair; buckets below the threshold were skipped.
        result.sort { ($0.firstTime, $0.rule, $0.id) < ($1.firstTime, $1.rule, $1.id) }
        return result
    }

    private static func take(_ alert: inout Alert) -> Alert {
        let taken = alert
        alert = Self.emptyAlert
        return taken
    }

    private static let emptyAlert = Alert(
        id: "", firstTime: 0, lastTime: 0, severity: .info, kind: .rule, rule: "", techniques: [], assets: [],
        summary: "", explanation: "", evidence: [], count: 0)

    /// The alerts that are new or have grown since the previous call, each with `count` set to
    /// its new occurrences only (the live sensor's feed to the store and the SIEM, which add
    /// them up). Rate drafts whose window has passed are forgotten afterwards, so a sensor that
    /// runs for months keeps a bounded table.
    public func changes(context: DetectionContext) -> [Alert] {
        var judged: [JudgedDraft] = []
        let keys = drafts.keys
        drafts.withDrafts { drafts in
            for slot in drafts.indices {
                let key = keys[slot]
                let count = drafts[slot].count
                let before = published[key] ?? 0
                guard count > before, var alert = judge(key: key, draft: drafts[slot], context: context) else {
                    continue
                }
                published[key] = count
                alert.count = count - before
                if before > 0 { alert.evidence = [] }  // the store keeps the first report's evidence
                judged.append(JudgedDraft(bucket: key.bucket, alert: alert))
            }
        }
        forgetPassedRateWindows()
        return Self.combine(judged)
    }

    private func forgetPassedRateWindows() {
        guard !drafts.isEmpty else { return }
        let newest = drafts.withDrafts { drafts in drafts.indices.reduce(Int64.min) { max($0, drafts[$1].lastTime) } }
        var forgotten: [DraftKey] = []
        drafts.removeAll { key, draft in
            guard case .rate(_, let window, _) = rules.descriptors[Int(key.rule)].trigger,
                draft.lastTime < newest - Int64(window) * 3_000_000_000
            else { return false }
            forgotten.append(key)
            return true
        }
        for key in forgotten { published[key] = nil }
    }

    // MARK: judging one draft

    private func judge(key: DraftKey, draft: borrowing Draft, context: DetectionContext) -> Alert? {
        // Thresholds first, from the key and the counts: most rate buckets stop here, before
        // anything is copied or written.
        let because: String
        var distinctValues: [Int64]?
        switch rules.descriptors[Int(key.rule)].trigger {
        case .each:
            because = draft.count == 1 ? "one matching PDU" : "\(draft.count) matching PDUs"
        case .distinct(let threshold, let window, let per):
            let reached = Self.mostDistinctWithin(draft.values, seconds: window)
            guard reached >= threshold else { return nil }
            distinctValues = draft.values.keys.sorted()
            because =
                "\(reached) distinct \(rules.descriptors[Int(key.rule)].countedNoun) within \(window) s from one \(per == .pair ? "client to one server" : "source") (threshold \(threshold))"
        case .rate(let threshold, let window, _):
            var neighbour = key
            neighbour.bucket += 1
            let next = count(of: neighbour)
            neighbour.bucket -= 2
            let previous = count(of: neighbour)
            let reached = draft.count + max(next, previous)
            guard reached >= UInt64(threshold) else { return nil }
            because = "\(reached) matching PDUs within \(window) s (threshold \(threshold))"
        }
        // From the table read once: through the rule's existential every field would be copied.
        let descriptor = rules.descriptors[Int(key.rule)]
        var occurrence = draft.occurrence
        occurrence.count = draft.count
        if let distinctValues { occurrence.distinctValues = distinctValues }
        let source = key.source.description
        let destination = key.destination?.description
        let sourceAsset = context.directory.entry(key.source)
        if !descriptor.sourceRoles.isEmpty {
            guard let role = sourceAsset?.role, descriptor.sourceRoles.contains(role) else { return nil }
        }
        if !descriptor.destinationRoles.isEmpty {
            let roles =
                key.destination.map { [context.directory.entry($0)?.role] }
                ?? draft.destinations.map { context.directory.entry($0)?.role }
            let inSegment =
                !descriptor.destinationSubnetRoles.isEmpty
                && (key.destination.map { [$0] } ?? draft.destinations).contains {
                    context.directory.subnet(of: $0, holdsOneOf: descriptor.destinationSubnetRoles)
                }
            guard inSegment || roles.contains(where: { $0.map(descriptor.destinationRoles.contains) ?? false }) else {
                return nil
            }
        }
        var roleNote = ""
        var severity = draft.severity
        if let sourceAsset, !descriptor.trustedSourceRoles.isEmpty {
            let isTrustedRole = descriptor.trustedSourceRoles.contains(sourceAsset.role)
            if isTrustedRole && context.directory.isEstablished(sourceAsset, at: draft.firstTime) {
                guard let lowered = descriptor.trustedSeverity else { return nil }
                severity = min(severity, lowered)
                roleNote =
                    " The source is an established \(sourceAsset.role.title), which this rule trusts: \(lowered.name) severity."
            }
            let trusted = descriptor.trustedSourceRoles.map(\.title).sorted().joined(separator: ", ")
            let reasons =
                sourceAsset.roleReasons.isEmpty ? "" : " (\(sourceAsset.roleReasons.joined(separator: "; ")))"
            if roleNote.isEmpty {
                roleNote =
                    isTrustedRole
                    ? " The source is classified \(sourceAsset.role.title)\(reasons), but it appeared only \(Self.seconds(draft.firstTime - sourceAsset.firstSeen)) before this, after observation began: a role earned by the behaviour being judged does not vouch for it."
                    : " The source is classified \(sourceAsset.role.title)\(reasons), not one of the roles this rule trusts (\(trusted))."
            }
        }
        if descriptor.quietWhenBaselined, let baseline = context.baseline, let destination,
            baseline.allows(
                source: source, destination: destination, protocolName: occurrence.protocolName,
                operation: occurrence.operation)
        {
            return nil
        }
        if descriptor.quietWhenBaselined, context.baseline != nil {
            roleNote += " The baseline has no \(occurrence.operation) from this source to this destination."
        }
        var assets = [sourceAsset?.id ?? source]
        if let destinationEndpoint = key.destination, let destination {
            assets.append(context.directory.entry(destinationEndpoint)?.id ?? destination)
        } else {
            for other in draft.destinations {
                let id = context.directory.entry(other)?.id ?? other.description
                if !assets.contains(id) { assets.append(id) }
            }
        }
        var subject = [source, destination ?? "*"]
        if key.detail != 0 { subject.append(String(key.detail)) }
        return Alert(
            id: AlertIdentity.id(rule: descriptor.id, subject: subject), firstTime: draft.firstTime,
            lastTime: draft.lastTime, severity: severity, kind: descriptor.kind, rule: descriptor.id,
            techniques: descriptor.techniques, assets: assets, summary: rules.all[Int(key.rule)].summary(occurrence),
            explanation: "Rule \(descriptor.id) (\(descriptor.title)) fired on \(because). \(descriptor.rationale)"
                + roleNote,
            evidence: draft.evidence, count: draft.count)
    }

    /// The count of the draft at `key`, 0 when there is none (read in place, not copied out).
    private func count(of key: DraftKey) -> UInt64 {
        guard let slot = drafts.slot(of: key) else { return 0 }
        return drafts.withDrafts { $0[slot].count }
    }

    static func seconds(_ nanoseconds: Int64) -> String {
        let seconds = max(0, nanoseconds) / 1_000_000_000
        return seconds < 120 ? "\(seconds) s" : seconds < 7200 ? "\(seconds / 60) min" : "\(seconds / 3600) h"
    }

    /// The largest number of values first seen within any `seconds`-long window.
    static func mostDistinctWithin(_ values: [Int64: Int64], seconds: Int) -> Int {
        let times = values.values.sorted()
        let window = Int64(seconds) * 1_000_000_000
        var best = 0
        var start = 0
        for end in times.indices {
            while times[end] - times[start] > window { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }
}
