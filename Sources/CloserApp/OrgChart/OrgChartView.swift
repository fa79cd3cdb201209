import CloserCore
import TerminalUI

/// The key-person org chart screen: a heading, the chart (tree or level × function grid) and a
/// side panel with the selected person, the coverage gaps and the paths to the decision-makers.
enum OrgChartView {
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        let org = state.orgChart
        let parts = OrgChartScreenLayout(content: area)
        guard org.accountID != nil else {
            let hint = LocalizedText(
                en: "Choose an account first: select a deal on the board (1, 2) or an account (3, 4) and press o",
                zh: "请先选择客户：在看板（1、2）选中商机，或在客户界面（3、4）选中客户，再按 o")[lang]
            for (i, line) in TextWidth.wrap(hint, to: max(10, area.width - 4)).enumerated() {
                canvas.put(line, x: area.x + 2, y: area.y + 1 + i, role: .dim, maxWidth: area.width - 4)
            }
            return
        }
        heading(org, lang: lang, into: &canvas, rect: parts.header)
        if org.tree.isEmpty {
            let hint = LocalizedText(en: "No key persons mapped yet — press a to add the first one",
                                     zh: "尚未录入关键人 —— 按 a 添加第一位")[lang]
            for (i, line) in TextWidth.wrap(hint, to: max(10, parts.chart.width - 4)).enumerated() {
                canvas.put(line, x: parts.chart.x + 2, y: parts.chart.y + 1 + i, role: .dim, maxWidth: parts.chart.width - 2)
            }
        } else if org.lens == .grid {
            OrgGridView.render(org, lang: lang, into: &canvas, area: parts.chart)
        } else {
            chart(org, lang: lang, into: &canvas, area: parts.chart)
        }
        OrgSidePanel.render(org, lang: lang, today: state.today, into: &canvas, area: parts.side)
    }

    static func heading(_ org: OrgChartState, lang: Language, into canvas: inout Canvas, rect: Rect) {
        var x = rect.x + canvas.put(org.accountName, x: rect.x, y: rect.y, role: .title, maxWidth: rect.width / 2)
        let lens = org.lens == .tree ? LocalizedText(en: "reports-to tree", zh: "汇报关系") : LocalizedText(en: "level × function", zh: "层级 × 职能")
        let count = org.total > org.tree.count ? "\(org.tree.count)/\(org.total)" : "\(org.tree.count)"
        x += canvas.put("  " + LocalizedText(en: "\(count) persons · \(lens.en) [t]", zh: "\(count) 人 · \(lens.zh) [t]")[lang],
                        x: x, y: rect.y, role: .dim, maxWidth: rect.maxX - x)
        let severe = org.warnings.filter(\.isSevere).count
        if !org.warnings.isEmpty {
            let text = "  ⚠ \(org.warnings.count)"
            x += canvas.put(text, x: x, y: rect.y, role: severe > 0 ? .error : .warning, maxWidth: rect.maxX - x)
        }
        if let picking = org.pickingManagerFor, let person = org.tree.persons[picking] {
            let ask = LocalizedText(en: "  Pick \(person.name)'s manager: Enter sets · Backspace none · Esc cancels",
                                    zh: "  为 \(person.name) 选择上级：回车确定 · 退格设为无 · Esc 取消")[lang]
            canvas.put(ask, x: x, y: rect.y, role: .highlight, maxWidth: rect.maxX - x)
        }
    }

    /// Draws the part of the chart plane under the viewport, into a canvas of the chart's size
    /// so boxes cut by the edge stay clipped there.
    static func chart(_ org: OrgChartState, lang: Language, into canvas: inout Canvas, area: Rect) {
        var org = org
        org.prepareLayout(width: area.width, lang: lang)
        guard let layout = org.layout, area.width > 0, area.height > 0 else { return }
        var plane = Canvas(width: area.width, height: area.height)
        let view = Rect(x: org.scrollX, y: org.scrollY, width: area.width, height: area.height)
        if let heading = layout.unplacedHeading {
            let text = LocalizedText(en: "No manager mapped (\(heading.count))", zh: "未挂接上级（\(heading.count)）")[lang]
            plane.put(text, x: heading.point.x - view.x, y: heading.point.y - view.y, role: .header, maxWidth: layout.boxWidth)
        }
        for box in layout.boxes where !box.rect.intersection(view).isEmpty {
            guard let person = org.tree.persons[box.personID] else { continue }
            let rect = Rect(x: box.rect.x - view.x, y: box.rect.y - view.y, width: box.rect.width, height: box.rect.height)
            drawBox(person, rect: rect, hidden: box.hiddenReports, selected: person.id == org.selected,
                    moving: person.id == org.pickingManagerFor, lang: lang, into: &plane)
        }
        for glyph in layout.connectors.glyphs where view.contains(x: glyph.point.x, y: glyph.point.y) {
            plane.put(String(glyph.character), x: glyph.point.x - view.x, y: glyph.point.y - view.y, role: .border, maxWidth: 1)
        }
        canvas.blit(plane, x: area.x, y: area.y)
        // Say that there is more beyond an edge, as a scroll bar would.
        if view.maxX < layout.width { canvas.put("▶", x: area.maxX - 1, y: area.y + area.height / 2, role: .accent, maxWidth: 1) }
        if view.x > 0 { canvas.put("◀", x: area.x, y: area.y + area.height / 2, role: .accent, maxWidth: 1) }
        if view.maxY < layout.height { canvas.put("▼", x: area.x + area.width / 2, y: area.maxY - 1, role: .accent, maxWidth: 1) }
        if view.y > 0 { canvas.put("▲", x: area.x + area.width / 2, y: area.y, role: .accent, maxWidth: 1) }
    }

    /// The status line's reminder of the chart's keys (every key is in `?`).
    static func hints(_ lang: Language) -> [KeyHint] {
        func hint(_ key: String, _ en: String, _ zh: String) -> KeyHint { KeyHint(key, LocalizedText(en: en, zh: zh)[lang]) }
        return [
            hint("a", "add", "添加"), hint("e", "edit", "编辑"), hint("m", "manager", "上级"), hint("c", "coach", "内线"),
            hint("s", "stance", "立场"), hint("M", "meeting", "会面"), hint("Space", "fold", "折叠"), hint("t", "lens", "视图"),
            hint("/", "jump", "跳转"), hint("?", "help", "帮助"),
        ]
    }

    static func stanceRole(_ stance: Stance) -> StyleRole { .stance(stance) }

    /// ┌────────────┐
    /// │★张三 +      │   name, stance symbol (colour by stance)
    /// │设备工程师    │   title
    /// │操作·技术 用 10│   level·function, role badges, influence
    /// └─── +3 ─────┘   reports folded away
    static func drawBox(_ person: Person, rect: Rect, hidden: Int, selected: Bool, moving: Bool, lang: Language, into canvas: inout Canvas) {
        let border: StyleRole = selected ? .borderFocused : moving ? .warning : stanceRole(person.stance)
        let fill: StyleRole = selected ? .cardSelected : .normal
        canvas.fill(rect.inset(by: 1), role: fill)
        canvas.box(rect, role: border)
        let inner = rect.inset(dx: 1, dy: 1)
        let nameRole: StyleRole = selected ? .cardSelected : person.isInsideCoach ? .coach : stanceRole(person.stance)
        canvas.put(OrgChartBoxText.nameLine(person), x: inner.x, y: inner.y, role: nameRole, maxWidth: inner.width)
        canvas.put(person.title, x: inner.x, y: inner.y + 1, role: selected ? fill : .dim, maxWidth: inner.width)
        canvas.put(OrgChartBoxText.badgeLine(person, lang: lang), x: inner.x, y: inner.y + 2, role: fill, maxWidth: inner.width)
        if hidden > 0 {
            canvas.put(" +\(hidden) ", x: rect.x + 2, y: rect.maxY - 1, role: .accent, maxWidth: max(0, rect.width - 4))
        }
    }
}
