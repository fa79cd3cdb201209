import CloserCore
import TerminalUI

/// A row the dashboard edits in a form (a deal, an account, a person): how the store edits one
/// and reads it back, and the fields its form shows, in the form's order.
public protocol EditableRecord: Sendable, Equatable {
    var id: Int64 { get }
    var version: Int { get }
    /// "deal" / "商机", for the message that someone else changed it.
    static var noun: LocalizedText { get }
    static var formFields: [RecordField<Self>] { get }
    /// Applies `change` to the row as it is now, refused when someone saved it after `expectedVersion`.
    static func edit(_ store: any Store, _ id: Int64, expectedVersion: Int, _ change: (inout Self) throws -> Void) throws -> Self
    static func read(_ store: any Store, _ id: Int64) throws -> Self
}

/// One field of a record's form as a save sees it: whether two versions of the row differ in
/// it, and how the user's value goes onto the row as it is now.
public struct RecordField<Record: SendableMetatype>: Sendable {
    public let label: LocalizedText
    let differs: @Sendable (Record, Record) -> Bool
    let copy: @Sendable (Record, inout Record) -> Void

    init<Value: Equatable & SendableMetatype>(_ label: LocalizedText, _ path: WritableKeyPath<Record, Value> & Sendable) {
        self.label = label
        differs = { $0[keyPath: path] != $1[keyPath: path] }
        copy = { $1[keyPath: path] = $0[keyPath: path] }
    }

    /// A field that stands for several of the row's values at once.
    init(_ label: LocalizedText, differs: @escaping @Sendable (Record, Record) -> Bool, copy: @escaping @Sendable (Record, inout Record) -> Void) {
        self.label = label
        self.differs = differs
        self.copy = copy
    }
}

extension EditableRecord {
    /// The form's fields in which `other` differs from `self`, by index.
    func changedFields(to other: Self) -> [Int] {
        Self.formFields.indices.filter { Self.formFields[$0].differs(self, other) }
    }

    /// "Amount, Expected close".
    static func fieldNames(_ fields: [Int], _ lang: Language) -> String {
        fields.compactMap { formFields.indices.contains($0) ? formFields[$0].label[lang] : nil }
            .joined(separator: lang == .zh ? "、" : ", ")
    }
}

/// Saving a form: only the fields the user changed (`fields`), copied from `edited` onto the
/// row as it is now, expecting the version the form was opened on. A row someone else saved
/// since is refused as an `EditConflict` naming them and the fields they changed.
struct SaveRecord<Record: EditableRecord>: Work, Equatable {
    var original: Record
    var edited: Record
    var fields: [Int]

    init(original: Record, edited: Record) {
        self.original = original
        self.edited = edited
        fields = original.changedFields(to: edited)
    }

    func run(in world: World) throws -> Record {
        let fields = fields, edited = edited
        do {
            return try Record.edit(world.store, original.id, expectedVersion: original.version) { row in
                for index in fields { Record.formFields[index].copy(edited, &row) }
            }
        } catch StoreError.staleVersion(_, _, _, _, let by) {
            let current = try Record.read(world.store, original.id)
            throw EditConflict(by: by, current: current, fields: original.changedFields(to: current))
        }
    }
}

/// Someone else saved the row after the form was opened: who, the row as it is now, and the
/// fields of the form they changed.
public struct EditConflict<Record: EditableRecord>: Error, Sendable, Equatable {
    public var by: String
    public var current: Record
    public var fields: [Int]

    /// What the form says under its fields while the conflict stands.
    public func notice(_ lang: Language) -> String {
        let names = fields.isEmpty ? LocalizedText(en: "no field of this form", zh: "本表单之外的内容")[lang] : Record.fieldNames(fields, lang)
        let reload = KeyMap.keys(of: .reloadForm, in: [RecordFormKeys.keys]).first.map(KeyMap.name(of:)) ?? ""
        return LocalizedText(en: "⚠ \(by) changed: \(names) — \(reload) loads their values into those fields, Enter then saves yours",
                             zh: "⚠ \(by) 已修改：\(names) —— \(reload) 载入其改动，再按回车保存你的修改")[lang]
    }

    /// The status line's refusal: nothing written, the typed text kept, how to go on.
    public func message(_ lang: Language) -> String {
        let reload = KeyMap.keys(of: .reloadForm, in: [RecordFormKeys.keys]).first.map(KeyMap.name(of:)) ?? ""
        let names = Record.fieldNames(fields, lang)
        let noun = Record.noun[lang]
        return LocalizedText(
            en: "\(by) changed this \(noun) since you opened it (now version \(current.version)); nothing was overwritten and your edits are still here. Changed: \(names) — \(reload) loads them, Enter then saves",
            zh: "\(by) 在你打开后修改了该\(noun)（现为第 \(current.version) 版）；没有覆盖任何内容，你的修改仍在表单中。改动：\(names) —— \(reload) 载入，再按回车保存")[lang]
    }
}

/// A form open on a saved row: the row as the form was opened on (its version is the one a
/// save expects, its values tell which fields the user changed) and a refusal to show.
public struct RecordForm<Record: EditableRecord>: Sendable {
    public var form: FormState
    public var original: Record
    public var conflict: EditConflict<Record>?

    public var fields: [FormField] { form.fields }
    public var focus: Int { form.focus }
    public func text(of index: Int) -> String { form.text(of: index) }

    init(form: FormState, original: Record) {
        self.form = form
        self.original = original
    }

    /// Takes the other writer's values into the fields they changed; the user's edits to the
    /// other fields stay, and the row as it is now becomes the one a save expects.
    /// `fresh` is the form as it would open on the current row.
    mutating func takeConflict(fresh: FormState) {
        guard let conflict else { return }
        for index in conflict.fields where form.fields.indices.contains(index) && fresh.fields.indices.contains(index) {
            form.fields[index].state = fresh.fields[index].state
            form.setError(nil, at: index)
        }
        original = conflict.current
        self.conflict = nil
    }

    /// The status line after a reload.
    static func reloadedMessage(_ conflict: EditConflict<Record>, _ lang: Language) -> String {
        LocalizedText(en: "Loaded version \(conflict.current.version): \(Record.fieldNames(conflict.fields, lang)) now as \(conflict.by) left them; your other edits are kept — Enter saves them",
                      zh: "已载入第 \(conflict.current.version) 版：\(Record.fieldNames(conflict.fields, lang)) 为 \(conflict.by) 修改后的值；你的其他修改仍在 —— 回车保存")[lang]
    }
}

/// Keys of a form open on a saved row: a form's, and the one that takes another writer's changes.
enum RecordFormKeys: OverlayKeys {
    static let keys = KeyContext("form.record", en: "Editing a saved record", zh: "编辑已保存的记录")
    static let bindings: [KeyBinding] = [KeyBinding([.ctrl("r")], .reloadForm, keys)]
}
