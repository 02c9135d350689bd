#!/usr/bin/env bash
# Installs what `npm test` needs, on Debian (as root): Chromium for the end-to-end suite, git,
# a PostgreSQL answering on 127.0.0.1:5432 with trust auth, and the npm packages when absent.
# `scripts/check-prereqs.mjs` (the first step of `npm test`) names this script when one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

need_apt=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_apt+=(chromium)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "prereqs: installing ${need_apt[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

bash .ci/postgres.sh

if [ ! -f node_modules/.package-lock.json ]; then
  echo "prereqs: npm ci"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
