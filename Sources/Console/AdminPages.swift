import EventModel
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Storage

/// Admin pages: users (add, change role or password, disable, remove) and API tokens (make,
/// shown once; revoke), and the audit trail. Every change is audited; a user whose role changes
/// or who is disabled or removed is signed out everywhere.
struct AdminPages {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/users") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            return HTML.response(try usersPage(identity, notice: request.query("done"), newToken: nil))
        }
        router.post("/users") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            try await saveUser(form, by: identity)
            return Response(status: .seeOther, headers: [.location: "/users?done=user"])
        }
        router.post("/users/remove") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            try await removeUser(named: form["name"] ?? "", by: identity)
            return Response(status: .seeOther, headers: [.location: "/users?done=removed"])
        }
        router.post("/tokens") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            let token = try makeToken(form, by: identity).token
            // Shown once, in this response; only its hash is stored.
            return HTML.response(try usersPage(identity, notice: nil, newToken: token))
        }
        router.post("/tokens/remove") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            let form = try await FormBody.read(request, context: context)
            try ConsoleAccess.checkCSRF(identity, form: form)
            guard let id = Int64(form["id"] ?? ""),
                try server.call({ try server.store.removeAPIToken(id: id, actor: identity.actor) })
            else { throw HTTPError(.notFound, message: "no such token") }
            return Response(status: .seeOther, headers: [.location: "/users?done=revoked"])
        }
        router.get("/api/users") { request, context in
            _ = try ConsoleAccess.require(.admin, request, context)
            let users = try server.call { try server.store.consoleUsers() }
            return try APIRoutes.json(
                users.map {
                    UserRecord(
                        name: $0.name, role: $0.role.rawValue, created: APIRecords.time($0.created),
                        disabled: $0.disabled)
                })
        }
        router.get("/api/audit") { request, context in
            _ = try ConsoleAccess.require(.admin, request, context)
            let limit = min(max(Int(request.query("limit") ?? "200") ?? 200, 1), 5000)
            let entries = try server.call { try server.store.auditTrail(limit: limit) }
            return try APIRoutes.json(
                entries.map {
                    AuditRecord(
                        time: APIRecords.time($0.time), actor: $0.actor, action: $0.action, subject: $0.subject,
                        detail: $0.detail)
                })
        }
        router.get("/audit") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            let entries = try server.call { try server.store.auditTrail(limit: 500) }
            let body =
                "<h1>Audit log</h1>"
                + HTML.table(
                    ["Time", "Who", "Action", "Subject", "Detail"],
                    entries.map {
                        [
                            HTML.time($0.time), HTML.escape($0.actor), HTML.escape($0.action), HTML.escape($0.subject),
                            HTML.escape($0.detail),
                        ]
                    }, empty: "nothing recorded yet")
            return HTML.response(HTMLPage.render(title: "Audit log", identity: identity, active: "/audit", body: body))
        }
    }

    static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "._-@".unicodeScalars.contains($0)
            }
    }

    /// Removes a user (not oneself) and signs them out everywhere.
    func removeUser(named name: String, by identity: ConsoleIdentity) async throws {
        guard name != identity.user else { throw HTTPError(.badRequest, message: "you cannot remove yourself") }
        guard try server.call({ try server.store.removeConsoleUser(named: name, actor: identity.actor) }) else {
            throw HTTPError(.notFound, message: "no user \(name)")
        }
        await server.sessions.end(user: name)
    }

    func saveUser(_ form: [String: String], by identity: ConsoleIdentity) async throws {
        let name = form["name"] ?? ""
        guard Self.validName(name) else {
            throw HTTPError(.badRequest, message: "a user name is 1 to 64 letters, digits or . _ - @")
        }
        guard let role = ConsoleRole(rawValue: form["role"] ?? "") else {
            throw HTTPError(.badRequest, message: "the role is viewer, analyst or admin")
        }
        let password = form["password"] ?? ""
        let existing = try server.call { try server.store.consoleUser(named: name) }
        guard existing != nil || !password.isEmpty else {
            throw HTTPError(.badRequest, message: "a new user needs a password")
        }
        guard password.isEmpty || (12...1024).contains(password.count) else {
            throw HTTPError(.badRequest, message: "a password has 12 to 1024 characters")
        }
        let disabled = form["disabled"] == "on"
        guard !(name == identity.user && (disabled || role != .admin)) else {
            throw HTTPError(.badRequest, message: "you cannot disable yourself or take away your own admin role")
        }
        let user = ConsoleUser(
            name: name, role: role,
            passwordHash: password.isEmpty ? existing!.passwordHash : Bcrypt.hash(password, cost: 12),
            created: existing?.created ?? WallClock.nanoseconds(), disabled: disabled)
        try server.call { try server.store.saveConsoleUser(user, actor: identity.actor) }
        if existing != nil { await server.sessions.end(user: name) }
    }

    /// Makes a token and returns it (shown once: only its hash is stored) with its id.
    func makeToken(_ form: [String: String], by identity: ConsoleIdentity) throws -> (token: String, id: Int64) {
        let name = String((form["name"] ?? "").prefix(100)).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw HTTPError(.badRequest, message: "a token needs a name (what it is for)") }
        guard let owner = try server.call({ try server.store.consoleUser(named: form["user"] ?? "") }) else {
            throw HTTPError(.badRequest, message: "no such user")
        }
        let role = ConsoleRole(rawValue: form["role"] ?? "") ?? owner.role
        guard role <= owner.role else {
            throw HTTPError(
                .badRequest, message: "a token cannot have more rights than its user (\(owner.role.rawValue))")
        }
        let token = RandomToken.make()
        let id = try server.call {
            try server.store.addAPIToken(
                APIToken(
                    name: name, user: owner.name, role: role, tokenHash: MessageDigest.hex(.sha256, of: token),
                    created: WallClock.nanoseconds()), actor: identity.actor)
        }
        return (token, id)
    }

    private func usersPage(_ identity: ConsoleIdentity, notice: String?, newToken: String?) throws -> String {
        let users = try server.call { try server.store.consoleUsers() }
        let tokens = try server.call { try server.store.apiTokens() }
        let csrf = HTML.csrfField(identity)
        func roleSelect(_ selected: ConsoleRole?) -> String {
            "<select name=\"role\">"
                + ConsoleRole.allCases.map {
                    "<option\($0 == selected ? " selected" : "")>\($0.rawValue)</option>"
                }.joined() + "</select>"
        }
        var body = "<h1>Users and API tokens</h1>"
        if let notice { body += "<p class=\"notice\" role=\"status\">Saved (\(HTML.escape(notice))).</p>" }
        if let newToken {
            body +=
                "<p class=\"notice\" role=\"status\">New token (shown once; send it as <code>Authorization: Bearer …</code>): <code id=\"new-token\">\(HTML.escape(newToken))</code></p>"
        }
        body += "<section><h2>Users</h2>"
        body += HTML.table(
            ["User", "Role", "Created", "State", "Change", ""],
            users.map { user in
                [
                    HTML.escape(user.name), user.role.rawValue, HTML.time(user.created),
                    user.disabled ? "disabled" : "active",
                    "<form method=\"post\" action=\"/users\" class=\"inline\">\(csrf)<input type=\"hidden\" name=\"name\" value=\"\(HTML.escape(user.name))\">\(roleSelect(user.role))<label class=\"check\"><input type=\"checkbox\" name=\"disabled\"\(user.disabled ? " checked" : "")> disabled</label><input type=\"password\" name=\"password\" placeholder=\"new password (optional)\" autocomplete=\"new-password\"><button type=\"submit\">Save</button></form>",
                    user.name == identity.user
                        ? ""
                        : "<form method=\"post\" action=\"/users/remove\">\(csrf)<input type=\"hidden\" name=\"name\" value=\"\(HTML.escape(user.name))\"><button type=\"submit\">Remove</button></form>",
                ]
            })
        body +=
            "<h3>Add a user</h3><form method=\"post\" action=\"/users\" class=\"filters\">\(csrf)<label>Name <input name=\"name\" required maxlength=\"64\"></label><label>Role \(roleSelect(.viewer))</label><label>Password <input type=\"password\" name=\"password\" required minlength=\"12\" autocomplete=\"new-password\"></label><button type=\"submit\">Add</button></form></section>"
        body += "<section><h2>API tokens</h2>"
        body += HTML.table(
            ["Id", "Name", "User", "Role", "Created", "Last used", ""],
            tokens.map { token in
                [
                    "\(token.id)", HTML.escape(token.name), HTML.escape(token.user), token.role.rawValue,
                    HTML.time(token.created), HTML.time(token.lastUsed),
                    "<form method=\"post\" action=\"/tokens/remove\">\(csrf)<input type=\"hidden\" name=\"id\" value=\"\(token.id)\"><button type=\"submit\">Revoke</button></form>",
                ]
            }, empty: "no API tokens")
        body +=
            "<h3>Make a token</h3><form method=\"post\" action=\"/tokens\" class=\"filters\">\(csrf)<label>For <input name=\"name\" required maxlength=\"100\" placeholder=\"siem-export\"></label><label>User <select name=\"user\">"
            + users.map { "<option>\(HTML.escape($0.name))</option>" }.joined()
            + "</select></label><label>Role \(roleSelect(nil))</label><button type=\"submit\">Make token</button></form></section>"
        return HTMLPage.render(title: "Users", identity: identity, active: "/users", body: body)
    }
}

struct UserRecord: Encodable {
    var name: String
    var role: String
    var created: String
    var disabled: Bool
}

struct AuditRecord: Encodable {
    var time: String
    var actor: String
    var action: String
    var subject: String
    var detail: String
}
