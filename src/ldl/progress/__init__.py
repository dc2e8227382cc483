"""The learner's progress: a SQLite store in the workspace (`store.ProgressStore`).

schema.py    the ordered migrations (PRAGMA user_version)
database.py  opening, WAL, write transactions with retry, corruption handling
store.py     ProgressStore: the methods the rest of ldl calls
"""
