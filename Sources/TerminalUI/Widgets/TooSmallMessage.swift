/// Shown instead of the app when the terminal cannot fit the layout.
public enum TooSmallMessage {
    /// The default English text; apps pass their own (e.g. Chinese) to `render`.
    public static func text(needWidth: Int, needHeight: Int, haveWidth: Int, haveHeight: Int) -> String {
        "Terminal too small: need \(needWidth)×\(needHeight), have \(haveWidth)×\(haveHeight)"
    }

    /// Clears the canvas and centres `text`, wrapped to the width available.
    public static func render(into canvas: inout Canvas, text: String) {
        canvas.clear()
        let lines = TextWidth.wrap(text, to: max(1, canvas.width))
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < canvas.height {
            let x = max(0, (canvas.width - TextWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + i, role: .warning, maxWidth: canvas.width)
        }
    }
}
