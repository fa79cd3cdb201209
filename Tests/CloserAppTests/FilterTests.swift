import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

@Suite struct FilterTests {
    static func openProject(_ snapshot: Snapshot) -> [Deal] {
        snapshot.deals.filter { $0.outcome == .open && $0.processKey == "project" }
    }

    static func boardTotal(_ app: App) -> Int { app.state.board.board?.columns.map(\.count).reduce(0, +) ?? -1 }

    @Test func searchFiltersAsYouTypeAndEscClears() throws {
        let (app, _, snapshot) = try Fixture.demoApp(.zh, width: 160, height: 48)
        let names = Dictionary(uniqueKeysWithValues: snapshot.accounts.map { ($0.id, $0.name) })
        let all = Self.openProject(snapshot)
        let sinopec = all.filter { names[$0.accountID]!.contains("中国石化") }
        try #require(!sinopec.isEmpty && sinopec.count < all.count)
        #expect(Self.boardTotal(app) == all.count)
        app.press("/")
        guard case .prompt = app.state.overlay else { Issue.record("no search prompt"); return }
        app.press("z")
        #expect(app.state.filter.text == "z")
        let afterZ = Self.boardTotal(app)
        app.type("gsh")
        #expect(app.state.filter.text == "zgsh")
        let total = Self.boardTotal(app)
        #expect(total == sinopec.count)
        #expect(afterZ >= total)
        // Each column's count and CNY total match the 中国石化 deals of that stage.
        let columns = try #require(app.state.board.board?.columns)
        for column in columns {
            let deals = sinopec.filter { $0.stageKey == column.stage.key }
            #expect(column.count == deals.count, "\(column.stage.key)")
            let cny = deals.filter { $0.amount.currency == "CNY" }.map(\.amount.minorUnits).reduce(0, +)
            #expect((column.totals.first { $0.currency == "CNY" }?.amount ?? 0) == cny, "\(column.stage.key)")
            #expect(column.cards.allSatisfy { $0.accountName.contains("中国石化") })
        }
        // The rendered header shows the filtered count, and the status line the filter.
        let canvas = app.canvas()
        let firstCount = columns[0].count
        #expect(canvas.text(y: 1, from: 0, to: 25).hasSuffix(" \(firstCount) "))
        #expect(canvas.lines()[47].contains("筛选: “zgsh”"))
        // Enter keeps the filter; / then Esc clears it.
        app.key(.enter)
        #expect(app.state.overlay == nil)
        #expect(Self.boardTotal(app) == sinopec.count)
        app.press("/")
        app.key(.escape)
        #expect(app.state.overlay == nil)
        #expect(app.state.filter.text == "")
        #expect(Self.boardTotal(app) == all.count)
    }

    @Test func mineGradeClearAndProcess() throws {
        let snapshot = Fixture.demo()
        let all = Self.openProject(snapshot)
        // Act as the rep who owns the most open project deals.
        let owners = Dictionary(grouping: all, by: \.owner)
        let rep = try #require(owners.max { $0.value.count < $1.value.count }?.key)
        // As a manager, who sees the whole board the filters narrow.
        let store = try Fixture.memoryStore(Fixture.asManager(snapshot, rep))
        let app = Fixture.app(store, .zh, user: rep)
        #expect(Self.boardTotal(app) == all.count)

        // `r` steps through the reps: the owner filter without `m` (see mineToggle for `m`).
        let reps = try store.users().map(\.name)
        app.press("r")
        #expect(app.state.filter.owner == reps[0])
        #expect(Self.boardTotal(app) == all.filter { $0.owner == reps[0] }.count)
        #expect(app.state.board.board!.columns.allSatisfy { $0.cards.allSatisfy { $0.owner == reps[0] } })
        // The filter names the rep as the team knows them (陈静), not by login.
        let shown = try store.users().first { $0.name == reps[0] }.map { $0.displayName.isEmpty ? $0.name : $0.displayName } ?? reps[0]
        #expect(shown != reps[0], "the demo's reps have display names")
        #expect(app.lines()[23].contains("筛选: \(reps[0] == rep ? "我的" : shown)"))
        app.press("x")
        #expect(app.state.filter.owner == nil)
        #expect(Self.boardTotal(app) == all.count)

        let grades = Dictionary(uniqueKeysWithValues: snapshot.accounts.map { ($0.id, $0.grade) })
        app.press("a")
        #expect(app.state.filter.grades == [.a])
        #expect(Self.boardTotal(app) == all.filter { grades[$0.accountID] == .a }.count)
        #expect(app.state.board.board!.columns.allSatisfy { $0.cards.allSatisfy { $0.accountGrade == .a } })
        #expect(app.lines()[23].contains("等级 A"))
        app.press("a")
        #expect(app.state.filter.grades == [.b])
        #expect(Self.boardTotal(app) == all.filter { grades[$0.accountID] == .b }.count)
        app.press("r")
        #expect(Self.boardTotal(app) == all.filter { grades[$0.accountID] == .b && $0.owner == reps[0] }.count)

        app.press("x")
        #expect(app.state.filter == DealFilter())
        #expect(Self.boardTotal(app) == all.count)

        app.press("p")
        #expect(app.state.processKey == "technical")
        let technical = snapshot.deals.filter { $0.outcome == .open && $0.processKey == "technical" }
        #expect(Self.boardTotal(app) == technical.count)
        let lines = app.lines()
        // At 80 columns the eight tabs leave the process's name to the board's columns.
        #expect(lines[0].hasSuffix("… [p]"))
        #expect(lines[1].hasPrefix(" 认识需求 10%"))
        #expect(lines[1].contains("│ 评估选项 30%"))
        #expect(lines[1].contains("│ 解决疑虑 60%"))
        app.press("p")
        #expect(app.state.processKey == "transactional")
        #expect(app.lines()[1].hasPrefix(" 潜在客户 10%"))
        app.press("p")
        #expect(app.state.processKey == "project")
        #expect(app.lines()[1].hasPrefix(" 开发 10%"))
    }

