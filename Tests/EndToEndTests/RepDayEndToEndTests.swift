import Foundation
import Testing

/// A rep's day in the dashboard: the real binary in a private tmux server, the CLI to confirm
/// what was written.
@Suite("A rep's day end to end")
struct RepDayEndToEndTests {
    @Test("the person form picks 管理层 from glc typed on the level field, and saves it")
    func pickingALevelByPinyinInitials() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["account", "add", "宝钢股份"])
        try sandbox.ok(["person", "add", "--account", "宝钢股份", "王总", "--title", "总经理", "--level", "decision"])
        let tmux = try Tmux(sandbox, arguments: ["--lang", "zh"], width: 160, height: 48)
        defer { tmux.kill() }
        try tmux.keys("3")
        try tmux.waitFor(text: "宝钢股份")
        try tmux.keys("o")
        try tmux.waitFor(text: "王总")
        try tmux.keys("e")
        try tmux.waitFor(text: "编辑 王总")
        try tmux.keys("Tab", "Tab")
        try tmux.type("glc")
        try tmux.waitFor("the level picker narrowed to 管理层") { $0.contains("> glc") && $0.contains("1/3") && $0.contains("› 管理层") }
        try tmux.keys("Enter")
        try tmux.waitFor("the level field holding 管理层") { $0.contains("级别: 管理层") && !$0.contains("> glc") }
        try tmux.keys("Enter")
        try tmux.waitFor("the form saved") { !$0.contains("编辑 王总") }
        let person = try #require(try sandbox.json(["person", "show", "1", "--json"]) as? [String: Any])
        #expect(person["level"] as? String == "manager")
        try tmux.quit()
    }

    @Test("a rep's morning on the demo: mine, open a deal, plan two activities, do one with a person met, undo a score change")
    func aRepsMorning() throws {
        let sandbox = try Sandbox.withDemo()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "zh", "--user", "wang.lei"], width: 160, height: 48)
        defer { tmux.kill() }
        try tmux.waitFor(text: "开发")
        // Mine, on the deal table, narrowed to 上海仪表罐区自动化项目 (#73, account 上海自动化仪表 with its key persons).
        try tmux.keys("m")
        try tmux.waitFor(text: "我的")
        try tmux.keys("2")
        try tmux.keys("/")
        try tmux.type("上海仪表罐区")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "上海仪表罐区自动化项目")
        try tmux.keys("Enter")
        try tmux.waitFor("the deal open") { $0.contains("#73 上海仪表罐区自动化项目") && $0.contains("关键节点") }

        try tmux.keys("p")
        try tmux.waitFor(text: "计划行动 — #73")
        try tmux.keys("a")
        try tmux.waitFor(text: "新计划")
        try tmux.type("给总工打电话")
        try tmux.keys("Tab")
        try tmux.type("+1")
        try tmux.keys("Tab")
        try tmux.type("9:30")
        try tmux.keys("Enter")
        try tmux.waitFor("the call planned") { $0.contains("已计划: 电话 · 给总工打电话") && $0.contains("09:30") }
        try tmux.keys("a")
        try tmux.waitFor(text: "新计划")
        try tmux.type("发送报价")
        try tmux.keys("Tab")
        try tmux.type("+3")
        try tmux.keys("Enter")
        try tmux.waitFor("the quote planned") { $0.contains("已计划: 电话 · 发送报价") && $0.contains("给总工打电话") }

        // Done: the first plan, yesterday, with 何建华 met.
        try tmux.keys("g", "d")
        try tmux.waitFor(text: "完成日期")
        try tmux.keys("C-u")
        try tmux.type("昨天")
        try tmux.keys("Tab")
        try tmux.type("hjh")
        try tmux.waitFor("the persons picker on 何建华") { $0.contains("见到的人") && $0.contains("何建华") }
        try tmux.keys("Space", "Enter")
        try tmux.waitFor("何建华 in the field") { $0.contains("见了谁: 何建华") }
        try tmux.keys("Enter")
        try tmux.waitFor("the plan done") { $0.contains("完成于") && $0.contains("见了 何建华") }
        try tmux.keys("Escape")
        try tmux.waitFor(text: "关键节点")
        try tmux.keys("Escape")

        // The quadrant: 上海自动化仪表 (assistance 8, loyalty 4), found by zdhyb, five times +, Enter, then u.
        try tmux.keys("4")
        try tmux.keys("/")
        try tmux.type("zdhyb")
        try tmux.keys("Enter")
        try tmux.keys("j")
        for _ in 0..<5 { try tmux.keys("+") }
        try tmux.waitFor("five presses waiting") { $0.contains("忠诚 4→9") && $0.contains("Enter 保存") }
        try tmux.keys("Enter")
        try tmux.waitFor("the scores saved") { $0.contains("忠诚 4→9") && !$0.contains("Enter 保存") }
        #expect(try sandbox.ok(["account", "show", "6", "--user", "wang.lei"]).stdout.contains("loyalty 9"))
        try tmux.keys("u")
        try tmux.waitFor("the undo said") { $0.contains("已撤销：评分") }
        #expect(try sandbox.ok(["account", "show", "6", "--user", "wang.lei"]).stdout.contains("loyalty 4"))

        let list = try sandbox.ok(["activity", "list", "--deal", "73", "--user", "wang.lei"]).stdout
        #expect(list.contains("发送报价"), "\(list)")
        #expect(list.contains("何建华"), "\(list)")
        try tmux.quit()
    }

    @Test("losing a deal on the demo: the reason picked from the team's list by pinyin initials, a competitor typed new")
    func losingADealWithAPickedReason() throws {
        let sandbox = try Sandbox.withDemo()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "zh", "--user", "wang.lei"], width: 160, height: 48)
        defer { tmux.kill() }
        try tmux.waitFor(text: "开发")
        try tmux.keys("m")
        try tmux.waitFor(text: "我的")
        try tmux.keys("2")
        try tmux.keys("/")
        try tmux.type("上海仪表罐区")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "上海仪表罐区自动化项目")
        try tmux.keys("Enter")
        try tmux.waitFor("the deal open") { $0.contains("#73 上海仪表罐区自动化项目") && $0.contains("关键节点") }
        try tmux.keys("x")
        try tmux.waitFor("the loss form") { $0.contains("丢单 · Enter 保存 · Esc 取消") && $0.contains("赢单对手:") }
        try tmux.type("jgtg")
        try tmux.waitFor("the reason picker on 价格太高") { $0.contains("丢单原因") && $0.contains("› 价格太高") }
        try tmux.keys("Enter")
        try tmux.waitFor("价格太高 in the field") { $0.contains("原因: 价格太高") }
        try tmux.keys("Tab")
        try tmux.type("对手报价低 15%")
        try tmux.keys("Tab")
        try tmux.type("西门子")
        try tmux.waitFor("a new competitor offered") { $0.contains("+ 新增: 西门子") }
        try tmux.keys("Enter")
        try tmux.waitFor("西门子 in the field") { $0.contains("赢单对手: 西门子") }
        try tmux.keys("Enter")
        try tmux.waitFor("the deal lost") { $0.contains("#73 丢单: 价格太高 — 对手报价低 15%") }
        let deal = try #require(try sandbox.json(["deal", "show", "73", "--json", "--user", "wang.lei"]) as? [String: Any])
        #expect(deal["outcome"] as? String == "lost")
        #expect(deal["lossReason"] as? String == "价格太高")
        #expect(deal["lostTo"] as? String == "西门子")
        try tmux.quit()
    }
}
