// CloserCore
