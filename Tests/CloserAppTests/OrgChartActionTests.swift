@testable import CloserApp
import CloserCore
import CloserSQLite
import Testing
import TerminalUI

@Suite("Org chart keys")
struct OrgChartActionTests {
    @Test func arrowsWalkTheChartAsItIsDrawn() throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        #expect(app.state.orgChart.selectedPerson?.name == "王建国")
        app.key(.down)
        #expect(["赵敏", "李工"].contains(app.state.orgChart.selectedPerson?.name ?? ""))
        app.press("l")
        #expect(app.state.orgChart.selectedPerson?.name == "李工")
        app.press("j")
        #expect(app.state.orgChart.selectedPerson?.name == "张三")
        app.press("k")
        app.press("k")
        #expect(app.state.orgChart.selectedPerson?.name == "王建国")
        app.press("l")
        #expect(app.state.orgChart.selectedPerson?.name == "孙丽", "the unplaced column is reachable")
        app.press("G")
        #expect(app.state.orgChart.selectedPerson?.name == "孙丽")
        app.press("g")
        #expect(app.state.orgChart.selectedPerson?.name == "王建国")
    }

    @Test func spaceFoldsAndUnfoldsASubtree() throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press(" ")
        let folded = try #require(app.state.orgChart.layout)
        #expect(folded.boxes.map(\.personID).sorted() == [1, 5])
        #expect(folded.box(of: 1)?.hiddenReports == 3)
        #expect(app.lines()[6].contains("└─ +3 "))
        // Jumping to someone folded away unfolds the way to them.
        app.press("/")
        app.type("zs")
        #expect(app.state.orgChart.selectedPerson?.name == "张三")
        #expect(app.state.orgChart.layout?.box(of: 4) != nil)
        app.key(.escape)
        app.press("g")
        app.press(" ")
        app.press(" ")
        #expect(app.state.orgChart.layout?.boxes.count == 5)
    }

    @Test func theManagerIsPickedOnTheChartAndSaved() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("G")  // 孙丽, unplaced
        app.press("m")
        #expect(app.lines()[1].contains("为 孙丽 选择上级"))
        app.press("h")  // to the tree: 王建国
        app.key(.enter)
        #expect(try store.person(5).reportsTo == 1)
        #expect(app.state.orgChart.tree.unplaced.isEmpty)
        #expect(app.state.orgChart.selected == 5)
        #expect(app.state.message?.text == "孙丽: 上级设为 王建国")
        let events = try store.events(EventQuery(entity: "person", entityID: 5, limit: 5))
        #expect(events.first?.changes["reportsTo"]?.new == "1")
        // Backspace takes the manager away again; Esc leaves it as it was.
        app.press("m")
        app.key(.escape)
        #expect(try store.person(5).reportsTo == 1)
        app.press("m")
        app.key(.backspace)
        #expect(try store.person(5).reportsTo == nil)
    }

    @Test func aLoopIsRefusedWithAReasonAndNothingChanges() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("m")  // 王建国 …
        app.press("j")
        app.press("l")
        app.press("j")  // … to report to 张三, who reports to 李工, who reports to 王建国
        #expect(app.state.orgChart.selectedPerson?.name == "张三")
        app.key(.enter)
        #expect(try store.person(1).reportsTo == nil)
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text.hasSuffix("这会形成循环") == true, "\(app.state.message?.text ?? "")")
        app.press("m")
        app.key(.enter)  // themselves
        #expect(app.state.message?.text == "不能设自己为上级")
    }

    @Test func markingAnInsideCoachOpensTheEntryGate() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48, account: 3)
        #expect(app.state.orgChart.warnings.contains(.noInsideCoach))
        #expect(throws: StoreError.self) { _ = try store.acting(as: Fixture.user).moveDeal(3, to: "proposal", forceReason: nil, expectedVersion: nil) }
        app.press("j")  // 吴工
        app.press("c")
        #expect(try store.person(7).isInsideCoach)
        #expect(!app.state.orgChart.warnings.contains(.noInsideCoach))
        #expect(try store.evidence(accountID: 3) == DealEvidence(hasInsideCoach: true, hasDecisionMaker: true))
        // The board now sees the gate met: the deal moves without force or risk.
        let moved = try store.acting(as: Fixture.user).moveDeal(3, to: "proposal", forceReason: nil, expectedVersion: nil)
        #expect(moved.stageKey == "proposal")
    }

    @Test func stanceAndInfluenceInOneKey() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("s")
        #expect(try store.person(1).stance == .opponent, "neutral → opponent")
        app.press("s")
        #expect(try store.person(1).stance == .supporter)
        app.press("+")
        #expect(try store.person(1).influence == 65)
        for _ in 0..<20 { app.press("-") }
        #expect(try store.person(1).influence == 0)
        #expect(app.state.orgChart.selectedPerson?.influence == 0)
    }

    @Test func addingAPersonChecksEachFieldAndReportsToTheSelection() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("j")
        app.press("l")  // 李工
        app.press("a")
        guard case .orgChart(.person(let form)) = app.state.overlay else { Issue.record("no form"); return }
        #expect(form.text(.manager) == "李工")
        app.type("周工")
        app.key(.tab)
        app.type("仪表工程师")
        for _ in 0..<5 { app.key(.tab) }   // past level, function, roles, stance to influence
        app.key(.ctrl("u"))
        app.type("101")
        app.key(.tab)
        // The coach field is picked: "s" (shi) opens its picker on 是, Enter chooses it.
        app.type("s")
        app.key(.enter)
        app.key(.enter)
        guard case .orgChart(.person(let refused)) = app.state.overlay else { Issue.record("form closed"); return }
        #expect(refused.form.fields[PersonFormState.Field.influence.rawValue].error == "须为 0…100 的整数")
        #expect(refused.form.text(of: PersonFormState.Field.coach.rawValue) == "是")
        #expect(refused.form.focus == PersonFormState.Field.influence.rawValue)
        #expect(try store.persons(PersonQuery(accountID: 1)).total == 5, "nothing written")
        #expect(app.screenText().contains("须为 0…100 的整数"))
        app.key(.ctrl("u"))
        app.type("25")
        app.key(.enter)
        #expect(app.state.overlay == nil)
        let added = try #require(app.state.orgChart.selectedPerson)
        #expect(added.name == "周工" && added.title == "仪表工程师" && added.influence == 25 && added.isInsideCoach)
        #expect(added.reportsTo == 2)
        #expect(app.state.orgChart.tree.reports(of: 2).contains(added.id))
    }

    @Test func theManagerFieldNamesSomeoneOfThisAccount() throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("e")
        guard case .orgChart(.person(var form)) = app.state.overlay else { Issue.record("no form"); return }
        form.form.fields[PersonFormState.Field.level.rawValue].state.text = "董事会"
        form.form.fields[PersonFormState.Field.manager.rawValue].state.text = "陈总"  // account 3's chairman
        form.form.fields[PersonFormState.Field.roles.rawValue].state.text = "决策者，评估人"
        form.form.fields[PersonFormState.Field.lastMet.rawValue].state.text = "-5"
        app.state.overlay = .orgChart(.person(form))
        app.key(.enter)
        guard case .orgChart(.person(let refused)) = app.state.overlay else { Issue.record("form closed"); return }
        func error(_ field: PersonFormState.Field) -> String? { refused.form.fields[field.rawValue].error }
        #expect(error(.level) == "可选：决策层、管理层、操作层")
        #expect(error(.manager) == "本客户没有匹配“陈总”的人")
        #expect(error(.roles) == "“评估人”不是角色")
        #expect(error(.lastMet) == nil, "-5 is five days ago")
        let tree = app.state.orgChart.tree
        #expect(try PersonFormState.manager("#2", in: tree, excluding: 1).get() == 2)
        #expect(try PersonFormState.manager("lg", in: tree, excluding: 1).get() == 2, "pinyin initials of 李工")
        #expect(try PersonFormState.manager("", in: tree, excluding: 1).get() == nil)
        #expect(throws: PersonFormState.ManagerRefusal.self) { try PersonFormState.manager("#1", in: tree, excluding: 1).get() }
    }

    @Test func aStaleEditIsRefusedAndKeepsWhatWasTyped() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("e")
        app.key(.tab)
        app.key(.ctrl("u"))
        app.type("集团总经理")
        var other = try store.person(1)
        other.notes = "另一位同事的修改"
        _ = try store.acting(as: "li.na").updatePerson(other)
        app.key(.enter)
        guard case .orgChart(.person(let kept)) = app.state.overlay else { Issue.record("form closed"); return }
        #expect(kept.text(.title) == "集团总经理")
        #expect(app.state.message?.text.hasPrefix("li.na 在你打开后修改了该人员") == true)
        #expect(app.state.message?.text.contains("改动：备注") == true)
        #expect(try store.person(1).title == "总经理" && store.person(1).notes == "另一位同事的修改")
        #expect(app.screenText().contains("⚠ li.na 已修改：备注"))
        // C-r takes li.na's notes into the form, the typed title stays; Enter saves the title alone.
        app.key(.ctrl("r"))
        guard case .orgChart(.person(let reloaded)) = app.state.overlay else { Issue.record("form closed"); return }
        #expect(reloaded.text(.title) == "集团总经理" && reloaded.text(.notes) == "另一位同事的修改")
        app.key(.enter)
        #expect(try store.person(1).title == "集团总经理" && store.person(1).notes == "另一位同事的修改")
    }

    @Test func deleteAsksFirstAndLeavesTheReportsUnplaced() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("j")
        app.press("l")  // 李工, manager of 张三
        app.press("d")
        #expect(app.screenText().contains("其 1 名下属将变为未挂接上级。"))
        app.press("n")
        #expect(try store.persons(PersonQuery(accountID: 1)).total == 5)
        app.press("d")
        app.press("y")
        #expect(try store.persons(PersonQuery(accountID: 1)).total == 4)
        #expect(app.state.orgChart.tree.unplaced.contains(4))
        #expect(app.state.message?.text == "已删除 李工")
    }

    @Test func aMeetingIsLoggedWithThePersonAndDatesTheirLastMeeting() throws {
        let (app, store) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("M")
        app.type("讨论技术方案")
        app.key(.enter)
        let activity = try #require(try store.activities(accountID: 1, dealID: nil, limit: 1).first)
        #expect(activity.kind == .meeting && activity.personIDs == [1] && activity.notes == "讨论技术方案")
        #expect(try store.person(1).lastMet == Fixture.today)
        #expect(!app.state.orgChart.warnings.contains { $0.personID == 1 }, "met today: no longer going cold")
    }

    @Test func oOpensTheChartOfTheSelectedDealsAccount() throws {
        let store = try Fixture.memoryStore(OrgChartFixture.snapshot())
        let app = Fixture.app(store, .zh, width: 160, height: 48)
        let deal = try #require(app.state.board.selectedDeal)
        app.press("o")
        #expect(app.state.screen == .orgChart)
        #expect(app.state.orgChart.accountID == deal.accountID)
        app.press("1")
        app.key(.enter)
        guard case .detail = app.state.overlay else { Issue.record("no deal detail"); return }
        app.press("o")
        #expect(app.state.screen == .orgChart && app.state.overlay == nil)
        #expect(KeyMap.helpSections(.en).contains { $0.title.hasPrefix("Org chart") && $0.entries.count >= 14 })
    }
}

