import Foundation
import Testing

/// The quadrant's actions become work, end to end: the real binary on a copy of the demo store in
/// a private tmux server at 160×48; an action on the side panel is planned with a day and then
/// stands in the account's 360° view, and the CLI lists it with the account's plans.
@Suite("Quadrant actions end to end")
struct QuadrantPlanEndToEndTests {
    @Test("P, ↓, Enter, Enter on the quadrant plans 信息系统共享 on a Strategic account; its 360° view and `activity list --account` show it")
    func planAnActionFromTheQuadrant() throws {
        let sandbox = try Sandbox.withDemo()
        let value = try sandbox.json(["account", "list", "--json", "--limit", "1000"])
        let rows = try #require(value as? [[String: Any]])
        let names = rows.compactMap { $0["name"] as? String }
        // A Strategic account whose name no other account's contains, so the search leaves it alone.
        let target = try #require(rows.first { row in
            guard let name = row["name"] as? String, let assistance = row["assistance"] as? Int, let loyalty = row["loyalty"] as? Int else { return false }
            return assistance >= 6 && loyalty >= 6 && names.filter { $0.contains(name) }.count == 1
        }, "a Strategic account in the demo")
        let id = try #require(target["id"] as? Int)
        let name = try #require(target["name"] as? String)

        let tmux = try Tmux(sandbox, arguments: ["--lang", "zh"], width: 160, height: 48)
        defer { tmux.kill() }
        try tmux.waitFor(text: "管道看板")
        try tmux.keys("4")
        try tmux.waitFor(text: "忠诚度网络")
        try tmux.keys("/")
        try tmux.keys("C-u")
        try tmux.type(name)
        try tmux.waitFor("only \(name) on the quadrant") { $0.contains("1 个客户") }
        try tmux.keys("Enter")  // leaves the search field; the account is selected in Strategic
        try tmux.waitFor("its panel") { $0.contains("保持在忠诚度网络：") }

        try tmux.keys("P")
        try tmux.waitFor("the actions to choose from") { $0.contains("计划一项行动（Enter）：") && $0.contains("▸ 产品创新") }
        try tmux.keys("Down")
        try tmux.waitFor("the second action chosen") { $0.contains("▸ 信息系统共享") }
        try tmux.keys("Enter")
        try tmux.waitFor("the day dialog") { $0.contains("计划到 \(name)") && $0.contains("→ 信息系统共享") }
        try tmux.keys("Enter")
        try tmux.waitFor("the plan said on the status line") { $0.contains("已计划: 信息系统共享") }

        try tmux.keys("Escape")
        try tmux.waitFor("back to the accounts") { $0.contains("保持在忠诚度网络：") }
        try tmux.keys("Enter")
        let view = try tmux.waitFor("the 360° view with the account's plan") { $0.contains("360° · \(name)") && $0.contains("客户层面的计划") }
        #expect(view.contains("信息系统共享"), "\(view)")
        try tmux.keys("Escape")
        try tmux.waitFor("the 360° view to close") { !$0.contains("360° · \(name)") }
        try tmux.quit()

        let list = try sandbox.ok(["activity", "list", "--account", String(id)])
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("P") && $0.contains("信息系统共享 (planned, in ") }, "\(list)")
    }
}
