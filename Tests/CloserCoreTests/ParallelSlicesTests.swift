import CloserCore
import Foundation
import Testing

/// Large foreign files are read one slice per core; the result must be the one reading the
/// rows in order on one thread gives, whatever the number of slices.
@Suite("Parallel slices")
struct ParallelSlicesTests {
    @Test("slices cover the input once, in order, no slice smaller than asked (but a lone one)", arguments: [0, 1, 9_999, 10_000, 10_001, 123_457])
    func cover(count: Int) {
        for cores in [1, 2, 3, 8] {
            let slices = ParallelSlices(count: count, minimumPerSlice: 5_000, cores: cores)
            #expect(slices.ranges.first?.lowerBound == 0 && slices.ranges.last?.upperBound == count)
            #expect(zip(slices.ranges, slices.ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(slices.ranges.count <= max(1, cores))
            if slices.ranges.count > 1 { #expect(slices.ranges.allSatisfy { $0.count >= 5_000 }) }
            #expect(slices.map { $0.count }.reduce(0, +) == count)
        }
        #expect(ParallelSlices(count: count, minimumPerSlice: 5_000, cores: 4).ranges.count == max(1, min(4, count / 5_000)))
    }

    @Test("each slice's result comes back in slice order")
    func order() {
        let slices = ParallelSlices(count: 40_000, minimumPerSlice: 1_000, cores: 8)
        #expect(slices.ranges.count == 8)
        let sums = slices.map { range in range.reduce(0, +) }
        #expect(sums == slices.ranges.map { $0.reduce(0, +) })
        #expect(sums.reduce(0, +) == (0..<40_000).reduce(0, +))
    }

    @Test("a file read in four slices is the file read in one: records, rejections, unmapped stages")
    func readerSlices() throws {
        let header = ["Deal ID", "Deal Name", "Account Name", "Amount", "Stage", "Close Date"]
        let mapping = try ColumnMapping(header: header, fileName: "d.csv")
        let reader = try ForeignRowReader(fileName: "d.csv", mapping: mapping, catalog: ProcessCatalog(), file: nil, process: nil, defaultOwner: "alice")
        var rows = [ForeignRow]()
        for n in 0..<21_000 {
            // Bad amounts, unknown stages and short rows scattered over every slice, and one slice's edge.
            let amount = n % 997 == 0 ? "lots" : "\(n)万"
            let stage = n % 1_201 == 0 ? "Perception \(n % 3)" : ["开发", "Proposal", "投标", "Closed Won"][n % 4]
            let values = n == 10_500 ? ["X-\(n)", "短行"] : ["X-\(n)", "项目 \(n)", "客户 \(n % 70)", amount, stage, "2027/\(n % 12 + 1)/\(n % 28 + 1)"]
            rows.append(ForeignRow(line: n + 2, values: values))
        }
        let one = try reader.read(rows, cores: 1)
        let four = try reader.read(rows, cores: 4)
        let bad = (0..<21_000).filter { $0 % 997 == 0 || $0 % 1_201 == 0 || $0 == 10_500 }.map { $0 + 2 }
        #expect(one.rejections.map(\.line) == bad)
        #expect(four.rejections == one.rejections)
        #expect(four.unmappedStages == one.unmappedStages && one.unmappedStages.values.reduce(0, +) == 18)
        #expect(four.records.count == one.records.count && one.records.count + one.rejections.count == rows.count)
        #expect(four.records.map(\.line) == one.records.map(\.line))
        let deals = { (batch: ForeignBatch) in batch.records.compactMap { record -> Deal? in if case .deal(let d) = record { d.value } else { nil } } }
        #expect(deals(four) == deals(one))
        #expect(four.fields(line: 10_502) == ["X-10500", "短行"])
        #expect(four.fields(line: 2) == rows[0].values && four.fields(line: 21_001) == rows.last?.values)
        #expect(four.fields(line: 1) == nil && four.fields(line: 21_002) == nil)
    }
}
