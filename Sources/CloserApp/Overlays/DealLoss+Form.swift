import CloserCore
import TerminalUI

/// What a deal can be lost for and to: the team's list of reasons (`closer reason add`) and the
/// competitors already recorded — on this deal first, then on the account's other deals, then
/// the most often met on the deals the user sees.
struct LossChoices: Sendable, Equatable {
    var reasons: [String]
    var competitors: [String]
}

/// Reads the lost reasons and the competitors for the open deal's loss form (two pages of deals,
/// never every row).
struct ReadLossChoices: Work, Equatable {
    var dealID: Int64
    var accountID: Int64
    var competitors: [String]

    static let dealPage = 200

    func run(in world: World) throws -> LossChoices {
        let reasons = try world.store.lostReasons().map(\.name)
        let account = try world.store.deals(DealQuery(filter: DealFilter(accountID: accountID, includeClosed: true), limit: Self.dealPage)).rows
        let team = try world.store.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: Self.dealPage)).rows
        var met: [String: Int] = [:]
        for name in team.flatMap(\.competitors) { met[name, default: 0] += 1 }
        let often = met.keys.sorted { (met[$0] ?? 0, $1) > (met[$1] ?? 0, $0) }
        var seen = Set<String>()
        let named = (competitors + account.flatMap(\.competitors) + often).map { $0.trimmingCharacters(in: .whitespaces) }
        return LossChoices(reasons: reasons, competitors: named.filter { !$0.isEmpty && seen.insert(SearchText.fold($0)).inserted })
    }
}

/// Closes the deal as lost for a reason of the team's list (or other with its text), naming the
/// competitor who won, on the version shown.
struct LoseDeal: Work, Equatable {
    var dealID: Int64
    var loss: DealLoss
    var version: Int

    func run(in world: World) throws -> Deal {
        try world.store.loseDeal(dealID, loss, expectedVersion: version)
    }
}

extension DealDetailState {
    public static let lossReasonField = 0, lossNoteField = 1, lossCompetitorField = 2

    /// Losing the deal: the reason picked from the team's list ("other" last, its text in the
    /// note), what was said about it, and the competitor who won, picked or typed new.
    static func lossForm(_ choices: LossChoices, _ lang: Language) -> FormState {
        let reasons = FieldChoices(
            title: LocalizedText(en: "Why was it lost?", zh: "丢单原因")[lang],
            choices: choices.reasons.map { PickerChoice(id: $0, label: $0, searchKey: SearchText.key(for: [$0]).lowercased()) }
                + [FieldPickers.choice(id: LostReason.other, label: LostReason.otherLabel, lang: lang,
                                       detail: LocalizedText(en: "say why below", zh: "在下方说明")[lang])],
            noMatch: FieldPickers.noMatch[lang])
        let competitors = FieldChoices(
            title: LocalizedText(en: "Competitor who won", zh: "赢单的竞争对手")[lang],
            choices: choices.competitors.map { PickerChoice(id: $0, label: $0, searchKey: SearchText.key(for: [$0]).lowercased()) },
            noMatch: LocalizedText(en: "none recorded yet: type a name to add it", zh: "尚无记录：输入名称即可新增")[lang],
            typedEntry: LocalizedText(en: "new", zh: "新增")[lang])
        let first = choices.reasons.isEmpty ? LostReason.otherLabel[lang] : ""
        return FormState(fields: [
            FormField(label: LocalizedText(en: "Reason", zh: "原因")[lang], text: first, choices: reasons),
            FormField(label: LocalizedText(en: "Details", zh: "说明")[lang],
                      placeholder: LocalizedText(en: "required for other", zh: "选“其他”时必填")[lang], maxLength: 500),
            FormField(label: LocalizedText(en: "Won by", zh: "赢单对手")[lang],
                      placeholder: LocalizedText(en: "pick or type a new one; empty if not known", zh: "选择或输入新的；不知道可留空")[lang],
                      choices: competitors),
        ], focus: choices.reasons.isEmpty ? lossNoteField : lossReasonField)
    }

    /// The loss the form describes, or the field in error with its message.
    static func loss(from form: FormState) -> Result<DealLoss, LossRefusal> {
        let reasonField = form.fields[lossReasonField], competitorField = form.fields[lossCompetitorField]
        guard let reason = reasonField.choices?.ids(in: reasonField.text).first else {
            return .failure(LossRefusal(field: lossReasonField, message: LocalizedText(en: "pick a reason (other: say why in the details)", zh: "请选择原因（其他：在说明中写明）")))
        }
        let note = form.text(of: lossNoteField).trimmingCharacters(in: .whitespacesAndNewlines)
        if reason == LostReason.other, note.isEmpty {
            return .failure(LossRefusal(field: lossNoteField, message: LocalizedText(en: "say why the deal was lost", zh: "请说明丢单原因")))
        }
        let id = competitorField.choices?.ids(in: competitorField.text).first
        let competitor = id.map { PickerState.typedText($0) ?? $0 } ?? competitorField.text
        return .success(DealLoss(reason: reason, note: note, competitor: competitor))
    }
}

/// A field of the loss form that is wrong, and what to say beside it.
struct LossRefusal: Error {
    var field: Int
    var message: LocalizedText
}
