import Testing
@testable import TerminalUI

@Suite struct ListAndTableTests {
    @Test func listScrollingKeepsSelectionVisible() {
        var state = ScrollState()
        let count = 50, page = 5
        for _ in 0..<12 { state.handle(.down, count: count, pageSize: page) }
        #expect(state.selected == 12)
        #expect((state.offset..<state.offset + page).contains(state.selected))
        state.handle(.pageDown, count: count, pageSize: page)
        #expect((state.offset..<state.offset + page).contains(state.selected))
        state.handle(.end, count: count, pageSize: page)
        #expect(state.selected == 49)
        #expect(state.offset == 45)
        state.handle(.home, count: count, pageSize: page)
        #expect(state == ScrollState(selected: 0, offset: 0))
        state.handle(.up, count: count, pageSize: page)
        #expect(state.selected == 0)
    }

    @Test func wheelScrollsAndDragsSelectionAlong() {
        var state = ScrollState()
        state.handle(MouseEvent(x: 0, y: 0, kind: .wheelDown), count: 20, pageSize: 4, step: 3)
        #expect(state.offset == 3)
        #expect(state.selected == 3)
        state.handle(MouseEvent(x: 0, y: 0, kind: .wheelUp), count: 20, pageSize: 4, step: 3)
        #expect(state.offset == 0)
        #expect((state.offset..<state.offset + 4).contains(state.selected))
    }

    @Test func listRendersVisibleWindowWithSelection() {
        var canvas = Canvas(width: 10, height: 3)
        var state = ScrollState(selected: 4, offset: 0)
        ListView.render(into: &canvas, rect: canvas.bounds, lines: ["a", "b", "c", "d", "e", "f"], state: &state)
        #expect(canvas.lines() == ["c", "d", "e"])
        #expect(canvas.roleAt(x: 5, y: 2) == .selected)
        #expect(canvas.roleAt(x: 0, y: 0) == .normal)
    }

    @Test func chineseTextAlignsInTableColumns() {
        var canvas = Canvas(width: 30, height: 4)
        let columns = [TableColumn("客户", width: 10), TableColumn("金额", width: 8, alignment: .right), TableColumn("Stage", width: 6)]
        TableView.render(into: &canvas, rect: canvas.bounds, columns: columns,
                         rows: [["华为技术有限公司", "1,200", "谈判"], ["Acme", "35", "Won"], ["小米", "99,999,999", "Lost"]],
                         total: 3, state: ScrollState(selected: 1), sort: TableSort(column: 1, ascending: false))
        #expect(canvas.lines() == [
            "客户          金额▼ Stage",
            "华为技术 …    1,200 谈判",   // the fifth wide char would straddle: a space, then "…"
            "Acme             35 Won",
            "小米       99,999,… Lost",
        ])
        // A formatted row is exactly as wide as its columns and gaps, whatever the script.
        #expect(TextWidth.of(TableView.format(["华为技术有限公司", "1", "x"], columns: columns)) == 26)
        #expect(canvas.roleAt(x: 0, y: 2) == .selected)
        #expect(canvas.roleAt(x: 0, y: 0) == .header)
        #expect(TableView.column(atX: 12, rect: canvas.bounds, columns: columns) == 1)
    }
}

@Suite struct TextFieldTests {
    @Test func cursorMovesByGraphemeAndMeasuresDisplayColumns() {
        var field = TextFieldState(text: "王小明")
        #expect(field.cursor == 3)
        #expect(field.cursorColumn == 6)
        field.handle(.left)
        field.handle(.char("A"))
        #expect(field.text == "王小A明")
        #expect(field.cursorColumn == 5)
        field.handle(.backspace)
        field.handle(.backspace)
        #expect(field.text == "王明")
        field.handle(.home)
        field.handle(.delete)
        #expect(field.text == "明")
        field.insert("👍🏽")
        #expect(field.cursor == 1)
        #expect(field.text == "👍🏽明")
    }

    @Test func ctrlUAndCtrlW() {
        var field = TextFieldState(text: "Acme 华为 deal")
        field.handle(.ctrl("w"))
        #expect(field.text == "Acme 华为 ")
        field.handle(.ctrl("w"))
        #expect(field.text == "Acme ")
        field.handle(.ctrl("u"))
        #expect(field.text == "")
        #expect(field.handle(.enter) == false)
    }

    @Test func controlCharactersAreNotInserted() {
        var field = TextFieldState()
        field.insert("\u{1B}")
        #expect(field.text == "")
    }

    @Test func renderScrollsToKeepCursorVisible() {
        var canvas = Canvas(width: 8, height: 1)
        let field = TextFieldState(text: "客户关系管理系统")  // 16 columns into 8
        TextField.render(into: &canvas, rect: canvas.bounds, state: field, focused: true)
        #expect(canvas.cursor == Point(x: 6, y: 0))
        // One column stays free for the cursor after the last character.
        #expect(canvas.lines() == ["理系统"])
        var start = field
        start.handle(.home)
        TextField.render(into: &canvas, rect: canvas.bounds, state: start, focused: true)
        #expect(canvas.cursor == Point(x: 0, y: 0))
        #expect(canvas.lines() == ["客户关系"])
    }

