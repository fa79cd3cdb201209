import Testing
@testable import TerminalUI

/// The picker: typing filters with the caller's matcher, arrows move and scroll, Enter chooses,
/// Esc cancels, a multiple picker marks; drawn width-aware with "…" for what does not fit.
@Suite struct PickerTests {
    static let levels = [
        PickerChoice(id: "decision", label: "决策层", detail: "decision"),
        PickerChoice(id: "manager", label: "管理层", detail: "manager"),
        PickerChoice(id: "operator", label: "操作层", detail: "operator"),
    ]

    /// A stand-in for the dashboard's pinyin matcher: the first letters the test gives each label.
    static let initials: [String: String] = ["决策层": "jcc", "管理层": "glc", "操作层": "czc"]
    static let matcher: PickerMatcher = { query, choice in
        (initials[choice.label] ?? "").hasPrefix(query) || choice.label.contains(query)
    }

    static let roles = ["发起者", "决策者", "使用者", "设计者", "评估者", "批准者", "采购负责人兼项目总协调人（华东区域）"]
        .enumerated().map { PickerChoice(id: "r\($0.offset)", label: $0.element) }

    private func type(_ text: String, into state: inout PickerState, pageSize: Int = 5) {
        for character in text { _ = state.handle(.char(character), pageSize: pageSize, matcher: Self.matcher) }
    }

    @Test func typingFiltersWithTheCallersMatcherAndEnterChoosesTheHighlightedOne() {
        var state = PickerState(title: "级别", choices: Self.levels, selected: "manager")
        #expect(state.highlighted?.id == "manager")
        type("c", into: &state)
        #expect(state.visible == [2])
        #expect(state.highlighted?.label == "操作层")
        _ = state.handle(.backspace, pageSize: 5, matcher: Self.matcher)
        // Back to every choice: the highlight stays where it was.
        #expect(state.visible == [0, 1, 2] && state.highlighted?.id == "operator")
        type("jc", into: &state)
        #expect(state.handle(.enter, pageSize: 5, matcher: Self.matcher) == .chosen(["decision"]))
    }

    @Test func nothingMatchingChoosesNothingAndEscCancels() {
        var state = PickerState(title: "级别", choices: Self.levels)
        type("xyz", into: &state)
        #expect(state.visible.isEmpty && state.highlighted == nil)
        #expect(state.handle(.enter, pageSize: 5, matcher: Self.matcher) == nil)
        #expect(state.handle(.escape, pageSize: 5, matcher: Self.matcher) == .cancelled)
    }

    @Test func lettersAreTypedNotTakenAsMovementKeys() {
        var state = PickerState(title: "t", choices: ["jade", "gold", "kite"].map { PickerChoice(id: $0, label: $0) })
        for key in ["j", "k", "g", "G"] { _ = state.handle(.char(Character(key)), pageSize: 5) }
        #expect(state.query.text == "jkgG")
        #expect(state.visible.isEmpty)
    }

    @Test func multiplePickerMarksWithSpaceOrTabAndChoosesTheMarkedInChoiceOrder() {
        var state = PickerState(title: "角色", choices: Self.roles, multiple: true, marked: ["r1"])
        _ = state.handle(.down, pageSize: 5)
        _ = state.handle(.down, pageSize: 5)
        _ = state.handle(.char(" "), pageSize: 5)   // marks 使用者
        _ = state.handle(.up, pageSize: 5)
        _ = state.handle(.tab, pageSize: 5)         // unmarks 决策者
        _ = state.handle(.home, pageSize: 5)
        _ = state.handle(.tab, pageSize: 5)         // marks 发起者
        #expect(state.handle(.enter, pageSize: 5) == .chosen(["r0", "r2"]))
        // Every mark taken off is a choice too: no roles.
        var none = PickerState(title: "角色", choices: Self.roles, multiple: true, marked: ["r3"])
        _ = none.handle(.down, pageSize: 5)
        _ = none.handle(.down, pageSize: 5)
        _ = none.handle(.down, pageSize: 5)
        _ = none.handle(.tab, pageSize: 5)
        #expect(none.handle(.enter, pageSize: 5) == .chosen([]))
    }

    @Test func ctrlAMarksWhatTheFilterShowsOrClearsIt() {
        var state = PickerState(title: "角色", choices: Self.roles, multiple: true)
        _ = state.handle(.char("者"), pageSize: 5)
        _ = state.handle(.ctrl("a"), pageSize: 5)
        #expect(state.marked == ["r0", "r1", "r2", "r3", "r4", "r5"])
        _ = state.handle(.ctrl("a"), pageSize: 5)
        #expect(state.marked.isEmpty)
    }

