import Foundation

extension Refusal: CustomStringConvertible {
    /// The English line: the CLI's default and what tests and logs compare.
    public var description: String { text.en }

    /// The refusal in both languages; the dashboard shows `text[lang]`.
    public var text: LocalizedText {
        switch self {
        case .notAUser(let name):
            LocalizedText(en: "\(name) is not a user of this store: a manager adds you with `closer user add \(name) --role rep` (nothing was read or changed)",
                          zh: "\(name) 不是此存储的用户：请经理用 `closer user add \(name) --role rep` 添加您（未读取或修改任何内容）")
        case .managerOnly(let act, let you):
            LocalizedText(en: "only a manager can \(act.text.en); you are \(you.described)",
                          zh: "只有经理可以\(act.text.zh)；您是 \(you.describedZH)")
        case .noAccess(let subject, let account, let owner, let exclusive):
            LocalizedText(en: "\(Self.it(subject, account).en) is private to \(owner ?? "its owner")" + (exclusive ? " (exclusive)" : ""),
                          zh: "\(Self.it(subject, account).zh)是 \(owner ?? "其负责人") 的私有客户" + (exclusive ? "（独占）" : ""))
        case .poolNotClaimed(let subject, let account):
            LocalizedText(en: "\(Self.it(subject, account).en) is in the pool: claim it first (`closer account claim \(account)`); nothing was changed",
                          zh: "\(Self.it(subject, account).zh)在公海中：请先领取（`closer account claim \(account)`）；未做任何修改")
        case .protected(let subject, let account, let owner):
            LocalizedText(en: "\(Self.it(subject, account).en) is protected: only \(owner.map { "\($0) (its owner)" } ?? "its owner") or a manager can change it, "
                            + "and unprotect it with `closer account unprotect \(account)`",
                          zh: "\(Self.it(subject, account).zh)受保护：只有\(owner.map { "负责人 \($0) " } ?? "其负责人")或经理可以修改，"
                            + "并可用 `closer account unprotect \(account)` 取消保护")
        case .claimedOtherRole(let claimed, let role, let location):
            LocalizedText(en: "on the PostgreSQL server \(location) you act as the role you connect as (\(role)), not as \(claimed): "
                            + "connect as \(claimed) (postgres://\(claimed)@… or PGUSER=\(claimed)) or leave out --user",
                          zh: "在服务器 \(location) 上，您以连接所用的角色（\(role)）操作，而不是 \(claimed)：请以 \(claimed) 连接，或不指定用户")
        case .missingActor:
            LocalizedText(en: "who is acting? a user name is needed", zh: "谁在操作？需要用户名")
        case .missingSweeper:
            LocalizedText(en: "who is sweeping? a user name is needed", zh: "谁在回收公海？需要用户名")
        case .sweepManagerOnly(let you):
            LocalizedText(en: "only a manager can sweep the pool; you are \(you.described) "
                            + "(`closer pool sweep --dry-run` lists what would return; nothing was changed)",
                          zh: "只有经理可以回收到公海；您是 \(you.describedZH)（`closer pool sweep --dry-run` 列出将退回的客户；未做任何修改）")

        case .notATeamMember(let name):
            LocalizedText(en: "\(name) is not a user of this store: add them with `closer user add \(name) --role rep`",
                          zh: "\(name) 不是此存储的用户：请用 `closer user add \(name) --role rep` 添加")
        case .holdLimit(let rep, let held, let limit, let what):
            LocalizedText(en: "\(rep) already holds \(held) accounts, the limit per rep (\(limit)): \(what.text.en) was not given to them — return one to the pool first",
                          zh: "\(rep) 已负责 \(held) 个客户，达到每位销售的上限（\(limit)）：\(what.text.zh)未分给他们——请先退回一个到公海")
        case .addForSomeoneElse(let what, let owner, let you):
            LocalizedText(en: "only a manager adds an account for someone else: \(what.text.en) would belong to \(owner), "
                            + "and you are \(you.described); add it for yourself or the pool (nothing was added)",
                          zh: "只有经理可以为他人添加客户：\(what.text.zh)将归 \(owner) 负责，而您是 \(you.describedZH)；请添加给自己或公海（未添加任何内容）")
        case .nothingToChange(let account):
            LocalizedText(en: "nothing to change: account \(account) is already as asked", zh: "无需修改：客户 \(account) 已是所要求的状态")
        case .poolManagerOnly(let account, let verb):
            LocalizedText(en: "account \(account) is in the pool: only a manager can \(verb.text.en) it (claim it first)",
                          zh: "客户 \(account) 在公海中：只有经理可以\(verb.text.zh)（请先领取）")
        case .ownerOrManagerOnly(let account, let owner, let verb, let you):
            LocalizedText(en: "only \(owner ?? "its owner") (its owner) or a manager can \(verb.text.en) account \(account); you are \(you.described)",
                          zh: "只有负责人 \(owner ?? "") 或经理可以\(verb.text.zh)客户 \(account)；您是 \(you.describedZH)")
        case .notHeld(let account, let verb):
            LocalizedText(en: "account \(account) is in the pool: claim or assign it before you \(verb.text.en) it",
                          zh: "客户 \(account) 在公海中：请先领取或分配，再\(verb.text.zh)")
        case .missingAssignee:
            LocalizedText(en: "assign to whom? a rep's name is needed", zh: "分配给谁？需要一位销售的名字")
        case .missingShareNames:
            LocalizedText(en: "share with whom? name one or more reps", zh: "与谁共享？请写出一位或多位销售")
        case .missingUnshareNames:
            LocalizedText(en: "unshare from whom? name one or more reps", zh: "取消与谁共享？请写出一位或多位销售")
        case .returnNeedsReason(let account):
            LocalizedText(en: "returning account \(account) to the pool needs a reason (--reason \"…\"): the next rep reads it",
                          zh: "把客户 \(account) 退回公海需要写明原因：下一位销售会看到")
        case .assignFromPool(let account):
            LocalizedText(en: "only a manager can assign account \(account) from the pool; a rep claims it (`closer account claim \(account)`)",
                          zh: "只有经理可以从公海分配客户 \(account)；销售请领取（`closer account claim \(account)`）")
        case .alreadyHeldBy(let account, let rep):
            LocalizedText(en: "account \(account) is already held by \(rep)", zh: "客户 \(account) 已由 \(rep) 负责")
        case .ownerNeedsNoShare(let account, let rep):
            LocalizedText(en: "\(rep) owns account \(account): no need to share it with them", zh: "\(rep) 是客户 \(account) 的负责人：无需与其共享")
        case .alreadySharedWith(let account, let reps):
            LocalizedText(en: "account \(account) is already shared with \(reps.joined(separator: ", "))",
                          zh: "客户 \(account) 已与 \(reps.joined(separator: "、")) 共享")
        case .notSharedWith(let account, let reps):
            LocalizedText(en: "account \(account) is not shared with \(reps.joined(separator: ", "))",
                          zh: "客户 \(account) 未与 \(reps.joined(separator: "、")) 共享")
        case .alreadyExclusive(let account, let owner):
            LocalizedText(en: "account \(account) is already exclusive to \(owner ?? "its owner")",
                          zh: "客户 \(account) 已由 \(owner ?? "其负责人") 独占")
        case .alreadyPlainlyOwned(let account):
            LocalizedText(en: "account \(account) is already plainly owned", zh: "客户 \(account) 已是普通私有")
        case .notInPool(let account, let holder):
            LocalizedText(en: "account \(account) is not in the pool: \(holder ?? "someone") holds it",
                          zh: "客户 \(account) 不在公海中：由 \(holder ?? "他人") 负责")
        case .alreadyProtected(let account):
            LocalizedText(en: "account \(account) is already protected", zh: "客户 \(account) 已受保护")
        case .notProtected(let account):
            LocalizedText(en: "account \(account) is not protected", zh: "客户 \(account) 未受保护")
        case .repEditsHolding(let account):
            LocalizedText(en: "a rep cannot change who holds account \(account) by editing it: use `closer account "
                            + "assign/share/unshare/exclusive/return/claim` (nothing was saved)",
                          zh: "销售不能通过编辑改变客户 \(account) 的归属：请用分配、共享、独占、退回或领取（未保存任何内容）")
        case .deleteOwnerOnly(let account, let owner):
            LocalizedText(en: "only \(owner.map { "\($0) (its owner)" } ?? "a manager, since it is in the pool,")"
                            + "\(owner == nil ? "" : " or a manager") can delete account \(account)",
                          zh: owner.map { "只有负责人 \($0) 或经理可以删除客户 \(account)" } ?? "客户 \(account) 在公海中，只有经理可以删除")

        case .fields(let issues):
            LocalizedText(en: issues.map(\.description).joined(separator: "; "), zh: issues.map(\.text.zh).joined(separator: "；"))
        case .accountIDTaken(let id):
            LocalizedText(en: "an account with id \(id) exists already", zh: "编号为 \(id) 的客户已存在")
        case .hiddenDuplicate(let hidden):
            LocalizedText(en: hidden.text.en + ": ask them or a manager to share or assign it to you (nothing was added)",
                          zh: hidden.text.zh + "：请让对方或经理与您共享或分配给您（未添加任何内容）")
        case .accountHasDeals(let account, let deals):
            LocalizedText(en: "account \(account) has \(deals) deal(s); delete or move them first (nothing was deleted)",
                          zh: "客户 \(account) 有 \(deals) 个商机；请先删除或移走（未删除任何内容）")
        case .idCannotChange(let subject):
            LocalizedText(en: "\(subject.tableText): the id of a row cannot change", zh: "\(subject.text.zh)：编号不能修改")
        case .dealAlreadyOpen(let id):
            LocalizedText(en: "deal \(id) is already open", zh: "商机 \(id) 已是进行中")
        case .planOnClosedDeal(let deal, let outcome):
            LocalizedText(en: "deal \(deal) is \(outcome.rawValue): plan activities on an open deal (reopen it first)",
                          zh: "商机 \(deal) 已\(outcome.label.zh)：只能为进行中的商机计划行动（请先重新打开）")
        case .planDoneCannotChange(let plan, let on):
            LocalizedText(en: "P\(plan) was done on \(on?.description ?? ""): it cannot change", zh: "计划 \(plan) 已于 \(on?.description ?? "") 完成：不能修改")
        case .planDoneAlready(let plan, let on):
            LocalizedText(en: "P\(plan) was done already, on \(on?.description ?? "")", zh: "计划 \(plan) 已于 \(on?.description ?? "") 完成")
        case .planDoneDeleteActivity(let plan, let on):
            LocalizedText(en: "P\(plan) was done on \(on?.description ?? ""): delete its activity instead",
                          zh: "计划 \(plan) 已于 \(on?.description ?? "") 完成：请改为删除其行动记录")
        case .notAKeyPersonOfAccount(let person, let account):
            LocalizedText(en: "person \(person) is not a key person of account \(account)", zh: "人员 \(person) 不是客户 \(account) 的关键人")
        case .needByStranger(let person, let account):
            LocalizedText(en: "needs: person \(person) is not a key person of the deal's account (#\(account)); nothing was saved",
                          zh: "需求：人员 \(person) 不是该商机所属客户（\(account)）的关键人；未保存任何内容")
        case .reportsLoop(let manager, let person):
            LocalizedText(en: "reports-to: person \(manager) already reports (directly or not) to \(person); that would make a loop",
                          zh: "上级：人员 \(manager) 已（直接或间接）向 \(person) 汇报；这会形成循环")
        case .reportsAcrossAccounts(let manager):
            LocalizedText(en: "reports-to: person \(manager) works for another account", zh: "上级：人员 \(manager) 属于另一个客户")
        case .tooManyHealthDeals(let asked, let limit):
            LocalizedText(en: "asked for the health of \(asked) deals at once; at most \(limit)", zh: "一次查询了 \(asked) 个商机的健康度；最多 \(limit) 个")
        case .othersReview(let rep):
            LocalizedText(en: "a rep reviews their own deals; \(rep)'s review is for \(rep) and the managers (nothing was read)",
                          zh: "销售只复盘自己的商机；\(rep) 的周复盘只给 \(rep) 本人和经理看（未读取任何内容）")
        case .forecastCallManagerOnly(let rep, let you):
            LocalizedText(en: "only a manager records \(rep.isEmpty ? "the team's call" : "\(rep)'s call"); you are \(you.described) and may record your own (nothing was saved)",
                          zh: "只有经理可以记录\(rep.isEmpty ? "团队的预测" : " \(rep) 的预测")；您是 \(you.describedZH)，可以记录自己的（未保存任何内容）")

        case .filterNotYours(let filter, let owner):
            LocalizedText(en: "filter '\(filter)' belongs to \(owner): only they or a manager may change or delete it (nothing was changed)",
                          zh: "筛选「\(filter)」属于 \(owner)：只有本人或经理可以修改或删除（未做任何修改）")
        case .filterNeedsName:
            LocalizedText(en: "a saved filter needs a name", zh: "保存的筛选需要一个名称")
        case .filterNameTooLong:
            LocalizedText(en: "a filter name is up to 80 characters", zh: "筛选名称最多 80 个字符")
        case .filterNeedsQuery(let name):
            LocalizedText(en: "filter '\(name)' needs a query, e.g. \"grade:A,B pipeline>500k\"", zh: "筛选「\(name)」需要一个查询条件")
        case .filterQueryWrong(let name, let error):
            LocalizedText(en: "filter '\(name)' not saved: the query is wrong \(error.en)", zh: "筛选「\(name)」未保存：查询有误，\(error[.zh])")
        case .noSuchFilter(let name):
            LocalizedText(en: "no saved filter named '\(name)'; `closer filter list` shows them",
                          zh: "没有名为「\(name)」的筛选；`closer filter list` 可列出全部")
        case .negativeTarget:
            LocalizedText(en: "a target must not be negative", zh: "目标不能为负数")
        case .noTarget(let rep, let period):
            LocalizedText(en: "no target is set for \(rep.isEmpty ? "the team" : rep) in \(period)",
                          zh: "\(period) 没有为\(rep.isEmpty ? "团队" : " \(rep) ")设定目标")
        case .notARep(let rep):
            LocalizedText(en: "'\(rep)' is not a rep of this store (add them first: closer user add \(rep) --role rep)",
                          zh: "「\(rep)」不是此存储的销售（请先添加：`closer user add \(rep) --role rep`）")
        case .currency(let error):
            error.text
        case .noRate(let currency, let from, let base):
            LocalizedText(en: "there is no \(currency) rate from \(from) against \(base)", zh: "没有 \(from) 起 \(currency) 对 \(base) 的汇率")
        case .lostReason(let error):
            error.text
        case .process(let error):
            error.text
        case .healthSettings(let error):
            error.text
        case .userNeedsName:
            LocalizedText(en: "a user needs a name", zh: "用户需要一个名字")
        case .emptyPassword:
            LocalizedText(en: "the password is empty: give one, or none to use the site's own authentication",
                          zh: "密码为空：请提供密码，或不提供以使用站点自己的认证")

        case .snapshotFormat(let found, let readsUpTo):
            LocalizedText(en: "the file is format \(found); this version of Closer reads up to \(readsUpTo)",
                          zh: "文件格式为 \(found)；此版本的 Closer 最高只能读取 \(readsUpTo)")
        case .importRow(let location, let reason):
            LocalizedText(en: "\(location): \(reason.en) — nothing was imported", zh: "\(location)：\(reason[.zh])——未导入任何内容")
        case .importLine(let line, let reason):
            LocalizedText(en: "line \(line): \(reason.en); nothing was imported", zh: "第 \(line) 行：\(reason[.zh])；未导入任何内容")
        case .importManagerUnknown(let line, let manager):
            LocalizedText(en: "line \(line): reports to '\(manager)', who is not a person of this account; nothing was imported",
                          zh: "第 \(line) 行：上级「\(manager)」不是该客户的人员；未导入任何内容")
        case .notUTF8(let file):
            LocalizedText(en: "\(file): not UTF-8 text (save it as CSV UTF-8); nothing was imported",
                          zh: "\(file)：不是 UTF-8 文本（请另存为 UTF-8 编码的 CSV）；未导入任何内容")
        case .noHeaderRow(let file):
            LocalizedText(en: "\(file): no header row; nothing was imported", zh: "\(file)：没有表头行；未导入任何内容")
        case .unreadableRow(let file, let row, let detail):
            LocalizedText(en: "\(file) row \(row): \(detail); nothing was imported", zh: "\(file) 第 \(row) 行无法读取（\(detail)）；未导入任何内容")
        case .notCloserHeader(let file, let header):
            LocalizedText(en: "\(file): the header (\(header.prefix(6).joined(separator: ", "))) is not one of Closer's files; nothing was imported",
                          zh: "\(file)：表头（\(header.prefix(6).joined(separator: "、"))）不属于 Closer 的任何文件；未导入任何内容")
        case .notCloserExport(let file, let detail):
            LocalizedText(en: "\(file): not a Closer export — \(detail); nothing was imported",
                          zh: "\(file)：不是 Closer 的导出文件（\(detail)）；未导入任何内容")
        case .badCell(let cell, let value, let problem):
            LocalizedText(en: "\(cell.text.en): \(problem.text(value).en)", zh: "\(cell.text.zh)：\(problem.text(value).zh)")
        case .fileExists(let path):
            LocalizedText(en: "\(path) exists: nothing was written (pass --force to replace it)", zh: "\(path) 已存在：未写入任何内容（如要替换请加 `--force`）")
        case .noSuchFolder(let folder):
            LocalizedText(en: "\(folder): no such folder; nothing was written", zh: "\(folder)：文件夹不存在；未写入任何内容")
        case .noSuchBackup(let path):
            LocalizedText(en: "\(path): no such file; nothing was restored", zh: "\(path)：文件不存在；未恢复任何内容")
        case .notABackup(let path):
            LocalizedText(en: "\(path) is not a Closer backup (not an SQLite database); nothing was restored",
                          zh: "\(path) 不是 Closer 备份（不是数据库文件）；未恢复任何内容")
        case .damagedBackup(let path, let detail):
            LocalizedText(en: "\(path) is damaged (\(detail)); nothing was restored", zh: "\(path) 已损坏（\(detail)）；未恢复任何内容")
        case .notACloserStore(let path, let schemaOnly):
            LocalizedText(en: schemaOnly ? "\(path) is not a Closer store (no Closer schema); nothing was restored"
                                         : "\(path) is an SQLite database but not a Closer store (no Closer tables); nothing was restored",
                          zh: "\(path) 不是 Closer 的存储；未恢复任何内容")
        case .newerStore(let path, let schema):
            LocalizedText(en: "\(path) was made by a newer Closer (schema '\(schema)'); update Closer first; nothing was restored",
                          zh: "\(path) 由更新版本的 Closer 生成（`\(schema)`）；请先升级 Closer；未恢复任何内容")
        case .copyMissingTable(let store, let table):
            LocalizedText(en: "\(store) has no table \(table): is it a Closer store of this version?", zh: "\(store) 没有表 `\(table)`：它是此版本的 Closer 存储吗？")
        case .copyMissingColumns(let store, let table, let columns):
            LocalizedText(en: "\(store) has no column \(columns.joined(separator: ", ")) in \(table): is it a Closer store of this version?",
                          zh: "\(store) 的表 `\(table)` 缺少列 `\(columns.joined(separator: ", "))`：它是此版本的 Closer 存储吗？")
        case .copyTargetNotEmpty(let store, let table):
            LocalizedText(en: "\(store) is not empty (its \(table) table has rows): copy into a new store",
                          zh: "\(store) 不是空的（表 `\(table)` 中已有数据）：请复制到新的存储")
        case .copyMismatch(let table, let read, let written, let rowsRead, let rowsWritten):
            LocalizedText(en: "the copy of \(table) does not match its source (\(rowsRead) rows read, \(rowsWritten) written, checksums \(read) and \(written)): nothing was copied",
                          zh: "表 `\(table)` 的副本与来源不一致（读取 \(rowsRead) 行，写入 \(rowsWritten) 行）：未复制任何内容")
        case .cannotWrite(let path, let reason):
            LocalizedText(en: "cannot write \(path): \(reason)", zh: "无法写入 \(path)（\(reason)）")
        case .fileSystem(let reason):
            LocalizedText(en: reason, zh: "文件操作失败（\(reason)）")
        case .importUnavailable:
            LocalizedText(en: "import is not available here", zh: "此处不能导入")

        case .diskFull:
            LocalizedText(en: "the disk is full: nothing was written", zh: "磁盘已满：未写入任何内容")
        case .serverDiskFull:
            LocalizedText(en: "the server's disk is full: nothing was written", zh: "服务器磁盘已满：未写入任何内容")
        case .serverForbids(let message):
            LocalizedText(en: "the server does not allow this to your login: \(message)",
                          zh: "服务器不允许您的登录执行此操作（行级安全或权限）：未写入任何内容")
        case .constraint(let message):
            LocalizedText(en: "refused by the store: \(message)", zh: "存储拒绝了此操作（违反约束）：未写入任何内容")
        case .storeClosed(let location):
            LocalizedText(en: "the store \(location) was closed", zh: "存储 \(location) 已关闭")
        case .notFinite(let value):
            LocalizedText(en: "a number in the store is not finite: \(value)", zh: "存储中有一个非有限的数值：\(value)")
        case .nulInText:
            LocalizedText(en: "a text in the store holds a NUL character, which PostgreSQL cannot keep",
                          zh: "存储中有一段文本含有空字符，服务器无法保存")
        case .storeFailure(let message):
            LocalizedText(en: "store error: \(message)", zh: "存储出错（\(message)）")
        }
    }

