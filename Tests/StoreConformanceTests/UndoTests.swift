import CloserCore
import StoreTestSupport
import Foundation
import Testing

/// Undo: one's own move, milestone tick, score change or edit taken back as a new logged change,
/// refused when the row changed since — naming who changed it.
@Suite("Undo of one's own change")
struct UndoTests {
    struct World {
        var team: any TestStore
        var wang: any TestStore
        var account: Account
        var deal: Deal
    }

    /// wang.lei's account, shared with li.na, with one deal in Develop.
    static func world(_ backend: Backend) throws -> World {
        let team = try Team.store(backend)
        let account = try Team.account(team, "中国石化", owner: Team.wang, visibility: .shared, shared: [Team.li])
        let wang = team.acting(as: Team.wang)
        let deal = try wang.addDeal(StoreFixture.deal("Refinery pumps", account: account.id, owner: Team.wang))
        return World(team: team, wang: wang, account: account, deal: deal)
    }

    private func lastEvent(_ store: any TestStore, _ entity: String, _ id: Int64) throws -> ChangeEvent {
        try #require(try store.events(EventQuery(entity: entity, entityID: id, limit: 1)).first)
    }

    @Test("a move is taken back to the stage it left, entered when it had entered it, as a logged move noted as an undo", arguments: Backend.allCases)
    func move(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let entered = world.deal.stageEnteredAt
        let moved = try world.wang.moveDeal(world.deal.id, to: "entry", forceReason: "customer asked for a quote", expectedVersion: nil)
        #expect(moved.stageKey == "entry" && !moved.overrides.isEmpty)
        let change = try lastEvent(world.wang, "deal", world.deal.id)
        #expect(change.action == "forced" && change.version == moved.version)
        #expect(try world.wang.lastUndoableChange(since: .distantPast)?.id == change.id)

        let undo = try world.wang.undo(eventID: change.id)
        let back = try world.wang.deal(world.deal.id)
        #expect(back.stageKey == "develop" && back.stageEnteredAt == entered && back.overrides.isEmpty && back.version == moved.version + 1)
        #expect(undo.action == "moved" && undo.user == Team.wang && undo.note == "undo of change \(change.id)")
        #expect(undo.changes["stage"] == FieldChange(old: "entry", new: "develop") && undo.version == back.version)
        // Taken back once: neither offered nor accepted again.
        #expect(try world.wang.lastUndoableChange(since: .distantPast)?.id != change.id)
        #expect(Team.refusal { try world.wang.undo(eventID: change.id) } == "change \(change.id) was undone already (by \(Team.wang))")
        #expect(Team.refusal { try world.wang.undo(eventID: undo.id) } == "change \(undo.id) is itself an undo")
    }

    @Test("a milestone tick is unticked; an untick ticked again", arguments: Backend.allCases)
    func milestone(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let process = try #require(try world.wang.processCatalog().process("project"))
        let key = try #require(process.stages.first?.milestones.first { $0.proof == nil }?.key)
        _ = try world.wang.setMilestone(dealID: world.deal.id, key: key, done: true, expectedVersion: nil)
        let tick = try lastEvent(world.wang, "deal", world.deal.id)
        _ = try world.wang.undo(eventID: tick.id)
        #expect(try world.wang.deal(world.deal.id).milestonesDone.isEmpty)
        _ = try world.wang.setMilestone(dealID: world.deal.id, key: key, done: true, expectedVersion: nil)
        _ = try world.wang.setMilestone(dealID: world.deal.id, key: key, done: false, expectedVersion: nil)
        let untick = try lastEvent(world.wang, "deal", world.deal.id)
        _ = try world.wang.undo(eventID: untick.id)
        #expect(try world.wang.deal(world.deal.id).milestonesDone == [key])
    }

