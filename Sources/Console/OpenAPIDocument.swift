import Foundation

/// The OpenAPI 3.1 description of `/api/`, served at `/api/openapi.json`. A test fetches every
/// documented GET and checks the real responses against these schemas.
enum OpenAPIDocument {
    static let json: String = {
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }()

    static func string(nullable: Bool = false) -> [String: Any] { ["type": nullable ? ["string", "null"] : "string"] }
    static func integer(nullable: Bool = false) -> [String: Any] {
        ["type": nullable ? ["integer", "null"] : "integer"]
    }
    static func number(nullable: Bool = false) -> [String: Any] { ["type": nullable ? ["number", "null"] : "number"] }
    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func reference(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func object(_ properties: [String: [String: Any]], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }
    static func page(of item: String) -> [String: Any] {
        object(
            [
                "items": array(reference(item)), "total": integer(nullable: true), "page": integer(),
                "page_size": integer(),
            ],
            required: ["items", "page", "page_size"])
    }

    static var schemas: [String: Any] {
        var schemas: [String: Any] = [:]
        schemas["Error"] = object(["error": string(), "status": integer()], required: ["error", "status"])
        schemas["Asset"] = object(
            [
                "id": string(), "name": string(nullable: true), "role": string(),
                "purdue_level": integer(nullable: true),
                "vendor": string(nullable: true), "addresses": array(string()), "first_seen": string(),
                "last_seen": string(), "risk_score": number(nullable: true), "risk_level": string(nullable: true),
            ], required: ["id", "role", "addresses", "first_seen", "last_seen"])
        schemas["Fact"] = object(
            [
                "key": string(), "value": string(), "source": string(), "confidence": string(), "first_seen": string(),
                "last_seen": string(), "count": integer(),
            ], required: ["key", "value", "source", "confidence", "first_seen", "last_seen", "count"])
        schemas["Edge"] = object(
            [
                "client": string(), "server": string(), "protocol": string(), "transport": string(), "port": integer(),
                "packets": integer(), "bytes": integer(),
                "operations": ["type": "object", "additionalProperties": integer()], "first_seen": string(),
                "last_seen": string(),
            ], required: ["client", "server", "protocol", "transport", "port", "packets", "bytes", "operations"])
        schemas["RiskFactor"] = object(
            ["name": string(), "points": number(), "detail": string()], required: ["name", "points", "detail"])
        schemas["Risk"] = object(
            ["score": number(), "level": string(), "factors": array(reference("RiskFactor")), "assessed": string()],
            required: ["score", "level", "factors", "assessed"])
        schemas["Vulnerability"] = object(
            [
                "asset": string(), "advisory": string(), "title": string(), "match": string(), "reason": string(),
                "cves": array(string()), "max_cvss": number(nullable: true), "kev": ["type": "boolean"],
                "remediations": array(string()),
            ], required: ["asset", "advisory", "title", "match", "reason", "cves", "kev", "remediations"])
        schemas["AssetDetail"] = object(
            [
                "asset": reference("Asset"), "facts": array(reference("Fact")),
                "communications": array(reference("Edge")), "risk": reference("Risk"),
                "vulnerabilities": array(reference("Vulnerability")),
            ], required: ["asset", "facts", "communications", "vulnerabilities"])
        schemas["Alert"] = object(
            [
                "id": string(), "severity": string(), "kind": string(), "rule": string(), "techniques": array(string()),
                "assets": array(string()), "summary": string(), "explanation": string(), "count": integer(),
                "first_seen": string(), "last_seen": string(), "state": string(), "state_note": string(nullable: true),
                "evidence": ["type": "array", "items": ["type": "object"]],
            ],
            required: [
                "id", "severity", "kind", "rule", "techniques", "assets", "summary", "explanation", "count",
                "first_seen", "last_seen", "state",
            ])
        schemas["Status"] = object(
            [
                "assets": integer(), "edges": integer(), "events": integer(), "open_alerts": integer(),
                "advisories": integer(), "assets_by_role": ["type": "object", "additionalProperties": integer()],
                "sensors": array(
                    object(
                        [
                            "interface": string(), "time": string(), "packets_per_second": number(),
                            "kernel_drops": integer(), "queue_drops": integer(),
                        ], required: ["interface", "time", "packets_per_second", "kernel_drops", "queue_drops"])),
            ], required: ["assets", "edges", "events", "open_alerts", "advisories", "assets_by_role", "sensors"])
        schemas["Access"] = object(
            [
                "schema": string(), "matrix": array(["type": "object"]), "sessions": array(["type": "object"]),
                "credentials": array(["type": "object"]), "cap_hits": integer(),
            ], required: ["schema", "matrix", "sessions", "credentials", "cap_hits"])
        schemas["User"] = object(
            ["name": string(), "role": string(), "created": string(), "disabled": ["type": "boolean"]],
            required: ["name", "role", "created", "disabled"])
        schemas["AuditEntry"] = object(
            ["time": string(), "actor": string(), "action": string(), "subject": string(), "detail": string()],
            required: ["time", "actor", "action", "subject", "detail"])
        schemas["Users"] = array(reference("User"))
        schemas["AuditTrail"] = array(reference("AuditEntry"))
        schemas["AlertGroup"] = object(
            [
                "rule": string(), "severity": string(), "alerts": integer(), "open": integer(),
                "occurrences": integer(), "first_seen": string(), "last_seen": string(),
            ], required: ["rule", "severity", "alerts", "open", "occurrences", "first_seen", "last_seen"])
        schemas["AlertGroups"] = array(reference("AlertGroup"))
        schemas["Zones"] = object(
            [
                "zones": array(string()), "conduits": integer(),
                "findings": array(
                    object(
                        [
                            "client": string(), "server": string(), "client_zone": string(), "server_zone": string(),
                            "protocol": string(), "port": integer(), "finding": string(),
                            "level_skip": ["type": "boolean"], "ot_to_internet": ["type": "boolean"],
                        ],
                        required: [
                            "client", "server", "client_zone", "server_zone", "protocol", "port", "finding",
                            "level_skip", "ot_to_internet",
                        ])),
            ], required: ["zones", "conduits", "findings"])
        schemas["Mute"] = object(
            [
                "id": integer(), "rule": string(), "asset": string(), "until": string(nullable: true),
                "reason": string(), "actor": string(),
            ], required: ["id", "rule", "asset", "reason", "actor"])
        schemas["AssetPage"] = page(of: "Asset")
        schemas["AlertPage"] = page(of: "Alert")
        schemas["VulnerabilityPage"] = page(of: "Vulnerability")
        return schemas
    }

    static func query(_ name: String, _ description: String, integer: Bool = false) -> [String: Any] {
        [
            "name": name, "in": "query", "required": false, "description": description,
            "schema": ["type": integer ? "integer" : "string"],
        ]
    }
    static var idParameter: [String: Any] {
        ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]
    }
    static var paging: [[String: Any]] {
        [query("page", "page number, from 1", integer: true), query("page_size", "1 to 500", integer: true)]
    }

