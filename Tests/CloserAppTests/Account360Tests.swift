import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The account's 360° view. At 80×24 the frame is x 2…77, y 1…22; inside it the facts take
/// x 4…31 (labels 12 wide, the longest 生命周期价值), a rule at x 32, the lists from x 33.
@Suite struct Account360Tests {
    static func open(_ lang: Language = .zh, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let (app, store) = try AccountFixture.app(lang, width: width, height: height)
        app.key(.down)  // 中国石化北京分公司, second by name
        app.key(.enter)
        return (app, store)
    }

    static func detail(_ app: App) -> Account360State? {
        if case .accounts(.account(let detail)) = app.state.overlay { detail } else { nil }
    }

    @Test func chineseViewAt80x24() throws {
        let (app, _) = try Self.open()
        let canvas = app.canvas()
        let lines = canvas.lines()
        #expect(lines.count == 24)
        // The frame's columns (x 2…77), whatever the table behind shows.
        let frame = { (y: Int) in canvas.text(y: y, from: 2, to: 78) }
        let expected: [Int: String] = [
            1: "┌ 客户 360° · 中国石化北京分公司 " + String(repeating: "─", count: 42) + "┐",
            2: row((0, "│ 等级         A 全力投入"), (30, "│商机列表 (2)"), (75, "│")),
            3: row((0, "│ 客户象限     忠诚度网络"), (30, "│#1 开发 炼油厂泵站改造 1.2M → 拜访总工 11-2"), (75, "│")),
            4: row((0, "│              协助 7 · 忠诚 8"), (30, "│#4 提案 储罐区安全监控 2.5M → 提交方案 12-0"), (75, "│")),
            5: row((0, "│ 行业         石化"), (30, "│关键人 (2)"), (75, "│")),
            6: row((0, "│ 区域         华北"), (30, "│张伟 · 总经理 · 决策层 · 支持者"), (75, "│")),
            7: row((0, "│ 性质         国企"), (30, "│刘洋 · 设备部主任 · 管理层 · 中立 · ★内线"), (75, "│")),
            8: row((0, "│ 规模         大型"), (30, "│行动记录"), (75, "│")),
            9: row((0, "│ 负责人       wang.lei · 私有"), (30, "│11-18 拜访 技术交流"), (75, "│")),
            10: row((0, "│ 在途         3.7M (加权 1.1M"), (30, "│"), (75, "│")),
            11: row((0, "│ 已赢单       0"), (30, "│"), (75, "│")),
            12: row((0, "│ 生命周期价值 1.1M"), (30, "│"), (75, "│")),
            13: row((0, "│ 最近行动     2026-11-18"), (30, "│"), (75, "│")),
            14: row((0, "│ 成熟度       未判断 [m]"), (30, "│"), (75, "│")),
            21: row((0, "│ ↑↓ Enter 打开 · e 编辑 · Esc 关闭"), (75, "│")),
            22: "└" + String(repeating: "─", count: 74) + "┘",
        ]
        for (y, line) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(frame(y).replacingOccurrences(of: " +$", with: "", options: .regularExpression) == line, "row \(y)")
        }
        #expect(canvas.roleAt(x: 17, y: 2) == "grade.a")
        #expect(canvas.roleAt(x: 17, y: 3) == "quadrant.strategic")
        #expect(canvas.roleAt(x: 33, y: 3) == "card.overdue")  // next step 11-20 is overdue
        #expect(canvas.wideCharactersIntact)
    }

    @Test func chineseViewAt160x48ListsEverything() throws {
        let (app, _) = try Self.open(width: 160, height: 48)
        let lines = app.lines()
        #expect(lines[3].contains("│#1 开发 炼油厂泵站改造 1.2M → 拜访总工 11-20"))
        #expect(lines[4].contains("│#4 提案 储罐区安全监控 2.5M → 提交方案 12-01"))
        #expect(lines[10].contains("│ 在途         3.7M (加权 1.1M)"))
        #expect(lines[45].contains("│ ↑↓ Enter 打开 · e 编辑 · Esc 关闭"))
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func closedDealsShowTheirOutcome() throws {
        let (app, _) = try AccountFixture.app(.zh)
        app.key(.enter)  // 上海电气集团: one won deal, no persons, no activities
        let text = app.screenText()
        #expect(text.contains("#3 赢单 汽轮机备件 800k"))
        #expect(text.contains("已赢单       800k"))
        #expect(text.contains("关键人 (0)"))
    }

    @Test func editValidatesEachFieldAndSaves() throws {
        let (app, store) = try Self.open()
        let version = try store.account(1).version
        app.press("e")
        #expect(Self.detail(app)?.form != nil)
        app.key(.ctrl("u"))  // name emptied
        app.key(.tab); app.key(.ctrl("u"))  // grade emptied: it is picked, not typed
        app.key(.tab); app.key(.ctrl("u")); app.type("11")
        app.key(.tab); app.key(.ctrl("u")); app.type("七")
        app.key(.enter)
        let form = try #require(Self.detail(app)?.form)
        #expect(form.fields[Account360State.nameField].error == "必填")
        #expect(form.fields[Account360State.gradeField].error == "只能是 A、B、C 或 D")
        #expect(form.fields[Account360State.assistanceField].error == "须为 1…10 的整数")
        #expect(form.fields[Account360State.loyaltyField].error == "须为 1…10 的整数")
        #expect(form.focus == Account360State.nameField)
        #expect(try store.account(1).version == version)
        // The errors sit under their fields.
        let lines = app.lines()
        #expect(lines[3].contains("必填"))
        #expect(lines[5].contains("只能是 A、B、C 或 D"))
        // Fix them and save.
        app.type("中石化北京")
        app.key(.tab); app.type("b"); app.key(.enter)  // the grade picker, narrowed to B
        app.key(.tab); app.key(.ctrl("u")); app.type("5")
        app.key(.tab); app.key(.ctrl("u")); app.type("9")
        app.key(.tab); app.key(.ctrl("u")); app.type("炼化")
        app.key(.enter)
        let saved = try store.account(1)
        #expect(saved.name == "中石化北京" && saved.grade == .b && saved.assistance == 5 && saved.loyalty == 9 && saved.industry == "炼化")
        #expect(saved.version == version + 1)
        #expect(Self.detail(app)?.form == nil)
        #expect(Self.detail(app)?.account.name == "中石化北京")
        #expect(app.state.message?.text == "中石化北京 ✓ 保存")
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: 1, limit: 1)).first)
        #expect(event.action == "scores")
        #expect(event.changes["quadrant"] == FieldChange(old: "strategic", new: "loyal"))
        // The table behind shows the new name.
        app.key(.escape)
        #expect(AccountTableTests.names(app).contains("中石化北京"))
    }

    @Test func staleVersionKeepsTheEditAndSaysSo() throws {
        let (app, store) = try Self.open()
        let version = try store.account(1).version
        app.press("e")
        for _ in 0..<8 { app.key(.tab) }  // notes
        app.type("客户要求季度回访")
        var other = try store.account(1)
        other.region = "华东"
        _ = try store.acting(as: "li.na").updateAccount(other)
        app.key(.enter)
        let message = try #require(app.state.message)
        #expect(message.isError)
        #expect(message.text.hasPrefix("li.na 在你打开后修改了该客户（现为第 \(version + 1) 版）；没有覆盖任何内容"))
        let form = try #require(Self.detail(app)?.form)
        #expect(form.text(of: Account360State.notesField) == "客户要求季度回访")
        #expect(try store.account(1).notes.isEmpty)
        #expect(message.text.hasSuffix("改动：区域 —— C-r 载入，再按回车保存"))
        #expect(form.conflict?.fields == [Account360State.regionField])
        // Ctrl-R takes li.na's region into the form and keeps the typed notes; Enter then saves them.
        app.key(.ctrl("r"))
        #expect(Self.detail(app)?.account.version == version + 1)
        #expect(Self.detail(app)?.form?.text(of: Account360State.notesField) == "客户要求季度回访")
        #expect(Self.detail(app)?.form?.text(of: Account360State.regionField) == "华东")
        app.key(.enter)
        let saved = try store.account(1)
        #expect(saved.notes == "客户要求季度回访" && saved.version == version + 2)
        // Only the notes were sent: li.na's region stays.
        #expect(saved.region == "华东")
    }

    @Test func enterFromTheQuadrantOpensTheSelectedAccount() throws {
        let (app, _) = try AccountFixture.app(.en, screen: "4")
        app.key(.enter)
        #expect(Self.detail(app)?.account.name == AccountFixture.sinopec)
        #expect(app.lines()[1].contains("Account 360° · \(AccountFixture.sinopec)"))
        app.press("q")
        #expect(app.state.overlay == nil)
    }
}
