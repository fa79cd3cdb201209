import CloserPostgres
import Foundation
import StoreTestSupport
import Testing

/// The server restarted under an open dashboard: the dashboard runs against a cluster of the
/// test's own, which the test stops and starts again while a form is open on the screen.
@Suite("The dashboard through a server restart")
struct ReconnectEndToEndTests {
    @Test("server stopped: a banner over the last picture, the form's text kept, a save refused in one line; server back: the banner goes, the save lands, other people's writes show again")
    func serverRestartUnderAnOpenForm() throws {
        let cluster = try PrivateCluster()
        let database = try cluster.initializedDatabase()
        let admin = try Sandbox("closer-e2e-reconnect", db: database.url)
        try admin.ok(["user", "add", admin.user, "--role", "manager"])
        let sandbox = try admin.loggedIn(as: admin.user)
        try sandbox.ok(["account", "add", "宝钢股份", "--grade", "A"])
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "热轧线改造", "--stage", "develop", "--amount", "1000000"])
        let dealID = try #require(try sandbox.deals().first?["id"] as? Int)

        let dashboard = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { dashboard.kill() }
        try dashboard.waitFor(text: "热轧线改造", timeout: 15)
        try dashboard.keys("Enter")
        try dashboard.waitFor("the open deal") { $0.contains("热轧线改造") && $0.contains("graded") }
        try dashboard.keys("e")
        try dashboard.waitFor(text: "Close date:")
        try dashboard.keys("Tab", "Tab", "C-u")
        try dashboard.type("3000000")
        try dashboard.waitFor(text: "Amount: 3000000")

        try cluster.stop()
        let down = try dashboard.waitFor("the banner", timeout: 5) { $0.contains("⚠ The store cannot be reached") }
        #expect(down.contains("Amount: 3000000") && down.contains("Close date:"), "the form and its text stay:\n\(down)")
        try dashboard.keys("Enter")
        let refused = try dashboard.waitFor("the save refused in one line") { $0.contains("nothing was written — what you typed is kept") }
        #expect(refused.contains("Amount: 3000000"), "\(refused)")

        try cluster.start()
        let back = try dashboard.waitFor("the banner gone", timeout: 15) { !$0.contains("⚠ The store cannot be reached") }
        #expect(back.contains("Connected to the store again") && back.contains("Amount: 3000000"), "\(back)")
        try dashboard.keys("Enter")
        try dashboard.waitFor("the form closed after saving") { !$0.contains("Close date:") && $0.contains("Milestones") }
        let shown = try #require(try sandbox.json(["deal", "show", String(dealID), "--json"]) as? [String: Any])
        #expect((shown["amount"] as? [String: Any])?["minorUnits"] as? Int == 300_000_000, "saved once the server was back: \(shown)")

        // Listening again: a deal added from the command line shows without a key.
        try dashboard.keys("Escape")
        try dashboard.waitFor("the board") { !$0.contains("Milestones") }
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "AFTER-RESTART-9Z", "--stage", "develop", "--amount", "2000000"])
        try dashboard.waitFor("the new deal on the board", timeout: 3) { $0.contains("AFTER-RESTART-9Z") }
        try dashboard.quit()
    }
}
