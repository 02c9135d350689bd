#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth for user postgres,
# as the integration tests expect (DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "ci: PostgreSQL is running"
  exit 0
fi
echo "ci: starting PostgreSQL"
version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo "ci: no PostgreSQL cluster configured" >&2
  exit 1
fi
conf=/etc/postgresql/$version/main
# Trust auth on loopback for the throwaway test cluster (it only listens on 127.0.0.1).
if ! grep -q '^host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"; then
  sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && { echo "ci: PostgreSQL is up"; exit 0; }
  sleep 1
done
echo "ci: PostgreSQL did not start" >&2
exit 1
