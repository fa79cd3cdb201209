import TerminalUI

// The widgets of TerminalUI know keys; the dashboard hands them commands from its key map.

extension FormState {
    /// Moves between fields; false for commands a form leaves to its owner (save, cancel).
    @discardableResult
    mutating func run(_ command: Command) -> Bool {
        switch command {
        case .nextField: return handle(.tab)
        case .previousField: return handle(.backTab)
        default: return false
        }
    }
}

extension Dialog {
    /// Moves between buttons, presses one (`buttons` names the command of each, in order) or
    /// cancels; nil while the dialog stays open.
    mutating func run(_ command: Command, buttons commands: [Command]) -> DialogResult? {
        switch command {
        // Focus stops at either end: from Cancel, a Tab never lands on the button that acts.
        case .dialogPrevious:
            selected = max(0, selected - 1)
            return nil
        case .dialogNext:
            selected = min(max(0, buttons.count - 1), selected + 1)
            return nil
        case .confirm: return handle(.enter)
        case .close: return .cancelled
        default:
            guard let index = commands.firstIndex(of: command), buttons.indices.contains(index) else { return nil }
            selected = index
            return .chosen(index)
        }
    }
}

extension ConfirmDialog {
    /// true = confirmed, false = declined or cancelled, nil = still open.
    mutating func run(_ command: Command) -> Bool? {
        switch command {
        case .yes: return true
        case .no, .close: return false
        default:
            switch dialog.run(command, buttons: [.yes, .no]) {
            case .chosen(let index): return index == 0
            case .cancelled: return false
            case nil: return nil
            }
        }
    }
}
