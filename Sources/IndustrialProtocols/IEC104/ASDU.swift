import EventModel

/// Type identification (IEC 60870-5-101 §7.2.1, IEC 60870-5-104 §8): the first octet of an ASDU.
/// Any octet is representable; meaning is derived from the raw value.
struct TypeIdentification: Equatable {
    let rawValue: UInt8

    /// Monitor direction process information (M_…, 1…40).
    var isMonitoring: Bool { (1...40).contains(rawValue) }
    /// Control direction process information (C_SC … C_BO, 45…64).
    var isProcessCommand: Bool { (45...64).contains(rawValue) }

    /// Octets of one information element set, after the information object address (IEC 60870-5-101
    /// §7.3 and IEC 60870-5-104 §8). `nil`: unknown or variable (F_SG_NA_1 carries its own length).
    var elementLength: Int? {
        switch rawValue {
        case 1, 3: 1  // SIQ / DIQ
        case 2, 4: 4  // + CP24Time2a
        case 5: 2  // VTI + QDS
        case 6: 5
        case 7: 5  // BSI + QDS
        case 8: 8
        case 9, 11: 3  // NVA/SVA + QDS
        case 10, 12: 6
        case 13: 5  // IEEE STD 754 + QDS
        case 14: 8
        case 15: 5  // BCR
        case 16: 8
        case 17: 6  // SEP + CP16Time2a + CP24Time2a
        case 18, 19: 7  // SPE/OCI + QDP + CP16 + CP24
        case 20: 5  // SCD + QDS
        case 21: 2  // NVA
        case 30, 31: 8  // + CP56Time2a
        case 32: 9
        case 33: 12
        case 34, 35: 10
        case 36: 12
        case 37: 12
        case 38: 10  // SEP + CP16 + CP56
        case 39, 40: 11
        case 45, 46, 47: 1  // SCO / DCO / RCO
        case 48, 49: 3  // NVA/SVA + QOS
        case 50: 5  // float + QOS
        case 51: 4  // BSI
        case 58, 59, 60: 8
        case 61, 62: 10
        case 63: 12
        case 64: 11
        case 70: 1  // COI
        case 100, 101: 1  // QOI / QCC
        case 102: 0
        case 103: 7  // CP56Time2a
        case 104: 2  // FBP
        case 105: 1  // QRP
        case 106: 2  // CP16Time2a
        case 107: 9  // TSC + CP56Time2a
        case 110, 111: 3  // NVA/SVA + QPM
        case 112: 5
        case 113: 1  // QPA
        case 120: 6  // NOF + LOF + FRQ
        case 121: 7  // NOF + NOS + LOF + SRQ
        case 122: 4  // NOF + NOS + SCQ
        case 123: 5  // NOF + NOS + LSQ + CHS
        case 124: 4  // NOF + NOS + AFQ
        case 126: 13  // NOF + LOF + SOF + CP56Time2a
        case 127: 16  // NOF + CP56Time2a + CP56Time2a
        default: nil
        }
    }

    /// Whether the type is defined by the companion standards (or IEC 62351-5 secure authentication).
    var isKnown: Bool { name.utf8CodeUnitCount > 0 }

    /// What the ASDU does to its target. Monitoring data is `data` unless it answers an
    /// interrogation (`read`).
    func operation(cause: UInt8) -> Operation {
        switch rawValue {
        case 1...40: CauseOfTransmission.isInterrogationAnswer(cause) ? .read : .data
        case 45...64: .write
        case 70: .other
        case 100, 101, 102: .read
        case 103: .write  // clock synchronisation: configuration
        case 104, 106, 107: .diagnostic
        case 105: .control
        case 110...113: .write
        case 120...127: .program
        default: .other
        }
    }

