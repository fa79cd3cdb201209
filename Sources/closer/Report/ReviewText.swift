import CloserCore
import Foundation
import TerminalUI

/// The weekly review as text for a terminal or a mail, as Markdown tables for chat, or as one
/// long CSV table (a `section` column says which part a row belongs to) for a spreadsheet.
struct ReviewText {
    let review: WeeklyReview
    let process: ProcessTemplate
    let catalog: ProcessCatalog
    let lang: Language
    /// Who the logins are: reps are shown by the names the team knows them by.
    let directory: TeamDirectory
    /// The day the review is read on: dates outside its year show the year.
    let today: Day

    func stageName(_ key: String) -> String { catalog.stageName(key, preferring: process, lang: lang) }

    func total(_ total: BaseTotal) -> String { ReviewWording.total(total, lang: lang) }

    static func percent(_ rate: Double?) -> String { ReviewWording.percent(rate) }

    /// Per-currency sums, as the health report words them.
    static func totals(_ totals: CurrencyTotals) -> String { ReviewWording.totals(totals) }

    var title: String {
        let who = review.rep.map { " · \(directory.name($0))" } ?? ""
        let days = ReviewPeriod(since: review.since, through: review.until.adding(days: -1)).map { ReviewWording.period($0, today: today) }
            ?? review.since.description
        return LocalizedText(en: "Weekly review \(days)\(who) · \(process.name.en) · amounts in \(review.baseCurrency)",
                             zh: "周报 \(days)\(who) · \(process.name.zh) · 金额以 \(review.baseCurrency) 计")[lang]
    }

    typealias Section = (title: String, header: [String], rows: [[String]])

    /// Where a target not set for the period itself comes from.
    func sourceNote(_ source: TargetSource) -> String {
        switch source {
        case .set: ""
        case .reps: LocalizedText(en: " (sum of reps)", zh: "（销售合计）")[lang]
        case .months: LocalizedText(en: " (sum of months)", zh: "（月度合计）")[lang]
        }
    }

    var forecastTitle: String { LocalizedText(en: "Forecast", zh: "预测")[lang] }

    /// Each section as a header and rows, shared by every format.
    var sections: [Section] {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        func money(_ minorUnits: Int64?) -> String { minorUnits.map { Money.compact($0, lang) } ?? "—" }
        var result: [Section] = []
        result.append((l("Funnel (open deals now)", "漏斗（当前在途）"), [l("stage", "阶段"), l("deals", "数量"), l("amount", "金额"), l("weighted", "加权")],
                       review.funnel.map { [stageName($0.stage), "\($0.count)", total($0.baseAmount), total($0.baseWeighted)] }))
        let days = Dictionary(uniqueKeysWithValues: review.daysInStage.map { ($0.stage, $0) })
        result.append((l("Conversion and days in stage, last \(review.weeks) weeks", "转化率与阶段停留天数（近 \(review.weeks) 周）"),
                       [l("stage", "阶段"), l("entered", "进入"), l("went on", "推进"), l("conversion", "转化率"), l("exits", "离开"), l("avg days", "平均天数")],
                       review.conversions.map { c in
                           let d = days[c.fromStage]
                           return [stageName(c.fromStage) + " → " + stageName(c.toStage), "\(c.entered)", "\(c.advanced)", Self.percent(c.rate),
                                   "\(d?.exits ?? 0)", String(format: "%.1f", d?.averageDays ?? 0)]
                       }))
        result.append((forecastTitle, [l("period", "期间"), l("weighted", "加权"), l("commit", "承诺"), l("best case", "乐观"),
                                       l("pipeline", "管道"), l("won", "已赢单"), l("manager's call", "经理判断"), l("target", "目标"),
                                       l("attainment", "完成率"), l("gap", "缺口")],
                       review.forecast.map { f in
                           let standing = f.attainment(rep: review.rep)
                           return [f.period, total(f.baseWeighted), total(f.baseCommit), total(f.baseBestCase), total(f.basePipeline), total(f.baseWon),
                                   f.managerCall.map { "\($0.amount.compact(lang)) (\(directory.name($0.by)))" } ?? "—",
                                   f.target.map { total($0.amount) + sourceNote($0.source) } ?? "—",
                                   standing?.ratioText ?? "—", money(standing?.gap)]
                       }))
        for (kind, list) in review.lists {
            let heading = "\(kind.label[lang]) · \(list.count)" + (list.count == 0 ? "" : " · \(total(list.base))")
            result.append((heading, ["#", l("deal", "商机"), l("account", "客户"), l("owner", "负责人"), l("amount", "金额"), l("stage", "阶段"), l("detail", "说明")],
                           list.items.map { item in
                               ["\(item.dealID)", item.title, item.accountName, directory.name(item.owner),
                                ReviewWording.amount(item, base: review.baseCurrency, lang: lang), stageName(item.stage),
                                ReviewWording.detail(item, kind, lang: lang, today: today, stageName: stageName)]
                           }))
        }
        result.append(accountPlansSection)
        result.append((l("Close dates moved", "预计成交日期变动") + " · \(review.closeDatesMoved)",
                       ["#", l("deal", "商机"), l("owner", "负责人"), l("from", "原日期"), l("to", "新日期"), l("days", "天数"), l("pushed ever", "累计推迟")],
                       review.closeDateChanges.map { c in
                           ["\(c.item.dealID)", c.item.title, directory.name(c.item.owner), c.from.map { ReviewWording.day($0, today: today) } ?? "—",
                            c.to.map { ReviewWording.day($0, today: today) } ?? "—", (c.days > 0 ? "+" : "") + "\(c.days)", "\(c.pushesEver)"]
                       }))
        result.append((l("Accounts that changed quadrant", "象限变化的客户") + " · \(review.quadrantChanges.count)",
                       ["#", l("account", "客户"), l("from", "从"), l("to", "到")],
                       review.quadrantChanges.map { ["\($0.accountID)", $0.accountName, $0.from.label[lang], $0.to.label[lang]] }))
        let quarter = review.forecast.last?.period ?? ""
        result.append((l("Per rep", "按销售"), [l("rep", "销售"), l("open", "在途"), l("pipeline", "管道金额"), l("weighted", "加权"), l("won", "赢单"),
                                                l("moved", "推进/退回"), l("stalled", "停滞"), l("overdue", "逾期"),
                                                l("target \(quarter)", "\(quarter) 目标"), l("attainment", "完成率"), l("gap", "缺口")],
                       review.reps.map { r in
                           let standing = r.attainment.last
                           return [directory.name(r.rep), "\(r.openDeals)", total(r.basePipeline), total(r.baseWeighted), total(r.baseWon), "\(r.moved)",
                                   "\(r.stalled)", "\(r.overdue)", standing?.target.map { total($0.amount) } ?? "—", standing?.ratioText ?? "—",
                                   money(standing?.gap)]
                       }))
        return result
    }

