import CloserCore
import Foundation
import NIOCore
import PostgresNIO

extension Connection {
    /// Whether `COPY … FROM STDIN` may fill `table` as this connection's user. The server
    /// refuses it where row-level security applies to the user (a member of the team): their
    /// rows go in by INSERT, each judged by the table's policies. Triggers fire for both, so the
    /// holding rule judges every row either way.
    func mayCopyIn(_ table: String) throws -> Bool {
        try queryOne("SELECT NOT row_security_active(?::regclass) AS may", [.text(CopyText.quoted(table))])?.bool("may") == true
    }

    /// Rows into `table` by one `COPY … FROM STDIN` in text format: the cheapest way in for the
    /// server (no statement to plan, no parameters or JSON to parse) and for the client (each
    /// cell written once into the outgoing bytes). `fill` writes the rows; they leave in chunks
    /// of about a megabyte while it goes on, so the server reads while the client writes.
    ///
    /// postgres-nio offers COPY only as an async call. It runs here on the connection's own
    /// event loop (`EventLoopTaskExecutor`), never on Swift's shared thread pool, while the
    /// calling thread blocks as it does for every statement: a store call made from a pool
    /// thread cannot starve the pool of the thread the copy needs.
    func copyIn(table: String, columns: [String], _ fill: (inout CopyTextRows) throws -> Void) throws {
        let (chunks, sender) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let raw = self.raw
        let finished = raw.eventLoop.makePromise(of: Void.self)
        Task(executorPreference: EventLoopTaskExecutor(raw.eventLoop)) {
            do {
                try await raw.copyFrom(table: table, columns: columns, logger: Self.logger) { writer in
                    for try await chunk in chunks { try await writer.write(chunk) }
                }
                finished.succeed(())
            } catch {
                finished.fail(error)
            }
        }
        var rows = CopyTextRows { sender.yield($0) }
        do {
            try fill(&rows)
            rows.flush()
            sender.finish()
        } catch {
            // The copy is called off (the server discards what it read), then the cause is told.
            sender.finish(throwing: error)
            _ = try? answer(finished.futureResult)
            throw error
        }
        do {
            // Behind the transaction's BEGIN, sent without waiting (Connection+Pipeline).
            try answer(behindUnchecked(finished.futureResult))
        } catch {
            throw PostgresFailure.statement(error, location: location)
        }
    }
}

/// Runs a task's jobs on one event loop's thread, as that loop's other work.
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Rows in COPY's text format: cells separated by tabs, a row per line, `\N` for NULL, and in
/// text the backslash, tab, newline and carriage return escaped. Numbers as Swift prints them
/// (the shortest text that reads back as the same double, which is what PostgreSQL reads).
struct CopyTextRows {
    private var buffer = ByteBufferAllocator().buffer(capacity: CopyTextRows.chunkSize + 4_096)
    private let send: (ByteBuffer) -> Void

    static let chunkSize = 1 << 20

    init(send: @escaping (ByteBuffer) -> Void) { self.send = send }

    mutating func append(_ cells: some Collection<CellValue>) throws {
        var first = true
        for cell in cells {
            if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
            first = false
            try append(cell)
        }
        endRow()
    }

    mutating func append(_ values: some Collection<SQLValue>) throws {
        var first = true
        for value in values {
            if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
            first = false
            try append(value.cell)
        }
        endRow()
    }

    /// Hands what is written so far to the copy.
    mutating func flush() {
        guard buffer.readableBytes > 0 else { return }
        send(buffer)
        buffer = ByteBufferAllocator().buffer(capacity: Self.chunkSize + 4_096)
    }

    private mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        if buffer.readableBytes >= Self.chunkSize { flush() }
    }

    private mutating func append(_ cell: CellValue) throws {
        switch cell {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let value): buffer.writeString(String(value))
        case .real(let value):
            guard value.isFinite else { throw StoreError.invalid(.notFinite("\(value)")) }
            buffer.writeString(value.description)
        case .text(let value): try appendText(value)
        }
    }

    private mutating func appendText(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\\") }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0: throw StoreError.invalid(.nulInText)
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}
