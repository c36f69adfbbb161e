"""The review web page (``paperdesk serve``): staff see what each college sent, look at the
evidence of each flag, decide, re-run, upload and download — in Chinese, on 127.0.0.1, behind a
login.

    app.py        create_app(inbox, outbox, state_dir, campaign_path, password, run_pipeline), serve(...)
    auth.py       password (set on first start or configured; scrypt hash in the state DB), login
    views.py      pages: 总览 matrix, one college, one flag, audit log, files
    decisions.py  确认 / 忽略 (reason required) / chosen value / withdraw / bulk, via State.decide
    actions.py    background re-run + progress JSON, upload, downloads, zip, source files, 回执
    receipt.py    one college's 回执 rebuilt from intake.json + flags.json with writers.receipt
    data.py       pure: read the outbox, overlay decisions, build the matrix and page models
    jobs.py       Runner: one pipeline run at a time in a thread, progress snapshot
    safety.py     paths kept inside their root, plain upload names, never overwrite
"""
