/// A filtered page's ids and total, found by probing: the pass that finds the matches reads up to
/// `probeLimit` of their ids in order and counts them itself; only a broader match is counted by a
/// second pass (and paged by a third when the page lies past the probe). For search as you type,
/// where reading the scattered matches twice (to count, then to page) was half a keystroke's time.
package enum ProbedPage {
    /// `probe(n)`: the first `n` matching ids in the page's order; `count()`: every match;
    /// `page()`: the ids at the page's offset and limit.
    package static func ids(offset: Int, limit: Int, probeLimit: Int, probe: (Int) throws -> [Int64],
                            count: () throws -> Int, page: () throws -> [Int64]) throws -> (ids: [Int64], total: Int) {
        let probed = try probe(probeLimit + 1)
        if probed.count <= probeLimit {
            return (Array(probed.dropFirst(offset).prefix(limit)), probed.count)
        }
        let total = try count()
        let ids = offset + limit <= probeLimit ? Array(probed.dropFirst(offset).prefix(limit)) : try page()
        return (ids, total)
    }
}
