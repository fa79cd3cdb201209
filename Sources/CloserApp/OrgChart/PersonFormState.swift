import CloserCore
import TerminalUI

/// Adding or editing one key person: every field of the model, checked field by field, the
/// manager named as on the chart (name, pinyin initials or #id).
public struct PersonFormState: Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case name, title, level, function, roles, stance, influence, coach, manager, lastMet, cares, notes, phone, email
    }

    /// The person as read (a new one has id 0); the form's values are applied over it.
    public var person: Person
    public var form: FormState
    /// Someone else's change that refused the last save.
    public var conflict: EditConflict<Person>?

    public var isNew: Bool { person.id == 0 }

    /// `tree`: the account's chart, whose persons the manager is picked among.
    init(person: Person, tree: OrgTree, lang: Language) {
        self.person = person
        let managers = Self.managerChoices(for: person, in: tree, lang: lang)
        func field(_ en: String, _ zh: String, _ text: String, _ hint: String = "") -> FormField {
            FormField(label: LocalizedText(en: en, zh: zh)[lang], text: text, placeholder: hint, maxLength: 500)
        }
        func picked(_ en: String, _ zh: String, _ text: String, _ choices: FieldChoices) -> FormField {
            FormField(label: LocalizedText(en: en, zh: zh)[lang], text: text, choices: choices)
        }
        form = FormState(fields: [
            field("Name", "姓名", person.name),
            field("Title", "职位", person.title),
            picked("Level", "级别", person.level.label[lang], FieldPickers.coded(PersonLevel.self, title: LocalizedText(en: "Level", zh: "级别"), lang: lang)),
            picked("Function", "职能", person.function.label[lang],
                   FieldPickers.coded(PersonFunction.self, title: LocalizedText(en: "Function", zh: "职能"), lang: lang)),
            picked("Roles", "角色", person.roles.sorted().map { $0.label[lang] }.joined(separator: lang == .zh ? "、" : ", "),
                   FieldPickers.coded(PersonRole.self, title: LocalizedText(en: "Roles", zh: "角色"), lang: lang, multiple: true)),
            picked("Stance", "立场", person.stance.label[lang], FieldPickers.coded(Stance.self, title: LocalizedText(en: "Stance", zh: "立场"), lang: lang)),
            field("Influence", "影响力", "\(person.influence)", "0…100"),
            picked("Inside coach", "内线", person.isInsideCoach ? LocalizedText(en: "yes", zh: "是")[lang] : LocalizedText(en: "no", zh: "否")[lang],
                   FieldPickers.yesNo(title: LocalizedText(en: "Inside coach", zh: "内线"), lang: lang)),
            FormField(label: LocalizedText(en: "Reports to", zh: "上级")[lang],
                      text: managers.text(of: [person.reportsTo.map { String($0) } ?? Self.noManager]), choices: managers),
            field("Last met", "最近见面", person.lastMet?.description ?? "", LocalizedText(en: "YYYY-MM-DD, today, -7", zh: "YYYY-MM-DD、今天、-7")[lang]),
            field("Cares about", "关注点", person.cares),
            field("Notes", "备注", person.notes),
            field("Phone", "电话", person.phone),
            field("E-mail", "邮箱", person.email),
        ])
    }

    func text(_ field: Field) -> String { form.text(of: field.rawValue).trimmingCharacters(in: .whitespaces) }

    /// The person the form describes, or the fields in error with their messages.
    func validated(tree: OrgTree, today: Day, lang: Language) -> Result<Person, FieldErrors> {
        var p = person
        var errors: [(Field, String)] = []
        func fail(_ field: Field, _ message: LocalizedText) { errors.append((field, message[lang])) }
        p.name = text(.name)
        if p.name.isEmpty { fail(.name, LocalizedText(en: "required", zh: "必填")) }
        p.title = text(.title)
        if let level = PersonLevel.parse(text(.level)) { p.level = level } else {
            fail(.level, LocalizedText(en: "one of: \(PersonLevel.allCases.map(\.label.en).joined(separator: ", "))",
                                       zh: "可选：\(PersonLevel.allCases.map(\.label.zh).joined(separator: "、"))"))
        }
        if let function = PersonFunction.parse(text(.function)) { p.function = function } else {
            fail(.function, LocalizedText(en: "one of: \(PersonFunction.allCases.map(\.label.en).joined(separator: ", "))",
                                          zh: "可选：\(PersonFunction.allCases.map(\.label.zh).joined(separator: "、"))"))
        }
        var roles = Set<PersonRole>()
        for piece in text(.roles).split(whereSeparator: { ",，、;；".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
            if let role = PersonRole.parse(piece) { roles.insert(role) } else {
                fail(.roles, LocalizedText(en: "'\(piece)' is not a role", zh: "“\(piece)”不是角色"))
            }
        }
        p.roles = roles
        if let stance = Stance.parse(text(.stance)) { p.stance = stance } else {
            fail(.stance, LocalizedText(en: "supporter, neutral or opponent", zh: "支持者、中立或反对者"))
        }
        if let influence = Int(text(.influence)), Person.influenceRange.contains(influence) { p.influence = influence } else {
            fail(.influence, LocalizedText(en: "a whole number 0…100", zh: "须为 0…100 的整数"))
        }
        switch text(.coach).lowercased() {
        case "yes", "y", "true", "1", "是": p.isInsideCoach = true
        case "no", "n", "false", "0", "否", "": p.isInsideCoach = false
        default: fail(.coach, LocalizedText(en: "yes or no", zh: "是或否"))
        }
        let managerField = form.fields[Field.manager.rawValue]
        if let picked = managerField.choices?.ids(in: managerField.text).first {
            p.reportsTo = picked == Self.noManager ? nil : Int64(picked)
        } else {
            switch PersonFormState.manager(text(.manager), in: tree, excluding: p.id) {
            case .success(let manager): p.reportsTo = manager
            case .failure(let refusal): fail(.manager, refusal.message)
            }
        }
        let met = text(.lastMet)
        if met.isEmpty { p.lastMet = nil } else if let day = Day(typed: met, today: today) { p.lastMet = day } else {
            fail(.lastMet, LocalizedText(en: "a date: YYYY-MM-DD, today, -7", zh: "日期：YYYY-MM-DD、今天、-7"))
        }
        p.cares = text(.cares)
        p.notes = form.text(of: Field.notes.rawValue)
        p.phone = text(.phone)
        p.email = text(.email)
        return errors.isEmpty ? .success(p) : .failure(FieldErrors(list: errors))
    }

    static let noManager = "none"

    /// Whom the person may report to: "nobody" first, then the account's other persons in the
    /// chart's order — never the person themselves nor anyone under them (that would be a loop).
    /// Found by name, title or pinyin initials; a name two persons share is told apart by #id.
    static func managerChoices(for person: Person, in tree: OrgTree, lang: Language) -> FieldChoices {
        var below = Set<Int64>()
        if person.id != 0 {
            var stack = [person.id]
            while let next = stack.popLast() {
                if below.insert(next).inserted { stack += tree.reports(of: next) }
            }
        }
        let candidates = (tree.ordered + tree.persons.keys.sorted()).reduce(into: [Int64]()) { list, id in
            if !below.contains(id), !list.contains(id), tree.persons[id] != nil { list.append(id) }
        }.compactMap { tree.persons[$0] }
        let names = Dictionary(grouping: candidates, by: \.name)
        let people = candidates.map { candidate in
            PickerChoice(id: String(candidate.id), label: (names[candidate.name]?.count ?? 0) > 1 ? "\(candidate.name) #\(candidate.id)" : candidate.name,
                         detail: candidate.title, searchKey: SearchText.key(for: [candidate.name, candidate.title]).lowercased())
        }
        return FieldChoices(title: LocalizedText(en: "Reports to", zh: "上级")[lang],
                            choices: [FieldPickers.choice(id: noManager, label: LocalizedText(en: "nobody (not mapped)", zh: "无（未挂接）"), lang: lang)] + people,
                            noMatch: FieldPickers.noMatch[lang])
    }

    /// Finds the manager named in the field among the chart's persons: "#12", an exact name,
    /// or a unique match of the name or its pinyin initials. Empty means none.
    static func manager(_ text: String, in tree: OrgTree, excluding selfID: Int64) -> Result<Int64?, ManagerRefusal> {
        guard !text.isEmpty else { return .success(nil) }
        if text.hasPrefix("#"), let id = Int64(text.dropFirst()) {
            guard tree.persons[id] != nil, id != selfID else {
                return .failure(ManagerRefusal(message: LocalizedText(en: "#\(id) is not another person of this account", zh: "#\(id) 不是本客户的其他人员")))
            }
            return .success(id)
        }
        let candidates = tree.ordered.compactMap { tree.persons[$0] }.filter { $0.id != selfID }
        if let exact = candidates.first(where: { $0.name == text }) { return .success(exact.id) }
        let matches = candidates.filter { SearchText.matches(key: SearchText.key(for: [$0.name, $0.title]), query: text) }
        switch matches.count {
        case 1: return .success(matches[0].id)
        case 0: return .failure(ManagerRefusal(message: LocalizedText(en: "nobody here matches '\(text)'", zh: "本客户没有匹配“\(text)”的人")))
        default:
            let names = matches.prefix(4).map { "\($0.name) #\($0.id)" }.joined(separator: ", ")
            return .failure(ManagerRefusal(message: LocalizedText(en: "several match: \(names) — use #id", zh: "匹配多人：\(names) —— 请用 #编号")))
        }
    }

    struct FieldErrors: Error {
        var list: [(Field, String)]
    }

    struct ManagerRefusal: Error {
        var message: LocalizedText
    }
}

