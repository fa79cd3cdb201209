import CloserApp
import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import TerminalUI
import Testing

/// The import screen: `I`, a path, the preview (kind, encoding, mapping, counts, rejected
/// rows), then import all, import skipping the bad rows, or cancel.
@Suite("Import screen")
struct ImportScreenTests {
    /// Chinese headers, one column nothing maps to, one unknown stage and one bad amount (line 4).
    static let csv = "商机名称,客户名称,金额,阶段,预计成交日期,内部代码\r\n锅炉改造,中国石化,\"¥1,200,000.00\",提案,2026/12/1,X1\r\n扩建工程,宝钢集团,120万,投标,2026年11月30日,X2\r\n神秘项目,宝钢集团,很多,Angebot,,X3\r\n"
    static let clean = "商机名称,客户名称,金额,阶段\r\n锅炉改造,中国石化,\"¥1,200,000.00\",提案\r\n扩建工程,宝钢集团,120万,投标\r\n"

    /// A folder of its own per test, with the file written in it.
    static func file(_ text: String, name: String = "deals.csv") throws -> String {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-import-screen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func app(_ lang: Language, width: Int, height: Int) throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(Fixture.snapshot())
        let app = App(store: store, state: Fixture.state(lang, width: width, height: height), importer: ForeignImportService(store: store))
        app.start()
        return (app, store)
    }

    /// `I`, the path, Enter: the "reading" frame first, then the preview once the work ran.
    static func preview(_ app: App, _ path: String) -> [String] {
        app.press("I")
        app.type(path)
        app.key(.enter)
        let busy = app.screenText()
        app.runPendingWork()
        return [busy] + app.lines()
    }

