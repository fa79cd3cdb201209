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
}
