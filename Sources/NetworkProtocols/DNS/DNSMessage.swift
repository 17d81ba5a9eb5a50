import BinaryParsing
import EventModel
import PacketLayers

/// Which member of the DNS family a flow carries: same message format, different ports and a few
/// different meanings (NBNS names are first-level encoded, its type 33 is NBSTAT, not SRV).
enum DNSFlavor: Sendable {
    case dns, mdns, llmnr, nbns

    var protocolID: ApplicationProtocol {
        switch self {
        case .dns: .dns
        case .mdns: .mdns
        case .llmnr: .llmnr
        case .nbns: .nbns
        }
    }

    /// Whether answers may describe the sender itself (link-local name services): then an A/AAAA/NB
    /// answer whose address is the packet's source names the sender.
    var describesSender: Bool { self != .dns }
}

/// Turns one DNS-format message (RFC 1035 §4.1) into one event.
enum DNSMessageDecoder {
    /// Questions plus records read per message; beyond it the rest is skipped (an anomaly).
    static let maximumRecords = 256
    /// Answers listed in the target text; the text itself is capped by `TextBuilder.capacity`.
    static let maximumAnswersInTarget = 8
    /// Name ↔ address facts per message (A/AAAA owners, PTR targets); further records are not bound.
    static let maximumBindings = 32

    static func decode(_ message: ByteView, flavor: DNSFlavor, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = flavor.protocolID
        guard message.count >= 12 else {
            event.anomaly = Anomaly(DNSAnomaly.truncated, "shorter than the DNS header", value: Int64(message.count))
            events.emit(event, context: context)
            return
        }
        let flags = message.uncheckedUInt16(at: 2)
        let questionCount = Int(message.uncheckedUInt16(at: 4))
        let recordCount =
            Int(message.uncheckedUInt16(at: 6)) + Int(message.uncheckedUInt16(at: 8))
            + Int(message.uncheckedUInt16(at: 10))
        let answerCount = Int(message.uncheckedUInt16(at: 6))
        let isResponse = flags & 0x8000 != 0
        let opcode = Int(flags >> 11 & 0xF)
        let rcode = Int(flags & 0xF)

        if flavor == .nbns {
            event.function = Int64(opcode)
            event.functionName = NBNSNames.opcodeName(opcode)
            event.operation = opcode == 0 ? .discovery : .other
        } else {
            event.operation = opcode == 5 ? .write : (opcode == 4 ? .other : .discovery)
        }
        let toGroup = context.destination.isMulticast || context.destination.isBroadcast
        if isResponse {
            event.direction = questionCount == 0 && toGroup ? .unsolicited : .response
            event.result =
                rcode == 0 ? .ok : .error(Int64(rcode), flavor == .nbns ? NBNSNames.rcodeName(rcode) : rcodeName(rcode))
        } else {
            event.direction = toGroup ? .broadcast : .request
        }

        let collecting = events.isCollecting
        var target = TextBuilder()
        var scratch = TextBuilder()
        var offset = 12
        var anomaly: Anomaly?
        var firstType = -1
        if questionCount + recordCount > maximumRecords {
            anomaly = Anomaly(
                DNSAnomaly.tooManyRecords, "more records than decoded", value: Int64(questionCount + recordCount))
        }
        // Questions (§4.1.2): name, type, class.
        for index in 0..<min(questionCount, maximumRecords) {
            let nameStart = offset
            let outcome =
                index == 0 && flavor != .nbns
                ? DNSName.read(message, at: offset, into: &target, collect: collecting)
                : DNSName.read(message, at: offset, into: &scratch, collect: false)
            guard case .name(let end) = outcome else {
                if case .malformed(let problem) = outcome { anomaly = problem }
                break
            }
            guard let type = message.getUInt16(at: end), message.contains(offset: end, length: 4) else {
                anomaly = Anomaly(DNSAnomaly.recordOverrun, "question past the end")
                break
            }
            if index == 0 {
                firstType = Int(type)
                if flavor == .nbns, collecting { NBNSNames.appendName(message, at: nameStart, to: &target) }
            }
            offset = end + 4
        }

        // Resource records (§4.1.3): answers, authority, additional.
        event.identityStart = events.nextFactIndex
        var namedSender = false
        var listed = 0
        var bindings = 0
        var netbiosFacts = NBNSNames.FactState()
        if anomaly == nil || anomaly?.kind == DNSAnomaly.tooManyRecords {
            for index in 0..<min(recordCount, maximumRecords - min(questionCount, maximumRecords)) {
                var owner = TextBuilder()
                let ownerStart = offset
                let wantOwner = collecting && (index < answerCount || isResponse)
                let outcome = DNSName.read(message, at: offset, into: &owner, collect: wantOwner)
                guard case .name(let end) = outcome else {
                    if case .malformed(let problem) = outcome { anomaly = problem }
                    break
                }
                guard let type = message.getUInt16(at: end), let length = message.getUInt16(at: end + 8),
                    let data = message.slice(from: end + 10, count: Int(length))
                else {
                    anomaly = Anomaly(DNSAnomaly.recordOverrun, "record past the end")
                    break
                }
                let dataOffset = end + 10
                offset = dataOffset + Int(length)
                if firstType < 0 { firstType = Int(type) }
                guard collecting else { continue }
                let inAnswers = index < answerCount
                if flavor == .nbns {
                    // A response without a question names its subject in the answer's owner.
                    if index == 0, questionCount == 0 { NBNSNames.appendName(message, at: ownerStart, to: &target) }
                    NBNSNames.addFacts(
                        message, type: Int(type), ownerAt: ownerStart, data: data, opcode: opcode,
                        isResponse: isResponse, rcode: rcode, source: context.source, state: &netbiosFacts,
                        events: events)
                    continue
                }
                switch type {
                case 1, 28:
                    let address =
                        type == 1 ? (data.count == 4 ? address4(data) : nil) : (data.count == 16 ? address6(data) : nil)
                    guard let address else { break }
                    if inAnswers, listed < maximumAnswersInTarget {
                        appendPair(&target, owner: owner, listed: &listed)
                        if type == 1 { target.appendIPv4(address.ipv4Value) } else { target.appendIPv6(data) }
                    }
                    // Every address record of a response (any section: mDNS puts them in the additional
                    // one) binds its owner name to the address. A link-local responder answering with its
                    // own address names itself: that one fact is about the sender.
                    guard isResponse, !owner.isEmpty else { break }
                    if flavor.describesSender, !namedSender, address == context.source {
                        events.addFact(.name, owner.text(in: events))
                        namedSender = true
                    } else if bindings < maximumBindings {
                        events.addFact(.name, owner.text(in: events), about: .address(address))
                        bindings += 1
                    }
                case 5, 12:
                    if inAnswers, listed < maximumAnswersInTarget {
                        appendPair(&target, owner: owner, listed: &listed)
                        _ = DNSName.read(message, at: dataOffset, into: &target)
                    }
                    // A reverse-mapping answer (RFC 1035 §3.5, RFC 3596 §2.5) names the address its owner
                    // encodes.
                    guard type == 12, isResponse, bindings < maximumBindings,
                        let address = ReverseName.address(owner)
                    else { break }
                    var pointed = TextBuilder()
                    guard case .name = DNSName.read(message, at: dataOffset, into: &pointed), !pointed.isEmpty else {
                        break
                    }
                    events.addFact(.name, pointed.text(in: events), about: .address(address))
                    bindings += 1
                default:
                    break
                }
            }
        }
        event.identityCount = events.nextFactIndex - event.identityStart
        if flavor != .nbns, firstType >= 0 {
            event.function = Int64(firstType)
            event.functionName = typeName(firstType)
        }
        event.anomaly = anomaly
        if collecting, !target.isEmpty {
            event.target.kind = .text
            event.target.text = target.text(in: events)
        }
        events.emit(event, context: context)
    }

