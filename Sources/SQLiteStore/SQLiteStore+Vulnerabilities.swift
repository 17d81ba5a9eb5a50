import Foundation
import GRDB
import Storage

extension SQLiteStore: VulnerabilityStore {
    public func advisoryVersions() throws(StoreError) -> [String: StoredAdvisoryVersion] {
        try read { db in
            var versions: [String: StoredAdvisoryVersion] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, current_release, revision FROM advisory") {
                versions[row["id"]] = StoredAdvisoryVersion(
                    currentRelease: row["current_release"], revision: row["revision"])
            }
            return versions
        }
    }

    public func saveAdvisories(_ advisories: [StoredAdvisory]) throws(StoreError) {
        guard !advisories.isEmpty else { return }
        try write { db in
            let advisory = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO advisory (id, title, publisher, initial_release, current_release, revision,
                        vendors, max_cvss, kev, source, document)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, EXISTS (SELECT 1 FROM kev WHERE cve IN (SELECT value FROM json_each(?))), ?, ?)
                    """)
            let clearCVEs = try db.cachedStatement(sql: "DELETE FROM advisory_cve WHERE advisory_id = ?")
            let cve = try db.cachedStatement(
                sql:
                    "INSERT OR REPLACE INTO advisory_cve (advisory_id, cve, cvss, cvss_vector, cwe) VALUES (?, ?, ?, ?, ?)"
            )
            for item in advisories {
                let cveList = Self.jsonArray(item.cves.map(\.cve))
                try advisory.execute(arguments: [
                    item.id, item.title, item.publisher, item.initialRelease, item.currentRelease, item.revision,
                    Self.jsonArray(item.vendors), item.maximumCVSS, cveList, item.source, item.documentJSON,
                ])
                try clearCVEs.execute(arguments: [item.id])
                for entry in item.cves {
                    try cve.execute(arguments: [item.id, entry.cve, entry.cvss, entry.cvssVector, entry.cwe])
                }
            }
        }
    }

    public func advisories() throws(StoreError) -> [StoredAdvisory] {
        try read { db in
            var cves: [String: [StoredAdvisoryCVE]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT advisory_id, cve, cvss, cvss_vector, cwe FROM advisory_cve ORDER BY advisory_id, cve")
            {
                cves[row["advisory_id"], default: []].append(
                    StoredAdvisoryCVE(
                        cve: row["cve"], cvss: row["cvss"], cvssVector: row["cvss_vector"], cwe: row["cwe"]))
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, title, publisher, initial_release, current_release, revision, vendors, max_cvss, source,
                        document
                    FROM advisory ORDER BY id
                    """
            ).map { row in
                let id: String = row["id"]
                return StoredAdvisory(
                    id: id, title: row["title"], publisher: row["publisher"], initialRelease: row["initial_release"],
                    currentRelease: row["current_release"], revision: row["revision"],
                    vendors: Self.decodeJSONArray(row["vendors"]), cves: cves[id] ?? [], maximumCVSS: row["max_cvss"],
                    source: row["source"], documentJSON: row["document"])
            }
        }
    }

    public func advisoryCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM advisory") ?? 0 }
    }

    @discardableResult
    public func replaceKnownExploited(_ catalog: [String: String], version: String?) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM kev")
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO kev (cve, date_added) VALUES (?, ?)")
            for (cve, date) in catalog { try insert.execute(arguments: [cve.uppercased(), date]) }
            try db.execute(
                sql: """
                    UPDATE advisory SET kev = EXISTS (
                        SELECT 1 FROM advisory_cve c JOIN kev k ON k.cve = c.cve WHERE c.advisory_id = advisory.id)
                    """)
            if let version {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('kev_catalog_version', ?)",
                    arguments: [version])
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM advisory WHERE kev = 1") ?? 0
        }
    }

    public func knownExploited() throws(StoreError) -> [String: String] {
        try read { db in
            var catalog: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT cve, date_added FROM kev") {
                catalog[row["cve"]] = row["date_added"]
            }
            return catalog
        }
    }

    public func replaceAssessment(matches: [StoredVulnerabilityMatch], risks: [StoredAssetRisk]) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM vulnerability_match")
            try db.execute(sql: "DELETE FROM asset_risk")
            let match = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO vulnerability_match (asset_id, advisory_id, title, outcome, reason, cves,
                        max_cvss, cvss_vector, kev, products, remediations)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for item in matches {
                try match.execute(arguments: [
                    item.assetID, item.advisoryID, item.title, item.outcome, item.reason, Self.jsonArray(item.cves),
                    item.maximumCVSS, item.cvssVector, item.knownExploited, Self.jsonArray(item.products),
                    Self.jsonArray(item.remediations),
                ])
            }
            let risk = try db.cachedStatement(
                sql:
                    "INSERT OR REPLACE INTO asset_risk (asset_id, score, level, factors, assessed) VALUES (?, ?, ?, ?, ?)"
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for item in risks {
                let factors = String(decoding: try encoder.encode(item.factors), as: UTF8.self)
                try risk.execute(arguments: [item.assetID, item.score, item.level, factors, item.assessedAt])
            }
        }
    }

    public func vulnerabilityMatches(assetID: String?) throws(StoreError) -> [StoredVulnerabilityMatch] {
        try read { db in
            let rows =
                if let assetID {
                    try Row.fetchAll(
                        db,
                        sql:
                            "SELECT \(Self.matchColumns) FROM vulnerability_match WHERE asset_id = ? \(Self.matchOrder)",
                        arguments: [assetID])
                } else {
                    try Row.fetchAll(db, sql: "SELECT \(Self.matchColumns) FROM vulnerability_match \(Self.matchOrder)")
                }
            return rows.map(Self.storedMatch)
        }
    }

    public func assetRisks() throws(StoreError) -> [StoredAssetRisk] {
        try read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(
                db, sql: "SELECT \(Self.riskColumns) FROM asset_risk ORDER BY score DESC, asset_id"
            ).map { Self.storedRisk($0, decoder: decoder) }
        }
    }

    static func jsonArray(_ items: [String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: items, options: [.withoutEscapingSlashes]) else {
            return "[]"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeJSONArray(_ text: String?) -> [String] {
        guard let text, let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else {
            return []
        }
        return value
    }
}
