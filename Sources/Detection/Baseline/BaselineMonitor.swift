import AssetInventory
import EventModel
import Foundation
import Monitor
import PacketLayers

/// Anomaly detection against a baseline: merges what the workers' `AnomalyCollector`s found,
/// judges the periodic exchanges that stopped, compares the inventory with the baseline's
/// assets (new assets, changed identities), and returns `Alert`s of kind `.anomaly`.
///
/// What each anomaly means (the alert's `rule`), its severity and why:
/// - `anomaly.new-asset` (medium): a device none of whose addresses or MACs the baseline knows.
/// - `anomaly.new-pair` (medium; low for a known host's new broadcast): a client talking to a
///   server on a port the baseline never saw between them. T0848 Rogue Master when the client
///   itself is new.
/// - `anomaly.new-protocol` (medium): a known client/server pair on another protocol or port.
/// - `anomaly.new-function` (medium for write/control/program/firmware, info for session
///   functions, low otherwise): a
///   function code (or Modbus sub-function) the pair never used.
/// - `anomaly.new-operation-source` (high): a host sending write, control, program or firmware
///   requests when in the baseline it never did (the rogue master's first write).
/// - `anomaly.target-out-of-range` (medium): a write, control, program or firmware request on targets
///   outside the ranges the function had on the pair (other registers, DBs, IOAs, tags…).
/// - `anomaly.period-change` (medium): a periodic exchange whose period, measured over at least
///   ten periods (and 30 s) from the flows' per-function counts, is off by more than half (or
///   double) and more than three jitters.
/// - `anomaly.exchange-stopped` (medium): a periodic exchange of an active pair not seen for ten
///   periods (at least 30 s).
/// - `anomaly.identity-change` (high for firmware, medium otherwise): firmware, modules, station
///   name, order number, model or serial differ from the baseline's.
public final class BaselineMonitor: @unchecked Sendable {
    public let baseline: Baseline
    let index: BaselineIndex
    private var drafts: [AnomalyKey: AnomalyDraft] = [:]
    private var watches: [WatchKey: ExchangeWatch] = [:]
    private var start = Int64.max
    private var now = Int64.min
    private var published: [String: UInt64] = [:]
    /// Anomalies dropped at the caps (here and in the collectors), counted, never unbounded.
    public private(set) var capHits: UInt64 = 0
    private let lock = NSLock()
    /// The packet-time interval of the flows' interim reports the monitor is designed for.
    public static let checkpointInterval: Int64 = 10_000_000_000

    struct WatchKey: Hashable {
        var pair: PairKey
        var function: FunctionKey
    }

    public init(baseline: Baseline) {
        self.baseline = baseline
        index = BaselineIndex(baseline)
    }

    /// A collector for one worker (each worker needs its own).
    public func makeCollector(origin: String = "") -> AnomalyCollector {
        AnomalyCollector(index: index, origin: origin)
    }

    /// Takes what `collector` found since the last call.
    public func ingest(_ collector: AnomalyCollector) {
        let taken = collector.take()
        lock.withLock {
            for (key, draft) in taken.drafts {
                if drafts[key] != nil {
                    drafts[key]!.merge(draft)
                } else if drafts.count < AnomalyCollector.draftLimit {
                    drafts[key] = draft
                } else {
                    capHits &+= 1
                }
            }
            capHits &+= taken.capHits
            for watch in taken.watches {
                watches[WatchKey(pair: watch.pair, function: watch.function)] = watch
            }
            start = min(start, taken.start)
            now = max(now, taken.now)
        }
    }

    /// Every anomaly so far, in time order. `inventory` (when given) is compared with the
    /// baseline's assets.
    public func alerts(inventory: Inventory? = nil) -> [Alert] {
        lock.lock()
        defer { lock.unlock() }
        var byID: [String: Alert] = [:]
        func add(_ alert: Alert) {
            if byID[alert.id] == nil { byID[alert.id] = alert } else { byID[alert.id]!.merge(alert) }
        }
        for (key, draft) in drafts { add(Self.alert(key.kind, draft)) }
        for alert in stoppedExchanges() { add(alert) }
        if let inventory {
            for alert in assetAnomalies(inventory) { add(alert) }
        }
        return byID.values.sorted { ($0.firstTime, $0.rule, $0.id) < ($1.firstTime, $1.rule, $1.id) }
    }

    /// The anomalies that are new or have grown since the previous call, each with `count` set
    /// to its new occurrences only (for a live sensor, like `AlertCorrelator.changes`).
    public func changes(inventory: Inventory? = nil) -> [Alert] {
        var changed: [Alert] = []
        for var alert in alerts(inventory: inventory) {
            let before = lock.withLock { published[alert.id] ?? 0 }
            guard alert.count > before else { continue }
            lock.withLock { published[alert.id] = alert.count }
            alert.count -= before
            changed.append(alert)
        }
        return changed
    }

