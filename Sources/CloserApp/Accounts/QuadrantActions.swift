import CloserCore
import TerminalUI

extension KeyContext {
    public static let quadrantActions = KeyContext("quadrant-actions", en: "Quadrant: actions toward Strategic",
                                                   zh: "客户象限：迈向忠诚度网络的行动")
}

extension Command {
    public static let chooseQuadrantAction = Command("quadrant.choose-action", en: "Plan an action toward Strategic",
                                                     zh: "计划一项迈向忠诚度网络的行动")
    public static let planQuadrantAction = Command("quadrant.plan-action", en: "Plan this action on the account, with a day",
                                                   zh: "将此行动计划到客户（定日期）")
    public static let leaveQuadrantActions = Command("quadrant.leave-actions", en: "Back to the accounts", zh: "返回客户列表")
}

/// The side panel's actions that move an account toward Strategic (004: raise loyalty, raise
/// the supplier's assistance) become work: `P` walks them, Enter asks for a day (the next
/// working day unless another is typed) and plans the action on the account alone, so it shows
/// in the account's 360° view and in the rep's plans.
enum QuadrantActions {
    enum Axis: Sendable { case loyalty, assistance }

    struct Action: Sendable {
        let axis: Axis
        let text: LocalizedText
    }

    /// The panel's actions in the order it lists them: loyalty's, then assistance's.
    static let all: [Action] = Quadrant.loyaltyActions.map { Action(axis: .loyalty, text: $0) }
        + Quadrant.assistanceActions.map { Action(axis: .assistance, text: $0) }

    static let bindings: [KeyBinding] = [
        KeyBinding([.char("P")], .chooseQuadrantAction, .quadrant),
        KeyBinding([.up, .char("k")], .selectUp, .quadrantActions),
        KeyBinding([.down, .char("j")], .selectDown, .quadrantActions),
        KeyBinding([.enter], .planQuadrantAction, .quadrantActions),
        KeyBinding([.escape, .char("P")], .leaveQuadrantActions, .quadrantActions),
    ]

    static let dayHint = LocalizedText(en: "YYYY-MM-DD, +3, tomorrow, tue · Enter plan · Esc cancel",
                                       zh: "YYYY-MM-DD、+3、明天、周二 · Enter 计划 · Esc 取消")

    /// The action commands; nil for any other, which the quadrant's own update takes.
    static func update(_ state: inout AppState, _ command: Command) -> [Effect]? {
        let choosing = state.quadrant.actionCursor != nil
        switch command {
        case .chooseQuadrantAction:
            choose(&state)
        case .planQuadrantAction:
            if choosing { askForDay(&state) } else { choose(&state) }
        case .leaveQuadrantActions:
            state.quadrant.actionCursor = nil
        case .selectUp where choosing, .selectDown where choosing:
            let cursor = (state.quadrant.actionCursor ?? 0) + (command == .selectUp ? -1 : 1)
            state.quadrant.actionCursor = min(all.count - 1, max(0, cursor))
        default:
            return nil
        }
        return []
    }

    /// Starts choosing among the selected account's actions.
    static func choose(_ state: inout AppState) {
        guard state.quadrant.selected != nil else {
            state.message = StatusMessage(LocalizedText(en: "Select an account first", zh: "请先选中一个客户")[state.lang], isError: true)
            return
        }
        state.quadrant.actionCursor = state.quadrant.actionCursor ?? 0
    }

    /// The day dialog for the chosen action, the next working day filled in.
    static func askForDay(_ state: inout AppState) {
        let lang = state.lang
        guard let account = state.quadrant.selected?.account, let cursor = state.quadrant.actionCursor, all.indices.contains(cursor) else { return }
        let action = all[cursor].text[lang]
        state.overlay = .prompt(PromptState(
            title: LocalizedText(en: "Plan on \(account.name)", zh: "计划到 \(account.name)")[lang],
            text: state.today.nextWorkingDay.description,
            purpose: .planAction(accountID: account.id, text: action),
            note: "→ " + action, hint: dayHint[lang]))
    }

    /// The answer to the day dialog: a day from today on plans the action; anything else is said
    /// in the dialog, which stays with what was typed.
    static func plan(_ state: inout AppState, accountID: Int64, action: String, typed: String, prompt: PromptState) -> [Effect] {
        guard let day = Day(typed: typed, today: state.today), day >= state.today else {
            var retry = prompt
            retry.error = LocalizedText(en: "a day from today on: YYYY-MM-DD, +3, tomorrow, tue",
                                        zh: "今天或之后的日期：YYYY-MM-DD、+3、明天、周二")[state.lang]
            state.overlay = .prompt(retry)
            return []
        }
        state.overlay = nil
        let plan = PlannedActivity(dealID: nil, accountID: accountID, kind: .other, text: action, due: day, owner: state.user)
        return [.work(SavePlan(plan: plan), replyTo: .screen(.quadrant))]
    }

    /// Says what was planned; the panel stays on the actions for the next one.
    static func planned(_ state: inout AppState, _ plan: PlannedActivity) {
        let lang = state.lang
        let name = state.quadrant.selected.map { $0.account.id == plan.accountID ? " · \($0.account.name)" : "" } ?? ""
        state.message = StatusMessage("\(plan.reference) \(LocalizedText(en: "planned", zh: "已计划")[lang]): \(plan.text) — \(plan.due?.description ?? "")\(name)")
    }

    /// The panel's lines while choosing: the account's place, then each axis with its actions,
    /// the chosen one marked; `chosenLine` is where the cursor stands, for scrolling.
    static func panelLines(_ account: Account, cursor: Int, lang: Language) -> (lines: [(String, StyleRole)], chosenLine: Int) {
        var lines: [(String, StyleRole)] = [
            ("\(account.quadrant.label[lang]) · \(LocalizedText(en: "A", zh: "协")[lang])\(account.assistance) \(LocalizedText(en: "L", zh: "忠")[lang])\(account.loyalty)",
             .quadrant(account.quadrant)),
            (LocalizedText(en: "Plan an action (Enter):", zh: "计划一项行动（Enter）：")[lang], .title),
        ]
        var chosenLine = 0
        var axis: Axis?
        for (index, action) in all.enumerated() {
            if action.axis != axis {
                axis = action.axis
                lines.append((action.axis == .loyalty ? "↑ " + LocalizedText(en: "raise loyalty", zh: "提升忠诚度")[lang]
                                                      : "→ " + LocalizedText(en: "raise assistance", zh: "提升协助")[lang], .dim))
            }
            if index == cursor { chosenLine = lines.count }
            lines.append(((index == cursor ? "▸ " : "  ") + action.text[lang], index == cursor ? .selected : .normal))
        }
        lines.append(("Enter " + LocalizedText(en: "plan", zh: "计划")[lang] + " · Esc " + LocalizedText(en: "back", zh: "返回")[lang], .dim))
        return (lines, chosenLine)
    }
}