    @Test func arrowsScrollALongListAndKeepTheHighlightInView() {
        let many = (1...30).map { PickerChoice(id: "\($0)", label: "客户 \($0)") }
        var state = PickerState(title: "客户", choices: many)
        for _ in 0..<7 { _ = state.handle(.down, pageSize: 5) }
        #expect(state.scroll.selected == 7 && state.scroll.offset == 3)
        _ = state.handle(.pageDown, pageSize: 5)
        #expect(state.highlighted?.id == "13")
        _ = state.handle(.end, pageSize: 5)
        #expect(state.highlighted?.id == "30" && state.scroll.offset == 25)
    }

    @Test func aClickSelectsADoubleClickChooses() {
        var state = PickerState(title: "级别", choices: Self.levels)
        #expect(state.handle(MouseEvent(x: 5, y: 12, kind: .click), listTop: 10, pageSize: 3) == nil)
        #expect(state.highlighted?.id == "operator")
        #expect(state.handle(MouseEvent(x: 5, y: 11, kind: .doubleClick), listTop: 10, pageSize: 3) == .chosen(["manager"]))
    }

    @Test func rendersCentredAt80x24WithFilterCountAndHighlight() {
        var canvas = Canvas(width: 80, height: 24)
        var state = PickerState(title: "级别", choices: Self.levels, selected: "manager")
        Picker.render(state, into: &canvas, area: canvas.bounds)
        // Sized to its longest choice (label, gap, detail) and centred; the last column holds ▲ ▼.
        #expect(Array(canvas.lines()[8...14]) == [
            "                            ┌ 级别 ────────────────┐",
            "                            │>                  3/3│",
            "                            │──────────────────────│",
            "                            │  决策层     decision │",
            "                            │› 管理层      manager │",
            "                            │  操作层     operator │",
            "                            └──────────────────────┘",
        ])
        #expect(canvas.roleAt(x: 31, y: 12) == .selected && canvas.roleAt(x: 31, y: 11) == .overlay)
        #expect(canvas.cursor == Point(x: 31, y: 9))
        type("c", into: &state)
        canvas = Canvas(width: 80, height: 24)
        Picker.render(state, into: &canvas, area: canvas.bounds)
        #expect(Array(canvas.lines()[9...13]) == [
            "                            │> c                1/3│",
            "                            │──────────────────────│",
            "                            │› 操作层     operator │",
            "                            │                      │",
            "                            │                      │",
        ])
        #expect(canvas.cursor == Point(x: 32, y: 9))
    }

    @Test func rendersMultipleMarksAndCutsALongChineseLabelWithAnEllipsisAt160x48() {
        var canvas = Canvas(width: 160, height: 48)
        let state = PickerState(title: "角色 roles", choices: Self.roles, multiple: true, marked: ["r1", "r6"])
        Picker.render(state, into: &canvas, area: Rect(x: 0, y: 0, width: 40, height: 48))
        let lines = canvas.lines()
        let box = lines.indices.filter { lines[$0].contains("│") || lines[$0].contains("┌") || lines[$0].contains("└") }
        #expect(box.count == 11)
        #expect(box.map { lines[$0] } == [
            "┌ 角色 roles ──────────────────────────┐",
            "│>                                  7/7│",
            "│──────────────────────────────────────│",
            "│[ ] 发起者                            │",
            "│[x] 决策者                            │",
            "│[ ] 使用者                            │",
            "│[ ] 设计者                            │",
            "│[ ] 评估者                            │",
            "│[ ] 批准者                            │",
            "│[x] 采购负责人兼项目总协调人（华东区… │",
            "└──────────────────────────────────────┘",
        ])
        // Every line is as wide as the box, whatever the script.
        #expect(box.allSatisfy { TextWidth.of(lines[$0]) == 40 })
        // Centred in the whole 160×48 screen, the box is as wide as the long label needs: nothing is cut.
        canvas = Canvas(width: 160, height: 48)
        Picker.render(state, into: &canvas, area: canvas.bounds)
        let whole = canvas.lines()
        #expect(whole[18] == String(repeating: " ", count: 58) + "┌ 角色 roles ──────────────────────────────┐")
        #expect(whole[27] == String(repeating: " ", count: 58) + "│[x] 采购负责人兼项目总协调人（华东区域）  │")
        #expect(whole[28] == String(repeating: " ", count: 58) + "└──────────────────────────────────────────┘")
    }

    @Test func aShortAreaScrollsAndShowsMoreMarkers() {
        var canvas = Canvas(width: 40, height: 7)
        var state = PickerState(title: "角色", choices: Self.roles)
        _ = state.handle(.down, pageSize: Picker.listRows(state, in: canvas.bounds))
        _ = state.handle(.down, pageSize: Picker.listRows(state, in: canvas.bounds))
        _ = state.handle(.down, pageSize: Picker.listRows(state, in: canvas.bounds))
        Picker.render(state, into: &canvas, area: canvas.bounds)
        let lines = canvas.lines()
        #expect(Picker.listRows(state, in: canvas.bounds) == 3)
        #expect(lines[3].contains("决策者") && lines[3].hasSuffix("▲│"))
        #expect(lines[5].contains("› 设计者") && lines[5].hasSuffix("▼│"))
    }
}