    /// The subject as a refusal's sentence starts: "account 7" alone, or "deal 12 is on account 7, which".
    static func it(_ subject: Subject, _ account: Int64) -> LocalizedText {
        switch subject {
        case .account(let id) where id == account, .namedAccount(let id, _) where id == account:
            LocalizedText(en: subject.text.en, zh: subject.text.zh + " ")
        default:
            LocalizedText(en: "\(subject.text.en) is on account \(account), which", zh: "\(subject.text.zh) 所属的客户 \(account) ")
        }
    }
}

extension Subject {
    public var text: LocalizedText {
        switch self {
        case .account(let id): LocalizedText(en: "account \(id)", zh: "客户 \(id)")
        case .namedAccount(let id, let name): LocalizedText(en: "account \(id) ('\(name)')", zh: "客户 \(id)（「\(name)」）")
        case .newAccount(let name): LocalizedText(en: "new account '\(name)'", zh: "新客户「\(name)」")
        case .deal(let id): LocalizedText(en: "deal \(id)", zh: "商机 \(id)")
        case .person(let id): LocalizedText(en: "person \(id)", zh: "人员 \(id)")
        case .activity(let id): LocalizedText(en: "activity \(id)", zh: "行动记录 \(id)")
        case .plannedActivity(let id): LocalizedText(en: "planned activity \(id)", zh: "计划行动 \(id)")
        case .row(let table, let id): LocalizedText(en: "\(table) \(id)", zh: "\(Self.tableZH(table)) \(id)")
        }
    }

