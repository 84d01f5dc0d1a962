"""Understanding: text -> Understanding (normalised tokens, language, entities, intent).

Offline and fast: exact lookups first, rapidfuzz only for words nobody knows.
"""
