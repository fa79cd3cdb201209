import Foundation
import Testing
@testable import CloserCore

@Suite("Process templates")
struct ProcessTemplateTests {
    @Test(arguments: BuiltInProcesses.all)
    func builtInsValidate(template: ProcessTemplate) throws {
        try template.validate()
        #expect(!template.stages.isEmpty)
        #expect(template.stages.allSatisfy { !$0.milestones.isEmpty })
    }

    @Test func projectProcessFollowsTheSource() {
        let project = BuiltInProcesses.project
        #expect(project.stages.map(\.key) == ["develop", "entry", "proposal", "bid", "negotiation", "implementation"])
        #expect(project.stages.map(\.probability) == [10, 20, 40, 60, 80, 100])
        #expect(project.stage("entry")?.milestones.map(\.key) == ["coach-and-key-persons"])
        #expect(project.stage("entry")?.milestones.first?.proof == .insideCoachAndDecisionMaker)
        #expect(BuiltInProcesses.all.map(\.key) == ["project", "technical", "transactional"])
    }

    @Test(arguments: [
        ("entry", "entry"), ("ENTRY", "entry"), ("2", "entry"), (" 3 ", "proposal"), ("Entry", "entry"),
        ("销售进入", "entry"), ("提案", "proposal"), ("Implementation", "implementation"), ("6", "implementation"),
    ])
    func resolvesStage(text: String, key: String) {
        #expect(BuiltInProcesses.project.resolveStage(text)?.key == key)
    }

    @Test(arguments: ["0", "7", "-1", "nowhere", ""])
    func unknownStageIsNil(text: String) {
        #expect(BuiltInProcesses.project.resolveStage(text) == nil)
    }

    @Test func stageIndexAndLookup() {
        let project = BuiltInProcesses.project
        #expect(project.stageIndex("bid") == 3)
        #expect(project.stageIndex("nowhere") == nil)
        #expect(project.stage("bid")?.name.zh == "投标")
    }

    static func stage(_ key: String, probability: Int = 50, milestones: [String] = ["m"]) -> StageTemplate {
        StageTemplate(key: key, name: LocalizedText(en: key, zh: key), probability: probability,
                      milestones: milestones.map { MilestoneTemplate(key: $0, name: LocalizedText(en: $0, zh: $0)) })
    }

    static func template(_ stages: [StageTemplate]) -> ProcessTemplate { template("service", stages) }

    static func template(_ key: String, _ stages: [StageTemplate]) -> ProcessTemplate {
        ProcessTemplate(key: key, name: LocalizedText(en: "Service", zh: "服务"), stages: stages)
    }

    @Test(arguments: [
        (ProcessTemplateTests.template([ProcessTemplateTests.stage("a"), ProcessTemplateTests.stage("a")]), "stage 'a' appears twice in 'service'"),
        (ProcessTemplateTests.template([ProcessTemplateTests.stage("a", probability: 101)]), "stage 'a' probability 101 is outside 0…100"),
        (ProcessTemplateTests.template([ProcessTemplateTests.stage("a", probability: -1)]), "stage 'a' probability -1 is outside 0…100"),
        (ProcessTemplateTests.template([]), "process 'service' has no stages"),
        (ProcessTemplateTests.template("my process", [ProcessTemplateTests.stage("a")]), "process key 'my process' must be letters, digits and '-'"),
        (ProcessTemplateTests.template("", [ProcessTemplateTests.stage("a")]), "process key '' must be letters, digits and '-'"),
        (ProcessTemplateTests.template("café", [ProcessTemplateTests.stage("a")]), "process key 'café' must be letters, digits and '-'"),
        (ProcessTemplateTests.template([ProcessTemplateTests.stage("a", milestones: ["m", "m"])]), "milestone 'm' appears twice in stage 'a'"),
    ])
    func validationErrors(template: ProcessTemplate, message: String) {
        let refused = #expect(throws: ProcessTemplateError.self) { try template.validate() }
        #expect(refused?.description == message)
    }

    @Test func boundaryProbabilitiesAreValid() throws {
        try Self.template([Self.stage("a", probability: 0), Self.stage("b", probability: 100)]).validate()
        try Self.template("field-service-2", [Self.stage("a")]).validate()
    }

    @Test func catalogCustomOverridesAndAdds() throws {
        let ownProject = Self.template("project", [Self.stage("only")])
        let service = Self.template("service", [Self.stage("a"), Self.stage("b")])
        let catalog = ProcessCatalog(custom: [ownProject, service])
        #expect(catalog.processes.map(\.key) == ["project", "technical", "transactional", "service"])
        #expect(catalog.process("project")?.stages.map(\.key) == ["only"])
        #expect(catalog.process("service") == service)
        #expect(catalog.process("nothing") == nil)
        #expect(ProcessCatalog().processes == BuiltInProcesses.all)
    }

    @Test(arguments: [("project", "project"), ("Project sale", "project"), ("项目型销售", "project"),
                      (" TECHNICAL ", "technical"), ("交易型销售", "transactional")])
    func catalogResolves(text: String, key: String) {
        #expect(ProcessCatalog().resolve(text)?.key == key)
    }

    @Test func decodeTemplateRoundTrip() throws {
        let service = Self.template("service", [Self.stage("a"), Self.stage("b", probability: 80)])
        let data = try JSONEncoder().encode(service)
        #expect(try ProcessCatalog.decodeTemplate(from: data) == service)
    }

    @Test func decodeTemplateFromHandWrittenJSON() throws {
        let json = """
            {"key": "service", "name": {"en": "Service", "zh": "服务"},
             "stages": [{"key": "triage", "name": {"en": "Triage", "zh": "分诊"}, "probability": 30, "workItems": [],
                         "milestones": [{"key": "ticket", "name": {"en": "Ticket", "zh": "工单"}}]}]}
            """
        let template = try ProcessCatalog.decodeTemplate(from: Data(json.utf8))
        #expect(template.key == "service")
        #expect(template.stages.map(\.key) == ["triage"])
        #expect(template.stages.first?.probability == 30)
        #expect(template.stages.first?.milestones.first?.proof == nil)
    }

    @Test func brokenJSONGivesAMessage() {
        do {
            _ = try ProcessCatalog.decodeTemplate(from: Data("{ not json".utf8))
            Issue.record("broken JSON was accepted")
        } catch {
            #expect(String(describing: error).hasPrefix("not a process template: "))
        }
    }

    @Test func missingFieldIsNamed() {
        let json = #"{"key": "service", "name": {"en": "S", "zh": "S"}}"#
        #expect(throws: ProcessTemplateError.notATemplate("missing 'stages' at top level")) {
            try ProcessCatalog.decodeTemplate(from: Data(json.utf8))
        }
    }

    @Test func decodedTemplateIsValidated() {
        let json = #"{"key": "service", "name": {"en": "S", "zh": "S"}, "stages": []}"#
        #expect(throws: ProcessTemplateError.noStages("service")) {
            try ProcessCatalog.decodeTemplate(from: Data(json.utf8))
        }
    }
}
