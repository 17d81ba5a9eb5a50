/// What changed between two baselines, in words (`palisade baseline diff A B`). Counts and times
/// are not changes; new or missing assets, pairs, functions, sub-functions and targets are, and
/// so are identities, roles and periods (a period counts as changed when it moves by more than
/// a tenth and by more than twice its jitter).
public enum BaselineDiff {
    public static func changes(from old: Baseline, to new: Baseline) -> [String] {
        var old = old
        var new = new
        old.normalize()
        new.normalize()
        return assetChanges(old, new) + pairChanges(old, new)
    }

    /// The assets of one baseline by address and MAC, to find an asset's counterpart in the
    /// other: the first asset sharing an address, or a MAC when either has no address; failing
    /// that, the first sharing a MAC. Looked up by key, not by comparing every pair of assets
    /// (a plant's two baselines of 10,000 assets took a minute).
    struct AssetIndex {
        let assets: [BaselineAsset]
        var byAddress: [String: Int] = [:]
        var byMAC: [String: Int] = [:]
        /// Only the assets without an address.
        var byMACWithoutAddress: [String: Int] = [:]

        init(_ assets: [BaselineAsset]) {
            self.assets = assets
            for (index, asset) in assets.enumerated() {
                for address in asset.addresses where byAddress[address] == nil { byAddress[address] = index }
                for mac in asset.macs {
                    if byMAC[mac] == nil { byMAC[mac] = index }
                    if asset.addresses.isEmpty, byMACWithoutAddress[mac] == nil { byMACWithoutAddress[mac] = index }
                }
            }
        }

        func match(_ asset: BaselineAsset) -> BaselineAsset? {
            var first = asset.addresses.compactMap { byAddress[$0] }.min()
            let macIndex = asset.addresses.isEmpty ? byMAC : byMACWithoutAddress
            if let viaMAC = asset.macs.compactMap({ macIndex[$0] }).min() { first = min(first ?? viaMAC, viaMAC) }
            if first == nil { first = asset.macs.compactMap { byMAC[$0] }.min() }
            return first.map { assets[$0] }
        }
    }

    static func assetChanges(_ old: Baseline, _ new: Baseline) -> [String] {
        var lines: [String] = []
        let oldIndex = AssetIndex(old.assets)
        let newIndex = AssetIndex(new.assets)
        for asset in new.assets {
            guard let before = oldIndex.match(asset) else {
                var facts = [asset.role]
                if let vendor = asset.identity.vendor { facts.append(vendor) }
                lines.append("new asset \(asset.key) (\(facts.joined(separator: ", ")))")
                continue
            }
            if before.role != asset.role {
                lines.append("role of \(asset.key) changed from \(before.role) to \(asset.role)")
            }
            let oldFields = Dictionary(before.identity.fields, uniquingKeysWith: { first, _ in first })
            let newFields = Dictionary(asset.identity.fields, uniquingKeysWith: { first, _ in first })
            for key in Set(oldFields.keys).union(newFields.keys).sorted() {
                let words = key.replacingOccurrences(of: "_", with: " ")
                switch (oldFields[key], newFields[key]) {
                case (let was?, let now?) where was != now:
                    lines.append("\(words) of \(asset.key) changed from \(was) to \(now)")
                case (nil, let now?):
                    lines.append("\(words) of \(asset.key) is now known: \(now)")
                case (let was?, nil):
                    lines.append("\(words) of \(asset.key) (\(was)) is no longer in the baseline")
                default:
                    break
                }
            }
        }
        for asset in old.assets where newIndex.match(asset) == nil {
            lines.append("asset \(asset.key) (\(asset.role)) is no longer in the baseline")
        }
        return lines
    }

    static func pairKey(_ pair: BaselinePair) -> String {
        "\(pair.client)|\(pair.server)|\(pair.protocolName)|\(pair.transport)|\(pair.port)"
    }

    static func functionKey(_ function: BaselineFunction) -> String {
        "\(function.protocolName)|\(function.group)|\(function.code)|\(function.operation)|\(function.code < 0 ? function.name : "")"
    }

