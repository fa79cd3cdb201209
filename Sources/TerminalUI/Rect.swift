/// A rectangle of terminal cells. Zero or negative sizes are treated as empty.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var description: String { "Rect(\(x),\(y) \(width)×\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// Shrinks every side by `amount`.
    public func inset(by amount: Int) -> Rect { inset(dx: amount, dy: amount) }

    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        return Rect(x: nx, y: ny, width: min(maxX, other.maxX) - nx, height: min(maxY, other.maxY) - ny)
    }

    /// A rectangle of the given size centred in this one (clamped to fit).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The top `rows` rows, and what is left below.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// The bottom `rows` rows, and what is left above.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - r), Rect(x: x, y: maxY - r, width: width, height: r))
    }

    /// `count` columns of near-equal width; the leftover columns go to the first ones so
    /// the whole width is always used.
    public func columns(_ count: Int, gap: Int = 0) -> [Rect] {
        guard count > 0 else { return [] }
        let usable = max(0, width - gap * (count - 1))
        let base = usable / count, extra = usable % count
        var result: [Rect] = []
        var cx = x
        for i in 0..<count {
            let w = base + (i < extra ? 1 : 0)
            result.append(Rect(x: cx, y: y, width: w, height: height))
            cx += w + gap
        }
        return result
    }

    /// `count` rows of near-equal height.
    public func rows(_ count: Int, gap: Int = 0) -> [Rect] {
        Rect(x: y, y: x, width: height, height: width).columns(count, gap: gap)
            .map { Rect(x: $0.y, y: $0.x, width: $0.height, height: $0.width) }
    }

    /// Columns with the given fixed widths, in order; the last one gets whatever remains
    /// when `fillLast` is set.
    public func columns(widths: [Int], gap: Int = 0, fillLast: Bool = false) -> [Rect] {
        var result: [Rect] = []
        var cx = x
        for (i, w) in widths.enumerated() {
            let isLast = i == widths.count - 1
            let cw = isLast && fillLast ? maxX - cx : min(w, max(0, maxX - cx))
            result.append(Rect(x: cx, y: y, width: cw, height: height))
            cx += cw + gap
        }
        return result
    }
}

/// A cell position.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}
