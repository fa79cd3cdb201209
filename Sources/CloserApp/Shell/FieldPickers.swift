import CloserCore
import TerminalUI

/// The pickers of the dashboard's forms: each fixed set of values (a level, a stance, a stage,
/// a rep) as choices labelled in the UI's language that also match by pinyin initials and by
/// the other language's label, so `glc` finds 管理层 and `mana` finds it too.
enum FieldPickers {
    /// A choice labelled `label[lang]`, found by either label, its code and its pinyin initials.
    static func choice(id: String, label: LocalizedText, lang: Language, detail: String = "") -> PickerChoice {
        PickerChoice(id: id, label: label[lang], detail: detail,
                     searchKey: SearchText.key(for: [label.zh, label.en, id]).lowercased())
    }

    /// Every value of a coded enumeration.
    static func coded<T: CodedValue>(_ type: T.Type, title: LocalizedText, lang: Language, multiple: Bool = false) -> FieldChoices {
        FieldChoices(title: title[lang], choices: T.allCases.map { choice(id: $0.rawValue, label: $0.label, lang: lang) },
                     multiple: multiple, separator: lang == .zh ? "、" : ", ", noMatch: noMatch[lang])
    }

    /// Yes or no, as the person form's inside-coach field reads them.
    static func yesNo(title: LocalizedText, lang: Language) -> FieldChoices {
        FieldChoices(title: title[lang], choices: [
            choice(id: "yes", label: LocalizedText(en: "yes", zh: "是"), lang: lang),
            choice(id: "no", label: LocalizedText(en: "no", zh: "否"), lang: lang),
        ], noMatch: noMatch[lang])
    }

    /// The stages of a process, in order, with their probability.
    static func stages(_ process: ProcessTemplate, lang: Language) -> FieldChoices {
        FieldChoices(title: LocalizedText(en: "Stage", zh: "阶段")[lang],
                     choices: process.stages.map { choice(id: $0.key, label: $0.name, lang: lang, detail: "\($0.probability)%") },
                     noMatch: noMatch[lang])
    }

    /// The processes of the catalog.
    static func processes(_ catalog: ProcessCatalog, lang: Language) -> FieldChoices {
        FieldChoices(title: LocalizedText(en: "Process", zh: "销售流程")[lang],
                     choices: catalog.processes.map { choice(id: $0.key, label: $0.name, lang: lang) }, noMatch: noMatch[lang])
    }

    /// The team's reps by login name.
    static func reps(_ reps: [String], lang: Language) -> FieldChoices {
        FieldChoices(title: LocalizedText(en: "Owner", zh: "负责人")[lang],
                     choices: reps.map { PickerChoice(id: $0, label: $0, searchKey: SearchText.key(for: [$0]).lowercased()) },
                     noMatch: noMatch[lang])
    }

    /// Currencies: the base one first, then those the store has rates for.
    static func currencies(_ codes: [String], lang: Language) -> FieldChoices {
        FieldChoices(title: LocalizedText(en: "Currency", zh: "币种")[lang],
                     choices: codes.map { PickerChoice(id: $0, label: $0, searchKey: $0.lowercased()) }, noMatch: noMatch[lang])
    }

    static let noMatch = LocalizedText(en: "no match", zh: "无匹配")
}
