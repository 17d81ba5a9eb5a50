import GRDB
import Storage

extension SQLiteStore: AlertGroupStore {
    public func alertGroups() throws(StoreError) -> [AlertGroup] {
        try read { db in
            // Alerts whose occurrences all went with a re-imported capture are left out, as in `alerts`.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rule, max(severity_rank) AS rank, count(*) AS alerts,
                        sum(state != 'closed') AS open, min(first_time) AS first_time, max(last_time) AS last_time,
                        (SELECT coalesce(sum(o.count), 0) FROM alert_occurrence o JOIN alert a2 ON a2.id = o.alert_id
                         WHERE a2.rule = alert.rule) AS occurrences
                    FROM alert
                    WHERE EXISTS (SELECT 1 FROM alert_occurrence o WHERE o.alert_id = alert.id)
                    GROUP BY rule ORDER BY rank DESC, open DESC, rule
                    """
            ).map { row in
                let rank: Int = row["rank"]
                return AlertGroup(
                    rule: row["rule"],
                    severity: StoredAlert.severities[max(0, min(rank, StoredAlert.severities.count - 1))],
                    alerts: row["alerts"], open: row["open"], occurrences: UInt64(max(0, row["occurrences"] as Int64)),
                    firstTime: row["first_time"], lastTime: row["last_time"])
            }
        }
    }
}
