"""A fake Telegram Bot API server for tests (standard library only).

See :class:`FakeTelegram` in :mod:`.server` for the control API and
:mod:`.fixtures` for the ``fake_api`` pytest fixture.
"""

from .server import ChatRef, FakeTelegram, MessageRef, chat_id_of
from .state import Call
from .validation import ApiError
from .wire import UploadedFile

__all__ = ["ApiError", "Call", "ChatRef", "FakeTelegram", "MessageRef", "UploadedFile", "chat_id_of"]
