import CloserCore
import Foundation
import Testing
import TerminalUI
@testable import CloserApp
@testable import CloserSQLite

/// `E` on the deal, account and person tables: what the table shows now — filter, search,
/// sort, shown columns in their order — goes to the file typed, CSV or JSON by extension.
@Suite("Table export screen")
struct TableExportScreenTests {
    static func folder() throws -> String {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-table-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// E, the path typed over the suggested name, Enter; returns the busy frame's text.
    static func export(_ app: App, to path: String) -> String {
        app.press("E")
        app.key(.ctrl("u"))
        app.type(path)
        app.key(.enter)
        let busy = app.screenText()
        app.runPendingWork()
        return busy
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
    }

    @Test("80×24: E suggests closer-deals-DAY.csv; the file has the search's deals, the table's sort and its columns in the order shown")
    func dealTable() throws {
        let (app, _) = try Fixture.handMade(.zh, width: 80, height: 24)
        app.press("2")
        app.press("/")
        app.type("汽轮")
        app.key(.enter)
        // The stage and id columns swapped, the owner hidden, the close date shown.
        app.state.table.columns.move(at: 3, by: -3)
        app.state.table.columns.toggle(.owner)
        app.state.table.columns.toggle(.expectedClose)
        app.press("E")
        let prompt = app.screenText()
        #expect(prompt.contains("将当前列表导出到（.csv 或 .json）"), "\(prompt)")
        #expect(prompt.contains("closer-deals-2026-11-23.csv"), "\(prompt)")
        #expect(app.canvas().wideCharactersIntact)
        app.key(.escape)
        let path = (try Self.folder() as NSString).appendingPathComponent("汽轮机.csv")
        let busy = Self.export(app, to: path)
        #expect(busy.contains("正在导出到 汽轮机.csv…"), "\(busy)")
        #expect(app.state.message?.text == "已导出 2 行到 \(path)")
        // A CSV from the dashboard opens in Chinese Excel as UTF-8: it starts with the byte-order mark.
        #expect(try Self.text(path) == """
            \u{FEFF}阶段,销售流程,商机名称,客户名称,Closer 商机编号,Closer 版本,金额,币种,赢率%,预计成交日期,下一步,下一步日期\r
            商务谈判,project,汽轮机组长期服务合同（十年期）,上海电气集团,5,0,500000.00,USD,80,,商务谈判,2026-11-30\r
            销售进入,project,汽轮机备件,上海电气集团,3,0,80000.00,CNY,10,,准备技术交流,2026-11-23\r

            """)
    }

    @Test("160×48: the account table's query and sort; the person table as JSON by the extension")
    func accountAndPersonTables() throws {
        let (app, store) = try Fixture.handMade(.en, width: 160, height: 48)
        _ = try store.acting(as: Fixture.user).addPerson(Person(accountID: 1, name: "王总", title: "总经理, 决策", level: .decisionMaker, roles: [.decisionMaker]))
        app.press("3")
        app.press("/")
        app.type("grade:A,B")
        app.key(.enter)
        let folder = try Self.folder()
        let accounts = (folder as NSString).appendingPathComponent("accounts.csv")
        _ = Self.export(app, to: accounts)
        #expect(app.state.message?.text == "Exported 2 accounts to \(accounts)")
        let lines = try Self.text(accounts).components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}Account Name,Grade,Quadrant,Industry,Region,Owner,Open Pipeline,Weighted Pipeline,Won To Date,Last Activity,Next Step Due")
        #expect(lines[1].hasPrefix(Fixture.sinopec + ",A,") && lines[2].hasPrefix(Fixture.huawei + ",B,"), "\(lines)")
        app.press("7")
        let persons = (folder as NSString).appendingPathComponent("people.json")
        _ = Self.export(app, to: persons)
        #expect(try Self.text(persons) == """
            [
            {"name": "王总", "account": "\(Fixture.sinopec)", "title": "总经理, 决策", "level": "decision", "roles": "decision-maker", "stance": "neutral", "influence": 10, "last-met": null}
            ]

            """)
    }

    @Test("a folder that is not there is said in the prompt; E does nothing on the board")
    func mistakes() throws {
        let (app, _) = try Fixture.handMade(.en, width: 80, height: 24)
        app.press("E")
        #expect(app.state.overlay == nil)
        app.press("2")
        app.press("E")
        app.key(.ctrl("u"))
        app.type("/no/such/folder/deals.csv")
        app.key(.enter)
        #expect(!app.runPendingWork())
        #expect(app.screenText().contains("No such folder: /no/such/folder"), "\(app.screenText())")
    }
}
