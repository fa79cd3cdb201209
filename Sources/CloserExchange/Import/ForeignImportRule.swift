import CloserCore
import Foundation

/// The import's all-or-nothing rule, decided once for every store: a dry run only plans; a plan
/// with rejected rows writes nothing unless `skipBad`, and says why in its report; a written
/// plan is logged as one "imported" row. Each store brings its transactions, its planning and
/// its writing of the plan.
public enum ForeignImportRule {
    public static func run<Transaction>(
        _ batch: ForeignBatch, dryRun: Bool, skipBad: Bool,
        read: ((Transaction) throws -> ForeignImportReport) throws -> ForeignImportReport,
        write: ((Transaction) throws -> ForeignImportReport) throws -> ForeignImportReport,
        plan: @escaping (Transaction) throws -> ForeignPlan,
        apply: @escaping (ForeignPlan, Transaction) throws -> Void,
        logImported: @escaping (_ note: String, Transaction) throws -> Void
    ) throws -> ForeignImportReport {
        if dryRun {
            return try read { transaction in try plan(transaction).report }
        }
        do {
            return try write { transaction in
                let plan = try plan(transaction)
                if !plan.report.rejections.isEmpty, !skipBad { throw RefusedImport(report: plan.report) }
                try apply(plan, transaction)
                var report = plan.report
                report.written = true
                try logImported("\(batch.fileName): \(report.summary)", transaction)
                return report
            }
        } catch let refused as RefusedImport {
            return refused.report
        }
    }

    /// Rolls the transaction back, carrying the report out of it.
    private struct RefusedImport: Error { let report: ForeignImportReport }
}
