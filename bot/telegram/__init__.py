"""The Telegram front: python-telegram-bot glue around the engine.

Flow of one update: `runner` (polling or webhook) -> handlers registered in
`app.build_application` -> `conversation` / `buttons` / `inline` / `language`
ask the engine -> `render` turns the engine's Reply into HTML + inline
keyboard. `errors` catches what goes wrong; `logsafe` keeps the token out of
the logs. Nothing here understands questions or knows facts: every answer
comes from `bot.engine.Engine`.
"""
