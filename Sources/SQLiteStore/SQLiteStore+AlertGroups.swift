import GRDB
import Storage

extension SQLiteStore: AlertGroupStore {
    public func alertGroups() throws(StoreError) -> [AlertGroup] {
        try read { db in
            // Counts from alert_tally (kept by triggers, schema v7: only alerts with an occurrence,
            // as `alerts` lists them); first and last time by walking the rule's time indexes.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rule, max(severity_rank) AS rank, sum(alerts) AS alerts,
                        sum(CASE WHEN state != 'closed' THEN alerts ELSE 0 END) AS open,
                        sum(occurrences) AS occurrences,
                        (SELECT first_time FROM alert WHERE alert.rule = t.rule
                            AND EXISTS (SELECT 1 FROM alert_occurrence o WHERE o.alert_id = alert.id)
                            ORDER BY first_time LIMIT 1) AS first_time,
                        (SELECT last_time FROM alert WHERE alert.rule = t.rule
                            AND EXISTS (SELECT 1 FROM alert_occurrence o WHERE o.alert_id = alert.id)
                            ORDER BY last_time DESC LIMIT 1) AS last_time
                    FROM alert_tally t WHERE alerts > 0
                    GROUP BY rule ORDER BY rank DESC, open DESC, rule
                    """
            ).map { row in
                let rank: Int = row["rank"]
                // A tally that outgrew 64 bits is a real in SQLite; read as one and clamped.
                let occurrences: Double = row["occurrences"]
                return AlertGroup(
                    rule: row["rule"],
                    severity: StoredAlert.severities[max(0, min(rank, StoredAlert.severities.count - 1))],
                    alerts: row["alerts"], open: row["open"],
                    occurrences: occurrences >= 1.8e19 ? UInt64.max : UInt64(max(0, occurrences)),
                    firstTime: row["first_time"], lastTime: row["last_time"])
            }
        }
    }
}
