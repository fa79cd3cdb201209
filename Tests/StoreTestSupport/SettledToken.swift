import CloserCore
import Foundation

extension Store {
    /// The change token once the notifications of the writes before it have all come in: on a
    /// server they arrive on their own connection, and on a loaded machine one may land after
    /// the next read. Unchanged for 300 ms (at most 5 s of waiting) counts as settled.
    public func settledChangeToken() throws -> Int64 {
        var token = try changeToken()
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.3)
            let next = try changeToken()
            if next == token { return token }
            token = next
        }
        return token
    }
}
