/// Everything one rule looks at: the deal, its process, the facts about its account and
/// activities, the team's settings and the day it is.
public struct HealthContext: Sendable {
    public var deal: Deal
    /// nil when the deal names a process the store does not know: the stage rules then stay quiet.
    public var process: ProcessTemplate?
    public var facts: DealHealthFacts
    public var settings: HealthSettings
    public var today: Day

    public init(deal: Deal, process: ProcessTemplate?, facts: DealHealthFacts, settings: HealthSettings, today: Day) {
        self.deal = deal
        self.process = process
        self.facts = facts
        self.settings = settings
        self.today = today
    }

    /// The deal's stage and the stage carrying `flag`, when the process has both.
    func stages(for flag: StageFlag) -> (current: StageTemplate, currentIndex: Int, flagged: StageTemplate, flaggedIndex: Int)? {
        guard let process, let currentIndex = process.stageIndex(deal.stageKey),
              let flagged = settings.stage(flag, in: process), let flaggedIndex = process.stageIndex(flagged.key) else { return nil }
        return (process.stages[currentIndex], currentIndex, flagged, flaggedIndex)
    }
}

/// Builds both languages of a detail line at once.
func detail(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }
