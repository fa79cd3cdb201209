import Foundation
import Testing
@testable import CloserCore

@Suite("Health settings")
struct HealthSettingsTests {
    let catalog = ProcessCatalog()

    @Test func defaultsAndTheBuiltInStageFlags() {
        let settings = HealthSettings.defaults
        #expect(settings.routeDays == 90 && settings.coldDays == 60 && settings.disabled.isEmpty && settings.values.isEmpty)
        let project = BuiltInProcesses.project
        #expect(settings.stage(.budget, in: project)?.key == "entry")
        #expect(settings.stage(.needs, in: project)?.key == "proposal")
        #expect(settings.stage(.pricing, in: project)?.key == "bid")
        #expect(settings.stage(.pricing, in: BuiltInProcesses.technical)?.key == "evaluate-options")
        #expect(settings.stage(.pricing, in: BuiltInProcesses.transactional)?.key == "objections")
        #expect(settings.stage(.budget, in: BuiltInProcesses.transactional)?.key == "objections")
    }

    @Test func setParsesEachKindOfKey() throws {
        var settings = HealthSettings()
        try settings.set("route-days", to: "45")
        try settings.set("cold-days", to: " 30 ")
        try settings.set("off", to: "key-person-cold, price-too-early")
        try settings.set("project.pricing", to: "negotiation")
        try settings.set("technical.budget", to: "none")
        #expect(settings.routeDays == 45 && settings.coldDays == 30)
        #expect(settings.disabled == [.keyPersonCold, .priceTooEarly])
        #expect(settings.stage(.pricing, in: BuiltInProcesses.project)?.key == "negotiation")
        #expect(settings.stage(.budget, in: BuiltInProcesses.technical) == nil)
        #expect(settings.isOverridden(.budget, in: BuiltInProcesses.technical))
        #expect(!settings.isOverridden(.needs, in: BuiltInProcesses.technical))
        #expect(settings.issues(catalog: catalog).isEmpty)
        #expect(settings.values == ["route-days": "45", "cold-days": "30", "off": "price-too-early,key-person-cold",
                                    "project.pricing": "negotiation", "technical.budget": "none"])
        #expect(HealthSettings(values: settings.values) == settings, "what the store keeps reads back the same")
        try settings.set("off", to: "none")
        #expect(settings.disabled.isEmpty)
    }

    @Test func resetPutsADefaultBack() throws {
        var settings = HealthSettings()
        try settings.set("route-days", to: "10")
        try settings.set("project.needs", to: "bid")
        try settings.reset("route-days")
        try settings.reset("project.needs")
        #expect(settings == HealthSettings.defaults)
        #expect(throws: HealthSettingError.self) { try settings.reset("colour") }
    }

    @Test(arguments: [
        ("route-days", "soon", "route-days: 'soon' is not a number of days"),
        ("off", "no-coffee", "off: 'no-coffee' is not a rule"),
        ("colour", "red", "unknown setting 'colour'"),
        ("project.colour", "bid", "unknown setting 'project.colour'"),
        ("project.pricing", " ", "project.pricing needs a stage key, or none"),
    ])
    func badInputIsRefusedWithTheKey(key: String, value: String, message: String) {
        var settings = HealthSettings()
        do {
            try settings.set(key, to: value)
            Issue.record("\(key)=\(value) was accepted")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
        #expect(settings == HealthSettings.defaults, "nothing changed")
    }

    @Test func issuesNameTheRangeTheProcessAndTheStage() throws {
        var settings = HealthSettings(routeDays: 0, coldDays: 3_651)
        try settings.set("mining.pricing", to: "bid")
        try settings.set("project.budget", to: "tender")
        let issues = settings.issues(catalog: catalog).map(\.description)
        #expect(issues.count == 4)
        #expect(issues[0] == "route-days: must be 1…3650, got 0")
        #expect(issues[1] == "cold-days: must be 1…3650, got 3651")
        #expect(issues.contains { $0.hasPrefix("mining: unknown process 'mining'") })
        #expect(issues.contains { $0.hasPrefix("project.budget: 'tender' is not a stage of project: develop, entry,") })
        #expect(HealthSettings(values: ["route-days": "x", "cold-days": "20"]).coldDays == 20, "one bad stored value keeps its default")
    }
}

@Suite("Stage flags in process data")
struct StageFlagTests {
    @Test func templatesWithoutFlagsReadAsBeforeAndFlagsRoundTrip() throws {
        let old = #"{"key":"mining","name":{"en":"Mining","zh":"矿业"},"stages":[{"key":"a","name":{"en":"A","zh":"甲"},"probability":10}]}"#
        let template = try ProcessCatalog.decodeTemplate(from: Data(old.utf8))
        #expect(template.stages[0].flags.isEmpty && template.flaggedStage(.pricing) == nil)
        let encoded = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
        #expect(!encoded.contains("flags"), "no flags, no key: a template reads as it was")

        var flagged = BuiltInProcesses.project
        flagged.stages[1].flags = [.pricing, .budget]
        let back = try JSONDecoder().decode(ProcessTemplate.self, from: try JSONEncoder().encode(flagged))
        #expect(back == flagged)
        #expect(back.flaggedStage(.pricing)?.key == "entry")
        #expect(String(decoding: try JSONEncoder().encode(flagged.stages[1]), as: UTF8.self).contains(#""flags":["budget","pricing"]"#))
    }

    @Test func aBadFlagIsRefused() {
        let bad = #"{"key":"m","name":{"en":"M","zh":"M"},"stages":[{"key":"a","name":{"en":"A","zh":"A"},"probability":10,"flags":["price"]}]}"#
        #expect(throws: ProcessTemplateError.self) { try ProcessCatalog.decodeTemplate(from: Data(bad.utf8)) }
    }
}
