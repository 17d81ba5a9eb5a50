/// What a console user may do; each role includes the ones before it.
public enum ConsoleRole: String, Sendable, CaseIterable, Comparable, Codable {
    /// Reads everything.
    case viewer
    /// Also triages alerts and imports captures.
    case analyst
    /// Also manages users, tokens and configuration.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .analyst: 1
        case .admin: 2
        }
    }
    public static func < (lhs: ConsoleRole, rhs: ConsoleRole) -> Bool { lhs.rank < rhs.rank }
}

/// A person who signs in to the console.
public struct ConsoleUser: Sendable, Equatable {
    public var name: String
    public var role: ConsoleRole
    /// bcrypt hash; the password itself is never stored.
    public var passwordHash: String
    /// Wall clock, ns since the epoch.
    public var created: Int64
    public var disabled: Bool

    public init(name: String, role: ConsoleRole, passwordHash: String, created: Int64, disabled: Bool = false) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.created = created
        self.disabled = disabled
    }
}

/// A token for machines (`Authorization: Bearer …`), acting with its own role on behalf of a user.
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var user: String
    public var role: ConsoleRole
    /// SHA-256 of the token, hex; the token itself is shown once, when made.
    public var tokenHash: String
    public var created: Int64
    public var lastUsed: Int64?

    public init(
        id: Int64 = 0, name: String, user: String, role: ConsoleRole, tokenHash: String, created: Int64,
        lastUsed: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.user = user
        self.role = role
        self.tokenHash = tokenHash
        self.created = created
        self.lastUsed = lastUsed
    }
}

/// Console users and API tokens. Every change is written to the audit trail with its actor.
public protocol ConsoleUserStore: AnyObject, Sendable {
    func consoleUsers() throws(StoreError) -> [ConsoleUser]
    func consoleUser(named name: String) throws(StoreError) -> ConsoleUser?
    /// Inserts the user or replaces the one with the same name.
    func saveConsoleUser(_ user: ConsoleUser, actor: String) throws(StoreError)
    /// Removes the user and their tokens; false when there was no such user.
    func removeConsoleUser(named name: String, actor: String) throws(StoreError) -> Bool
    /// Stores a token and returns its id.
    func addAPIToken(_ token: APIToken, actor: String) throws(StoreError) -> Int64
    func apiTokens() throws(StoreError) -> [APIToken]
    func apiToken(hash: String) throws(StoreError) -> APIToken?
    func removeAPIToken(id: Int64, actor: String) throws(StoreError) -> Bool
    func touchAPIToken(id: Int64, at time: Int64) throws(StoreError)
}
