import Foundation

/// A deal's planned activities. The earliest open one is the deal's next step: the deal's
/// `nextStep`/`nextStepDue` follow every change here in the same transaction (and
/// `Store.setNextStep` reschedules or replaces that earliest plan). Each write bumps the
/// plan's version, checks it when given, and is logged under entity "plan".
public protocol PlanStore: Sendable {
    /// Plans an activity on a deal (its account is the deal's); a plan needs text and a day.
    func planActivity(_ plan: PlannedActivity) throws -> PlannedActivity
    func plannedActivity(_ id: Int64) throws -> PlannedActivity
    /// Plans in the order they are to be done.
    func plannedActivities(_ query: PlanQuery) throws -> [PlannedActivity]
    /// Changes the text, kind, day or time of an open plan; refused when done, or when `plan.version`
    /// is no longer the stored one.
    func updatePlannedActivity(_ plan: PlannedActivity) throws -> PlannedActivity
    /// Does it: records the activity (on the day it happened — never in the future — with the
    /// persons met, whose last-met date follows) and marks the plan done.
    func completePlannedActivity(_ id: Int64, _ completion: PlanCompletion, expectedVersion: Int?) throws -> CompletedPlan
    /// Drops an open plan that will not be done.
    func cancelPlannedActivity(_ id: Int64, expectedVersion: Int?) throws
}

/// Which plans to read.
public struct PlanQuery: Sendable, Hashable {
    public var dealID: Int64?
    /// Only plans on deals this rep owns (a calendar of one rep).
    public var owner: String?
    public var includeDone: Bool
    /// Only plans due on or after this day (undated ones are left out).
    public var from: Day?
    public var limit: Int

    public init(dealID: Int64? = nil, owner: String? = nil, includeDone: Bool = false, from: Day? = nil, limit: Int = 200) {
        self.dealID = dealID
        self.owner = owner
        self.includeDone = includeDone
        self.from = from
        self.limit = limit
    }
}

/// A plan done, and the activity that records it.
public struct CompletedPlan: Sendable, Hashable {
    public var plan: PlannedActivity
    public var activity: Activity

    public init(plan: PlannedActivity, activity: Activity) {
        self.plan = plan
        self.activity = activity
    }
}
