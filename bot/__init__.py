"""Tanya Smart City: answers questions about Gerakan Menuju Smart City.

The flow is one way: text -> understanding -> answers -> Reply -> a front
(terminal chat, batch ask, Telegram). See README.md for the map.
"""

__version__ = "0.1.0"
