#!/usr/bin/python3
"""Reads an e-mail file as a mail program would (Python's email package, an
implementation independent of GMime) and prints what a person would see as
one JSON object:

  read_mail.py FILE.eml

{"from_name", "from_address", "to_name", "to_address", "subject",
 "message_id", "date" (ISO 8601), "headers": {name: decoded value, ...},
 "content_type", "body" (the text/plain part, decoded, "\\n" line ends),
 "attachments": [{"filename", "content_type", "params", "disposition",
                  "base64" (the decoded bytes, base64 again), "encoding"}],
 "defects": [what the parser found wrong], "bare_lf": true when a line ends
 without CR, "longest_line": the longest line in bytes without CRLF}
"""
import base64
import email
import email.policy
import json
import sys


def address(message, name):
    header = message[name]
    if header is None or not header.addresses:
        return "", ""
    mailbox = header.addresses[0]
    return mailbox.display_name, mailbox.addr_spec


def attachments(message):
    found = []
    for part in message.iter_attachments():
        found.append({
            "filename": part.get_filename(),
            "content_type": part.get_content_type(),
            "params": {k: v for k, v in part["Content-Type"].params.items()},
            "disposition": part.get_content_disposition(),
            "encoding": part.get("Content-Transfer-Encoding", ""),
            "base64": base64.b64encode(part.get_payload(decode=True)).decode(),
        })
    return found


def read(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    from_name, from_address = address(message, "From")
    to_name, to_address = address(message, "To")
    body = message.get_body(preferencelist=("plain",))
    defects = [str(d) for part in message.walk() for d in part.defects]
    lines = raw.split(b"\r\n")
    return {
        "from_name": from_name, "from_address": from_address,
        "to_name": to_name, "to_address": to_address,
        "subject": str(message["Subject"]), "message_id": str(message["Message-ID"]),
        "date": message["Date"].datetime.isoformat() if message["Date"] else "",
        "headers": {name: str(value) for name, value in message.items()},
        "content_type": message.get_content_type(),
        "body": body.get_content().replace("\r\n", "\n") if body is not None else None,
        "body_charset": body.get_content_charset() if body is not None else None,
        "attachments": attachments(message),
        "defects": defects,
        "bare_lf": any(b"\n" in line for line in lines),
        "longest_line": max(len(line) for line in lines),
    }


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        print(json.dumps(read(f.read()), ensure_ascii=False))
