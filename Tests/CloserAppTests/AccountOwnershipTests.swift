import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// Ownership keys of the 360° view: claim, return with a reason, assign / share from a pick
/// list, exclusive / owned, protect / unprotect — over an in-memory store with a team:
///
///   boss (manager), li.na (rep), wang.lei (rep)
///   #1 中国石化北京分公司   wang.lei, owned; last follow-up 2026-10-29 (25 days before today: 5 days left of 30)
///   #2 华为技术有限公司     li.na, shared with wang.lei
///   #3 宝钢股份             in the pool
@Suite struct AccountOwnershipTests {
    static let sinopec = "中国石化北京分公司"
    static let huawei = "华为技术有限公司"
    static let baosteel = "宝钢股份"

    static func snapshot() -> Snapshot {
        let created = Fixture.noon(2026, 10, 1)
        let accounts = [
            Account(id: 1, name: sinopec, grade: .a, assistance: 7, loyalty: 8, owner: "wang.lei", createdAt: created, updatedAt: created),
            Account(id: 2, name: huawei, grade: .b, assistance: 7, loyalty: 4, owner: "li.na", visibility: .shared, sharedWith: ["wang.lei"],
                    createdAt: created, updatedAt: created),
            Account(id: 3, name: baosteel, grade: .d, assistance: 2, loyalty: 2, visibility: .pool, createdAt: created, updatedAt: created),
        ]
        let activities = [
            Activity(id: 1, accountID: 1, kind: .visit, day: Day(year: 2026, month: 10, day: 29)!, notes: "技术交流", by: "wang.lei"),
        ]
        let users = [User(name: "boss", role: .manager), User(name: "li.na", role: .rep), User(name: "wang.lei", role: .rep)]
        return Snapshot(users: users, accounts: accounts, activities: activities)
    }

