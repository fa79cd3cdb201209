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

    func stageName(_ key: String) -> String { catalog.stageName(key, preferring: process, lang: lang) }

    static func totals(_ totals: CurrencyTotals) -> String { ReviewWording.totals(totals) }

    static func percent(_ rate: Double?) -> String { ReviewWording.percent(rate) }

    var title: String {
        let who = review.rep.map { " · \($0)" } ?? ""
        return LocalizedText(en: "Weekly review \(review.since) – \(review.until.adding(days: -1))\(who) · \(process.name.en)",
                             zh: "周报 \(review.since) 至 \(review.until.adding(days: -1))\(who) · \(process.name.zh)")[lang]
    }

    typealias Section = (title: String, header: [String], rows: [[String]])

    var forecastTitle: String { LocalizedText(en: "Forecast", zh: "预测")[lang] }

    /// Each section as a header and rows, shared by every format.
    var sections: [Section] {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        var result: [Section] = []
        result.append((l("Funnel (open deals now)", "漏斗（当前在途）"), [l("stage", "阶段"), l("deals", "数量"), l("amount", "金额"), l("weighted", "加权")],
                       review.funnel.map { [stageName($0.stage), "\($0.count)", Self.totals($0.amount), Self.totals($0.weighted)] }))
        let days = Dictionary(uniqueKeysWithValues: review.daysInStage.map { ($0.stage, $0) })
        result.append((l("Conversion and days in stage, last \(review.weeks) weeks", "转化率与阶段停留天数（近 \(review.weeks) 周）"),
                       [l("stage", "阶段"), l("entered", "进入"), l("went on", "推进"), l("conversion", "转化率"), l("exits", "离开"), l("avg days", "平均天数")],
                       review.conversions.map { c in
                           let d = days[c.fromStage]
                           return [stageName(c.fromStage) + " → " + stageName(c.toStage), "\(c.entered)", "\(c.advanced)", Self.percent(c.rate),
                                   "\(d?.exits ?? 0)", String(format: "%.1f", d?.averageDays ?? 0)]
                       }))
        result.append((forecastTitle, [l("period", "期间"), l("weighted", "加权"), l("commit", "承诺"), l("best case", "乐观"),
                                               l("pipeline", "管道"), l("won", "已赢单"), l("manager's call", "经理判断")],
                       review.forecast.map { f in
                           [f.period, Self.totals(f.weighted), Self.totals(f.commit), Self.totals(f.bestCase), Self.totals(f.pipeline),
                            Self.totals(f.won), f.managerCall.map { "\($0.amount.currency) \(Money.compact($0.amount.minorUnits)) (\($0.by))" } ?? "—"]
                       }))
        for (kind, list) in review.lists {
            let heading = "\(kind.label[lang]) · \(list.count)" + (list.amount.isEmpty ? "" : " · \(Self.totals(list.amount))")
            result.append((heading, ["#", l("deal", "商机"), l("account", "客户"), l("owner", "负责人"), l("amount", "金额"), l("stage", "阶段"), l("detail", "说明")],
                           list.items.map { item in
                               ["\(item.dealID)", item.title, item.accountName, item.owner, "\(item.amount.currency) \(Money.compact(item.amount.minorUnits))",
                                stageName(item.stage), ReviewWording.detail(item, kind, lang: lang, stageName: stageName)]
                           }))
        }
        result.append((l("Close dates moved", "预计成交日期变动") + " · \(review.closeDatesMoved)",
                       ["#", l("deal", "商机"), l("owner", "负责人"), l("from", "原日期"), l("to", "新日期"), l("days", "天数"), l("pushed ever", "累计推迟")],
                       review.closeDateChanges.map { c in
                           ["\(c.item.dealID)", c.item.title, c.item.owner, c.from?.description ?? "—", c.to?.description ?? "—",
                            (c.days > 0 ? "+" : "") + "\(c.days)", "\(c.pushesEver)"]
                       }))
        result.append((l("Accounts that changed quadrant", "象限变化的客户") + " · \(review.quadrantChanges.count)",
                       ["#", l("account", "客户"), l("from", "从"), l("to", "到")],
                       review.quadrantChanges.map { ["\($0.accountID)", $0.accountName, $0.from.label[lang], $0.to.label[lang]] }))
        result.append((l("Per rep", "按销售"), [l("rep", "销售"), l("open", "在途"), l("pipeline", "管道金额"), l("weighted", "加权"), l("won", "赢单"),
                                                l("moved", "推进/退回"), l("stalled", "停滞"), l("overdue", "逾期")],
                       review.reps.map { r in
                           [r.rep, "\(r.openDeals)", Self.totals(r.pipeline), Self.totals(r.weighted), Self.totals(r.won), "\(r.moved)", "\(r.stalled)", "\(r.overdue)"]
                       }))
        return result
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
