/// #2 急于介绍产品: a demo with no needs discovery on or before it. Read on the latest demo, so
/// the warning ends when the rep, having heard the needs, presents again.
enum PitchedBeforeDiscoveryCheck {
    static func check(_ c: HealthContext) -> LocalizedText? {
        let facts = c.facts.activities
        guard let demo = facts.latestDemo else { return nil }
        guard let discovery = facts.firstDiscovery else {
            return detail("Demo on \(demo) with no needs discovery logged", "\(demo) 做了演示，但没有需求调研记录")
        }
        guard discovery > demo else { return nil }
        return detail("Demo on \(demo) before the first needs discovery (\(discovery))", "\(demo) 的演示早于首次需求调研（\(discovery)）")
    }
}
