import BinaryParsing
import EventModel
import Testing

@testable import HTTP

/// HTTP/1.1 messages in the shape of RFC 9112's examples.
enum Samples {
    static let getRequest = Array(
        ("GET /index.html?q=1 HTTP/1.1\r\n"  // request line: method, target, version
            + "Host: plc.example:8080\r\n"  // name (port dropped), about the server
            + "User-Agent: curl/8.5.0\r\n"  // user agent, about the client
            + "Accept: */*\r\n"
            + "\r\n").utf8)  // empty line: no body (no Content-Length, not chunked)
    static let postRequest = Array(
        ("POST /api/setpoint HTTP/1.1\r\n"
            + "Host: 10.0.0.5\r\n"  // an IP literal: no name fact
            + "Content-Length: 11\r\n"
            + "\r\n"
            + "value=42\r\n\r\n").utf8)  // 11 body bytes, one of them looking like a header end
    static let okResponse = Array(
        ("HTTP/1.1 200 OK\r\n"
            + "Server: Apache/2.4.58 (Debian)\r\n"  // software, about the server (the sender)
            + "Content-Length: 5\r\n"
            + "\r\n"
            + "hello").utf8)
    static let chunkedResponse = Array(
        ("HTTP/1.1 404 Not Found\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "\r\n"
            + "4;ext=1\r\n"  // chunk size 4 with an extension
            + "HTTP\r\n"  // chunk data that looks like a status line
            + "A\r\n"  // chunk size 10 (hex)
            + "GET / HTTP\r\n"  // data
            + "0\r\n"  // last chunk
            + "Expires: never\r\n"  // trailer field
            + "\r\n").utf8)
    static let headResponse = Array(
        ("HTTP/1.1 200 OK\r\n"
            + "Content-Length: 1000\r\n"  // describes the GET body; a HEAD response has none
            + "\r\n").utf8)
}