    /// The actions planned on accounts alone, overdue (marked) or due in the coming week.
    var accountPlansSection: Section {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let plans = review.accountPlans
        let last = plans.through.map { ReviewWording.day($0, today: today) } ?? "—"
        let heading = AccountPlanList.label[lang] + " · \(plans.count)" + l(" · \(plans.overdue) overdue · due by \(last)", " · 逾期 \(plans.overdue) · 截至 \(last)")
        return (heading, ["#", l("due", "到期"), l("account", "客户"), l("rep", "销售"), l("action", "行动")],
                plans.items.map { ["\($0.planID)", $0.dueText(today: today, lang: lang), $0.accountName, directory.name($0.owner), $0.text] })
    }

    /// Each rep's and the team's standing against target this month and quarter.
    var targetsSection: Section {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let standings = review.attainment.map { (review.rep.map(directory.name) ?? l("team", "团队"), $0) }
            + review.reps.filter { $0.rep != review.rep }.flatMap { rep in rep.attainment.map { (directory.name(rep.rep), $0) } }
        return (l("Targets", "目标"), [l("who", "对象"), l("period", "期间"), l("target", "目标"), l("won", "已赢单"), l("commit", "承诺"),
                                       l("best case", "乐观"), l("attainment", "完成率"), l("gap", "缺口")],
                standings.map { who, a in
                    [who, a.period.description, a.target.map { total($0.amount) } ?? "—", total(a.won), total(a.commit), total(a.bestCase),
                     a.ratioText, a.gap.map { Money.compact($0, lang) } ?? "—"]
                })
    }

    /// The whole review in a format, headed by its title.
    func lines(_ format: ReportCommand.Format) -> [String] {
        let head: [String] = switch format {
        case .text: [title, String(repeating: "═", count: TextWidth.of(title)), ""]
        case .markdown: ["# " + title, ""]
        case .csv, .json: []
        }
        return head + Self.render(sections, format: format)
    }

    /// `maxWidth` cuts a text table's cells (display columns); Markdown and CSV are never cut.
    static func render(_ sections: [Section], format: ReportCommand.Format, maxWidth: Int = 40) -> [String] {
        switch format {
        case .text, .json: textLines(sections, maxWidth: maxWidth)
        case .markdown: markdownLines(sections)
        case .csv: csvLines(sections)
        }
    }

    static func textLines(_ sections: [Section], maxWidth: Int = 40) -> [String] {
        sections.flatMap { section in
            [section.title] + (section.rows.isEmpty ? ["  —"] : aligned([section.header] + section.rows, maxWidth: maxWidth).map { "  " + $0 }) + [""]
        }
    }

    static func markdownLines(_ sections: [Section]) -> [String] {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        return sections.flatMap { section -> [String] in
            var lines = ["## " + section.title, ""]
            if section.rows.isEmpty {
                lines.append("—")
            } else {
                lines.append("| " + section.header.map(cell).joined(separator: " | ") + " |")
                lines.append("|" + section.header.map { _ in " --- |" }.joined())
                lines += section.rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
            }
            return lines + [""]
        }
    }

    /// One table for a spreadsheet: the section's name, then its own columns (its header row first).
    static func csvLines(_ sections: [Section]) -> [String] {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let width = sections.map(\.header.count).max() ?? 0
        var lines = [(["section"] + (0..<width).map { "c\($0 + 1)" }).joined(separator: ",")]
        for section in sections {
            let name = section.title.components(separatedBy: " · ").first ?? section.title
            for row in [section.header] + section.rows {
                lines.append(([name] + row + Array(repeating: "", count: width - row.count)).map(field).joined(separator: ","))
            }
        }
        return lines
    }

    /// Columns padded by display width, so Chinese and Latin text line up; the first row is the header.
    static func aligned(_ rows: [[String]], maxWidth: Int = 40) -> [String] {
        guard let header = rows.first else { return [] }
        return Output.alignedLines(header, Array(rows.dropFirst()), maxWidth: maxWidth, rule: false)
    }
}
