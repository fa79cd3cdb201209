@testable import CloserApp
import CloserCore
import CloserSQLite
import Testing
import TerminalUI

/// The pickers added last: the lost reason (the team's list and "other" with its text) with the
/// competitor who won (picked or typed new), the deal's currency, the new deal's process, and
/// whom a person reports to.
@Suite("Lost reason, currency, process and manager pickers")
struct LossAndCurrencyPickerTests {
    /// The hand-made pipeline with the team's lost reasons and a rate for USD; deal #1 records two competitors.
    static func app(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(Fixture.snapshot())
        _ = try store.addLostReason("价格太高")
        _ = try store.addLostReason("项目取消")
        _ = try store.setExchangeRate(currency: "USD", micros: 7_100_000, from: Day(year: 2026, month: 1, day: 1)!)
        _ = try store.editDeal(1, expectedVersion: nil) { $0.competitors = ["霍尼韦尔", "横河电机"] }
        return (Fixture.app(store, lang, width: width, height: height), store)
    }

    static func lossForm(_ app: App) -> FormState? {
        guard case .detail(let detail) = app.state.overlay, case .lose(let form) = detail.mode else { return nil }
        return form
    }

    /// Opens deal #1 and presses x.
    static func losing(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let (app, store) = try app(lang, width: width, height: height)
        app.key(.enter)
        app.press("x")
        return (app, store)
    }

    @Test func aLostDealPicksItsReasonByPinyinInitialsAndItsCompetitor() throws {
        let (app, store) = try Self.losing(.zh)
        #expect(Self.lossForm(app)?.focus == DealDetailState.lossReasonField)
        app.type("xmqx")
        #expect(Self.lossForm(app)?.isPicking == true)
        #expect(app.screenText().contains("› 项目取消"))
        app.key(.enter)
        app.key(.tab)
        app.type("业主叫停")
        app.key(.tab)
        app.type("hnwe")
        app.key(.enter)
        #expect(Self.lossForm(app)?.text(of: DealDetailState.lossCompetitorField) == "霍尼韦尔")
        app.key(.enter)
        let deal = try store.deal(1)
        #expect(deal.outcome == .lost && deal.lossReason == "项目取消" && deal.lostTo == "霍尼韦尔")
        #expect(deal.outcomeReason == "项目取消 — 业主叫停")
        #expect(app.state.overlay == nil)
        #expect(app.state.message?.text == "#1 丢单: 项目取消 — 业主叫停")
    }

    @Test func otherNeedsItsTextAndNothingIsWrittenWithout() throws {
        let (app, store) = try Self.losing(.zh)
        app.type("qt")
        app.key(.enter)
        #expect(Self.lossForm(app)?.text(of: DealDetailState.lossReasonField) == "其他")
        app.key(.enter)
        let refused = try #require(Self.lossForm(app))
        #expect(refused.fields[DealDetailState.lossNoteField].error == "请说明丢单原因")
        #expect(refused.focus == DealDetailState.lossNoteField)
        #expect(try store.deal(1).outcome == .open)
        app.type("客户自己做了")
        app.key(.enter)
        let deal = try store.deal(1)
        #expect(deal.lossReason == LostReason.other && deal.outcomeReason == "客户自己做了" && deal.lostTo == nil)
    }

    @Test func aCompetitorNotMetBeforeIsTypedNew() throws {
        let (app, store) = try Self.losing(.en)
        // The team wrote its reasons in Chinese: their pinyin initials find them in the English UI too.
        app.type("jgtg")
        app.key(.enter)
        app.key(.tab)
        app.key(.tab)
        app.type("Siemens")
        let lines = app.lines()
        #expect(lines.contains { $0.contains("│+ new: Siemens") }, "\(lines.joined(separator: "\n"))")
        app.key(.enter)
        #expect(Self.lossForm(app)?.text(of: DealDetailState.lossCompetitorField) == "Siemens")
        app.key(.enter)
        let deal = try store.deal(1)
        #expect(deal.lossReason == "价格太高" && deal.lostTo == "Siemens")
        #expect(app.state.message?.text == "#1 lost: 价格太高")
    }

