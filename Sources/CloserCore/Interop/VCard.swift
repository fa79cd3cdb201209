import Foundation

/// One contact of a vCard file, with the line its BEGIN:VCARD is on.
public struct VCardContact: Sendable, Equatable {
    public var line: Int
    public var name = ""
    public var organization = ""
    public var title = ""
    public var phone = ""
    public var email = ""
    public var note = ""
    public var uid = ""

    /// The columns a contact fills, in the order of `row`: named so the header dictionary maps them.
    public static let header = ["Name", "Company", "Title", "Phone", "Email", "Notes", "Record ID"]
    public var row: [String] { [name, organization, title, phone, email, note, uid] }
}

/// Reads vCard 2.1, 3.0 and 4.0 (RFC 6350): folded lines, quoted-printable with soft line
/// breaks, escaped text, N or FN names (Chinese family-name-first), ORG, TITLE, TEL, EMAIL,
/// NOTE and UID. A card that cannot be read is refused with its line and the property.
public enum VCard {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var property: String
        public var reason: LocalizedText
        public var description: String { "line \(line)\(property.isEmpty ? "" : ", \(property)"): \(reason.en)" }

        public init(line: Int, property: String, reason: LocalizedText) {
            self.line = line
            self.property = property
            self.reason = reason
        }
    }

    /// The contacts, and the cards refused (each by the line it starts on). Throws when the
    /// text is no vCard at all.
    public static func parse(_ text: String, fileName: String) throws(ImportError) -> (contacts: [VCardContact], failures: [Failure]) {
        let lines = unfold(text)
        var contacts = [VCardContact](), failures = [Failure]()
        var current: VCardContact?, failed: Failure?
        var family = "", given = ""
        for (number, raw) in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let upper = line.uppercased()
            if upper == "BEGIN:VCARD" {
                if let open = current { failures.append(Failure(line: open.line, property: "", reason: LocalizedText(en: "BEGIN:VCARD without END:VCARD", zh: "名片没有结尾"))) }
                current = VCardContact(line: number)
                failed = nil
                family = ""
                given = ""
                continue
            }
            guard var contact = current else {
                throw ImportError("\(fileName) line \(number): '\(line.prefix(40))' outside BEGIN:VCARD … END:VCARD — not a vCard file; nothing was imported",
                                  zh: "\(fileName) 第 \(number) 行：「\(line.prefix(40))」不在名片之内——不是 vCard 文件；未导入任何内容")
            }
            if upper == "END:VCARD" {
                if contact.name.isEmpty { contact.name = ImportValue.name(first: given, last: family) }
                if let failed {
                    failures.append(failed)
                } else if contact.name.isEmpty {
                    failures.append(Failure(line: contact.line, property: "FN", reason: LocalizedText(en: "the card has no name (FN or N)", zh: "名片没有姓名")))
                } else {
                    contacts.append(contact)
                }
                current = nil
                continue
            }
            guard failed == nil else { continue }
            do {
                let property = try Property(line, number: number)
                switch property.name {
                case "FN": contact.name = property.text
                case "N":
                    let parts = property.components
                    family = parts.first ?? ""
                    given = parts.count > 1 ? parts[1] : ""
                case "ORG": contact.organization = property.components.first ?? ""
                case "TITLE": contact.title = property.text
                case "TEL" where contact.phone.isEmpty || property.isPreferred: contact.phone = Self.plainPhone(property.text)
                case "EMAIL" where contact.email.isEmpty || property.isPreferred: contact.email = property.text
                case "NOTE": contact.note = property.text
                case "UID": contact.uid = property.text
                default: break
                }
            } catch let failure as Failure {
                failed = failure
            } catch {
                failed = Failure(line: number, property: "", reason: ErrorText.text(error))
            }
            current = contact
        }
        if let open = current { failures.append(Failure(line: open.line, property: "", reason: LocalizedText(en: "BEGIN:VCARD without END:VCARD (the file is cut off?)", zh: "名片没有结尾（文件被截断了？）"))) }
        guard !contacts.isEmpty || !failures.isEmpty else { throw ImportError("\(fileName): no BEGIN:VCARD — not a vCard file; nothing was imported",
                                                                                     zh: "\(fileName)：没有名片开头——不是 vCard 文件；未导入任何内容") }
        return (contacts, failures)
    }

    /// A vCard 4.0 phone is often a URI (`TEL;VALUE=uri:tel:+86-10-6500-1234;ext=12`, RFC 3966):
    /// the number as people write it, "+86-10-6500-1234 ext. 12". Other values are kept as they are.
    static func plainPhone(_ value: String) -> String {
        guard value.lowercased().hasPrefix("tel:") else { return value }
        let parts = value.dropFirst(4).split(separator: ";").map(String.init)
        let number = (parts.first ?? "").removingPercentEncoding ?? parts.first ?? ""
        let ext = parts.dropFirst().first { $0.lowercased().hasPrefix("ext=") }.map { String($0.dropFirst(4)) }
        return ImportValue.trim(number) + (ext.map { " ext. \($0)" } ?? "")
    }

    /// Logical lines with the number of the line each starts on: a line break followed by a
    /// space or tab continues the line (RFC 6350 §3.2), and so does a quoted-printable value
    /// ending in "=" (vCard 2.1 soft line break).
    static func unfold(_ text: String) -> [(Int, String)] {
        var result = [(Int, String)]()
        let physical = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").components(separatedBy: "\n")
        for (index, line) in physical.enumerated() {
            if let first = line.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].1 += line.dropFirst()
            } else if let last = result.last, last.1.hasSuffix("="), last.1.uppercased().contains("QUOTED-PRINTABLE") {
                result[result.count - 1].1 = String(last.1.dropLast()) + line
            } else {
                result.append((index + 1, line))
            }
        }
        return result
    }

    struct Property {
        var name: String
        var parameters: [String: String]
        var value: String

        init(_ line: String, number: Int) throws {
            var inQuotes = false
            guard let colon = line.firstIndex(where: { character in
                if character == "\"" { inQuotes.toggle() }
                return character == ":" && !inQuotes
            }) else { throw Failure(line: number, property: String(line.prefix(20)), reason: LocalizedText(en: "no ':' between the property and its value", zh: "属性和值之间没有冒号")) }
            var head = line[..<colon].split(separator: ";").map(String.init)
            guard !head.isEmpty else { throw Failure(line: number, property: "", reason: LocalizedText(en: "a value with no property name", zh: "值没有属性名")) }
            let fullName = head.removeFirst().uppercased()
            name = fullName.split(separator: ".").last.map(String.init) ?? fullName   // "item1.TEL" → "TEL"
            var parameters = [String: String]()
            for parameter in head {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                guard let key = pair.first?.uppercased() else { continue }
                // vCard 2.1 writes bare parameters: "TEL;CELL;PREF:…", "…;QUOTED-PRINTABLE:…".
                if pair.count == 1 {
                    parameters[["QUOTED-PRINTABLE", "BASE64", "8BIT"].contains(key) ? "ENCODING" : "TYPE", default: ""] += key + ","
                } else {
                    parameters[key, default: ""] += pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).uppercased() + ","
                }
            }
            self.parameters = parameters
            var value = String(line[line.index(after: colon)...])
            if parameters["ENCODING"]?.contains("QUOTED-PRINTABLE") == true {
                let charset = parameters["CHARSET"].map { String($0.dropLast()) } ?? "UTF-8"
                guard ["UTF-8", "UTF8", "US-ASCII"].contains(charset) else {
                    throw Failure(line: number, property: name, reason: LocalizedText(en: "quoted-printable in \(charset) is not read; export the contacts as UTF-8",
                                                                                zh: "不能读取 \(charset) 编码的内容；请把联系人导出为 UTF-8"))
                }
                guard let decoded = Self.quotedPrintable(value) else {
                    throw Failure(line: number, property: name, reason: LocalizedText(en: "broken quoted-printable (an '=' not followed by two hex digits, or not UTF-8)",
                                                                                zh: "编码内容已损坏（等号后不是两位十六进制数，或不是 UTF-8）"))
                }
                value = decoded
            }
            self.value = value
        }

        var isPreferred: Bool {
            (parameters["TYPE"]?.contains("PREF") ?? false) || parameters["PREF"] != nil
        }

        /// The value unescaped (\n \, \; \\), control characters out.
        var text: String { Self.unescape(value) }

        /// A structured value's components (N, ORG), split on unescaped semicolons.
        var components: [String] {
            var parts = [String](), current = "", escaped = false
            for character in value {
                if escaped {
                    // Keep the escape for `unescape`, which turns "\n" into a line break.
                    current.append("\\")
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ";" {
                    parts.append(Self.unescape(current))
                    current = ""
                } else {
                    current.append(character)
                }
            }
            parts.append(Self.unescape(current))
            return parts
        }

        static func unescape(_ text: String) -> String {
            var out = "", escaped = false
            for character in text {
                if escaped {
                    out.append(character == "n" || character == "N" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    out.append(character)
                }
            }
            return ImportValue.trim(out)
        }

        static func quotedPrintable(_ text: String) -> String? {
            var bytes = [UInt8](), utf8 = Array(text.utf8), index = 0
            while index < utf8.count {
                if utf8[index] == UInt8(ascii: "=") {
                    guard index + 2 < utf8.count,
                          let byte = UInt8(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) else { return nil }
                    bytes.append(byte)
                    index += 3
                } else {
                    bytes.append(utf8[index])
                    index += 1
                }
            }
            return String(validating: bytes, as: UTF8.self)
        }
    }
}
