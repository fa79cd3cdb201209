import Foundation
import Testing

/// The duplicate check (查重) through the real binary, as a second rep.
@Suite("Duplicate check end to end")
struct DuplicateCheckEndToEndTests {
    @Test("adding an account another rep holds says it exists and who holds it; a search says so too, with nothing more")
    func anotherRepsAccount() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["user", "add", "boss", "--role", "manager", "--user", "boss"])
        try sandbox.ok(["user", "add", "wang.lei", "--role", "rep", "--user", "boss"])
        try sandbox.ok(["user", "add", "li.na", "--role", "rep", "--user", "boss"])
        try sandbox.ok(["account", "add", "中国石化", "--user", "wang.lei"])

        let refused = try sandbox.run(["account", "add", "中国石化", "--user", "li.na"])
        CLITests().expectRefusal(refused, mentioning: ["an account named 中国石化 exists, held by wang.lei", "nothing was added"])

        let search = try sandbox.ok(["account", "list", "--search", "zgsh", "--user", "li.na"])
        #expect(search.stdout.contains("0 of 0 accounts"), "\(search)")
        #expect(search.stderr.contains("accounts matching 'zgsh' exist that you cannot see, held by wang.lei"), "\(search)")
        #expect(!search.stderr.contains("#") && !search.stdout.contains("中国石化"), "no id, no name: \(search)")

        // The holder and a manager see it, and are told of nothing hidden.
        let own = try sandbox.ok(["account", "list", "--search", "zgsh", "--user", "wang.lei"])
        #expect(own.stdout.contains("中国石化") && own.stderr.isEmpty, "\(own)")
        #expect(try sandbox.ok(["account", "list", "--search", "zgsh", "--user", "boss"]).stderr.isEmpty)
        try sandbox.ok(["account", "add", "中国石化 华北", "--user", "li.na"])
    }
}
