import CloserCore
import Foundation
import Testing

/// Dates with the year last: each column read in the one order its values allow, an
/// ambiguous column refused with the choice to make, or the format the user names.
@Suite("Foreign import: date formats")
struct ImportDateFormatTests {
    private func detect(_ values: [String]) throws -> ImportDateFormat {
        try DateColumnFormat.detect(values, header: "Close Date", fileName: "deals.csv")
    }

    private func deals(_ dates: [String], mapping: MappingFile? = nil, dateFormat: ImportDateFormat? = nil) throws -> ForeignBatch {
        let header = ["Deal Name", "Account Name", "Close Date"]
        let rows = dates.enumerated().map { ForeignRow(line: $0.offset + 2, values: ["Deal \($0.offset)", "Acme", $0.element]) }
        let columns = try ColumnMapping(header: header, mapping: mapping, fileName: "deals.csv")
        let reader = try ForeignRowReader(fileName: "deals.csv", mapping: columns, catalog: ProcessCatalog(), file: mapping, process: nil,
                                          defaultOwner: "alice", dateFormat: dateFormat)
        return try reader.read(rows)
    }

    private func closeDates(_ batch: ForeignBatch) -> [String] {
        batch.records.compactMap { record in
            if case .deal(let draft) = record { return draft.value.expectedClose?.description ?? "-" }
            return nil
        }
    }

    @Test("a European column of DD-MM-YY: one day above 12 settles it, and every date is read day first")
    func dayMonthTwoDigitYear() throws {
        let format = try detect(["01-03-17", "25-12-17", "", "02-04-99"])
        #expect(format.description == "DD-MM-YY" && format.order == .dayFirst)
        let batch = try deals(["01-03-17", "25-12-17", "02-04-99"])
        #expect(batch.rejections.isEmpty)
        #expect(closeDates(batch) == ["2017-03-01", "2017-12-25", "1999-04-02"])
        #expect(batch.dateColumns == [DateColumnReading(header: "Close Date", format: format, chosen: false)])
        #expect(ForeignImportNotes.dateColumns(batch)?.en == "dates: 'Close Date' read as DD-MM-YY")
        #expect(ForeignImportNotes.dateColumns(batch)?.zh == "日期：「Close Date」按 DD-MM-YY 读取")
    }

    @Test("an American column of MM/DD/YYYY is read month first, even where a day could come first")
    func monthDayYear() throws {
        let format = try detect(["03/01/2017", "12/24/2026"])
        #expect(format.description == "MM/DD/YYYY")
        let batch = try deals(["03/01/2017", "12/24/2026", "11/02/2026 09:30"])
        #expect(batch.rejections.isEmpty)
        #expect(closeDates(batch) == ["2017-03-01", "2026-12-24", "2026-11-02"])
    }

    @Test("a German column of DD.MM.YYYY is day first: nobody writes MM.DD.YYYY")
    func dotted() throws {
        #expect(try detect(["01.03.2017", "02.04.2017"]).description == "DD.MM.YYYY")
        #expect(closeDates(try deals(["01.03.2017", "02.04.2017"])) == ["2017-03-01", "2017-04-02"])
    }

    @Test("year-first dates, Chinese dates and serial numbers read the same in any column")
    func yearFirstStays() throws {
        #expect(try detect(["2026-12-01", "2026/3/4", "2026年12月1日", "46357", "", "soon"]) == .yearFirst)
        let batch = try deals(["25-12-17", "2026-12-01", "2026年3月4日"])
        #expect(closeDates(batch) == ["2017-12-25", "2026-12-01", "2026-03-04"])
    }

