/// One entry of a picker: what it stands for (`id`, handed back when chosen), what it shows,
/// and an optional dim note at the right ("3 deals", a code).
public struct PickerChoice: Hashable, Sendable {
    public var id: String
    public var label: String
    public var detail: String
    /// Not shown: more the filter matches (a label's pinyin initials, its other language), lower case.
    public var searchKey: String

    public init(id: String, label: String, detail: String = "", searchKey: String = "") {
        self.id = id
        self.label = label
        self.detail = detail
        self.searchKey = searchKey
    }
}

/// Whether a choice matches what was typed. The caller supplies it, so a CRM screen can match
/// pinyin initials (`jcc` → 决策层) without this layer knowing anything of Chinese names.
public typealias PickerMatcher = @Sendable (_ query: String, _ choice: PickerChoice) -> Bool

/// What a key did to a picker.
public enum PickerResult: Hashable, Sendable {
    /// The ids chosen, in the order of the choices: one for a single picker; for a multiple
    /// picker the marked ones (possibly none: every mark was taken off).
    case chosen([String])
    case cancelled
}

/// A list of fixed values to choose from instead of typing them: typing filters it, the arrows
/// move, Enter chooses, Esc cancels. A multiple picker (roles) marks with Space or Tab.
/// State and key handling are pure; `Picker.render` draws it into a canvas.
public struct PickerState: Hashable, Sendable {
    public let title: String
    public let choices: [PickerChoice]
    public let multiple: Bool
    public private(set) var query: TextFieldState
    /// Indexes into `choices` of those the query matches, in order.
    public private(set) var visible: [Int]
    /// Ids marked in a multiple picker.
    public private(set) var marked: Set<String>
    /// Selection and scroll within `visible`.
    public private(set) var scroll: ScrollState
    /// Shown instead of the list when nothing matches ("no match", "无匹配").
    public var noMatch: String
    /// Set where a value outside the list may be typed (a competitor not met before): what the
    /// extra last row says before the typed text ("new", "新增"). Choosing it hands back
    /// `PickerState.typedID(text)`.
    public let typedEntry: String?

    /// The id a typed value is handed back as: it never equals a choice's own id.
    public static func typedID(_ text: String) -> String { typedPrefix + text }
    /// The text a typed value's id stands for; nil for a choice's id.
    public static func typedText(_ id: String) -> String? { id.hasPrefix(typedPrefix) ? String(id.dropFirst(typedPrefix.count)) : nil }
    static let typedPrefix = "\u{1F}typed:"

    /// `selected` puts the highlight on that choice (a single picker's current value); `marked`
    /// starts a multiple picker with those ids marked (the values the field holds now).
    public init(title: String, choices: [PickerChoice], multiple: Bool = false, selected: String? = nil,
                marked: Set<String> = [], noMatch: String = "—", typedEntry: String? = nil) {
        self.title = title
        self.typedEntry = multiple ? nil : typedEntry
        self.choices = choices
        self.multiple = multiple
        self.marked = multiple ? marked.intersection(choices.map(\.id)) : []
        self.noMatch = noMatch
        query = TextFieldState()
        visible = Array(choices.indices)
        let start = selected.flatMap { id in choices.firstIndex { $0.id == id } } ?? 0
        scroll = ScrollState(selected: start, offset: 0)
    }

    /// The choice under the highlight, nil when nothing matches; the typed value's row stands
    /// for a choice whose id is `typedID` of the text.
    public var highlighted: PickerChoice? {
        if visible.indices.contains(scroll.selected) { return choices[visible[scroll.selected]] }
        if scroll.selected == visible.count, let typed = typedValue { return PickerChoice(id: Self.typedID(typed), label: typed) }
        return nil
    }

    /// The filter's text, offered as a value of its own: where typing is allowed and no choice is labelled so.
    public var typedValue: String? {
        guard typedEntry != nil else { return nil }
        let wanted = Self.trimmed(query.text)
        guard !wanted.isEmpty, !choices.contains(where: { $0.label.lowercased() == wanted.lowercased() }) else { return nil }
        return wanted
    }

