import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// Tables sort names the way Chinese readers expect: by pinyin, from a key the store writes with
/// every row (NameCollation), not by code point.
@Suite("The pinyin name order walks an index of the file store")
struct PinyinOrderIndexTests {
    @Test func theNameOrderWalksAnIndex() throws {
        let store = try StoreFixture.store()
        for n in 0..<20 { _ = try store.acting(as: "alice").addAccount(StoreFixture.account("客户 \(n)")) }
        for ascending in [true, false] {
            let plan = try store.accountPagePlan(AccountQuery(conditions: [.text("kh")], sort: .name, ascending: ascending, nameOrder: .pinyin))
            #expect(plan.contains { $0.contains("COVERING INDEX account_name_key_cover") } && !plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }
}
