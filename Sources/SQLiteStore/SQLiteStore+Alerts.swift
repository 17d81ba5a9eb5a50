import GRDB
import Storage

extension SQLiteStore: AlertStore {
    public func recordAlerts(_ alerts: [StoredAlert], source: Int64) throws(StoreError) {
        guard !alerts.isEmpty else { return }
        try write { db in
            let occurrence = try db.cachedStatement(
                sql: """
                    INSERT INTO alert_occurrence (alert_id, source_id, count) VALUES (?, ?, ?)
                    ON CONFLICT (alert_id, source_id) DO UPDATE SET count = count + excluded.count
                    """)
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO alert (id, first_time, last_time, severity, severity_rank, kind, rule, techniques,
                        assets, summary, explanation, evidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        first_time = min(first_time, excluded.first_time),
                        last_time = max(last_time, excluded.last_time),
                        severity = CASE WHEN excluded.severity_rank > severity_rank THEN excluded.severity ELSE severity END,
                        severity_rank = max(severity_rank, excluded.severity_rank),
                        assets = palisade_list_append(assets, excluded.assets),
                        state = CASE WHEN state = 'closed' THEN 'new' ELSE state END
                    """)
            let named = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO alert_asset (asset, alert_id) VALUES (?, ?)")
            for alert in alerts {
                try statement.execute(arguments: [
                    alert.id, alert.firstTime, alert.lastTime, alert.severity, Self.severityRank(alert.severity),
                    alert.kind, alert.rule, alert.techniques.joined(separator: ","), ColumnCoding.list(alert.assets),
                    alert.summary, alert.explanation, alert.evidenceJSON,
                ])
                try occurrence.execute(arguments: [alert.id, source, ColumnCoding.int(alert.count)])
                // As the list column stores them (the asset filter compares with its items).
                for asset in ColumnCoding.decodeList(ColumnCoding.list(alert.assets)) {
                    try named.execute(arguments: [asset, alert.id])
                }
            }
        }
    }

    public func alerts(_ query: AlertQuery) throws(StoreError) -> [StoredAlert] {
        // Alerts whose every occurrence went with a re-imported capture are not listed.
        var conditions = ["EXISTS (SELECT 1 FROM alert_occurrence o WHERE o.alert_id = alert.id)"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let since = query.since {
            conditions.append("last_time >= ?")
            arguments.append(since)
        }
        if let until = query.until {
            conditions.append("first_time < ?")
            arguments.append(until)
        }
        if let states = query.states, !states.isEmpty {
            conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
            arguments += states.map { $0 }
        }
        if let minimum = query.minimumSeverity {
            conditions.append("severity_rank >= ?")
            arguments.append(Self.severityRank(minimum))
        }
        if let rule = query.rule {
            conditions.append("rule = ?")
            arguments.append(rule)
        }
        if let asset = query.asset {
            conditions.append("id IN (SELECT alert_id FROM alert_asset WHERE asset = ?)")
            arguments.append(asset)
        }
        let filter = "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(query.limit)
        arguments.append(query.offset)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.alertColumns) FROM alert \(filter) ORDER BY last_time DESC, id LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments)
            ).map(Self.alert)
        }
    }

    public func alert(id: String) throws(StoreError) -> StoredAlert? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.alertColumns) FROM alert WHERE id = ?", arguments: [id]).map(
                Self.alert)
        }
    }

    public func alertTotals() throws(StoreError) -> [(severity: String, state: String, count: Int)] {
        try read { db in
            try Row.fetchAll(
                db,
                // Kept by triggers (schema v7): the alerts with an occurrence, per rule, severity and state.
                sql: """
                    SELECT severity, state, sum(alerts) FROM alert_tally
                    GROUP BY severity, state HAVING sum(alerts) > 0
                    ORDER BY max(severity_rank) DESC, state
                    """
            ).map { (severity: $0[0], state: $0[1], count: $0[2]) }
        }
    }

    public func setAlertState(id: String, state: String, note: String, actor: String) throws(StoreError) -> Bool {
        guard StoredAlert.states.contains(state) else {
            throw StoreError.failed(path: path, detail: "'\(state)' is not an alert state (new, acknowledged, closed)")
        }
        return try write { db in
            let now = Self.now()
            try db.execute(
                sql: "UPDATE alert SET state = ?, state_changed = ?, state_note = ? WHERE id = ?",
                arguments: [state, now, note, id])
            guard db.changesCount > 0 else { return false }
            try Self.audit(db, AuditEntry(time: now, actor: actor, action: "alert.\(state)", subject: id, detail: note))
            return true
        }
    }

    public func addMute(_ mute: AlertMute) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO alert_mute (rule, asset, until, reason, created, actor) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [mute.rule, mute.asset, mute.until, mute.reason, mute.created, mute.actor])
            let id = db.lastInsertedRowID
            let until = mute.until.map { " until \($0)" } ?? ""
            try Self.audit(
                db,
                AuditEntry(
                    time: mute.created, actor: mute.actor, action: "mute.add", subject: "\(mute.rule) \(mute.asset)",
                    detail: "mute \(id)\(until): \(mute.reason)"))
            return id
        }
    }

    public func removeMute(id: Int64, actor: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM alert_mute WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { return false }
            try Self.audit(
                db, AuditEntry(time: Self.now(), actor: actor, action: "mute.remove", subject: "mute \(id)", detail: "")
            )
            return true
        }
    }

    public func mutes(activeAt now: Int64?) throws(StoreError) -> [AlertMute] {
        try read { db in
            let filter = now == nil ? "" : "WHERE until IS NULL OR until > ?"
            return try Row.fetchAll(
                db, sql: "SELECT id, rule, asset, until, reason, created, actor FROM alert_mute \(filter) ORDER BY id",
                arguments: now.map { [$0] } ?? []
            ).map {
                AlertMute(
                    id: $0[0], rule: $0[1], asset: $0[2], until: $0[3], reason: $0[4], created: $0[5], actor: $0[6])
            }
        }
    }

    public func recordAudit(_ entry: AuditEntry) throws(StoreError) {
        try write { db in try Self.audit(db, entry) }
    }

    public func auditTrail(limit: Int) throws(StoreError) -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT time, actor, action, subject, detail FROM audit ORDER BY id DESC LIMIT ?",
                arguments: [limit]
            ).map { AuditEntry(time: $0[0], actor: $0[1], action: $0[2], subject: $0[3], detail: $0[4]) }
        }
    }

    public func saveDetectionStatus(_ status: DetectionStatus, sensor: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO detection_status (sensor, mode, learning_started, learning_until,
                        last_baseline_change, baseline_entries, baseline_path, updated)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    sensor, status.mode, status.learningStarted, status.learningUntil, status.lastBaselineChange,
                    status.baselineEntries, status.baselinePath, status.updated,
                ])
        }
    }

    public func detectionStatus() throws(StoreError) -> [(sensor: String, status: DetectionStatus)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT sensor, mode, learning_started, learning_until, last_baseline_change, baseline_entries,
                        baseline_path, updated FROM detection_status ORDER BY sensor
                    """
            ).map {
                (
                    sensor: $0[0],
                    status: DetectionStatus(
                        mode: $0[1], learningStarted: $0[2], learningUntil: $0[3], lastBaselineChange: $0[4],
                        baselineEntries: $0[5], baselinePath: $0[6], updated: $0[7])
                )
            }
        }
    }

    // MARK: rows

    static let alertColumns = """
        id, first_time, last_time, severity, kind, rule, techniques, assets, summary, explanation, evidence,
        (SELECT coalesce(sum(o.count), 0) FROM alert_occurrence o WHERE o.alert_id = alert.id),
        state, state_changed, state_note
        """

    static func alert(_ row: Row) -> StoredAlert {
        let techniques: String = row[6]
        return StoredAlert(
            id: row[0], firstTime: row[1], lastTime: row[2], severity: row[3], kind: row[4], rule: row[5],
            techniques: techniques.isEmpty ? [] : techniques.split(separator: ",").map(String.init),
            assets: ColumnCoding.decodeList(row[7]), summary: row[8], explanation: row[9], evidenceJSON: row[10],
            count: ColumnCoding.uint(row[11]), state: row[12], stateChanged: row[13], stateNote: row[14])
    }

    static func severityRank(_ name: String) -> Int { StoredAlert.severities.firstIndex(of: name) ?? 0 }

    static func audit(_ db: Database, _ entry: AuditEntry) throws {
        try db.execute(
            sql: "INSERT INTO audit (time, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [entry.time, entry.actor, entry.action, entry.subject, entry.detail])
    }
}
