@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The stand-up wall with the team's numbers (ManagerNumbersFixture, figures worked out there).
@Suite("Stand-up wall: the manager's numbers")
struct ManagerWallTests {
    static func wall(_ lang: Language, width: Int, height: Int) throws -> App {
        let app = Fixture.app(try ManagerNumbersFixture.store(), lang, width: width, height: height)
        app.startStandup(interval: 10, wallOnly: true, now: Fixture.now)
        return app
    }

    @Test func pipelineStandingAndHealthFillTheWallAt160x48() throws {
        let app = try Self.wall(.en, width: 160, height: 48)
        let lines = app.lines()
        #expect(lines[2] == row((2, "Open pipeline · Project sale"), (98, "Against target (CNY)")))
        // Every open deal is in the figure, the USD one at 7.10: 120万 + 30万 + 250万 + 355万 = 7.55M.
        let open = try #require(app.state.standup?.review?.funnel.map(\.baseAmount).reduce(BaseTotal(currency: "CNY"), +))
        #expect(open.minorUnits == 755_000_000 && open.isComplete)
        #expect(lines[6].hasPrefix("    █     ███ █ █       4 deals · weighted 4M"))
        expectLines(Array(lines[11...14]), [
            row((14, String(repeating: "█", count: 23)), (98, "won 80k"), (129, "won 80k")),
            row((14, String(repeating: "█", count: 23)), (98, "commit 0"), (129, "commit 2.5M")),
            row((14, String(repeating: "█", count: 23)), (98, "target not set"), (129, "target 10M")),
            row((14, String(repeating: "█", count: 23)), (98, "gap —"), (129, "gap 7.4M")),
        ])
        // The health counts under the standing: four open deals, all with no route to a decision-maker.
        #expect(lines[19] == row((98, "Deal health · deals with a warning")))
        #expect(lines[22] == row((2, "Proposal    " + String(repeating: "█", count: 39)), (71, "1 · 2.5M"), (98, "███  of 4 open · 7.5M")))
        #expect(lines[30] == "                                                                                                  ✚ No route to a decision-maker               4          7.5M")
        // The stages spread down the wall, six rows apart.
        #expect(lines[34].hasPrefix("  Negotiation ███") && lines[34].contains("1 · 3.5M"))
        #expect(lines[40] == row((2, "Implementat"), (71, "0 · 0")))
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func overdueAndTodaysListsShowAmountsAndNames() throws {
        let app = try Self.wall(.en, width: 160, height: 48)
        app.key(.right)
        let lines = app.lines()
        #expect(lines[5].hasSuffix("overdue: 1.2M"))
        expectLines(Array(lines[9...16]), [
            row((2, "rep                today overdue"), (38, "Overdue, largest first · 1 · 1.2M")),
            row((2, "王磊                   0       1"), (38, "due    amount  rep   deal · account")),
            row((38, "11-20    1.2M  王磊  炼油厂泵站改造 · 中国石化北京分公司")),
            "",
            row((38, "No next step · 1 · 300k")),
            row((38, "due  amount  rep   deal · account")),
            row((38, "—      300k  王磊  数据中心网络 · 华为技术有限公司深圳研发中心")),
            "",
        ])
    }

    @Test func chineseAt80x24KeepsToThePipeline() throws {
        let app = try Self.wall(.zh, width: 80, height: 24)
        let lines = app.lines()
        #expect(lines[2] == "  在途管道 · 项目型销售", "no room beside it at 80 columns")
        // Weighted: 12万 + 3万 + 100万 + 284万 (USD 400k at 7.10).
        #expect(lines[6].hasSuffix("4 个商机 · 加权 399万"))
        #expect(app.canvas().wideCharactersIntact)
        app.key(.right)
        #expect(app.lines()[10].contains("王磊") && app.lines()[11].contains("120万"))
    }
}

@Suite("Quadrant side panel: buyer maturity")
struct QuadrantMaturityTests {
    @Test(arguments: [Language.en, .zh])
    func theSelectedAccountsMaturityAndTheMethodsGuidance(lang: Language) throws {
        let (app, store) = try AccountFixture.app(lang, width: 160, height: 48, screen: "4")
        _ = try store.editAccount(1, expectedVersion: nil) { $0.maturity = .familiar }
        app.reload()
        let canvas = app.canvas()
        let panel = (4...20).map { canvas.text(y: $0, from: 109, to: 159).trimmingCharacters(in: .whitespaces) }
        let guidance = BuyerMaturity.familiar.guidance[lang]
        let heading = lang == .en ? "Buyer 2/4 · Growing familiar" : "买方成熟度 2/4 · 逐渐熟悉"
        let at = try #require(panel.firstIndex(of: heading), "\(panel)")
        // The guidance follows, wrapped to the panel, then what price weighs at this level.
        let wrapped = TextWidth.wrap(guidance, to: 50)
        #expect(Array(panel[(at + 1)...].prefix(wrapped.count)) == wrapped)
        #expect(panel.dropFirst(at + 1 + wrapped.count).first == TextWidth.wrap(BuyerMaturity.familiar.price[lang], to: 50).first)
    }
}
