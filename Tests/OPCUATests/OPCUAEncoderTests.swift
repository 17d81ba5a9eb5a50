import BinaryParsing
import CorpusTestSupport
import EventModel
import Monitor
import OPCUA
import Testing

@Suite struct OPCUAEncoderTests {
    typealias Encoder = OPCUAEncoder
    static let url = "opc.tcp://historian.plant:4840/"
    static let token = Encoder.NodeID.numeric(namespace: 0, id: 1004)
    static let server = Encoder.ApplicationDescription(
        applicationURI: "urn:plant:historian", productURI: "urn:vendor:opcua-server",
        applicationName: "Line 1 Historian",
        applicationType: 0, discoveryURLs: [url])
    static let client = Encoder.ApplicationDescription(
        applicationURI: "urn:plant:hmi", productURI: "urn:vendor:hmi", applicationName: "Operator HMI",
        applicationType: 1)
    static let temperature = Encoder.NodeID.string(namespace: 2, "Line1.Temperature")
    static let running = Encoder.NodeID.numeric(namespace: 2, id: 1001)

    /// Envelope of the n-th exchange on channel 9 token 14 (sequence numbers count from 1 per side).
    static func envelope(_ request: UInt32, session: Bool = true, channel: UInt32 = 9, token: UInt32 = 14)
        -> Encoder.Envelope
    {
        Encoder.Envelope(
            channelID: channel, tokenID: token, sequenceNumber: request, requestID: request,
            timestamp: 133_500_000_000_000_000 + Int64(request), authenticationToken: session ? Self.token : .null)
    }

    /// A whole anonymous session: client → server (`true`) and back.
    static let session: [(fromClient: Bool, bytes: [UInt8])] = [
        (true, Encoder.hello(endpointURL: url)),
        (false, Encoder.acknowledge()),
        (true, Encoder.openSecureChannelRequest(envelope(1, session: false, channel: 0, token: 0))),
        (false, Encoder.openSecureChannelResponse(envelope(1, session: false), createdAt: 133_500_000_000_000_000)),
        (true, Encoder.getEndpointsRequest(envelope(2, session: false), endpointURL: url)),
        (
            false,
            Encoder.getEndpointsResponse(
                envelope(2, session: false), endpoints: [.init(endpointURL: url, server: server)])
        ),
        (
            true,
            Encoder.createSessionRequest(
                envelope(3, session: false), client: client, endpointURL: url, sessionName: "HMI session",
                clientNonce: [UInt8](repeating: 0x11, count: 32))
        ),
        (
            false,
            Encoder.createSessionResponse(
                envelope(3, session: false), sessionID: .numeric(namespace: 1, id: 77), authenticationToken: token,
                serverNonce: [UInt8](repeating: 0x22, count: 32), endpoints: [.init(endpointURL: url, server: server)])
        ),
        (true, Encoder.activateSessionRequest(envelope(4))),
        (false, Encoder.activateSessionResponse(envelope(4), serverNonce: [UInt8](repeating: 0x33, count: 32))),
        (true, Encoder.browseRequest(envelope(5), nodes: [.standard(85)])),
        (true, Encoder.readRequest(envelope(6), nodes: [temperature, running, .standard(2258)])),
        (
            false,
            Encoder.readResponse(
                envelope(6), values: [.double(71.25), .boolean(true), .float(1.5)],
                sourceTimestamp: 133_500_000_000_000_000)
        ),
        (true, Encoder.writeRequest(envelope(7), values: [(running, .boolean(false))])),
        (false, Encoder.writeResponse(envelope(7), results: [0])),
        (
            true,
            Encoder.callRequest(
                envelope(8),
                calls: [
                    .init(
                        object: .numeric(namespace: 2, id: 5000), method: .numeric(namespace: 2, id: 5001),
                        arguments: [.uint32(3), .string("reset")])
                ])
        ),
        (false, Encoder.callResponse(envelope(8), results: [.init(outputs: [.int32(0)])])),
        (true, Encoder.closeSessionRequest(envelope(9))),
        (false, Encoder.closeSessionResponse(envelope(9))),
        (true, Encoder.closeSecureChannelRequest(envelope(10))),
    ]

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// python-opcua writes the session token i=1004 in the seven-byte numeric form (0x02); this encoder
    /// uses the four-byte form (0x01), equally valid: the reference rewritten that way, size adjusted.
    static func withFourByteToken(_ message: [UInt8]) -> [UInt8] {
        precondition(Array(message[28..<35]) == [0x02, 0x00, 0x00, 0xec, 0x03, 0x00, 0x00])
        var bytes = Array(message[..<28]) + [0x01, 0x00, 0xec, 0x03] + Array(message[35...])
        let size = UInt32(bytes.count)
        for index in 0..<4 { bytes[4 + index] = UInt8(truncatingIfNeeded: size >> (8 * index)) }
        return bytes
    }