    @Test("an ambiguous column is refused with the column, an example and the two formats to choose from")
    func ambiguous() throws {
        #expect(throws: AmbiguousDateColumn.self) { try detect(["01-03-17", "02-04-17"]) }
        do {
            _ = try deals(["01-03-17", "02-04-17"])
            Issue.record("an ambiguous column was read")
        } catch {
            let refusal = try #require(error as? ImportError)
            let ambiguous = try #require(refusal.ambiguousDates)
            #expect(ambiguous.header == "Close Date" && ambiguous.example == "01-03-17")
            #expect(ambiguous.choices.map(\.description) == ["DD-MM-YY", "MM-DD-YY"])
            #expect(refusal.description == "deals.csv: the dates in column 'Close Date' read both as DD-MM-YY and MM-DD-YY ('01-03-17'); "
                + "say which with --date-format DD-MM-YY or --date-format MM-DD-YY (or \"dateFormat\" in the mapping file); nothing was imported")
            #expect(ambiguous.text.zh.contains("「Close Date」") && ambiguous.text.zh.contains("--date-format DD-MM-YY 或 --date-format MM-DD-YY"))
        }
    }

    @Test("naming the format reads an ambiguous column; the preview says it was told")
    func explicitFormat() throws {
        let told = try #require(ImportDateFormat.named("MM-DD-YY"))
        let batch = try deals(["01-03-17", "02-04-17"], dateFormat: told)
        #expect(closeDates(batch) == ["2017-01-03", "2017-02-04"])
        #expect(batch.dateColumns.first?.chosen == true)
        #expect(ForeignImportNotes.dateColumns(batch)?.en == "dates: 'Close Date' read as MM-DD-YY (as told)")
        let europe = try deals(["01-03-17", "02-04-17"], dateFormat: ImportDateFormat.named("dd-mm-yy"))
        #expect(closeDates(europe) == ["2017-03-01", "2017-04-02"])
    }

    @Test("a mapping file's dateFormat chooses it too; an unknown one is refused with the formats to use")
    func mappingFileFormat() throws {
        let file = try MappingFile.decode(Data(#"{"dateFormat": "DD/MM/YYYY"}"#.utf8), fileName: "map.json")
        #expect(file.dateFormat == "DD/MM/YYYY")
        #expect(closeDates(try deals(["01/03/2017", "02/04/2017"], mapping: file)) == ["2017-03-01", "2017-04-02"])
        do {
            _ = try MappingFile.decode(Data(#"{"dateFormat": "DMY"}"#.utf8), fileName: "map.json")
            Issue.record("an unknown date format was accepted")
        } catch {
            #expect("\(error)" == "map.json: dateFormat 'DMY' is not a date format; use \(ImportDateFormat.examples)")
        }
    }

    @Test("a value the column's format cannot read is rejected naming the format")
    func offFormatValue() throws {
        // Two values need day first, one month first: the column is day first and the odd one out is refused.
        let batch = try deals(["25-12-17", "26-12-17", "12-25-17"])
        #expect(closeDates(batch) == ["2017-12-25", "2017-12-26"])
        #expect(batch.rejections.map(\.description) == ["deals.csv line 4, column 'Close Date': '12-25-17' is not a date in DD-MM-YY, the format of this column"])
        // Told year first, a year-last value is refused rather than guessed.
        let told = try deals(["2026-12-01", "01-03-17"], dateFormat: .yearFirst)
        #expect(told.rejections.first?.reason == "'01-03-17' is not a date in YYYY-MM-DD, the format of this column")
    }

    @Test("format names as users write them", arguments: [
        ("DD-MM-YY", "DD-MM-YY"), ("dd/mm/yyyy", "DD/MM/YYYY"), ("MM/DD/YYYY", "MM/DD/YYYY"), ("DD.MM.YYYY", "DD.MM.YYYY"),
        ("YYYY-MM-DD", "YYYY-MM-DD"), (" mm-dd-yy ", "MM-DD-YY"),
    ])
    func names(text: String, canonical: String) {
        #expect(ImportDateFormat.named(text)?.description == canonical)
    }

    @Test("what is not a format name", arguments: ["DMY", "DD-MM", "DD-MM-YYY", "YY-MM-DD", "DD-DD-YY", "DD/MM-YY", ""])
    func notNames(text: String) {
        #expect(ImportDateFormat.named(text) == nil)
    }
}
