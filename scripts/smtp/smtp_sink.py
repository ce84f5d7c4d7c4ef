"""A real SMTP server for the tests: aiosmtpd (Debian's python3-aiosmtpd) with a handler that
keeps each message it receives as one JSON file in a folder: the envelope, the decoded subject
and To header, and the decoded plain-text and HTML parts (Python's own MIME parser).

    PYTHONPATH=scripts/smtp /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:2525 \
        -c smtp_sink.JsonDir /tmp/mail
"""

import email
import email.policy
import json
import os
import time
import uuid


class JsonDir:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("JsonDir takes the folder to write messages to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            kind = part.get_content_type()
            if kind in ("text/plain", "text/html") and kind not in parts:
                parts[kind] = part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["from"]),
            "to": str(message["to"]),
            "subject": str(message["subject"]),
            "headers": [[k, str(v)] for k, v in message.items()],
            "text": parts.get("text/plain", ""),
            "html": parts.get("text/html", ""),
        }
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.json"
        partial = os.path.join(self.directory, "." + name)
        with open(partial, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        # Whole files only: a reader never sees one half written.
        os.rename(partial, os.path.join(self.directory, name))
        return "250 OK"
