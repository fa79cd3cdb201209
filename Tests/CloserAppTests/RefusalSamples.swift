import CloserCore
import Foundation

/// One refusal of every kind the stores give, with data written as the Chinese UI test's fixture
/// writes it (names, paths, codes): what the Chinese UI must say without an English word.
enum RefusalSamples {
    static let rep = Actor.member(Viewer(name: "wang.lei", role: .rep))
    static let path = "/home/wang/closer.sqlite"
    static let day = Day(year: 2026, month: 12, day: 1)!
    static let said = LocalizedText(en: "Siemens", zh: "西门子")
    static let issue = ValidationIssue("loyalty", "must be 1…10, got 12", zh: "须为 1…10，实为 12")

    /// Which case a refusal is. The switch is exhaustive: a new case does not compile until it is
    /// numbered here, and `everyCaseHasASample` fails until `all` holds a sample of it.
    static func caseNumber(_ refusal: Refusal) -> Int {
        switch refusal {
        case .notAUser: 0
        case .managerOnly: 1
        case .noAccess: 2
        case .poolNotClaimed: 3
        case .protected: 4
        case .claimedOtherRole: 5
        case .missingActor: 6
        case .missingSweeper: 7
        case .sweepManagerOnly: 8
        case .notATeamMember: 9
        case .holdLimit: 10
        case .addForSomeoneElse: 11
        case .nothingToChange: 12
        case .poolManagerOnly: 13
        case .ownerOrManagerOnly: 14
        case .notHeld: 15
        case .missingAssignee: 16
        case .missingShareNames: 17
        case .missingUnshareNames: 18
        case .returnNeedsReason: 19
        case .assignFromPool: 20
        case .alreadyHeldBy: 21
        case .ownerNeedsNoShare: 22
        case .alreadySharedWith: 23
        case .notSharedWith: 24
        case .alreadyExclusive: 25
        case .alreadyPlainlyOwned: 26
        case .notInPool: 27
        case .alreadyProtected: 28
        case .notProtected: 29
        case .repEditsHolding: 30
        case .deleteOwnerOnly: 31
        case .fields: 32
        case .accountIDTaken: 33
        case .hiddenDuplicate: 34
        case .accountHasDeals: 35
        case .idCannotChange: 36
        case .dealAlreadyOpen: 37
        case .planOnClosedDeal: 38
        case .planDoneCannotChange: 39
        case .planDoneAlready: 40
        case .planDoneDeleteActivity: 41
        case .notAKeyPersonOfAccount: 42
        case .needByStranger: 43
        case .reportsLoop: 44
        case .reportsAcrossAccounts: 45
        case .tooManyHealthDeals: 46
        case .othersReview: 47
        case .forecastCallManagerOnly: 48
        case .filterNotYours: 49
        case .filterNeedsName: 50
        case .filterNameTooLong: 51
        case .filterNeedsQuery: 52
        case .filterQueryWrong: 53
        case .noSuchFilter: 54
        case .negativeTarget: 55
        case .noTarget: 56
        case .notARep: 57
        case .currency: 58
        case .noRate: 59
        case .lostReason: 60
        case .process: 61
        case .healthSettings: 62
        case .userNeedsName: 63
        case .emptyPassword: 64
        case .snapshotFormat: 65
        case .importRow: 66
        case .importLine: 67
        case .importManagerUnknown: 68
        case .notUTF8: 69
        case .noHeaderRow: 70
        case .unreadableRow: 71
        case .notCloserHeader: 72
        case .notCloserExport: 73
        case .badCell: 74
        case .fileExists: 75
        case .noSuchFolder: 76
        case .noSuchBackup: 77
        case .notABackup: 78
        case .damagedBackup: 79
        case .notACloserStore: 80
        case .newerStore: 81
        case .copyMissingTable: 82
        case .copyMissingColumns: 83
        case .copyTargetNotEmpty: 84
        case .copyMismatch: 85
        case .cannotWrite: 86
        case .fileSystem: 87
        case .importUnavailable: 88
        case .diskFull: 89
        case .serverDiskFull: 90
        case .serverForbids: 91
        case .constraint: 92
        case .storeClosed: 93
        case .notFinite: 94
        case .nulInText: 95
        case .storeFailure: 96
        }
    }
    static let caseCount = 97

