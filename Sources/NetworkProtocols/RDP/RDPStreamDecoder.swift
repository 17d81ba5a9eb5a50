import BinaryParsing
import EventModel
import PacketLayers

/// The RDP connection sequence up to the point where the flow becomes encrypted (MS-RDPBCGR 1.3.1.1),
/// then nothing more: the rest is TLS, CredSSP or RC4-encrypted RDP.
///
/// Events (`operation` session):
/// - X.224 Connection Request (`function` 224 = the TPDU code 0xE0, "Connection Request", request):
///   target text `requested TLS, CredSSP` (RDP_NEG_REQ requestedProtocols; `requested standard RDP`
///   without negotiation or with 0), fact `account` = the `Cookie: mstshash=` user name (the login name
///   the client typed, often cut to 9 characters by old clients), about the client.
/// - X.224 Connection Confirm (`function` 208 = 0xD0, "Connection Confirm", response): target text
///   `selected CredSSP` (RDP_NEG_RSP), result ok; an RDP_NEG_FAILURE is an error result with its
///   failure code and name (`HYBRID_REQUIRED_BY_SERVER` …).
/// - The first client bytes after the request: "TLS Handshake" when they are a TLS record (TLS, CredSSP,
///   RDSTLS: encrypted from here on), "Standard RDP Security" when they are the next TPKT (the MCS
///   connect sequence; RDP's own RC4 encryption follows). `function` none.
///
/// Anomalies (`rdp.*`): `bad_tpkt` (version not 3, or a length below 7 or above `maximumPDU`),
/// `bad_x224` (not a Connection Request / Confirm where one is due, or a length indicator that disagrees
/// with the TPKT length), `bad_negotiation` (a negotiation structure of the wrong type or length),
/// `truncated` (the flow ended inside a PDU).
public final class RDPStreamDecoder: StreamDecoder {
    public static let anomalyBadTPKT = AnomalyKind("rdp.bad_tpkt")
    public static let anomalyBadX224 = AnomalyKind("rdp.bad_x224")
    public static let anomalyBadNegotiation = AnomalyKind("rdp.bad_negotiation")
    public static let anomalyTruncated = AnomalyKind("rdp.truncated")

    /// Connection Request/Confirm PDUs are small (cookie, negotiation, 36-byte correlation info); a
    /// larger TPKT here is not the connection sequence.
    static let maximumPDU = 1024
    /// The cookie user name is cut here.
    static let maximumCookie = 128

    private enum ClientPhase { case request, afterRequest, done }
    private enum ServerPhase { case confirm, done }

    private var clientPhase = ClientPhase.request
    private var serverPhase = ServerPhase.confirm
    /// Bytes of an incomplete TPKT per direction (client 0, server 1), at most `maximumPDU`.
    private var pending: [[UInt8]] = [[], []]

    public init() {}

