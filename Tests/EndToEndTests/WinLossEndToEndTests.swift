import Foundation
import Testing

/// The win/loss view on the demo store in a real terminal: 8 opens it on this quarter, its row of
/// all closed deals is `closer report winloss`'s own for the same days, [ steps a quarter back,
/// P changes the length, → the dimension.
@Suite("Win/loss view end to end")
struct WinLossEndToEndTests {
    /// This quarter's first and last day, as the dashboard (in the local time zone) reckons them.
    private func quarter() -> (start: String, last: String, name: String) {
        let calendar = Calendar(identifier: .gregorian)
        let parts = calendar.dateComponents(in: .current, from: Date())
        let year = parts.year ?? 2026, q = ((parts.month ?? 1) - 1) / 3 + 1
        let lastMonth = q * 3
        let lastDay = calendar.range(of: .day, in: .month, for: calendar.date(from: DateComponents(year: year, month: lastMonth, day: 1)) ?? Date())?.count ?? 30
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return ("\(year)-\(two(lastMonth - 2))-01", "\(year)-\(two(lastMonth))-\(two(lastDay))", "\(year)-Q\(q)")
    }

    /// The words of the line after `title` and its header line.
    private func figures(after title: String, in text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let at = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(title) }), at + 2 < lines.count else { return [] }
        return lines[at + 2].split(separator: " ").map(String.init)
    }

    @Test("8 opens this quarter's win/loss with the CLI report's figures; [ P → step, lengthen and change the dimension")
    func winLossView() throws {
        let sandbox = try Sandbox.withDemo()
        let (start, last, name) = quarter()
        let report = try sandbox.ok(["report", "winloss", "--since", start, "--until", last, "--lang", "en"]).stdout
        let expected = figures(after: "All closed deals", in: report)
        #expect(expected.count >= 8, "the CLI's total row:\n\(report)")

        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"], width: 160, height: 48)
        defer { tmux.kill() }
        try tmux.waitFor(text: "Develop")
        try tmux.keys("8")
        let view = try tmux.waitFor("the win/loss view") { $0.contains("Win/loss \(name)") && $0.contains("All closed deals") }
        #expect(figures(after: "All closed deals", in: view) == expected, "the view's total row is the report's:\n\(view)\n\(report)")
        #expect(view.contains(" By lost reason "), "\(view)")

        try tmux.keys("Right")
        try tmux.waitFor(text: "By competitor · ")
        try tmux.keys("[")
        try tmux.waitFor("the quarter before") { !$0.contains("Win/loss \(name)") && $0.contains("Win/loss ") }
        try tmux.keys("P")
        try tmux.waitFor("a year") { screen in screen.split(separator: "\n").contains { $0.hasPrefix("Win/loss 20") && $0.contains("[ ] year") } }
        try tmux.quit()
    }
}
