@testable import CloserApp
import CloserCore
import CloserSQLite
import Testing
import TerminalUI

/// Whose figures the review and the win/loss view show, as their headings say: a rep (li.na in
/// the demo, who sees only the accounts she may) never reads "whole team"; the manager does.
@Suite("Review and win/loss headings say whose figures they are")
struct FiguresScopeHeadingTests {
    struct Case: Sendable {
        let user: String
        let screen: Character
        /// `m` pressed: the figures filtered to the reader's own deals.
        let mine: Bool
        let en: String
        let zh: String
    }

    static let cases: [Case] = [
        Case(user: "li.na", screen: "8", mine: false,
             en: "Win/loss 2026-Q4 (10-01 → 12-31) · accounts I see · in CNY · [ ] quarter",
             zh: "赢单/丢单 2026年第4季度（10-01 → 12-31）· 我可见的客户 · 以 CNY 计 · [ ] 换季度"),
        Case(user: "li.na", screen: "8", mine: true,
             en: "Win/loss 2026-Q4 (10-01 → 12-31) · mine · in CNY · [ ] quarter",
             zh: "赢单/丢单 2026年第4季度（10-01 → 12-31）· 我的 · 以 CNY 计 · [ ] 换季度"),
        // The store gives a rep their own review whatever is asked: the heading says so.
        Case(user: "li.na", screen: "6", mine: false,
             en: "Week 11-16 → 11-22 · mine · [ ] week · t target · c call · r rep",
             zh: "周 11-16 → 11-22 · 我的 · [ ] 换周 · t 目标 · c 判断 · r 销售"),
        Case(user: Fixture.user, screen: "8", mine: false,
             en: "Win/loss 2026-Q4 (10-01 → 12-31) · whole team · in CNY · [ ] quarter",
             zh: "赢单/丢单 2026年第4季度（10-01 → 12-31）· 全体销售 · 以 CNY 计 · [ ] 换季度"),
        Case(user: Fixture.user, screen: "6", mine: false,
             en: "Week 11-16 → 11-22 · whole team · [ ] week · t target · c call · r rep",
             zh: "周 11-16 → 11-22 · 全体销售 · [ ] 换周 · t 目标 · c 判断 · r 销售"),
    ]

    @Test(arguments: cases, [(80, 24), (160, 48)])
    func heading(_ c: Case, size: (Int, Int)) throws {
        for lang in [Language.en, .zh] {
            let (app, _, _) = try Fixture.demoApp(lang, width: size.0, height: size.1, user: c.user)
            app.press(c.screen)
            if c.mine { app.press("m") }
            #expect(app.lines()[1] == (lang == .en ? c.en : c.zh), "\(c.user) on \(c.screen) at \(size.0)×\(size.1)")
        }
    }

    @Test func scopeWording() {
        func label(_ rep: String?, _ isRep: Bool, _ lang: Language) -> String {
            FiguresScope.label(rep: rep, viewer: "li.na", viewerIsRep: isRep, name: { $0 == "wang.lei" ? "王磊" : $0 }, lang: lang)
        }
        #expect(label(nil, true, .zh) == "我可见的客户" && label(nil, true, .en) == "accounts I see")
        #expect(label(nil, false, .zh) == "全体销售" && label(nil, false, .en) == "whole team")
        #expect(label("li.na", true, .zh) == "我的" && label("wang.lei", false, .en) == "王磊")
    }
}
