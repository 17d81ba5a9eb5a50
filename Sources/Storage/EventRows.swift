/// Notable events packed as the store's rows: every event's text columns and JSON line side by
/// side in one byte buffer, its numbers beside them. A feed fills one between two commits and the
/// store binds straight from it. As `StoredEvent`s (a string per column) the events of a busy
/// capture cost the workers a million allocations and the store's single writer, the import's
/// bottleneck, as many frees.
public struct EventRows: Sendable {
    /// The text columns of a row, in the order they are written.
    public enum Column: Int, CaseIterable, Sendable {
        case protocolName, operation, functionName, direction, source, destination, sourceMAC, destinationMAC, anomaly
        /// The JSON line (`palisade.event/1`).
        case json
    }

    /// A row's numbers and where its text is.
    public struct Row: Sendable {
        public var timestamp: Int64
        public var frame: UInt64
        public var function: Int64?
        public var sourcePort: UInt16?
        public var destinationPort: UInt16?
        /// How many bytes at the start of the JSON line its columns rebuild
        /// (`EventFormatter.linePrefixLength`; 0: none, the line is stored whole).
        public var linePrefixLength: Int
        /// Where the row's text starts in the buffer; its columns follow one another.
        fileprivate var textStart: Int
    }

    public private(set) var rows: [Row] = []
    /// Per row and column (`Column` order), where the column starts after the row's `textStart`
    /// and its length (-1: NULL), two numbers each.
    private var spans: [Int32] = []
    private var text: [UInt8] = []

    public init() {}

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    // MARK: Filling (one row at a time: begin, every column in order, end)

    public mutating func beginRow(
        timestamp: Int64, frame: UInt64, function: Int64?, sourcePort: UInt16?, destinationPort: UInt16?
    ) {
        precondition(spans.count == rows.count * 2 * Column.allCases.count, "the previous row was not ended")
        rows.append(
            Row(
                timestamp: timestamp, frame: frame, function: function, sourcePort: sourcePort,
                destinationPort: destinationPort, linePrefixLength: 0, textStart: text.count))
    }

    /// The next column's text.
    public mutating func appendColumn(_ bytes: UnsafeRawBufferPointer) {
        spans.append(Int32(text.count - rows[rows.count - 1].textStart))
        text.append(contentsOf: bytes)
        spans.append(Int32(clamping: bytes.count))
    }

    public mutating func appendColumn(_ value: String) {
        var value = value
        value.withUTF8 { appendColumn(UnsafeRawBufferPointer($0)) }
    }

    public mutating func appendColumn(_ value: StaticString) {
        value.withUTF8Buffer { appendColumn(UnsafeRawBufferPointer($0)) }
    }

    /// The next column's text, written by `body` into a scratch buffer of `maximum` bytes (it
    /// returns how many it wrote): addresses without a string.
    public mutating func appendColumn(writingAtMost maximum: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximum) { buffer in
            let written = min(max(body(buffer), 0), maximum)
            appendColumn(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[..<written])))
        }
    }

    /// The next column is NULL.
    public mutating func appendNullColumn() {
        spans.append(0)
        spans.append(-1)
    }

    public mutating func endRow(linePrefixLength: Int) {
        precondition(spans.count == rows.count * 2 * Column.allCases.count, "a row needs every column")
        rows[rows.count - 1].linePrefixLength = linePrefixLength
    }

    /// Appends `event` as a row; `linePrefixLength` as `Row.linePrefixLength`.
    public mutating func append(_ event: StoredEvent, linePrefixLength: Int) {
        beginRow(
            timestamp: event.timestamp, frame: event.frame, function: event.function, sourcePort: event.sourcePort,
            destinationPort: event.destinationPort)
        for text in [
            event.protocolName, event.operation, event.functionName, event.direction, event.source, event.destination,
            event.sourceMAC, event.destinationMAC, event.anomaly, event.json,
        ] {
            if let text { appendColumn(text) } else { appendNullColumn() }
        }
        endRow(linePrefixLength: linePrefixLength)
    }

    // MARK: Reading

    /// Lends `body` the text buffer and, for each row, a function giving a column's bytes in it
    /// (nil for NULL) as (offset, length).
    public func withText<Result>(
        _ body: (UnsafeRawBufferPointer, _ column: (Int, Column) -> (offset: Int, length: Int)?) throws -> Result
    ) rethrows -> Result {
        try text.withUnsafeBytes { buffer in
            try spans.withUnsafeBufferPointer { spans in
                try body(buffer) { row, column in
                    let slot = (row * Column.allCases.count + column.rawValue) * 2
                    let length = spans[slot + 1]
                    return length < 0 ? nil : (rows[row].textStart + Int(spans[slot]), Int(length))
                }
            }
        }
    }

    /// Row `index` as a `StoredEvent` (for callers that want the event itself).
    public func storedEvent(at index: Int) -> StoredEvent {
        withText { buffer, column in
            func value(_ name: Column) -> String? {
                column(index, name).map {
                    String(
                        decoding: UnsafeRawBufferPointer(rebasing: buffer[$0.offset..<$0.offset + $0.length]),
                        as: UTF8.self)
                }
            }
            let row = rows[index]
            return StoredEvent(
                timestamp: row.timestamp, frame: row.frame, protocolName: value(.protocolName) ?? "",
                operation: value(.operation) ?? "", function: row.function, functionName: value(.functionName) ?? "",
                direction: value(.direction) ?? "", source: value(.source) ?? "",
                destination: value(.destination) ?? "",
                sourceMAC: value(.sourceMAC), destinationMAC: value(.destinationMAC), sourcePort: row.sourcePort,
                destinationPort: row.destinationPort, anomaly: value(.anomaly), json: value(.json) ?? "")
        }
    }

    // MARK: Combining

    public mutating func append(contentsOf other: EventRows) {
        let shift = text.count
        text.append(contentsOf: other.text)
        spans.append(contentsOf: other.spans)
        rows.append(
            contentsOf: other.rows.map { row in
                var row = row
                row.textStart += shift
                return row
            })
    }

    /// Drops the last `count` rows.
    public mutating func removeLast(_ count: Int) {
        let count = min(count, rows.count)
        guard count > 0 else { return }
        let keep = rows.count - count
        let textEnd = keep == rows.count ? text.count : rows[keep].textStart
        rows.removeLast(count)
        spans.removeLast(count * 2 * Column.allCases.count)
        text.removeLast(text.count - textEnd)
    }
}
