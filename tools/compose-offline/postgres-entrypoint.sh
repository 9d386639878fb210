#!/bin/sh
# Stand-in for the official postgres image's entrypoint: initialise from POSTGRES_* once, then run the server.
set -eu
PGDATA=/var/lib/postgresql/data
BIN=/usr/lib/postgresql/15/bin
mkdir -p "$PGDATA" /run/postgresql && chown -R postgres:postgres "$PGDATA" /run/postgresql && chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  printf '%s' "$POSTGRES_PASSWORD" > /tmp/pwfile && chown postgres /tmp/pwfile
  su postgres -s /bin/sh -c "$BIN/initdb -D $PGDATA -U $POSTGRES_USER --pwfile=/tmp/pwfile -A scram-sha-256 -E UTF8 --locale=C.UTF-8"
  rm /tmp/pwfile
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  su postgres -s /bin/sh -c "$BIN/postgres -D $PGDATA -c listen_addresses='' -k /run/postgresql" &
  until su postgres -s /bin/sh -c "$BIN/pg_ctl -D $PGDATA status" >/dev/null && pg_isready -h /run/postgresql -q; do sleep 0.5; done
  PGPASSWORD="$POSTGRES_PASSWORD" psql -h /run/postgresql -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\""
  su postgres -s /bin/sh -c "$BIN/pg_ctl -D $PGDATA stop -m fast"
fi
exec su postgres -s /bin/sh -c "exec $BIN/postgres -D $PGDATA -c listen_addresses='*' -k /run/postgresql"
