import GRDB
import Storage

extension SQLiteStore: ConsoleUserStore {
    public func consoleUsers() throws(StoreError) -> [ConsoleUser] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, role, password_hash, created, disabled FROM console_user ORDER BY name"
            )
            .compactMap(Self.consoleUser)
        }
    }

    public func consoleUser(named name: String) throws(StoreError) -> ConsoleUser? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT name, role, password_hash, created, disabled FROM console_user WHERE name = ?",
                arguments: [name]
            ).flatMap(Self.consoleUser)
        }
    }

    public func saveConsoleUser(_ user: ConsoleUser, actor: String) throws(StoreError) {
        try write { db in
            let existed = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM console_user WHERE name = ?", arguments: [user.name])
            // An upsert, not INSERT OR REPLACE: a replace deletes the row first, and the delete
            // cascades to the user's API tokens.
            try db.execute(
                sql: """
                    INSERT INTO console_user (name, role, password_hash, created, disabled)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash,
                        disabled = excluded.disabled
                    """, arguments: [user.name, user.role.rawValue, user.passwordHash, user.created, user.disabled])
            try Self.audit(
                db,
                AuditEntry(
                    time: WallClock.nanoseconds(), actor: actor, action: existed == true ? "user.update" : "user.add",
                    subject: user.name, detail: "role \(user.role.rawValue)\(user.disabled ? ", disabled" : "")"))
        }
    }

    public func removeConsoleUser(named name: String, actor: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE user_name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM console_user WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { return false }
            try Self.audit(
                db,
                AuditEntry(
                    time: WallClock.nanoseconds(), actor: actor, action: "user.remove", subject: name, detail: ""))
            return true
        }
    }

    public func addAPIToken(_ token: APIToken, actor: String) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO api_token (name, user_name, role, token_hash, created) VALUES (?, ?, ?, ?, ?)",
                arguments: [token.name, token.user, token.role.rawValue, token.tokenHash, token.created])
            let id = db.lastInsertedRowID
            try Self.audit(
                db,
                AuditEntry(
                    time: WallClock.nanoseconds(), actor: actor, action: "token.add", subject: "token \(id)",
                    detail: "\(token.name) for \(token.user), role \(token.role.rawValue)"))
            return id
        }
    }

    public func apiTokens() throws(StoreError) -> [APIToken] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, name, user_name, role, token_hash, created, last_used FROM api_token ORDER BY id"
            ).compactMap(Self.apiToken)
        }
    }

    public func apiToken(hash: String) throws(StoreError) -> APIToken? {
        try read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT id, name, user_name, role, token_hash, created, last_used FROM api_token WHERE token_hash = ?",
                arguments: [hash]
            ).flatMap(Self.apiToken)
        }
    }

    public func removeAPIToken(id: Int64, actor: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { return false }
            try Self.audit(
                db,
                AuditEntry(
                    time: WallClock.nanoseconds(), actor: actor, action: "token.remove", subject: "token \(id)",
                    detail: ""))
            return true
        }
    }

    public func touchAPIToken(id: Int64, at time: Int64) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE api_token SET last_used = ? WHERE id = ?", arguments: [time, id])
        }
    }

    static func consoleUser(_ row: Row) -> ConsoleUser? {
        guard let role = ConsoleRole(rawValue: row["role"]) else { return nil }
        return ConsoleUser(
            name: row["name"], role: role, passwordHash: row["password_hash"], created: row["created"],
            disabled: row["disabled"])
    }

    static func apiToken(_ row: Row) -> APIToken? {
        guard let role = ConsoleRole(rawValue: row["role"]) else { return nil }
        return APIToken(
            id: row["id"], name: row["name"], user: row["user_name"], role: role, tokenHash: row["token_hash"],
            created: row["created"], lastUsed: row["last_used"])
    }
}
