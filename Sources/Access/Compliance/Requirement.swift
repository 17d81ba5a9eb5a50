/// IEC 62443-3-3 foundational requirements.
public enum FoundationalRequirement: Int, Sendable, CaseIterable {
    case fr1 = 1
    case fr2, fr3, fr4, fr5, fr6, fr7

    public var title: String {
        switch self {
        case .fr1: "FR 1 Identification and authentication control"
        case .fr2: "FR 2 Use control"
        case .fr3: "FR 3 System integrity"
        case .fr4: "FR 4 Data confidentiality"
        case .fr5: "FR 5 Restricted data flow"
        case .fr6: "FR 6 Timely response to events"
        case .fr7: "FR 7 Resource availability"
        }
    }
}

/// One IEC 62443-3-3 system requirement with the NIST SP 800-53r5 controls that NIST SP 800-82r3
/// (its OT overlay) applies to the same concern.
public struct Requirement: Sendable, Hashable {
    public var id: String
    public var foundational: FoundationalRequirement
    public var title: String
    public var nistControls: [String]

    public init(_ id: String, _ foundational: FoundationalRequirement, _ title: String, nist: [String]) {
        self.id = id
        self.foundational = foundational
        self.title = title
        self.nistControls = nist
    }
}

/// The requirements the report speaks to: those traffic can evidence, and those it cannot.
public enum RequirementCatalog {
    public static let humanAuthentication = Requirement(
        "SR 1.1", .fr1, "Human user identification and authentication", nist: ["IA-2"])
    public static let deviceAuthentication = Requirement(
        "SR 1.2", .fr1, "Software process and device identification and authentication", nist: ["IA-3", "IA-9"])
    public static let untrustedNetworks = Requirement(
        "SR 1.13", .fr1, "Access via untrusted networks", nist: ["AC-17", "AC-20"])
    public static let authorization = Requirement(
        "SR 2.1", .fr2, "Authorization enforcement", nist: ["AC-3", "AC-6"])
    public static let sessionTermination = Requirement(
        "SR 2.6", .fr2, "Remote session termination", nist: ["AC-12", "AC-17"])
    public static let auditableEvents = Requirement(
        "SR 2.8", .fr2, "Auditable events", nist: ["AU-2", "AU-12"])
    public static let communicationIntegrity = Requirement(
        "SR 3.1", .fr3, "Communication integrity", nist: ["SC-8"])
    public static let softwareIntegrity = Requirement(
        "SR 3.4", .fr3, "Software and information integrity", nist: ["SI-7"])
    public static let confidentiality = Requirement(
        "SR 4.1", .fr4, "Information confidentiality", nist: ["SC-8", "IA-5"])
    public static let cryptography = Requirement("SR 4.3", .fr4, "Use of cryptography", nist: ["SC-13"])
    public static let segmentation = Requirement("SR 5.1", .fr5, "Network segmentation", nist: ["SC-7", "AC-4"])
    public static let boundaryProtection = Requirement("SR 5.2", .fr5, "Zone boundary protection", nist: ["SC-7"])
    public static let continuousMonitoring = Requirement(
        "SR 6.2", .fr6, "Continuous monitoring", nist: ["SI-4"])
    public static let leastFunctionality = Requirement("SR 7.7", .fr7, "Least functionality", nist: ["CM-7"])
    public static let componentInventory = Requirement(
        "SR 7.8", .fr7, "Control system component inventory", nist: ["CM-8"])

    /// What passive monitoring cannot judge, with the reason.
    public static let notAssessable: [(Requirement, String)] = [
        (
            Requirement("SR 1.3", .fr1, "Account management", nist: ["AC-2"]),
            "accounts are created, reviewed and removed on the hosts and directories, not on the wire"
        ),
        (
            Requirement("SR 1.4", .fr1, "Identifier management", nist: ["IA-4"]),
            "how identifiers are assigned and retired is an administrative process"
        ),
        (
            Requirement("SR 1.7", .fr1, "Strength of password-based authentication", nist: ["IA-5(1)"]),
            "password length and complexity are never read (Palisade keeps no secrets); their exposure is under SR 4.1"
        ),
        (
            Requirement("SR 2.2", .fr2, "Wireless use control", nist: ["AC-18"]),
            "wireless links are outside a wired SPAN or TAP"
        ),
        (
            Requirement("SR 2.3", .fr2, "Use control for portable and mobile devices", nist: ["AC-19"]),
            "USB media and laptops brought to a controller leave no trace on the network until they talk"
        ),
        (
            Requirement("SR 3.2", .fr3, "Malicious code protection", nist: ["SI-3"]),
            "anti-malware on hosts is not visible in traffic"
        ),
        (
            Requirement("SR 3.3", .fr3, "Security functionality verification", nist: ["SI-6"]),
            "whether security functions are tested is a procedure, not traffic"
        ),
        (
            Requirement("SR 4.2", .fr4, "Information persistence", nist: ["MP-6"]),
            "purging of memory and media happens inside devices"
        ),
        (
            Requirement("SR 6.1", .fr6, "Audit log accessibility", nist: ["AU-9"]),
            "the devices' own logs and who may read them are not on the wire"
        ),
        (
            Requirement("SR 7.1", .fr7, "Denial of service protection", nist: ["SC-5"]),
            "resilience under load needs testing, not observation"
        ),
        (
            Requirement("SR 7.3", .fr7, "Control system backup", nist: ["CP-9"]),
            "backups may travel over the network, but their completeness and testing cannot be judged from it"
        ),
        (
            Requirement("SR 7.4", .fr7, "Control system recovery and reconstitution", nist: ["CP-10"]),
            "recovery is a procedure and a capability, not traffic"
        ),
        (
            Requirement("SR 7.6", .fr7, "Network and security configuration settings", nist: ["CM-6"]),
            "device configurations are not observable; only their effects on traffic are"
        ),
    ]
}
