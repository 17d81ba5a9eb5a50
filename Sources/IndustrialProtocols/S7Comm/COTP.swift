import BinaryParsing

/// COTP TPDU codes (ISO 8073 / X.224 §13.1, table 8): the high nibble of the second byte; for
/// CR/CC/DR/DC/DT the low nibble holds credit or is zero.
struct COTPType: RawRepresentable, Hashable, Sendable {
    let rawValue: UInt8

    static let connectionRequest = COTPType(rawValue: 0xE0)
    static let connectionConfirm = COTPType(rawValue: 0xD0)
    static let disconnectRequest = COTPType(rawValue: 0x80)
    static let disconnectConfirm = COTPType(rawValue: 0xC0)
    static let data = COTPType(rawValue: 0xF0)
    static let expeditedData = COTPType(rawValue: 0x10)
    static let dataAcknowledgement = COTPType(rawValue: 0x60)
    static let expeditedAcknowledgement = COTPType(rawValue: 0x20)
    static let reject = COTPType(rawValue: 0x50)
    static let error = COTPType(rawValue: 0x70)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// From the TPDU code byte (credit in the low nibble dropped).
    init(code: UInt8) { self.rawValue = code & 0xF0 }

    static func isKnown(_ code: UInt8) -> Bool {
        switch code & 0xF0 {
        case 0xE0, 0xD0, 0xF0, 0x80, 0xC0, 0x70, 0x60, 0x50, 0x20, 0x10: true
        default: false
        }
    }

    /// Names as Wireshark's packet-cotp.c `cotp_tpdu_type_abbrev_vals` spells them out.
    var name: StaticString {
        switch rawValue {
        case 0xE0: "Connection Request"
        case 0xD0: "Connection Confirm"
        case 0x80: "Disconnect Request"
        case 0xC0: "Disconnect Confirm"
        case 0xF0: "Data"
        case 0x10: "Expedited Data"
        case 0x60: "Data Acknowledgement"
        case 0x20: "Expedited Data Acknowledgement"
        case 0x50: "Reject"
        case 0x70: "TPDU Error"
        default: ""
        }
    }
}

/// A transport selector from a CR/CC variable part (ISO 8073 §13.3.4 a, parameter codes 0xC1
/// calling / 0xC2 called). S7 uses two bytes: connection type (1 PG, 2 OP, 3 S7 basic …) and
/// rack << 5 | slot; S7-1200/1500 may use ASCII TSAPs ("SIMATIC-ROOT-HMI").
struct TransportSelector {
    var bytes: ByteView

    var connectionType: UInt8? { bytes.count == 2 ? bytes[0] : nil }
    var rack: Int? { bytes.count == 2 ? Int(bytes[1] >> 5) : nil }
    var slot: Int? { bytes.count == 2 ? Int(bytes[1] & 0x1F) : nil }

    /// True when the selector is printable text rather than the two-byte S7 form.
    var isText: Bool {
        guard bytes.count > 2 else { return false }
        for index in 0..<bytes.count where bytes[index] < 0x20 || bytes[index] > 0x7E { return false }
        return true
    }
}

/// One COTP TPDU inside a TPKT packet (ISO 8073 §13).
struct COTPPDU {
    var type: COTPType
    /// DT: end of TSDU (ISO 8073 §13.7.3 c): the last TPDU of a (possibly split) user PDU.
    var endOfTSDU = true
    var callingSelector: TransportSelector?
    var calledSelector: TransportSelector?
    /// DT user data, or the data of other TPDUs (usually empty).
    var userData = ByteView.empty

    /// Parses the TPDU that follows a 4-byte TPKT header. `nil`: the length indicator does not fit.
    static func parse(_ tpdu: ByteView) -> COTPPDU? {
        // ISO 8073 §13.2.1: LI counts the header after itself; 255 is reserved.
        guard let indicator = tpdu.getUInt8(at: 0), indicator >= 1, indicator != 255,
            Int(indicator) + 1 <= tpdu.count
        else { return nil }
        let header = tpdu.slice(from: 1, count: Int(indicator)) ?? .empty
        var pdu = COTPPDU(type: COTPType(code: header[0]))
        pdu.userData = tpdu.dropFirst(Int(indicator) + 1)
        switch pdu.type {
        case .data:
            // §13.7: class 0 DT is LI 2, code, EOT bit + TPDU number.
            pdu.endOfTSDU = header.getUInt8(at: 1).map { $0 & 0x80 != 0 } ?? true
        case .connectionRequest, .connectionConfirm:
            // §13.3 / §13.4: code, DST-REF(2), SRC-REF(2), class/option, then parameters.
            var parameters = ByteReader(header.dropFirst(6))
            while let code = parameters.readUInt8(), let length = parameters.readUInt8() {
                guard let value = parameters.readView(count: Int(length)) else { break }
                switch code {
                case 0xC1: pdu.callingSelector = TransportSelector(bytes: value)
                case 0xC2: pdu.calledSelector = TransportSelector(bytes: value)
                default: break
                }
            }
        default:
            break
        }
        return pdu
    }
}