@Suite("Org chart mouse")
struct OrgChartMouseTests {
    @Test func clickSelectsDoubleClickEditsWheelPans() throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        // 张三's box is drawn at columns 23…41, rows 14…18 (see the rendered test).
        app.handle(.mouse(MouseEvent(x: 30, y: 16, kind: .click)))
        #expect(app.state.orgChart.selectedPerson?.name == "张三")
        app.handle(.mouse(MouseEvent(x: 5, y: 9, kind: .doubleClick)))
        guard case .orgChart(.person(let form)) = app.state.overlay else { Issue.record("double-click did not edit"); return }
        #expect(form.person.name == "赵敏")
        app.key(.escape)
        app.handle(.mouse(MouseEvent(x: 150, y: 10, kind: .click)))
        #expect(app.state.orgChart.selectedPerson?.name == "赵敏", "a click on the side panel selects nothing")
        app.handle(.mouse(MouseEvent(x: 30, y: 16, kind: .wheelDown)))
        #expect(app.state.orgChart.scrollY == 0, "the whole chart fits: nothing to pan")
    }
}

@Suite("Org chart visibility")
struct OrgChartVisibilityTests {
    @Test func aRepCannotOpenTheChartOfAnotherRepsExclusiveAccount() throws {
        var snapshot = OrgChartFixture.snapshot()
        snapshot.users = [User(name: "wang.lei", role: .manager), User(name: "li.na", role: .rep), User(name: "zhou.rep", role: .rep)]
        snapshot.accounts[2].visibility = .exclusive  // 上海电气集团, li.na's
        let store = try Fixture.memoryStore(snapshot)
        let rep = Fixture.app(store, .zh, width: 160, height: 48, user: "zhou.rep")
        rep.openOrgChart(accountID: 3)
        #expect(rep.state.message?.isError == true)
        #expect(rep.state.message?.text.contains("li.na") == true, "the refusal says whose it is: \(rep.state.message?.text ?? "")")
        #expect(rep.state.orgChart.tree.isEmpty)
        let owner = Fixture.app(store, .zh, width: 160, height: 48, user: "li.na")
        owner.openOrgChart(accountID: 3)
        #expect(owner.state.orgChart.tree.count == 2)
    }
}
