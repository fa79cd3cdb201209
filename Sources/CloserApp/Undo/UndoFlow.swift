import CloserCore
import Foundation
import TerminalUI

extension Command {
    public static let undo = Command("change.undo", en: "Undo my last change", zh: "撤销我的上一次修改")
}

/// Takes back the user's own last change since the dashboard opened, as a new logged change.
/// Refused (nothing written) when the row changed since; the refusal says who changed it.
struct UndoLast: Work, Equatable {
    var since: Date

    struct Reply: Sendable {
        /// The change that took it back; nil when there was nothing to undo.
        var undo: ChangeEvent?
    }

    func run(in world: World) throws -> Reply {
        guard let last = try world.store.lastUndoableChange(since: since) else { return Reply(undo: nil) }
        return Reply(undo: try world.store.undo(eventID: last.id))
    }
}

/// `u`, from any screen or the open deal: asks for the undo, says what was undone, and rereads.
enum UndoFlow {
    /// Why the undo was refused, in the reader's language where the store says it in both.
    static func reason(_ error: any Error) -> LocalizedText {
        switch error {
        case let refusal as UndoRefusal: refusal.text
        case StoreError.notFound(_, let id): LocalizedText(en: String(describing: error), zh: "没有编号为 \(id) 的修改")
        default: ErrorText.text(error)
        }
    }

    static func begin(_ state: AppState) -> [Effect] {
        [.work(UndoLast(since: state.openedAt ?? .distantPast), replyTo: .undo)]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .reply(let reply as UndoLast.Reply):
            guard let undo = reply.undo else {
                state.message = StatusMessage(LocalizedText(en: "Nothing of yours to undo since the dashboard opened",
                                                            zh: "打开看板以来您没有可撤销的修改")[lang])
                return []
            }
            state.message = StatusMessage(UndoNote.done(undo, catalog: state.catalog)[lang])
            return [.reload(keeping: undo.entity == "deal" ? undo.entityID : nil)]
        case .failed(_, let error):
            state.message = StatusMessage(LocalizedText(en: "Not undone: ", zh: "未撤销：")[lang] + reason(error)[lang], isError: true)
            return []
        case .reply, .load, .command, .mouse:
            return []
        }
    }
}
