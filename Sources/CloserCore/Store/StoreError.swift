/// Every refusal a store can give, each one line a user can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notFound(entity: String, id: Int64)
    /// Someone else saved this row after it was read: nothing was overwritten.
    case staleVersion(entity: String, id: Int64, expected: Int, current: Int, lastChangedBy: String)
    case invalid(String)
    case rule(DealRuleError)
    case readOnly(path: String)
    case locked(path: String)
    case cannotOpen(path: String, reason: String)
    case duplicate(String)
    case refused(String)
    /// The server cannot be reached or the connection went: nothing was written — unless
    /// `mayHaveSaved`, when it went during the commit and the change may or may not have been kept.
    /// A client keeps what it shows and tries again later: this passes.
    case unreachable(String, mayHaveSaved: Bool = false)

    public var description: String {
        switch self {
        case .notFound(let entity, let id): "no \(entity) with id \(id)"
        case .staleVersion(let entity, let id, let expected, let current, let by):
            "\(entity) \(id) was changed by \(by) since you read it (version \(expected) → \(current)); nothing was overwritten — reload and try again"
        case .invalid(let message): message
        case .rule(let error): error.description
        case .readOnly(let path): "the store \(path) is read-only: nothing was written"
        case .locked(let path): "the store \(path) is locked by another program: nothing was written, try again in a moment"
        case .cannotOpen(let path, let reason): "cannot open the store \(path): \(reason)"
        case .duplicate(let message): message
        case .refused(let message): message
        case .unreachable(let message, _): message
        }
    }
}

extension StoreError {
    /// Whether `error` says the store is out of reach for now (a server restarting, a dropped connection).
    public static func isUnreachable(_ error: any Error) -> Bool {
        if case .unreachable? = error as? StoreError { return true }
        return false
    }
}
