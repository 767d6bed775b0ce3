#!/usr/bin/env bash
# Makes the machine's PostgreSQL 15 cluster ready for the tests: started, with a password login for the
# tests' connection string (MATRIX_RECEIPTS_POSTGRES, default below). Safe to run repeatedly.
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "cd / && $1"; else sudo -n -u postgres sh -c "cd / && $1"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "pg_ctlcluster not found: install PostgreSQL 15 (apt-get install postgresql-15)" >&2
  exit 1
fi

if ! pg_lsclusters 15 main 2>/dev/null | grep -q online; then
  as_root pg_ctlcluster 15 main start
fi

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p 5432; then break; fi
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p 5432

# A dedicated superuser for tests (it creates and drops throw-away databases); its password is (re)set so the
# default connection string always works.
as_postgres "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'matrix_receipts_test') THEN CREATE ROLE matrix_receipts_test LOGIN SUPERUSER PASSWORD 'matrix_receipts_test'; ELSE ALTER ROLE matrix_receipts_test LOGIN SUPERUSER PASSWORD 'matrix_receipts_test'; END IF; END \\\$\\\$;\""