    /// Rows the list shows: the matches, and the typed value's row when there is one.
    public var rowCount: Int { visible.count + (typedValue == nil ? 0 : 1) }

    static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// Applies a key. Nil while the picker stays open. `pageSize` is the number of list rows
    /// the picker shows (from `Picker.listRows`), so PgUp/PgDn move by what is seen.
    public mutating func handle(_ key: Key, pageSize: Int, matcher: PickerMatcher = Picker.containsMatcher) -> PickerResult? {
        switch key {
        case .escape:
            return .cancelled
        case .enter:
            if multiple { return .chosen(choices.map(\.id).filter(marked.contains)) }
            return highlighted.map { .chosen([$0.id]) }
        case .up, .down, .pageUp, .pageDown, .home, .end:
            // Not `ScrollState.handle` alone: its j/k/g/G are letters a filter must be able to take.
            scroll.handle(key, count: rowCount, pageSize: pageSize)
        case .tab where multiple, .char(" ") where multiple:
            toggleHighlighted()
        case .ctrl("a") where multiple:
            // Marks every choice the filter shows, or clears them when all are marked already.
            let shown = visible.map { choices[$0].id }
            if shown.allSatisfy(marked.contains) { marked.subtract(shown) } else { marked.formUnion(shown) }
        default:
            let before = query.text
            guard query.handle(key) else { return nil }
            if query.text != before { refilter(matcher: matcher, pageSize: pageSize) }
        }
        return nil
    }

    /// Selects the row a click landed on; a double click on it chooses it (single) or marks it (multiple).
    public mutating func handle(_ mouse: MouseEvent, listTop: Int, pageSize: Int) -> PickerResult? {
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            scroll.handle(mouse, count: rowCount, pageSize: pageSize)
        case .click, .doubleClick:
            guard scroll.select(row: mouse.y, top: listTop, count: rowCount, pageSize: pageSize) else { return nil }
            guard mouse.kind == .doubleClick else { return nil }
            if multiple { toggleHighlighted() } else { return highlighted.map { .chosen([$0.id]) } }
        }
        return nil
    }

    private mutating func toggleHighlighted() {
        guard let choice = highlighted else { return }
        if marked.contains(choice.id) { marked.remove(choice.id) } else { marked.insert(choice.id) }
    }

    /// Filters anew after the query changed; the highlight stays on the same choice when it
    /// still matches, else goes to the first match.
    private mutating func refilter(matcher: PickerMatcher, pageSize: Int) {
        let current = highlighted?.id
        let wanted = Self.trimmed(query.text)
        visible = wanted.isEmpty ? Array(choices.indices) : choices.indices.filter { matcher(wanted, choices[$0]) }
        let keep = current.flatMap { id in visible.firstIndex { choices[$0].id == id } } ?? 0
        scroll = ScrollState(selected: keep, offset: 0)
        scroll.clamp(count: rowCount, pageSize: pageSize)
    }
}

public enum Picker {
    /// Case-insensitive substring of the label, the detail or the search key: the matcher when
    /// the caller has none better.
    public static let containsMatcher: PickerMatcher = { query, choice in
        let wanted = query.lowercased()
        return choice.label.lowercased().contains(wanted) || choice.detail.lowercased().contains(wanted)
            || choice.searchKey.contains(wanted)
    }

    /// The box a picker takes when centred in `area`: wide enough for its longest choice (and
    /// at most the area), tall enough for its choices (and at most the area).
    public static func frame(_ state: PickerState, in area: Rect) -> Rect {
        let longest = state.choices.map { TextWidth.of($0.label) + (state.multiple ? 4 : 2) + ($0.detail.isEmpty ? 0 : TextWidth.of($0.detail) + 2) }.max() ?? 0
        let width = min(area.width, max(24, TextWidth.of(state.title) + 6, longest + 4))
        // Border, query line, rule, the list, border.
        let height = min(area.height, max(6, state.choices.count + 4))
        return area.centered(width: width, height: height)
    }

