import TerminalUI

extension Overlay {
    /// The form being filled in this overlay, if any. While its picker is open the picker takes
    /// every key before the key map (Enter chooses, Esc closes the picker, not the form), and
    /// the picker is drawn over the overlay.
    var form: FormState? {
        get {
            switch self {
            case .newDeal(let form): form.form
            case .orgChart(.person(let form)): form.form
            case .detail(let detail):
                switch detail.mode {
                case .edit(let edit): edit.form
                case .logActivity(let form), .lose(let form): form
                case .browse: nil
                }
            case .plans(let plans): plans.form
            case .accounts(.account(let detail)): detail.ownership.step == nil ? detail.form?.form : nil
            default: nil
            }
        }
        set {
            guard let newValue else { return }
            switch self {
            case .newDeal(var form):
                form.form = newValue
                self = .newDeal(form)
            case .orgChart(.person(var form)):
                form.form = newValue
                self = .orgChart(.person(form))
            case .detail(var detail):
                switch detail.mode {
                case .edit(var edit):
                    edit.form = newValue
                    detail.mode = .edit(edit)
                case .logActivity: detail.mode = .logActivity(newValue)
                case .lose: detail.mode = .lose(newValue)
                case .browse: return
                }
                self = .detail(detail)
            case .plans(var plans):
                switch plans.mode {
                case .add: plans.mode = .add(newValue)
                case .done(let plan, _): plans.mode = .done(plan, newValue)
                case .list, .confirmCancel: return
                }
                self = .plans(plans)
            case .accounts(.account(var detail)):
                guard detail.form != nil else { return }
                detail.form?.form = newValue
                self = .accounts(.account(detail))
            default:
                return
            }
        }
    }
}
