/// The fixed values a form field takes (a level, a stage, roles): the field opens a picker
/// instead of taking typed text, and the labels chosen become its text, so a form reads a
/// picked field as it reads a typed one.
public struct FieldChoices: Hashable, Sendable {
    public var title: String
    public var choices: [PickerChoice]
    public var multiple: Bool
    /// What a multiple field's text puts between labels ("、", ", ").
    public var separator: String
    /// Shown when nothing matches the filter.
    public var noMatch: String
    /// Set where a value outside the list may be typed: what the picker's extra row says ("new", "新增").
    public var typedEntry: String?

    public init(title: String, choices: [PickerChoice], multiple: Bool = false, separator: String = ", ", noMatch: String = "—",
                typedEntry: String? = nil) {
        self.title = title
        self.typedEntry = multiple ? nil : typedEntry
        self.choices = choices
        self.multiple = multiple
        self.separator = separator
        self.noMatch = noMatch
    }

    /// The text of a field holding these ids, in the order of the choices.
    public func text(of ids: [String]) -> String {
        if let typed = ids.lazy.compactMap(PickerState.typedText).first { return typed }
        return choices.filter { ids.contains($0.id) }.map(\.label).joined(separator: separator)
    }

    /// The ids a field's text names: each piece between separators that is a choice's label.
    public func ids(in text: String) -> [String] {
        let pieces = multiple
            ? text.split(whereSeparator: { ",，、;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            : [text.trimmingCharacters(in: .whitespaces)]
        let listed = choices.filter { pieces.contains($0.label) }.map(\.id)
        if listed.isEmpty, typedEntry != nil, let typed = pieces.first, !typed.isEmpty { return [PickerState.typedID(typed)] }
        return listed
    }

    /// A picker opened on a field holding `text`: its value highlighted, or its values marked.
    public func picker(for text: String) -> PickerState {
        let current = ids(in: text)
        return PickerState(title: title, choices: choices, multiple: multiple, selected: current.first,
                           marked: Set(current), noMatch: noMatch, typedEntry: typedEntry)
    }
}
