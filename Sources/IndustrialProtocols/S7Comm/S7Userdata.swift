import BinaryParsing
import EventModel

/// The parameter block of a userdata PDU (ROSCTR 7; packet-s7comm.c `s7comm_decode_ud`):
/// head 0x00 0x01 0x12, parameter length (4 or 8), method (0x11 request / 0x12 response),
/// type << 4 | function group, subfunction, sequence number, and with length 8 the data unit
/// reference, last-data-unit flag and an error code.
struct S7UserdataParameters {
    /// Type nibble (packet-s7comm.c `userdata_type_names`): 0 push, 4 request, 8 response; the NC
    /// variants 3, 7, 11 likewise.
    var type: UInt8
    var group: UInt8
    var subfunction: UInt8
    var sequenceNumber: UInt8
    var dataUnitReference: UInt8 = 0
    var lastDataUnit = true
    var errorCode: UInt16 = 0

    static func parse(_ parameters: ByteView) -> S7UserdataParameters? {
        var reader = ByteReader(parameters)
        // The head is 0x000112 for requests and responses, but mode-transition pushes send
        // 0x010010 (packet-s7comm.c does not check it either).
        guard reader.skip(3), let length = reader.readUInt8(), reader.skip(1), let typeAndGroup = reader.readUInt8(),
            let subfunction = reader.readUInt8(), let sequence = reader.readUInt8()
        else { return nil }
        var result = S7UserdataParameters(
            type: typeAndGroup >> 4, group: typeAndGroup & 0x0F, subfunction: subfunction,
            sequenceNumber: sequence)
        if length >= 8, let reference = reader.readUInt8(), let last = reader.readUInt8(),
            let error = reader.readUInt16()
        {
            result.dataUnitReference = reference
            result.lastDataUnit = last == 0
            result.errorCode = error
        }
        return result
    }

    var direction: EventDirection {
        switch type {
        case 4, 7: .request
        case 8, 11: .response
        default: .unsolicited
        }
    }

    /// Subfunction names per group (packet-s7comm.c `userdata_*_subfunc_names`; group 0, mode
    /// transition, names the new mode: `modetrans_param_subfunc_names`).
    var functionName: StaticString {
        switch (group, subfunction) {
        case (0, 0x00): "STOP"
        case (0, 0x01): "Warm Restart"
        case (0, 0x02): "RUN"
        case (0, 0x03): "Hot Restart"
        case (0, 0x04): "HOLD"
        case (0, 0x06): "Cold Restart"
        case (0, 0x09): "RUN_R"
        case (0, 0x0B): "LINK-UP"
        case (0, 0x0C): "UPDATE"
        case (0, _): "Mode-transition"
        case (1, 0x01): "Request diag data (Type 1)"
        case (1, 0x02): "VarTab"
        case (1, 0x0C): "Erase"
        case (1, 0x0E): "Read diag data"
        case (1, 0x0F): "Remove diag data"
        case (1, 0x10): "Forces"
        case (1, 0x13): "Request diag data (Type 2)"
        case (2, 0x01): "Cyclic transfer"
        case (2, 0x04): "Unsubscribe"
        case (2, 0x05): "Change driven transfer"
        case (2, 0x07): "Change driven transfer modify"
        case (2, 0x08): "RDREC"
        case (3, 0x01): "List blocks"
        case (3, 0x02): "List blocks of type"
        case (3, 0x03): "Get block info"
        case (4, 0x01): "Read SZL"
        case (4, 0x02): "Message service"
        case (4, 0x03): "Diagnostic message"
        case (4, 0x05): "ALARM_8 indication"
        case (4, 0x06): "NOTIFY indication"
        case (4, 0x07): "ALARM_8 lock"
        case (4, 0x08): "ALARM_8 unlock"
        case (4, 0x09): "SCAN indication"
        case (4, 0x0B): "ALARM ack"
        case (4, 0x0C): "ALARM ack indication"
        case (4, 0x0D): "ALARM lock indication"
        case (4, 0x0E): "ALARM unlock indication"
        case (4, 0x11): "ALARM_SQ indication"
        case (4, 0x12): "ALARM_S indication"
        case (4, 0x13): "ALARM query"
        case (4, 0x16): "NOTIFY_8 indication"
        case (5, 0x01): "PLC password"
        case (6, _): "PBC BSEND/BRECV"
        case (7, 0x01): "Read clock"
        case (7, 0x02): "Set clock"
        case (7, 0x03): "Read clock (following)"
        case (7, 0x04): "Set clock"
        default: ""
        }
    }

    /// SZL reads and block listings discover the device; alarms and diagnostics are diagnostic;
    /// cyclic and BSEND/BRECV transfers are process data. The PLC password (security group 5)
    /// raises or drops the protection level the connection works at, so it is `control` (as the
    /// shared reference table classes it), which also makes it visible to detection. Setting the clock changes the CPU's configuration without touching its run state or
    /// program, so it is a `write` (not `control`); reading it is a `read`. A mode-transition push
    /// reports a run/stop change of the CPU: `control`.
    var operation: Operation {
        switch group {
        case 0: .control
        case 1: subfunction == 0x10 ? .write : .diagnostic
        case 2, 6: .data
        case 3: .discovery
        case 4: subfunction == 0x01 ? .discovery : .diagnostic
        case 5: .control
        case 7: subfunction == 0x02 || subfunction == 0x04 ? .write : .read
        default: .other
        }
    }
}

/// The data block of a userdata PDU: return code, transport size, length, then the payload.
struct S7UserdataData {
    var returnCode: UInt8
    var payload: ByteView

    static func parse(_ data: ByteView) -> S7UserdataData? {
        var reader = ByteReader(data)
        guard let code = reader.readUInt8(), reader.skip(1), let length = reader.readUInt16() else { return nil }
        return S7UserdataData(returnCode: code, payload: reader.rest.prefix(Int(length)))
    }

    /// Userdata return codes share the item return codes; 0xFF is success.
    var isSuccess: Bool { returnCode == 0xFF }
}
