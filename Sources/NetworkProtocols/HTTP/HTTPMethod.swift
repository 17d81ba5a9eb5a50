import BinaryParsing
import EventModel

/// A request method (RFC 9110 §9, RFC 5789 PATCH, RFC 4918 WebDAV). The numeric code is internal
/// (request events carry function -1; the method is the function name).
struct HTTPMethod: Equatable {
    let code: UInt8

    static let other = HTTPMethod(code: 0)
    static let get = HTTPMethod(code: 1)
    static let head = HTTPMethod(code: 2)
    static let post = HTTPMethod(code: 3)
    static let put = HTTPMethod(code: 4)
    static let delete = HTTPMethod(code: 5)
    static let connect = HTTPMethod(code: 6)
    static let options = HTTPMethod(code: 7)
    static let trace = HTTPMethod(code: 8)
    static let patch = HTTPMethod(code: 9)
    static let propfind = HTTPMethod(code: 10)
    static let proppatch = HTTPMethod(code: 11)
    static let mkcol = HTTPMethod(code: 12)
    static let copy = HTTPMethod(code: 13)
    static let move = HTTPMethod(code: 14)
    static let lock = HTTPMethod(code: 15)
    static let unlock = HTTPMethod(code: 16)

    private static let table: [(StaticString, HTTPMethod)] = [
        ("GET", .get), ("HEAD", .head), ("POST", .post), ("PUT", .put), ("DELETE", .delete),
        ("CONNECT", .connect), ("OPTIONS", .options), ("TRACE", .trace), ("PATCH", .patch),
        ("PROPFIND", .propfind), ("PROPPATCH", .proppatch), ("MKCOL", .mkcol), ("COPY", .copy),
        ("MOVE", .move), ("LOCK", .lock), ("UNLOCK", .unlock),
    ]

    /// The method named by `token` (case-sensitive, RFC 9110 §9.1); `.other` for extension methods.
    init(token: ByteView) {
        for (name, method) in Self.table where token.count == name.utf8CodeUnitCount && token.hasPrefix(name) {
            self = method
            return
        }
        self = .other
    }

    private init(code: UInt8) { self.code = code }

    var name: StaticString {
        switch code {
        case 1: "GET"
        case 2: "HEAD"
        case 3: "POST"
        case 4: "PUT"
        case 5: "DELETE"
        case 6: "CONNECT"
        case 7: "OPTIONS"
        case 8: "TRACE"
        case 9: "PATCH"
        case 10: "PROPFIND"
        case 11: "PROPPATCH"
        case 12: "MKCOL"
        case 13: "COPY"
        case 14: "MOVE"
        case 15: "LOCK"
        case 16: "UNLOCK"
        default: "OTHER"
        }
    }

    /// Reads for GET and HEAD, writes for POST, PUT, DELETE and PATCH; everything else (OPTIONS,
    /// TRACE, CONNECT, the WebDAV methods, extensions) is `other`, so that rules keyed on
    /// read/write see the same set whatever the server's extensions.
    var operation: Operation {
        switch self {
        case .get, .head: .read
        case .post, .put, .delete, .patch: .write
        default: .other
        }
    }
}

/// Status code names (RFC 9110 §15) for the common codes, the class name otherwise.
enum HTTPStatus {
    static func name(_ code: Int) -> StaticString {
        switch code {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 100..<200: "Informational"
        case 200..<300: "Success"
        case 300..<400: "Redirection"
        case 400..<500: "Client Error"
        default: "Server Error"
        }
    }
}
