import Dispatch
import Foundation

/// A large input cut into one contiguous slice per core, each slice worked on its own thread
/// and the results handed back in slice order. Input below `minimumPerSlice` items a slice
/// stays on the calling thread: handing it over would cost more than the work.
public struct ParallelSlices: Sendable {
    public let ranges: [Range<Int>]

    public init(count: Int, minimumPerSlice: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        let slices = max(1, min(cores, count / max(1, minimumPerSlice)))
        ranges = (0..<slices).map { slice in (count * slice / slices)..<(count * (slice + 1) / slices) }
    }

    public func map<Result: Sendable>(_ body: @Sendable (Range<Int>) -> Result) -> [Result] {
        if ranges.count == 1 { return [body(ranges[0])] }
        let results = SliceResults<Result>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { slice in
            results.store(body(ranges[slice]), at: slice)
        }
        return results.inOrder()
    }
}

/// Each slice's result, written once by its own thread under a lock.
private final class SliceResults<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func store(_ result: Result, at slice: Int) {
        lock.withLock { results[slice] = result }
    }

    func inOrder() -> [Result] {
        lock.withLock { results.compactMap { $0 } }
    }
}
