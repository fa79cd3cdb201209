/// A labelled text field inside a `FormState`.
public struct FormField: Hashable, Sendable {
    public var label: String
    public var state: TextFieldState
    /// Shown under the field (validation feedback from the caller).
    public var error: String?
    public var placeholder: String
    /// Set for a field of fixed values: it is picked, not typed.
    public var choices: FieldChoices?

    public init(label: String, text: String = "", placeholder: String = "", maxLength: Int? = nil, choices: FieldChoices? = nil) {
        self.label = label
        state = TextFieldState(text: text, maxLength: maxLength)
        self.placeholder = placeholder
        self.choices = choices
    }

    public var text: String { state.text }
}

/// Fields with focus; Tab / Shift-Tab (and up/down) move between them.
public struct FormState: Hashable, Sendable {
    public var fields: [FormField]
    public var focus: Int
    /// The focused field's picker while it is open: it takes every key until chosen or cancelled.
    public private(set) var picker: PickerState?
    /// List rows a form's picker moves by on PgUp / PgDn.
    public static let pickerRows = 8

    public init(fields: [FormField], focus: Int = 0) {
        self.fields = fields
        self.focus = fields.isEmpty ? 0 : min(max(0, focus), fields.count - 1)
    }

    public func text(of index: Int) -> String { index < fields.count ? fields[index].text : "" }

    public mutating func setError(_ message: String?, at index: Int) {
        guard index < fields.count else { return }
        fields[index].error = message
    }

    public var isPicking: Bool { picker != nil }

    /// Returns false for keys the form leaves to the caller (enter, escape…). With a picker
    /// open every key is the picker's; on a field of fixed values a typed key opens the
    /// picker with that key as the start of its filter (Space opens it unfiltered).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        guard !fields.isEmpty else { return false }
        if picker != nil { return handlePicker(key) }
        switch key {
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus + fields.count - 1) % fields.count
        default:
            guard let choices = fields[focus].choices else { return fields[focus].state.handle(key) }
            switch key {
            case .char(" "): picker = choices.picker(for: fields[focus].text)
            case .char:
                picker = choices.picker(for: fields[focus].text)
                return handlePicker(key)
            case .backspace, .delete, .ctrl("u"): fields[focus].state.text = ""
            default: return false
            }
        }
        return true
    }

    /// Opens the focused field's picker (Enter on a picked field, a click on it); false for a typed field.
    @discardableResult
    public mutating func openPicker() -> Bool {
        guard fields.indices.contains(focus), let choices = fields[focus].choices else { return false }
        picker = choices.picker(for: fields[focus].text)
        return true
    }

    private mutating func handlePicker(_ key: Key) -> Bool {
        guard var open = picker, let choices = fields[focus].choices else { picker = nil; return false }
        switch open.handle(key, pageSize: FormState.pickerRows) {
        case .chosen(let ids):
            fields[focus].state.text = choices.text(of: ids)
            fields[focus].error = nil
            picker = nil
        case .cancelled: picker = nil
        case nil: picker = open
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
            // A picked field keeps its last column for the ▾ that says so.
            let pickMark = field.choices == nil ? 0 : 2
            TextField.render(into: &canvas, rect: Rect(x: fieldX, y: y, width: max(0, fieldWidth - pickMark), height: 1),
                             state: field.state, focused: isFocused && pickMark == 0, placeholder: field.placeholder)
            if pickMark > 0, fieldWidth > pickMark { canvas.put("▾", x: fieldX + fieldWidth - 1, y: y, role: isFocused ? .accent : .dim) }
            y += 1
            if let error = field.error, y < rect.maxY {
                canvas.put(error, x: fieldX, y: y, role: .error, maxWidth: fieldWidth)
                y += 1
            }
        }
    }

    /// Draws the form's open picker, if any, centred in `area` (the overlay the form sits in).
    public static func renderPicker(into canvas: inout Canvas, area: Rect, form: FormState) {
        guard let picker = form.picker else { return }
        Picker.render(picker, into: &canvas, area: area)
    }
}