    /// How many choices show at once in that box: what PgUp/PgDn move by.
    public static func listRows(_ state: PickerState, in area: Rect) -> Int {
        max(1, frame(state, in: area).height - 4)
    }

    /// Draws the picker centred in `area`, over whatever is there: a titled box, the filter with
    /// the count of matches ("3/12"), and the visible choices; a multiple picker shows [x] marks.
    /// Long labels end in "…"; ▲ ▼ at the right say there is more above or below.
    public static func render(_ state: PickerState, into canvas: inout Canvas, area: Rect) {
        let box = frame(state, in: area)
        guard box.width >= 8, box.height >= 5 else { return }
        canvas.fill(box, role: .overlay)
        canvas.box(box, title: state.title, role: .borderFocused)
        let inner = box.inset(dx: 1, dy: 1)
        let count = "\(state.visible.count)/\(state.choices.count)"
        let countWidth = TextWidth.of(count)
        canvas.put("> ", x: inner.x, y: inner.y, role: .accent)
        let fieldWidth = max(1, inner.width - 2 - countWidth - 1)
        TextField.render(into: &canvas, rect: Rect(x: inner.x + 2, y: inner.y, width: fieldWidth, height: 1),
                         state: state.query, focused: true)
        canvas.put(count, x: inner.maxX - countWidth, y: inner.y, role: .dim)
        canvas.hline(x: inner.x, y: inner.y + 1, length: inner.width, role: .border)
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        guard state.rowCount > 0 else {
            canvas.put(state.noMatch, x: list.x + 1, y: list.y, role: .dim, maxWidth: list.width - 1)
            return
        }
        var scroll = state.scroll
        scroll.clamp(count: state.rowCount, pageSize: list.height)
        // One column at the right for the ▲ ▼ markers, so a label never runs under them.
        let textWidth = list.width - 1
        for row in 0..<list.height {
            let index = scroll.offset + row
            guard index < state.rowCount else { break }
            let isSelected = index == scroll.selected
            let role: StyleRole = isSelected ? .selected : .overlay
            canvas.fill(Rect(x: list.x, y: list.y + row, width: textWidth, height: 1), role: role)
            guard index < state.visible.count else {
                // The typed value's row: "+ new: 川仪".
                let text = "+ \(state.typedEntry ?? ""): \(state.typedValue ?? "")"
                canvas.put(TextWidth.truncate(text, to: textWidth), x: list.x, y: list.y + row, role: isSelected ? .selected : .accent, maxWidth: textWidth)
                continue
            }
            let choice = state.choices[state.visible[index]]
            let mark = state.multiple ? (state.marked.contains(choice.id) ? "[x] " : "[ ] ") : (isSelected ? "› " : "  ")
            // Label and detail whole when both fit; else the detail gives way to a third of the row.
            let available = textWidth - TextWidth.of(mark)
            let detailNeed = TextWidth.of(choice.detail)
            let detailWidth = detailNeed == 0 ? 0
                : TextWidth.of(choice.label) + 1 + detailNeed <= available ? detailNeed : min(detailNeed, available / 3)
            let labelWidth = available - (detailWidth > 0 ? detailWidth + 1 : 0)
            let x = list.x + canvas.put(mark, x: list.x, y: list.y + row, role: role)
            canvas.put(TextWidth.truncate(choice.label, to: max(0, labelWidth)), x: x, y: list.y + row, role: role, maxWidth: labelWidth)
            if detailWidth > 0 {
                let detail = TextWidth.truncate(choice.detail, to: detailWidth)
                canvas.put(detail, x: list.x + textWidth - TextWidth.of(detail), y: list.y + row, role: isSelected ? .selected : .dim)
            }
        }
        if scroll.offset > 0 { canvas.put("▲", x: list.maxX - 1, y: list.y, role: .dim) }
        if scroll.offset + list.height < state.rowCount { canvas.put("▼", x: list.maxX - 1, y: list.maxY - 1, role: .dim) }
    }
}
