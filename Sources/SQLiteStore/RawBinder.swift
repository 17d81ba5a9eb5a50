import AssetInventory
import GRDB
import GRDBSQLite

/// Binds a cached statement's parameters through SQLite's C API and runs it once per row: GRDB's
/// `StatementArguments` box every value (an existential per column), which on the observation
/// upserts cost an import's single writer more than SQLite's own work.
struct RawBinder {
    private let statement: OpaquePointer
    private let connection: OpaquePointer?

    init(_ statement: Statement, in db: Database) {
        self.statement = statement.sqliteStatement
        connection = db.sqliteConnection
        sqlite3_reset(self.statement)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(statement, index, Int64(value)) }
    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(statement, index, value ? 1 : 0) }

    /// An integer, or NULL.
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    /// An endpoint as the tables store it: its MAC at `index`, its IP at `index + 1` (`ColumnCoding`).
    func bind(_ index: Int32, _ endpoint: EndpointKey) {
        bind(index, ColumnCoding.text(endpoint.mac))
        bind(index + 1, ColumnCoding.text(endpoint.ip))
    }

    /// Text, copied by SQLite (SQLITE_TRANSIENT); an empty string binds as text, not NULL.
    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            Self.empty.withUnsafeBufferPointer { empty in
                _ = sqlite3_bind_text(statement, index, base ?? empty.baseAddress, Int32(bytes.count), transient)
            }
        }
    }

    /// Text bound where it lies, without a copy (SQLITE_STATIC): `bytes` must stay valid and
    /// unchanged until the statement has run and its bindings are cleared (`clearBindings`).
    /// nil binds NULL.
    func bind(_ index: Int32, inPlace bytes: UnsafeRawBufferPointer?) {
        guard let bytes else {
            sqlite3_bind_null(statement, index)
            return
        }
        guard let base = bytes.baseAddress else {
            bind(index, "")
            return
        }
        _ = sqlite3_bind_text(statement, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    func bind(_ index: Int32, blob bytes: UnsafeRawBufferPointer) {
        Self.empty.withUnsafeBufferPointer { empty in
            _ = sqlite3_bind_blob(
                statement, index, bytes.baseAddress ?? UnsafeRawPointer(empty.baseAddress!), Int32(bytes.count),
                transient)
        }
    }

    /// Runs the statement with what is bound and resets it for the next row.
    func run() throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) })
        }
    }

    /// Forgets every binding (text bound in place must not outlive its buffer in a cached statement).
    func clearBindings() { sqlite3_clear_bindings(statement) }

    private static let empty: [CChar] = [0]
    private var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}
