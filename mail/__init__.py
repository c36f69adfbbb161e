"""The office's mailbox: fetch submissions into the inbox (IMAP), send each college its 回执 (SMTP).

    paperdesk mail fetch           IMAP folder → inbox/邮件/*.eml (raw, unchanged), never twice
    paperdesk mail send-receipts   outbox/回执/<学院>.docx → outbox/待发送/*.eml (dry run) or SMTP (--send)

Protocol I/O sits at the edges (:mod:`mail.imap_fetch`, :mod:`mail.smtp_send`); what to fetch
or send, file names and the keys that make both idempotent are pure functions
(:mod:`mail.selection`, :mod:`mail.receipts`); what was fetched and sent is recorded in
``<state>/mail.sqlite3`` (:mod:`mail.ledger`). Settings come from the campaign's ``mail:`` key
and each college's ``email:``; passwords only from the environment or the terminal, never
written anywhere. Failures are :class:`mail.errors.MailError` with a Chinese message and an exit
code of their own.
"""
