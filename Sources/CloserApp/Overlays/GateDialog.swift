import CloserCore
import TerminalUI

/// The gate a move ran into: the unmet milestones, what the account's data lacks for those it
/// proves, and what the user may do about them. Focus starts on Cancel and never wraps onto
/// "tick and move"; each button has its key.
public struct GateState: Sendable {
    public var dealID: Int64
    public var dealTitle: String
    public var targetStage: String
    public var version: Int
    public var unmet: [UnmetMilestone]
    /// The deal's account, whose org chart `o` opens; nil when the reply did not say.
    public var accountID: Int64?
    /// What the account's data lacks for the unmet milestones it proves (empty when none is proven from data).
    public var missing: [EvidenceGap]
    public var dialog: Dialog

    /// "Tick and move" passes the gate only when no unmet milestone is proven from data: those
    /// hold when the org chart shows them, never by a tick.
    public var canTick: Bool { unmet.allSatisfy { $0.milestone.proof == nil } }

    /// The dialog's buttons, in order, by the command that presses each.
    var buttonCommands: [Command] { canTick ? [.gateTick, .gateForce, .close] : [.gateForce, .openOrgChart, .close] }

    init(dealID: Int64, dealTitle: String, target: StageTemplate, version: Int, unmet: [UnmetMilestone],
         accountID: Int64?, evidence: DealEvidence?, lang: Language) {
        self.dealID = dealID
        self.dealTitle = dealTitle
        targetStage = target.key
        self.version = version
        self.unmet = unmet
        self.accountID = accountID
        let known = evidence ?? DealEvidence()
        var missing: [EvidenceGap] = []
        for item in unmet {
            guard let proof = item.milestone.proof else { continue }
            for gap in known.missing(for: proof) where !missing.contains(gap) { missing.append(gap) }
        }
        self.missing = missing
        dialog = Dialog(title: "", message: [])
        dialog = Self.dialog(self, target: target, lang: lang)
    }

    static func dialog(_ gate: GateState, target: StageTemplate, lang: Language) -> Dialog {
        var lines = ["#\(gate.dealID) \(gate.dealTitle) → \(target.name[lang])", "", lang(.gateBody)]
        for item in gate.unmet {
            var line = "  ◇ \(item.milestone.name[lang]) (\(item.stage.name[lang]))"
            if item.milestone.proof != nil { line += LocalizedText(en: " · proven by the org chart", zh: " · 由组织结构图证明")[lang] }
            lines.append(line)
        }
        if !gate.canTick {
            let gaps = gate.missing.map { $0.label[lang] }.joined(separator: lang == .zh ? "、" : " and ")
            let key = Self.keyName(.openOrgChart)
            lines += ["", LocalizedText(
                en: "The account lacks \(gaps): a tick cannot stand in for it. \(key) opens the org chart to map them; or force the move with a reason (the deal is marked at risk).",
                zh: "该客户尚缺\(gaps)：不能用手动勾选代替。按 \(key) 打开组织结构图补上；或填写原因强制推进（商机标记为风险）。")[lang]]
        }
        let labels: [Command: String] = [
            .gateTick: lang(.tickAndMove), .gateForce: lang(.force), .openOrgChart: lang(.orgChart), .close: lang(.cancel),
        ]
        let commands = gate.buttonCommands
        return Dialog(title: lang(.gateTitle), message: lines, buttons: commands.map { labels[$0] ?? $0.id },
                      keys: commands.map(keyName), selected: commands.count - 1)
    }

    /// The button's key as the key map binds it in the dialog: t, f, o, Esc.
    static func keyName(_ command: Command) -> String {
        KeyMap.keys(of: command, in: [keys]).first.map(KeyMap.name(of:)) ?? ""
    }

    static let keys = KeyContext("gate", en: "Gate dialog", zh: "关键节点对话框")
    static let bindings: [KeyBinding] = [
        KeyBinding([.char("t")], .gateTick, keys),
        KeyBinding([.char("f")], .gateForce, keys),
        KeyBinding([.char("o")], .openOrgChart, keys),
        KeyBinding([.escape, .char("c")], .close, keys),
        KeyBinding([.enter], .confirm, keys),
    ] + DialogKeys.bindings(keys)
}

extension Command {
    public static let gateTick = Command("gate.tick-and-move", en: "Tick the milestones and move", zh: "勾选关键节点并推进")
    public static let gateForce = Command("gate.force", en: "Force the gate with a reason (at risk)", zh: "强制推进（需填写原因，标记为风险）")
}

/// Ticks the gate's milestones, then moves: the rep says the gate is in fact met.
struct TickAndMove: Work, Equatable {
    var dealID: Int64
    var title: String
    var milestones: [String]
    var stage: StageTemplate
    var version: Int

    func run(in world: World) throws -> MoveDeal.Reply {
        var version = version
        for key in milestones {
            version = try world.store.setMilestone(dealID: dealID, key: key, done: true, expectedVersion: version).version
        }
        return try MoveDeal(dealID: dealID, title: title, stage: stage, version: version, force: nil).run(in: world)
    }
}

/// The gate dialog's update: a button pressed (by its key, or Enter on the focused one).
enum GateUpdate {
    static func update(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard case .gate(var gate) = state.overlay else { return [] }
        let lang = state.lang
        if command == .gateTick, !gate.canTick {
            state.message = StatusMessage(LocalizedText(en: "Proven by the org chart, not ticked: map the missing people (o) or force with a reason (f)",
                                                        zh: "该节点由组织结构图证明，不能勾选：补上缺少的人（o）或填写原因强制推进（f）")[lang], isError: true)
            return []
        }
        guard let result = gate.dialog.run(command, buttons: gate.buttonCommands) else {
            state.overlay = .gate(gate)
            return []
        }
        state.overlay = nil
        guard case .chosen(let index) = result, gate.buttonCommands.indices.contains(index) else { return [] }
        switch gate.buttonCommands[index] {
        case .gateTick:
            guard let stage = state.stage(gate.targetStage) else { return [] }
            return [.work(TickAndMove(dealID: gate.dealID, title: gate.dealTitle, milestones: gate.unmet.map(\.milestone.key),
                                      stage: stage, version: gate.version), replyTo: .dealMove)]
        case .gateForce:
            state.overlay = .prompt(PromptState(title: lang(.forceReasonPrompt),
                                                purpose: .forceReason(dealID: gate.dealID, stage: gate.targetStage, version: gate.version)))
            return []
        case .openOrgChart:
            guard let accountID = gate.accountID else { return [] }
            return [.openOrgChart(accountID: accountID)]
        default:
            return []
        }
    }
}
