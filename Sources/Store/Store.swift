// The SQLite store: see Database.swift, Migrator.swift, RunStore.swift.
