import CloserCore
import Foundation
import TerminalUI

/// The health report as sections for `ReviewText.render`: the rules with their counts, each
/// rule's largest deals with what the data shows, the reps, what each rule means, and the
/// taboos the data cannot prove as coaching points.
struct HealthText {
    let report: HealthReport
    let catalog: ProcessCatalog
    let lang: Language

    func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }

    var title: String {
        let who = report.rep.map { " · \($0)" } ?? ""
        let process = report.processKey.flatMap(catalog.process).map { " · \($0.name[lang])" } ?? ""
        return l("Deal health \(report.today)", "商机健康 \(report.today)") + who + process
    }

    func stageName(_ key: String) -> String {
        catalog.processes.lazy.compactMap { $0.stage(key) }.first?.name[lang] ?? key
    }

    func money(_ amount: Money) -> String { "\(amount.currency) \(Money.compact(amount.minorUnits))" }

    var sections: [ReviewText.Section] {
        var result: [ReviewText.Section] = []
        let flagged = "\(report.flaggedDeals)/\(report.openDeals)" + (report.flaggedAmount.isEmpty ? "" : " · " + ReviewText.totals(report.flaggedAmount))
        result.append((l("Warnings · deals flagged \(flagged)", "预警 · 有预警的商机 \(flagged)"),
                       [l("rule", "规则"), l("taboo", "十忌"), l("warning", "预警"), l("deals", "数量"), l("amount", "金额")],
                       report.rules.map { list in
                           [list.rule.rawValue, "#\(list.rule.taboo)", list.rule.title[lang], "\(list.count)", ReviewText.totals(list.amount)]
                       }))
        for list in report.rules where list.count > 0 {
            let heading = "#\(list.rule.taboo) \(list.rule.title[lang]) · \(list.count)" + (list.amount.isEmpty ? "" : " · \(ReviewText.totals(list.amount))")
            result.append((heading, ["#", l("deal", "商机"), l("account", "客户"), l("owner", "负责人"), l("amount", "金额"), l("stage", "阶段"),
                                     l("what the data shows", "数据显示")],
                           list.items.map { item in
                               ["\(item.dealID)", item.title, item.accountName, item.owner, money(item.amount), stageName(item.stage), item.detail[lang]]
                           }))
        }
        result.append((l("Per rep", "按销售"), [l("rep", "销售"), l("open", "在途"), l("flagged", "有预警")] + report.rules.map { $0.rule.shortLabel[lang] },
                       report.reps.map { rep in
                           [rep.rep, "\(rep.openDeals)", "\(rep.flaggedDeals)"] + report.rules.map { "\(rep.count($0.rule))" }
                       }))
        result.append((l("What each warning means", "各项预警的含义"), [l("rule", "规则"), l("why", "原因"), l("fix", "做法")],
                       report.rules.map { [$0.rule.shortLabel[lang], $0.rule.why[lang], $0.rule.fix[lang]] }))
        result.append((l("Coaching points (taboos the data cannot prove)", "辅导要点（数据无法证明的禁忌）"), [l("taboo", "十忌"), l("point", "要点"), ""],
                       CoachingPoints.all.map { ["#\($0.taboo)", $0.title[lang], $0.point[lang]] }))
        return result
    }

    func lines(_ format: ReportCommand.Format) -> [String] {
        let head: [String] = switch format {
        case .text: [title, String(repeating: "═", count: TextWidth.of(title)), ""]
        case .markdown: ["# " + title, ""]
        case .csv, .json: []
        }
        // What the data shows, why and the fix are sentences: a text table keeps them whole.
        return head + ReviewText.render(sections, format: format, maxWidth: 160)
    }
}

/// A deal's warnings as `closer deal show` prints them: the rule, what the data shows, why and the fix.
enum HealthLines {
    static func lines(_ warnings: [HealthWarning], lang: Language) -> [String] {
        guard !warnings.isEmpty else {
            return [LocalizedText(en: "  none: no rule the data can prove is tripped", zh: "  无：数据可证明的规则均未触发")[lang]]
        }
        let why = LocalizedText(en: "why: ", zh: "原因：")[lang], fix = LocalizedText(en: "fix: ", zh: "做法：")[lang]
        let colon = LocalizedText(en: ": ", zh: "：")[lang]
        return warnings.flatMap { warning in
            ["  ! #\(warning.rule.taboo) \(warning.rule.title[lang]) (\(warning.rule.rawValue))\(colon)\(warning.detail[lang])",
             "      \(why)\(warning.rule.why[lang])",
             "      \(fix)\(warning.rule.fix[lang])"]
        }
    }
}
