import Foundation
import Testing

/// The dashboard's import screen, through the real binary in tmux.
@Suite("Import screen end to end")
struct ImportScreenEndToEndTests {
    @Test("I, ~/deals.csv, the preview with its rejected row, s: the board shows the deals, the CLI lists them, the rejects are in a file")
    func importFromTheDashboard() throws {
        let sandbox = try Sandbox()
        let csv = "商机名称,客户名称,金额,阶段\r\n锅炉改造工程,中国石化,\"¥1,200,000.00\",提案\r\n高炉扩建,宝钢集团,120万,投标\r\n神秘项目,宝钢集团,很多,提案\r\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: sandbox.path("deals.csv")))
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"], width: 120, height: 36)
        defer { tmux.kill() }
        try tmux.waitFor("the welcome") { $0.contains("Welcome to Closer") && $0.contains("closer import") }
        try tmux.keys("I")
        try tmux.waitFor(text: "File to import")
        try tmux.type("~/deals.csv")
        try tmux.keys("Enter")
        // The whole preview, down to its key line, before it is read: a pane read mid-redraw is half a screen.
        let preview = try tmux.waitFor("the whole preview") { screen in
            screen.contains("Rejected rows (1):") && screen.contains("'很多' is not an amount") && screen.contains("s import, skipping 1 bad row")
        }
        #expect(preview.contains("Kind: deals · encoding UTF-8 · comma-separated · process project · dates automatic · 3 rows"), "\(preview)")
        #expect(preview.contains("would create 2 accounts, 2 deals; rejected 1 row"), "\(preview)")
        #expect(preview.contains("Columns: 商机名称→deal  客户名称→account  金额→amount  阶段→stage"), "\(preview)")
        #expect(try sandbox.deals().isEmpty, "the preview writes nothing")

        try tmux.keys("s")
        let board = try tmux.waitFor("the board with the imported deals and the status line") { screen in
            screen.contains("Imported deals.csv") && screen.contains("锅炉改造工程") && screen.contains("高炉扩建") && !screen.contains("Rejected rows")
        }
        #expect(board.contains("Proposal") && board.contains("Bid"), "\(board)")
        let titles = Set(try sandbox.deals().compactMap { $0["title"] as? String })
        #expect(titles == ["锅炉改造工程", "高炉扩建"])
        let rejects = String(decoding: try #require(FileManager.default.contents(atPath: sandbox.path("deals.rejected.csv"))), as: UTF8.self)
        #expect(rejects.contains("神秘项目") && rejects.contains("Closer error"))
        try tmux.quit()
    }
}