    @Test func theLossFormAt80x24InChinese() throws {
        let (app, _) = try Self.losing(.zh)
        let lines = app.lines()
        #expect(Array(lines[17...21]) == [
            "  │── 丢单 · Enter 保存 · Esc 取消 ──────────────────────────────────────────│",
            "  │     原因:                                                              ▾ │",
            "  │     说明: 选“其他”时必填                                                 │",
            "  │ 赢单对手: 选择或输入新的；不知道可留空                                 ▾ │",
            "  │                                                                          │",
        ], "\(lines.joined(separator: "\n"))")
        app.key(.char(" "))
        let picking = app.lines()
        #expect(Array(picking[8...15]) == [
            "  │ 负责人    wang.lei      ┌ 丢单原因 ────────────┐                         │",
            " B│ 预测类别  管道 [f]      │>                  3/3│购标准                   │",
            "  │ 关键人    ⚠ 未识别决策者│──────────────────────│                         │",
            " 3│ 健康      ⚠ 2: #7 决策者│› 价格太高            │议标                     │",
            " ⚠│                         │  项目取消            │%                        │",
            "  │ 行动记录                │  其他     在下方说明 │批和合同签订             │",
            "  │                         └──────────────────────┘0%                       │",
            "  │                                     │ [ ] 工程验收和项目结项             │",
        ], "\(picking.joined(separator: "\n"))")
    }

    @Test func theLossFormAt160x48InEnglish() throws {
        let (app, _) = try Self.losing(.en, width: 160, height: 48)
        app.key(.tab)
        app.key(.tab)
        app.key(.char(" "))
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ Competitor who won ") })
        #expect(lines[top + 1].contains("│>") && lines[top + 1].contains("2/2│"))
        #expect(lines[top + 3].contains("│› 霍尼韦尔"))
        #expect(lines[top + 4].contains("│  横河电机"))
        #expect(lines.contains { $0.contains("── Lost · Enter ") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("  Reason: ") && $0.hasSuffix("▾ │") })
        #expect(lines.contains { $0.contains("  Won by: pick or type a new one; empty if not known") })
    }

    @Test func theLossFormAt160x48InChineseAndAt80x24InEnglish() throws {
        let (zh, _) = try Self.losing(.zh, width: 160, height: 48)
        zh.key(.char(" "))
        let wide = zh.lines()
        let top = try #require(wide.firstIndex { $0.contains("┌ 丢单原因 ") })
        #expect(wide[top + 3].contains("│› 价格太高") && wide[top + 5].contains("│  其他") && wide[top + 5].contains("在下方说明 │"))
        #expect(zh.canvas().wideCharactersIntact)
        let (en, _) = try Self.losing(.en)
        en.key(.char(" "))
        let narrow = en.lines()
        let box = try #require(narrow.firstIndex { $0.contains("┌ Why was it lost? ") })
        #expect(narrow[box + 5].contains("│  other") && narrow[box + 5].contains("say why below │"))
        #expect(narrow.allSatisfy { TextWidth.of($0) <= 80 })
    }

    @Test func theEditFormPicksTheDealsCurrencyAmongThoseWithRates() throws {
        let (app, store) = try Self.app(.en)
        app.key(.enter)
        app.press("e")
        for _ in 0..<DealDetailState.currencyField { app.key(.tab) }
        app.type("us")
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ Currency ") })
        #expect(lines[top + 1].contains("> us") && lines[top + 1].contains("1/2│"), "\(lines[top + 1])")
        #expect(lines[top + 3].contains("› USD"))
        app.key(.enter)
        app.key(.enter)
        let deal = try store.deal(1)
        #expect(deal.amount == Money(minorUnits: 120_000_000, currency: "USD"))
        // The amount and the currency are saved as two fields of the form.
        #expect(try store.events(EventQuery(entity: "deal", entityID: 1, limit: 1)).first?.changes.keys.contains("amount") == true)
    }

    @Test func theCurrencyPickerInChineseAt160x48() throws {
        let (app, _) = try Self.app(.zh, width: 160, height: 48)
        app.key(.enter)
        app.press("e")
        for _ in 0..<DealDetailState.currencyField { app.key(.tab) }
        app.key(.char(" "))
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ 币种 ") })
        #expect(lines[top + 3].contains("│› CNY") && lines[top + 4].contains("│  USD"))
        #expect(lines.contains { $0.contains("币种: CNY") })
    }

    @Test func theNewDealPicksItsProcessAndTheStagesFollow() throws {
        let (app, store) = try Self.app(.zh)
        app.press("n")
        app.type("上海电气集团")
        app.key(.tab)
        app.type("控制系统升级")
        app.key(.tab)
        app.type("50万")
        for _ in NewDealState.amountField..<NewDealState.processField { app.key(.tab) }
        app.type("jsx")
        #expect(app.screenText().contains("› 技术型销售"))
        app.key(.enter)
        for _ in NewDealState.processField..<NewDealState.currencyField { app.key(.tab) }
        app.type("us")
        app.key(.enter)
        let lines = app.lines()
        #expect(lines.contains { $0.contains("销售流程: 技术型销售") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("    阶段: 认识需求") }, "the stage follows the process: \(lines.joined(separator: "\n"))")
        app.key(.enter)
        let deal = try #require(try store.deals(DealQuery(filter: DealFilter(text: "控制系统升级"))).rows.first)
        #expect(deal.processKey == "technical" && deal.stageKey == "recognise-need")
        #expect(deal.amount == Money(minorUnits: 50_000_000, currency: "USD"))
    }

    @Test func theNewDealFormAt80x24InEnglishShowsEveryPickedField() throws {
        let (app, _) = try Self.app(.en)
        app.press("n")
        let lines = app.lines()
        for label in ["Currency: CNY", "Process: Project sale", "Stage: Develop", "Owner: wang.lei"] {
            #expect(lines.contains { $0.contains(label) && $0.hasSuffix("▾ │") }, "\(label): \(lines.joined(separator: "\n"))")
        }
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
    }
}

