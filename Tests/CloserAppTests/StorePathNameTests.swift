@testable import CloserApp
import Testing

/// What the status line shows after "user@" for the store.
@Suite("Store name on the status line")
struct StorePathNameTests {
    @Test("a file under home starts with ~; a long path is cut from the left")
    func files() {
        #expect(StorePathName(path: "/home/wang/closer.sqlite", home: "/home/wang").short == "~/closer.sqlite")
        let long = "/srv/" + String(repeating: "team/", count: 10) + "closer.sqlite"
        #expect(StorePathName(path: long, home: "/home/wang").short == "…" + long.suffix(39))
        #expect(StorePathName(path: long, home: "/home/wang").fileName == "closer.sqlite")
    }

    @Test("a server shows its host, port and database, not the user a second time")
    func server() {
        let name = StorePathName(path: "postgres://wang.lei@[/tmp/closer-pg.x]:33174/crm", home: "/home/wang")
        #expect(name.short == "[/tmp/closer-pg.x]:33174/crm")
        #expect(name.fileName == "crm")
        #expect(StorePathName(path: "postgres://li.na@crm.example.com:5432/closer", home: "/").short == "crm.example.com:5432/closer")
    }
}
