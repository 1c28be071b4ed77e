#!/usr/bin/python3
"""A real SMTP server on loopback for tests (Debian's python3-aiosmtpd).

Run it with /usr/bin/python3 (Debian's, which has aiosmtpd):

  smtp_server.py --dir DIR [--host 127.0.0.1] [--port 0]
                 [--tls starttls|smtps|none] [--tls-dir DIR]
                 [--user NAME --password SECRET] [--allow-plain-auth]
                 [--reply ADDRESS=CODE[ TEXT]]... [--data-reply ADDRESS=CODE[ TEXT]]...
                 [--hangup ADDRESS]... [--hangup-once ADDRESS]...

Contract:
- Listens on --host:--port (port 0: a free one). When ready it prints, on
  standard output and flushed, "certificate PATH" (unless --tls none) and
  then "port N" as the last line: a test waits for "port N".
- --tls starttls (default): offers STARTTLS with a self-signed certificate
  for 127.0.0.1 and localhost that it makes with openssl in --tls-dir (a new
  temporary folder by default); PATH is that certificate, the CA file a
  client trusts. --tls smtps: TLS from the first byte with that certificate.
  --tls none: plain SMTP, no STARTTLS.
- --user/--password: AUTH PLAIN and LOGIN against them, and every MAIL
  needs a successful AUTH (530 otherwise). AUTH before TLS is refused (538)
  unless --allow-plain-auth. A wrong password gets
  "535 5.7.8 Authentication credentials invalid".
- --reply ADDRESS=CODE[ TEXT]: RCPT TO:<ADDRESS> is answered with that
  reply (e.g. "nobody@example.org=550 5.1.1 no such user"; only a code
  gives a standard text naming the address). --data-reply: the same, as the
  answer to the end of the data of a mail to ADDRESS (nothing is saved).
  --hangup ADDRESS: RCPT TO:<ADDRESS> closes the connection unanswered;
  --hangup-once ADDRESS: only the first time (a connection that breaks once).
- Each accepted message is saved in --dir as NNNNNN.eml (the bytes
  received, dot-unstuffed, CRLF kept) beside NNNNNN.json
  {"connection", "peer", "mail_from", "rcpt_tos", "tls", "auth_user",
  "size"}; the .json is written first and the .eml last, each by rename, so
  a reader that sees NNNNNN.eml sees both whole. Numbers go on from the
  highest already in --dir (a restarted server adds, never overwrites).
- --dir/connections.jsonl gets a line {"connection", "event": "open" or
  "close", "peer"} per connection; "connection" is "<pid>.<n>", unique across
  restarts, and each message's .json names the connection that carried it.
- Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import json
import logging
import os
import re
import signal
import ssl
import subprocess
import sys
import tempfile

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

DEFAULT_TEXTS = {"4": "4.3.0 <{0}>: temporarily unable to take it, try again later",
                 "5": "5.1.1 <{0}>: recipient address rejected (test server --reply)"}


def reply_rules(entries):
    """Parses ADDRESS=CODE[ TEXT] entries into {address (lower case): reply}."""
    rules = {}
    for entry in entries or []:
        address, _, reply = entry.partition("=")
        match = re.fullmatch(r"([245]\d\d)(?: (.*))?", reply)
        if not address or not match:
            sys.exit(f"smtp_server.py: '{entry}' is not ADDRESS=CODE[ TEXT]")
        code, text = match.group(1), match.group(2)
        text = text or DEFAULT_TEXTS.get(code[0], "ok").format(address)
        rules[address.lower()] = f"{code} {text}"
    return rules


def make_certificate(folder):
    """A self-signed certificate for 127.0.0.1 and localhost; its paths."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Mailbox:
    """Saves messages and connection events in the folder (see the contract)."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        numbers = [int(n[:6]) for n in os.listdir(folder) if re.fullmatch(r"\d{6}\.eml", n)]
        self.next_number = max(numbers, default=0) + 1
        self.connections = open(os.path.join(folder, "connections.jsonl"), "a")

    def event(self, connection, event, peer):
        line = {"connection": connection, "event": event, "peer": peer}
        self.connections.write(json.dumps(line) + "\n")
        self.connections.flush()

    def _write(self, name, data):
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        with open(temporary, "wb") as out:
            out.write(data)
        os.rename(temporary, os.path.join(self.folder, name))

    def save(self, envelope_facts, content):
        number = f"{self.next_number:06d}"
        self.next_number += 1
        self._write(number + ".json", json.dumps(envelope_facts).encode())
        self._write(number + ".eml", content)


class Handler:
    def __init__(self, args, mailbox):
        self.args = args
        self.mailbox = mailbox
        self.replies = reply_rules(args.reply)
        self.data_replies = reply_rules(args.data_reply)
        self.hangups = {a.lower() for a in args.hangup or []}
        self.hangups_once = {a.lower() for a in args.hangup_once or []}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.hangups_once:
            self.hangups_once.discard(address.lower())
            server.transport.abort()
            return "421 4.4.2 closing (test server --hangup-once)"  # goes nowhere
        if address.lower() in self.hangups:
            server.transport.abort()
            return "421 4.4.2 closing (test server --hangup)"  # goes nowhere
        reply = self.replies.get(address.lower())
        if reply and not reply.startswith("2"):
            return reply
        envelope.rcpt_tos.append(address)
        return reply or "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            reply = self.data_replies.get(address.lower())
            if reply and not reply.startswith("2"):
                return reply
        auth_user = session.auth_data.login.decode() if session.authenticated else None
        facts = {"connection": server.connection_id, "peer": server.peer_text,
                 "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                 "tls": self.args.tls == "smtps" or session.ssl is not None,
                 "auth_user": auth_user, "size": len(envelope.original_content)}
        self.mailbox.save(facts, envelope.original_content)
        return "250 2.0.0 OK: queued as " + server.connection_id


class TrackedSMTP(SMTP):
    """aiosmtpd's SMTP with an id per connection, logged when it opens and closes."""
    count = 0

    def __init__(self, handler, mailbox, **kwargs):
        super().__init__(handler, **kwargs)
        self.mailbox = mailbox
        self.connection_id = None
        self.peer_text = None

    def connection_made(self, transport):
        if self.connection_id is None:  # not the second call after STARTTLS
            TrackedSMTP.count += 1
            self.connection_id = f"{os.getpid()}.{TrackedSMTP.count}"
            peer = transport.get_extra_info("peername")
            self.peer_text = f"{peer[0]}:{peer[1]}" if peer else "?"
            self.mailbox.event(self.connection_id, "open", self.peer_text)
        super().connection_made(transport)

    def connection_lost(self, error):
        if self.connection_id is not None and self.peer_text is not None:
            self.mailbox.event(self.connection_id, "close", self.peer_text)
            self.peer_text = None
        super().connection_lost(error)


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and
              auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return check


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", choices=["starttls", "smtps", "none"], default="starttls")
    parser.add_argument("--tls-dir")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--allow-plain-auth", action="store_true")
    parser.add_argument("--reply", action="append")
    parser.add_argument("--data-reply", action="append")
    parser.add_argument("--hangup", action="append")
    parser.add_argument("--hangup-once", action="append")
    args = parser.parse_args()
    if (args.user is None) != (args.password is None):
        parser.error("--user and --password come together")
    return args


async def serve(args):
    mailbox = Mailbox(args.dir)
    context = None
    if args.tls != "none":
        cert, key = make_certificate(args.tls_dir or tempfile.mkdtemp(prefix="smtp-server-"))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        print("certificate", cert, flush=True)
    # With smtps the connection is TLS from the start (aiosmtpd only knows STARTTLS).
    smtp_options = {"hostname": "smtp.test", "enable_SMTPUTF8": True,
                    "auth_require_tls": not args.allow_plain_auth and args.tls != "smtps"}
    if args.tls == "starttls":
        smtp_options["tls_context"] = context
    if args.user is not None:
        smtp_options.update(authenticator=authenticator(args.user, args.password),
                            auth_required=True)
    handler = Handler(args, mailbox)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: TrackedSMTP(handler, mailbox, loop=loop, **smtp_options), args.host, args.port,
        ssl=context if args.tls == "smtps" else None, reuse_address=True)
    print("port", server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR)  # aiosmtpd's own warnings are noise here
    asyncio.run(serve(parse_args()))
