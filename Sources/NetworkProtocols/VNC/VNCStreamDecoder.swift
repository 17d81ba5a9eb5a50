import BinaryParsing
import EventModel
import PacketLayers

/// The RFB handshake (RFC 6143 §7.1–§7.3) up to ServerInit, then nothing more (the rest is framebuffer
/// traffic).
///
/// Events (`operation` session, `function` none; client messages `request`, server messages
/// `response`):
/// - "ProtocolVersion" both ways: fact `software` = "RFB 003.008" about the sender.
/// - "Security Types" (server, 3.7 and later): target `offered None, VNC Authentication`; an empty list
///   is an error result with the server's reason as target text. 3.3 servers decide alone: target
///   `server chose …`. A server that offers (or chooses) None (type 1) lets anyone in: anomaly
///   `vnc.no_authentication`.
/// - "Security Type Selected" (client, 3.7 and later): target `chose VNC Authentication`.
/// - "SecurityResult" (server): result ok, or error 1 "failed" with the reason (3.8) as target text.
/// - "ServerInit" (server): target text and fact `name` = the desktop name, about the server.
///
/// VNC Authentication's challenge and response (16 bytes each) are skipped; after any other security
/// type (Tight, VeNCrypt, TLS, Apple …) the sub-protocol is not followed and the decoder stops.
///
/// Anomalies (`vnc.*`): `no_authentication`, `bad_version` (not "RFB xxx.yyy\n"), `oversized` (a
/// reason or desktop name longer than `maximumText`, or more than `maximumBuffered` bytes pending),
/// `truncated` (the flow ended inside a message).
public final class VNCStreamDecoder: StreamDecoder {
    public static let anomalyNoAuthentication = AnomalyKind("vnc.no_authentication")
    public static let anomalyBadVersion = AnomalyKind("vnc.bad_version")
    public static let anomalyOversized = AnomalyKind("vnc.oversized")
    public static let anomalyTruncated = AnomalyKind("vnc.truncated")

    /// Reason strings and desktop names longer than this stop the decoder (an anomaly).
    static let maximumText = 4096
    /// Bytes held per direction while a message is incomplete.
    static let maximumBuffered = maximumText + 64

    /// RFC 6143 §7.1.2 and the IANA RFB security types registry.
    static func securityTypeName(_ type: UInt32) -> StaticString {
        switch type {
        case 0: "Invalid"
        case 1: "None"
        case 2: "VNC Authentication"
        case 5: "RA2"
        case 6: "RA2ne"
        case 16: "Tight"
        case 17: "Ultra"
        case 18: "TLS"
        case 19: "VeNCrypt"
        case 20: "SASL"
        case 21: "MD5 hash"
        case 22: "xvp"
        case 30: "Apple Remote Desktop"
        default: ""
        }
    }

    private enum ServerStep { case version, security, awaitingChoice, challenge, securityResult, serverInit, done }
    private enum ClientStep { case version, choice, response, clientInit, done }

    private var serverStep = ServerStep.version
    private var clientStep = ClientStep.version
    /// Minor version agreed: 3, 7 or 8 (RFC 6143 §7.1.1: 3.889 and 4.x behave as 3.8).
    private var serverMinor = 8
    private var clientMinor: Int?
    /// The security type in use: chosen by the client (3.7+) or by the server (3.3).
    private var securityType: UInt32?
    private var pending: [[UInt8]] = [[], []]

    public init() {}

