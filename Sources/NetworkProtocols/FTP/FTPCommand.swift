import BinaryParsing
import EventModel

/// An FTP command verb (RFC 959 §4.1, RFC 2228, RFC 2389, RFC 2428, RFC 3659), matched without
/// regard to case (§5.3: "command codes … may be in upper or lower case").
struct FTPCommand: Equatable {
    let name: StaticString
    let operation: Operation

    /// Commands whose argument is a path the command reads or changes: the event's target text.
    var namesAFile: Bool { operation == .read || operation == .write }

    private static let table: [FTPCommand] = [
        FTPCommand(name: "USER", operation: .session), FTPCommand(name: "PASS", operation: .session),
        FTPCommand(name: "ACCT", operation: .session), FTPCommand(name: "QUIT", operation: .session),
        FTPCommand(name: "REIN", operation: .session), FTPCommand(name: "AUTH", operation: .session),
        FTPCommand(name: "PBSZ", operation: .session), FTPCommand(name: "PROT", operation: .session),
        FTPCommand(name: "RETR", operation: .read), FTPCommand(name: "LIST", operation: .read),
        FTPCommand(name: "NLST", operation: .read), FTPCommand(name: "MLSD", operation: .read),
        FTPCommand(name: "MLST", operation: .read), FTPCommand(name: "SIZE", operation: .read),
        FTPCommand(name: "MDTM", operation: .read), FTPCommand(name: "STOR", operation: .write),
        FTPCommand(name: "STOU", operation: .write), FTPCommand(name: "APPE", operation: .write),
        FTPCommand(name: "DELE", operation: .write), FTPCommand(name: "RNFR", operation: .write),
        FTPCommand(name: "RNTO", operation: .write), FTPCommand(name: "MKD", operation: .write),
        FTPCommand(name: "RMD", operation: .write), FTPCommand(name: "XMKD", operation: .write),
        FTPCommand(name: "XRMD", operation: .write), FTPCommand(name: "SYST", operation: .discovery),
        FTPCommand(name: "FEAT", operation: .discovery), FTPCommand(name: "HELP", operation: .discovery),
        FTPCommand(name: "STAT", operation: .discovery), FTPCommand(name: "SITE", operation: .other),
        FTPCommand(name: "CWD", operation: .other), FTPCommand(name: "CDUP", operation: .other),
        FTPCommand(name: "XCWD", operation: .other), FTPCommand(name: "PWD", operation: .other),
        FTPCommand(name: "XPWD", operation: .other), FTPCommand(name: "PORT", operation: .other),
        FTPCommand(name: "PASV", operation: .other), FTPCommand(name: "EPRT", operation: .other),
        FTPCommand(name: "EPSV", operation: .other), FTPCommand(name: "TYPE", operation: .other),
        FTPCommand(name: "STRU", operation: .other), FTPCommand(name: "MODE", operation: .other),
        FTPCommand(name: "REST", operation: .other), FTPCommand(name: "ABOR", operation: .other),
        FTPCommand(name: "ALLO", operation: .other), FTPCommand(name: "NOOP", operation: .other),
        FTPCommand(name: "OPTS", operation: .other), FTPCommand(name: "SMNT", operation: .other),
    ]

    static let unknown = FTPCommand(name: "OTHER", operation: .other)
    static let user = table[0]
    static let pass = table[1]
    static let auth = table[5]

    /// The command named by `verb` (3 or 4 letters); `.unknown` for extension commands.
    static func named(_ verb: ByteView) -> FTPCommand {
        for command in table where command.name.utf8CodeUnitCount == verb.count {
            let literal = command.name.utf8Start
            var equal = true
            for index in 0..<verb.count where verb[index] & 0xDF != literal[index] {
                equal = false
                break
            }
            if equal { return command }
        }
        return unknown
    }

    static func == (lhs: FTPCommand, rhs: FTPCommand) -> Bool { lhs.name.utf8Start == rhs.name.utf8Start }
}

/// Reply code texts of RFC 959 §4.2.2 for the common codes, the class otherwise (§4.2.1).
enum FTPReply {
    static func name(_ code: Int) -> StaticString {
        switch code {
        case 110: "Restart marker reply"
        case 120: "Service ready in nnn minutes"
        case 125: "Data connection already open"
        case 150: "File status okay"
        case 200: "Command okay"
        case 202: "Command not implemented, superfluous"
        case 211: "System status"
        case 212: "Directory status"
        case 213: "File status"
        case 214: "Help message"
        case 215: "NAME system type"
        case 220: "Service ready"
        case 221: "Service closing control connection"
        case 225: "Data connection open"
        case 226: "Closing data connection"
        case 227: "Entering Passive Mode"
        case 229: "Entering Extended Passive Mode"
        case 230: "User logged in"
        case 234: "Security data exchange complete"
        case 250: "Requested file action okay"
        case 257: "Pathname created"
        case 331: "User name okay, need password"
        case 332: "Need account for login"
        case 350: "Requested file action pending"
        case 421: "Service not available"
        case 425: "Can't open data connection"
        case 426: "Connection closed; transfer aborted"
        case 450: "Requested file action not taken"
        case 451: "Requested action aborted: local error"
        case 452: "Insufficient storage space"
        case 500: "Syntax error, command unrecognized"
        case 501: "Syntax error in parameters"
        case 502: "Command not implemented"
        case 503: "Bad sequence of commands"
        case 504: "Command not implemented for that parameter"
        case 530: "Not logged in"
        case 532: "Need account for storing files"
        case 550: "File unavailable"
        case 551: "Page type unknown"
        case 552: "Exceeded storage allocation"
        case 553: "File name not allowed"
        case 100..<200: "Positive Preliminary"
        case 200..<300: "Positive Completion"
        case 300..<400: "Positive Intermediate"
        case 400..<500: "Transient Negative Completion"
        default: "Permanent Negative Completion"
        }
    }
}