    /// Wireshark's names (`iec60870_asdu.typeid` value strings).
    var name: StaticString {
        switch rawValue {
        case 1: "M_SP_NA_1"
        case 2: "M_SP_TA_1"
        case 3: "M_DP_NA_1"
        case 4: "M_DP_TA_1"
        case 5: "M_ST_NA_1"
        case 6: "M_ST_TA_1"
        case 7: "M_BO_NA_1"
        case 8: "M_BO_TA_1"
        case 9: "M_ME_NA_1"
        case 10: "M_ME_TA_1"
        case 11: "M_ME_NB_1"
        case 12: "M_ME_TB_1"
        case 13: "M_ME_NC_1"
        case 14: "M_ME_TC_1"
        case 15: "M_IT_NA_1"
        case 16: "M_IT_TA_1"
        case 17: "M_EP_TA_1"
        case 18: "M_EP_TB_1"
        case 19: "M_EP_TC_1"
        case 20: "M_PS_NA_1"
        case 21: "M_ME_ND_1"
        case 30: "M_SP_TB_1"
        case 31: "M_DP_TB_1"
        case 32: "M_ST_TB_1"
        case 33: "M_BO_TB_1"
        case 34: "M_ME_TD_1"
        case 35: "M_ME_TE_1"
        case 36: "M_ME_TF_1"
        case 37: "M_IT_TB_1"
        case 38: "M_EP_TD_1"
        case 39: "M_EP_TE_1"
        case 40: "M_EP_TF_1"
        case 41: "S_IT_TC_1"
        case 45: "C_SC_NA_1"
        case 46: "C_DC_NA_1"
        case 47: "C_RC_NA_1"
        case 48: "C_SE_NA_1"
        case 49: "C_SE_NB_1"
        case 50: "C_SE_NC_1"
        case 51: "C_BO_NA_1"
        case 58: "C_SC_TA_1"
        case 59: "C_DC_TA_1"
        case 60: "C_RC_TA_1"
        case 61: "C_SE_TA_1"
        case 62: "C_SE_TB_1"
        case 63: "C_SE_TC_1"
        case 64: "C_BO_TA_1"
        case 70: "M_EI_NA_1"
        case 81: "S_CH_NA_1"
        case 82: "S_RP_NA_1"
        case 83: "S_AR_NA_1"
        case 84: "S_KR_NA_1"
        case 85: "S_KS_NA_1"
        case 86: "S_KC_NA_1"
        case 87: "S_ER_NA_1"
        case 90: "S_US_NA_1"
        case 91: "S_UQ_NA_1"
        case 92: "S_UR_NA_1"
        case 93: "S_UK_NA_1"
        case 94: "S_UA_NA_1"
        case 95: "S_UC_NA_1"
        case 100: "C_IC_NA_1"
        case 101: "C_CI_NA_1"
        case 102: "C_RD_NA_1"
        case 103: "C_CS_NA_1"
        case 104: "C_TS_NA_1"
        case 105: "C_RP_NA_1"
        case 106: "C_CD_NA_1"
        case 107: "C_TS_TA_1"
        case 110: "P_ME_NA_1"
        case 111: "P_ME_NB_1"
        case 112: "P_ME_NC_1"
        case 113: "P_AC_NA_1"
        case 120: "F_FR_NA_1"
        case 121: "F_SR_NA_1"
        case 122: "F_SC_NA_1"
        case 123: "F_LS_NA_1"
        case 124: "F_AF_NA_1"
        case 125: "F_SG_NA_1"
        case 126: "F_DR_TA_1"
        case 127: "F_SC_NB_1"
        default: ""
        }
    }
}

/// Cause of transmission (IEC 60870-5-101 §7.2.3): six bits of cause, P/N (negative confirm) and T
/// (test). IEC 104 carries a second octet, the originator address (§8, "COT 2 octets").
enum CauseOfTransmission {
    static let periodic: UInt8 = 1
    static let backgroundScan: UInt8 = 2
    static let spontaneous: UInt8 = 3
    static let initialized: UInt8 = 4
    static let request: UInt8 = 5
    static let activation: UInt8 = 6
    static let activationConfirmation: UInt8 = 7
    static let deactivation: UInt8 = 8
    static let deactivationConfirmation: UInt8 = 9
    static let activationTermination: UInt8 = 10
    static let returnRemote: UInt8 = 11
    static let returnLocal: UInt8 = 12
    static let fileTransfer: UInt8 = 13
    static let unknownType: UInt8 = 44
    static let unknownCause: UInt8 = 45
    static let unknownCommonAddress: UInt8 = 46
    static let unknownObjectAddress: UInt8 = 47

    /// 20 "interrogated by station interrogation" … 36 "group 16", 37…41 counter interrogation.
    static func isInterrogationAnswer(_ cause: UInt8) -> Bool { (20...41).contains(cause) }

    /// Sent by the controlled station without being asked (cyclic, background, spontaneous,
    /// end of initialisation, return information).
    static func isUnsolicited(_ cause: UInt8) -> Bool {
        cause == periodic || cause == backgroundScan || cause == spontaneous || cause == initialized
            || cause == returnRemote || cause == returnLocal
    }

    /// Defined causes: 1…13, 20…41, 44…47.
    static func isDefined(_ cause: UInt8) -> Bool {
        (1...13).contains(cause) || (20...41).contains(cause) || (44...47).contains(cause)
    }

    static func errorName(_ cause: UInt8) -> StaticString {
        switch cause {
        case unknownType: "unknown type identification"
        case unknownCause: "unknown cause of transmission"
        case unknownCommonAddress: "unknown common address of ASDU"
        case unknownObjectAddress: "unknown information object address"
        default: "negative confirmation"
        }
    }
}