    static let subjects: [Subject] = [.account(7), .namedAccount(7, "Siemens"), .newAccount("Siemens"), .deal(12), .person(3),
                                      .activity(4), .plannedActivity(5), .row(table: "deal", id: 12)]

    static var all: [Refusal] {
        var all: [Refusal] = [.notAUser("li.na")]
        all += ManagerAct.allCases.map { .managerOnly($0, you: rep) }
        all += [.managerOnly(.setRates, you: .stranger("li.na")), .managerOnly(.setRates, you: .anyone("li.na"))]
        for subject in subjects {
            all += [.noAccess(subject, account: 7, owner: "li.na", exclusive: true), .noAccess(subject, account: 7, owner: nil, exclusive: false),
                    .poolNotClaimed(subject, account: 7), .protected(subject, account: 7, owner: "li.na"), .protected(subject, account: 7, owner: nil),
                    .holdLimit(rep: "li.na", held: 50, limit: 50, what: subject), .idCannotChange(subject)]
        }
        all += [.claimedOtherRole(claimed: "li.na", role: "wang.lei", location: path), .missingActor, .missingSweeper,
                .sweepManagerOnly(you: rep), .notATeamMember("li.na"),
                .addForSomeoneElse(what: .newAccount("Siemens"), owner: "li.na", you: rep), .nothingToChange(account: 7)]
        for verb in OwnershipVerb.allCases {
            all += [.poolManagerOnly(account: 7, verb), .ownerOrManagerOnly(account: 7, owner: "li.na", verb, you: rep),
                    .ownerOrManagerOnly(account: 7, owner: nil, verb, you: rep), .notHeld(account: 7, verb)]
        }
        all += [.missingAssignee, .missingShareNames, .missingUnshareNames, .returnNeedsReason(account: 7), .assignFromPool(account: 7),
                .alreadyHeldBy(account: 7, rep: "li.na"), .ownerNeedsNoShare(account: 7, rep: "li.na"),
                .alreadySharedWith(account: 7, reps: ["li.na", "wang.lei"]), .notSharedWith(account: 7, reps: ["li.na"]),
                .alreadyExclusive(account: 7, owner: "li.na"), .alreadyExclusive(account: 7, owner: nil), .alreadyPlainlyOwned(account: 7),
                .notInPool(account: 7, holder: "li.na"), .notInPool(account: 7, holder: nil), .alreadyProtected(account: 7),
                .notProtected(account: 7), .repEditsHolding(account: 7), .deleteOwnerOnly(account: 7, owner: "li.na"),
                .deleteOwnerOnly(account: 7, owner: nil)]
        all += [.fields([issue, ValidationIssue("next-step", "is longer than 2000 characters", zh: "超过 2000 个字符")]), .accountIDTaken(7),
                .hiddenDuplicate(HiddenAccounts(query: .name("中国石化"), holders: ["li.na"])),
                .hiddenDuplicate(HiddenAccounts(query: .search("中石化"), holders: ["li.na", "wang.lei"])),
                .accountHasDeals(account: 7, deals: 2), .dealAlreadyOpen(12)]
        all += Outcome.allCases.map { .planOnClosedDeal(deal: 12, $0) }
        all += [.planDoneCannotChange(plan: 5, on: day), .planDoneAlready(plan: 5, on: day), .planDoneDeleteActivity(plan: 5, on: day),
                .notAKeyPersonOfAccount(person: 3, account: 7), .needByStranger(person: 3, account: 7), .reportsLoop(manager: 3, person: "王工"),
                .reportsAcrossAccounts(manager: 3), .tooManyHealthDeals(asked: 600, limit: 500), .othersReview(rep: "li.na"),
                .forecastCallManagerOnly(rep: "li.na", you: rep), .forecastCallManagerOnly(rep: "", you: rep),
                .filterNotYours(filter: "我的大客户", owner: "li.na"), .filterNeedsName, .filterNameTooLong, .filterNeedsQuery("我的大客户"),
                .filterQueryWrong("我的大客户", LocalizedText(en: "unknown condition", zh: "未知条件")), .noSuchFilter("我的大客户"),
                .negativeTarget, .noTarget(rep: "li.na", period: "2026-12"), .noTarget(rep: "", period: "2026-12"), .notARep("li.na")]
        all += [CurrencyError.unknownCurrency("USD"), .notARate("7"), .rateNotPositive("0"), .tooPrecise("7.1234567"),
                .rateTooLarge("9999999"), .rateOfBase("CNY")].map { .currency($0) }
        all += [.noRate(currency: "USD", from: day, base: "CNY")]
        all += [LostReasonError.empty, .tooLong("价格"), .reserved("价格"), .duplicate("价格"), .unknown("价格", known: ["交期", "服务"]),
                .unknown("价格", known: [])].map { .lostReason($0) }
        all += [ProcessTemplateError.notATemplate("缺少阶段"), .badKey("服务"), .noStages("服务"), .stageTwice("开发", process: "服务"),
                .probabilityOutside("开发", 101), .milestoneTwice("评估", stage: "开发")].map { .process($0) }
        all += [HealthSettingError.notARule("off", "冷"), .unknownSetting("颜色", withFlags: true), .unknownSetting("颜色", withFlags: false),
                .needsStage("project.pricing"), .notDays("route-days", "三十")].map { .healthSettings($0) }
        all += [.userNeedsName, .emptyPassword, .snapshotFormat(found: 3, readsUpTo: 2), .importRow("deals.csv", said), .importLine(4, said),
                .importManagerUnknown(line: 4, manager: "王工"), .notUTF8(file: "deals.csv"), .noHeaderRow(file: "deals.csv"),
                .unreadableRow(file: "deals.csv", row: 4, detail: "引号未闭合"), .notCloserHeader(file: "deals.csv", header: ["颜色", "尺寸"]),
                .notCloserExport(file: "deals.json", detail: "缺少字段")]
        let problems: [CellProblem] = [.notWholeNumber, .notAnID, .notADate, .notYesNo, .notATimestamp, .notAnAmount, .notATime,
                                       .notOneOf("CNY, USD"), .notOverrides, .notNeeds, .dateRequired]
        all += problems.map { .badCell(CellLocation(file: "deals.csv", row: 4, column: "金额"), "很多", $0) }
        all += [.fileExists(path: path), .noSuchFolder("/home/wang"), .noSuchBackup(path: path), .notABackup(path: path),
                .damagedBackup(path: path, detail: "校验失败"), .notACloserStore(path: path, schemaOnly: true),
                .notACloserStore(path: path, schemaOnly: false), .newerStore(path: path, schema: "v99"),
                .copyMissingTable(store: path, table: "deal"), .copyMissingColumns(store: path, table: "deal", columns: ["amount", "stage"]),
                .copyTargetNotEmpty(store: path, table: "deal"), .copyMismatch(table: "deal", read: "1a2b", written: "3c4d", rowsRead: 4, rowsWritten: 3),
                .cannotWrite(path: path, reason: "权限不够"), .fileSystem("权限不够"), .importUnavailable, .diskFull, .serverDiskFull,
                .serverForbids("new row violates row-level security policy for table \"deal\""),
                .constraint("UNIQUE constraint failed: account.id"), .storeClosed(location: path), .notFinite("12.5"), .nulInText,
                .storeFailure("42P01")]
        return all
    }

    /// The store's other errors, each said in Chinese too.
    static var storeErrors: [StoreError] {
        [.notFound(entity: "deal", id: 12), .notFound(entity: "account", id: 7),
         .staleVersion(entity: "deal", id: 12, expected: 1, current: 2, lastChangedBy: "li.na"),
         .rule(.reasonRequired), .rule(.closed(.won)), .rule(.alreadyThere("开发")), .rule(.unknownProcess("服务")),
         .rule(.unknownStage("开发", process: "服务")), .rule(.unknownMilestone("评估", process: "服务")),
         .readOnly(path: path), .locked(path: path), .cannotOpen(path: path, reason: "权限不够"),
         .unreachable("the server at db.example is shutting down", mayHaveSaved: false),
         .unreachable("the connection to db.example was lost during the commit", mayHaveSaved: true)]
            + all.flatMap { [StoreError.refused($0), .invalid($0), .duplicate($0)] }
    }
}
