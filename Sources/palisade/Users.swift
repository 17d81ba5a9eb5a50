import ArgumentParser
import Console
import EventModel
import Foundation
import HummingbirdBcrypt
import Storage

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Console users and API tokens.",
        subcommands: [Add.self, List.self, Remove.self, Token.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a user, or replace the password and role of an existing one.",
            discussion: "Without --password-stdin a random password is generated and printed once.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "User name (letters, digits, . _ - @; at most 64).") var name: String
        @Option(help: "viewer (read), analyst (triage, import) or admin (users, configuration).")
        var role: String = "viewer"
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func validate() throws {
            guard UserName.isValid(name) else {
                throw ValidationError("the user name must be 1 to 64 letters, digits or . _ - @")
            }
            guard ConsoleRole(rawValue: role) != nil else {
                throw ValidationError("--role is viewer, analyst or admin")
            }
        }

        func run() throws {
            var password: String
            var generated = false
            if passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
                guard password.count >= 12, password.count <= 1024 else {
                    printError("palisade: the password must have 12 to 1024 characters")
                    throw ExitCode(2)
                }
            } else {
                password = RandomToken.make(bytes: 15)
                generated = true
            }
            let store = try storeOptions.open()
            let user = ConsoleUser(
                name: name, role: ConsoleRole(rawValue: role)!, passwordHash: Bcrypt.hash(password, cost: 12),
                created: WallClock.nanoseconds())
            try storeCall { try store.saveConsoleUser(user, actor: "cli:\(NSUserName())") }
            print("user \(name) (\(role)) saved in \(storeOptions.database)")
            if generated { print("password: \(password)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users and API tokens.")
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let store = try storeOptions.open()
            for user in try storeCall({ try store.consoleUsers() }) {
                print("user \(user.name) \(user.role.rawValue)\(user.disabled ? " disabled" : "")")
            }
            for token in try storeCall({ try store.apiTokens() }) {
                print("token \(token.id) \(token.name) for \(token.user) \(token.role.rawValue)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a user and their API tokens.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "User name.") var name: String
        func run() throws {
            let store = try storeOptions.open()
            guard try storeCall({ try store.removeConsoleUser(named: name, actor: "cli:\(NSUserName())") }) else {
                printError("palisade: no user \(name)")
                throw ExitCode(1)
            }
            print("user \(name) removed")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Make an API token for a user (printed once; send it as Authorization: Bearer TOKEN).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "What the token is for, e.g. siem-export.") var name: String
        @Option(help: "The user it acts for.") var user: String
        @Option(help: "Its role, at most the user's.") var role: String?

        func run() throws {
            let store = try storeOptions.open()
            guard let owner = try storeCall({ try store.consoleUser(named: user) }) else {
                printError("palisade: no user \(user)")
                throw ExitCode(1)
            }
            let tokenRole = role.flatMap(ConsoleRole.init(rawValue:)) ?? owner.role
            guard tokenRole <= owner.role else {
                printError("palisade: a token cannot have more rights than its user (\(owner.role.rawValue))")
                throw ExitCode(2)
            }
            let token = RandomToken.make()
            let id = try storeCall {
                try store.addAPIToken(
                    APIToken(
                        name: String(name.prefix(100)), user: user, role: tokenRole,
                        tokenHash: MessageDigest.hex(.sha256, of: token), created: WallClock.nanoseconds()),
                    actor: "cli:\(NSUserName())")
            }
            print("token \(id) for \(user) (\(tokenRole.rawValue)): \(token)")
        }
    }
}

enum UserName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-@".unicodeScalars.contains($0)
            }
    }
}
