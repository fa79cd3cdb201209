import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// A form keeps the row it was opened on: someone else's save in between refuses ours, naming
/// them and the fields they changed; what was typed stays; C-r takes their fields only, and a
/// save sends only the fields the user changed.
@Suite struct StaleFormTests {
    static func edit(_ app: App) -> RecordForm<Deal>? {
        if case .detail(let detail) = app.state.overlay, case .edit(let edit) = detail.mode { return edit }
        return nil
    }

    /// Opens deal 1, presses e and types `amount` into the amount field.
    static func typing(_ amount: String, _ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let (app, store) = try Fixture.handMade(lang, width: width, height: height)
        app.key(.enter)
        app.press("e")
        app.key(.tab)
        app.key(.tab)
        app.key(.ctrl("u"))
        app.type(amount)
        return (app, store)
    }

    @Test func theOtherWriterChangedTheSameFieldInChinese() throws {
        let (app, store) = try Self.typing("1500000", .zh)
        let opened = try store.deal(1).version
        _ = try store.acting(as: "li.na").editDeal(1, expectedVersion: nil) { $0.amount = Money(minorUnits: 700_000_000) }
        // The live refresh says so, and the form stays on the row it was opened on.
        #expect(app.pollStore())
        #expect(app.state.message?.text == "#1 已被他人更新")
        #expect(Self.edit(app)?.original.version == opened)
        app.key(.enter)
        let refused = try #require(Self.edit(app))
        #expect(refused.text(of: DealDetailState.amountField) == "1500000")
        #expect(refused.conflict?.by == "li.na" && refused.conflict?.fields == [DealDetailState.amountField])
        #expect(try store.deal(1).amount.minorUnits == 700_000_000)
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text == "#1 li.na 在你打开后修改了该商机（现为第 \(opened + 1) 版）；没有覆盖任何内容，你的修改仍在表单中。改动：金额 —— C-r 载入，再按回车保存")
        let lines = app.lines()
        #expect(Array(lines[15...22]) == [
            "  │" + String(repeating: "─", count: 74) + "│",
            row((2, "│   下一步: 拜访总工"), (77, "│")),
            row((2, "│   到期日: 2026-11-20"), (77, "│")),
            row((2, "│     金额: 1500000"), (77, "│")),
            row((2, "│ 预计成交: YYYY-MM-DD"), (77, "│")),
            row((2, "│     币种: CNY"), (75, "▾ │")),
            row((2, "│ ⚠ li.na 已修改：金额 —— C-r 载入其改动，再按回车保存你的修改"), (77, "│")),
            "  └" + String(repeating: "─", count: 74) + "┘",
        ])
        #expect(app.canvas().roleAt(x: 4, y: 21) == .error)
        // The checklist stops above the form: no stage name without its milestones.
        #expect(lines[13].contains("│工程实施 100%") == false)
        // C-r: li.na's amount into the field; the user types theirs again and it saves over hers, knowingly.
        app.key(.ctrl("r"))
        let reloaded = try #require(Self.edit(app))
        #expect(reloaded.text(of: DealDetailState.amountField) == "7000000.00")
        #expect(reloaded.conflict == nil && reloaded.original.version == opened + 1)
        #expect(app.state.message?.text == "已载入第 \(opened + 1) 版：金额 为 li.na 修改后的值；你的其他修改仍在 —— 回车保存")
        app.key(.ctrl("u"))
        app.type("1500000")
        app.key(.enter)
        #expect(Self.edit(app) == nil)
        let saved = try store.deal(1)
        #expect(saved.amount.minorUnits == 150_000_000 && saved.version == opened + 2)
        #expect(app.state.message?.text == "#1 ✓ 保存")
    }

    @Test func theOtherWriterChangedAnotherFieldInEnglishAt160x48() throws {
        let (app, store) = try Self.typing("1500000", .en, width: 160, height: 48)
        let opened = try store.deal(1)
        let close = Day(year: 2026, month: 12, day: 31)
        _ = try store.acting(as: "li.na").editDeal(1, expectedVersion: nil) { $0.expectedClose = close }
        _ = app.pollStore()
        app.key(.enter)
        let refused = try #require(Self.edit(app))
        #expect(refused.conflict?.fields == [DealDetailState.closeField])
        #expect(try store.deal(1).amount == opened.amount, "nothing written")
        #expect(app.state.message?.text == "#1 li.na changed this deal since you opened it (now version \(opened.version + 1)); nothing was overwritten and your edits are still here. Changed: Close date — C-r loads them, Enter then saves")
        let lines = app.lines()
        let notice = try #require(lines.firstIndex { $0.contains("⚠ li.na changed:") })
        #expect(lines[notice] == row((2, "│ ⚠ li.na changed: Close date — C-r loads their values into those fields, Enter then saves yours"), (157, "│")))
        #expect(lines[notice - 1] == row((2, "│   Currency: CNY"), (155, "▾ │")))
        #expect(lines[notice - 2] == row((2, "│ Close date: YYYY-MM-DD"), (157, "│")))
        #expect(lines[notice - 3] == row((2, "│     Amount: 1500000"), (157, "│")))
        // C-r takes li.na's close date into its field and keeps the typed amount.
        app.key(.ctrl("r"))
        let reloaded = try #require(Self.edit(app))
        #expect(reloaded.text(of: DealDetailState.closeField) == "2026-12-31")
        #expect(reloaded.text(of: DealDetailState.amountField) == "1500000")
        app.key(.enter)
        let saved = try store.deal(1)
        // Only the amount was sent: li.na's close date stays.
        #expect(saved.amount.minorUnits == 150_000_000)
        #expect(saved.expectedClose == close)
        #expect(saved.version == opened.version + 2)
        let event = try #require(try store.events(EventQuery(entity: "deal", entityID: 1, limit: 1)).first)
        #expect(event.user == Fixture.user)
        #expect(Set(event.changes.keys) == ["amount"])
    }

    @Test func theAccountFormSendsOnlyItsChangedFields() throws {
        let (app, store) = try AccountFixture.app(.en)
        app.key(.down)
        app.key(.enter)
        app.press("e")
        for _ in 0..<5 { app.key(.tab) }  // Region
        app.key(.ctrl("u"))
        app.type("East")
        var other = try store.account(1)
        other.industry = "Chemicals"
        _ = try store.acting(as: "li.na").updateAccount(other)
        app.key(.enter)
        // The notice under the form, wrapped to the left column.
        let lines = app.lines()
        #expect(lines[17...20].map { String($0.prefix(33)) } == [
            "  │ ⚠ li.na changed: Industry — │",
            "  │ C-r loads their values into │",
            "  │ those fields, Enter then    │",
            "  │ saves yours                 │",
        ])
        app.key(.ctrl("r"))
        app.key(.enter)
        let saved = try store.account(1)
        #expect(saved.region == "East" && saved.industry == "Chemicals")
    }
}
