import ArgumentParser

@main
struct Closer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closer",
        abstract: "A terminal CRM for big-account B2B sales: pipeline board, customer quadrant, key-person org chart.",
        discussion: "Run `closer` alone to open the dashboard. Every command takes --db PATH (or CLOSER_DB) and --user NAME (or CLOSER_USER).",
        version: "0.1.0",
        subcommands: [TUICommand.self, DemoCommand.self, AccountCommand.self, PoolCommand.self, PersonCommand.self, DealCommand.self, ActivityCommand.self,
                      FilterCommand.self, OrgChartCommand.self, ReportCommand.self, CurrencyCommand.self, TargetCommand.self, ReasonCommand.self, StandupCommand.self,
                      ExportCommand.self, ImportCommand.self, BackupCommand.self, RestoreCommand.self, ProcessCommand.self, UserCommand.self, SettingsCommand.self, LogCommand.self, UndoCommand.self,
                      ServerCommand.self, CopyCommand.self],
        defaultSubcommand: TUICommand.self)
}
