import Foundation

/// Conversion from each stage to the next and the time spent in each stage, replayed from the
/// event log so the figures are exact for the window even though the deals have moved since.
public enum StageHistory {
    /// Of the deals that entered each stage within [from, until) (created there or moved in),
    /// the share that reached a later stage of the process before `until`.
    public static func conversions(_ process: ProcessTemplate, events: [StageEvent], from: Date, until: Date) -> [StageConversion] {
        let order = Dictionary(process.stages.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        var entered: [Int: Set<Int64>] = [:]
        var enteredAt: [Int: [Int64: Date]] = [:]
        var advanced: [Int: Set<Int64>] = [:]
        for event in events.sorted(by: { ($0.at, $0.dealID) < ($1.at, $1.dealID) }) where event.at >= from && event.at < until {
            guard event.kind == .created || event.kind.isMove || event.kind == .reopened,
                  let stage = event.toStage, let index = order[stage] else { continue }
            // Every earlier stage this deal was counted in and now stands beyond has advanced.
            for (earlier, deals) in enteredAt where earlier < index {
                if let time = deals[event.dealID], time <= event.at { advanced[earlier, default: []].insert(event.dealID) }
            }
            if enteredAt[index]?[event.dealID] == nil {
                entered[index, default: []].insert(event.dealID)
                enteredAt[index, default: [:]][event.dealID] = event.at
            }
        }
        return process.stages.indices.dropLast().map { index in
            StageConversion(fromStage: process.stages[index].key, toStage: process.stages[index + 1].key,
                            entered: entered[index]?.count ?? 0, advanced: advanced[index]?.count ?? 0)
        }
    }

    /// For every exit from a stage within [from, until) — a move out, or a close — the days since
    /// the deal entered that stage; averaged per stage. `priorEntry` holds, for deals whose entry
    /// lies before the window, when and into which stage they last entered.
    public static func durations(_ process: ProcessTemplate, events: [StageEvent], priorEntry: [Int64: (at: Date, stage: String)],
                                 from: Date, until: Date) -> [StageDuration] {
        var totals: [String: (days: Double, exits: Int)] = [:]
        let byDeal = Dictionary(grouping: events.filter { $0.at < until }, by: \.dealID)
        for (dealID, dealEvents) in byDeal {
            var current: (at: Date, stage: String)? = priorEntry[dealID]
            // A reopened deal takes up again in the stage it closed in (the reopen event names none).
            var closedIn: String?
            for event in dealEvents.sorted(by: { $0.at < $1.at }) {
                switch event.kind {
                case .created:
                    current = event.toStage.map { (event.at, $0) }
                case .moved, .forced:
                    if let entry = current, event.at >= from {
                        let stage = event.fromStage ?? entry.stage
                        totals[stage, default: (0, 0)].days += event.at.timeIntervalSince(entry.at) / 86_400
                        totals[stage, default: (0, 0)].exits += 1
                    }
                    current = event.toStage.map { (event.at, $0) }
                case .won, .lost, .withdrawn:
                    if let entry = current, event.at >= from {
                        totals[entry.stage, default: (0, 0)].days += event.at.timeIntervalSince(entry.at) / 86_400
                        totals[entry.stage, default: (0, 0)].exits += 1
                    }
                    closedIn = current?.stage
                    current = nil
                case .reopened:
                    current = (event.toStage ?? closedIn).map { (event.at, $0) }
                case .closeDate:
                    break
                }
            }
        }
        return process.stages.map { stage in
            let total = totals[stage.key]
            return StageDuration(stage: stage.key, exits: total?.exits ?? 0,
                                 averageDays: total.map { $0.exits == 0 ? 0 : $0.days / Double($0.exits) } ?? 0)
        }
    }

    /// +1 forward, -1 back, 0 when either stage is not in the process.
    public static func direction(_ process: ProcessTemplate, from: String?, to: String?) -> Int {
        guard let from, let to, let a = process.stageIndex(from), let b = process.stageIndex(to), a != b else { return 0 }
        return b > a ? 1 : -1
    }
}

public struct StageConversion: Sendable, Hashable, Codable {
    public var fromStage: String
    public var toStage: String
    public var entered: Int
    public var advanced: Int

    public init(fromStage: String, toStage: String, entered: Int, advanced: Int) {
        self.fromStage = fromStage
        self.toStage = toStage
        self.entered = entered
        self.advanced = advanced
    }

    /// 0…1, or nil when no deal entered the stage in the window.
    public var rate: Double? { entered == 0 ? nil : Double(advanced) / Double(entered) }
}

public struct StageDuration: Sendable, Hashable, Codable {
    public var stage: String
    public var exits: Int
    public var averageDays: Double

    public init(stage: String, exits: Int, averageDays: Double) {
        self.stage = stage
        self.exits = exits
        self.averageDays = averageDays
    }
}
