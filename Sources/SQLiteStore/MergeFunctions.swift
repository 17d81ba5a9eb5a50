import EventModel
import Foundation
import GRDB

/// SQL functions that merge the columns SQL cannot add up itself, so an observation row is
/// merged by one `INSERT … ON CONFLICT DO UPDATE` instead of a read, a merge in Swift and a write.
enum MergeFunctions {
    /// `palisade_list_union('modbus,s7comm', 'enip')` → the union of two comma-separated lists
    /// (protocol names, VLAN ids), each item once.
    static let listUnion = DatabaseFunction("palisade_list_union", argumentCount: 2, pure: true) { values in
        let left = String.fromDatabaseValue(values[0]) ?? ""
        let right = String.fromDatabaseValue(values[1]) ?? ""
        if left == right || right.isEmpty { return left }
        if left.isEmpty { return right }
        let items = Set(left.split(separator: ",")).union(right.split(separator: ","))
        return items.sorted().joined(separator: ",")
    }

    /// `palisade_list_append('a,b', 'c,a')` → `a,b,c`: the union in first-seen order (an alert's
    /// assets keep its source first).
    static let listAppend = DatabaseFunction("palisade_list_append", argumentCount: 2, pure: true) { values in
        let left = String.fromDatabaseValue(values[0]) ?? ""
        let right = String.fromDatabaseValue(values[1]) ?? ""
        if left == right || right.isEmpty { return left }
        if left.isEmpty { return right }
        var items = left.split(separator: ",")
        for item in right.split(separator: ",") where !items.contains(item) { items.append(item) }
        return items.joined(separator: ",")
    }

    /// `palisade_list_contains('a,b', 'b')` → 1.
    static let listContains = DatabaseFunction("palisade_list_contains", argumentCount: 2, pure: true) { values in
        let list = String.fromDatabaseValue(values[0]) ?? ""
        let item = String.fromDatabaseValue(values[1]) ?? ""
        return list.split(separator: ",").contains { $0 == item }
    }

    /// `palisade_tally_sum(a, b)` → two operation-tally blobs added lane by lane.
    static let tallySum = DatabaseFunction("palisade_tally_sum", argumentCount: 2, pure: true) { values in
        var tally = ColumnCoding.tally(Data.fromDatabaseValue(values[0]))
        tally.merge(ColumnCoding.tally(Data.fromDatabaseValue(values[1])))
        return ColumnCoding.blob(tally)
    }
}