/// What may sit over the org chart.
public enum OrgChartOverlay: Sendable {
    case person(PersonFormState)
    case confirmDelete(personID: Int64, ConfirmDialog)
}

extension Person: EditableRecord {
    public static let noun = LocalizedText(en: "person", zh: "人员")
    /// In the order of `PersonFormState.Field`.
    public static let formFields: [RecordField<Person>] = [
        RecordField(LocalizedText(en: "Name", zh: "姓名"), \.name),
        RecordField(LocalizedText(en: "Title", zh: "职位"), \.title),
        RecordField(LocalizedText(en: "Level", zh: "级别"), \.level),
        RecordField(LocalizedText(en: "Function", zh: "职能"), \.function),
        RecordField(LocalizedText(en: "Roles", zh: "角色"), \.roles),
        RecordField(LocalizedText(en: "Stance", zh: "立场"), \.stance),
        RecordField(LocalizedText(en: "Influence", zh: "影响力"), \.influence),
        RecordField(LocalizedText(en: "Inside coach", zh: "内线"), \.isInsideCoach),
        RecordField(LocalizedText(en: "Reports to", zh: "上级"), \.reportsTo),
        RecordField(LocalizedText(en: "Last met", zh: "最近见面"), \.lastMet),
        RecordField(LocalizedText(en: "Cares about", zh: "关注点"), \.cares),
        RecordField(LocalizedText(en: "Notes", zh: "备注"), \.notes),
        RecordField(LocalizedText(en: "Phone", zh: "电话"), \.phone),
        RecordField(LocalizedText(en: "E-mail", zh: "邮箱"), \.email),
    ]

    public static func edit(_ store: any Store, _ id: Int64, expectedVersion: Int, _ change: (inout Person) throws -> Void) throws -> Person {
        try store.editPerson(id, expectedVersion: expectedVersion, change)
    }

    public static func read(_ store: any Store, _ id: Int64) throws -> Person { try store.person(id) }
}

extension PersonFormState {
    /// Takes the other writer's values into the fields they changed (`fresh`: the form as it
    /// opens on the person now); the user's other edits stay.
    mutating func takeConflict(fresh: PersonFormState) {
        var record = RecordForm(form: form, original: person)
        record.conflict = conflict
        record.takeConflict(fresh: fresh.form)
        form = record.form
        person = record.original
        conflict = nil
    }
}
