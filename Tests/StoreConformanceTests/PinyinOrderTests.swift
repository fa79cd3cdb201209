import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// Tables sort names the way Chinese readers expect: by pinyin, from a key the store writes with
/// every row (NameCollation), not by code point.
@Suite("Names sort by pinyin in the store")
struct PinyinOrderTests {
    @Test(arguments: Backend.allCases) func accountsAndPersonsByPinyin(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        var ids: [String: Int64] = [:]
        for name in ["中国石化", "宝钢股份", "鞍钢集团", "Acme Steel", "陈氏电器"] {
            ids[name] = try store.acting(as: "alice").addAccount(StoreFixture.account(name)).id
        }
        let byName = try store.accounts(AccountQuery(sort: .name, nameOrder: .pinyin)).rows.map(\.account.name)
        #expect(byName == ["Acme Steel", "鞍钢集团", "宝钢股份", "陈氏电器", "中国石化"])
        let byCodePoint = try store.accounts(AccountQuery(sort: .name)).rows.map(\.account.name)
        #expect(byCodePoint == ["Acme Steel", "中国石化", "宝钢股份", "陈氏电器", "鞍钢集团"], "what the screens ask for until they move to pinyin")
        let deals = try store.deals(DealQuery(sort: .account, ascending: true, nameOrder: .pinyin))
        #expect(deals.rows.isEmpty)
        let down = try store.accounts(AccountQuery(conditions: [.text("g")], sort: .name, ascending: false, nameOrder: .pinyin)).rows.map(\.account.name)
        #expect(down == ["中国石化", "宝钢股份", "鞍钢集团"])
        let account = try #require(ids["宝钢股份"])
        for name in ["仇明", "任静", "何伟", "王磊", "李娜"] {
            _ = try store.acting(as: "alice").addPerson(Person(accountID: account, name: name, level: .manager, function: .using))
        }
        let persons = try store.personRows(PersonTableQuery(sort: .name, nameOrder: .pinyin)).rows.map(\.person.name)
        #expect(persons == ["仇明", "何伟", "李娜", "任静", "王磊"], "仇 by its common reading chóu")
        var renamed = try store.account(account)
        renamed.name = "张家港钢铁"
        _ = try store.acting(as: "alice").updateAccount(renamed)
        #expect(try store.accounts(AccountQuery(sort: .name, nameOrder: .pinyin)).rows.last?.account.name == "张家港钢铁", "a rename moves it")
    }
}