    public func startsMessage(_ bytes: ByteView) -> Bool { false }

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let side = context.fromClient ? 0 : 1
        guard !isDone(side) else { return }
        if !pending[side].isEmpty {
            guard pending[side].count + bytes.count <= Self.maximumBuffered else {
                events.recordAnomaly(Self.anomalyOversized)
                stop(side)
                return
            }
            bytes.withUnsafeBytes { pending[side].append(contentsOf: $0) }
            let buffered = pending[side]
            pending[side].removeAll(keepingCapacity: true)
            ByteView.with(buffered) { consume($0, side: side, context: context, events: events) }
            return
        }
        consume(bytes, side: side, context: context, events: events)
    }

    /// Parses as many messages of one direction as `bytes` holds and keeps the rest.
    private func consume(_ bytes: ByteView, side: Int, context: PacketContext, events: EventBatch) {
        var rest = bytes
        while !isDone(side), rest.count > 0 {
            let used =
                side == 0
                ? clientMessage(rest, context: context, events: events)
                : serverMessage(rest, context: context, events: events)
            guard let used else { break }
            rest = rest.dropFirst(used)
        }
        guard !isDone(side), rest.count > 0 else { return }
        guard rest.count <= Self.maximumBuffered else {
            events.recordAnomaly(Self.anomalyOversized)
            stop(side)
            return
        }
        rest.withUnsafeBytes { pending[side].append(contentsOf: $0) }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        pending = [[], []]
        serverStep = .done
        clientStep = .done
    }

    public func finish(events: EventBatch) {
        if !pending[0].isEmpty || !pending[1].isEmpty { events.recordAnomaly(Self.anomalyTruncated) }
        pending = [[], []]
    }

    private func isDone(_ side: Int) -> Bool { side == 0 ? clientStep == .done : serverStep == .done }

    private func stop(_ side: Int) {
        if side == 0 { clientStep = .done } else { serverStep = .done }
        pending[side] = []
    }

    private var minor: Int { min(clientMinor ?? serverMinor, serverMinor) }

    private func event(_ name: StaticString, side: Int) -> ProtocolEvent {
        var event = ProtocolEvent()
        event.protocolID = .vnc
        event.functionName = name
        event.operation = .session
        event.direction = side == 0 ? .request : .response
        return event
    }

    /// §7.1.1 ProtocolVersion: 12 bytes; the minor version as the handshake uses it.
    private func version(_ bytes: ByteView, side: Int, context: PacketContext, events: EventBatch) -> Int? {
        guard bytes.count >= 12 else { return nil }
        var message = event("ProtocolVersion", side: side)
        guard VNCProtocol.probe(bytes, true) == .match else {
            message.anomaly = Anomaly(Self.anomalyBadVersion, "not RFB xxx.yyy")
            events.emit(message, context: context)
            stop(side)
            return nil
        }
        let start = events.nextFactIndex
        events.addFact(.software, events.text(bytes.prefix(11)))
        message.identityStart = start
        message.identityCount = events.nextFactIndex - start
        events.emit(message, context: context)
        let major = Int(bytes[4] - 0x30) * 100 + Int(bytes[5] - 0x30) * 10 + Int(bytes[6] - 0x30)
        let minor = Int(bytes[8] - 0x30) * 100 + Int(bytes[9] - 0x30) * 10 + Int(bytes[10] - 0x30)
        return major > 3 || minor >= 8 ? 8 : (minor == 7 ? 7 : 3)
    }

    private func clientMessage(_ bytes: ByteView, context: PacketContext, events: EventBatch) -> Int? {
        switch clientStep {
        case .version:
            guard let agreed = version(bytes, side: 0, context: context, events: events) else { return nil }
            clientMinor = agreed
            clientStep = agreed >= 7 ? .choice : .response
            if agreed < 7 { advanceClientAfterSecurity() }
            return 12
        case .choice:
            // §7.1.2: the client's choice, one byte.
            let chosen = UInt32(bytes[0])
            securityType = chosen
            var message = event("Security Type Selected", side: 0)
            if events.isCollecting {
                var text = TextBuilder()
                text.append("chose ")
                appendSecurityType(chosen, to: &text)
                message.target.kind = .text
                message.target.text = text.text(in: events)
            }
            events.emit(message, context: context)
            advanceClientAfterSecurity()
            if serverStep == .awaitingChoice { serverStepAfterChoice(chosen) }
            return 1
        case .response:
            // §7.2.2: the 16-byte DES response to the challenge.
            guard bytes.count >= 16 else { return nil }
            clientStep = .clientInit
            return 16
        case .clientInit:
            // §7.3.1: shared-flag; the client's part of the handshake ends here.
            clientStep = .done
            pending[0] = []
            return 1
        case .done:
            return nil
        }
    }

    /// After the security type is known: VNC Authentication has a response, None goes to ClientInit,
    /// anything else is a sub-protocol not followed. A 3.3 client waits for the server's choice.
    private func advanceClientAfterSecurity() {
        guard let type = securityType else {
            clientStep = .response  // 3.3: decided when the server says
            return
        }
        switch type {
        case 1: clientStep = .clientInit
        case 2: clientStep = .response
        default: clientStep = .done
        }
    }

    private func serverMessage(_ bytes: ByteView, context: PacketContext, events: EventBatch) -> Int? {
        switch serverStep {
        case .version:
            guard let agreed = version(bytes, side: 1, context: context, events: events) else { return nil }
            serverMinor = agreed
            serverStep = .security
            return 12
        case .security:
            return minor >= 7
                ? securityTypes(bytes, context: context, events: events)
                : serverChosenType(bytes, context: context, events: events)
        case .awaitingChoice:
            guard let chosen = securityType else { return nil }
            serverStepAfterChoice(chosen)
            return 0
        case .challenge:
            guard bytes.count >= 16 else { return nil }
            serverStep = .securityResult
            return 16
        case .securityResult:
            return securityResult(bytes, context: context, events: events)
        case .serverInit:
            return serverInit(bytes, context: context, events: events)
        case .done:
            return nil
        }
    }

    /// §7.1.2 (3.7+): number-of-security-types, types; zero types: reason-length(4), reason.
    private func securityTypes(_ bytes: ByteView, context: PacketContext, events: EventBatch) -> Int? {
        let count = Int(bytes[0])
        if count == 0 {
            return failure(bytes.dropFirst(1), header: 1, name: "Security Types", context: context, events: events)
        }
        guard bytes.count >= 1 + count else { return nil }
        var message = event("Security Types", side: 1)
        var text = TextBuilder()
        text.append("offered ")
        var offersNone = false
        for index in 0..<count {
            let type = UInt32(bytes[1 + index])
            if type == 1 { offersNone = true }
            if index > 0 { text.append(", ") }
            appendSecurityType(type, to: &text)
        }
        if offersNone { message.anomaly = Anomaly(Self.anomalyNoAuthentication, "security type None offered") }
        if events.isCollecting {
            message.target.kind = .text
            message.target.text = text.text(in: events)
        }
        events.emit(message, context: context)
        // What follows depends on the client's choice, which comes before the server's next bytes.
        serverStep = .awaitingChoice
        return 1 + count
    }

    private func serverStepAfterChoice(_ type: UInt32) {
        switch type {
        case 1: serverStep = minor >= 8 ? .securityResult : .serverInit
        case 2: serverStep = .challenge
        default: serverStep = .done
        }
    }

    /// §7.1.2 (3.3): the server decides, a 4-byte type; 0 is a failure with a reason.
    private func serverChosenType(_ bytes: ByteView, context: PacketContext, events: EventBatch) -> Int? {
        guard let type = bytes.getUInt32(at: 0) else { return nil }
        if type == 0 {
            return failure(bytes.dropFirst(4), header: 4, name: "Security Types", context: context, events: events)
        }
        var message = event("Security Types", side: 1)
        if type == 1 { message.anomaly = Anomaly(Self.anomalyNoAuthentication, "security type None chosen") }
        if events.isCollecting {
            var text = TextBuilder()
            text.append("server chose ")
            appendSecurityType(type, to: &text)
            message.target.kind = .text
            message.target.text = text.text(in: events)
        }
        events.emit(message, context: context)
        securityType = type
        serverStepAfterChoice(type)
        if clientStep == .response { advanceClientAfterSecurity() }
        return 4
    }

    /// §7.1.3 SecurityResult: 0 OK, 1 failed (3.8: then reason-length, reason).
    private func securityResult(_ bytes: ByteView, context: PacketContext, events: EventBatch) -> Int? {
        guard let status = bytes.getUInt32(at: 0) else { return nil }
        if status != 0 {
            if minor >= 8 {
                return failure(bytes.dropFirst(4), header: 4, name: "SecurityResult", context: context, events: events)
            }
            var message = event("SecurityResult", side: 1)
            message.result = .error(Int64(status), "failed")
            events.emit(message, context: context)
            serverStep = .done
            return 4
        }
        var message = event("SecurityResult", side: 1)
        message.result = .ok
        events.emit(message, context: context)
        serverStep = .serverInit
        return 4
    }

    /// A failure: reason-length(4) + reason, reported as an error with the reason as target text.
    private func failure(
        _ bytes: ByteView, header: Int, name: StaticString, context: PacketContext, events: EventBatch
    ) -> Int? {
        guard let length = bytes.getUInt32(at: 0) else { return nil }
        guard length <= UInt32(Self.maximumText) else {
            var message = event(name, side: 1)
            message.result = .error(1, "failed")
            message.anomaly = Anomaly(Self.anomalyOversized, "reason string", value: Int64(length))
            events.emit(message, context: context)
            stop(1)
            return nil
        }
        guard let reason = bytes.slice(from: 4, count: Int(length)) else { return nil }
        var message = event(name, side: 1)
        message.result = .error(1, "failed")
        if events.isCollecting, !reason.isEmpty {
            var text = TextBuilder()
            text.appendText(reason)
            message.target.kind = .text
            message.target.text = text.text(in: events)
        }
        events.emit(message, context: context)
        serverStep = .done
        return header + 4 + Int(length)
    }

    /// §7.3.2 ServerInit: width(2), height(2), pixel format(16), name-length(4), name.
    private func serverInit(_ bytes: ByteView, context: PacketContext, events: EventBatch) -> Int? {
        guard let length = bytes.getUInt32(at: 20) else { return nil }
        var message = event("ServerInit", side: 1)
        guard length <= UInt32(Self.maximumText) else {
            message.anomaly = Anomaly(Self.anomalyOversized, "desktop name", value: Int64(length))
            events.emit(message, context: context)
            stop(1)
            return nil
        }
        guard let name = bytes.slice(from: 24, count: Int(length)) else { return nil }
        message.result = .ok
        let start = events.nextFactIndex
        if events.isCollecting, !name.isEmpty {
            var text = TextBuilder()
            text.appendText(name)
            message.target.kind = .text
            message.target.text = text.text(in: events)
            events.addFact(.name, message.target.text)
        }
        message.identityStart = start
        message.identityCount = events.nextFactIndex - start
        events.emit(message, context: context)
        serverStep = .done
        return 24 + Int(length)
    }

    private func appendSecurityType(_ type: UInt32, to text: inout TextBuilder) {
        let name = Self.securityTypeName(type)
        if name.utf8CodeUnitCount > 0 {
            text.append(name)
        } else {
            text.append("type ")
            text.append(Int(type))
        }
    }
}
