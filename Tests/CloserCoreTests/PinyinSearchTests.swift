import Testing
@testable import CloserCore

@Suite("Pinyin-initial search")
struct PinyinSearchTests {
    private func finds(_ name: String, _ query: String) -> Bool {
        SearchText.matches(key: SearchText.key(for: [name]), query: query)
    }

    @Test func zhongGuoShiHua() {
        // 石 also reads dàn (a unit of measure) in kXHC1983/kTGHZ2013, so "zgdh" follows.
        let variants = PinyinInitials.variants(of: "中国石化")
        #expect(variants.first == "zgsh")
        #expect(Set(variants) == ["zgsh", "zgdh"])
        #expect(finds("中国石化", "zgsh"))
    }

    @Test func initialsOfScalar() {
        #expect(PinyinInitials.initials(of: "行") == ["h", "x"])
        #expect(PinyinInitials.initials(of: "中") == ["z"])
        #expect(PinyinInitials.initials(of: "绿") == ["l"])  // lǜ/lù → l
        #expect(PinyinInitials.initials(of: "a").isEmpty)
        #expect(PinyinInitials.initials(of: "😀").isEmpty)
    }

    @Test func polyphonesMatchEveryReading() {
        let bank = PinyinInitials.variants(of: "银行")
        #expect(bank.contains("yh") && bank.contains("yx"))
        #expect(bank.first == "yx")  // kMandarin's reading (xíng) first
        #expect(finds("银行", "yh") && finds("银行", "yx"))

        #expect(finds("长春", "cc") && finds("长春", "zc"))
        #expect(finds("重庆", "cq") && finds("重庆", "zq"))
        #expect(!finds("重庆", "qq"))

        let steel = PinyinInitials.variants(of: "重庆钢铁")
        #expect(steel.contains("cqgt") && steel.contains("zqgt"))
    }

    @Test func baoshanSteel() {
        #expect(PinyinInitials.variants(of: "宝山钢铁").first == "bsgt")
        #expect(finds("宝山钢铁", "bsgt"))
    }

    @Test func mixedLatinAndHan() {
        #expect(PinyinInitials.variants(of: "ABB（中国）") == ["abbzg"])
        #expect(PinyinInitials.variants(of: "IBM 中国 2024") == ["ibmzg2024"])
        #expect(finds("ABB（中国）有限公司", "abbzg"))
        #expect(finds("ABB（中国）有限公司", "abb"))
        #expect(finds("ABB（中国）有限公司", "中国"))
    }

    @Test func fullWidthLetters() {
        #expect(SearchText.fold("ＡＢＣ　公司") == "abc 公司")
        #expect(PinyinInitials.variants(of: "ＡＢＣ公司").first == "abcgs")
        #expect(finds("ＡＢＣ公司", "abc"))
        #expect(finds("ABC公司", "ａｂｃｇｓ"))
    }

    @Test func foldingIsCaseWidthAndDiacriticInsensitive() {
        #expect(SearchText.fold("  Café \t Müller\n") == "cafe muller")
        #expect(SearchText.fold("Straße") == "strasse")
        #expect(SearchText.fold("a\u{1F}b") == "a b")
        #expect(finds("Café Müller", "MULLER"))
    }

    @Test func querySubstrings() {
        #expect(finds("中国石化", "gsh"))
        #expect(finds("中国石化", "zg"))
        #expect(finds("中国石化", "中国"))
        #expect(finds("中国石化", "国石"))
        #expect(finds("中国石化", "ZGSH"))
        #expect(finds("中国石化", ""))
        #expect(!finds("中国石化", "zgshx"))
        #expect(!finds("中国石化", "石油"))
    }

    @Test func partsDoNotRunTogether() {
        let key = SearchText.key(for: ["ab", "cd"])
        #expect(SearchText.matches(key: key, query: "ab"))
        #expect(SearchText.matches(key: key, query: "cd"))
        #expect(!SearchText.matches(key: key, query: "bc"))
        #expect(!SearchText.matches(key: key, query: "b c"))
    }

    @Test func likePatternEscaping() {
        #expect(SearchText.pattern(for: "50%_Off\\") == "50\\%\\_off\\\\")
        #expect(SearchText.pattern(for: " 中国 ZGSH ") == "中国 zgsh")
        // In Swift the metacharacters are literal too.
        #expect(finds("100% 纯", "100%"))
        #expect(!finds("abc", "a%c"))
        #expect(!finds("abc", "a_c"))
    }

    @Test func variantsCapIsRespected() {
        let name = "长重行长重行长重行长重行银行长春"
        let all = PinyinInitials.variants(of: name)
        #expect(all.count == 32)
        #expect(Set(all).count == all.count)
        #expect(all.allSatisfy { $0.count == name.count })
        let five = PinyinInitials.variants(of: name, limit: 5)
        #expect(five.count == 5)
        #expect(five == Array(all.prefix(5)))
        #expect(PinyinInitials.variants(of: name, limit: 0).isEmpty)
        #expect(PinyinInitials.variants(of: name, limit: 1000).count == 1000)
    }

    @Test func nonHanTextDoesNotCrash() {
        let texts = ["👨‍👩‍👧 ☃︎ ∑", "", "   ", "𠀀𪚥", "한국어", "Ωμέγα", "\u{0}\u{1F}\u{7F}"]
        for text in texts {
            _ = PinyinInitials.variants(of: text)
            let key = SearchText.key(for: [text])
            _ = SearchText.matches(key: key, query: text)
            _ = SearchText.pattern(for: text)
        }
        #expect(PinyinInitials.variants(of: "👨‍👩‍👧 ☃︎").isEmpty)
        #expect(finds("Ωμέγα", "ωμεγα"))
    }

    @Test func tableCoverage() {
        #expect(PinyinTable.shared.coveredCount > 20_000)
        #expect(PinyinTable.shared.coveredCount == PinyinInitialsTable.coveredCount)
    }
}
