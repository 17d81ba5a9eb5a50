import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking loopback HTTP client over a plain POSIX socket, so the endpoint is tested through a
/// real TCP connection and not through NIO on both sides.
struct HTTPTestClient {
    struct Response {
        var statusLine: String
        var headers: [String: String]  // lowercased names
        var body: String
        var status: Int { Int(statusLine.split(separator: " ")[1]) ?? -1 }
        var bodyLines: [String] { body.split(separator: "\n").map(String.init) }
    }

    enum Failure: Error {
        case connect(Int32)
        case send
        case malformedResponse(String)
    }

    let descriptor: Int32

    /// Connects to 127.0.0.1:`port` with a 5 s receive timeout.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let error = errno
            _ = Glibc.close(descriptor)
            throw Failure.connect(error)
        }
    }

    func close() { _ = Glibc.close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            guard sent > 0 else { throw Failure.send }
            offset += sent
        }
    }

    /// Everything until the server closes the connection (or the 5 s timeout).
    func receiveAll() -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return received
    }

    /// Whether the server closed the connection within the receive timeout (recv returns 0).
    func serverClosed() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    /// Sends one request with `Connection: close` and parses the response.
    static func request(
        port: Int, method: String = "GET", path: String = "/metrics", extraHeaders: String = ""
    ) throws -> Response {
        let client = try HTTPTestClient(port: port)
        defer { client.close() }
        try client.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extraHeaders)Connection: close\r\n\r\n")
        return try parse(client.receiveAll())
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure.malformedResponse(text) }
        let headLines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in headLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformedResponse(text) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingSpaces
        }
        return Response(statusLine: headLines[0], headers: headers, body: String(text[split.upperBound...]))
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
