import Storage
import Testing

@testable import Access

/// Accounts read back from stored event lines, which are untrusted text like any other input.
@Suite struct StoredEventCredentialTests {
    func event(_ protocolName: String, direction: String = "request", functionName: String = "", json: String)
        -> StoredEvent
    {
        StoredEvent(
            timestamp: 1_000, frame: 1, protocolName: protocolName, operation: "other", function: nil,
            functionName: functionName, direction: direction, source: "10.0.0.1", destination: "10.0.0.2",
            sourceMAC: nil, destinationMAC: nil, sourcePort: 40000, destinationPort: 161, anomaly: nil, json: json)
    }

    @Test func communityInRelatedIdentityIsMaskedAndTheResponseNamesTheManager() throws {
        let line = """
            {"protocol":"snmp","target":{"text":"community private"},"related_identity":[{"subject":"10.0.0.1","key":"account","value":"private"}]}
            """
        let found = AccessStoreReader.credentialsIn(event("snmp", direction: "response", json: line))
        #expect(found.count == 1)
        #expect(found.first?.kind == .community)
        #expect(found.first?.account == "**** (7 characters)")
        // A response goes back to the asker: the manager is the destination.
        #expect(found.first?.client.description == "10.0.0.2")
    }

    @Test func repeatedAccountsAndOtherProtocols() throws {
        let line = #"{"identity":{"account":["alice","bob"]}}"#
        let smb = AccessStoreReader.credentialsIn(event("smb", json: line))
        #expect(smb.map(\.account) == ["alice", "bob"])
        #expect(smb.allSatisfy { $0.secretVisible == false })
        let http = AccessStoreReader.credentialsIn(event("http", json: #"{"identity":{"account":"op"}}"#))
        #expect(http.first?.secretVisible == true)
    }

    @Test func malformedLinesGiveNothing() {
        for line in ["", "{", "[1,2]", #"{"identity":"account"}"#, #"{"identity":{"account":7}}"#, "\u{0}\u{1}"] {
            #expect(AccessStoreReader.credentialsIn(event("ftp", json: line)).isEmpty)
        }
        // Addresses that are not IP (a layer-2 event) give nothing either.
        var layer2 = event("ftp", json: #"{"identity":{"account":"x"}}"#)
        layer2.source = "00:11:22:33:44:55"
        #expect(AccessStoreReader.credentialsIn(layer2).isEmpty)
    }
}
