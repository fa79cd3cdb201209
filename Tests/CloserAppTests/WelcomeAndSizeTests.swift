import CloserApp
import CloserCore
import Foundation
import Testing
import TerminalUI

@Suite struct WelcomeTests {
    @Test func emptyStoreShowsWelcomeInEnglish() throws {
        let app = Fixture.app(try Fixture.memoryStore(), .en)
        #expect(app.state.isEmptyStore)
        let canvas = app.canvas()
        let text = canvas.lines().joined(separator: "\n")
        #expect(text.contains("Welcome to Closer — this store is empty"))
        #expect(text.contains("D   load the demo company"))
        #expect(text.contains("n   add a deal"))
        #expect(text.contains("closer import FILE"))
        // No board is drawn behind it.
        #expect(!text.contains("Develop 10%"))
        #expect(canvas.wideCharactersIntact)
        for line in canvas.lines() { #expect(TextWidth.of(line) <= 80) }
    }

    @Test func emptyStoreShowsWelcomeInChinese() throws {
        let app = Fixture.app(try Fixture.memoryStore(), .zh)
        let canvas = app.canvas()
        let text = canvas.lines().joined(separator: "\n")
        #expect(text.contains("欢迎使用 Closer"))
        #expect(text.contains("D   载入演示公司"))
        #expect(text.contains("n   新建商机"))
        #expect(text.contains("closer import"))
        #expect(canvas.wideCharactersIntact)
    }

    /// Whoever loads the demo joins it as a manager and sees the whole company.
    @Test func pressingDLoadsTheDemo() throws {
        let store = try Fixture.memoryStore()
        let app = Fixture.app(store, .en, user: "tester")
        app.press("D")
        let expected = DemoCompany.generate(seed: 1, scale: nil, today: Fixture.today, user: "tester")
        let openProject = expected.deals.filter { $0.outcome == .open && $0.processKey == "project" }.count
        #expect(!app.state.isEmptyStore)
        let columns = try #require(app.state.board.board?.columns)
        #expect(columns.map(\.count).reduce(0, +) == openProject)
        #expect(openProject > 0)
        let message = try #require(app.state.message)
        #expect(!message.isError)
        #expect(message.text.contains("imported \(expected.accounts.count) accounts"))
        #expect(message.text.contains("\(expected.deals.count) deals"))
        #expect(try store.acting(as: "tester").exportSnapshot().deals.count == expected.deals.count)
        // The status line shows the message, and the board shows cards.
        let lines = app.lines()
        #expect(lines[23].hasPrefix(" imported \(expected.accounts.count) accounts"))
        #expect(lines[1].contains("Develop 10%"))
        #expect(!app.screenText().contains("Welcome to Closer"))
        // A second D refuses: the store is no longer empty.
        app.press("D")
        #expect(app.state.message?.isError == true)
        #expect(try store.acting(as: "tester").exportSnapshot().deals.count == expected.deals.count)
    }
}

@Suite struct TerminalSizeTests {
    @Test(arguments: [Language.zh, .en])
    func tooSmallThenRecovers(lang: Language) throws {
        let (app, _) = try Fixture.handMade(lang, width: 40, height: 10)
        #expect(app.state.isTooSmall)
        var canvas = app.canvas()
        let text = canvas.lines().joined(separator: " ")
        #expect(text.contains(lang == .zh ? "终端窗口太小" : "Terminal too small"))
        #expect(text.contains("60×16"))
        #expect(text.contains("40×10"))
        #expect(!text.contains("│"))
        for line in canvas.lines() { #expect(TextWidth.of(line) <= 40) }
        // Keys while too small must not crash.
        for key: Key in [.char("j"), .char(">"), .enter, .escape, .pageDown, .char("?"), .escape] {
            app.key(key)
            canvas = app.canvas()
        }
        app.handle(.resize(width: 30, height: 5))
        _ = app.canvas()
        app.handle(.resize(width: 80, height: 24))
        #expect(!app.state.isTooSmall)
        let lines = app.lines()
        #expect(lines.count == 24)
        #expect(lines[1].contains(lang == .zh ? "开发 10%" : "Develop 10%"))
        // The selection made while too small (the second develop card) survives and is on screen,
        // and the column scrolls back up so the card above it shows again (3 cards now fit).
        #expect(app.state.board.selectedDeal?.id == 2)
        let canvas80 = app.canvas()
        #expect(canvas80.text(y: 5, from: 1, to: 13) == "炼油厂泵站改")
        #expect(canvas80.roleAt(x: 1, y: 9) == "card.selected")
        #expect(canvas80.text(y: 10, from: 1, to: 13) == "数据中心网络")
        #expect(canvas80.wideCharactersIntact)
        #expect(!app.screenText().contains(lang == .zh ? "终端窗口太小" : "Terminal too small"))
    }

    @Test func minimumSizeIsNotTooSmall() throws {
        let (app, _) = try Fixture.handMade(.zh, width: 60, height: 16)
        #expect(!app.state.isTooSmall)
        let canvas = app.canvas()
        #expect(canvas.wideCharactersIntact)
        for line in canvas.lines() { #expect(TextWidth.of(line) <= 60) }
        #expect(canvas.lines()[1].contains("开发 10%"))
    }

    @Test func theDemoLoadIsSaidInChineseInTheChineseUI() throws {
        let app = Fixture.app(try Fixture.memoryStore(), .zh, user: "tester")
        app.press("D")
        let expected = DemoCompany.generate(seed: 1, scale: nil, today: Fixture.today, user: "tester")
        let text = try #require(app.state.message?.text)
        #expect(text.hasPrefix("已导入 \(expected.accounts.count) 个客户、\(expected.persons.count) 位关键人、\(expected.deals.count) 个商机"), "\(text)")
        #expect(text.allSatisfy { !$0.isASCII || !$0.isLetter }, "no English word: \(text)")
    }
}