func converse(_ messages: [(fromClient: Bool, bytes: [UInt8])], decoder: HTTPStreamDecoder = HTTPStreamDecoder())
    -> EventBatch
{
    let batch = EventBatch()
    for (index, message) in messages.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = message.fromClient
        ByteView.with(message.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    return batch
}

func summary(_ batch: EventBatch) -> [String] {
    batch.events.map { event in
        var text = "\(event.function) \(event.functionName) \(event.operation.name) \(batch.string(event.target.text))"
        for fact in batch.facts(of: event) {
            text += " \(fact.key.name)\(fact.subject == .destination ? "@dst" : "")=\(batch.string(fact.value))"
        }
        if let anomaly = event.anomaly { text += " !\(anomaly.kind.name)" }
        return text
    }
}

@Suite struct HTTPDecoderTests {
    @Test func requestAndResponseFieldsAndFacts() {
        let batch = converse([(true, Samples.getRequest), (false, Samples.okResponse)])
        #expect(
            summary(batch) == [
                "-1 GET read /index.html?q=1 user_agent=curl/8.5.0 name@dst=plc.example",
                "200 OK read  software=Apache/2.4.58 (Debian)",
            ])
        #expect(batch.events[0].direction == .request)
        #expect(batch.events[1].direction == .response)
        #expect(batch.events[1].result.status == .ok)
    }

    @Test func pipelinedRequestsPairWithTheirResponses() {
        // Three requests in one segment (POST with a body, GET, HEAD), then the answers in one.
        let head = Array("HEAD /status HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        let batch = converse([
            (true, Samples.postRequest + Samples.getRequest + head),
            (false, Samples.chunkedResponse + Samples.okResponse + Samples.headResponse),
        ])
        #expect(
            summary(batch) == [
                "-1 POST write /api/setpoint", "-1 GET read /index.html?q=1 user_agent=curl/8.5.0 name@dst=plc.example",
                "-1 HEAD read /status name@dst=a", "404 Not Found write ",
                "200 OK read  software=Apache/2.4.58 (Debian)", "200 OK read ",
            ])
        #expect(batch.events[3].result.status == .error)
        #expect(batch.events[3].result.code == 404)
        // The HEAD response's Content-Length announced no body: the next response still decodes.
        let more = converse(
            [
                (true, head + Samples.getRequest), (false, Samples.headResponse + Samples.okResponse),
            ])
        #expect(more.events.map(\.function) == [-1, -1, 200, 200])
    }

    @Test func bareLineFeedsAreAccepted() {
        let request = Array("PUT /cfg HTTP/1.0\nHost: hmi\nContent-Length: 3\n\nabcDELETE /x HTTP/1.0\n\n".utf8)
        let batch = converse([(true, request)])
        #expect(summary(batch) == ["-1 PUT write /cfg name@dst=hmi", "-1 DELETE write /x"])
    }

    @Test func unknownMethodIsOther() {
        let batch = converse([
            (true, Array("OPTIONS * HTTP/1.1\r\n\r\nFOO-BAR /y HTTP/1.1\r\n\r\nMOVE /a HTTP/1.1\r\n\r\n".utf8))
        ])
        #expect(summary(batch) == ["-1 OPTIONS other *", "-1 OTHER other /y", "-1 MOVE other /a"])
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let client = Samples.postRequest + Samples.getRequest
        let server = Samples.chunkedResponse + Samples.okResponse
        let whole = summary(converse([(true, client), (false, server)]))
        #expect(whole.count == 4)
        for cut in 1..<client.count {
            let batch = converse([
                (true, Array(client[..<cut])), (true, Array(client[cut...])), (false, server),
            ])
            #expect(summary(batch) == whole, "client cut at \(cut)")
        }
        for cut in 1..<server.count {
            let batch = converse([
                (true, client), (false, Array(server[..<cut])), (false, Array(server[cut...])),
            ])
            #expect(summary(batch) == whole, "server cut at \(cut)")
        }
    }

    @Test func oversizedHeaderBlockIsAnAnomalyAndDecodingResumes() {
        let decoder = HTTPStreamDecoder()
        let long = Array("GET / HTTP/1.1\r\nX-Pad: ".utf8) + [UInt8](repeating: 0x41, count: 20_000)
        let batch = EventBatch()
        var context = PacketContext()
        for chunk in stride(from: 0, to: long.count, by: 1400) {
            ByteView.with(Array(long[chunk..<min(long.count, chunk + 1400)])) {
                decoder.receive($0, context: context, events: batch)
            }
        }
        #expect(batch.anomalies.counts[HTTPAnomaly.headerTooLong, default: 0] == 1)
        context.frame = 2
        ByteView.with(Array("\r\n\r\n".utf8)) { decoder.receive($0, context: context, events: batch) }
        ByteView.with(Samples.getRequest) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.map(\.functionName.description) == ["GET"])
    }

    @Test func gapInsideABodyKeepsTheFraming() {
        let decoder = HTTPStreamDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        context.fromClient = false
        let response =
            Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".utf8) + [UInt8](repeating: 0x42, count: 10)
        ByteView.with(response) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(50, context: context, events: batch)
        ByteView.with([UInt8](repeating: 0x43, count: 40) + Samples.okResponse) {
            decoder.receive($0, context: context, events: batch)
        }
        #expect(batch.events.map(\.function) == [200, 200])
        #expect(batch.anomalies.counts[HTTPAnomaly.streamGap, default: 0] == 0)
        // A gap in a header block loses the framing until a message start.
        ByteView.with(Array("HTTP/1.1 500 Internal".utf8)) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(10, context: context, events: batch)
        ByteView.with(Array("garbage\r\n\r\n".utf8)) { decoder.receive($0, context: context, events: batch) }
        ByteView.with(Samples.okResponse) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.map(\.function) == [200, 200, 200])
        #expect(batch.anomalies.counts[HTTPAnomaly.streamGap, default: 0] == 1)
    }

    @Test func malformedInputIsCountedNotTrapped() {
        let batch = converse([
            (true, Array("GET\r\n\r\n".utf8)),
            (true, Array("get / HTTP/1.1\r\n\r\n".utf8)),  // methods are case-sensitive: not a request
            (false, Array("HTTP/1.1 2x0 OK\r\n\r\n".utf8)),
            (true, Array("POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n".utf8)),
            (false, Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8)),
        ])
        #expect(batch.anomalies.counts[HTTPAnomaly.malformedStartLine, default: 0] == 3)
        #expect(batch.anomalies.counts[HTTPAnomaly.malformedChunk, default: 0] == 1)
        // "GET" alone is still a request (as tshark counts it), flagged.
        #expect(batch.events.map(\.function) == [-1, -1, 200])
        #expect(
            batch.events.map(\.anomaly?.kind.name) == [
                "http.malformed_start_line", "http.invalid_content_length", nil,
            ])
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = converse([(true, Array("GET / HTTP/1.1\r\n".utf8) + bytes), (false, Array("HTTP/1.1 ".utf8) + bytes)])
        }
    }

    @Test func smugglingSignsAreFlagged() {
        let batch = converse([
            (true, Array("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8)),
            (true, Array("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n".utf8)),
        ])
        #expect(
            batch.events.map { $0.anomaly?.kind.name } == [
                "http.content_length_and_chunked", "http.invalid_content_length",
            ])
    }
}