    static func alert(_ kind: AnomalyKind, _ draft: AnomalyDraft) -> Alert {
        Alert(
            id: AlertIdentity.id(rule: kind.rawValue, subject: draft.subject), firstTime: draft.firstTime,
            lastTime: draft.lastTime, severity: draft.severity, kind: .anomaly, rule: kind.rawValue,
            techniques: draft.techniques, assets: draft.assets, summary: draft.summary,
            explanation: draft.explanation, evidence: draft.evidence, count: max(1, draft.count))
    }

    // MARK: timing

    /// How long a window must be before its period is judged: ten periods, at least 30 s.
    static func judgedWindow(period: Int64) -> Int64 { max(10 * period, 30_000_000_000) }

    /// How long a periodic exchange may be missing before it counts as stopped.
    static func stoppedAfter(period: Int64) -> Int64 { max(10 * period, 30_000_000_000) }

    static func periodDiffers(observed: Double, timing: BaselineTiming) -> Bool {
        let expected = Double(timing.periodMilliseconds) * 1e6
        guard expected > 0 else { return false }
        let ratio = observed / expected
        let difference = abs(observed - expected)
        return (ratio > 1.5 || ratio < 1 / 1.5) && difference > 3 * Double(timing.jitterMilliseconds) * 1e6
    }

    private func stoppedExchanges() -> [Alert] {
        guard now > start else { return [] }
        var result: [Alert] = []
        var watched: Set<WatchKey> = []
        for (key, watch) in watches {
            watched.insert(key)
            let period = watch.timing.periodMilliseconds * 1_000_000
            let silence = now - watch.lastCounted
            guard silence > Self.stoppedAfter(period: period) else { continue }
            result.append(
                stoppedAlert(
                    pair: watch.pair, function: watch.function, since: watch.lastCounted, silence: silence,
                    flowText: watch.flowText))
        }
        // Periodic exchanges of pairs that never showed up at all. Layer-2 pairs (LLDP, PROFINET
        // DCP) have no flows, so nothing counts them: they are not judged.
        for (pairKey, pair) in index.pairs {
            if case .mac = pairKey.server { continue }
            for (functionKey, function) in pair.ungrouped {
                guard let timing = function.timing, !watched.contains(WatchKey(pair: pairKey, function: functionKey))
                else { continue }
                let silence = now - start
                guard silence > Self.stoppedAfter(period: timing.periodMilliseconds * 1_000_000) else { continue }
                result.append(
                    stoppedAlert(pair: pairKey, function: functionKey, since: start, silence: silence, flowText: ""))
            }
        }
        return result
    }

    private func stoppedAlert(
        pair key: PairKey, function functionKey: FunctionKey, since: Int64, silence: Int64, flowText: String
    ) -> Alert {
        let indexed = index.pairs[key]?.ungrouped[functionKey]
        let pair = baseline.pairs[indexed?.pairIndex ?? 0]
        let function = indexed.map { pair.functions[$0.functionIndex] }
        let timing = function?.timing
        let title = function.map { "\($0.protocolName) \($0.title)" } ?? "function \(functionKey.code)"
        let draft = AnomalyDraft(
            subject: [
                pair.client, pair.server, String(pair.port), function?.protocolName ?? "", function?.operation ?? "",
                String(functionKey.code),
            ],
            firstTime: since, lastTime: now, count: 1, severity: .medium, techniques: ["T0804"],
            assets: [pair.client, pair.server],
            summary: "Periodic \(title) on \(pair.title) stopped: none for \(DetectionCollector.duration(silence))",
            explanation:
                "The baseline (\(Self.learnedFrom(baseline))) has this exchange every \(timing?.periodMilliseconds ?? 0) ms ± \(timing?.jitterMilliseconds ?? 0) ms; it was last counted at \(BaselineTime.text(since)) and the traffic seen goes on to \(BaselineTime.text(now)).",
            evidence: [
                AlertEvidence(
                    origin: "", frame: 0, time: since, flow: flowText, note: "last seen \(BaselineTime.text(since))")
            ])
        return Self.alert(.exchangeStopped, draft)
    }

    // MARK: assets

