#!/usr/bin/env bash
# A hot standby of Debian's PostgreSQL cluster, streaming from it (docs/performance.md, "Read
# replica"): `standby.sh start PORT` makes it from a base backup and starts it on 127.0.0.1:PORT;
# `standby.sh stop` stops it and removes its data. The test role may pause and resume its replay,
# so a test can prove which database answered.
set -euo pipefail
dir=/tmp/stms-standby
ver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
bin=/usr/lib/postgresql/$ver/bin
as_pg() { su postgres -c "$*"; }

case "${1:-}" in
  start)
    port=${2:?usage: standby.sh start PORT}
    "$0" stop
    # Granted on the primary's template, so every test database has it; the standby replays it.
    as_pg "psql -d template1 -qc 'GRANT EXECUTE ON FUNCTION pg_wal_replay_pause() TO stms_test; GRANT EXECUTE ON FUNCTION pg_wal_replay_resume() TO stms_test;'"
    as_pg "$bin/pg_basebackup -D $dir -R -X stream -c fast"
    cat > /tmp/stms-standby.conf <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
hot_standby = on
max_standby_streaming_delay = -1
CONF
    printf 'local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\n' > /tmp/stms-standby-hba.conf
    install -o postgres -m 600 /tmp/stms-standby.conf "$dir/postgresql.conf"
    install -o postgres -m 600 /tmp/stms-standby-hba.conf "$dir/pg_hba.conf"
    : > /tmp/stms-standby-ident.conf
    install -o postgres -m 600 /tmp/stms-standby-ident.conf "$dir/pg_ident.conf"
    as_pg "$bin/pg_ctl -D $dir -l /tmp/stms-standby.log -w start" >/dev/null
    as_pg "psql -h /tmp -p $port -qtAc 'SELECT pg_is_in_recovery()'" | grep -q t
    echo "standby streaming on 127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$dir/postmaster.pid" ]; then as_pg "$bin/pg_ctl -D $dir -m fast -w stop" >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: standby.sh start PORT | stop" >&2; exit 2 ;;
esac
