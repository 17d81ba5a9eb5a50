/// Application protocol control information (IEC 60870-5-104 §5): start byte, APDU length, and
/// four control octets whose low bits give the frame format.
enum APCI {
    static let startByte: UInt8 = 0x68
    /// Start byte, length and control field: the least a reader needs to frame an APDU (Wireshark
    /// waits for this many bytes too, so noisy bytes between APDUs are skipped the same way).
    static let headerLength = 6
    /// Control field only (S and U formats).
    static let minimumLength = 4
    /// §5.1: "maximum length of APDU is 253" (the length octet counts control field + ASDU).
    static let maximumLength = 253

    /// §5.1 Figure 6–8: bit 0 = 0 → I format; bits 1..0 = 01 → S format; 11 → U format.
    enum Format: UInt8 {
        case information = 0
        case supervisory = 1
        case unnumbered = 3

        init(control: UInt8) {
            if control & 0x01 == 0 {
                self = .information
            } else {
                self = control & 0x03 == 0x01 ? .supervisory : .unnumbered
            }
        }
    }
}

/// U format functions (§5.3): one bit of the first control octet's upper six bits. The raw value
/// is that octet shifted right by two, as Wireshark's `iec60870_104.utype` gives it.
struct UFunction: Equatable {
    let rawValue: UInt8

    init(control: UInt8) { rawValue = control >> 2 }

    static let startDataTransferActivation = UFunction(raw: 0x01)
    static let startDataTransferConfirmation = UFunction(raw: 0x02)
    static let stopDataTransferActivation = UFunction(raw: 0x04)
    static let stopDataTransferConfirmation = UFunction(raw: 0x08)
    static let testFrameActivation = UFunction(raw: 0x10)
    static let testFrameConfirmation = UFunction(raw: 0x20)

    private init(raw: UInt8) { rawValue = raw }

    /// Exactly one function bit set.
    var isValid: Bool { rawValue != 0 && rawValue & (rawValue &- 1) == 0 }
    /// The activation bits (STARTDT/STOPDT/TESTFR act) are 0x01, 0x04, 0x10.
    var isActivation: Bool { rawValue & 0x15 != 0 && rawValue & 0x2A == 0 }
    var isConfirmation: Bool { rawValue & 0x2A != 0 && rawValue & 0x15 == 0 }

    var name: StaticString {
        switch rawValue {
        case 0x01: "STARTDT act"
        case 0x02: "STARTDT con"
        case 0x04: "STOPDT act"
        case 0x08: "STOPDT con"
        case 0x10: "TESTFR act"
        case 0x20: "TESTFR con"
        default: "U (invalid)"
        }
    }
}