    private func assetAnomalies(_ inventory: Inventory) -> [Alert] {
        var byAddress: [String: BaselineAsset] = [:]
        for asset in baseline.assets {
            for address in asset.addresses { byAddress[address] = asset }
            for mac in asset.macs where byAddress[mac] == nil { byAddress[mac] = asset }
        }
        var result: [Alert] = []
        for asset in inventory.assets {
            let known =
                asset.ips.contains { index.hosts.contains(.ip($0)) }
                || asset.macs.contains { index.hosts.contains(.mac($0)) }
            let label = asset.ips.first?.description ?? asset.macs.first?.description ?? asset.id
            let addresses = asset.ips.map(\.description) + asset.macs.map(\.description)
            if !known {
                var facts: [String] = []
                if let mac = asset.macs.first { facts.append(mac.description) }
                if let vendor = asset.identity.vendor ?? asset.macVendor { facts.append(vendor) }
                if asset.role != .unknown { facts.append(asset.role.title) }
                let draft = AnomalyDraft(
                    subject: [asset.id], firstTime: asset.firstSeen, lastTime: asset.lastSeen, count: 1,
                    severity: .medium,
                    techniques: [], assets: addresses,
                    summary: "New asset \(label)\(facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")",
                    explanation:
                        "The baseline (\(Self.learnedFrom(baseline))) has \(baseline.assets.count) assets and none with the addresses \((asset.ips.map(\.description) + asset.macs.map(\.description)).joined(separator: ", ")).",
                    evidence: [
                        AlertEvidence(
                            origin: "", frame: 0, time: asset.firstSeen, flow: "",
                            note:
                                "first seen \(BaselineTime.text(asset.firstSeen)), \(asset.packetsSent) packets sent; talks \((asset.clientProtocols + asset.serverProtocols).joined(separator: ", "))"
                        )
                    ])
                result.append(Self.alert(.newAsset, draft))
                continue
            }
            guard
                let learned = asset.ips.lazy.compactMap({ byAddress[$0.description] }).first
                    ?? asset.macs.lazy.compactMap({ byAddress[$0.description] }).first
            else { continue }
            let current = BaselineLearner.baselineAsset(asset).identity
            let checks: [(String, String, IdentityKey, String?, String?, Severity, [String])] = [
                ("firmware", "firmware", .firmware, learned.identity.firmware, current.firmware, .high, ["T0857"]),
                (
                    "station_name", "station name", .stationName, learned.identity.stationName, current.stationName,
                    .medium, ["T0849"]
                ),
                (
                    "order_number", "order number", .orderNumber, learned.identity.orderNumber, current.orderNumber,
                    .medium, ["T0849"]
                ),
                ("model", "model", .model, learned.identity.model, current.model, .medium, ["T0849"]),
                ("serial", "serial number", .serial, learned.identity.serial, current.serial, .medium, ["T0849"]),
                (
                    "modules", "modules", .moduleName,
                    learned.identity.modules.isEmpty ? nil : learned.identity.modules.joined(separator: ", "),
                    current.modules.isEmpty ? nil : current.modules.joined(separator: ", "), .medium, ["T0839"]
                ),
            ]
            for (key, words, identityKey, old, new, severity, techniques) in checks {
                guard let old, let new, old != new else { continue }
                let fact = asset.facts.filter { $0.key == identityKey && new.contains($0.value) }.min {
                    $0.firstSeen < $1.firstSeen
                }
                let draft = AnomalyDraft(
                    subject: [asset.id, key, new], firstTime: fact?.firstSeen ?? asset.lastSeen,
                    lastTime: fact?.lastSeen ?? asset.lastSeen, count: max(1, fact?.count ?? 1), severity: severity,
                    techniques: techniques, assets: addresses,
                    summary:
                        "\(words.prefix(1).uppercased() + words.dropFirst()) of \(label) changed from \(old) to \(new)",
                    explanation:
                        "The baseline (\(Self.learnedFrom(baseline))) has \(words) \(old) for \(learned.key); the device now reports \(new)\(fact.map { " (\($0.protocolName))" } ?? "").",
                    evidence: [
                        AlertEvidence(
                            origin: "", frame: fact?.firstFrame ?? 0, time: fact?.firstSeen ?? asset.lastSeen, flow: "",
                            note: "\(words) \(new) first seen \(BaselineTime.text(fact?.firstSeen ?? asset.lastSeen))")
                    ])
                result.append(Self.alert(.identityChange, draft))
            }
        }
        return result
    }

    /// `learned from modbus-normal.pcap, 2026-11-27T10:10:34Z to …`.
    static func learnedFrom(_ baseline: Baseline) -> String {
        var sources = baseline.header.captures.map { ($0 as NSString).lastPathComponent }
        if let store = baseline.header.store { sources.append("store \(store)") }
        var text = "learned from \(sources.isEmpty ? "traffic" : sources.prefix(3).joined(separator: ", "))"
        if sources.count > 3 { text += " and \(sources.count - 3) more" }
        if let start = baseline.header.start, let end = baseline.header.end {
            text += ", \(BaselineTime.text(start)) to \(BaselineTime.text(end))"
        }
        return text
    }
}
