"""Knowledge: plain files in knowledge/ -> validated records -> SQLite -> in-memory store.

`load_knowledge(dir, data_dir)` is the one entry point the engine uses.
"""
