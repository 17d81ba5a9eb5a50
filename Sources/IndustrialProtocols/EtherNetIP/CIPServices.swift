import EventModel

/// CIP object classes this decoder gives meaning to (CIP Vol. 1 Chapter 5, Rockwell publication 1756-PM020).
enum CIPClass {
    static let identity: Int64 = 0x01
    static let messageRouter: Int64 = 0x02
    static let connectionManager: Int64 = 0x06
    static let file: Int64 = 0x37
    static let pccc: Int64 = 0x67
    static let symbol: Int64 = 0x6B
    static let template: Int64 = 0x6C
    /// Logix program structure (the numbers Studio 5000 and the open Logix libraries use: 0x68
    /// Program, 0x69 Map, 0x6D Routine, 0x70 Task) and 0x6A, an unnamed class whose instances
    /// hold program content (rung comments and module configuration come back from it in the
    /// QuickDraw SoftwareUpload capture; a download writes it with service 0x50).
    static let logixProgram: Int64 = 0x68
    static let logixMap: Int64 = 0x69
    static let logixProgramContent: Int64 = 0x6A
    static let logixRoutine: Int64 = 0x6D
    static let logixTask: Int64 = 0x70
    /// Non-Volatile Storage: firmware updates (ControlFLASH) write images through it.
    static let nonVolatileStorage: Int64 = 0xA1
}

/// CIP service codes, CIP Vol. 1 Appendix A (common) and the class-specific ones used here.
/// The low 7 bits are the service; bit 7 marks a response.
enum CIPService {
    static let getAttributesAll: UInt8 = 0x01
    static let setAttributesAll: UInt8 = 0x02
    static let getAttributeList: UInt8 = 0x03
    static let setAttributeList: UInt8 = 0x04
    static let reset: UInt8 = 0x05
    static let start: UInt8 = 0x06
    static let stop: UInt8 = 0x07
    static let create: UInt8 = 0x08
    static let delete: UInt8 = 0x09
    static let multipleServicePacket: UInt8 = 0x0A
    static let applyAttributes: UInt8 = 0x0D
    static let getAttributeSingle: UInt8 = 0x0E
    static let setAttributeSingle: UInt8 = 0x10
    static let findNextObjectInstance: UInt8 = 0x11
    static let restore: UInt8 = 0x15
    static let save: UInt8 = 0x16
    static let noOperation: UInt8 = 0x17
    static let getMember: UInt8 = 0x18
    static let setMember: UInt8 = 0x19
    static let insertMember: UInt8 = 0x1A
    static let removeMember: UInt8 = 0x1B
    // Connection Manager (class 0x06), CIP Vol. 1 §3-5.5.
    static let forwardClose: UInt8 = 0x4E
    static let unconnectedSend: UInt8 = 0x52
    static let forwardOpen: UInt8 = 0x54
    static let getConnectionData: UInt8 = 0x56
    static let searchConnectionData: UInt8 = 0x57
    static let getConnectionOwner: UInt8 = 0x5A
    static let largeForwardOpen: UInt8 = 0x5B
    // Logix tag services (Rockwell 1756-PM020).
    static let readTag: UInt8 = 0x4C
    static let writeTag: UInt8 = 0x4D
    static let readModifyWriteTag: UInt8 = 0x4E
    static let readTagFragmented: UInt8 = 0x52
    static let writeTagFragmented: UInt8 = 0x53
    static let getInstanceAttributeList: UInt8 = 0x55

    /// What a service does, given the class it addresses (`-1` when the path names none, e.g. a
    /// symbolic tag path).
    struct Meaning {
        var name: StaticString
        var operation: Operation
    }

