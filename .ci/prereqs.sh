#!/usr/bin/env bash
# Installs what `npm test` needs beside npm packages, on Debian (as root): Chromium for the
# end-to-end suite, git, and a PostgreSQL answering on 127.0.0.1:5432 with trust auth.
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
