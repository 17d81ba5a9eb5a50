import Foundation
import Hummingbird
import Storage

/// User and API-token administration for machines (admin): the same rules, audit and sign-out
/// as the users page.
struct APIAdminRoutes {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        let admin = AdminPages(server: server)
        router.post("/api/users") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            try APIRoutes.checkHeaderCSRF(identity, request)
            let body = try await APIRoutes.jsonBody(request, context)
            var form: [String: String] = [:]
            for key in ["name", "role", "password"] {
                if let value = body[key] as? String { form[key] = value }
            }
            if body["disabled"] as? Bool == true { form["disabled"] = "on" }
            let existed = try server.call { try server.store.consoleUser(named: form["name"] ?? "") } != nil
            try await admin.saveUser(form, by: identity)
            guard let user = try server.call({ try server.store.consoleUser(named: form["name"] ?? "") }) else {
                throw HTTPError(.internalServerError, message: "the user was not saved")
            }
            var response = try APIRoutes.json(
                UserRecord(
                    name: user.name, role: user.role.rawValue, created: APIRecords.time(user.created),
                    disabled: user.disabled))
            if !existed { response.status = .created }
            return response
        }
        router.delete("/api/users/{name}") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            try APIRoutes.checkHeaderCSRF(identity, request)
            try await admin.removeUser(named: try context.pathID("name"), by: identity)
            return Response(status: .noContent)
        }
        router.get("/api/tokens") { request, context in
            _ = try ConsoleAccess.require(.admin, request, context)
            return try APIRoutes.json(try server.call { try server.store.apiTokens() }.map(APIRecords.Token.init))
        }
        router.post("/api/tokens") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            try APIRoutes.checkHeaderCSRF(identity, request)
            let body = try await APIRoutes.jsonBody(request, context)
            var form: [String: String] = [:]
            for key in ["name", "user", "role"] {
                if let value = body[key] as? String { form[key] = value }
            }
            let made = try admin.makeToken(form, by: identity)
            var response = try APIRoutes.json(APIRecords.NewToken(id: made.id, token: made.token))
            response.status = .created
            return response
        }
        router.delete("/api/tokens/{id}") { request, context in
            let identity = try ConsoleAccess.require(.admin, request, context)
            try APIRoutes.checkHeaderCSRF(identity, request)
            guard let id = Int64(try context.pathID()),
                try server.call({ try server.store.removeAPIToken(id: id, actor: identity.actor) })
            else { throw HTTPError(.notFound, message: "no such token") }
            return Response(status: .noContent)
        }
    }
}