    static func meaning(_ service: UInt8, classID: Int64) -> Meaning {
        let service = service & 0x7F
        switch service {
        case getAttributesAll: return Meaning(name: "Get_Attributes_All", operation: .read)
        case setAttributesAll: return Meaning(name: "Set_Attributes_All", operation: .write)
        case getAttributeList: return Meaning(name: "Get_Attribute_List", operation: .read)
        case setAttributeList: return Meaning(name: "Set_Attribute_List", operation: .write)
        case reset: return Meaning(name: "Reset", operation: .control)
        case start: return Meaning(name: "Start", operation: .control)
        case stop: return Meaning(name: "Stop", operation: .control)
        case create: return Meaning(name: "Create", operation: .write)
        case delete: return Meaning(name: "Delete", operation: .write)
        case multipleServicePacket: return Meaning(name: "Multiple_Service_Packet", operation: .other)
        case applyAttributes: return Meaning(name: "Apply_Attributes", operation: .write)
        case getAttributeSingle: return Meaning(name: "Get_Attribute_Single", operation: .read)
        case setAttributeSingle: return Meaning(name: "Set_Attribute_Single", operation: .write)
        case findNextObjectInstance: return Meaning(name: "Find_Next_Object_Instance", operation: .read)
        case restore: return Meaning(name: "Restore", operation: .program)
        case save: return Meaning(name: "Save", operation: .program)
        case noOperation: return Meaning(name: "No_Operation", operation: .other)
        case getMember: return Meaning(name: "Get_Member", operation: .read)
        case setMember: return Meaning(name: "Set_Member", operation: .write)
        case insertMember: return Meaning(name: "Insert_Member", operation: .write)
        case removeMember: return Meaning(name: "Remove_Member", operation: .write)
        default: break
        }
        guard service >= 0x4B else { return Meaning(name: "Reserved", operation: .other) }
        switch classID {
        case CIPClass.connectionManager:
            switch service {
            case forwardClose: return Meaning(name: "Forward_Close", operation: .session)
            case unconnectedSend: return Meaning(name: "Unconnected_Send", operation: .other)
            case forwardOpen: return Meaning(name: "Forward_Open", operation: .session)
            case getConnectionData: return Meaning(name: "Get_Connection_Data", operation: .diagnostic)
            case searchConnectionData: return Meaning(name: "Search_Connection_Data", operation: .diagnostic)
            case getConnectionOwner: return Meaning(name: "Get_Connection_Owner", operation: .diagnostic)
            case largeForwardOpen: return Meaning(name: "Large_Forward_Open", operation: .session)
            default: return Meaning(name: "Connection_Manager_Service", operation: .other)
            }
        case CIPClass.file:
            // File object, CIP Vol. 1 §5A-42: program and configuration files move through it.
            switch service {
            case 0x4B: return Meaning(name: "Initiate_Upload", operation: .program)
            case 0x4C: return Meaning(name: "Initiate_Download", operation: .program)
            case 0x4D: return Meaning(name: "Initiate_Partial_Read", operation: .program)
            case 0x4E: return Meaning(name: "Initiate_Partial_Write", operation: .program)
            case 0x4F: return Meaning(name: "Upload_Transfer", operation: .program)
            case 0x50: return Meaning(name: "Download_Transfer", operation: .program)
            case 0x51: return Meaning(name: "Clear_File", operation: .program)
            default: return Meaning(name: "File_Object_Service", operation: .program)
            }
        case CIPClass.nonVolatileStorage:
            return Meaning(name: "NVS_Firmware_Service", operation: .firmware)
        case CIPClass.logixProgram, CIPClass.logixMap, CIPClass.logixProgramContent, CIPClass.logixRoutine,
            CIPClass.logixTask:
            // Services 0x4F-0x51 on the program structure move program content: the QuickDraw
            // SoftwareUpload capture reads it with 0x4F, ControlProtocolChangeAttempt (a download)
            // writes it with 0x50 and 0x51. Their names are not public, what they carry is. 0x4B
            // only lists instances, and 0x4C-0x4E stay the tag services (a program-scoped tag's
            // path starts at the Program class).
            guard (0x4F...0x51).contains(service) else { return tagServiceMeaning(service) }
            return Meaning(name: "Logix_Program_Transfer", operation: .program)
        case CIPClass.pccc:
            return service == 0x4B
                ? Meaning(name: "Execute_PCCC", operation: .other) : Meaning(name: "PCCC_Service", operation: .other)
        default:
            return tagServiceMeaning(service)
        }
    }

    /// The Logix tag services, which Rockwell controllers take on any other class.
    static func tagServiceMeaning(_ service: UInt8) -> Meaning {
        switch service {
        case readTag: Meaning(name: "Read_Tag", operation: .read)
        case writeTag: Meaning(name: "Write_Tag", operation: .write)
        case readModifyWriteTag: Meaning(name: "Read_Modify_Write_Tag", operation: .write)
        case readTagFragmented: Meaning(name: "Read_Tag_Fragmented", operation: .read)
        case writeTagFragmented: Meaning(name: "Write_Tag_Fragmented", operation: .write)
        case getInstanceAttributeList: Meaning(name: "Get_Instance_Attribute_List", operation: .read)
        default: Meaning(name: "Class_Specific_Service", operation: .other)
        }
    }
}

/// CIP general status codes, CIP Vol. 1 Appendix B.
enum CIPGeneralStatus {
    static func name(_ status: UInt8) -> StaticString {
        switch status {
        case 0x00: "Success"
        case 0x01: "Connection failure"
        case 0x02: "Resource unavailable"
        case 0x03: "Invalid parameter value"
        case 0x04: "Path segment error"
        case 0x05: "Path destination unknown"
        case 0x06: "Partial transfer"
        case 0x07: "Connection lost"
        case 0x08: "Service not supported"
        case 0x09: "Invalid attribute value"
        case 0x0A: "Attribute list error"
        case 0x0B: "Already in requested mode/state"
        case 0x0C: "Object state conflict"
        case 0x0D: "Object already exists"
        case 0x0E: "Attribute not settable"
        case 0x0F: "Privilege violation"
        case 0x10: "Device state conflict"
        case 0x11: "Reply data too large"
        case 0x12: "Fragmentation of a primitive value"
        case 0x13: "Not enough data"
        case 0x14: "Attribute not supported"
        case 0x15: "Too much data"
        case 0x16: "Object does not exist"
        case 0x17: "Service fragmentation sequence not in progress"
        case 0x18: "No stored attribute data"
        case 0x19: "Store operation failure"
        case 0x1A: "Routing failure, request packet too large"
        case 0x1B: "Routing failure, response packet too large"
        case 0x1C: "Missing attribute list entry data"
        case 0x1D: "Invalid attribute value list"
        case 0x1E: "Embedded service error"
        case 0x1F: "Vendor specific error"
        case 0x20: "Invalid parameter"
        case 0x21: "Write-once value or medium already written"
        case 0x22: "Invalid reply received"
        case 0x23: "Buffer overflow"
        case 0x24: "Message format error"
        case 0x25: "Key failure in path"
        case 0x26: "Path size invalid"
        case 0x27: "Unexpected attribute in list"
        case 0x28: "Invalid member ID"
        case 0x29: "Member not settable"
        case 0x2A: "Group 2 only server general failure"
        case 0x2B: "Unknown Modbus error"
        case 0x2C: "Attribute not gettable"
        default: "Reserved or vendor status"
        }
    }
}