    static func dealCount(_ store: SQLiteStore) throws -> Int {
        try store.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 1)).total
    }

    @Test("80×24 in Chinese: kind, encoding, mapping, unmapped column and stage, counts and the rejected row with line, column and reason")
    func previewNarrowChinese() throws {
        let (app, store) = try Self.app(.zh, width: 80, height: 24)
        let path = try Self.file(Self.csv)
        let screen = Self.preview(app, path)
        #expect(screen[0].contains("正在读取 deals.csv…"), "a frame says the file is being read:\n\(screen[0])")
        let lines = Array(screen.dropFirst())
        let text = lines.joined(separator: "\n")
        #expect(lines[1].contains("导入文件 — deals.csv"), "\(text)")
        #expect(lines[2].contains("文件: …") && lines[2].contains("/deals.csv"), "\(text)")
        #expect(lines[3].contains("类型: 商机 · 编码 UTF-8 · 逗号分隔 · 流程 project · 日期 自动 · 3 行"), "\(text)")
        #expect(lines[4] == " │ 将新建 2 个客户、2 个商机；拒绝 1 行                                       │", "\(text)")
        #expect(lines[5].contains("列映射: 商机名称→deal  客户名称→account  金额→amount"), "\(text)")
        #expect(text.contains("阶段→stage") && text.contains("预计成交日期→close-date"), "\(text)")
        #expect(text.contains("未导入的列: 内部代码"), "\(text)")
        #expect(text.contains("未映射的阶段，流程 project: 'Angebot' (1 row)"), "\(text)")
        #expect(text.contains("被拒绝的行 (1):"), "\(text)")
        #expect(text.contains("行 4       金额           '很多' is not an amount"), "\(text)")
        #expect(lines[21].contains("s 导入并跳过 1 行错误"), "\(text)")
        #expect(app.canvas().wideCharactersIntact)
        #expect(try Self.dealCount(store) == 5, "the preview writes nothing")
    }

    @Test("160×48 in English: every rejected row listed; Enter refuses all-or-nothing and says what s does")
    func previewWideEnglish() throws {
        let (app, store) = try Self.app(.en, width: 160, height: 48)
        var csv = Self.csv
        for n in 0..<30 { csv += "坏行\(n),宝钢集团,?\(n),提案,,\r\n" }
        let path = try Self.file(csv)
        let lines = Array(Self.preview(app, path).dropFirst())
        let text = lines.joined(separator: "\n")
        #expect(lines[3].contains("Kind: deals · encoding UTF-8 · comma-separated · process project · dates automatic · 33 rows"), "\(text)")
        #expect(lines[4].contains("would create 2 accounts, 2 deals; rejected 31 rows"), "\(text)")
        #expect(text.contains("Columns: 商机名称→deal  客户名称→account  金额→amount  阶段→stage  预计成交日期→close-date"), "\(text)")
        #expect(text.contains("Rejected rows (31):"), "\(text)")
        #expect(text.contains("line 4     金额           '很多' is not an amount"), "\(text)")
        #expect(text.contains("line 5     金额           '?0' is not an amount"), "\(text)")
        #expect(lines[45].contains("s import, skipping 31 bad rows"), "\(text)")
        app.key(.end)
        #expect(app.screenText().contains("'?29' is not an amount"), "End scrolls to the last rejected row")
        app.key(.enter)
        #expect(app.screenText().contains("31 rows are rejected: s imports the other rows and writes the rejected ones to deals.rejected.csv"))
        app.runPendingWork()
        #expect(try Self.dealCount(store) == 5, "Enter with rejected rows writes nothing")
    }

    @Test("s imports the good rows after an importing frame, writes the rejected file and says where; the board shows the deals")
    func importSkippingBadRows() throws {
        let (app, store) = try Self.app(.en, width: 100, height: 30)
        let path = try Self.file(Self.csv)
        _ = Self.preview(app, path)
        app.press("s")
        #expect(app.screenText().contains("Importing deals.csv (3 rows)…"), "\(app.screenText())")
        #expect(try Self.dealCount(store) == 5, "nothing is written before the frame is drawn")
        app.runPendingWork()
        #expect(app.state.overlay == nil)
        #expect(try Self.dealCount(store) == 7)
        let rejects = ((path as NSString).deletingPathExtension) + ".rejected.csv"
        let message = app.state.message?.text ?? ""
        #expect(message.contains("Imported deals.csv: created 2 accounts, 2 deals; rejected 1 row — 1 rejected row written to \(rejects)"), "\(message)")
        let written = String(decoding: try #require(FileManager.default.contents(atPath: rejects)), as: UTF8.self)
        #expect(written.contains("神秘项目") && written.contains("Closer error"))
        #expect(app.screenText().contains("锅炉改造"), "the board reloaded with the imported deal:\n\(app.screenText())")
    }

    @Test("a clean file imports all or nothing with Enter; Esc on a preview cancels and writes nothing")
    func importAllAndCancel() throws {
        let (app, store) = try Self.app(.en, width: 80, height: 24)
        let path = try Self.file(Self.clean)
        let lines = Array(Self.preview(app, path).dropFirst())
        #expect(lines.joined(separator: "\n").contains("No rejected rows"))
        #expect(lines[21].contains("Enter import · b other file · Esc cancel"), "\(lines.joined(separator: "\n"))")
        app.key(.escape)
        #expect(app.state.message?.text == "Import of deals.csv cancelled: nothing was written")
        #expect(try Self.dealCount(store) == 5)
        _ = Self.preview(app, path)
        app.key(.enter)
        app.runPendingWork()
        #expect(try Self.dealCount(store) == 7)
        #expect(app.state.message?.text == "Imported deals.csv: created 2 accounts, 2 deals")
    }

    @Test("a missing file, a folder and an empty path are said under the field; b goes back to the path")
    func pathMistakes() throws {
        let (app, _) = try Self.app(.en, width: 80, height: 24)
        app.press("I")
        app.key(.enter)
        #expect(app.screenText().contains("Type or paste the path"))
        app.type("/nowhere/deals.csv")
        app.key(.enter)
        #expect(!app.runPendingWork(), "a missing file is refused without work")
        #expect(app.screenText().contains("No such file: /nowhere/deals.csv"), "\(app.screenText())")
        app.key(.ctrl("u"))
        app.type(NSTemporaryDirectory())
        app.key(.enter)
        #expect(app.screenText().contains("is a folder"))
        let garbage = try Self.file("\u{7F}ELF\u{2}\u{1}\u{1}\0\0\0\0\0\0\0\0\0")
        app.key(.ctrl("u"))
        app.type(garbage)
        app.key(.enter)
        app.runPendingWork()
        #expect(app.screenText().contains("deals.csv"), "a malformed file's refusal stays on the path screen:\n\(app.screenText())")
        app.key(.ctrl("u"))
        app.type(try Self.file(Self.clean))
        app.key(.enter)
        app.runPendingWork()
        app.press("b")
        #expect(app.screenText().contains("File to import"))
    }

    @Test("a long refusal wraps inside the box, to its last word")
    func aLongRefusalIsSaidInFull() throws {
        let (app, _) = try Self.app(.en, width: 80, height: 24)
        let path = try Self.file("")
        try Data([0x8F, 0x8F, 0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x8F, 0x90, 0x91] + Array(repeating: 0x8F, count: 64)).write(to: URL(fileURLWithPath: path))
        app.press("I")
        app.type(path)
        app.key(.enter)
        app.runPendingWork()
        let lines = app.lines()
        let first = try #require(lines.firstIndex { $0.contains("deals.csv line 1") }, "\(app.screenText())")
        #expect(lines[first].contains("not UTF-8"))
        #expect(lines[first + 1].contains("nothing was imported"), "the end of the message on the next line, inside the box:\n\(app.screenText())")
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test("80×24 in Chinese: p maps the stages to the next process and reads the file again; the option keys are on the screen")
    func anotherProcess() throws {
        let (app, store) = try Self.app(.zh, width: 80, height: 24)
        let lines = Array(Self.preview(app, try Self.file(Self.clean)).dropFirst())
        #expect(lines[20].contains("p 换一个流程映射阶段 · m 用映射文件读取"), "\(lines.joined(separator: "\n"))")
        #expect(lines[3].contains("流程 project"))
        app.press("p")
        #expect(app.screenText().contains("正在读取 deals.csv…"))
        app.runPendingWork()
        let technical = app.screenText()
        #expect(technical.contains("流程 technical"), "\(technical)")
        // The technical process has no stage called 提案 or 投标: both rows are rejected there, and said so.
        #expect(technical.contains("未映射的阶段，流程 technical"), "\(technical)")
        app.press("p")
        app.runPendingWork()
        app.press("p")
        app.runPendingWork()
        #expect(app.screenText().contains("流程 project"), "p goes round the processes:\n\(app.screenText())")
        app.key(.enter)
        app.runPendingWork()
        #expect(try Self.dealCount(store) == 7)
        #expect(app.canvas().wideCharactersIntact)
    }

    /// A German export: no header we know; the mapping names every column and a stage.
    static let german = "Kunde;Projekt;Betrag;Phase\r\nMüller GmbH;Anlage Süd;1200000;Angebot\r\n"
    static let germanMapping = #"{"columns": {"Kunde": "account", "Projekt": "deal", "Betrag": "amount", "Phase": "stage"}, "stages": {"Angebot": "proposal"}}"#

    @Test("80×24: Tab at the path asks for a mapping file; a file no header of which we know reads with it")
    func mappingFileFromThePath() throws {
        let (app, store) = try Self.app(.en, width: 80, height: 24)
        let data = try Self.file(Self.german, name: "export.csv")
        let mapping = ((data as NSString).deletingLastPathComponent as NSString).appendingPathComponent("map.json")
        try Data(Self.germanMapping.utf8).write(to: URL(fileURLWithPath: mapping))
        app.press("I")
        #expect(app.screenText().contains("Enter preview (nothing is written yet) · Tab mapping file · Esc cancel"), "\(app.screenText())")
        app.type(data)
        app.key(.enter)
        app.runPendingWork()
        #expect(app.state.overlay.map { if case .importFile(let screen) = $0 { screen.report == nil } else { false } } == true,
                "without a mapping the file is refused on the path screen:\n\(app.screenText())")
        app.key(.tab)
        app.type("/nowhere/map.json")
        app.key(.enter)
        #expect(!app.runPendingWork())
        #expect(app.screenText().contains("No such mapping file: /nowhere/map.json"), "\(app.screenText())")
        app.key(.ctrl("u"))
        app.type(mapping)
        let asked = app.lines()
        let label = try #require(asked.firstIndex { $0.contains("Mapping file (JSON, optional") }, "\(asked.joined(separator: "\n"))")
        #expect(asked[label + 1].contains("map.json"), "\(asked.joined(separator: "\n"))")
        app.key(.enter)
        app.runPendingWork()
        let preview = app.screenText()
        #expect(preview.contains("mapping map.json"), "\(preview)")
        #expect(preview.contains("would create 1 account, 1 deal") && preview.contains("No rejected rows"), "\(preview)")
        app.key(.enter)
        app.runPendingWork()
        let deal = try #require(try store.exportSnapshot().deals.first { $0.title == "Anlage Süd" })
        #expect(deal.stageKey == "proposal" && deal.amount.minorUnits == 120_000_000)
    }

    @Test("m on the preview reads the file again with a mapping file; a missing one is said and the preview stays")
    func mappingFileFromThePreview() throws {
        let (app, _) = try Self.app(.zh, width: 100, height: 30)
        let path = try Self.file(Self.csv)
        _ = Self.preview(app, path)
        #expect(app.screenText().contains("未映射的阶段，流程 project: 'Angebot' (1 row)"))
        app.press("m")
        #expect(app.screenText().contains("映射文件（JSON）："), "\(app.screenText())")
        app.type("/nowhere/map.json")
        app.key(.enter)
        #expect(app.screenText().contains("映射文件不存在：/nowhere/map.json"), "\(app.screenText())")
        app.key(.ctrl("u"))
        let mapping = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("stages.json")
        try Data(#"{"stages": {"Angebot": "proposal"}, "columns": {"内部代码": "ignore"}}"#.utf8).write(to: URL(fileURLWithPath: mapping))
        app.type(mapping)
        app.key(.enter)
        app.runPendingWork()
        let preview = app.screenText()
        #expect(preview.contains("映射 stages.json"), "\(preview)")
        #expect(!preview.contains("未映射的阶段") && !preview.contains("未导入的列"), "the stage and the column are mapped now:\n\(preview)")
        app.press("m")
        app.key(.escape)
        #expect(app.screenText().contains("映射 stages.json"), "Esc leaves the mapping as it was")
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test("typed paths: ~ is home, quotes and a dropped file's backslashes go, relative is from the current folder")
    func pathResolution() {
        #expect(TypedPath.resolve("~/下载/deals.csv", home: "/home/wang", currentDirectory: "/tmp") == "/home/wang/下载/deals.csv")
        #expect(TypedPath.resolve("'/tmp/my deals.csv' ", home: "/h", currentDirectory: "/") == "/tmp/my deals.csv")
        #expect(TypedPath.resolve("/tmp/my\\ deals.csv", home: "/h", currentDirectory: "/") == "/tmp/my deals.csv")
        #expect(TypedPath.resolve("deals.csv", home: "/h", currentDirectory: "/work") == "/work/deals.csv")
    }

    @Test("I is on the help and in the palette")
    func keyIsListed() {
        #expect(KeyMap.command(for: .char("I"), in: .board) == .importFile)
        #expect(KeyMap.helpSections(.en).flatMap(\.entries).contains { $0.key == "I" })
        var palette = PaletteState()
        _ = palette.query.handle(.char("i"))
        _ = palette.query.handle(.char("m"))
        _ = palette.query.handle(.char("p"))
        #expect(palette.matches(Fixture.state(.en)).contains { $0.command == .importFile && $0.keys == "I" })
    }
}