    static func pairChanges(_ old: Baseline, _ new: Baseline) -> [String] {
        var lines: [String] = []
        let oldPairs = Dictionary(old.pairs.map { (pairKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(new.pairs.map(pairKey))
        for pair in new.pairs {
            guard let before = oldPairs[pairKey(pair)] else {
                var functions: [String] = []
                for function in pair.functions {
                    let name = function.code >= 0 ? String(function.code) : function.name
                    if !functions.contains(name) { functions.append(name) }
                }
                lines.append(
                    "new pair \(pair.title)\(functions.isEmpty ? "" : " (functions \(functions.joined(separator: ", ")))")"
                )
                continue
            }
            lines += functionChanges(before, pair)
        }
        for pair in old.pairs where !newKeys.contains(pairKey(pair)) {
            lines.append("pair \(pair.title) is no longer in the baseline")
        }
        return lines
    }

    static func functionChanges(_ old: BaselinePair, _ new: BaselinePair) -> [String] {
        var lines: [String] = []
        let oldFunctions = Dictionary(
            old.functions.map { (functionKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(new.functions.map(functionKey))
        for function in new.functions {
            let name =
                "\(function.protocolName == new.protocolName ? "" : function.protocolName + " ")\(function.title) (\(function.operation))"
            guard let before = oldFunctions[functionKey(function)] else {
                lines.append("\(name) now seen on \(new.title)")
                continue
            }
            if before.subfunctions != function.subfunctions {
                lines.append(
                    "sub-functions of \(name) on \(new.title) changed from \(text(before.subfunctions)) to \(text(function.subfunctions))"
                )
            }
            lines += targetChanges(before, function, name: name, pair: new)
            switch (before.timing, function.timing) {
            case (let was?, let now?):
                let difference = abs(was.periodMilliseconds - now.periodMilliseconds)
                if Double(difference) > 0.1 * Double(was.periodMilliseconds),
                    difference > 2 * max(was.jitterMilliseconds, now.jitterMilliseconds)
                {
                    lines.append(
                        "period of \(name) on \(new.title) changed from \(was.periodMilliseconds) ms to \(now.periodMilliseconds) ms"
                    )
                }
            case (nil, let now?):
                lines.append("\(name) on \(new.title) is now periodic (every \(now.periodMilliseconds) ms)")
            case (let was?, nil):
                lines.append("\(name) on \(new.title) is no longer periodic (was every \(was.periodMilliseconds) ms)")
            default:
                break
            }
        }
        for function in old.functions where !newKeys.contains(functionKey(function)) {
            lines.append("\(function.title) (\(function.operation)) is no longer seen on \(new.title)")
        }
        return lines
    }

    static func text(_ ranges: RangeList) -> String { ranges.isEmpty ? "none" : ranges.description }

    static func targetChanges(_ old: BaselineFunction, _ new: BaselineFunction, name: String, pair: BaselinePair)
        -> [String]
    {
        var lines: [String] = []
        let oldTargets = Dictionary(old.targets.map { ($0.sortKey, $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(new.targets.map(\.sortKey))
        for target in new.targets {
            guard let before = oldTargets[target.sortKey] else {
                lines.append("\(name) on \(pair.title) now also touches \(describe(target))")
                continue
            }
            if before.ranges != target.ranges {
                lines.append(
                    "targets of \(name) on \(pair.title): \(target.title) changed from \(text(before.ranges)) to \(text(target.ranges))"
                )
            }
            let added = Set(target.values).subtracting(before.values).sorted()
            let removed = Set(before.values).subtracting(target.values).sorted()
            if !added.isEmpty {
                lines.append(
                    "\(name) on \(pair.title) now also touches \(target.title) \(added.joined(separator: ", "))")
            }
            if !removed.isEmpty {
                lines.append(
                    "\(name) on \(pair.title) no longer touches \(target.title) \(removed.joined(separator: ", "))")
            }
        }
        for target in old.targets where !newKeys.contains(target.sortKey) {
            lines.append("\(name) on \(pair.title) no longer touches \(describe(target))")
        }
        if old.targetsCapped != new.targetsCapped {
            lines.append(
                new.targetsCapped
                    ? "\(name) on \(pair.title) now has too many targets to keep (any target is accepted)"
                    : "\(name) on \(pair.title) has its targets listed again")
        }
        return lines
    }

    static func describe(_ target: BaselineTarget) -> String {
        if target.kind.usesValues { return "\(target.title) \(target.values.joined(separator: ", "))" }
        return target.ranges.isEmpty ? target.title : "\(target.title): \(target.ranges.description)"
    }
}
