/// A labelled text field inside a `FormState`.
public struct FormField: Hashable, Sendable {
    public var label: String
    public var state: TextFieldState
    /// Shown under the field (validation feedback from the caller).
    public var error: String?
    public var placeholder: String

    public init(label: String, text: String = "", placeholder: String = "", maxLength: Int? = nil) {
        self.label = label
        state = TextFieldState(text: text, maxLength: maxLength)
        self.placeholder = placeholder
    }

    public var text: String { state.text }
}

/// Fields with focus; Tab / Shift-Tab (and up/down) move between them.
public struct FormState: Hashable, Sendable {
    public var fields: [FormField]
    public var focus: Int

    public init(fields: [FormField], focus: Int = 0) {
        self.fields = fields
        self.focus = fields.isEmpty ? 0 : min(max(0, focus), fields.count - 1)
    }

    public func text(of index: Int) -> String { index < fields.count ? fields[index].text : "" }

    public mutating func setError(_ message: String?, at index: Int) {
        guard index < fields.count else { return }
        fields[index].error = message
    }

    /// Returns false for keys the form leaves to the caller (enter, escape…).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        guard !fields.isEmpty else { return false }
        switch key {
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus + fields.count - 1) % fields.count
        default: return fields[focus].state.handle(key)
        }
        return true
    }
}

public enum Form {
    /// Rows the form needs: one per field plus one per error.
    public static func height(of form: FormState) -> Int {
        form.fields.reduce(0) { $0 + 1 + ($1.error == nil ? 0 : 1) }
    }

    /// Labels in a right-aligned column, fields beside them, errors beneath.
    public static func render(into canvas: inout Canvas, rect: Rect, form: FormState, focused: Bool = true) {
        let labelWidth = min(rect.width / 2, (form.fields.map { TextWidth.of($0.label) }.max() ?? 0) + 1)
        let fieldX = rect.x + labelWidth + 1
        let fieldWidth = max(0, rect.maxX - fieldX)
        var y = rect.y
        for (i, field) in form.fields.enumerated() {
            guard y < rect.maxY else { break }
            let isFocused = focused && i == form.focus
            canvas.put(TextWidth.padLeft(field.label + ":", to: labelWidth), x: rect.x, y: y,
                       role: isFocused ? .accent : .normal, maxWidth: labelWidth)
            TextField.render(into: &canvas, rect: Rect(x: fieldX, y: y, width: fieldWidth, height: 1),
                             state: field.state, focused: isFocused, placeholder: field.placeholder)
            y += 1
            if let error = field.error, y < rect.maxY {
                canvas.put(error, x: fieldX, y: y, role: .error, maxWidth: fieldWidth)
                y += 1
            }
        }
    }
}