    /// "account 7": a row named by its table, as the id check has always said it.
    var tableText: String { text.en }

    static func tableZH(_ table: String) -> String {
        switch table {
        case "account": "客户"
        case "deal": "商机"
        case "person": "人员"
        case "activity": "行动记录"
        case "planned_activity": "计划行动"
        default: "记录"
        }
    }
}

extension ManagerAct {
    public var text: LocalizedText {
        switch self {
        case .setRates: LocalizedText(en: "set exchange rates", zh: "设置汇率")
        case .deleteRates: LocalizedText(en: "delete exchange rates", zh: "删除汇率")
        case .changeBaseCurrency: LocalizedText(en: "change the base currency", zh: "更改基准货币")
        case .changeProcesses: LocalizedText(en: "add or change a process", zh: "添加或修改流程")
        case .changeUsers: LocalizedText(en: "add or change users", zh: "添加或修改用户")
        case .backUp: LocalizedText(en: "back up the whole store (every account is in the copy)", zh: "备份整个存储（副本含所有客户）")
        case .restore: LocalizedText(en: "restore the whole store from a backup", zh: "从备份恢复整个存储")
        case .changeLostReasons: LocalizedText(en: "change the list of lost reasons", zh: "修改丢单原因列表")
        case .changePoolRules: LocalizedText(en: "change the pool rules", zh: "修改公海规则")
        case .changeSettings: LocalizedText(en: "change the team's settings", zh: "修改团队设置")
        case .setTargets: LocalizedText(en: "set targets", zh: "设定目标")
        case .deleteTargets: LocalizedText(en: "delete targets", zh: "删除目标")
        case .importStore: LocalizedText(en: "import a whole store's file (users, processes and every account in it)",
                                         zh: "导入整个存储的文件（含用户、流程和所有客户）")
        }
    }
}

