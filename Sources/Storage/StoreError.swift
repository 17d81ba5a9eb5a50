/// Why the store could not do something, in words a plant engineer can act on. Adapters map
/// their database's errors to these; nothing above the adapter sees database types.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The file exists but is not a Palisade store, or is damaged.
    case corrupt(path: String, detail: String)
    /// The disk (or the file's size limit) is full: the last write was rolled back.
    case full(path: String)
    /// No permission to read or write the file or its folder.
    case permissionDenied(path: String)
    /// The store was written by a newer Palisade.
    case newerSchema(path: String, version: String)
    /// Another process holds the store for too long.
    case busy(path: String)
    case failed(path: String, detail: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let detail):
            "\(path): not a Palisade store or damaged (\(detail)); nothing was changed — restore a backup or give another --db"
        case .full(let path): "\(path): disk full, the last batch was not written (earlier data is intact)"
        case .permissionDenied(let path): "\(path): permission denied"
        case .newerSchema(let path, let version):
            "\(path): written by a newer Palisade (schema \(version)); upgrade Palisade to open it"
        case .busy(let path): "\(path): the store is locked by another process"
        case .failed(let path, let detail): "\(path): \(detail)"
        }
    }
}
