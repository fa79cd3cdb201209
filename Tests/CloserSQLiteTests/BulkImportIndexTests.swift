import CloserCore
import CloserExchange
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// A large first import builds the deal table's indexes once after the rows instead of
/// row by row: afterwards every index is there again, and the queries that use them answer.
@Suite("Bulk import indexes")
struct BulkImportIndexTests {
    static func indexes(_ store: SQLiteStore) throws -> [String] {
        try store.read { db in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deal' AND sql IS NOT NULL ORDER BY name") }
    }

    @Test("6 000 deals into an empty store: the same indexes before and after, the board and the search work")
    func indexesComeBack() throws {
        let store = try StoreFixture.store()
        let before = try Self.indexes(store)
        #expect(before.count >= 8)
        var csv = "Deal ID,Deal Name,Account Name,Amount,Stage\n"
        for n in 0..<6_000 { csv += "X-\(n),项目 \(n),客户 \(n % 50),\(n * 10),\(["开发", "提案", "投标"][n % 3])\n" }
        let file = try ForeignFile(Data(csv.utf8), fileName: "big.csv", catalog: try store.processCatalog(), user: "alice")
        let report = try store.acting(as: "alice").importForeign(file.batch, dryRun: false, skipBad: false)
        #expect(report.written && report.count(.create, .deals) == 6_000)
        #expect(try Self.indexes(store) == before)
        let board = try store.board(BoardQuery(processKey: "project"))
        #expect(board.columns.map(\.count).reduce(0, +) == 6_000)
        // The account's part of the search key is made once per account: the keys are what a single write makes.
        let rows = try store.read { db in try Row.fetchAll(db, sql: "SELECT d.title, a.name, d.search_key FROM deal d JOIN account a ON a.id = d.account_id LIMIT 100") }
        for row in rows {
            #expect(row["search_key"] as String == SearchText.key(for: [row["title"] as String, row["name"] as String]))
        }
        #expect(try store.deals(DealQuery(filter: DealFilter(text: "kh"), limit: 5)).total == 6_000, "pinyin initials of the account are searchable")
    }
}
