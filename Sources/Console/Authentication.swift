import EventModel
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// Finds who is asking: the session cookie, or an `Authorization: Bearer` API token. Routes then
/// ask for a role with `ConsoleAccess.require`. Never rejects by itself: the login page and the
/// stylesheet need no identity.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let store: any ConsoleUserStore
    let sessions: SessionRegistry

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            let token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
            // A token that is not ours is refused outright rather than treated as anonymous.
            guard token.count <= 256, let stored = try? store.apiToken(hash: MessageDigest.hex(.sha256, of: token))
            else {
                throw HTTPError(.unauthorized, message: "invalid API token")
            }
            try? store.touchAPIToken(id: stored.id, at: WallClock.nanoseconds())
            if let user = try? store.consoleUser(named: stored.user), !user.disabled {
                // A token never has more rights than its user has now.
                context.identity = ConsoleIdentity(
                    user: stored.user, role: min(stored.role, user.role), via: .token, csrfToken: nil,
                    actor: "\(stored.user) (token \(stored.name))")
            } else {
                throw HTTPError(.unauthorized, message: "the token's user is removed or disabled")
            }
        } else if let cookie = request.cookies[ConsoleAccess.sessionCookie]?.value,
            let session = await sessions.session(cookie)
        {
            context.identity = ConsoleIdentity(
                user: session.user, role: session.role, via: .session, csrfToken: session.csrfToken,
                actor: session.user)
        }
        return try await next(request, context)
    }
}

/// Role checks and CSRF checks for route handlers.
enum ConsoleAccess {
    static let sessionCookie = "palisade_session"

    /// The identity with at least `role`. Anonymous API calls get 401; anonymous page requests are
    /// sent to the login page; a too-small role gets 403.
    static func require(_ role: ConsoleRole, _ request: Request, _ context: ConsoleContext) throws -> ConsoleIdentity {
        guard let identity = context.identity else {
            if request.uri.path.hasPrefix("/api/") {
                throw HTTPError(.unauthorized, message: "sign in or send an API token")
            }
            throw RedirectToLogin(next: request.uri.path)
        }
        guard identity.role >= role else {
            throw HTTPError(
                .forbidden, message: "this needs the \(role.rawValue) role; you are \(identity.role.rawValue)")
        }
        return identity
    }

    /// A form post must carry the session's CSRF token. API token calls carry no cookie, so a
    /// browser cannot be made to send them, and need none.
    static func checkCSRF(_ identity: ConsoleIdentity, form: [String: String]) throws {
        guard identity.via == .session else { return }
        guard let expected = identity.csrfToken, let sent = form["csrf"], constantTimeEqual(sent, expected) else {
            throw HTTPError(.forbidden, message: "missing or wrong CSRF token; reload the page and try again")
        }
    }

    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// Thrown by `require` for a page request without a session: answered with a redirect.
struct RedirectToLogin: Error {
    var next: String
}

/// Turns `RedirectToLogin` into a 303 to `/login?next=…`.
struct LoginRedirectMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let redirect as RedirectToLogin {
            let target = redirect.next.hasPrefix("/") && !redirect.next.hasPrefix("//") ? redirect.next : "/"
            let query = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(query)"])
        }
    }
}

/// Headers every response carries: a CSP without inline script or style, no framing, no MIME
/// sniffing, no referrer, and no caching of pages that hold plant data.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    let tls: Bool

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = ConsoleErrors.response(error, request: request)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[Self.frameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if tls { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

/// Errors as JSON for the API and as a small page for browsers.
enum ConsoleErrors {
    static func response(_ error: HTTPError, request: Request) -> Response {
        let message = error.body ?? error.status.reasonPhrase
        if request.uri.path.hasPrefix("/api/") {
            let body = #"{"error":\#(JSONText.quoted(message)),"status":\#(error.status.code)}"#
            var headers = error.headers
            headers[.contentType] = "application/json"
            return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let page = HTMLPage.render(
            title: "\(error.status.code) \(error.status.reasonPhrase)", identity: nil, active: "",
            body:
                "<h1>\(error.status.code) \(HTML.escape(error.status.reasonPhrase))</h1><p>\(HTML.escape(message))</p><p><a href=\"/\">Back to the overview</a></p>"
        )
        var headers = error.headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
