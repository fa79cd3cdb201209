@testable import CloserApp
import CloserCore
import CloserSQLite
import Testing
import TerminalUI

/// Pick, don't type: a form field of fixed values opens a picker on the first key typed into
/// it, filters by label, code or pinyin initials, and writes the chosen label into the field.
@Suite("Form pickers")
struct FieldPickerTests {
    /// The person form on 王建国 (account 1), focus on `field`.
    private func personForm(_ lang: Language, width: Int, height: Int, at field: PersonFormState.Field = .level) throws -> (App, SQLiteStore) {
        let (app, store) = try OrgChartFixture.app(lang, width: width, height: height)
        app.press("e")
        for _ in 0..<field.rawValue { app.key(.tab) }
        return (app, store)
    }

    private func personFormState(_ app: App) throws -> PersonFormState {
        guard case .orgChart(.person(let form)) = app.state.overlay else { throw PickerTestError.noForm }
        return form
    }

    enum PickerTestError: Error { case noForm }

    @Test func typingGlcOnTheLevelPicksManagementByItsPinyinInitials() throws {
        let (app, store) = try personForm(.zh, width: 80, height: 24)
        app.type("glc")
        #expect(try personFormState(app).form.isPicking)
        let lines = app.lines()
        let level = try #require(lines.firstIndex { $0.contains("级别: 决策层") })
        #expect(Array(lines[level...level + 7]) == [
            "  │     级别: 决策层                                                       ▾ │ │",
            "┌─│     职能: 使用部门      ┌ 级别 ────────────────┐                       ▾ │ │",
            "│ │     角色: 决策者、批准者│> glc              1/3│                       ▾ │ │",
            "│ │     立场: 中立          │──────────────────────│                       ▾ │ │",
            "│ │   影响力: 60            │› 管理层              │                         │ │",
            "└─│     内线: 否            │                      │                       ▾ │ │",
            "  │     上级: 无（未挂接）  │                      │                       ▾ │ │",
            "  │ 最近见面: 2026-08-25    └──────────────────────┘                         │ │",
        ])
        // Enter chooses (it does not save the form); the field holds the label.
        app.key(.enter)
        let form = try personFormState(app)
        #expect(!form.form.isPicking)
        #expect(form.form.text(of: PersonFormState.Field.level.rawValue) == "管理层")
        #expect(app.lines()[level] == "  │     级别: 管理层                                                       ▾ │ │")
        // Enter now saves the form.
        app.key(.enter)
        #expect(app.state.overlay == nil)
        #expect(try store.person(1).level == .manager)
    }

    @Test func englishLabelsAndCodesFilterTooAt160() throws {
        let (app, _) = try personForm(.en, width: 160, height: 48)
        app.type("mana")
        let lines = app.lines()
        #expect(Array(lines[19...26]) == [
            "                                          │        Level: Decision                                                 ▾ │                                         │",
            "                                          │     Function: Using dept┌ Level ───────────────┐                       ▾ │                                         │",
            "                                          │        Roles: Decision-m│> mana             1/3│                       ▾ │                                         │",
            "                                          │       Stance: Neutral   │──────────────────────│                       ▾ │                                         │",
            "                                          │    Influence: 60        │› Management          │                         │                                         │",
            "                                          │ Inside coach: no        │                      │                       ▾ │                                         │",
            "                                          │   Reports to: nobody (no│                      │                       ▾ │                                         │",
            "                                          │     Last met: 2026-08-25└──────────────────────┘                         │                                         │",
        ])
        // The Chinese initials match in the English UI as well: the choices keep both labels.
        for _ in 0..<4 { app.key(.backspace) }
        app.type("czc")
        app.key(.enter)
        #expect(try personFormState(app).form.text(of: PersonFormState.Field.level.rawValue) == "Operator")
    }

    @Test func escClosesThePickerAndLeavesTheFormAndItsValue() throws {
        let (app, _) = try personForm(.zh, width: 80, height: 24, at: .stance)
        app.type("fd")
        #expect(try personFormState(app).form.isPicking)
        app.key(.escape)
        let form = try personFormState(app)
        #expect(!form.form.isPicking)
        #expect(form.form.text(of: PersonFormState.Field.stance.rawValue) == "中立")
    }

    @Test func rolesArePickedSeveralAtOnceWithSpace() throws {
        let (app, store) = try personForm(.zh, width: 160, height: 48, at: .roles)
        app.press(" ")
        let open = try personFormState(app)
        #expect(open.form.picker?.marked == ["decision-maker", "approver"])
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ 角色 ─") })
        #expect(lines[top + 1].contains("│>                  6/6│"), "\(lines[top + 1])")
        #expect(lines[top + 3].contains("│[ ] 发起者            │"), "\(lines[top + 3])")
        #expect(lines[top + 4].contains("│[x] 决策者            │"), "\(lines[top + 4])")
        app.type("syz")       // 使用者
        app.press(" ")
        app.key(.enter)
        let form = try personFormState(app)
        #expect(form.form.text(of: PersonFormState.Field.roles.rawValue) == "决策者、使用者、批准者")
        app.key(.enter)
        #expect(try store.person(1).roles == [.decisionMaker, .user, .approver])
    }

    @Test func backspaceEmptiesAPickedFieldAndTheFormSaysWhatIsMissing() throws {
        let (app, _) = try personForm(.zh, width: 80, height: 24)
        app.key(.backspace)
        app.key(.enter)
        let form = try personFormState(app)
        #expect(form.form.fields[PersonFormState.Field.level.rawValue].error == "可选：决策层、管理层、操作层")
    }

    @Test func theNewDealFormPicksItsStageAndOwner() throws {
        let (app, store) = try Fixture.handMade(.en, width: 80, height: 24)
        app.press("n")
        app.type("上海电气集团")
        app.key(.tab)
        app.type("备件二期")
        for _ in NewDealState.titleField..<NewDealState.stageField { app.key(.tab) }
        app.type("prop")
        var lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ Stage ─") })
        #expect(lines[top + 1].contains("│> prop          1/6│") || lines[top + 1].contains("> prop"), "\(lines[top + 1])")
        #expect(lines[top + 3].contains("› Proposal"), "\(lines[top + 3])")
        app.key(.enter)
        app.key(.tab)
        app.type("li")
        app.key(.enter)
        lines = app.lines()
        #expect(lines.contains { $0.contains("   Stage: Proposal") && $0.hasSuffix("▾ │") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("   Owner: li.na") }, "\(lines.joined(separator: "\n"))")
        app.key(.enter)
        let deal = try store.deal(6)
        #expect(deal.stageKey == "proposal" && deal.owner == "li.na" && deal.title == "备件二期")
    }

    @Test func theNewDealFormInChineseAt160() throws {
        let (app, _) = try Fixture.handMade(.zh, width: 160, height: 48)
        app.press("n")
        let lines = app.lines()
        let stage = try #require(lines.firstIndex { $0.contains("阶段:") })
        #expect(Array(lines[stage - 2...stage + 3]) == [
            "                         │                   │   到期日: YYYY-MM-DD, +7                                           │              │",
            "                         │                   │ 销售流程: 项目型销售                                             ▾ │              │",
            "                         │                   │     阶段: 开发                                                   ▾ │              │",
            "                         │                   │   负责人: wang.lei                                               ▾ │              │",
            "                         │                   │     币种: CNY                                                    ▾ │              │",
            "                         │                   │ Tab ↓ · Enter 保存 · Esc 取消                                      │              │",
        ])
    }
}