    /// `m` toggles "mine". It ran in a child process while `m` read `self.state.user` inside the
    /// closure that held `state.filter` inout (the Swift runtime trapped: "Fatal access conflict
    /// detected"); a filter command now makes a new filter from the old one, so it runs here.
    @Test func mineToggle() throws {
        let snapshot = DemoCompany.generate(seed: 1, scale: nil, today: Day(year: 2026, month: 11, day: 23)!, user: "wang.lei")
        let open = snapshot.deals.filter { $0.outcome == .open && $0.processKey == "project" }
        let rep = open[0].owner
        let store = try SQLiteStore(inMemoryWithClock: { Date(timeIntervalSince1970: 20_780 * 86_400 + 12 * 3_600) }, actor: rep)
        _ = try store.importSnapshot(Fixture.asManager(snapshot, rep))
        let app = App(store: store, state: AppState(lang: .zh, width: 80, height: 24, today: Day(year: 2026, month: 11, day: 23)!,
                                                    user: rep, storeLocation: "/tmp/closer.sqlite"))
        app.start()
        app.handle(.key(.char("m")))
        let total = app.state.board.board?.columns.map(\.count).reduce(0, +)
        #expect(app.state.filter.owner == rep)
        #expect(total == open.filter({ $0.owner == rep }).count)
        var canvas = Canvas(width: 80, height: 24)
        AppView.render(app.state, into: &canvas)
        #expect(canvas.lines()[23].contains("筛选: 我的"))
        app.handle(.key(.char("m")))
        #expect(app.state.filter.owner == nil)
    }

    @Test func switchingLanguageRelabels() throws {
        let (app, _) = try Fixture.handMade(.zh)
        app.press("L")
        #expect(app.state.lang == .en)
        #expect(app.lines()[1].hasPrefix(" Develop 10%"))
        app.press("L")
        #expect(app.lines()[1].hasPrefix(" 开发 10%"))
    }
}

@Suite struct LiveReloadTests {
    @Test func aWriteThroughASecondHandleShowsUpAndKeepsTheSelection() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("closer-app-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("live.sqlite").path
        let mine = try SQLiteStore(path: path, actor: Fixture.user, clock: { Fixture.now })
        _ = try mine.importSnapshot(Fixture.snapshot())
        let other = try SQLiteStore(path: path, actor: "li.na", clock: { Fixture.now })

        let app = Fixture.app(mine, .zh)
        #expect(app.pollStore() == false)
        app.press("j")
        #expect(app.state.board.selectedDeal?.id == 2)
        #expect(app.state.board.board?.columns.first?.cards.map(\.id) == [1, 2])

        // Another rep cuts #1 to 100k: it now sorts below #2.
        var deal = try other.deal(1)
        deal.amount = Money(minorUnits: 10_000_000)
        _ = try other.acting(as: "li.na").updateDeal(deal)

        #expect(app.pollStore() == true)
        #expect(app.state.board.board?.columns.first?.cards.map(\.id) == [2, 1])
        #expect(app.state.board.selectedDeal?.id == 2)
        let canvas = app.canvas()
        #expect(canvas.roleAt(x: 1, y: 4) == "card.selected")
        #expect(canvas.text(y: 5, from: 1, to: 13) == "数据中心网络")
        #expect(canvas.text(y: 11, from: 1, to: 26).hasPrefix("10万 · 10天 · ◆2/2"))
        #expect(canvas.lines()[2].hasPrefix(" 合计 40万  加权 4万"))
        #expect(app.pollStore() == false)

        // With the deal open, another person's tick shows in the checklist.
        app.key(.enter)
        _ = try other.acting(as: "li.na").setMilestone(dealID: 2, key: "graded", done: true, expectedVersion: nil)
        #expect(app.pollStore() == true)
        guard case .detail(let detail) = app.state.overlay else { Issue.record("the detail closed"); return }
        #expect(detail.deal.id == 2)
        #expect(detail.deal.milestonesDone == ["graded"])
        #expect(app.canvas().text(y: 4, from: 41, to: 60).hasPrefix(" [x] 评估和分级"))
    }
}
