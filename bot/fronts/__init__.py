"""Fronts: ways to talk to the engine (terminal chat, batch ask; Telegram lives in bot/telegram/)."""
