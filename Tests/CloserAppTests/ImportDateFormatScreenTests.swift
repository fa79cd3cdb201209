@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI
import Testing

/// The import dialog's date format: a column that reads two ways is not a dead end — its two
/// readings are offered at once — and `d` on the preview says the format of any file.
@Suite("Import dialog: the dates' format")
struct ImportDateFormatScreenTests {
    /// A European export: 01-03-17 and 02-04-17 read both day first and month first.
    static let european = "商机名称,客户名称,金额,阶段,预计成交日期\r\n锅炉改造,中国石化,100万,提案,01-03-17\r\n扩建工程,宝钢集团,120万,投标,02-04-17\r\n"

    @Test func anAmbiguousColumnOffersItsTwoReadingsInChineseAt80() throws {
        let (app, store) = try ImportScreenTests.app(.zh, width: 80, height: 24)
        let lines = Array(ImportScreenTests.preview(app, try ImportScreenTests.file(Self.european)).dropFirst())
        let text = lines.joined(separator: "\n")
        #expect(text.contains("「预计成交日期」01-03-17 是？"), "\(text)")
        let top = try #require(lines.firstIndex { $0.contains("「预计成交日期」01-03-17 是？") })
        #expect(lines[top + 1].contains("│>") && lines[top + 1].contains("2/2│"), "\(lines[top + 1])")
        #expect(lines[top + 3].contains("› DD-MM-YY") && lines[top + 3].contains("日在前"), "\(lines[top + 3])")
        #expect(lines[top + 4].contains("  MM-DD-YY") && lines[top + 4].contains("月在前"), "\(lines[top + 4])")
        guard case .importFile(let screen) = app.state.overlay else { Issue.record("the dialog closed"); return }
        #expect(screen.error == "「预计成交日期」列的日期两种读法都成立（DD-MM-YY 或 MM-DD-YY，例如 01-03-17）：请选择")
        app.key(.enter)
        app.runPendingWork()
        let preview = app.lines()
        #expect(preview[3].contains("日期 DD-MM-YY"), "\(preview.joined(separator: "\n"))")
        app.press("i")
        app.runPendingWork()
        let deals = try store.deals(DealQuery(filter: DealFilter(text: "锅炉改造"), limit: 5)).rows
        #expect(deals.first?.expectedClose == Day(year: 2017, month: 3, day: 1), "read day first")
    }

    @Test func dOnThePreviewPicksAnyFormatInEnglishAt160() throws {
        let (app, _) = try ImportScreenTests.app(.en, width: 160, height: 48)
        let lines = Array(ImportScreenTests.preview(app, try ImportScreenTests.file(ImportScreenTests.csv)).dropFirst())
        #expect(lines[3].contains("dates automatic"), "\(lines[3])")
        app.press("d")
        let open = app.lines()
        let top = try #require(open.firstIndex { $0.contains("┌ Dates in the file ─") })
        #expect(open[top + 3].contains("› automatic (each column's values decide)"), "\(open[top + 3])")
        #expect(open[top + 5].contains("MM-DD-YYYY") && open[top + 5].contains("month first"), "\(open[top + 5])")
        app.type("month")
        app.key(.enter)
        app.runPendingWork()
        #expect(app.lines()[3].contains("dates MM-DD-YYYY"), "\(app.lines()[3])")
        // Esc closes the picker only.
        app.press("d")
        app.key(.escape)
        guard case .importFile(let screen) = app.state.overlay else { Issue.record("the dialog closed"); return }
        #expect(screen.datePicker == nil && screen.report != nil)
    }
}
