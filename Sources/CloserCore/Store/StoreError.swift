/// Every refusal a store can give, each one line a user can act on, in either language.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notFound(entity: String, id: Int64)
    /// Someone else saved this row after it was read: nothing was overwritten.
    case staleVersion(entity: String, id: Int64, expected: Int, current: Int, lastChangedBy: String)
    case invalid(Refusal)
    case rule(DealRuleError)
    case readOnly(path: String)
    case locked(path: String)
    case cannotOpen(path: String, reason: String)
    case duplicate(Refusal)
    case refused(Refusal)
    /// The server cannot be reached or the connection went: nothing was written — unless
    /// `mayHaveSaved`, when it went during the commit and the change may or may not have been kept.
    /// A client keeps what it shows and tries again later: this passes.
    case unreachable(String, mayHaveSaved: Bool = false)

    public var description: String { text.en }

    /// The refusal in both languages: the dashboard shows `text[lang]`, the CLI its language's.
    public var text: LocalizedText {
        switch self {
        case .notFound(let entity, let id):
            LocalizedText(en: "no \(entity) with id \(id)", zh: "没有编号为 \(id) 的\(Subject.tableZH(entity))")
        case .staleVersion(let entity, let id, let expected, let current, let by):
            LocalizedText(
                en: "\(entity) \(id) was changed by \(by) since you read it (version \(expected) → \(current)); nothing was overwritten — reload and try again",
                zh: "\(Subject.tableZH(entity)) \(id) 在您读取后被 \(by) 修改过（版本 \(expected) → \(current)）；未覆盖任何内容——请重新加载后再试")
        case .invalid(let refusal), .duplicate(let refusal), .refused(let refusal):
            refusal.text
        case .rule(let error):
            error.text
        case .readOnly(let path):
            LocalizedText(en: "the store \(path) is read-only: nothing was written", zh: "存储 \(path) 是只读的：未写入任何内容")
        case .locked(let path):
            LocalizedText(en: "the store \(path) is locked by another program: nothing was written, try again in a moment",
                          zh: "存储 \(path) 被另一个程序锁定：未写入任何内容，请稍后再试")
        case .cannotOpen(let path, let reason):
            LocalizedText(en: "cannot open the store \(path): \(reason)", zh: "无法打开存储 \(path)（\(reason)）")
        case .unreachable(let message, let mayHaveSaved):
            LocalizedText(en: message, zh: mayHaveSaved ? "与存储服务器的连接在提交时中断：修改可能已保存，也可能没有，请稍后查看"
                                                       : "无法连接存储服务器：未写入任何内容，请稍后再试")
        }
    }

    /// The typed reason of a refusal, nil for the other errors.
    public var refusal: Refusal? {
        switch self {
        case .invalid(let refusal), .duplicate(let refusal), .refused(let refusal): refusal
        default: nil
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
