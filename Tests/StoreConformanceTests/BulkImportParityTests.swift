import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// A whole store's file goes in set-based on PostgreSQL (its triggers standing aside, the derived
/// columns, health facts and stage history made once for all rows) and by the log's triggers on
/// SQLite: the two must read back alike, down to the weekly review's figures.
@Suite("Bulk import reads the same on both backends")
struct BulkImportParityTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let now = Date(timeIntervalSince1970: Double(today.ordinal) * 86_400 + 10 * 3_600)

    static func loaded(_ backend: Backend) throws -> any TestStore {
        let snapshot = DemoCompany.generate(seed: 7, scale: 300, today: today, user: "admin", now: now)
        let store = try backend.store(actor: "admin", clock: { now })
        _ = try store.importSnapshot(snapshot)
        return store
    }

    @Test func theDemoCompanyReadsTheSameOnBothBackends() throws {
        let file = try Self.loaded(.sqlite)
        let server = try Self.loaded(.postgres)
        let manager = try #require(try file.users().first { $0.role == .manager }?.name)
        let review = ReviewQuery(today: Self.today, listLimit: 500)
        let fileReview = try file.acting(as: manager).weeklyReview(review)
        #expect(fileReview.newDeals.items.count > 0)
        #expect(try server.acting(as: manager).weeklyReview(review) == fileReview)
        let health = HealthReportQuery(today: Self.today, listLimit: 500)
        let fileHealth = try file.acting(as: manager).healthReport(health)
        #expect(fileHealth.flaggedDeals > 0)
        #expect(try server.acting(as: manager).healthReport(health) == fileHealth)
        // Next steps from the plans, last activities from the activities, rollups on the accounts.
        let deals = DealQuery(filter: DealFilter(includeClosed: true), limit: 1_000)
        let fileDeals = try file.acting(as: manager).deals(deals).rows
        #expect(fileDeals.contains { !$0.nextStep.isEmpty } && fileDeals.contains { $0.lastActivity != nil })
        #expect(try server.acting(as: manager).deals(deals).rows == fileDeals)
        let accounts = AccountQuery(limit: 1_000)
        #expect(try server.acting(as: manager).accounts(accounts).rows == file.acting(as: manager).accounts(accounts).rows)
    }
}
