import CloserCore
import TerminalUI

/// The team's saved filters on every screen: on the account screens `f` picks one into the
/// search field and `F` saves the current search under a name; on the board and the deal table
/// `f` keeps the deals whose account the filter selects. The same filters serve
/// `closer account list --filter` and `closer deal list --filter`.
public struct SavedFilterPicker: Sendable {
    /// Where the picked filter goes.
    public enum Target: Sendable, Equatable {
        case accountSearch
        case deals
    }

    public var filters: [SavedFilter]
    public var target: Target
    public var scroll = ScrollState()

    public init(filters: [SavedFilter], target: Target = .accountSearch) {
        self.filters = filters
        self.target = target
    }

    static let keys = KeyContext("filters", en: "Saved filters", zh: "保存的筛选")
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .confirm, keys),
        KeyBinding([.escape, .char("q"), .char("f")], .close, keys),
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.pageUp], .pageUp, keys),
        KeyBinding([.pageDown], .pageDown, keys),
        KeyBinding([.home, .char("g")], .selectFirst, keys),
        KeyBinding([.end, .char("G")], .selectLast, keys),
    ]
}

/// The saved filters' reads and writes, as work for the effect runner.
struct ReadSavedFilters: Work, Equatable {
    var target: SavedFilterPicker.Target
    struct Reply: Sendable {
        var filters: [SavedFilter]
        var target: SavedFilterPicker.Target
    }
    func run(in world: World) throws -> Reply { Reply(filters: try world.store.savedFilters(), target: target) }
}

struct SaveFilter: Work, Equatable {
    var filter: SavedFilter
    func run(in world: World) throws -> SavedFilter {
        try world.store.saveFilter(filter)
        return filter
    }
}

/// What the saved filters' replies do: the picker opens (or says there is none yet), a save is said.
enum SavedFilterUpdate {
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .reply(let read as ReadSavedFilters.Reply):
            guard !read.filters.isEmpty else {
                state.message = StatusMessage((read.target == .deals
                    ? LocalizedText(en: "No saved filters yet: search the account table (3) with /, then F saves it",
                                    zh: "尚无保存的筛选：在客户列表（3）用 / 搜索，再按 F 保存")
                    : LocalizedText(en: "No saved filters yet: type a search with /, then F saves it",
                                    zh: "尚无保存的筛选：先用 / 输入搜索，再按 F 保存"))[lang])
                return []
            }
            state.overlay = .accounts(.savedFilters(SavedFilterPicker(filters: read.filters, target: read.target)))
        case .reply(let saved as SavedFilter):
            state.message = StatusMessage(LocalizedText(en: "Saved filter “\(saved.name)”", zh: "已保存筛选“\(saved.name)”")[lang])
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
        default:
            break
        }
        return []
    }
}

extension App {
    func openSavedFilters(for target: SavedFilterPicker.Target) {
        perform([.work(ReadSavedFilters(target: target), replyTo: .savedFilters)])
    }

    func handleSavedFilterPicker(_ command: Command, _ picker: inout SavedFilterPicker) {
        switch command {
        case .close:
            state.overlay = nil
        case .confirm:
            state.overlay = nil
            guard picker.filters.indices.contains(picker.scroll.selected) else { return }
            let saved = picker.filters[picker.scroll.selected]
            switch picker.target {
            case .accountSearch: applyAccountSearch(saved.query)
            case .deals: applyDealFilter(saved)
            }
        default:
            guard let key = command.scrollKey else { return }
            _ = picker.scroll.handle(key, count: picker.filters.count, pageSize: 10)
            state.overlay = .accounts(.savedFilters(picker))
        }
    }

    /// Puts a query in the search field as if typed, and shows its result.
    func applyAccountSearch(_ query: String) {
        state.accountSearch.field = TextFieldState(text: query, maxLength: 300)
        state.accountSearch.editing = false
        state.accountSearch.parse()
        state.accounts.scroll = ScrollState()
        state.quadrant.scrolls = [:]
        reload()
    }

    /// The deals whose account the saved filter selects, on the board and the deal table. A
    /// filter that no longer parses (saved by another version, or edited in the file) is
    /// refused, saying where, and the filter in force stays.
    func applyDealFilter(_ saved: SavedFilter) {
        let conditions: [AccountCondition]
        do {
            conditions = try AccountQueryLanguage.parse(saved.query)
        } catch {
            state.message = StatusMessage(LocalizedText(
                en: "Saved filter “\(saved.name)” cannot be used: \(error)",
                zh: "保存的筛选“\(saved.name)”无法使用：\(error)")[state.lang], isError: true)
            return
        }
        // A deal query has no viewer: `owner:me` means the dashboard's user.
        let resolved = AccountQueryLanguage.resolvingMe(conditions, as: state.user)
        var filter = state.filter
        filter.accountConditions = resolved
        filter.accountFilterName = saved.name
        setFilter(filter)
    }

    func beginSaveFilter() {
        let text = state.accountSearch.field.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, state.accountSearch.error == nil else {
            state.message = StatusMessage(LocalizedText(
                en: "Type a search with / first; a query with an error cannot be saved",
                zh: "请先用 / 输入搜索；有错误的查询不能保存")[state.lang], isError: true)
            return
        }
        state.overlay = .prompt(PromptState(title: LocalizedText(en: "Save “\(text)” as", zh: "将“\(text)”保存为")[state.lang],
                                            purpose: .saveFilter(query: text)))
    }

    func saveFilter(named name: String, query: String) {
        perform([.work(SaveFilter(filter: SavedFilter(name: name, query: query, owner: state.user)), replyTo: .savedFilters)])
    }
}

enum SavedFilterPickerView {
    static func render(_ picker: SavedFilterPicker, state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        var scroll = picker.scroll
        let box = area.centered(width: min(area.width - 4, 72), height: min(area.height - 2, picker.filters.count + 4))
        let inner = Panel.render(into: &canvas, rect: box, title: LocalizedText(en: "Saved filters", zh: "保存的筛选")[lang],
                                 focused: true, fill: .overlay)
        let nameWidth = min(20, picker.filters.map { TextWidth.of($0.name) }.max() ?? 0)
        let items = picker.filters.map { ListView.Item(TextWidth.padRight(TextWidth.truncate($0.name, to: nameWidth), to: nameWidth) + "  " + $0.query) }
        ListView.render(into: &canvas, rect: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), items: items, state: &scroll)
        canvas.put("Enter · Esc", x: inner.x, y: inner.maxY - 1, role: .dim, maxWidth: inner.width)
    }
}
