@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// `m` (mine) for a user who owns nothing: on a file store the dashboard asks who is at the
/// keyboard and acts as them for the session (as --user does); on a server it says who the
/// connection is and shows everyone's deals.
@Suite("Mine, for a user who owns nothing")
struct WhoAmITests {
    /// The hand-made pipeline with 陈静 (chen.jing), a manager who owns nothing, at the keyboard.
    static func app(_ lang: Language, canSwitch: Bool, width: Int = 80) throws -> (App, SQLiteStore) {
        var snapshot = Fixture.snapshot()
        snapshot.users = [User(name: "wang.lei", role: .manager, displayName: "王磊"), User(name: "li.na", role: .manager, displayName: "李娜"),
                          User(name: "chen.jing", role: .manager, displayName: "陈静")]
        let store = try Fixture.memoryStore(snapshot)
        let actAs = canSwitch ? ActAs { login in (store.acting(as: login), nil) } : nil
        let app = App(store: store.acting(as: "chen.jing"), state: Fixture.state(lang, width: width, user: "chen.jing"), actAs: actAs)
        app.start()
        return (app, store)
    }

    @Test func onAFileStoreItAsksWhoYouAreAndActsAsThem() throws {
        let (app, _) = try Self.app(.zh, canSwitch: true)
        app.press("m")
        guard case .whoAmI(let picker) = app.state.overlay else { Issue.record("no picker: \(String(describing: app.state.overlay))"); return }
        // By name, Chinese names by pinyin: 陈 chen, 李 li, 王 wang.
        #expect(picker.logins == ["chen.jing", "li.na", "wang.lei"])
        let text = app.screenText()
        #expect(text.contains("你是谁？"))
        #expect(text.contains("陈静 (chen.jing) 名下没有商机。本次以谁的身份使用："))
        #expect(text.contains("李娜 (li.na)") && text.contains("王磊 (wang.lei)"))
        app.key(.down)
        app.key(.enter)
        #expect(app.state.overlay == nil)
        #expect(app.state.user == "li.na")
        guard case .success(let actor as Actor) = app.runner.run(ReadActor()) else { Issue.record("no actor"); return }
        #expect(actor.name == "li.na", "the store acts as the chosen member")
        #expect(app.state.filter.owner == "li.na")
        #expect(app.state.message?.text == "本次以 李娜 (li.na) 的身份使用")
        #expect(app.state.board.board?.columns.flatMap(\.cards).map(\.id).sorted() == [3, 5], "李娜's deals")
    }

    @Test func escapeKeepsWhoYouAre() throws {
        let (app, _) = try Self.app(.en, canSwitch: true)
        app.press("m")
        app.key(.escape)
        #expect(app.state.user == "chen.jing" && app.state.filter.owner == nil)
        #expect(app.state.message?.text == "Still 陈静 (chen.jing): showing everyone's deals")
    }

    @Test(arguments: [
        (Language.en, "Connected as 陈静 (chen.jing), who owns no deals: showing everyone's"),
        (Language.zh, "当前连接用户为 陈静 (chen.jing)，名下没有商机：显示全部"),
    ]) func whereTheUserIsTheConnectionItOnlySaysWho(_ lang: Language, _ said: String) throws {
        let (app, _) = try Self.app(lang, canSwitch: false, width: 160)
        app.press("m")
        #expect(app.state.overlay == nil)
        #expect(app.state.message?.text == said)
        #expect(app.state.filter.owner == nil && app.state.user == "chen.jing")
        #expect(app.lines().last?.contains(said) == true)
    }

    @Test func aUserWhoOwnsDealsSeesTheirsAndMAgainShowsAll() throws {
        let (app, _) = try Fixture.handMade(.zh)
        app.press("m")
        #expect(app.state.overlay == nil && app.state.filter.owner == Fixture.user)
        app.press("m")
        #expect(app.state.filter.owner == nil)
    }
}
