// CloserApp
