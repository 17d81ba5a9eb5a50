import BinaryParsing
import EventModel

/// Block types as two ASCII characters read big-endian (packet-s7comm.c `blocktype_names`):
/// "08" OB, "0A" DB, "0B" SDB, "0C" FC, "0D" SFC, "0E" FB, "0F" SFB. This 16-bit value is the
/// `block_type` of an `s7Block` target.
enum S7BlockType {
    static let organizationBlock = 0x3038
    static let dataBlock = 0x3041
    static let systemDataBlock = 0x3042
    static let function = 0x3043
    static let systemFunction = 0x3044
    static let functionBlock = 0x3045
    static let systemFunctionBlock = 0x3046
}

/// A block filename of upload/download jobs (packet-s7comm.c `s7comm_decode_plc_controls_filename`):
/// "_" file identifier, two-character block type, five-digit block number, destination file
/// system ('A' active, 'P' passive, 'B' both), e.g. "_0A00001P" = DB 1, passive.
struct S7BlockFilename {
    var blockType: Int
    var blockNumber: Int

    static func parse(_ name: ByteView) -> S7BlockFilename? {
        guard name.count >= 8, name[0] == UInt8(ascii: "_"), let type = name.getUInt16(at: 1),
            let number = name.slice(from: 3, count: 5)?.asciiDecimal()
        else { return nil }
        return S7BlockFilename(blockType: Int(type), blockNumber: number)
    }

    /// Reads the filename of a request download / download block / download ended / start upload
    /// job: function, function status, 2 unknown bytes, 4-byte upload id, filename length, name.
    static func fromJobParameters(_ parameters: ByteView) -> S7BlockFilename? {
        var reader = ByteReader(parameters)
        guard reader.skip(8), let length = reader.readUInt8(), let name = reader.readView(count: Int(length)) else {
            return nil
        }
        return parse(name)
    }
}

/// A PI service invocation (packet-s7comm.c `s7comm_decode_pi_service`): function, 7 unknown
/// bytes, parameter block length and block, service name length and name.
struct S7PIService {
    var name: ByteView
    var kind: Kind

    /// The services the decoder tells apart (packet-s7comm.c `pi_service_names` for S7-300/400).
    enum Kind: UInt8 {
        case insert, delete, programStart, copyRAMToROM, compress, unknown

        init(_ name: ByteView) {
            if name.elementsEqualLiteral("_INSE") {
                self = .insert
            } else if name.elementsEqualLiteral("_DELE") {
                self = .delete
            } else if name.elementsEqualLiteral("P_PROGRAM") {
                self = .programStart
            } else if name.elementsEqualLiteral("_MODU") {
                self = .copyRAMToROM
            } else if name.elementsEqualLiteral("_GARB") {
                self = .compress
            } else {
                self = .unknown
            }
        }

        var name: StaticString {
            switch self {
            case .insert: "_INSE"
            case .delete: "_DELE"
            case .programStart: "P_PROGRAM"
            case .copyRAMToROM: "_MODU"
            case .compress: "_GARB"
            case .unknown: ""
            }
        }

        /// _INSE / _DELE activate or delete blocks and _MODU / _GARB rewrite program memory:
        /// program changes. P_PROGRAM (warm/cold/hot start) changes the run state: control.
        var operation: Operation {
            switch self {
            case .insert, .delete, .copyRAMToROM, .compress: .program
            case .programStart: .control
            case .unknown: .other
            }
        }
    }

    /// The service of a PI-Service job parameter; also the block named in _INSE/_DELE's
    /// parameter block ("0800001P": type, number, file system) when it has one.
    static func parse(_ parameters: ByteView) -> (service: S7PIService, block: S7BlockFilename?)? {
        var reader = ByteReader(parameters)
        guard reader.skip(8), let blockLength = reader.readUInt16(),
            let block = reader.readView(count: Int(blockLength)), let nameLength = reader.readUInt8(),
            let name = reader.readView(count: Int(nameLength))
        else { return nil }
        let service = S7PIService(name: name, kind: Kind(name))
        var filename: S7BlockFilename?
        // _INSE/_DELE parameter block: number of blocks (2 bytes) then "0" + type char + 5 digits + fs,
        // or ASCII "0800001P" directly (packet-s7comm.c "PI parameter" strings).
        if service.kind == .insert || service.kind == .delete {
            for start in stride(from: 2, through: 0, by: -2) {
                guard let type = block.getUInt16(at: start), let digits = block.slice(from: start + 2, count: 5),
                    let number = digits.asciiDecimal(), type >> 8 == 0x30
                else { continue }
                filename = S7BlockFilename(blockType: Int(type), blockNumber: number)
                break
            }
        }
        return (service, filename)
    }
}

extension S7PIService {
    /// A constant, not an array literal in `recognise`: that built (allocated) the array per call.
    private static let recognisedNames: [StaticString] = ["_DELE", "_INSE", "_MODU", "_GARB", "P_PROGRAM"]

    /// For a PI parameter that does not follow the documented layout (snap7's block delete sends
    /// the block spec and "_DELE" with no length bytes; tshark calls it malformed): the service
    /// named at the end of the parameter, so that the operation is still known.
    static func recognise(_ parameters: ByteView) -> S7PIService? {
        var index = 0  // a `while`: unoptimized builds step a `for` through a generic, allocating iterator
        while index < recognisedNames.count {
            let literal = recognisedNames[index]
            index += 1
            let length = literal.utf8CodeUnitCount
            guard parameters.count >= length else { continue }
            let tail = parameters.dropFirst(parameters.count - length)
            if tail.elementsEqualLiteral(literal) { return S7PIService(name: tail, kind: Kind(tail)) }
        }
        return nil
    }
}

/// PLC Stop (packet-s7comm.c `s7comm_decode_plc_controls_param_hex29`): function, 5 unknown
/// bytes, service name length and name ("P_PROGRAM").
enum S7PLCStop {
    static func serviceName(_ parameters: ByteView) -> ByteView? {
        var reader = ByteReader(parameters)
        guard reader.skip(6), let length = reader.readUInt8() else { return nil }
        return reader.readView(count: Int(length))
    }
}

extension ByteView {
    func elementsEqualLiteral(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && hasPrefix(literal)
    }
}
