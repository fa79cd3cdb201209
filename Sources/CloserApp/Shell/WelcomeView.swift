import CloserCore
import TerminalUI

/// A first run on an empty store says what to do next.
enum WelcomeView {
    static func render(lang: Language, into canvas: inout Canvas, area: Rect) {
        let lines: [(String, StyleRole)] = [
            (lang(.welcomeTitle), .title), ("", .normal),
            (lang(.welcomeLoadDemo), .normal), (lang(.welcomeAddDeal), .normal), (lang(.welcomeImport), .normal),
            ("", .normal), (lang(.welcomeCLI), .dim),
        ]
        let width = min(area.width - 2, (lines.map { TextWidth.of($0.0) }.max() ?? 0) + 6)
        let box = area.centered(width: width, height: lines.count + 4)
        let inner = Panel.render(into: &canvas, rect: box, title: "Closer", focused: true, fill: .normal)
        for (index, line) in lines.enumerated() {
            canvas.put(line.0, x: inner.x + 2, y: inner.y + 1 + index, role: line.1, maxWidth: inner.width - 3)
        }
    }
}
