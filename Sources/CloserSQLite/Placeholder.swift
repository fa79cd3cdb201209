// CloserSQLite
