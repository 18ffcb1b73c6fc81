#!/usr/bin/env bash
# Install and start what the tests need on this machine: a PostgreSQL server on loopback and Chromium.
# Writes .ci/env with DYAD_TEST_PG_URL and DYAD_CHROMIUM for the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
: > .ci/env

need=()
# The server binary, not only the client tools (a machine may have psql alone).
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null && command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: the Debian cluster, started on loopback, with a throwaway database.
ver=$(ls -d /usr/lib/postgresql/*/bin/postgres | sed 's#/usr/lib/postgresql/\([^/]*\)/.*#\1#' | sort -V | tail -n1)
cluster_ok=0
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1" 2>/dev/null; then cluster_ok=1; break; fi
  sleep 1
done
if [ "$cluster_ok" = 1 ]; then
  su postgres -c "psql -q -h 127.0.0.1 -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='dyad') THEN CREATE ROLE dyad LOGIN PASSWORD 'dyad-ci'; END IF; END \\\$\\\$;\"" >/dev/null 2>&1 \
    || su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='dyad') THEN CREATE ROLE dyad LOGIN PASSWORD 'dyad-ci'; END IF; END \\\$\\\$;\"" >/dev/null
  su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='dyad_test'\"" | grep -q 1 \
    || su postgres -c "createdb -O dyad dyad_test"
  echo "export DYAD_TEST_PG_URL=postgresql://dyad:dyad-ci@127.0.0.1:5432/dyad_test" >> .ci/env
  echo "PostgreSQL $ver running on 127.0.0.1:5432"
else
  echo "PostgreSQL did not start" >&2
  exit 1
fi
echo "export DYAD_CHROMIUM=$(command -v chromium)" >> .ci/env
