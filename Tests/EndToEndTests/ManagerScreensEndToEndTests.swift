import Foundation
import Testing

/// The manager's screens on the demo store, end to end in a real terminal: the board in the base
/// currency with health marks, the weekly review's targets (set from the screen and seen by the
/// CLI), the week stepped with [ ], and the wall's standing and health.
@Suite("Manager's screens end to end")
struct ManagerScreensEndToEndTests {
    private func quarter() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return "\(parts.year ?? 2026)-Q\(((parts.month ?? 1) - 1) / 3 + 1)"
    }

    @Test("board totals in CNY with health marks; review: t sets the team's target, [ steps a week; the wall's standing and health")
    func reviewTargetsAndWall() throws {
        let sandbox = try Sandbox.withDemo()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"], width: 160, height: 48)
        defer { tmux.kill() }
        let board = try tmux.waitFor(text: "Develop")
        #expect(board.contains("✚"), "health marks on the cards:\n\(board)")
        #expect(!board.contains(" +1"), "no unexplained count of other currencies")

        try tmux.keys("6")
        let review = try tmux.waitFor(text: "Forecast and target in CNY")
        #expect(review.contains("Period   ✓ won  commit"))
        let week = review.split(separator: "\n").first { $0.hasPrefix("Week ") }.map(String.init) ?? ""
        #expect(!week.isEmpty, "the heading names the week:\n\(review)")

        // The team's target from the review screen, as the CLI then sees it.
        try tmux.keys("t")
        try tmux.waitFor(text: "Target for \(quarter()) · whole team")
        try tmux.keys("C-u")
        try tmux.type("250M")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "Target for \(quarter()) · whole team: CNY 250M")
        let targets = try sandbox.ok(["target", "list"]).stdout
        #expect(targets.split(separator: "\n").contains { $0.hasPrefix(quarter()) && $0.contains("CNY 250M") }, "\(targets)")

        // Per rep, by the names the team uses, with the team's row under them.
        try tmux.keys("G")
        let reps = try tmux.waitFor("the per-rep table") { $0.contains("Per rep · ") && $0.contains("Total") }
        #expect(reps.contains("李娜") && reps.contains("王磊") && !reps.contains("li.na "), "\(reps)")

        try tmux.keys("[")
        try tmux.waitFor("the week before") { screen in
            let heading = screen.split(separator: "\n").first { $0.hasPrefix("Week ") }.map(String.init) ?? ""
            return !heading.isEmpty && heading != week
        }

        try tmux.keys("W")
        try tmux.waitFor(text: "Against target (CNY)")
        try tmux.waitFor(text: "Deal health · deals with a warning")
        try tmux.keys("Right")
        let steps = try tmux.waitFor(text: "Overdue, largest first")
        #expect(steps.contains("amount"), "\(steps)")
        try tmux.keys("Escape")
        try tmux.waitFor(text: "Forecast and target in CNY")
        try tmux.quit()
    }
}
