import Foundation
import Storage

/// Signed-in sessions, in memory: a restart signs everyone out, which is the safe default for a
/// box on a plant network. Ids and CSRF tokens are 256-bit random values.
public actor SessionRegistry {
    public struct Session: Sendable {
        public var user: String
        public var role: ConsoleRole
        public var csrfToken: String
        public var lastSeen: Date
    }

    /// Idle sessions end after this long.
    public let idleTimeout: TimeInterval
    /// Oldest sessions are dropped past this many, so a flood of logins cannot grow memory.
    public let maximumSessions: Int
    private var sessions: [String: Session] = [:]

    public init(idleTimeout: TimeInterval = 8 * 3600, maximumSessions: Int = 10_000) {
        self.idleTimeout = idleTimeout
        self.maximumSessions = maximumSessions
    }

    public func create(user: String, role: ConsoleRole, now: Date = Date()) -> (id: String, session: Session) {
        if sessions.count >= maximumSessions {
            let oldest = sessions.min { $0.value.lastSeen < $1.value.lastSeen }?.key
            if let oldest { sessions[oldest] = nil }
        }
        let id = RandomToken.make()
        let session = Session(user: user, role: role, csrfToken: RandomToken.make(), lastSeen: now)
        sessions[id] = session
        return (id, session)
    }

    /// The live session for `id`, refreshed; nil when unknown or idle too long.
    public func session(_ id: String, now: Date = Date()) -> Session? {
        guard var session = sessions[id] else { return nil }
        guard now.timeIntervalSince(session.lastSeen) < idleTimeout else {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = now
        sessions[id] = session
        return session
    }

    public func end(_ id: String) { sessions[id] = nil }

    /// Ends every session of a user (removed, disabled, or given another role).
    public func end(user: String) { sessions = sessions.filter { $0.value.user != user } }
}

/// Failed logins per client address and per user name: past `limit` failures within `window`
/// seconds, logins are refused (429) until the window passes, whatever the password.
public actor LoginThrottle {
    public let limit: Int
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(limit: Int = 5, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    public func isBlocked(_ keys: [String], now: Date = Date()) -> Bool {
        keys.contains { key in recent(key, now: now).count >= limit }
    }

    public func recordFailure(_ keys: [String], now: Date = Date()) {
        // Bounded: old entries expire, and the table is cleared when it grows past 100,000 keys.
        if failures.count > 100_000 { failures.removeAll() }
        for key in keys { failures[key] = recent(key, now: now) + [now] }
    }

    public func recordSuccess(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }.suffix(limit)
    }
}

/// URL-safe random tokens from the system's CSPRNG.
public enum RandomToken {
    public static func make(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
