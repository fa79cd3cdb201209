import CloserCore
import Foundation

extension ForeignFile {
    /// A vCard file read as a table of persons (name, company, title, phone, email, notes,
    /// UID as the external id), so it goes through the same import as a spreadsheet: key
    /// persons of their accounts, matched by UID or by name on a re-import. `account` puts
    /// every card under that account, whatever its ORG says.
    public init(vCard data: Data, fileName: String, account: String?, catalog: ProcessCatalog, user: String,
                byteLimit: Int = ForeignTable.defaultByteLimit) throws(ImportError) {
        guard data.count <= byteLimit else {
            throw ImportError("\(fileName): \(data.count / (1024 * 1024)) MB is over the \(byteLimit / (1024 * 1024)) MB import limit; nothing was imported")
        }
        let (text, encoding) = try TextDecoding.decode(data, fileName: fileName)
        var (contacts, failures) = try VCard.parse(text, fileName: fileName)
        if account == nil {
            failures += contacts.filter { $0.organization.isEmpty }
                .map { VCard.Failure(line: $0.line, property: "ORG", reason: "the card names no organization; import with --account NAME") }
            contacts.removeAll { $0.organization.isEmpty }
        }
        let header = VCardContact.header
        let rows = contacts.map { contact -> ForeignRow in
            var values = contact.row
            if let account { values[1] = account }
            return ForeignRow(line: contact.line, values: values)
        }
        table = ForeignTable(header: header, rows: rows, encoding: encoding, delimiter: ",")
        mapping = try ColumnMapping(header: header, entity: .persons, fileName: fileName)
        let reader = try ForeignRowReader(fileName: fileName, mapping: mapping, catalog: catalog, file: nil, process: nil, defaultOwner: user)
        process = nil
        batch = try reader.read(rows)
        batch.rejections += failures.map { Rejection(fileName: fileName, line: $0.line, column: $0.property, reason: $0.reason) }
        batch.rejections.sort { $0.line < $1.line }
    }
}
