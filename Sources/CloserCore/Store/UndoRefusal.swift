import Foundation

/// Why an undo was refused, with nothing written: said in either language (the dashboard's
/// status line) and in English as its description (the CLI, the log).
public enum UndoRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case notYours(change: Int64, by: String)
    case isAnUndo(change: Int64)
    case notUndoable(entity: String, action: String)
    case undoneAlready(change: Int64, by: String)
    case loggedBeforeUndo(change: Int64)
    case deleted(entity: String, id: Int64)
    /// The row changed after the change to undo; `by` nil when it was the user themselves.
    case changedSince(entity: String, id: Int64, by: String?, version: Int, current: Int)
    case movedNoStage(change: Int64)
    case nothingToUndo(change: Int64)
    case inexact(change: Int64)

    public var description: String { text.en }

    public var text: LocalizedText {
        switch self {
        case .notYours(let change, let by):
            LocalizedText(en: "change \(change) was made by \(by): you can undo only your own changes",
                          zh: "修改 \(change) 由 \(by) 所做：只能撤销自己的修改")
        case .isAnUndo(let change):
            LocalizedText(en: "change \(change) is itself an undo", zh: "修改 \(change) 本身就是一次撤销")
        case .notUndoable(let entity, let action):
            LocalizedText(en: "a \(entity) '\(action)' cannot be undone; a move, a milestone, a score change or an edit can",
                          zh: "\(Self.noun(entity).zh)的“\(ChangeWording.action(action).zh)”不能撤销；可撤销推进、关键节点、评分和编辑")
        case .undoneAlready(let change, let by):
            LocalizedText(en: "change \(change) was undone already (by \(by))", zh: "修改 \(change) 已被撤销（\(by)）")
        case .loggedBeforeUndo(let change):
            LocalizedText(en: "change \(change) was logged before changes could be undone", zh: "修改 \(change) 记录于可撤销之前")
        case .deleted(let entity, let id):
            LocalizedText(en: "\(entity) \(id) was deleted since: nothing to undo", zh: "\(Self.noun(entity).zh) \(id) 已被删除：无可撤销")
        case .changedSince(let entity, let id, let by, let version, let current):
            LocalizedText(
                en: "\(entity) \(id) was changed by \(by ?? "you (undo that change first)") since (version \(version) → \(current)): nothing was undone",
                zh: "\(Self.noun(entity).zh) \(id) 之后被\(by.map { " \($0) " } ?? "你自己（请先撤销那次修改）")修改过（版本 \(version) → \(current)）：未做任何撤销")
        case .movedNoStage(let change):
            LocalizedText(en: "change \(change) moved no stage", zh: "修改 \(change) 没有移动阶段")
        case .nothingToUndo(let change):
            LocalizedText(en: "change \(change) did not change anything to undo", zh: "修改 \(change) 没有可撤销的内容")
        case .inexact(let change):
            LocalizedText(en: "change \(change) cannot be undone exactly (a value it logged does not read back); nothing was undone",
                          zh: "修改 \(change) 无法准确撤销（记录的值无法读回）；未做任何撤销")
        }
    }

    static func noun(_ entity: String) -> LocalizedText {
        switch entity {
        case "deal": LocalizedText(en: "deal", zh: "商机")
        case "account": LocalizedText(en: "account", zh: "客户")
        case "person": LocalizedText(en: "person", zh: "人员")
        default: LocalizedText(en: entity, zh: entity)
        }
    }
}