    /// The app as `user` on the account screen, with `name`'s 360° view open, and the store as
    /// `user` sees it.
    static func open(_ name: String, as user: String, lang: Language = .zh, width: Int = 100, height: Int = 30) throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(snapshot()).acting(as: user)
        let app = Fixture.app(store, lang, width: width, height: height, user: user)
        app.press("3")
        try openFromTable(app, name)
        return (app, store)
    }

    static func openFromTable(_ app: App, _ name: String) throws {
        let index = try #require(app.state.accounts.page?.rows.firstIndex { $0.account.name == name }, "\(name) is in the table")
        app.key(.home)
        for _ in 0..<index { app.key(.down) }
        app.key(.enter)
        #expect(detail(app)?.account.name == name)
    }

    static func detail(_ app: App) -> Account360State? {
        if case .accounts(.account(let detail)) = app.state.overlay { detail } else { nil }
    }

    static func tableOwner(_ app: App, _ id: Int64) -> String?? {
        app.state.accounts.page?.rows.first { $0.id == id }.map { $0.account.owner }
    }

    @Test func repClaimsAPoolAccount() throws {
        let (app, store) = try Self.open(Self.baosteel, as: "wang.lei")
        let before = app.screenText()
        #expect(before.contains("负责人       （公海） · 公海"), "\(before)")
        #expect(before.contains("退回原因") == false)  // imported into the pool, never returned
        #expect(before.contains("c 领取"), "the view lists its ownership keys:\n\(before)")

        app.press("c")
        let claimed = try store.account(3)
        #expect(claimed.owner == "wang.lei" && claimed.visibility == .owned)
        #expect(Self.detail(app)?.account.owner == "wang.lei", "the view reloaded")
        #expect(Self.tableOwner(app, 3) == .some("wang.lei"), "the table behind reloaded")
        let message = try #require(app.state.message)
        #expect(!message.isError)
        #expect(message.text == "宝钢股份 ✓ 已领取 · wang.lei · 私有")
        #expect(app.screenText().contains("wang.lei · 私有"))
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: 3, limit: 1)).first)
        #expect(event.action == "claimed" && event.user == "wang.lei")

        // Claiming it again is refused by the store, with its reason, and changes nothing.
        let version = try store.account(3).version
        app.press("c")
        #expect(app.state.message == StatusMessage("客户 3 不在公海中：由 wang.lei 负责", isError: true))
        #expect(try store.account(3).version == version)
    }

    @Test func returnNeedsAReason() throws {
        let (app, store) = try Self.open(Self.sinopec, as: "wang.lei")
        app.press("r")
        guard case .reason = Self.detail(app)?.ownership.step else {
            Issue.record("r asks for a reason")
            return
        }
        #expect(app.screenText().contains("原因（必填，下一位销售会看到）"))
        app.key(.enter)
        guard case .reason(_, let error) = Self.detail(app)?.ownership.step else {
            Issue.record("an empty reason keeps the question open")
            return
        }
        #expect(error == "退回公海必须填写原因：下一位销售会看到")
        #expect(app.screenText().contains("退回公海必须填写原因"))
        #expect(try store.account(1).owner == "wang.lei", "nothing changed")

        app.type("客户转由总部统一采购")
        app.key(.enter)
        let returned = try store.account(1)
        #expect(returned.owner == nil && returned.visibility == .pool)
        #expect(try store.ownership(of: 1).returnedReason == "客户转由总部统一采购")
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: 1, limit: 1)).first)
        #expect(event.action == "returned" && event.note == "客户转由总部统一采购")
        #expect(app.state.message?.text == "\(Self.sinopec) ✓ 已退回公海 · 在公海")
        let detail = try #require(Self.detail(app))
        #expect(detail.ownership.step == nil)
        #expect(detail.ownership.returnedReason == "客户转由总部统一采购")
        #expect(app.screenText().contains("退回原因"))
        #expect(Self.tableOwner(app, 1) == .some(nil))
    }

    @Test func escCancelsTheReasonAndTheViewStaysOpen() throws {
        let (app, store) = try Self.open(Self.sinopec, as: "wang.lei")
        app.press("r")
        app.type("算了")
        app.key(.escape)
        #expect(Self.detail(app)?.ownership.step == nil)
        #expect(Self.detail(app) != nil, "Esc leaves the question, not the 360° view")
        #expect(try store.account(1).owner == "wang.lei")
    }

    @Test func repProtectingSomeoneElsesAccountIsRefused() throws {
        let (app, store) = try Self.open(Self.huawei, as: "wang.lei")
        let version = try store.account(2).version
        app.press("p")
        let message = try #require(app.state.message)
        #expect(message.isError)
        #expect(message.text == "只有负责人 li.na 或经理可以保护客户 2；您是 wang.lei（销售）")
        #expect(app.lines().last?.contains("只有负责人 li.na 或经理可以保护客户 2") == true,
                "the status line shows the store's reason:\n\(app.screenText())")
        #expect(try store.ownership(of: 2).isProtected == false)
        #expect(try store.account(2).version == version)
        #expect(Self.detail(app)?.ownership.isProtected == false)
        // The view shows who it is shared with.
        #expect(app.screenText().contains("共享给") && app.screenText().contains("wang.lei"))
    }

    @Test func ownerProtectsAndUnprotects() throws {
        let (app, store) = try Self.open(Self.sinopec, as: "wang.lei", lang: .en, width: 160, height: 48)
        app.press("p")
        #expect(try store.ownership(of: 1).isProtected)
        #expect(app.state.message?.text == "\(Self.sinopec) ✓ protected · wang.lei · Owned")
        #expect(app.screenText().contains("Protected      yes (owner/manager only)"))
        app.press("p")
        #expect(try store.ownership(of: 1).isProtected == false)
        #expect(app.state.message?.text == "\(Self.sinopec) ✓ unprotected · wang.lei · Owned")
        #expect(!app.screenText().contains("owner/manager only"))
    }

    @Test func managerAssignsFromAPickList() throws {
        let (app, store) = try Self.open(Self.sinopec, as: "boss")
        app.press("a")
        guard case .pick(let pick) = Self.detail(app)?.ownership.step else {
            Issue.record("a opens the pick list")
            return
        }
        // The store's users, the current owner left out.
        #expect(pick.users.map(\.name) == ["boss", "li.na"])
        let screen = app.screenText()
        #expect(screen.contains("分配给") && screen.contains("li.na · 销售") && screen.contains("boss · 经理"), "\(screen)")
        app.key(.down)
        app.key(.enter)
        let assigned = try store.account(1)
        #expect(assigned.owner == "li.na")
        #expect(app.state.message?.text == "\(Self.sinopec) ✓ 已分配 → li.na · li.na · 私有")
        #expect(Self.detail(app)?.account.owner == "li.na")
        #expect(Self.tableOwner(app, 1) == .some("li.na"))
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: 1, limit: 1)).first)
        #expect(event.action == "assigned" && event.note == "to li.na" && event.user == "boss")
    }

    @Test func shareThenExclusiveThenOwned() throws {
        let (app, store) = try Self.open(Self.sinopec, as: "wang.lei", lang: .en)
        app.press("s")
        guard case .pick(let pick) = Self.detail(app)?.ownership.step else {
            Issue.record("s opens the pick list")
            return
        }
        #expect(pick.action == .share)
        let index = try #require(pick.users.firstIndex { $0.name == "li.na" })
        for _ in 0..<index { app.key(.down) }
        app.key(.enter)
        #expect(try store.account(1).sharedWith == ["li.na"])
        #expect(try store.account(1).visibility == .shared)
        #expect(app.screenText().contains("Shared with"))

        app.press("x")
        #expect(try store.account(1).visibility == .exclusive)
        #expect(try store.account(1).sharedWith.isEmpty)
        app.press("o")
        #expect(try store.account(1).visibility == .owned)
        // Already plainly owned: the store says so, in red.
        app.press("o")
        #expect(app.state.message == StatusMessage("account 1 is already plainly owned", isError: true))
    }

    /// A clock the test moves: the accounts are imported (held) on 2026-10-01, then viewed on the fixture's day.
    final class MovableClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ date: Date) { current = date }
        var now: Date { lock.withLock { current } }
        func set(_ date: Date) { lock.withLock { current = date } }
    }

    @Test func poolWarningForTheCurrentUsersAccount() throws {
        // Held since the import on 2026-10-01; last follow-up 2026-10-29, 30-day rule, warned 7
        // days ahead: 5 days left on 2026-11-23.
        let clock = MovableClock(Date(timeIntervalSince1970: Double(Day(year: 2026, month: 10, day: 1)!.ordinal) * 86_400))
        let store = try SQLiteStore(inMemoryWithClock: { clock.now })
        _ = try store.acting(as: Fixture.user).importSnapshot(Self.snapshot())
        clock.set(Fixture.now)
        let app = Fixture.app(store, .zh, width: 100, height: 30, user: "wang.lei")
        app.press("3")
        try Self.openFromTable(app, Self.sinopec)
        let warning = try #require(Self.detail(app)?.ownership.warning)
        #expect(warning.daysLeft == 5 && warning.reason == .noFollowUp(days: 30))
        let lines = app.lines()
        let row = try #require(lines.firstIndex { $0.contains("公海         ⚠ 5 天后退回") }, "\(app.screenText())")
        #expect(lines[row + 1].contains("             30天未跟进"))
        // Someone else's account: no warning for this user.
        let (other, _) = try Self.open(Self.sinopec, as: "boss", lang: .en)
        #expect(Self.detail(other)?.ownership.warning == nil)
        #expect(!other.screenText().contains("⚠ back"))
    }

    @Test func helpListsTheOwnershipKeysFromTheKeyMap() {
        for lang in [Language.zh, .en] {
            let section = KeyMap.helpSections(lang).first { $0.title == LocalizedText(en: "Open account (360°)", zh: "客户 360°")[lang] }
            let keys = section?.entries.map(\.key) ?? []
            for binding in AccountOwnershipKeys.bindings {
                #expect(keys.contains(KeyMap.name(of: binding.key)), "help lists \(binding.key) in \(lang)")
            }
        }
        let zh = KeyMap.helpSections(.zh).flatMap(\.entries)
        #expect(zh.contains(KeyHint("c", "从公海领取")))
        #expect(zh.contains(KeyHint("r", "退回公海（须填写原因）")))
    }
}
