import CloserCore
import TerminalUI

/// A one-key change to a person (coach, stance, influence, manager): only that field, on the
/// version the chart shows.
struct SavePersonChange: Work, Equatable {
    var save: SaveRecord<Person>
    var what: LocalizedText

    func run(in world: World) throws -> Reply { Reply(person: try save.run(in: world), what: what) }

    struct Reply: Sendable {
        var person: Person
        var what: LocalizedText
    }
}

/// The person form's save: a new person added, or the fields the user changed sent on the version opened.
struct SavePersonForm: Work, Equatable {
    var person: Person
    /// The person as the form opened on; nil for a new one.
    var original: Person?

    func run(in world: World) throws -> Person {
        guard let original else { return try world.store.addPerson(person) }
        return try SaveRecord(original: original, edited: person).run(in: world)
    }
}

struct DeletePerson: Work, Equatable {
    var id: Int64
    var name: String

    func run(in world: World) throws -> DeletePerson {
        try world.store.deletePerson(id)
        return self
    }
}

/// A meeting with one person, today, from the chart.
struct LogMeeting: Work, Equatable {
    var activity: Activity
    var name: String

    func run(in world: World) throws -> LogMeeting {
        _ = try world.store.addActivity(activity)
        return self
    }
}

/// What the org chart's edits come back to: the status line says what was done, the chart reads again.
enum OrgChartEdits {
    /// Whether the store refused the person's manager (a loop, a person of another account).
    static func refusesManager(_ error: any Error) -> Bool {
        switch (error as? StoreError)?.refusal {
        case .reportsLoop?, .reportsAcrossAccounts?: true
        case .fields(let issues)?: issues.contains { $0.field == "reports-to" }
        default: false
        }
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .reply(let change as SavePersonChange.Reply):
            state.message = StatusMessage("\(change.person.name): \(change.what[lang])")
        case .reply(let saved as Person):
            state.overlay = nil
            state.message = StatusMessage("\(saved.name) ✓ \(lang(.save))")
            state.orgChart.selected = saved.id
        case .reply(let deleted as DeletePerson):
            state.message = StatusMessage(LocalizedText(en: "\(deleted.name) deleted", zh: "已删除 \(deleted.name)")[lang])
        case .reply(let meeting as LogMeeting):
            state.message = StatusMessage(LocalizedText(en: "Meeting with \(meeting.name) logged", zh: "已记录与 \(meeting.name) 的会面")[lang])
        case .failed(_ as SavePersonForm, let error):
            guard case .orgChart(.person(var form)) = state.overlay else { return [] }
            if let conflict = error as? EditConflict<Person> {
                form.conflict = conflict
                state.message = StatusMessage(conflict.message(lang), isError: true)
            } else {
                let text = ErrorText.of(error, in: lang)
                // The store's refusal of a manager (a loop, another account) belongs beside that field.
                if Self.refusesManager(error) { form.form.setError(text, at: PersonFormState.Field.manager.rawValue) }
                state.message = StatusMessage(text, isError: true)
            }
            state.overlay = .orgChart(.person(form))
            return []
        case .failed(let change as SavePersonChange, let conflict as EditConflict<Person>):
            state.message = StatusMessage(LocalizedText(
                en: "\(conflict.by) changed \(change.save.original.name) since the chart showed it; nothing was overwritten — it shows their version now",
                zh: "\(conflict.by) 在此之前修改了 \(change.save.original.name)；没有覆盖任何内容 —— 现在显示其修改后的版本")[lang], isError: true)
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
        default:
            return []
        }
        return [.reload(keeping: nil)]
    }
}
