import Foundation
import Testing
@testable import CloserCore

@Suite("Buyer maturity, needs and the new activity kinds")
struct BuyerMaturityAndNeedsTests {
    @Test func levelsInOrderWithGuidanceInBothLanguages() {
        #expect(BuyerMaturity.allCases.map(\.rawValue) == ["generalist", "familiar", "unbundling", "specialist"])
        #expect(BuyerMaturity.allCases.map(\.level) == [1, 2, 3, 4])
        #expect(BuyerMaturity.generalist < .specialist)
        for level in BuyerMaturity.allCases {
            for text in [level.label, level.buyer, level.price, level.guidance] {
                #expect(!text.en.isEmpty && !text.zh.isEmpty && text.en != text.zh, "\(level)")
            }
        }
        #expect(BuyerMaturity.specialist.price.zh.contains("价格，价格，还是价格"), "004's purchasing manager, in the source's words")
    }

    @Test(arguments: [("specialist", BuyerMaturity.specialist), ("4", .specialist), ("1", .generalist), ("有经验的专家", .specialist),
                      ("Growing familiar", .familiar), (" UNBUNDLING ", .unbundling)])
    func parse(text: String, level: BuyerMaturity) {
        #expect(BuyerMaturity.parse(text) == level)
    }

    @Test(arguments: ["5", "0", "expert-ish", ""])
    func parseRefuses(text: String) {
        #expect(BuyerMaturity.parse(text) == nil)
    }

    @Test func accountsWithoutMaturityDecodeAndKeepIt() throws {
        let account = Account(id: 1, name: "中国石化", maturity: .unbundling, owner: "li")
        let back = try JSONDecoder().decode(Account.self, from: try JSONEncoder().encode(account))
        #expect(back.maturity == .unbundling)
        var object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(account)) as? [String: Any])
        object["maturity"] = nil
        let old = try JSONDecoder().decode(Account.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.maturity == nil)
    }

    @Test func dealsWithoutNeedsDecodeAndNeedsRoundTrip() throws {
        let deal = Deal(id: 4, accountID: 1, title: "DCS", processKey: "project", stageKey: "entry",
                        needs: [CustomerNeed(text: "中文版使用手册", statedBy: 12), CustomerNeed(text: "Less downtime")], owner: "li")
        let data = try JSONEncoder().encode(deal)
        #expect(try JSONDecoder().decode(Deal.self, from: data) == deal)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["needs"] = nil
        let old = try JSONDecoder().decode(Deal.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.needs.isEmpty && old.title == "DCS")
    }

    @Test func needsAreValidated() {
        var deal = Deal(accountID: 1, title: "DCS", processKey: "project", stageKey: "entry", owner: "li")
        deal.needs = [CustomerNeed(text: "ok"), CustomerNeed(text: " ")]
        #expect(Validation.issues(deal, catalog: ProcessCatalog()).map(\.description) == ["needs: need 2 says nothing"])
        deal.needs = Array(repeating: CustomerNeed(text: "x"), count: CustomerNeed.maxPerDeal + 1)
        #expect(Validation.issues(deal, catalog: ProcessCatalog()).map(\.description) == ["needs: at most 50 per deal, got 51"])
        deal.needs = [CustomerNeed(text: String(repeating: "需", count: 2_001))]
        #expect(Validation.issues(deal, catalog: ProcessCatalog()).map(\.description) == ["needs: is longer than 2000 characters"])
    }

    @Test(arguments: [("quote", ActivityKind.quote), ("报价", .quote), ("discovery", .discovery), ("需求调研", .discovery),
                      ("Needs discovery", .discovery)])
    func newKinds(text: String, kind: ActivityKind) {
        #expect(ActivityKind.parse(text) == kind)
    }

    @Test func otherStaysLastSoTheFormsCycleIsUnchangedUpToIt() {
        #expect(ActivityKind.allCases.last == .other)
        #expect(Array(ActivityKind.allCases.prefix(7)) == [.visit, .call, .email, .demo, .siteVisit, .bid, .meeting])
    }
}
