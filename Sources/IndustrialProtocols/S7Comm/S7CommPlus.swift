import BinaryParsing
import EventModel

/// S7comm-plus (S7-1200/1500) over COTP DT, after the header of the Wireshark s7comm_plus plugin
/// (packet-s7comm_plus.c `dissect_s7commp`): protocol id 0x72, version (1, 2, 3, 0xFE), data
/// length, then — for V3 — an integrity part (digest length 0x20, 32-byte digest) before the
/// data, whose first bytes are opcode (0x31 request, 0x32 response, 0x02 response to
/// SetVariable, 0x33 notification), 2 reserved, function code, 2 reserved, sequence number. A trailer (0x72, version, 0x0000) closes the message. The digest and the
/// rest of the object model are not decoded: the event reports what is known without an anomaly.
struct S7CommPlusPDU {
    static let protocolID: UInt8 = 0x72

    var version: UInt8
    var opcode: UInt8
    /// `nil` for notifications, which carry no function code.
    var function: UInt16?
    var sequenceNumber: UInt16?

    enum Version {
        static let extendedKeepAlive: UInt8 = 0xFE
    }

    var isKeepAlive: Bool { version == Version.extendedKeepAlive }

    enum Opcode {
        static let request: UInt8 = 0x31
        static let response: UInt8 = 0x32
        static let notification: UInt8 = 0x33
        static let response2: UInt8 = 0x02
    }

    /// `nil` when the bytes are no S7comm-plus message start (a continuation fragment, or the
    /// data is too short for a header).
    static func parse(_ pdu: ByteView) -> S7CommPlusPDU? {
        guard pdu.count >= 5, pdu[0] == protocolID else { return nil }
        let version = pdu[1]
        // Version 0xFE carries the plugin's "extended keep alive" system messages, not opcodes.
        if version == Version.extendedKeepAlive { return S7CommPlusPDU(version: version, opcode: 0) }
        var offset = 4
        if !isOpcode(pdu[offset]), let digestLength = pdu.getUInt8(at: offset), digestLength == 0x20 {
            offset += 1 + Int(digestLength)
        }
        guard let opcode = pdu.getUInt8(at: offset), isOpcode(opcode) else { return nil }
        var result = S7CommPlusPDU(version: version, opcode: opcode)
        if opcode != Opcode.notification {
            result.function = pdu.getUInt16(at: offset + 3)
            result.sequenceNumber = pdu.getUInt16(at: offset + 7)
        }
        return result
    }

    private static func isOpcode(_ byte: UInt8) -> Bool {
        byte == Opcode.request || byte == Opcode.response || byte == Opcode.notification || byte == Opcode.response2
    }

    var direction: EventDirection {
        switch opcode {
        case Opcode.request: .request
        case Opcode.notification: .unsolicited
        default: .response
        }
    }

    /// Function names (packet-s7comm_plus.c `S7COMMP_FUNCTIONCODE_*`).
    static func functionName(_ code: UInt16) -> StaticString {
        switch code {
        case 0x04BB: "Explore"
        case 0x04CA: "CreateObject"
        case 0x04D4: "DeleteObject"
        case 0x04F2: "SetVariable"
        case 0x04FC: "GetVariable"
        case 0x0506: "AddLink"
        case 0x051A: "RemoveLink"
        case 0x0524: "GetLink"
        case 0x0542: "SetMultiVariables"
        case 0x054C: "GetMultiVariables"
        case 0x0556: "BeginSequence"
        case 0x0560: "EndSequence"
        case 0x056B: "Invoke"
        case 0x057C: "SetVarSubStreamed"
        case 0x0586: "GetVarSubStreamed"
        case 0x0590: "GetVariablesAddress"
        case 0x059A: "Abort"
        case 0x05A9: "Error"
        case 0x05B3: "InitSSL"
        default: ""
        }
    }

    /// Create/Delete object open and close sessions (and subscriptions); Set* write and Get* read
    /// variables; Explore browses the object tree; the rest (links, sequences, invoke) is `other`.
    static func operation(_ code: UInt16) -> Operation {
        switch code {
        case 0x04CA, 0x04D4, 0x05B3: .session
        case 0x04F2, 0x0542, 0x057C: .write
        case 0x04FC, 0x054C, 0x0586, 0x0590: .read
        case 0x04BB: .discovery
        default: .other
        }
    }
}