    public func startsMessage(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 6, bytes[0] == 3, bytes[1] == 0, let length = bytes.getUInt16(at: 2) else { return false }
        return length >= 7 && Int(bytes[4]) == Int(length) - 5
    }

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let side = context.fromClient ? 0 : 1
        if context.fromClient {
            switch clientPhase {
            case .done: return
            case .afterRequest:
                encryptionStarts(bytes, context: context, events: events)
                return
            case .request: break
            }
        } else if serverPhase == .done {
            return
        }
        var rest = bytes
        while rest.count > 0 {
            if pending[side].isEmpty, let length = tpktLength(rest, side: side, context: context, events: events),
                let pdu = rest.slice(from: 0, count: length)
            {
                // The whole PDU is in this segment: no copy.
                rest = rest.dropFirst(length)
                handle(pdu, side: side, context: context, events: events)
            } else if isDone(side) {
                return
            } else {
                // Take what completes the TPKT header, then the PDU.
                let have = pending[side].count
                let needed: Int
                if have < 4 {
                    needed = 4 - have
                } else {
                    needed = Int(UInt16(pending[side][2]) << 8 | UInt16(pending[side][3])) - have
                }
                let take = min(max(needed, 0), rest.count)
                rest.prefix(take).withUnsafeBytes { pending[side].append(contentsOf: $0) }
                rest = rest.dropFirst(take)
                guard pending[side].count >= 4 else { return }
                let complete: Bool = ByteView.with(pending[side]) { view in
                    guard let length = tpktLength(view, side: side, context: context, events: events) else {
                        return false
                    }
                    guard view.count >= length else { return false }
                    handle(view.prefix(length), side: side, context: context, events: events)
                    return true
                }
                if complete || isDone(side) { pending[side].removeAll(keepingCapacity: false) }
            }
            if isDone(side) { return }
            if side == 0, clientPhase == .afterRequest {
                if rest.count > 0 { encryptionStarts(rest, context: context, events: events) }
                return
            }
        }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        // The connection sequence is only worth reading from its start.
        pending = [[], []]
        clientPhase = .done
        serverPhase = .done
    }

    public func finish(events: EventBatch) {
        if !pending[0].isEmpty || !pending[1].isEmpty { events.recordAnomaly(Self.anomalyTruncated) }
        pending = [[], []]
    }

    private func isDone(_ side: Int) -> Bool { side == 0 ? clientPhase != .request : serverPhase == .done }

    private func stop(_ side: Int) {
        if side == 0 { clientPhase = .done } else { serverPhase = .done }
        pending[side].removeAll(keepingCapacity: false)
    }

    /// The TPKT length when the header (RFC 1006 §6: version 3, reserved, length) is there and sane;
    /// nil when more bytes are needed or the header is bad (then the direction stops, counted).
    private func tpktLength(_ view: ByteView, side: Int, context: PacketContext, events: EventBatch) -> Int? {
        guard let version = view.getUInt8(at: 0), let length = view.getUInt16(at: 2) else { return nil }
        guard version == 3, length >= 7, Int(length) <= Self.maximumPDU else {
            var event = baseEvent(side: side)
            event.anomaly = Anomaly(Self.anomalyBadTPKT, "not a TPKT of the connection sequence", value: Int64(length))
            events.emit(event, context: context)
            stop(side)
            return nil
        }
        return Int(length)
    }

    private func baseEvent(side: Int) -> ProtocolEvent {
        var event = ProtocolEvent()
        event.protocolID = .rdp
        event.operation = .session
        event.direction = side == 0 ? .request : .response
        return event
    }

    /// One complete TPKT (header included).
    private func handle(_ pdu: ByteView, side: Int, context: PacketContext, events: EventBatch) {
        var event = baseEvent(side: side)
        // X.224 header: length indicator, code, DST-REF(2), SRC-REF(2), class option (ITU-T X.224 §13.3).
        let indicator = Int(pdu.getUInt8(at: 4) ?? 0)
        let code = (pdu.getUInt8(at: 5) ?? 0) & 0xF0
        let expected = side == 0 ? X224.connectionRequest : X224.connectionConfirm
        guard code == expected, pdu.count >= 11 else {
            event.function = Int64(code)
            event.anomaly = Anomaly(
                Self.anomalyBadX224, "not the expected Connection Request/Confirm", value: Int64(code))
            events.emit(event, context: context)
            stop(side)
            return
        }
        if indicator != pdu.count - 5 {
            event.anomaly = Anomaly(Self.anomalyBadX224, "length indicator ≠ TPKT length", value: Int64(indicator))
        }
        event.function = Int64(code)
        let userData = pdu.dropFirst(11)
        if side == 0 {
            event.functionName = "Connection Request"
            connectionRequest(userData, event: &event, events: events)
            clientPhase = .afterRequest
        } else {
            event.functionName = "Connection Confirm"
            connectionConfirm(userData, event: &event, events: events)
            serverPhase = .done
        }
        events.emit(event, context: context)
    }

    /// MS-RDPBCGR 2.2.1.1: routingToken or cookie (each up to CR LF), then RDP_NEG_REQ, then
    /// rdpCorrelationInfo.
    private func connectionRequest(_ userData: ByteView, event: inout ProtocolEvent, events: EventBatch) {
        var rest = userData
        let start = events.nextFactIndex
        if rest.hasPrefix("Cookie: ") {
            guard let lineEnd = rest.firstIndex(of: 0x0A), lineEnd >= 1, rest[lineEnd - 1] == 0x0D else {
                flagNegotiation(&event, "cookie without CR LF")
                return
            }
            if rest.hasPrefix("Cookie: mstshash=") {
                let name = rest.slice(from: 17, count: lineEnd - 1 - 17) ?? .empty
                var text = TextBuilder()
                text.appendText(name.prefix(Self.maximumCookie))
                events.addFact(.account, text.text(in: events))
            }
            rest = rest.dropFirst(lineEnd + 1)
        }
        event.identityStart = start
        event.identityCount = events.nextFactIndex - start
        var requested: UInt32 = 0
        if !rest.isEmpty {
            guard rest[0] == Negotiation.request, let length = rest.getUInt16(at: 2, bigEndian: false), length == 8,
                let flags = rest.getUInt32(at: 4, bigEndian: false)
            else {
                flagNegotiation(&event, "RDP_NEG_REQ")
                return
            }
            requested = flags
        }
        guard events.isCollecting else { return }
        var text = TextBuilder()
        text.append("requested ")
        appendProtocols(requested, to: &text)
        event.target.kind = .text
        event.target.text = text.text(in: events)
    }

    /// MS-RDPBCGR 2.2.1.2: RDP_NEG_RSP or RDP_NEG_FAILURE, or nothing (a server that does not negotiate:
    /// standard RDP security).
    private func connectionConfirm(_ userData: ByteView, event: inout ProtocolEvent, events: EventBatch) {
        event.result = .ok
        var selected: UInt32 = 0
        if !userData.isEmpty {
            guard userData[0] == Negotiation.response || userData[0] == Negotiation.failure,
                let length = userData.getUInt16(at: 2, bigEndian: false), length == 8,
                let value = userData.getUInt32(at: 4, bigEndian: false)
            else {
                flagNegotiation(&event, "RDP_NEG_RSP / RDP_NEG_FAILURE")
                return
            }
            if userData[0] == Negotiation.failure {
                event.result = .error(Int64(value), Negotiation.failureName(value))
                return
            }
            selected = value
        }
        guard events.isCollecting else { return }
        var text = TextBuilder()
        text.append("selected ")
        appendProtocols(selected, to: &text)
        event.target.kind = .text
        event.target.text = text.text(in: events)
    }

    private func flagNegotiation(_ event: inout ProtocolEvent, _ detail: StaticString) {
        if event.anomaly == nil { event.anomaly = Anomaly(Self.anomalyBadNegotiation, detail) }
    }

    private func appendProtocols(_ flags: UInt32, to text: inout TextBuilder) {
        guard flags != 0 else {
            text.append("standard RDP")
            return
        }
        var first = true
        for bit in 0..<32 where flags & (1 << UInt32(bit)) != 0 {
            if !first { text.append(", ") }
            first = false
            if bit < Negotiation.protocolNames.count {
                text.append(Negotiation.protocolNames[bit])
            } else {
                text.append("0x")
                text.appendHexByte(UInt8(truncatingIfNeeded: (1 << UInt32(bit)) >> 24))
                text.appendHexByte(UInt8(truncatingIfNeeded: (1 << UInt32(bit)) >> 16))
                text.appendHexByte(UInt8(truncatingIfNeeded: (1 << UInt32(bit)) >> 8))
                text.appendHexByte(UInt8(truncatingIfNeeded: 1 << UInt32(bit)))
            }
        }
    }

    /// The client's first bytes after its Connection Request: a TLS record (content type 22, version
    /// 3.x) or the next TPKT; then the decoder stops for good.
    private func encryptionStarts(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        guard let first = bytes.getUInt8(at: 0) else { return }
        clientPhase = .done
        var event = baseEvent(side: 0)
        if first == 0x16 {
            event.functionName = "TLS Handshake"
        } else if first == 0x03 {
            event.functionName = "Standard RDP Security"
        } else {
            return
        }
        events.emit(event, context: context)
    }
}
