"""Answers: an Understanding plus the knowledge -> a Reply in the question's language.

Each kind of answer is a small class in its own module (programme, pillars,
cohorts, regions, provinces, people, sources, conversation); `registry.py`
lists them, and the engine picks by intent.
"""