    @Test func formTabsBetweenFieldsAndShowsErrors() {
        var form = FormState(fields: [FormField(label: "Name"), FormField(label: "金额")])
        form.handle(.char("x"))
        form.handle(.tab)
        form.handle(.char("9"))
        #expect(form.text(of: 0) == "x")
        #expect(form.text(of: 1) == "9")
        form.handle(.backTab)
        #expect(form.focus == 0)
        form.setError("required", at: 0)
        var canvas = Canvas(width: 20, height: 3)
        Form.render(into: &canvas, rect: canvas.bounds, form: form)
        #expect(canvas.lines() == ["Name: x", "      required", "金额: 9"])
        #expect(canvas.cursor == Point(x: 7, y: 0))
        #expect(Form.height(of: form) == 3)
    }
}

@Suite struct OverlayTests {
    @Test func dialogRendersCentredWithButtons() {
        var canvas = Canvas(width: 30, height: 7)
        let dialog = Dialog(title: "Delete", message: ["Delete deal 华为?"], buttons: ["Yes", "No"], selected: 1)
        dialog.render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == [
            "",
            "   ┌ Delete ──────────────┐",
            "   │ Delete deal 华为?    │",
            "   │                      │",
            "   │   [ Yes ]  [ No ]    │",
            "   └──────────────────────┘",
            "",
        ])
        #expect(canvas.roleAt(x: 17, y: 4) == .selected)
        #expect(canvas.roleAt(x: 8, y: 4) == .overlay)
    }

    @Test func dialogKeys() {
        var dialog = Dialog(title: "t", message: [], buttons: ["OK", "Cancel"])
        #expect(dialog.handle(.right) == nil)
        #expect(dialog.selected == 1)
        #expect(dialog.handle(.enter) == .chosen(1))
        #expect(dialog.handle(.escape) == .cancelled)
        var confirm = ConfirmDialog(title: "Sure?", message: ["Really?"])
        #expect(confirm.handle(.enter) == false)  // default is No
        #expect(confirm.handle(.char("y")) == true)
        #expect(confirm.handle(.left) == nil)
        #expect(confirm.handle(.enter) == true)
    }

    @Test func helpOverlayListsCallerKeyMap() {
        var canvas = Canvas(width: 40, height: 10)
        HelpOverlay.render(into: &canvas, area: canvas.bounds, sections: [
            HelpSection(title: "Pipeline", entries: [KeyHint("←/→", "move stage"), KeyHint("n", "new deal")]),
            HelpSection(title: "全局", entries: [KeyHint("q", "退出")]),
        ])
        let lines = canvas.lines()
        #expect(lines.contains { $0.contains("┌ Help ") })
        #expect(lines.contains { $0.contains("│ Pipeline") })
        #expect(lines.contains { $0.contains("│ ←/→  move stage") })
        #expect(lines.contains { $0.contains("│ q    退出") })
        #expect(lines.contains { $0.contains("Esc close │") })
        guard let row = lines.firstIndex(where: { $0.contains("new deal") }),
              let column = canvas.cells[(row * 40)..<(row * 40 + 40)].firstIndex(where: { $0.text == "n" }) else {
            Issue.record("help line missing"); return
        }
        #expect(canvas.roleAt(x: column - row * 40, y: row) == "help.key")
    }

    @Test func statusBarAndTabBar() {
        var canvas = Canvas(width: 40, height: 2)
        StatusBar.render(into: &canvas, rect: Rect(x: 0, y: 0, width: 40, height: 1),
                         hints: [KeyHint("q", "Quit"), KeyHint("?", "Help")], right: "12 deals")
        #expect(canvas.lines()[0] == " q Quit  ? Help                12 deals")
        #expect(canvas.roleAt(x: 1, y: 0) == .statusKey)
        StatusBar.render(into: &canvas, rect: Rect(x: 0, y: 0, width: 40, height: 1), message: "Saved", messageRole: .success)
        #expect(canvas.lines()[0] == " Saved")
        #expect(canvas.roleAt(x: 1, y: 0) == .success)
        let ranges = TabBar.render(into: &canvas, rect: Rect(x: 0, y: 1, width: 40, height: 1), names: ["Pipeline", "客户"], active: 1)
        #expect(canvas.lines()[1] == " Pipeline   客户")
        #expect(TabBar.tab(atX: 12, ranges: ranges) == 1)
        #expect(canvas.roleAt(x: 12, y: 1) == "tab.active")
    }

    @Test func tooSmallMessageIsCentredInAnyLanguage() {
        var canvas = Canvas(width: 50, height: 3)
        TooSmallMessage.render(into: &canvas, text: TooSmallMessage.text(needWidth: 80, needHeight: 24, haveWidth: 50, haveHeight: 3))
        #expect(canvas.lines() == ["", "    Terminal too small: need 80×24, have 50×3", ""])
        var small = Canvas(width: 12, height: 4)
        TooSmallMessage.render(into: &small, text: "终端太小：需要 80×24")
        #expect(small.lines().filter { !$0.isEmpty }.count == 2)
        #expect(small.lines().allSatisfy { TextWidth.of($0) <= 12 })
    }
}