    static func get(_ summary: String, _ schema: String, parameters: [[String: Any]] = []) -> [String: Any] {
        [
            "get": [
                "summary": summary, "parameters": parameters,
                "responses": [
                    "200": ["description": "OK", "content": ["application/json": ["schema": reference(schema)]]],
                    "401": errorResponse("not signed in and no valid API token"),
                    "404": errorResponse("no such object"),
                ],
            ]
        ]
    }

    static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": reference("Error")]]]
    }

    static var paths: [String: Any] {
        var paths: [String: Any] = [:]
        paths["/api/status"] = get("Store and sensor summary", "Status")
        let assetFilters: [[String: Any]] = [
            query("q", "search in id, name, vendor, addresses"), query("role", "asset role"),
            query("level", "Purdue level", integer: true), query("vendor", "vendor substring"),
            query("protocol", "speaks this protocol, as client or server"),
            query("zone", "in this configured zone, or this /24 (e.g. 10.77.2.0/24) without zones"),
            query("sort", "risk (default), id, role, last_seen"),
        ]
        paths["/api/assets"] = get("Assets, filtered and paged", "AssetPage", parameters: paging + assetFilters)
        paths["/api/assets/{id}"] = get(
            "One asset with facts, communications, risk and vulnerabilities", "AssetDetail", parameters: [idParameter])
        let alertFilters: [[String: Any]] = [
            query("state", "new, acknowledged or closed"), query("severity", "minimum severity"),
            query("rule", "rule id"), query("asset", "asset id"),
        ]
        paths["/api/alerts"] = get("Alerts, newest first", "AlertPage", parameters: paging + alertFilters)
        paths["/api/alerts/{id}"] = get("One alert with its evidence", "Alert", parameters: [idParameter])
        let stateBody: [String: Any] = [
            "required": true,
            "content": [
                "application/json": ["schema": object(["state": string(), "note": string()], required: ["state"])]
            ],
        ]
        var stateResponses: [String: Any] = [:]
        stateResponses["200"] = ["description": "OK", "content": ["application/json": ["schema": reference("Alert")]]]
        stateResponses["400"] = errorResponse("bad state or note")
        stateResponses["401"] = errorResponse("not authenticated")
        stateResponses["403"] = errorResponse("role too small or CSRF token missing")
        stateResponses["404"] = errorResponse("no such alert")
        paths["/api/alerts/{id}/state"] = [
            "post": [
                "summary": "Acknowledge, close or reopen an alert (analyst)", "parameters": [idParameter],
                "requestBody": stateBody, "responses": stateResponses,
            ] as [String: Any]
        ]
        paths["/api/zones"] = get(
            "Zones, conduits, and the stored map's cross-zone pairs judged against them (404: no zones)", "Zones")
        paths["/api/alert-groups"] = get("Alerts grouped by rule, most severe first", "AlertGroups")
        paths["/api/users"] = get("Console users (admin)", "Users")
        paths["/api/audit"] = get(
            "The audit trail, newest first (admin)", "AuditTrail",
            parameters: [query("limit", "1 to 5000, default 200", integer: true)])
        paths["/api/access"] = get(
            "Who performs which operations on which controller, remote access, cleartext credentials", "Access")
        var muteResponses: [String: Any] = [:]
        muteResponses["200"] = [
            "description": "The mutes now in force for the alert's rule and assets",
            "content": ["application/json": ["schema": array(reference("Mute"))]],
        ]
        muteResponses["400"] = errorResponse("hours outside 1…8760, or no reason")
        muteResponses["401"] = errorResponse("not authenticated")
        muteResponses["403"] = errorResponse("role too small or CSRF token missing")
        muteResponses["404"] = errorResponse("no such alert")
        let muteBody: [String: Any] = [
            "required": true,
            "content": [
                "application/json": [
                    "schema": object(["hours": integer(), "reason": string()], required: ["hours", "reason"])
                ]
            ],
        ]
        paths["/api/alerts/{id}/mute"] = [
            "post": [
                "summary": "Mute the alert's rule on its assets for some hours (analyst)", "parameters": [idParameter],
                "requestBody": muteBody, "responses": muteResponses,
            ] as [String: Any]
        ]
        paths["/api/vulnerabilities"] = get(
            "Advisory matches, by asset", "VulnerabilityPage", parameters: paging + [query("asset", "asset id")])
        let documentResponse: [String: Any] = [
            "200": ["description": "OK", "content": ["application/json": ["schema": ["type": "object"]]]]
        ]
        paths["/api/openapi.json"] = [
            "get": ["summary": "This document", "responses": documentResponse] as [String: Any]
        ]
        return paths
    }

    static var document: [String: Any] {
        var document: [String: Any] = ["openapi": "3.1.0"]
        document["info"] = [
            "title": "Palisade console API", "version": "1",
            "description":
                "Passive OT security monitor: assets, alerts, vulnerabilities. Authenticate with a session cookie (send X-CSRF-Token on writes) or Authorization: Bearer <API token>.",
        ]
        let securitySchemes: [String: Any] = [
            "token": ["type": "http", "scheme": "bearer"],
            "session": ["type": "apiKey", "in": "cookie", "name": "palisade_session"],
        ]
        document["components"] =
            ["schemas": schemas.merging(actionSchemas) { $1 }, "securitySchemes": securitySchemes] as [String: Any]
        document["security"] = [["token": [String]()], ["session": [String]()]]
        document["paths"] = paths.merging(actionPaths) { get, write in
            ((get as? [String: Any]) ?? [:]).merging((write as? [String: Any]) ?? [:]) { $1 }
        }
        return document
    }
}
