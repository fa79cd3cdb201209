/// Every committed write notifies the listening clients (see ChangeListener): a statement trigger
/// on each table the screens read. PostgreSQL delivers a notification at commit, drops it on
/// rollback, and folds identical ones of a transaction into one, so a write of many rows over
/// several tables still wakes each dashboard once. Writes made by other means than this program
/// (psql, a script) notify too.
enum ChangeNotifySQL {
    static let tables = ["\"user\"", "process", "account", "person", "deal", "activity", "event",
                         "saved_filter", "pool_rule", "forecast_call", "setting"]

    static var statements: [String] {
        [
            """
            CREATE FUNCTION closer_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('\(ChangeListener.channel)', '');
                RETURN NULL;
            END
            $$
            """,
        ] + tables.map { table in
            let name = table.replacingOccurrences(of: "\"", with: "")
            return """
                CREATE TRIGGER \(name)_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table)
                FOR EACH STATEMENT EXECUTE FUNCTION closer_notify_change()
                """
        }
    }
}
