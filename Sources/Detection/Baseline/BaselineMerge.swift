/// Folding what was learned later into a baseline: how a new device's window and an alert that
/// a person decides to learn (`palisade alerts learn`) become part of the document.
extension Baseline {
    /// Adds `learned`'s assets and pairs: new ones are appended, known pairs gain the functions
    /// they lacked, and known functions widen their targets and sub-functions. Times and counts
    /// widen too; timing already learned is kept.
    public mutating func absorb(_ learned: Baseline) {
        var assetsByKey = Dictionary(assets.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for asset in learned.assets where assetsByKey[asset.key] == nil { assetsByKey[asset.key] = asset }
        assets = assetsByKey.values.sorted { $0.key < $1.key }

        var pairsByKey = Dictionary(pairs.map { ($0.sortKey, $0) }, uniquingKeysWith: { first, _ in first })
        for pair in learned.pairs {
            guard var known = pairsByKey[pair.sortKey] else {
                pairsByKey[pair.sortKey] = pair
                continue
            }
            known.flows &+= pair.flows
            known.firstSeen = min(known.firstSeen, pair.firstSeen)
            known.lastSeen = max(known.lastSeen, pair.lastSeen)
            for function in pair.functions {
                if let index = known.functions.firstIndex(where: { $0.sortKey == function.sortKey }) {
                    known.functions[index].absorb(function)
                } else {
                    known.functions.append(function)
                }
            }
            known.functions.sort { $0.sortKey < $1.sortKey }
            pairsByKey[pair.sortKey] = known
        }
        pairs = pairsByKey.values.sorted { $0.sortKey < $1.sortKey }
    }
}

extension BaselineFunction {
    mutating func absorb(_ other: BaselineFunction) {
        // No targets means any target was accepted: learning more must not narrow that.
        let acceptedAnyTarget = targets.isEmpty && count > 0
        count &+= other.count
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        subfunctions.formUnion(other.subfunctions)
        targetsCapped = targetsCapped || other.targetsCapped
        for target in other.targets {
            if let index = targets.firstIndex(where: { $0.sortKey == target.sortKey }) {
                targets[index].ranges.formUnion(target.ranges)
                for value in target.values where !targets[index].values.contains(value) {
                    targets[index].values.append(value)
                }
                targets[index].valuesCapped = targets[index].valuesCapped || target.valuesCapped
            } else {
                targets.append(target)
            }
        }
        if acceptedAnyTarget { targets = [] }
        if timing == nil { timing = other.timing }
    }
}
