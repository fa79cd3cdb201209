/// A framed region with a title; the frame is highlighted when the panel has focus.
public enum Panel {
    /// Draws the frame and returns the inner area for the content.
    @discardableResult
    public static func render(into canvas: inout Canvas, rect: Rect, title: String?, focused: Bool = false,
                              fill: StyleRole? = nil) -> Rect {
        if let fill { canvas.fill(rect, role: fill) }
        canvas.box(rect, title: title, role: focused ? .borderFocused : .border, titleRole: .title)
        return rect.inset(by: 1)
    }
}
