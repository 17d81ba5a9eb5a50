/// An account seen in clear on the wire: who used it, towards whom, over what.
public struct CredentialSighting: Sendable {
    /// What the visible token is.
    public enum Kind: String, Sendable {
        /// A user name (FTP USER, HTTP Basic, NTLM, SMB, SNMPv3 USM, RDP cookie).
        case userName = "user_name"
        /// An SNMP v1/v2c community: the token is itself the secret.
        case community
        /// A Telnet login: keystrokes (user name and password) cross in clear but are not decoded.
        case interactiveLogin = "interactive_login"
    }

    public var client: AccessParty
    public var server: AccessParty
    public var protocolName: String
    public var kind: Kind
    /// The account name as seen; for a community, the masked form (`****` and its length).
    public var account: String
    /// Whether a password or secret crossed the wire readable by anyone on the path: yes for FTP
    /// PASS, HTTP Basic, a community and Telnet; no for challenge-response (NTLM) and names alone.
    /// Nil when the source cannot say (the store keeps no FTP PASS events).
    public var secretVisible: Bool?
    public var count: UInt64
    public var firstSeen: Int64
    public var lastSeen: Int64

    /// What `account` says when the protocol carried an account the decoder does not keep.
    public static let undecodedUserName = "(user name not decoded)"
    public static let undecodedKeystrokes = "(keystrokes not decoded)"

    /// The account is a real name (not a placeholder, not a masked community).
    public var namesAnAccount: Bool {
        kind == .userName && account != Self.undecodedUserName
    }
}

/// The one place a secret is turned into printable text: never the value, only its length.
public enum SecretMask {
    public static func masked(length: Int) -> String { "**** (\(length) characters)" }
}
