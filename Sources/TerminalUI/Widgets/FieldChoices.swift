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

    public init(title: String, choices: [PickerChoice], multiple: Bool = false, separator: String = ", ", noMatch: String = "—") {
        self.title = title
        self.choices = choices
        self.multiple = multiple
        self.separator = separator
        self.noMatch = noMatch
    }

    /// The text of a field holding these ids, in the order of the choices.
    public func text(of ids: [String]) -> String {
        choices.filter { ids.contains($0.id) }.map(\.label).joined(separator: separator)
    }

    /// The ids a field's text names: each piece between separators that is a choice's label.
    public func ids(in text: String) -> [String] {
        let pieces = multiple
            ? text.split(whereSeparator: { ",，、;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            : [text.trimmingCharacters(in: .whitespaces)]
        return choices.filter { pieces.contains($0.label) }.map(\.id)
    }

    /// A picker opened on a field holding `text`: its value highlighted, or its values marked.
    public func picker(for text: String) -> PickerState {
        let current = ids(in: text)
        return PickerState(title: title, choices: choices, multiple: multiple, selected: current.first,
                           marked: Set(current), noMatch: noMatch)
    }
}