extension OwnershipVerb {
    public var text: LocalizedText {
        switch self {
        case .assign: LocalizedText(en: "assign", zh: "分配")
        case .share: LocalizedText(en: "share", zh: "共享")
        case .unshare: LocalizedText(en: "unshare", zh: "取消共享")
        case .makeExclusive: LocalizedText(en: "make exclusive", zh: "设为独占")
        case .change: LocalizedText(en: "change", zh: "修改")
        case .return: LocalizedText(en: "return", zh: "退回")
        case .protect: LocalizedText(en: "protect", zh: "保护")
        case .unprotect: LocalizedText(en: "unprotect", zh: "取消保护")
        }
    }
}

extension CellLocation {
    public var text: LocalizedText {
        LocalizedText(en: "\(file) row \(row), column '\(column)'", zh: "\(file) 第 \(row) 行「\(column)」列")
    }
}

extension CellProblem {
    func text(_ value: String) -> LocalizedText {
        switch self {
        case .notWholeNumber: LocalizedText(en: "'\(value)' is not a whole number", zh: "「\(value)」不是整数")
        case .notAnID: LocalizedText(en: "'\(value)' is not an id", zh: "「\(value)」不是编号")
        case .notADate: LocalizedText(en: "'\(value)' is not a date (YYYY-MM-DD)", zh: "「\(value)」不是日期（YYYY-MM-DD）")
        case .notYesNo: LocalizedText(en: "'\(value)' is not yes/no", zh: "「\(value)」不是是/否")
        case .notATimestamp: LocalizedText(en: "'\(value)' is not a timestamp", zh: "「\(value)」不是时间戳")
        case .notAnAmount: LocalizedText(en: "'\(value)' is not an amount", zh: "「\(value)」不是金额")
        case .notATime: LocalizedText(en: "'\(value)' is not a time HH:MM", zh: "「\(value)」不是时间（HH:MM）")
        case .notOneOf(let codes): LocalizedText(en: "'\(value)' is not one of \(codes)", zh: "「\(value)」不在可选值中（`\(codes)`）")
        case .notOverrides: LocalizedText(en: "not a list of overrides", zh: "不是强制推进记录的列表")
        case .notNeeds: LocalizedText(en: "not a list of needs ([{\"text\": \"…\", \"statedBy\": 12}])", zh: "不是需求列表")
        case .dateRequired: LocalizedText(en: "a date is required", zh: "需要一个日期")
        }
    }
}

extension Actor {
    /// "wang.lei（销售）": `described` for the Chinese reader.
    public var describedZH: String {
        switch self {
        case .anyone(let name): name
        case .member(let viewer): "\(viewer.name)（\(viewer.role.label.zh)）"
        case .stranger(let name): "\(name)（不是此存储的用户）"
        }
    }
}