/// "Reports to" is picked among the account's other persons, never typed.
@Suite("Manager picker")
struct ManagerPickerTests {
    static func personForm(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let (app, store) = try OrgChartFixture.app(lang, width: width, height: height)
        app.press("e")
        for _ in 0..<PersonFormState.Field.manager.rawValue { app.key(.tab) }
        return (app, store)
    }

    @Test func theManagerIsPickedByPinyinInitialsAndNeverSomeoneBelow() throws {
        let (app, store) = try Self.personForm(.zh)
        guard case .orgChart(.person(let form)) = app.state.overlay else { Issue.record("no person form"); return }
        let managers = try #require(form.form.fields[PersonFormState.Field.manager.rawValue].choices)
        // 王建国 (#1) is edited: none of the persons under him may be his manager.
        #expect(managers.choices.map(\.label) == ["无（未挂接）", "孙丽"])
        #expect(form.form.text(of: PersonFormState.Field.manager.rawValue) == "无（未挂接）")
        app.type("sl")
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ 上级 ") })
        #expect(lines[top + 3].contains("│› 孙丽") && lines[top + 3].contains("助理 │"), "\(lines[top + 3])")
        app.key(.enter)
        app.key(.enter)
        #expect(try store.person(1).reportsTo == 5)
    }

    @Test func aPersonLowerDownPicksAnyoneNotUnderThem() throws {
        let (app, store) = try OrgChartFixture.app(.en, width: 160, height: 48)
        app.press("a")  // a new person reporting to the selected one
        for _ in 0..<PersonFormState.Field.manager.rawValue { app.key(.tab) }
        app.key(.char(" "))
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ Reports to ") })
        #expect(lines[top + 3].contains("nobody (not mapped)"))
        #expect(lines[top + 1].contains("6/6│"), "\(lines[top + 1])")
        app.type("zs")
        app.key(.enter)
        guard case .orgChart(.person(let form)) = app.state.overlay else { Issue.record("no person form"); return }
        #expect(form.form.text(of: PersonFormState.Field.manager.rawValue) == "张三")
        _ = store
    }
}
