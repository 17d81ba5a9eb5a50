import Hummingbird
import NIOCore
import Storage

/// Who is asking: a signed-in user (session cookie) or a machine (API token).
public struct ConsoleIdentity: Sendable, Equatable {
    public enum Via: String, Sendable { case session, token }
    public var user: String
    public var role: ConsoleRole
    public var via: Via
    /// The session's CSRF token (forms must echo it); nil for API tokens, which send no cookies.
    public var csrfToken: String?
    /// The audit trail's actor: the user, and the token's name for machines.
    public var actor: String
}

/// The request context of every console route: the identity the authentication middleware
/// found, and the client's address for login throttling.
public struct ConsoleContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: ConsoleIdentity?
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Uploads (captures) are streamed to disk with their own limit; other bodies are small.
    public var maxUploadSize: Int { 64 * 1024 }
}

extension ConsoleContext {
    /// The `{id}` (or other named) path segment, percent-decoded (asset ids hold colons, which links encode).
    func pathID(_ name: String = "id") throws -> String {
        let raw = try parameters.require(name)
        guard let decoded = raw.removingPercentEncoding, !decoded.isEmpty, decoded.count <= 512 else {
            throw HTTPError(.notFound, message: "no such object")
        }
        return decoded
    }
}
