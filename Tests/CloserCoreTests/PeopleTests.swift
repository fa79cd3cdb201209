import Testing
@testable import CloserCore

@Suite("People: names and pinyin order")
struct PeopleTests {
    @Test func chineseNamesSortByPinyin() {
        // By code point: 张 (U+5F20), 李 (U+674E), 王 (U+738B), 陈 (U+9648); by pinyin: chen, li, wang, zhang.
        #expect(["陈", "王", "李", "张"].sorted() == ["张", "李", "王", "陈"])
        #expect(NameCollation.sorted(["陈", "王", "李", "张"]) { $0 } == ["陈", "李", "王", "张"])
        // 仇 (U+4EC7), 任 (U+4EFB), 何 (U+4F55): 仇 by its common reading chóu.
        #expect(NameCollation.sorted(["仇", "任", "何"]) { $0 } == ["仇", "何", "任"])
        #expect(NameCollation.sorted(["王磊", "陈静", "李娜", "Ada", "安娜", "赵敏"]) { $0 } == ["Ada", "安娜", "陈静", "李娜", "王磊", "赵敏"])
        #expect(NameCollation.key("李娜").hasPrefix("ln "))
    }

    @Test func displayNamesWhereverAPersonIsShown() {
        let team = TeamDirectory(users: [User(name: "li.na", role: .rep, displayName: "李娜"), User(name: "wang.lei", role: .rep, displayName: "王磊"),
                                         User(name: "chen.jing", role: .manager, displayName: "陈静"), User(name: "bob", role: .rep)])
        #expect(team.name("li.na") == "李娜" && team.name("bob") == "bob" && team.name("stranger") == "stranger")
        #expect(team.nameWithLogin("wang.lei") == "王磊 (wang.lei)" && team.nameWithLogin("bob") == "bob")
        #expect(team.login(matching: "王磊") == "wang.lei" && team.login(matching: "wang.lei") == "wang.lei" && team.login(matching: "cj") == "chen.jing")
        #expect(team.login(matching: "nobody") == nil)
        #expect(team.sortedLogins(["wang.lei", "li.na", "chen.jing", "bob"]) == ["bob", "chen.jing", "li.na", "wang.lei"])
        #expect(team.users.map(\.name) == ["bob", "chen.jing", "li.na", "wang.lei"])
    }
}