    @Test("a score change moves the account back to its quadrant; an edit of a deal and of a person is set back field by field", arguments: Backend.allCases)
    func scoresAndEdits(_ backend: Backend) throws {
        let world = try Self.world(backend)
        _ = try world.wang.editAccount(world.account.id, expectedVersion: nil) { $0.assistance = 9; $0.loyalty = 9 }
        let scores = try lastEvent(world.wang, "account", world.account.id)
        #expect(scores.action == "scores")
        let undo = try world.wang.undo(eventID: scores.id)
        let back = try world.wang.account(world.account.id)
        #expect(back.assistance == 5 && back.loyalty == 5 && back.quadrant == world.account.quadrant)
        #expect(undo.action == "scores" && undo.changes["quadrant"]?.new == world.account.quadrant.rawValue)

        _ = try world.wang.editDeal(world.deal.id, expectedVersion: nil) {
            $0.title = "Refinery pumps, phase 2"
            $0.amount = Money(minorUnits: 9_900_000)
            $0.expectedClose = Day(year: 2027, month: 3, day: 31)
        }
        let edit = try lastEvent(world.wang, "deal", world.deal.id)
        #expect(edit.action == "close-date")
        _ = try world.wang.undo(eventID: edit.id)
        let deal = try world.wang.deal(world.deal.id)
        #expect(deal.title == "Refinery pumps" && deal.amount == world.deal.amount && deal.expectedClose == nil)

        let person = try world.wang.addPerson(Person(accountID: world.account.id, name: "王总工", influence: 40))
        _ = try world.wang.editPerson(person.id, expectedVersion: nil) { $0.influence = 90; $0.stance = .supporter }
        _ = try world.wang.undo(eventID: try lastEvent(world.wang, "person", person.id).id)
        let restored = try world.wang.person(person.id)
        #expect(restored.influence == 40 && restored.stance == .neutral)
    }

    @Test("refused when someone changed the row since — naming them — and nothing is written", arguments: Backend.allCases)
    func changedSince(_ backend: Backend) throws {
        let world = try Self.world(backend)
        _ = try world.wang.moveDeal(world.deal.id, to: "entry", forceReason: "asked", expectedVersion: nil)
        let move = try lastEvent(world.wang, "deal", world.deal.id)
        let li = world.team.acting(as: Team.li)
        _ = try li.editDeal(world.deal.id, expectedVersion: nil) { $0.amount = Money(minorUnits: 5) }
        let before = try world.wang.deal(world.deal.id)
        #expect(Team.refusal { try world.wang.undo(eventID: move.id) }
            == "deal \(world.deal.id) was changed by \(Team.li) since (version \(move.version ?? 0) → \(before.version)): nothing was undone")
        #expect(try world.wang.deal(world.deal.id) == before)
        // By oneself since: undo the later change first.
        _ = try world.wang.editAccount(world.account.id, expectedVersion: nil) { $0.loyalty = 8 }
        let first = try lastEvent(world.wang, "account", world.account.id)
        _ = try world.wang.editAccount(world.account.id, expectedVersion: nil) { $0.industry = "化工" }
        #expect(Team.refusal { try world.wang.undo(eventID: first.id) }?.contains("was changed by you (undo that change first)") == true)
    }

    @Test("refused: another's change, a change of another kind, a row deleted since, an unknown change", arguments: Backend.allCases)
    func notYours(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let li = world.team.acting(as: Team.li)
        _ = try li.editDeal(world.deal.id, expectedVersion: nil) { $0.title = "li's title" }
        let theirs = try lastEvent(world.wang, "deal", world.deal.id)
        #expect(Team.refusal { try world.wang.undo(eventID: theirs.id) }
            == "change \(theirs.id) was made by \(Team.li): you can undo only your own changes")
        let created = try #require(try world.wang.events(EventQuery(entity: "deal", entityID: world.deal.id)).last)
        #expect(created.action == "created")
        #expect(Team.refusal { try world.wang.undo(eventID: created.id) }
            == "a deal 'created' cannot be undone; a move, a milestone, a score change or an edit can")
        let other = try world.wang.addDeal(StoreFixture.deal("Valves", account: world.account.id, owner: Team.wang))
        _ = try world.wang.editDeal(other.id, expectedVersion: nil) { $0.title = "Valves 2" }
        let edit = try lastEvent(world.wang, "deal", other.id)
        try world.wang.deleteDeal(other.id)
        #expect(Team.refusal { try world.wang.undo(eventID: edit.id) } == "deal \(other.id) was deleted since: nothing to undo")
        #expect(Team.refusal { try world.wang.undo(eventID: 999_999) } == "no change with id 999999")
    }

    @Test("the last undoable change is one's own, since the given time, newest first", arguments: Backend.allCases)
    func lastUndoable(_ backend: Backend) throws {
        let world = try Self.world(backend)
        #expect(try world.wang.lastUndoableChange(since: .distantPast) == nil, "creating is not undone")
        _ = try world.wang.editAccount(world.account.id, expectedVersion: nil) { $0.loyalty = 8 }
        _ = try world.team.acting(as: Team.li).editDeal(world.deal.id, expectedVersion: nil) { $0.title = "x" }
        let mine = try world.wang.lastUndoableChange(since: .distantPast)
        #expect(mine?.entity == "account" && mine?.user == Team.wang)
        #expect(try world.wang.lastUndoableChange(since: StoreFixture.now.addingTimeInterval(60)) == nil)
    }
}
