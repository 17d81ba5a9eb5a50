import Foundation

/// The map, baseline, learning, capture-import and administration parts of the OpenAPI document.
extension OpenAPIDocument {
    static var boolean: [String: Any] { ["type": "boolean"] }

    static var actionSchemas: [String: Any] {
        var schemas: [String: Any] = [:]
        schemas["MapNode"] = object(
            [
                "id": string(), "label": string(), "detail": string(), "role": string(), "band": string(),
                "link": string(),
            ], required: ["id", "label", "detail", "role", "band", "link"])
        schemas["MapLink"] = object(
            [
                "from": string(), "to": string(), "protocols": array(string()), "danger": string(),
                "packets": integer(),
            ], required: ["from", "to", "protocols", "danger", "packets"])
        schemas["Map"] = object(
            ["aggregated": boolean, "nodes": array(reference("MapNode")), "links": array(reference("MapLink"))],
            required: ["aggregated", "nodes", "links"])
        schemas["BaselineSensor"] = object(
            [
                "sensor": string(), "mode": string(), "progress": number(nullable: true),
                "learning_until": string(nullable: true), "entries": integer(), "last_change": string(nullable: true),
                "path": string(nullable: true), "reviewed": boolean,
                "changes_since_review": ["type": ["array", "null"], "items": string()],
                "document": string(nullable: true), "document_bytes": integer(nullable: true),
                "problem": string(nullable: true),
            ], required: ["sensor", "mode", "entries", "reviewed"])
        schemas["Baselines"] = array(reference("BaselineSensor"))
        schemas["Learned"] = object(
            ["alert": string(), "baseline": string(), "changes": array(string()), "learned_events": integer()],
            required: ["alert", "baseline", "changes", "learned_events"])
        schemas["Token"] = object(
            [
                "id": integer(), "name": string(), "user": string(), "role": string(), "created": string(),
                "last_used": string(nullable: true),
            ], required: ["id", "name", "user", "role", "created"])
        schemas["Tokens"] = array(reference("Token"))
        schemas["NewToken"] = object(["id": integer(), "token": string()], required: ["id", "token"])
        schemas["CaptureImport"] = object(
            [
                "id": string(), "name": string(), "user": string(), "state": string(), "progress": number(),
                "result": string(nullable: true),
            ], required: ["id", "name", "user", "state", "progress"])
        schemas["CaptureImports"] = array(reference("CaptureImport"))
        return schemas
    }

    /// A write: JSON (or raw) request body, the answer's schema under `status`, and its errors.
    static func write(
        _ method: String, _ summary: String, body: [String: Any]?, answer: (status: String, schema: String?),
        errors: [String: String], parameters: [[String: Any]] = []
    ) -> [String: Any] {
        var responses: [String: Any] = [:]
        if let schema = answer.schema {
            responses[answer.status] = [
                "description": "OK", "content": ["application/json": ["schema": reference(schema)]],
            ]
        } else {
            responses[answer.status] = ["description": "Done"]
        }
        responses["401"] = errorResponse("not authenticated")
        responses["403"] = errorResponse("role too small or CSRF token missing")
        for (status, description) in errors { responses[status] = errorResponse(description) }
        var operation: [String: Any] = ["summary": summary, "parameters": parameters, "responses": responses]
        if let body {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
        }
        return [method: operation]
    }

    static func pathParameter(_ name: String) -> [String: Any] {
        ["name": name, "in": "path", "required": true, "schema": ["type": "string"]]
    }

    static var actionPaths: [String: Any] {
        var paths: [String: Any] = [:]
        paths["/api/map"] = get(
            "The communication map as drawn: nodes by Purdue band (zones per level over 500 assets) and links coloured by the most dangerous operation",
            "Map", parameters: [query("protocol", "only this protocol's edges"), query("role", "only this role")])
        paths["/api/baseline"] = get(
            "Each sensor's mode, learning progress, baseline document and changes since the last review", "Baselines")
        paths["/api/baseline/reviewed"] = write(
            "post", "Mark a sensor's baseline reviewed: later changes are shown from here (analyst)",
            body: object(["sensor": string()], required: ["sensor"]), answer: ("200", "BaselineSensor"),
            errors: ["404": "no baseline for that sensor"])
        paths["/api/alerts/{id}/learn"] = write(
            "post", "Learn what the alert saw into one of the sensors' baselines (analyst)",
            body: object(["baseline": string(), "note": string()], required: ["baseline"]),
            answer: ("200", "Learned"),
            errors: [
                "400": "not one of the sensors' baselines", "404": "no such alert",
                "422": "the alert has no event or asset to learn",
            ], parameters: [idParameter])
        // Merged with the GET of the same path by `document`.
        paths["/api/users"] = write(
            "post", "Add a user or change one's role, password or state; the user is signed out (admin)",
            body: object(
                ["name": string(), "role": string(), "password": string(), "disabled": boolean],
                required: ["name", "role"]), answer: ("200", "User"),
            errors: ["400": "bad name, role or password, or a change to yourself"])
        if var post = (paths["/api/users"] as? [String: Any])?["post"] as? [String: Any],
            var responses = post["responses"] as? [String: Any]
        {
            responses["201"] = [
                "description": "Created", "content": ["application/json": ["schema": reference("User")]],
            ]
            post["responses"] = responses
            paths["/api/users"] = ["post": post]
        }
        paths["/api/users/{name}"] = write(
            "delete", "Remove a user and sign them out (admin)", body: nil, answer: ("204", nil),
            errors: ["400": "you cannot remove yourself", "404": "no such user"], parameters: [pathParameter("name")])
        var tokens = get("API tokens, without their secrets (admin)", "Tokens")
        tokens.merge(
            write(
                "post",
                "Make an API token for a user, never above the user's role; the secret is in this answer only (admin)",
                body: object(["name": string(), "user": string(), "role": string()], required: ["name", "user"]),
                answer: ("201", "NewToken"), errors: ["400": "no name, no such user, or a role above the user's"])
        ) { $1 }
        paths["/api/tokens"] = tokens
        paths["/api/tokens/{id}"] = write(
            "delete", "Revoke an API token (admin)", body: nil, answer: ("204", nil), errors: ["404": "no such token"],
            parameters: [idParameter])
        var captures = get("Capture imports since the console started, newest first (analyst)", "CaptureImports")
        var upload = write(
            "post", "Upload a pcap or pcapng file (raw body) and import it in the background (analyst)", body: nil,
            answer: ("202", "CaptureImport"),
            errors: [
                "413": "larger than the upload limit", "415": "not a pcap or pcapng file",
                "501": "the console was started without capture import",
            ], parameters: [query("name", "the capture's file name")])
        if var operation = upload["post"] as? [String: Any] {
            operation["requestBody"] = [
                "required": true,
                "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]],
            ]
            upload["post"] = operation
        }
        captures.merge(upload) { $1 }
        paths["/api/captures"] = captures
        paths["/api/captures/{id}"] = get(
            "One capture import and its progress (analyst)", "CaptureImport", parameters: [idParameter])
        return paths
    }
}
