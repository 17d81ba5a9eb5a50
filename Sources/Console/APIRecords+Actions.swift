import Foundation
import Storage

/// JSON shapes of the map, baseline, learning and administration calls.
extension APIRecords {
    struct Map: Encodable {
        var aggregated: Bool
        var nodes: [Node]
        var links: [Link]
        struct Node: Encodable {
            var id: String
            var label: String
            var detail: String
            var role: String
            /// The Purdue band the node is drawn in ("Level 2", "Level undecided").
            var band: String
            var link: String
        }
        struct Link: Encodable {
            var from: String
            var to: String
            var protocols: [String]
            var danger: String
            var packets: UInt64
        }

        init(_ layout: MapLayout) {
            aggregated = layout.aggregated
            let bandTitles = layout.bands.map(\.title)
            let bandTops = layout.bands.map(\.y)
            nodes = layout.nodes.map { node in
                // A band's title sits 40 points above its nodes (see MapLayout).
                let band = zip(bandTitles, bandTops).first { abs($0.1 + 40 - node.y) < 0.5 }?.0 ?? ""
                return Node(
                    id: node.id, label: node.label, detail: node.detail, role: node.role, band: band, link: node.link)
            }
            links = layout.links.map {
                Link(
                    from: layout.nodes[$0.from].id, to: layout.nodes[$0.to].id, protocols: $0.protocols.sorted(),
                    danger: $0.danger, packets: $0.count)
            }
        }
    }

    /// One sensor's baseline: its mode and learning progress, what changed since the last review,
    /// and the document itself (cut at `BaselinePage.maximumShownBytes`).
    struct BaselineSensor: Encodable {
        var sensor: String
        var mode: String
        var progress: Double?
        var learningUntil: String?
        var entries: Int
        var lastChange: String?
        var path: String?
        var reviewed: Bool
        var changesSinceReview: [String]?
        var document: String?
        var documentBytes: Int?
        var problem: String?
        enum CodingKeys: String, CodingKey {
            case sensor, mode, progress, entries, path, reviewed, document, problem
            case learningUntil = "learning_until"
            case lastChange = "last_change"
            case changesSinceReview = "changes_since_review"
            case documentBytes = "document_bytes"
        }
    }

    struct Learned: Encodable {
        var alert: String
        var baseline: String
        var changes: [String]
        var learnedEvents: Int
        enum CodingKeys: String, CodingKey {
            case alert, baseline, changes
            case learnedEvents = "learned_events"
        }
    }

    struct Token: Encodable {
        var id: Int64
        var name: String
        var user: String
        var role: String
        var created: String
        var lastUsed: String?
        enum CodingKeys: String, CodingKey {
            case id, name, user, role, created
            case lastUsed = "last_used"
        }
        init(_ token: APIToken) {
            id = token.id
            name = token.name
            user = token.user
            role = token.role.rawValue
            created = APIRecords.time(token.created)
            lastUsed = token.lastUsed.map(APIRecords.time)
        }
    }

    /// A token just made: the secret is in this answer only.
    struct NewToken: Encodable {
        var id: Int64
        var token: String
    }
}
