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
    /// The reader when the store limits them to the accounts they may see (a rep), else nil.
    var limitedReader: String? = nil

    var title: String {
        let who: String
        if let rep = report.rep {
            who = " · \(directory.name(rep))"
        } else if let reader = limitedReader {
            // A rep's figures are the accounts they may see, not the team's.
            who = LocalizedText(en: " · accounts \(directory.name(reader)) can see", zh: " · \(directory.name(reader))可见的客户")[lang]
        } else {
            who = ""
        }
        let last = report.until.adding(days: -1)
        return LocalizedText(en: "Win/loss \(report.since) – \(last)\(who) · amounts in \(report.baseCurrency)",
                             zh: "赢单/丢单分析 \(report.since) 至 \(last)\(who) · 金额以 \(report.baseCurrency) 计")[lang]
    }

    /// The tables the dashboard's win/loss view shows too, worded once in CloserCore.
    var sections: [ReviewText.Section] {
        WinLossTables(report: report, lang: lang, directory: directory, stageName: stageName).all.map { ($0.title, $0.header, $0.rows) }
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
            let reader = try db.whoIsActing()
            let text = WinLossText(report: report, lang: language, directory: directory,
                                   stageName: { catalog.stageName($0, preferring: preferred, lang: language) },
                                   limitedReader: reader.viewer?.role == .rep ? reader.name : nil)
            text.lines(format).forEach { Output.line($0) }
        }
    }
}
