import Foundation
import Hummingbird
import HummingbirdBcrypt
import Storage

/// Sign in and out. Failed attempts are throttled per client address and per user name.
struct LoginRoutes {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/login") { request, context in
            HTML.response(Self.page(next: request.query("next") ?? "/", message: nil))
        }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, context in
            guard let identity = context.identity else { return Self.redirect("/login") }
            try ConsoleAccess.checkCSRF(identity, form: try await FormBody.read(request, context: context))
            if let id = request.cookies[ConsoleAccess.sessionCookie]?.value { await server.sessions.end(id) }
            var response = Self.redirect("/login")
            response.setCookie(
                Cookie(
                    name: ConsoleAccess.sessionCookie, value: "", maxAge: 0, path: "/", secure: server.tls,
                    httpOnly: true, sameSite: .strict))
            return response
        }
    }

    private func login(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        let name = String((form["user"] ?? "").prefix(128))
        let password = String((form["password"] ?? "").prefix(1024))
        let next = Self.safeNext(form["next"])
        let keys = ["address:\(context.clientAddress)", "user:\(name)"]
        if await server.throttle.isBlocked(keys) {
            return HTML.response(
                Self.page(next: next, message: "Too many failed sign-ins; wait a few minutes and try again."),
                status: .tooManyRequests)
        }
        // bcrypt runs even for unknown users, so timing does not tell which names exist.
        let user = try server.call { try server.store.consoleUser(named: name) }
        let hash = user?.passwordHash ?? Self.decoyHash
        let verified = Bcrypt.verify(password, hash: hash)
        guard let user, verified, !user.disabled else {
            await server.throttle.recordFailure(keys)
            try? server.store.recordAudit(
                AuditEntry(
                    time: WallClock.nanoseconds(), actor: name.isEmpty ? "anonymous" : name, action: "login.failed",
                    subject: context.clientAddress, detail: user?.disabled == true ? "account disabled" : ""))
            return HTML.response(Self.page(next: next, message: "Wrong user name or password."), status: .unauthorized)
        }
        await server.throttle.recordSuccess(keys)
        let (id, _) = await server.sessions.create(user: user.name, role: user.role)
        try? server.store.recordAudit(
            AuditEntry(
                time: WallClock.nanoseconds(), actor: user.name, action: "login", subject: context.clientAddress,
                detail: ""))
        var response = Self.redirect(next)
        response.setCookie(
            Cookie(
                name: ConsoleAccess.sessionCookie, value: id, path: "/", secure: server.tls, httpOnly: true,
                sameSite: .strict))
        return response
    }

    /// A hash of a random password, checked against when the user does not exist.
    static let decoyHash = Bcrypt.hash(RandomToken.make(), cost: 12)

    /// Only local paths: `next` must not send a user to another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 512 else {
            return "/"
        }
        return next
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func page(next: String, message: String?) -> String {
        let notice = message.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return HTMLPage.render(
            title: "Sign in", identity: nil, active: "",
            body: """
                <section class="login"><h1>Sign in</h1>\(notice)
                <form method="post" action="/login">
                <input type="hidden" name="next" value="\(HTML.escape(safeNext(next)))">
                <label>User <input name="user" autocomplete="username" required autofocus></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Sign in</button></form></section>
                """)
    }
}
