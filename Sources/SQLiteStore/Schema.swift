import GRDB

/// Versioned migrations: each is applied once, in order, in its own transaction. Never edit a
/// released migration; add the next one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: v5)
            // The assets each stored alert names, for the asset filter.
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO alert_asset (asset, alert_id) VALUES (?, ?)")
            for row in try Row.fetchAll(db, sql: "SELECT id, assets FROM alert") {
                for asset in ColumnCoding.decodeList(row[1]) { try insert.execute(arguments: [asset, row[0]]) }
            }
        }
        migrator.registerMigration("v6") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7") { db in
            try db.execute(sql: v7)
        }
        return migrator
    }

    static let currentVersion = "v7"

    /// The map of a large store, the alert totals and the alert groups without visiting every row: each asset's
    /// map zone (`MapZone.of`) and each edge's danger rank (`MapZone.dangerRank`) kept in columns
    /// by `saveInventory` (filled here for stored rows), so that `mapGroups` groups by plain
    /// columns through the index `asset_map`; and `alert_tally`, alerts and occurrences per rule,
    /// severity and state, behind `alertTotals` and `alertGroups`, kept by triggers so that every
    /// write (new alerts, repeats, triage, a re-imported capture's source deleted, retention)
    /// keeps it right without a change to the writers.
    static let v7 = """
        ALTER TABLE asset ADD COLUMN map_zone TEXT NOT NULL DEFAULT '';
        UPDATE asset SET map_zone = palisade_map_zone(addresses);
        DROP INDEX asset_outline;
        CREATE INDEX asset_map ON asset(purdue_level, map_zone, role);
        ALTER TABLE map_edge ADD COLUMN danger_rank INTEGER NOT NULL DEFAULT 7;  -- 'other'
        UPDATE map_edge SET danger_rank = palisade_danger_rank(operations);
        DROP INDEX alert_totals;

        -- Alerts and their occurrences per rule, severity and state, counting the alerts with an
        -- occurrence (as alerts(_:) lists them): an alert counts from its first occurrence until
        -- its last one goes.
        CREATE TABLE alert_tally (
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            state TEXT NOT NULL,
            severity_rank INTEGER NOT NULL,
            alerts INTEGER NOT NULL,
            occurrences INTEGER NOT NULL,
            PRIMARY KEY (rule, severity, state)) WITHOUT ROWID;
        INSERT INTO alert_tally (rule, severity, state, severity_rank, alerts, occurrences)
            SELECT a.rule, a.severity, a.state, max(a.severity_rank), count(*), sum(o.total) FROM alert a
            JOIN (SELECT alert_id, sum(count) AS total FROM alert_occurrence GROUP BY alert_id) o ON o.alert_id = a.id
            GROUP BY a.rule, a.severity, a.state;
        CREATE INDEX alert_rule_first ON alert(rule, first_time);

        CREATE TRIGGER alert_tally_occurrence_insert AFTER INSERT ON alert_occurrence
        BEGIN
            INSERT INTO alert_tally (rule, severity, state, severity_rank, alerts, occurrences)
                SELECT rule, severity, state, severity_rank,
                    (SELECT count(*) FROM alert_occurrence WHERE alert_id = new.alert_id) = 1, new.count
                FROM alert WHERE id = new.alert_id
                ON CONFLICT DO UPDATE SET alerts = alerts + excluded.alerts,
                    occurrences = occurrences + excluded.occurrences,
                    severity_rank = max(severity_rank, excluded.severity_rank);
        END;
        CREATE TRIGGER alert_tally_occurrence_update AFTER UPDATE OF count ON alert_occurrence
        BEGIN
            UPDATE alert_tally SET occurrences = occurrences + new.count - old.count
            WHERE (rule, severity, state) IN (SELECT rule, severity, state FROM alert WHERE id = new.alert_id);
        END;
        -- When the alert itself is deleted, alert_tally_alert_delete has taken it out already and
        -- the alert row is gone by the time its occurrences are deleted with it: nothing matches.
        CREATE TRIGGER alert_tally_occurrence_delete AFTER DELETE ON alert_occurrence
        BEGIN
            UPDATE alert_tally SET occurrences = occurrences - old.count,
                alerts = alerts - NOT EXISTS (SELECT 1 FROM alert_occurrence WHERE alert_id = old.alert_id)
            WHERE (rule, severity, state) IN (SELECT rule, severity, state FROM alert WHERE id = old.alert_id);
        END;
        CREATE TRIGGER alert_tally_alert_delete BEFORE DELETE ON alert
        WHEN EXISTS (SELECT 1 FROM alert_occurrence WHERE alert_id = old.id)
        BEGIN
            UPDATE alert_tally SET alerts = alerts - 1,
                occurrences = occurrences - (SELECT sum(count) FROM alert_occurrence WHERE alert_id = old.id)
            WHERE rule = old.rule AND severity = old.severity AND state = old.state;
        END;
        CREATE TRIGGER alert_tally_alert_update AFTER UPDATE OF rule, severity, state ON alert
        WHEN (old.rule IS NOT new.rule OR old.severity IS NOT new.severity OR old.state IS NOT new.state)
            AND EXISTS (SELECT 1 FROM alert_occurrence WHERE alert_id = new.id)
        BEGIN
            UPDATE alert_tally SET alerts = alerts - 1,
                occurrences = occurrences - (SELECT sum(count) FROM alert_occurrence WHERE alert_id = old.id)
            WHERE rule = old.rule AND severity = old.severity AND state = old.state;
            INSERT INTO alert_tally (rule, severity, state, severity_rank, alerts, occurrences)
                SELECT new.rule, new.severity, new.state, new.severity_rank, 1, sum(count)
                FROM alert_occurrence WHERE alert_id = new.id
                ON CONFLICT DO UPDATE SET alerts = alerts + 1, occurrences = occurrences + excluded.occurrences,
                    severity_rank = max(severity_rank, excluded.severity_rank);
        END;
        """

    /// Remote-access sessions (RDP, VNC, SSH, TeamViewer, AnyDesk, Telnet), one row per flow,
    /// keyed by its ends, protocol and first packet so that every report of a live flow updates
    /// the same row. `end_reason` is NULL while the flow is open. The asset ids are filled when an
    /// inventory holding the addresses is saved; the partial index finds the rows still lacking
    /// them. A store migrated from v5 starts with no sessions: earlier traffic was kept as pairs.
    static let v6 = """
        CREATE TABLE remote_session (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            client_ip TEXT NOT NULL,
            client_port INTEGER NOT NULL,
            client_mac TEXT NOT NULL,
            server_ip TEXT NOT NULL,
            server_port INTEGER NOT NULL,
            server_mac TEXT NOT NULL,
            protocol TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            packets_to_server INTEGER NOT NULL,
            packets_to_client INTEGER NOT NULL,
            bytes_to_server INTEGER NOT NULL,
            bytes_to_client INTEGER NOT NULL,
            end_reason TEXT,
            client_asset TEXT,
            server_asset TEXT,
            UNIQUE (client_ip, client_port, server_ip, server_port, protocol, first_seen));
        CREATE INDEX remote_session_newest ON remote_session(first_seen DESC, id DESC);
        CREATE INDEX remote_session_server ON remote_session(server_ip, first_seen DESC, id DESC);
        CREATE INDEX remote_session_last_seen ON remote_session(last_seen);
        CREATE INDEX remote_session_source ON remote_session(source_id);
        CREATE INDEX remote_session_unresolved ON remote_session(id)
            WHERE client_asset IS NULL OR server_asset IS NULL;
        """

    /// The console's reads (`ConsoleQueryStore`): an asset's edges as the server side, the
    /// riskiest assets, the asset and alert filters, and covering indexes so that counting alerts,
    /// charting them and adding up the map read small index rows instead of whole alerts (with
    /// their evidence) and assets (with their JSON). `alert_asset` lists the assets each alert
    /// names (kept by `recordAlerts`), so that an asset's alerts are found by index.
    static let v5 = """
        CREATE INDEX map_edge_server ON map_edge(server);
        CREATE INDEX asset_risk_score ON asset_risk(score DESC, asset_id);
        CREATE INDEX asset_role ON asset(role);
        CREATE INDEX asset_outline ON asset(purdue_level, role, addresses);
        CREATE INDEX alert_rule ON alert(rule, last_time);
        CREATE INDEX alert_state ON alert(state, last_time);
        CREATE INDEX alert_totals ON alert(severity, state, severity_rank);
        CREATE INDEX alert_activity ON alert(last_time, severity);

        CREATE TABLE alert_asset (
            asset TEXT NOT NULL,
            alert_id TEXT NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
            PRIMARY KEY (asset, alert_id)) WITHOUT ROWID;
        CREATE INDEX alert_asset_alert ON alert_asset(alert_id);
        """

    /// The console: users (bcrypt hashes) and API tokens (SHA-256 hashes; a token is shown once).
    static let v4 = """
        CREATE TABLE console_user (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
            password_hash TEXT NOT NULL,
            created INTEGER NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;

        CREATE TABLE api_token (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            user_name TEXT NOT NULL REFERENCES console_user(name) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
            token_hash TEXT NOT NULL UNIQUE,
            created INTEGER NOT NULL,
            last_used INTEGER);
        """

    /// Vulnerabilities: CSAF advisories (the parsed document kept whole, so that matching can run
    /// from the store alone), their CVEs, the CISA KEV catalog, and the latest assessment of the
    /// inventory (matches and risk per asset; replaced as a whole on each assessment).
    static let v3 = """
        CREATE TABLE advisory (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            publisher TEXT,
            initial_release TEXT,
            current_release TEXT,
            revision TEXT,
            vendors TEXT NOT NULL,
            max_cvss REAL,
            kev INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL,
            document TEXT NOT NULL) WITHOUT ROWID;

        CREATE TABLE advisory_cve (
            advisory_id TEXT NOT NULL REFERENCES advisory(id) ON DELETE CASCADE,
            cve TEXT NOT NULL,
            cvss REAL,
            cvss_vector TEXT,
            cwe TEXT,
            PRIMARY KEY (advisory_id, cve)) WITHOUT ROWID;
        CREATE INDEX advisory_cve_cve ON advisory_cve(cve);

        CREATE TABLE kev (
            cve TEXT PRIMARY KEY,
            date_added TEXT NOT NULL) WITHOUT ROWID;

        CREATE TABLE vulnerability_match (
            asset_id TEXT NOT NULL,
            advisory_id TEXT NOT NULL,
            title TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('affected', 'possible', 'not_affected')),
            reason TEXT NOT NULL,
            cves TEXT NOT NULL,
            max_cvss REAL,
            cvss_vector TEXT,
            kev INTEGER NOT NULL,
            products TEXT NOT NULL,
            remediations TEXT NOT NULL,
            PRIMARY KEY (asset_id, advisory_id)) WITHOUT ROWID;

        CREATE TABLE asset_risk (
            asset_id TEXT PRIMARY KEY,
            score REAL NOT NULL,
            level TEXT NOT NULL,
            factors TEXT NOT NULL,
            assessed INTEGER NOT NULL) WITHOUT ROWID;
        """

    /// Detection: alerts (one row per alert id, repeats counted), mutes, the audit trail and
    /// each sensor's learning/monitoring state.
    /// An alert's count is the sum of its occurrences over the sources that saw it.
    static let v2 = """
        CREATE TABLE alert (
            id TEXT PRIMARY KEY,
            first_time INTEGER NOT NULL,
            last_time INTEGER NOT NULL,
            severity TEXT NOT NULL,
            severity_rank INTEGER NOT NULL,
            kind TEXT NOT NULL,
            rule TEXT NOT NULL,
            techniques TEXT NOT NULL,
            assets TEXT NOT NULL,
            summary TEXT NOT NULL,
            explanation TEXT NOT NULL,
            evidence TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'acknowledged', 'closed')),
            state_changed INTEGER,
            state_note TEXT) WITHOUT ROWID;
        CREATE INDEX alert_last_time ON alert(last_time);

        -- Occurrences per ingest source: importing a capture again (--force, or after a kill)
        -- deletes its source and with it its share of every alert's count.
        CREATE TABLE alert_occurrence (
            alert_id TEXT NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            count INTEGER NOT NULL,
            PRIMARY KEY (alert_id, source_id)) WITHOUT ROWID;
        CREATE INDEX alert_occurrence_source ON alert_occurrence(source_id);

        CREATE TABLE alert_mute (
            id INTEGER PRIMARY KEY,
            rule TEXT NOT NULL,
            asset TEXT NOT NULL,
            until INTEGER,
            reason TEXT NOT NULL,
            created INTEGER NOT NULL,
            actor TEXT NOT NULL);

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            time INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL);

        CREATE TABLE detection_status (
            sensor TEXT PRIMARY KEY,
            mode TEXT NOT NULL,
            learning_started INTEGER,
            learning_until INTEGER,
            last_baseline_change INTEGER,
            baseline_entries INTEGER NOT NULL,
            baseline_path TEXT,
            updated INTEGER NOT NULL) WITHOUT ROWID;
        """

    static let v1 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

        CREATE TABLE source (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('capture', 'sensor')),
            name TEXT NOT NULL,
            content_hash TEXT,
            probe TEXT,
            size INTEGER,
            state TEXT NOT NULL,
            started INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            packets INTEGER NOT NULL DEFAULT 0,
            bytes INTEGER NOT NULL DEFAULT 0,
            events INTEGER NOT NULL DEFAULT 0,
            first_packet INTEGER,
            last_packet INTEGER);
        CREATE UNIQUE INDEX source_capture_hash ON source(content_hash) WHERE kind = 'capture';
        CREATE INDEX source_capture_probe ON source(probe) WHERE kind = 'capture';
        CREATE UNIQUE INDEX source_sensor_name ON source(name) WHERE kind = 'sensor';

        CREATE TABLE endpoint_observation (
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            mac TEXT NOT NULL,
            ip TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            packets_sent INTEGER NOT NULL,
            packets_received INTEGER NOT NULL,
            bytes_sent INTEGER NOT NULL,
            bytes_received INTEGER NOT NULL,
            flows_as_client INTEGER NOT NULL,
            flows_as_server INTEGER NOT NULL,
            client_protocols TEXT NOT NULL,
            server_protocols TEXT NOT NULL,
            vlans TEXT NOT NULL,
            PRIMARY KEY (source_id, mac, ip)) WITHOUT ROWID;

        CREATE TABLE edge_observation (
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            client_mac TEXT NOT NULL,
            client_ip TEXT NOT NULL,
            server_mac TEXT NOT NULL,
            server_ip TEXT NOT NULL,
            protocol TEXT NOT NULL,
            server_port INTEGER NOT NULL,
            transport INTEGER NOT NULL,
            flows INTEGER NOT NULL,
            packets_to_server INTEGER NOT NULL,
            packets_to_client INTEGER NOT NULL,
            bytes_to_server INTEGER NOT NULL,
            bytes_to_client INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            first_frame INTEGER NOT NULL,
            operations BLOB NOT NULL,
            PRIMARY KEY (source_id, client_mac, client_ip, server_mac, server_ip, protocol, server_port, transport)
        ) WITHOUT ROWID;

        CREATE TABLE fact_observation (
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            subject_mac TEXT NOT NULL,
            subject_ip TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            protocol TEXT NOT NULL,
            self_reported INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            first_frame INTEGER NOT NULL,
            last_frame INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (source_id, subject_mac, subject_ip, key, value, protocol, self_reported)) WITHOUT ROWID;

        CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            time INTEGER NOT NULL,
            frame INTEGER NOT NULL,
            protocol TEXT NOT NULL,
            operation TEXT NOT NULL,
            function INTEGER,
            function_name TEXT NOT NULL,
            direction TEXT NOT NULL,
            source TEXT NOT NULL,
            destination TEXT NOT NULL,
            source_mac TEXT,
            destination_mac TEXT,
            source_port INTEGER,
            destination_port INTEGER,
            anomaly TEXT,
            json TEXT NOT NULL);
        CREATE INDEX event_time ON event(time);

        CREATE TABLE event_count (
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            bucket INTEGER NOT NULL,
            client_mac TEXT NOT NULL,
            client_ip TEXT NOT NULL,
            server_mac TEXT NOT NULL,
            server_ip TEXT NOT NULL,
            protocol TEXT NOT NULL,
            server_port INTEGER NOT NULL,
            transport INTEGER NOT NULL,
            operation TEXT NOT NULL,
            function INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (source_id, bucket, client_mac, client_ip, server_mac, server_ip, protocol, server_port,
                transport, operation, function)) WITHOUT ROWID;
        CREATE INDEX event_count_bucket ON event_count(bucket);

        CREATE TABLE asset (
            id TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            purdue_level INTEGER,
            vendor TEXT,
            name TEXT,
            addresses TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            json TEXT NOT NULL) WITHOUT ROWID;

        CREATE TABLE asset_fact (
            asset_id TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            protocol TEXT NOT NULL,
            confidence TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (asset_id, key, value, protocol)) WITHOUT ROWID;

        CREATE TABLE fact_change (
            id INTEGER PRIMARY KEY,
            asset_id TEXT NOT NULL,
            key TEXT NOT NULL,
            old_value TEXT NOT NULL,
            new_value TEXT NOT NULL,
            old_last_seen INTEGER NOT NULL,
            new_first_seen INTEGER NOT NULL,
            UNIQUE (asset_id, key, old_value, new_value, new_first_seen));

        CREATE TABLE map_edge (
            client TEXT NOT NULL,
            server TEXT NOT NULL,
            protocol TEXT NOT NULL,
            transport TEXT NOT NULL,
            server_port INTEGER NOT NULL,
            flows INTEGER NOT NULL,
            packets INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            operations TEXT NOT NULL,
            PRIMARY KEY (client, server, protocol, transport, server_port)) WITHOUT ROWID;

        CREATE TABLE sensor_sample (
            time INTEGER NOT NULL,
            interface TEXT NOT NULL,
            received INTEGER NOT NULL,
            kernel_drops INTEGER NOT NULL,
            interface_drops INTEGER NOT NULL,
            queue_drops INTEGER NOT NULL,
            packets INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            packets_per_second REAL NOT NULL,
            bits_per_second REAL NOT NULL,
            flows INTEGER NOT NULL,
            events INTEGER NOT NULL,
            store_drops INTEGER NOT NULL);
        CREATE INDEX sensor_sample_time ON sensor_sample(interface, time);
        """
}
