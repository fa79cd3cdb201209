@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The store goes out of reach (a server restart, a dropped connection) with a form open: a
/// banner over the last good picture, the typed text kept, a save refused in one line with
/// nothing written, tries again with growing waits, and carries on when the store is back.
@Suite struct ReconnectTests {
    static let start = Fixture.now

    /// The dashboard over a store that can be made unreachable, deal 1 open in its edit form
    /// with `amount` typed into the amount field.
    static func typing(_ amount: String, _ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SpyStore) {
        let store = SpyStore(try Fixture.memoryStore(Fixture.snapshot()).acting(as: Fixture.user))
        let app = Fixture.app(store, lang, width: width, height: height)
        app.key(.enter)
        app.press("e")
        app.key(.tab)
        app.key(.tab)
        app.key(.ctrl("u"))
        app.type(amount)
        return (app, store)
    }

    static func typed(_ app: App) -> String? {
        guard case .detail(let detail) = app.state.overlay, case .edit(let edit) = detail.mode else { return nil }
        return edit.text(of: DealDetailState.amountField)
    }

    @Test func aFormKeepsItsTextThroughAnOutageAndSavesOnceTheStoreIsBack() throws {
        let (app, store) = try Self.typing("1500000", .en)
        let before = app.lines()
        let board = app.state.board.board
        store.isUnreachable = true

        // Noticed between keys: the banner, the picture and the form as they were.
        #expect(app.pollStore(now: Self.start))
        let outage = try #require(app.state.outage)
        let clock = StandupView.clock(Self.start)
        #expect(app.lines()[1] == " ⚠ Store unreachable — picture of \(clock); reconnecting (try 1); typing kept")
        #expect(app.canvas().roleAt(x: 1, y: 1) == .highlight)
        #expect(Array(app.lines()[2...]) == Array(before[2...]), "everything under the banner is the last good picture")
        #expect(app.state.board.board == board)

        // A save while out of reach: one line, nothing written, the typed amount still there.
        app.key(.enter)
        #expect(app.state.message == StatusMessage("The store cannot be reached: nothing was written — what you typed is kept, try again once the banner is gone", isError: true))
        #expect(Self.typed(app) == "1500000")
        #expect(try store.inner.deal(1).amount.minorUnits != 150_000_000)

        // Tries again only when the wait is over, waiting longer after each failure.
        #expect(app.pollStore(now: Self.start.addingTimeInterval(0.2)) == false)
        #expect(app.state.outage?.attempts == 0)
        #expect(app.pollStore(now: outage.nextTry))
        #expect(app.state.outage?.attempts == 1)
        #expect(app.state.outage?.nextTry == outage.nextTry.addingTimeInterval(1))
        #expect(app.lines()[1].contains("(try 2)"))
        #expect(app.pollStore(now: outage.nextTry.addingTimeInterval(0.9)) == false, "the second wait is a second")

        // Back: the banner goes, the screen is read again, the form is as the user left it and saves.
        store.isUnreachable = false
        let back = try #require(app.state.outage?.nextTry)
        #expect(app.pollStore(now: back))
        #expect(app.state.outage == nil)
        #expect(!app.lines()[1].contains("⚠"))
        #expect(app.state.message?.text == "Connected to the store again: the screen is up to date")
        #expect(Self.typed(app) == "1500000")
        app.key(.enter)
        #expect(Self.typed(app) == nil)
        #expect(try store.inner.deal(1).amount.minorUnits == 150_000_000)
    }

    @Test func theBannerAndTheRefusalInChineseAt160x48() throws {
        let (app, store) = try Self.typing("88", .zh, width: 160, height: 48)
        store.isUnreachable = true
        #expect(app.pollStore(now: Self.start))
        let clock = StandupView.clock(Self.start)
        #expect(app.lines()[1] == " ⚠ 无法连接数据库 —— 显示 \(clock) 的画面；正在自动重连（第 1 次）。输入的内容会保留。")
        #expect(app.canvas().roleAt(x: 1, y: 1) == .highlight)
        app.key(.enter)
        #expect(app.state.message?.text == "无法连接数据库：没有写入任何内容 —— 已输入的内容保留，横幅消失后再试")
        #expect(Self.typed(app) == "88")
    }

    @Test func theWaitsDoubleUpToFiveSeconds() {
        #expect((0...5).map(StoreOutage.wait(after:)) == [0.5, 1, 2, 4, 5, 5])
    }

    @Test func aCommitCutOffMidwaySaysTheChangeMayOrMayNotHaveBeenKept() {
        let error = StoreError.unreachable("the connection was lost while saving", mayHaveSaved: true)
        #expect(ConnectionWatch.refusal(error, lang: .en)?.text == "The connection went while saving: the change may or may not have been kept — look again once the banner is gone")
        #expect(ConnectionWatch.refusal(StoreError.locked(path: "x"), lang: .en) == nil, "a locked file is not an outage")
    }
}
