import CloserCore
import TerminalUI

/// `m` (mine): the user's deals, unless they own none, where it asks who they are (a file
/// store) or says who the server knows them as, rather than showing an empty board.
enum WhoAmIUpdate {
    /// `m` with nothing filtered yet asks whether the user owns anything first; `m` again shows all.
    static func toggleMine(_ state: AppState) -> [Effect]? {
        guard state.filter.owner == nil else { return nil }
        return [.work(ReadOwnsDeals(), replyTo: .whoAmI)]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent, canActAsOthers: Bool) -> [Effect] {
        switch event {
        case .reply(let read as ReadOwnsDeals.Reply):
            if read.owns {
                var filter = state.filter
                filter.owner = read.user
                return [.setFilter(filter)]
            }
            let others = state.reps.filter { $0 != read.user }
            guard canActAsOthers, !others.isEmpty else {
                let who = state.numbers.directory.nameWithLogin(read.user)
                state.message = StatusMessage(LocalizedText(
                    en: "Connected as \(who), who owns no deals: showing everyone's",
                    zh: "当前连接用户为 \(who)，名下没有商机：显示全部")[state.lang])
                return []
            }
            state.overlay = .whoAmI(WhoAmIState(logins: state.numbers.directory.sortedLogins(state.reps)))
            return []
        case .command(let command):
            guard case .whoAmI(var picker) = state.overlay else { return [] }
            switch command {
            case .close:
                state.overlay = nil
                state.message = StatusMessage(LocalizedText(en: "Still \(state.numbers.directory.nameWithLogin(state.user)): showing everyone's deals",
                                                            zh: "仍为 \(state.numbers.directory.nameWithLogin(state.user))：显示全部商机")[state.lang])
                return []
            case .confirm:
                state.overlay = nil
                guard let login = picker.selected else { return [] }
                return [.actAs(login)]
            default:
                if let key = command.scrollKey { _ = picker.scroll.handle(key, count: picker.logins.count, pageSize: 10) }
                state.overlay = .whoAmI(picker)
                return []
            }
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
            return []
        default:
            return []
        }
    }
}

/// The picker: each member by name with their login beside, the one selected marked.
enum WhoAmIView {
    static func render(_ picker: WhoAmIState, state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let rows = min(picker.logins.count, max(1, area.height - 10))
        let box = area.centered(width: min(area.width - 4, 56), height: rows + 5)
        let inner = Panel.render(into: &canvas, rect: box, title: LocalizedText(en: "Who are you?", zh: "你是谁？")[lang], focused: true, fill: .overlay)
        let note = LocalizedText(en: "\(state.numbers.directory.nameWithLogin(state.user)) owns no deals. Act as (this session):",
                                 zh: "\(state.numbers.directory.nameWithLogin(state.user)) 名下没有商机。本次以谁的身份使用：")[lang]
        canvas.put(note, x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 2)
        var scroll = picker.scroll
        scroll.clamp(count: picker.logins.count, pageSize: rows)
        for (offset, index) in (scroll.offset..<min(picker.logins.count, scroll.offset + rows)).enumerated() {
            let line = " " + Sanitizer.clean(state.numbers.directory.nameWithLogin(picker.logins[index]))
            canvas.put(TextWidth.padRight(line, to: inner.width - 2), x: inner.x + 1, y: inner.y + 1 + offset,
                       role: index == scroll.selected ? .selected : .normal, maxWidth: inner.width - 2)
        }
        canvas.put(LocalizedText(en: "Enter act as · Esc stay", zh: "Enter 确认 · Esc 不变")[lang], x: inner.x + 1, y: inner.maxY - 1, role: .dim,
                   maxWidth: inner.width - 2)
    }
}

/// A store handle (and the importer over it) acting as another member of the same file store.
public struct ActAs: Sendable {
    let handle: @Sendable (String) -> (store: any Store, importer: (any ForeignImporting)?)

    public init(_ handle: @escaping @Sendable (String) -> (store: any Store, importer: (any ForeignImporting)?)) {
        self.handle = handle
    }
}

extension App {
    /// The dashboard acts as `login` from now on: reads show what they may see, writes are theirs.
    func act(as login: String) {
        guard let actAs else { return }
        let (store, importer) = actAs.handle(login)
        runner = EffectRunner(store: store, importer: importer)
        state.user = login
        state.message = StatusMessage(LocalizedText(en: "Acting as \(state.numbers.directory.nameWithLogin(login)) for this session",
                                                    zh: "本次以 \(state.numbers.directory.nameWithLogin(login)) 的身份使用")[state.lang])
        var filter = state.filter
        filter.owner = login
        setFilter(filter)
    }
}