    /// " owner=" after the question name, ", owner=" between answers.
    private static func appendPair(_ target: inout TextBuilder, owner: TextBuilder, listed: inout Int) {
        if listed > 0 {
            target.append(", ")
        } else if !target.isEmpty {
            target.appendByte(UInt8(ascii: " "))
        }
        target.append(owner)
        target.appendByte(UInt8(ascii: "="))
        listed += 1
    }

    static func address4(_ data: ByteView) -> IPAddress { IPAddress(ipv4: data.uncheckedUInt32(at: 0)) }

    static func address6(_ data: ByteView) -> IPAddress {
        IPAddress(high: data.uncheckedUInt64(at: 0), low: data.uncheckedUInt64(at: 8))
    }

    /// RFC 1035 §4.1.1, RFC 2136 §2.2.
    static func rcodeName(_ rcode: Int) -> StaticString {
        switch rcode {
        case 1: "FormErr"
        case 2: "ServFail"
        case 3: "NXDomain"
        case 4: "NotImp"
        case 5: "Refused"
        case 6: "YXDomain"
        case 7: "YXRRSet"
        case 8: "NXRRSet"
        case 9: "NotAuth"
        case 10: "NotZone"
        default: "Unknown"
        }
    }

    /// Resource record types (IANA DNS parameters), as tshark names them.
    static func typeName(_ type: Int) -> StaticString {
        switch type {
        case 1: "A"
        case 2: "NS"
        case 5: "CNAME"
        case 6: "SOA"
        case 12: "PTR"
        case 13: "HINFO"
        case 15: "MX"
        case 16: "TXT"
        case 28: "AAAA"
        case 33: "SRV"
        case 35: "NAPTR"
        case 41: "OPT"
        case 43: "DS"
        case 46: "RRSIG"
        case 47: "NSEC"
        case 48: "DNSKEY"
        case 64: "SVCB"
        case 65: "HTTPS"
        case 250: "TSIG"
        case 251: "IXFR"
        case 252: "AXFR"
        case 255: "ANY"
        default: "Unknown"
        }
    }
}

extension TextBuilder {
    mutating func append(_ other: TextBuilder) {
        other.withBytes { bytes in
            for index in 0..<bytes.count { appendByte(bytes[index]) }
        }
    }
}
