import CloserCore
import Foundation
import Testing

@Suite("vCard reading")
struct VCardTests {
    @Test("vCard 3.0: folded lines, escapes, N with the family name first in Chinese, preferred phone")
    func version3() throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;伟;;;\r\nORG:中国石化\\, 北京;采购部\r\nTITLE:采购经\r\n 理\r\n"
            + "TEL;TYPE=WORK:010-1\r\nTEL;TYPE=CELL,PREF:138\r\nEMAIL:wang@example.cn\r\nNOTE:喜欢\\n打球\\; 周末\r\nUID:u-1\r\nEND:VCARD\r\n"
        let (contacts, failures) = try VCard.parse(text, fileName: "c.vcf")
        #expect(failures.isEmpty)
        let contact = try #require(contacts.first)
        #expect(contact.name == "王伟" && contact.organization == "中国石化, 北京" && contact.title == "采购经理")
        #expect(contact.phone == "138" && contact.email == "wang@example.cn" && contact.uid == "u-1")
        #expect(contact.note == "喜欢\n打球; 周末")
    }

    @Test("vCard 4.0 with FN, and a Latin N joined given-name first")
    func version4() throws {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:Dr. Ada Lovelace\nORG:Analytical Engines\nEND:VCARD\n"
            + "BEGIN:VCARD\nVERSION:4.0\nN:Babbage;Charles;;;\nORG:Analytical Engines\nitem1.EMAIL;PREF=1:cb@example.org\nEND:VCARD\n"
        let (contacts, _) = try VCard.parse(text, fileName: "c.vcf")
        #expect(contacts.map(\.name) == ["Dr. Ada Lovelace", "Charles Babbage"])
        #expect(contacts.last?.email == "cb@example.org")
        #expect(contacts.map(\.line) == [1, 6])
    }

    @Test("vCard 4.0 phone URIs become plain numbers; an extension is kept, other values stay as they are")
    func telephoneURI() throws {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:王伟\nORG:中国石化\nTEL;VALUE=uri;TYPE=work:tel:+86-10-5996-0114\nEND:VCARD\n"
            + "BEGIN:VCARD\nVERSION:4.0\nFN:李娜\nORG:中国石化\nTEL;VALUE=uri;PREF=1:TEL:+86-21-6858-0000;ext=102\nEND:VCARD\n"
            + "BEGIN:VCARD\nVERSION:4.0\nFN:Ada\nORG:Acme\nTEL;VALUE=uri:tel:+1%20555%200100\nEND:VCARD\n"
            + "BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nORG:Acme\nTEL;TYPE=CELL:+49 170 1234567\nEND:VCARD\n"
        let (contacts, failures) = try VCard.parse(text, fileName: "c.vcf")
        #expect(failures.isEmpty)
        #expect(contacts.map(\.phone) == ["+86-10-5996-0114", "+86-21-6858-0000 ext. 102", "+1 555 0100", "+49 170 1234567"])
    }

    @Test("vCard 2.1 quoted-printable in UTF-8, with soft line breaks and bare parameters")
    func quotedPrintable() throws {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=A8=9C\r\n"
            + "ORG;QUOTED-PRINTABLE;CHARSET=UTF-8:=E5=AE=9D=E9=92=A2\r\nNOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=\r\nline two\r\nTEL;CELL;PREF:139\r\nEND:VCARD\r\n"
        let (contacts, failures) = try VCard.parse(text, fileName: "c.vcf")
        #expect(failures.isEmpty, "\(failures)")
        #expect(contacts.first?.name == "李娜" && contacts.first?.organization == "宝钢" && contacts.first?.phone == "139")
        #expect(contacts.first?.note == "line one\r\nline two")
    }

    @Test("a broken card is refused with its line; the others are read")
    func broken() throws {
        let text = "BEGIN:VCARD\nFN:Good\nORG:A\nEND:VCARD\nBEGIN:VCARD\nNOTE;ENCODING=QUOTED-PRINTABLE:=ZZ\nFN:Bad\nEND:VCARD\n"
            + "BEGIN:VCARD\nORG:NoName\nEND:VCARD\nBEGIN:VCARD\nFN:Cut\n"
        let (contacts, failures) = try VCard.parse(text, fileName: "c.vcf")
        #expect(contacts.map(\.name) == ["Good"])
        #expect(failures.map(\.line) == [6, 9, 12])
        #expect(failures[0].property == "NOTE" && failures[0].reason.en.contains("quoted-printable"))
        #expect(failures[1].reason.en.contains("no name") && failures[2].reason.en.contains("END:VCARD"))
    }

    @Test("text that is no vCard is refused with the file and line", arguments: ["Name,Company\nA,B\n", "", "hello"])
    func notVCard(text: String) {
        do {
            _ = try VCard.parse(text, fileName: "x.vcf")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.hasPrefix("x.vcf") && error.description.contains("not a vCard"))
        }
    }
}
