import EventModel
import Foundation

/// What a `distinct:` trigger counts.
public enum UserRuleDistinctField: String, Sendable, CaseIterable {
    /// The Modbus unit id (or the target's unit where the kind has one): unit-id sweeps.
    case unit
    /// Destinations: one source touching many hosts.
    case destination
    /// Function codes: one client trying many functions.
    case function
    /// Targets (register, DB, IOA, tag…): one client walking an address space.
    case target
}

/// A rule from the plant's YAML files (`UserRuleLoader`), compiled so that `match` compares
/// numbers, bit masks, precompiled networks and byte patterns: no allocation per event.
public struct UserRule: ThreatRule {
    public let descriptor: RuleDescriptor
    let condition: EventCondition
    let distinctField: UserRuleDistinctField?
    /// The file and line the rule came from, for messages.
    public let origin: String

    init(descriptor: RuleDescriptor, condition: EventCondition, distinctField: UserRuleDistinctField?, origin: String) {
        self.descriptor = descriptor
        self.condition = condition
        self.distinctField = distinctField
        self.origin = origin
    }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard condition.matches(event, in: batch) else { return nil }
        switch descriptor.trigger {
        case .each:
            // One alert per pair and function code.
            return RuleHit(detail: event.function)
        case .rate:
            return RuleHit()
        case .distinct:
            return RuleHit(value: value(of: event, in: batch))
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let words: String
        switch descriptor.trigger {
        case .each:
            words = "\(occurrence.source) sent \(occurrence.action) to \(occurrence.destination)"
        case .distinct(_, let window, _):
            words =
                "\(occurrence.source) touched \(occurrence.distinctValues.count) \(occurrence.countedNoun) within \(window) s (\(occurrence.action))"
        case .rate(_, let window, _):
            words = "\(occurrence.source) sent \(occurrence.count) × \(occurrence.action) within \(window) s"
        }
        return "\(descriptor.title): \(words)"
    }

    private func value(of event: ProtocolEvent, in batch: EventBatch) -> Int64 {
        switch distinctField {
        case .unit:
            return event.target.kind == .modbusRange ? event.target.fourth : event.target.first
        case .destination:
            return Int64(bitPattern: event.destination.high ^ event.destination.low)
        case .function:
            return event.function
        case .target, nil:
            // FNV-1a over the kind, the numbers and the text.
            var hash = Self.fnv(UInt64(event.target.kind.rawValue), into: 0xcbf2_9ce4_8422_2325)
            hash = Self.fnv(UInt64(bitPattern: event.target.first), into: hash)
            hash = Self.fnv(UInt64(bitPattern: event.target.second), into: hash)
            hash = Self.fnv(UInt64(bitPattern: event.target.third), into: hash)
            if !event.target.text.isEmpty {
                let seed = hash
                hash = batch.withBytes(event.target.text) { Self.fnv(bytes: $0, into: seed) }
            }
            return Int64(bitPattern: hash)
        }
    }

    @inline(__always) static func fnv(_ value: UInt64, into hash: UInt64) -> UInt64 {
        (hash ^ value) &* 0x0000_0100_0000_01b3
    }

    static func fnv(bytes: UnsafeRawBufferPointer, into seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = fnv(UInt64(byte), into: hash) }
        return hash
    }
}
