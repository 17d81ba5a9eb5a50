import CorpusTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Console

/// The OpenAPI document against the real responses: every documented GET is fetched (ids from
/// the fixture) and checked against its schema, and the document validates with
/// openapi-spec-validator when Python has it.
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct APIDocumentTests {
    static let fixture = ConsoleFixture.shared!

    @Test func everyDocumentedResponseMatchesItsSchema() async throws {
        let fixture = Self.fixture
        let app = fixture.application()
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(fixture.tokens[.admin]!)"]
            let documentResponse = try await client.execute(uri: "/api/openapi.json", method: .get, headers: auth)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: documentResponse.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            var checked = 0
            for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
                guard let get = (item as? [String: Any])?["get"] as? [String: Any], path != "/api/openapi.json" else {
                    continue
                }
                let responses = try #require(get["responses"] as? [String: Any])
                let ok = try #require(responses["200"] as? [String: Any])
                let schema = try #require(
                    ((ok["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                        as? [String: Any])
                // Import jobs live only while the console runs: CaptureUploadTests checks that shape.
                guard path != "/api/captures/{id}" else { continue }
                let uri = path.replacingOccurrences(
                    of: "{id}", with: path.hasPrefix("/api/assets") ? fixture.assetIDs[0] : fixture.alertIDs[0])
                let response = try await client.execute(uri: uri, method: .get, headers: auth)
                #expect(response.status == .ok, "\(uri)")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
                let problems = SchemaCheck(schemas: schemas).problems(body, schema, at: uri)
                #expect(problems.isEmpty, "\(problems.prefix(5))")
                checked += 1
                // Error responses are documented too: a missing object is a 404 in the Error shape.
                if path.contains("{id}") {
                    let missing = try await client.execute(
                        uri: path.replacingOccurrences(of: "{id}", with: "nothing-here"), method: .get, headers: auth)
                    #expect(missing.status == .notFound)
                    let error = try JSONSerialization.jsonObject(with: Data(buffer: missing.body))
                    #expect(
                        SchemaCheck(schemas: schemas).problems(error, ["$ref": "#/components/schemas/Error"], at: path)
                            .isEmpty)
                }
            }
            #expect(checked == 15)
        }
    }

    @Test(
        .enabled(
            if: OpenAPIValidator.available, "openapi-spec-validator not installed (pip install openapi-spec-validator)")
    )
    func documentValidates() throws {
        let folder = try makeTemporaryFolder("palisade-openapi")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("openapi.json").path
        try OpenAPIDocument.json.write(toFile: path, atomically: true, encoding: .utf8)
        let (status, output) = try OpenAPIValidator.run(["-m", "openapi_spec_validator", path], in: folder)
        #expect(status == 0, "\(output)")
    }
}

enum OpenAPIValidator {
    static let available: Bool = {
        guard let folder = try? makeTemporaryFolder("palisade-openapi-probe") else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        return (try? run(["-c", "import openapi_spec_validator"], in: folder))?.status == 0
    }()

    static func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let folder = try makeTemporaryFolder("palisade-python")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try run(arguments, in: folder)
    }

    /// python3 with output to a file: reading a pipe here can be interrupted by the event loop's
    /// signals, which Foundation's FileHandle turns into a trap.
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let log = folder.appendingPathComponent("python.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}

/// The parts of JSON Schema the document uses: type (with null), required, properties, items,
/// additionalProperties, $ref.
struct SchemaCheck {
    let schemas: [String: Any]

    func problems(_ value: Any, _ schema: [String: Any], at path: String) -> [String] {
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let target = schemas[name] as? [String: Any] else { return ["\(path): unknown $ref \(reference)"] }
            return problems(value, target, at: path)
        }
        var found: [String] = []
        let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty && !types.contains(where: { matches(value, $0) }) {
            return ["\(path): \(type(of: value)) is not \(types)"]
        }
        if let object = value as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path).\(name): required but missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (name, member) in object {
                if let property = properties[name] as? [String: Any] {
                    found += problems(member, property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(member, additional, at: "\(path).\(name)")
                } else if !properties.isEmpty {
                    found.append("\(path).\(name): not documented")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.prefix(50).enumerated() {
                found += problems(item, items, at: "\(path)[\(index)]")
            }
        }
        return found
    }

    func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean":
            if let number = value as? NSNumber { return number.objCType.pointee == 0x63 }
            return value is Bool
        case "integer":
            guard let number = value as? NSNumber, number.objCType.pointee != 0x63 else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "number":
            guard let number = value as? NSNumber else { return false }
            return number.objCType.pointee != 0x63
        default: return false
        }
    }
}
