#!/usr/bin/env bash
# README command 1: install everything, write the sample inbox, process it, print the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/paperdesk demo --inbox demo/inbox
.venv/bin/paperdesk run --inbox demo/inbox --outbox demo/outbox --state demo/state \
  --roster templates/rosters/2020-demo-roster.yaml
