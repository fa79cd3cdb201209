import CloserCore
import ArgumentParser
import Foundation
import TerminalUI

/// The win/loss analysis as report sections: the totals, then one table per dimension.
struct WinLossText {
    let report: WinLossReport
    let lang: Language
    let directory: TeamDirectory
    let stageName: (String) -> String

    var title: String {
        let who = report.rep.map { " · \(directory.name($0))" } ?? ""
        let last = report.until.adding(days: -1)
        return LocalizedText(en: "Win/loss \(report.since) – \(last)\(who) · amounts in \(report.baseCurrency)",
                             zh: "赢单/丢单分析 \(report.since) 至 \(last)\(who) · 金额以 \(report.baseCurrency) 计")[lang]
    }

    var sections: [ReviewText.Section] {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let header = [l("won", "赢单"), l("lost", "丢单"), l("withdrawn", "放弃"), l("win rate", "赢率"), l("avg cycle (days)", "平均周期（天）"),
                      l("avg won", "平均赢单额"), l("won amount", "赢单金额"), l("lost amount", "丢单金额")]
        func figures(_ row: WinLossRow) -> [String] {
            ["\(row.won)", "\(row.lost)", "\(row.withdrawn)", ReviewWording.percent(row.winRate),
             row.averageCycleDays.map { String(format: "%.0f", $0) } ?? "—", row.averageWonSize.map { Money.compact($0, lang) } ?? "—",
             ReviewWording.total(row.wonAmount, lang: lang), ReviewWording.total(row.lostAmount, lang: lang)]
        }
        var result: [ReviewText.Section] = [(l("All closed deals", "全部已关闭商机"), header, [figures(report.total)])]
        for dimension in WinLossDimension.allCases {
            let rows = report.rows(dimension)
            switch dimension {
            case .reason:
                let lost = max(1, report.total.lost)
                result.append((dimension.label[lang], [l("reason", "原因"), l("lost", "丢单"), l("share", "占比"), l("lost amount", "丢单金额"),
                                                       l("avg cycle (days)", "平均周期（天）")],
                               rows.map { row in
                                   [row.key == LostReason.other ? LostReason.otherLabel[lang] : row.key, "\(row.lost)",
                                    ReviewWording.percent(Double(row.lost) / Double(lost)), ReviewWording.total(row.lostAmount, lang: lang),
                                    row.averageCycleDays.map { String(format: "%.0f", $0) } ?? "—"]
                               }))
            case .competitor:
                result.append((dimension.label[lang], [l("competitor", "竞争对手"), l("won against", "胜"), l("lost against", "负"),
                                                       l("won by them", "被其赢走"), l("win rate", "赢率"), l("lost amount", "丢单金额")],
                               rows.map { row in
                                   [row.key, "\(row.won)", "\(row.lost)", "\(row.lostTo)", ReviewWording.percent(row.winRate),
                                    ReviewWording.total(row.lostAmount, lang: lang)]
                               }))
            default:
                let name: (String) -> String = switch dimension {
                case .stage: stageName
                case .rep: directory.name
                default: { $0 }
                }
                let column = switch dimension {
                case .stage: l("stage", "阶段")
                case .rep: l("rep", "销售")
                default: l("period", "期间")
                }
                result.append((dimension.label[lang], [column] + header, rows.map { [name($0.key)] + figures($0) }))
            }
        }
        return result
    }

    func lines(_ format: ReportCommand.Format) -> [String] {
        let head: [String] = switch format {
        case .text: [title, String(repeating: "═", count: TextWidth.of(title)), ""]
        case .markdown: ["# " + title, ""]
        case .csv, .json: []
        }
        return head + ReviewText.render(sections, format: format)
    }
}

extension ReportCommand {
    struct WinLossCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "winloss",
            abstract: "Win rate, cycle length (creation → close) and won size of closed deals by lost reason, competitor, stage, rep and period.")
        @OptionGroup var store: StoreOptions
        @Option(help: "First close day counted (default: a year before --until).") var since: String?
        @Option(help: "Last close day counted (default: today).") var until: String?
        @Option(help: "Only this rep's deals.") var rep: String?
        @Option(help: "Only this process's deals.") var process: String?
        @Option(help: "text, markdown, csv or json.") var format: Format = .text
        @Option(help: "Language of the labels and amounts, zh or en (default from LANG / LC_ALL).") var lang: TUICommand.LanguageOption?

        func run() throws {
            let last = try until.map(Parse.day) ?? Day.today()
            let first = try since.map(Parse.day) ?? last.adding(days: -364)
            guard first <= last else { throw CLIError("--until \(last) is before --since \(first)") }
            let db = try store.open()
            let catalog = try db.processCatalog()
            if let process, catalog.process(process) == nil { throw CLIError("unknown process '\(process)' (closer process list)") }
            let directory = TeamDirectory(users: try db.users())
            let who = rep.map { directory.login(matching: $0) ?? $0 }
            let report = try db.winLoss(WinLossQuery(since: first, until: last.adding(days: 1), rep: who, processKey: process))
            if format == .json { return try Output.json(report) }
            let language = lang.language
            let preferred = process.flatMap { catalog.process($0) }
            let text = WinLossText(report: report, lang: language, directory: directory,
                                   stageName: { catalog.stageName($0, preferring: preferred, lang: language) })
            text.lines(format).forEach { Output.line($0) }
        }
    }
}