    @Test func matchesThePythonOPCUASession() {
        // opcua/python_opcua-client-server_minimal.pcap, TCP payloads of frames 7-21, 23 and 39.
        let endpoint = "opc.tcp://localhost:4840/freeopcua/server/"
        #expect(
            Encoder.hello(endpointURL: endpoint)
                == Self.hex(
                    "48454c464a00000000000000000001000000010000000000000000002a0000006f70632e7463703a2f2f6c6f63616c686f73743a343834302f667265656f706375612f7365727665722f"
                ))
        #expect(Encoder.acknowledge() == Self.hex("41434b461c0000000000000000000100000001000000000000000000"))
        let policy =
            "2f000000687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c696379234e6f6e65ffffffffffffffff"
        #expect(
            Encoder.openSecureChannelRequest(
                .init(
                    channelID: 0, tokenID: 0, sequenceNumber: 1, requestID: 1, timestamp: 0x01d5_73e9_a8f1_7c64,
                    timeoutHint: 1000))
                == Self.hex(
                    "4f504e468400000000000000" + policy
                        + "01000000010000000100be010000647cf1a8e973d5010100000000000000ffffffffe80300000000000000000000000000010000000000000080ee3600"
                ))
        #expect(
            Encoder.openSecureChannelResponse(
                .init(channelID: 9, tokenID: 14, sequenceNumber: 1, requestID: 1, timestamp: 0x01d5_73e9_a8f1_947e),
                createdAt: 0x01d5_73e9_a8f1_941a)
                == Self.hex(
                    "4f504e468700000009000000" + policy
                        + "01000000010000000100c1017e94f1a8e973d5010100000000000000000000000000000000000000090000000e0000001a94f1a8e973d50180ee360000000000"
                ))
        #expect(
            Encoder.createSessionRequest(
                .init(
                    channelID: 9, tokenID: 14, sequenceNumber: 2, requestID: 2, timestamp: 0x01d5_73e9_a8f1_b238,
                    timeoutHint: 1000),
                client: .init(
                    applicationURI: "urn:freeopcua:client", productURI: "urn:freeopcua.github.io:client",
                    applicationName: "Pure Python Client", applicationType: 1),
                endpointURL: endpoint, sessionName: "Pure Python Client Session1",
                clientNonce: Self.hex("c544de7293e5170aaeadb0abec732f035e0b82fed67c1c4728b2a9b3953f0a88"))
                == Self.hex(
                    "4d5347461f010000090000000e00000002000000020000000100cd01000038b2f1a8e973d5010200000000000000ffffffffe80300000000001400000075726e3a667265656f706375613a636c69656e741e00000075726e3a667265656f706375612e6769746875622e696f3a636c69656e7402120000005075726520507974686f6e20436c69656e7401000000ffffffffffffffff00000000ffffffff2a0000006f70632e7463703a2f2f6c6f63616c686f73743a343834302f667265656f706375612f7365727665722f1b0000005075726520507974686f6e20436c69656e742053657373696f6e3120000000c544de7293e5170aaeadb0abec732f035e0b82fed67c1c4728b2a9b3953f0a88ffffffff0000000040774b4100000000"
                ))
        #expect(
            Encoder.activateSessionRequest(
                .init(
                    channelID: 9, tokenID: 14, sequenceNumber: 3, requestID: 3, timestamp: 0x01d5_73e9_a8f2_04e0,
                    authenticationToken: Self.token, timeoutHint: 1000),
                localeIDs: ["en"], signatureAlgorithm: "http://www.w3.org/2000/09/xmldsig#rsa-sha1")
                == Self.withFourByteToken(
                    Self.hex(
                        "4d5347469c000000090000000e00000003000000030000000100d301020000ec030000e004f2a8e973d5010300000000000000ffffffffe80300000000002a000000687474703a2f2f7777772e77332e6f72672f323030302f30392f786d6c64736967237273612d7368613100000000000000000100000002000000656e01004101010d00000009000000616e6f6e796d6f7573ffffffffffffffff"
                    )))
        #expect(
            Encoder.activateSessionResponse(
                .init(channelID: 9, tokenID: 14, sequenceNumber: 3, requestID: 3, timestamp: 0x01d5_73e9_a8f2_1886),
                serverNonce: Self.hex("448b41864440644ca4dba5d422e19e3242261b36ccc8e41600461782d19439e3"))
                == Self.hex(
                    "4d53474660000000090000000e00000003000000030000000100d6018618f2a8e973d5010300000000000000000000000000000020000000448b41864440644ca4dba5d422e19e3242261b36ccc8e41600461782d19439e30000000000000000"
                ))
        #expect(
            Encoder.browseRequest(
                .init(
                    channelID: 9, tokenID: 14, sequenceNumber: 4, requestID: 4, timestamp: 0x01d5_73e9_a8f2_2d76,
                    authenticationToken: Self.token, timeoutHint: 1000),
                nodes: [.standard(84)])
                == Self.withFourByteToken(
                    Self.hex(
                        "4d53474665000000090000000e000000040000000400000001000f02020000ec030000762df2a8e973d5010400000000000000ffffffffe803000000000000000000000000000000000000000000000001000000005400000000002101000000003f000000"
                    )))
        #expect(
            Encoder.closeSecureChannelRequest(
                .init(
                    channelID: 9, tokenID: 14, sequenceNumber: 8, requestID: 8, timestamp: 0x01d5_73e9_a8f2_f36e,
                    authenticationToken: Self.token, timeoutHint: 1000))
                == Self.withFourByteToken(
                    Self.hex(
                        "434c4f463e000000090000000e00000008000000080000000100c401020000ec0300006ef3f2a8e973d5010800000000000000ffffffffe8030000000000"
                    )))
    }

    func decode(_ messages: [(fromClient: Bool, bytes: [UInt8])]) -> [EventRecord] {
        let decoder = OPCUAStreamDecoder()
        let batch = EventBatch()
        for (index, message) in messages.enumerated() {
            var context = PacketContext()
            context.frame = UInt64(index + 1)
            context.fromClient = message.fromClient
            ByteView.with(message.bytes) { decoder.receive($0, context: context, events: batch) }
        }
        return batch.events.map { EventRecord($0, in: batch) }
    }

    @Test func roundTripThroughTheDecoder() {
        let events = decode(Self.session)
        #expect(events.count == Self.session.count)
        #expect(events.allSatisfy { $0.anomaly == nil })
        #expect(
            events.map(\.functionName) == [
                "Hello", "Acknowledge", "OpenSecureChannelRequest", "OpenSecureChannelResponse", "GetEndpointsRequest",
                "GetEndpointsResponse", "CreateSessionRequest", "CreateSessionResponse", "ActivateSessionRequest",
                "ActivateSessionResponse", "BrowseRequest", "ReadRequest", "ReadResponse", "WriteRequest",
                "WriteResponse", "CallRequest", "CallResponse", "CloseSessionRequest", "CloseSessionResponse",
                "CloseSecureChannelRequest",
            ])
        #expect(
            events.map { $0.function ?? -1 } == [
                -1, -1, 446, 449, 428, 431, 461, 464, 467, 470, 527, 631, 634, 673, 676, 712, 715, 473, 476, 452,
            ])
        #expect(events[0].targetText == Self.url)
        #expect(events[2].targetText == Encoder.securityPolicyNone + " mode=None")
        #expect(events[3].resultStatus == .ok)
        let serverIdentity = [
            "name": "Line 1 Historian", "product": "urn:vendor:opcua-server", "url": "urn:plant:historian",
        ]
        #expect(events[5].identity == serverIdentity)
        #expect(events[6].identity == ["name": "Operator HMI", "product": "urn:vendor:hmi", "url": "urn:plant:hmi"])
        #expect(events[7].identity == serverIdentity)
        #expect(events[8].targetText == "anonymous")
        #expect(events[10].targetText == "i=85")
        #expect(events[11].operation == "read")
        #expect(events[11].targetText == "ns=2;s=Line1.Temperature")
        #expect(events[11].targetNumbers[0] == 3)
        #expect(events[12].resultStatus == .ok)
        #expect(events[13].operation == "write")
        #expect(events[13].targetText == "ns=2;i=1001")
        #expect(events[15].operation == "control")
        #expect(events[15].targetText == "ns=2;i=5000 ns=2;i=5001")
        #expect(events[16].resultStatus == .ok)
    }

    @Test func tsharkDecodesTheSessionCleanly() throws {
        guard TSharkCheck.isAvailable else {
            print("skipped: /usr/bin/tshark is missing")
            return
        }
        var capture = TestCapture()
        var connection = TestTCPConnection(
            client: [10, 0, 0, 20], clientPort: 50_123, server: [10, 0, 0, 40], serverPort: Encoder.port)
        connection.open(in: &capture)
        for message in Self.session { connection.send(message.bytes, fromClient: message.fromClient, in: &capture) }
        let path = try TSharkCheck.write(capture, name: "opcua")
        defer { TSharkCheck.remove(path) }
        #expect(try TSharkCheck.problems(path) == [])
        let rows = try TSharkCheck.fields(
            path, ["opcua.transport.type", "opcua.servicenodeid.numeric", "opcua.Double", "opcua.String"],
            arguments: ["-Y", "opcua"])
        #expect(rows.count == Self.session.count)
        #expect(
            rows.map { $0[1] } == [
                "", "", "446", "449", "428", "431", "461", "464", "467", "470", "527", "631", "634", "673", "676",
                "712",
                "715", "473", "476", "452",
            ])
        #expect(rows[12][2] == "71.25")
    }
}
