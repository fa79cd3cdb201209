import CloserCore
import TerminalUI

/// The level × function lens (003): decision layer, management and operators against using,
/// technical and procurement departments. An empty cell says in words that we have no contact.
enum OrgGridView {
    static func render(_ org: OrgChartState, lang: Language, into canvas: inout Canvas, area: Rect) {
        let labelWidth = lang == .zh ? 8 : 12
        let (top, body) = area.splitTop(1)
        let columns = Rect(x: area.x + labelWidth, y: top.y, width: area.width - labelWidth, height: body.height + 1).columns(OrgGrid.functions.count, gap: 1)
        for (column, function) in OrgGrid.functions.enumerated() {
            canvas.put(function.label[lang], x: columns[column].x + 1, y: top.y, role: .header, maxWidth: columns[column].width - 1)
        }
        let rows = body.rows(OrgGrid.levels.count)
        for (row, level) in OrgGrid.levels.enumerated() {
            canvas.put(level.label[lang], x: area.x, y: rows[row].y + 1, role: .header, maxWidth: labelWidth - 1)
            for (column, function) in OrgGrid.functions.enumerated() {
                let cell = Rect(x: columns[column].x, y: rows[row].y, width: columns[column].width, height: rows[row].height)
                let ids = org.grid.persons(level: level, function: function)
                let holdsSelection = org.selected.map(ids.contains) ?? false
                let inner = Panel.render(into: &canvas, rect: cell, title: ids.isEmpty ? nil : "\(ids.count)", focused: holdsSelection)
                guard !ids.isEmpty else {
                    canvas.put(LocalizedText(en: "— no contact", zh: "—— 无联系人")[lang], x: inner.x + 1, y: inner.y, role: .warning, maxWidth: inner.width - 1)
                    continue
                }
                list(ids, org: org, lang: lang, into: &canvas, rect: inner)
            }
        }
    }

    /// The cell's persons, scrolled so the selected one shows, with a "+N" line for the rest.
    static func list(_ ids: [Int64], org: OrgChartState, lang: Language, into canvas: inout Canvas, rect: Rect) {
        guard rect.height > 0 else { return }
        let selectedIndex = org.selected.flatMap(ids.firstIndex(of:)) ?? 0
        let rows = ids.count > rect.height ? rect.height - 1 : rect.height
        let start = max(0, min(selectedIndex - rows + 1, ids.count - rows))
        for (line, id) in ids[start..<min(ids.count, start + max(0, rows))].enumerated() {
            guard let person = org.tree.persons[id] else { continue }
            let selected = id == org.selected
            let badges = person.roleBadges(lang)
            let text = OrgChartBoxText.nameLine(person) + (badges.isEmpty ? "" : " " + badges) + (person.title.isEmpty ? "" : " · " + person.title)
            let role: StyleRole = selected ? .selected : person.isInsideCoach ? .coach : OrgChartView.stanceRole(person.stance)
            canvas.put(TextWidth.padRight(text, to: rect.width), x: rect.x, y: rect.y + line, role: role, maxWidth: rect.width)
        }
        if ids.count > rows {
            let more = ids.count - rows
            canvas.put(LocalizedText(en: "+\(more) more", zh: "还有 \(more) 人")[lang], x: rect.x, y: rect.maxY - 1, role: .dim, maxWidth: rect.width)
        }
    }
}
