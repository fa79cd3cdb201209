import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The dashboard shows a rep what the store lets them see, and a name that is not a user a
/// screen that says how to be added.
@Suite struct DashboardTrustTests {
    /// The hand-made pipeline with a team: boss (manager), wang.lei and li.na (reps); li.na's
    /// 上海电气集团 (deals 3 and 5, 汽轮机…) is exclusive to her.
    static func teamStore() throws -> SQLiteStore {
        var snapshot = Fixture.snapshot()
        snapshot.users = [User(name: "boss", role: .manager), User(name: Fixture.user, role: .rep), User(name: "li.na", role: .rep)]
        snapshot.accounts = snapshot.accounts.map { account in
            var account = account
            if account.id == 3 { account.visibility = .exclusive }
            return account
        }
        let store = try Fixture.memoryStore(snapshot)
        // This week's moves, so the review and the wall have lists to show.
        _ = try store.acting(as: "li.na").moveDeal(3, to: "proposal", forceReason: "客户要求", expectedVersion: nil)
        _ = try store.acting(as: Fixture.user).moveDeal(1, to: "entry", forceReason: nil, expectedVersion: nil)
        return store
    }

    static let secrets = ["汽轮机", "上海电气"]

    static func leaks(_ text: String) -> [String] { secrets.filter { text.contains($0) } }

    /// The review's screen with each of its sections selected in turn (a section lists its deals).
    static func reviewScreens(_ app: App) -> [String] {
        (0..<16).map { _ in
            defer { app.press("j") }
            return app.screenText()
        }
    }

    @Test func aRepsScreensShowNothingOfAnotherRepsExclusiveAccount() throws {
        let store = try Self.teamStore()
        let app = Fixture.app(store, .zh, width: 160, height: 48, user: Fixture.user)
        #expect(app.state.board.board?.columns.flatMap(\.cards).map(\.id).sorted() == [1, 2, 4])
        #expect(Self.leaks(app.screenText()) == [], "board")
        app.press("2")
        #expect(app.state.table.page?.rows.map(\.id).sorted() == [1, 2, 4])
        #expect(Self.leaks(app.screenText()) == [], "deal table")
        app.press("6")
        #expect(Self.reviewScreens(app).allSatisfy { Self.leaks($0).isEmpty }, "review")
        app.startStandup(interval: 10, wallOnly: true, now: Fixture.now)
        for panel in 0..<4 {
            #expect(Self.leaks(app.screenText()) == [], "wall panel \(panel + 1)")
            app.key(.right)
        }
    }

    @Test func theManagerSeesThemAll() throws {
        // The same screens as the manager: the check above can fail.
        let store = try Self.teamStore()
        let app = Fixture.app(store, .zh, width: 160, height: 48, user: "boss")
        #expect(app.state.board.board?.columns.flatMap(\.cards).map(\.id).sorted() == [1, 2, 3, 4, 5])
        #expect(Self.leaks(app.screenText()) == Self.secrets)
        app.press("6")
        #expect(Self.reviewScreens(app).contains { Self.leaks($0).contains("汽轮机") })
    }

    @Test func aNameThatIsNotAUserIsToldWhatToDoInEnglish() throws {
        let store = try Self.teamStore()
        let app = Fixture.app(store, .en, width: 80, height: 24, user: "nosuch")
        #expect(app.state.isStranger)
        #expect(app.state.board.board == nil, "nothing read")
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ Closer · ") })
        let box = lines[top...].prefix { !$0.contains("└") }.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(box == [
            "│                                                                       │",
            "│  “nosuch” is not a user of this store                                 │",
            "│  It has users, so each sees only what they may: you see nothing yet.  │",
            "│                                                                       │",
            "│  Ask a manager to add you:                                            │",
            "│      closer user add nosuch --role rep                                │",
            "│  (or open the dashboard as your user name: closer --user NAME)        │",
            "│                                                                       │",
            "│  This screen starts by itself once you are added · q quits            │",
            "│                                                                       │",
        ])
        // Keys do nothing but leave.
        app.press("2")
        #expect(app.state.screen == .board && app.state.overlay == nil)
        // Once a manager adds them, the next poll starts the dashboard.
        try store.acting(as: "boss").saveUser(User(name: "nosuch", role: .rep))
        #expect(app.pollStore())
        #expect(!app.state.isStranger)
        #expect(app.state.board.board?.columns.flatMap(\.cards).isEmpty == true, "a new rep holds no account yet")
        app.press("q")
        #expect(app.state.shouldQuit)
    }

    @Test func aNameThatIsNotAUserIsToldWhatToDoInChineseAt160x48() throws {
        let store = try Self.teamStore()
        let app = Fixture.app(store, .zh, width: 160, height: 48, user: "nosuch")
        let text = app.screenText()
        #expect(text.contains("│  “nosuch” 不是该数据库的用户"))
        #expect(text.contains("│      closer user add nosuch --role rep"))
        #expect(text.contains("│  添加后本屏会自动进入看板 · 按 q 退出"))
        #expect(app.canvas().wideCharactersIntact)
        app.key(.escape)
        #expect(app.state.shouldQuit)
    }

    @Test func aStoreWithNoUsersIsNobodysStranger() throws {
        let store = try Fixture.memoryStore(Snapshot(accounts: Fixture.snapshot().accounts, deals: Fixture.snapshot().deals))
        let app = Fixture.app(store, .en, user: "whoever")
        #expect(!app.state.isStranger)
        #expect(app.state.board.board?.columns.flatMap(\.cards).count == 5)
    }
}
