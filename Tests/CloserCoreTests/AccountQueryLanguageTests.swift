import Testing
@testable import CloserCore

@Suite("Accounts' query language")
struct AccountQueryLanguageTests {
    private func parse(_ text: String) throws -> [AccountCondition] { try AccountQueryLanguage.parse(text) }

    /// The error `text` gives; nil when it parses.
    private func failure(_ text: String) -> QueryError? {
        do {
            _ = try AccountQueryLanguage.parse(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Conditions

    @Test func aFullQuery() throws {
        #expect(try parse("grade:A,b quadrant:opp,战略 region:华东 owner:me pipeline>500k last>30d zgsh") == [
            .grades([.a, .b]), .quadrants([.opportunity, .strategic]), .field(.region, ["华东"]), .field(.owner, ["me"]),
            .pipeline(.greater, 50_000_000), .lastActivityDays(.greater, 30), .text("zgsh"),
        ])
    }

    @Test func emptyQueries() throws {
        #expect(try parse("") == [])
        #expect(try parse("  \t ") == [])
    }

    @Test func chineseKeysAndFullWidthColon() throws {
        #expect(try parse("等级:A 象限:机会客户 区域:华南 行业:化工 负责人:wang.lei") == [
            .grades([.a]), .quadrants([.opportunity]), .field(.region, ["华南"]), .field(.industry, ["化工"]),
            .field(.owner, ["wang.lei"]),
        ])
        #expect(try parse("等级：B,c 性质:国企 规模:大型 标签:迎春花") == [
            .grades([.b, .c]), .field(.nature, ["国企"]), .field(.scale, ["大型"]), .tag("迎春花"),
        ])
        #expect(try parse("GRADE:d Region:华东，华北、华南") == [.grades([.d]), .field(.region, ["华东", "华北", "华南"])])
    }

    @Test func quadrantsByCodeLabelAliasOrPrefix() throws {
        #expect(try parse("quadrant:Opportunity") == [.quadrants([.opportunity])])
        #expect(try parse("quadrant:忠诚度网络,loyal") == [.quadrants([.strategic, .loyal])])
        #expect(try parse("quadrant:str,MARK") == [.quadrants([.strategic, .market])])
        #expect(try parse("quadrant:市场,忠实") == [.quadrants([.market, .loyal])])
        #expect(try parse("quad:接受") == [.quadrants([.market])])
    }

    @Test func ownerVisibilityTag() throws {
        #expect(try parse("owner:Me,none,POOL,Wang.Lei") == [.field(.owner, ["me", "none", "none", "Wang.Lei"])])
        #expect(try parse("visibility:pool,shared vis:独占,prot") == [.visibility([.pool, .shared]), .visibility([.exclusive, .protected])])
        #expect(try parse("tag:迎春花 tags:\"key account\"") == [.tag("迎春花"), .tag("key account")])
    }

    @Test func amounts() throws {
        #expect(try parse("pipeline>=1.2M weighted<100万 won>0 won=0") == [
            .pipeline(.greaterOrEqual, 120_000_000), .weighted(.less, 100_000_000), .won(.greater, 0), .won(.equal, 0),
        ])
        #expect(try parse("pipeline<=80000 pipeline>1,200,000 pipeline<0.5") == [
            .pipeline(.lessOrEqual, 8_000_000), .pipeline(.greater, 120_000_000), .pipeline(.less, 50),
        ])
    }

    @Test func daysSinceLastActivity() throws {
        #expect(try parse("last>30 last<4w last<=7d last=0d 最近>2周 last>=3天") == [
            .lastActivityDays(.greater, 30), .lastActivityDays(.less, 28), .lastActivityDays(.lessOrEqual, 7),
            .lastActivityDays(.equal, 0), .lastActivityDays(.greater, 14), .lastActivityDays(.greaterOrEqual, 3),
        ])
    }

    @Test func quotesKeepSpacesCommasAndOperators() throws {
        #expect(try parse("region:\"华东 区\" \"acme  steel\" “中国 石化”") == [
            .field(.region, ["华东 区"]), .text("acme  steel"), .text("中国 石化"),
        ])
        #expect(try parse("industry:\"a,b\",c \"a:b\" ab\"c d\"e") == [.field(.industry, ["a,b", "c"]), .text("a:b"), .text("abc de")])
        #expect(try parse(#""say \"hi\"" "x\\y" a\b"#) == [.text("say \"hi\""), .text("x\\y"), .text("a\\b")])
        #expect(try parse("region:\"\" \"\"") == [.field(.region, [""]), .text("")])
    }

    @Test func textTermsAllKept() throws {
        #expect(try parse("zgsh   acme 中国") == [.text("zgsh"), .text("acme"), .text("中国")])
    }

    // MARK: Errors: position and length of the offending term, in Characters

    @Test func unknownCondition() throws {
        let error = try #require(failure("grade:A colour:red"))
        #expect(error.position == 8)
        #expect(error.length == 10)
        #expect(error.message.hasPrefix("unknown condition 'colour'; try grade, quadrant, region, industry, owner,"))
        #expect(error.message.contains("pipeline"))
        #expect(error.message.contains("last"))
        #expect(error.description.hasPrefix("at 9: unknown condition"))
        #expect(failure("10:30") == QueryError(position: 0, length: 5, message: failure("10:30")?.message ?? ""))
    }

    @Test func badGradeCountsChineseCharactersAsOne() throws {
        let error = try #require(failure("region:华东 grade:A,E"))
        #expect(error.position == 10)
        #expect(error.length == 9)
        #expect(error.message == "grade 'E' is not one of A, B, C, D")
        #expect(failure("grade:E") == QueryError(position: 0, length: 7, message: "grade 'E' is not one of A, B, C, D"))
    }

    @Test func badQuadrantAndVisibility() throws {
        let unknown = try #require(failure("acme quadrant:heaven"))
        #expect((unknown.position, unknown.length) == (5, 15))
        #expect(unknown.message.hasPrefix("quadrant 'heaven' is not one of market"))
        let ambiguous = try #require(failure("quadrant:忠"))
        #expect(ambiguous.message == "quadrant '忠' could be loyal or strategic; type more of it")
        let visibility = try #require(failure("vis:p"))
        #expect((visibility.position, visibility.length) == (0, 5))
        #expect(visibility.message == "visibility 'p' could be pool or protected; type more of it")
    }

    @Test func badAmount() throws {
        let error = try #require(failure("grade:A pipeline>abc"))
        #expect((error.position, error.length) == (8, 12))
        #expect(error.message == "'abc' is not an amount; use e.g. 500k, 1.2M, 120万 or 80000")
        #expect(failure("won>-5") != nil)
        #expect(failure("pipeline>99999999999999999") != nil)
    }

    @Test func missingValue() throws {
        #expect(failure("grade:") == QueryError(position: 0, length: 6, message: "grade needs a value, e.g. grade:A,B"))
        #expect(failure("x region:,") == QueryError(position: 2, length: 8, message: "region needs a value, e.g. region:华东"))
        #expect(failure("pipeline>") == QueryError(position: 0, length: 9, message: "pipeline needs an amount, e.g. pipeline>500k"))
        #expect(failure("last<") == QueryError(position: 0, length: 5, message: "last needs a number of days, e.g. last>30d"))
    }

    @Test func badOperator() throws {
        #expect(failure("pipeline=>5") == QueryError(position: 0, length: 11,
                                                     message: "bad operator '=>' after pipeline; use <, <=, >, >= or =, e.g. pipeline>500k"))
        #expect(failure("won:5") == QueryError(position: 0, length: 5, message: "won compares with <, <=, >, >= or =, e.g. won>0"))
        #expect(failure("grade>A") == QueryError(position: 0, length: 7,
                                                 message: "bad operator '>' after grade; it takes ':' and a list, e.g. grade:A,B"))
        #expect(failure("a >5")?.position == 2)
        #expect(failure("a >5")?.length == 2)
    }

    @Test func unbalancedQuote() throws {
        let error = try #require(failure("acme region:\"华东 区"))
        #expect((error.position, error.length) == (5, 12))
        #expect(error.message.hasPrefix("unclosed quote"))
        #expect(failure("\"") == QueryError(position: 0, length: 1, message: error.message))
        #expect(failure("“中国") != nil)
    }

    @Test func badDays() throws {
        #expect(failure("last>abc") == QueryError(position: 0, length: 8,
                                                  message: "'abc' is not a number of days; use e.g. last>30d, last>30 or last<4w"))
        #expect(failure("last>3x") != nil)
        #expect(failure("last>-5") != nil)
        #expect(failure("last>1.5d") != nil)
    }

    @Test func oneTagPerTerm() throws {
        let error = try #require(failure("tag:迎春花,腊梅花"))
        #expect(error.message == "tag takes one tag; write tag:迎春花 tag:腊梅花 for accounts with both")
    }

    // MARK: describe

    @Test func describeIsCanonical() {
        let conditions: [AccountCondition] = [
            .grades([.b, .a]), .quadrants([.strategic, .opportunity]), .field(.region, ["华东 区"]),
            .pipeline(.greaterOrEqual, 120_000_000), .weighted(.less, 100_000_000), .won(.greater, 0),
            .lastActivityDays(.greater, 28), .text("zgsh"), .text("a:b"), .tag("迎春花"), .visibility([.shared, .pool]),
            .field(.owner, ["me", "none"]), .field(.industry, ["a,b", "c"]), .pipeline(.equal, 12_345), .won(.less, 123_456_700),
        ]
        #expect(AccountQueryLanguage.describe(conditions) == """
            grade:A,B quadrant:opportunity,strategic region:"华东 区" pipeline>=1.2M weighted<1M won>0 last>28d zgsh "a:b" \
            tag:迎春花 visibility:pool,shared owner:me,none industry:"a,b",c pipeline=123.45 won<1234567
            """)
        #expect(AccountQueryLanguage.describe([]) == "")
    }

    @Test func amountsInShortestExactForm() {
        let cases: [(Int64, String)] = [
            (0, "0"), (5, "0.05"), (50, "0.5"), (98_000, "980"), (150_000, "1.5k"), (50_000_000, "500k"),
            (12_500_000, "125k"), (105_000_000, "1.05M"), (100_000_000_000, "1000M"), (123_456_700, "1234567"), (1_234_500, "12345"), (1_235_000, "12.35k"),
        ]
        for (minor, text) in cases {
            #expect(AccountQueryLanguage.amountText(minor) == text)
            #expect(Money.parse(text)?.minorUnits == minor)
        }
    }

    @Test(arguments: [
        "grade:A,b quadrant:opp,战略 region:华东 owner:me pipeline>500k last>30d zgsh",
        "等级：B 象限:忠实客户 区域:\"华东 区\",华北 行业:化工 负责人:none 标签:迎春花",
        "vis:pool,shared tag:\"key account\" weighted<=120万 won=1,234.5 last<4w",
        #""say \"hi\"" "x\\y" a\b "a:b" “中国 石化” industry:"a,b",c region:"" "" scale:"=x""#,
        "pipeline>0.01 pipeline<1.25M won>=999.99",
    ])
    func roundTrip(query: String) throws {
        let conditions = try parse(query)
        let text = AccountQueryLanguage.describe(conditions)
        #expect(try parse(text) == conditions, "\(query) → \(text)")
        #expect(AccountQueryLanguage.describe(try parse(text)) == text)
    }

    // MARK: The account table's headers as keys, errors in Chinese

    @Test("each account-table column's header, as shown in English and Chinese, is a key", arguments: [
        ("在途>50万", AccountCondition.pipeline(.greater, 50_000_000)), ("Pipeline>500k", .pipeline(.greater, 50_000_000)),
        ("加权>=10万", .weighted(.greaterOrEqual, 10_000_000)), ("Weighted<1M", .weighted(.less, 100_000_000)),
        ("已赢单>0", .won(.greater, 0)), ("Won>0", .won(.greater, 0)),
        ("最近行动>30天", .lastActivityDays(.greater, 30)), (#""Last act">30d"#, .lastActivityDays(.greater, 30)),
        ("等级:A", .grades([.a])), ("Grade:A", .grades([.a])), ("象限:战略", .quadrants([.strategic])), ("Quadrant:opp", .quadrants([.opportunity])),
        ("行业:化工", .field(.industry, ["化工"])), ("Industry:化工", .field(.industry, ["化工"])),
        ("区域:华东", .field(.region, ["华东"])), ("Region:华东", .field(.region, ["华东"])),
        ("负责人:me", .field(.owner, ["me"])), ("Owner:me", .field(.owner, ["me"])),
        ("名称:石化", .text("石化")), ("Name:zgsh", .text("zgsh")),
    ])
    func headersAreKeys(query: String, condition: AccountCondition) throws {
        #expect(try parse(query) == [condition], "\(query)")
    }

    @Test func errorsInChinese() throws {
        let amount = try #require(failure("在途>abc"))
        #expect(amount.text.zh == "「abc」不是金额；请用如 500k、1.2M、120万 或 80000")
        #expect(amount.chineseDescription == "第 1 个字符处：「abc」不是金额；请用如 500k、1.2M、120万 或 80000")
        #expect(failure("颜色:红")?.text.zh.hasPrefix("没有「颜色」这个条件；可用 等级、象限、区域、行业、负责人") == true)
        #expect(failure("象限:天堂")?.text.zh == "象限「天堂」不是以下之一：接受市场的客户、机会客户、忠实客户、忠诚度网络")
        #expect(failure("象限:忠")?.text.zh == "象限「忠」可能是 忠实客户 或 忠诚度网络；请多输入几个字")
        #expect(failure("等级:E")?.text.zh == "等级「E」不是 A、B、C、D 之一")
        #expect(failure("在途:5")?.text.zh == "在途用 <、<=、>、>= 或 = 比较，例如 pipeline>500k")
        #expect(failure("等级>A")?.text.zh == "等级后的运算符「>」不对；它接「:」和列表，例如 grade:A,B")
        #expect(failure("最近行动>abc")?.text.zh == "「abc」不是天数；请用如 last>30d、最近行动>30天 或 last<4w")
        #expect(failure("区域:,")?.text.zh == "区域需要一个值，例如 region:华东")
        #expect(failure("\"华东")?.text.zh == "引号没有闭合：请在值后加上 \"")
        #expect(failure(":x")?.text.zh == "「:x」的运算符前没有条件名；例如 在途>50万，或把文字放进引号")
        #expect(failure("名称:a,b")?.text.zh == "名称只接一段文字；要同时包含两者请写 名称:a 名称:b")
        // The English text is the same error: it is what errors compare by.
        #expect(amount == QueryError(position: 0, length: 6, message: "'abc' is not an amount; use e.g. 500k, 1.2M, 120万 or 80000"))
    }

    @Test func resolvingMe() throws {
        #expect(AccountQueryLanguage.resolvingMe(try parse("owner:me,bob grade:A"), as: "alice")
            == [.field(.owner, ["alice", "bob"]), .grades([.a])])
    }
}
