import CloserCore

/// A deal's plans (open and done) and its account's key persons, whom doing a plan may meet.
struct ReadPlans: Work, Equatable {
    var dealID: Int64
    var accountID: Int64

    struct Reply: Sendable {
        var plans: [PlannedActivity]
        var persons: [Person]
    }

    func run(in world: World) throws -> Reply {
        let plans = try world.store.plannedActivities(PlanQuery(dealID: dealID, includeDone: true, limit: PlansState.readLimit))
        let persons = try world.store.persons(PersonQuery(accountID: accountID, limit: PlansState.personLimit)).rows
        return Reply(plans: plans, persons: persons)
    }
}

/// Plans an activity on the deal.
struct SavePlan: Work, Equatable {
    var plan: PlannedActivity
    func run(in world: World) throws -> PlannedActivity { try world.store.planActivity(plan) }
}

/// Does a plan: the activity on the day it happened with the persons met.
struct CompletePlan: Work, Equatable {
    var planID: Int64
    var completion: PlanCompletion
    var version: Int
    func run(in world: World) throws -> CompletedPlan {
        try world.store.completePlannedActivity(planID, completion, expectedVersion: version)
    }
}

/// Drops a plan that will not be done.
struct CancelPlan: Work, Equatable {
    var plan: PlannedActivity
    func run(in world: World) throws -> CancelPlan {
        try world.store.cancelPlannedActivity(plan.id, expectedVersion: plan.version)
        return self
    }
}
