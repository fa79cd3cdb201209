import CloserCore
import TerminalUI

/// Beside the chart: the selected person in full, then the account's coverage gaps, the paths
/// to its decision-makers and the persons with no manager mapped, as far as the height allows.
enum OrgSidePanel {
    static func render(_ org: OrgChartState, lang: Language, today: Day, into canvas: inout Canvas, area: Rect) {
        let inner = Panel.render(into: &canvas, rect: area, title: org.selectedPerson?.name ?? LocalizedText(en: "Key persons", zh: "关键人")[lang])
        var lines: [(String, StyleRole)] = []
        if let person = org.selectedPerson { lines += details(person, org: org, lang: lang, today: today, width: inner.width) }
        lines.append(("", .normal))
        lines.append((LocalizedText(en: "Coverage", zh: "覆盖情况")[lang] + (org.warnings.isEmpty ? "" : " (\(org.warnings.count))"), .header))
        if org.warnings.isEmpty { lines.append((LocalizedText(en: "✓ no gaps", zh: "✓ 无缺口")[lang], .success)) }
        for warning in org.warnings { lines.append(("⚠ " + warning.message[lang], warning.isSevere ? .error : .warning)) }
        if !org.paths.isEmpty {
            lines.append(("", .normal))
            lines.append((LocalizedText(en: "Paths to decision-makers", zh: "通往决策者的路径")[lang], .header))
            for path in org.paths {
                lines.append((OrgChartOutline.describe(path, tree: org.tree, lang: lang), path.steps == nil ? .warning : .normal))
                if let warning = path.opponentWarning(in: org.tree, lang: lang) { lines.append(("  " + warning, .warning)) }
            }
        }
        if !org.tree.unplaced.isEmpty {
            lines.append(("", .normal))
            lines.append((LocalizedText(en: "No manager mapped (\(org.tree.unplaced.count)) — m sets one", zh: "未挂接上级（\(org.tree.unplaced.count)）—— m 设置上级")[lang], .header))
            let names = org.tree.unplaced.compactMap { org.tree.persons[$0]?.name }.joined(separator: ", ")
            lines.append((names, .normal))
        }
        // The badge legend keeps the panel's last lines; the lists above take what is left.
        let legend = TextWidth.wrap(OrgChartLegend.line(lang), to: max(1, inner.width))
        let legendTop = inner.maxY - legend.count
        if legendTop > inner.y + 2 {
            for (index, piece) in legend.enumerated() { canvas.put(piece, x: inner.x, y: legendTop + index, role: .dim, maxWidth: inner.width) }
        }
        let listEnd = legendTop > inner.y + 2 ? legendTop - 1 : inner.maxY
        var y = inner.y
        for (text, role) in lines {
            // An empty entry is a blank separator line.
            for piece in text.isEmpty ? [""] : TextWidth.wrap(text, to: max(1, inner.width)) where y < listEnd {
                canvas.put(piece, x: inner.x, y: y, role: role, maxWidth: inner.width)
                y += 1
            }
        }
    }

    static func details(_ p: Person, org: OrgChartState, lang: Language, today: Day, width: Int) -> [(String, StyleRole)] {
        func label(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] + ": " }
        var lines: [(String, StyleRole)] = []
        let title = [p.title, p.isInsideCoach ? Person.coachMarker + LocalizedText(en: "inside coach", zh: "内线")[lang] : ""].filter { !$0.isEmpty }
        if !title.isEmpty { lines.append((title.joined(separator: "  "), p.isInsideCoach ? .coach : .normal)) }
        lines.append((p.level.label[lang] + " · " + p.function.label[lang], .normal))
        if !p.roles.isEmpty { lines.append((label("Roles", "角色") + p.roles.sorted().map { $0.label[lang] }.joined(separator: lang == .zh ? "、" : ", "), .normal)) }
        lines.append((label("Stance", "立场") + p.stance.symbol + p.stance.label[lang] + "   " + label("Influence", "影响") + "\(p.influence)",
                      OrgChartView.stanceRole(p.stance)))
        let manager = org.tree.parent(of: p.id).flatMap { org.tree.persons[$0]?.name } ?? "—"
        lines.append((label("Reports to", "上级") + manager + "   " + label("Reports", "下属") + "\(org.tree.reports(of: p.id).count)", .normal))
        if let met = p.lastMet {
            let days = met.days(until: today)
            let ago = LocalizedText(en: days == 0 ? "today" : "\(days) days ago", zh: days == 0 ? "今天" : "\(days) 天前")[lang]
            lines.append((label("Last met", "最近见面") + "\(met) (\(ago))", days > CoverageSettings().notMetDays ? .warning : .normal))
        } else {
            lines.append((label("Last met", "最近见面") + LocalizedText(en: "never", zh: "从未")[lang], .warning))
        }
        if !p.cares.isEmpty { lines.append((label("Cares about", "关注") + p.cares, .normal)) }
        if !p.notes.isEmpty { lines.append((label("Notes", "备注") + p.notes, .dim)) }
        let contact = [p.phone, p.email].filter { !$0.isEmpty }.joined(separator: "  ")
        if !contact.isEmpty { lines.append((contact, .dim)) }
        return lines
    }
}
