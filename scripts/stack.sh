#!/usr/bin/env bash
# Local development stack: PostgreSQL 15, Redis and s3rver (S3-compatible),
# all bound to 127.0.0.1, all data under <repo>/.local/ (git-ignored).
#
# Usage: scripts/stack.sh up|down|status|migrate|browser
#
#   up       install what is missing, start what is not running, wait until
#            ready, create role/database, apply sql/NNN_*.sql migrations and
#            seed the development user. A no-op (prints status) when all three
#            services are already running.
#   down     stop all three services.
#   status   one line per service; exit 0 if all running, 3 otherwise.
#   migrate  apply pending migrations + dev seed against the running Postgres
#            (also done by `up` whenever it had to start something).
#   browser  install apt's chromium and chromium-driver if missing (for the
#            dashboard's browser tests; scripts/test.sh calls it).
#
# Environment (defaults in scripts/lib/stack-env.sh):
#   AGENSIUM_PG_PORT (55432)  AGENSIUM_PG_DB (agensium)  AGENSIUM_REDIS_PORT (56379)
#   AGENSIUM_S3_PORT (54569)  AGENSIUM_S3_BUCKET (agensium-files)
#   AGENSIUM_STACK_TIMEOUT (60, seconds to wait for each service)
#   AGENSIUM_SQL_DIR (<repo>/sql, folder holding the NNN_*.sql migrations)
#   AGENSIUM_PG_STATEMENT_STATS (unset; 1: load pg_stat_statements when `up` starts PostgreSQL, to profile a run's
#            statements: `down` first if it runs; then `CREATE EXTENSION pg_stat_statements` in the database)
#   AGENSIUM_LOCAL_DIR (<repo>/.local, the stack's data, pid files and logs: another folder and other ports make a
#     second stack of this checkout beside the first; s3rver is installed once, under <repo>/.local/npm)
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=lib/stack-env.sh
source "$SCRIPT_DIR/lib/stack-env.sh"

# Deterministic glob ordering for the migration files.
LC_COLLATE=C
# runuser / pg tools may live in sbin on minimal images.
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

READY_TIMEOUT="${AGENSIUM_STACK_TIMEOUT:-60}"
SQL_DIR="${AGENSIUM_SQL_DIR:-$REPO_ROOT/sql}"
MIGRATION_LOCK_ID=74382001

PG_BIN=/usr/lib/postgresql/15/bin
PG_ROOT="$LOCAL_DIR/pg"
PG_DATA="$PG_ROOT/data"
PG_SOCK="$PG_ROOT/run"
PG_LOG="$PG_ROOT/postgres.log"

REDIS_DIR="$LOCAL_DIR/redis"
REDIS_CONF="$REDIS_DIR/redis.conf"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"

S3_DIR="$LOCAL_DIR/s3"
S3_PID="$LOCAL_DIR/s3rver.pid"
S3_LOG="$LOCAL_DIR/s3rver.log"
NPM_PREFIX="$REPO_ROOT/.local/npm"
S3RVER_BIN="$NPM_PREFIX/node_modules/.bin/s3rver"
S3RVER_PKG="s3rver@^3.7.1"   # flags below verified against 3.7.1

INSTALL_LOG="$LOCAL_DIR/install.log"

# ---------------------------------------------------------------- helpers ---

log()  { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
die()  { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

show_tail() { # file [lines]
  local f="$1" n="${2:-30}"
  if [[ -s "$f" ]]; then
    printf '[stack] ---- last %s lines of %s ----\n' "$n" "$f" >&2
    tail -n "$n" -- "$f" >&2 || true
    printf '[stack] ----\n' >&2
  else
    printf '[stack] (log %s is empty or missing)\n' "$f" >&2
  fi
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# True if something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive PID EXPECTED_CWD [CMDLINE_SUBSTRING]
# True if PID is alive, its working directory is EXPECTED_CWD and (optionally)
# its command line contains the substring. Guards against recycled pids.
pid_alive() {
  local pid="$1" cwd="$2" needle="${3:-}"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(readlink -- "/proc/$pid/cwd" 2>/dev/null || true)" == "$cwd" ]] || return 1
  if [[ -n "$needle" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$needle" || return 1
  fi
  return 0
}

read_pidfile() { [[ -r "$1" ]] && head -n 1 -- "$1" | tr -dc '0-9'; }

file_size() { if [[ -e "$1" ]]; then stat -c %s -- "$1"; else echo 0; fi; }

# New content of a log since byte offset $2.
log_since() { [[ -e "$1" ]] && tail -c "+$(( $2 + 1 ))" -- "$1" 2>/dev/null; }

# wait_ready NAME LOGFILE READY_FN FAILED_FN
# Polls READY_FN every 0.2 s until it succeeds; aborts early if FAILED_FN
# succeeds; gives up after $READY_TIMEOUT seconds. Shows the log tail on error.
wait_ready() {
  local name="$1" logf="$2" ready_fn="$3" failed_fn="$4"
  local deadline=$(( SECONDS + READY_TIMEOUT ))
  while true; do
    if "$ready_fn"; then return 0; fi
    if "$failed_fn"; then
      printf '[stack] ERROR: %s failed to start.\n' "$name" >&2
      show_tail "$logf"
      exit 1
    fi
    if (( SECONDS >= deadline )); then
      printf '[stack] ERROR: %s not ready after %ss.\n' "$name" "$READY_TIMEOUT" >&2
      show_tail "$logf"
      exit 1
    fi
    sleep 0.2
  done
}

# True while PID exists and is not a zombie (an exited daemon whose new parent
# has not reaped it yet counts as gone).
pid_exists() {
  kill -0 "$1" 2>/dev/null || return 1
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null || true)"
  [[ -n "$stat" ]] || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# wait_gone PID SECONDS -> 0 if the process exited in time.
wait_gone() {
  local pid="$1" deadline=$(( SECONDS + $2 ))
  while pid_exists "$pid"; do
    (( SECONDS >= deadline )) && return 1
    sleep 0.2
  done
  return 0
}

# Run a command as the postgres OS user (or as ourselves when not root),
# from a directory that user can enter.
as_pg() {
  if is_root; then
    (cd "$PG_ROOT" && runuser -u postgres -- "$@")
  else
    (cd "$PG_ROOT" && "$@")
  fi
}

# ---------------------------------------------------------------- install ---

run_privileged() {
  if is_root; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

apt_install() {
  local pkgs=("$@")
  command -v apt-get >/dev/null 2>&1 || die "missing ${pkgs[*]} and apt-get is not available"
  log "installing apt packages: ${pkgs[*]} (log: $INSTALL_LOG)"
  local -a apt_env=(env DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a)
  local -a apt_opts=(-y -q -o DPkg::Lock::Timeout=300
                     -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  echo "==== $(date -Is) apt-get update" >>"$INSTALL_LOG"
  if ! run_privileged "${apt_env[@]}" apt-get update -q -o DPkg::Lock::Timeout=300 >>"$INSTALL_LOG" 2>&1 9>&-; then
    show_tail "$INSTALL_LOG" 40; die "apt-get update failed"
  fi
  echo "==== $(date -Is) apt-get install ${pkgs[*]}" >>"$INSTALL_LOG"
  if ! run_privileged "${apt_env[@]}" apt-get install "${apt_opts[@]}" --no-install-recommends "${pkgs[@]}" >>"$INSTALL_LOG" 2>&1 9>&-; then
    show_tail "$INSTALL_LOG" 40; die "apt-get install ${pkgs[*]} failed"
  fi
}

# The dashboard's browser tests drive the distribution's Chromium (Playwright never downloads one).
ensure_browser() {
  local pkgs=()
  [[ -x /usr/bin/chromium ]] || pkgs+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || pkgs+=(chromium-driver)
  ((${#pkgs[@]})) || return 0
  apt_install "${pkgs[@]}"
  [[ -x /usr/bin/chromium ]] || die "chromium installed but /usr/bin/chromium is missing"
}

ensure_packages() {
  local pkgs=()
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || pkgs+=(postgresql-15)
  [[ -x "$PG_BIN/psql" && -x "$PG_BIN/pg_isready" ]] || pkgs+=(postgresql-client-15)
  command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || pkgs+=(redis-tools)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl ca-certificates)
  command -v faketime >/dev/null 2>&1 || pkgs+=(faketime)   # libfaketime: one node's clock skewed in chaos runs
  command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)   # normally preinstalled
  ((${#pkgs[@]})) || return 0
  apt_install "${pkgs[@]}"
  hash -r
  [[ -x "$PG_BIN/initdb" ]] || die "postgresql-15 installed but $PG_BIN/initdb is missing"
  command -v redis-server >/dev/null 2>&1 || die "redis-server still missing after install"
  command -v npm >/dev/null 2>&1 || die "npm still missing after install"
}

ensure_s3rver() {
  [[ -x "$S3RVER_BIN" ]] && return 0
  log "installing $S3RVER_PKG into ${NPM_PREFIX#"$REPO_ROOT"/} (log: $INSTALL_LOG)"
  mkdir -p "$NPM_PREFIX"
  echo "==== $(date -Is) npm install $S3RVER_PKG" >>"$INSTALL_LOG"
  if ! npm install --prefix "$NPM_PREFIX" --no-audit --no-fund --no-update-notifier \
        --loglevel=error "$S3RVER_PKG" >>"$INSTALL_LOG" 2>&1 9>&-; then
    show_tail "$INSTALL_LOG" 40; die "npm install $S3RVER_PKG failed"
  fi
  [[ -x "$S3RVER_BIN" ]] || die "npm install finished but $S3RVER_BIN is missing"
}

# --------------------------------------------------------------- postgres ---

pg_pid() { # prints the postmaster pid if our cluster is running
  local pid
  pid="$(read_pidfile "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
  [[ -n "$pid" ]] && pid_alive "$pid" "$PG_DATA" && echo "$pid"
}

pg_running() { [[ -n "$(pg_pid || true)" ]]; }

pg_accepting() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$AGENSIUM_PG_PORT" -U postgres -d postgres -t 1 >/dev/null 2>&1
}

# The postgres user must be able to reach $PG_ROOT: fix only what is needed.
pg_ensure_traversable() {
  is_root || return 0
  runuser -u postgres -- test -x "$PG_ROOT" -a -w "$PG_ROOT" 2>/dev/null && return 0
  local d="" part
  local IFS=/
  for part in ${PG_ROOT#/}; do
    d="$d/$part"
    [[ "$d" == "$PG_ROOT" ]] && break
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      warn "postgres user cannot traverse $d; adding o+x"
      chmod o+x -- "$d"
    fi
  done
  runuser -u postgres -- test -x "$PG_ROOT" -a -w "$PG_ROOT" \
    || die "postgres user still cannot access $PG_ROOT"
}

pg_prepare() {
  mkdir -p "$PG_ROOT"
  if is_root; then
    id -u postgres >/dev/null 2>&1 || die "OS user 'postgres' missing (postgresql-15 not installed correctly?)"
    if [[ "$(stat -c %U "$PG_ROOT")" != postgres \
          || -n "$(find "$PG_ROOT" -mindepth 1 ! -user postgres -print -quit)" ]]; then
      chown -R postgres:postgres "$PG_ROOT"
    fi
  fi
  chmod 700 "$PG_ROOT"
  pg_ensure_traversable
  as_pg mkdir -p "$PG_SOCK"

  if [[ -e "$PG_DATA/PG_VERSION" ]]; then
    [[ "$(cat "$PG_DATA/PG_VERSION")" == 15 ]] \
      || die "$PG_DATA holds a PostgreSQL $(cat "$PG_DATA/PG_VERSION") cluster, expected 15 (remove .local/pg to recreate)"
  else
    if [[ -d "$PG_DATA" ]]; then
      warn "$PG_DATA exists without PG_VERSION (incomplete initdb); recreating it"
      rm -rf -- "$PG_DATA"
    fi
    local locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
    log "initdb ${PG_DATA#"$REPO_ROOT"/} (locale $locale)"
    if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale="$locale" \
          --auth-local=trust --auth-host=trust >"$PG_ROOT/initdb.log" 2>&1; then
      show_tail "$PG_ROOT/initdb.log"; die "initdb failed"
    fi
    if is_root; then chown postgres:postgres "$PG_ROOT/initdb.log"; fi
    # Dev only: trust on the local socket and loopback.
    as_pg tee "$PG_DATA/pg_hba.conf" >/dev/null <<'EOF'
# Local development cluster (scripts/stack.sh) - trust, loopback only.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust
EOF
    printf "\n# Managed by scripts/stack.sh (rewritten on every start)\ninclude_if_exists = 'agensium.conf'\n" \
      | as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
  fi

  # Settings rewritten on each start so port changes take effect.
  local sock_dirs="$PG_SOCK" sock_path="$PG_SOCK/.s.PGSQL.$AGENSIUM_PG_PORT"
  if (( ${#sock_path} > 107 )); then
    warn "socket path $sock_path is too long for a Unix socket; Postgres will listen on TCP only"
    sock_dirs=""
  fi
  as_pg tee "$PG_DATA/agensium.conf" >/dev/null <<EOF
# Managed by scripts/stack.sh - local development settings.
listen_addresses = '127.0.0.1'
port = $AGENSIUM_PG_PORT
unix_socket_directories = '${sock_dirs//\'/\'\'}'
max_connections = 200
fsync = on
logging_collector = off
EOF
  if [[ "${AGENSIUM_PG_STATEMENT_STATS:-}" == 1 ]]; then
    # Profiling only (docs/benchmarks.md): per-statement calls, times, buffers and WAL of a run.
    printf "shared_preload_libraries = 'pg_stat_statements'\n" \
      | as_pg tee -a "$PG_DATA/agensium.conf" >/dev/null
  fi
}

PG_LOG_OFFSET=0
pg_failed() {
  # Postmaster gone and the log of this start shows a fatal error.
  pg_running && return 1
  log_since "$PG_LOG" "$PG_LOG_OFFSET" | grep -qE '(FATAL|PANIC):'
}

pg_start() {
  pg_prepare
  if port_in_use "$AGENSIUM_PG_PORT"; then
    die "port $AGENSIUM_PG_PORT is already in use by another process (set AGENSIUM_PG_PORT)"
  fi
  log "starting postgres on 127.0.0.1:$AGENSIUM_PG_PORT"
  PG_LOG_OFFSET="$(file_size "$PG_LOG")"
  if ! as_pg "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -W -s 9>&-; then
    show_tail "$PG_LOG"; die "pg_ctl start failed"
  fi
  wait_ready postgres "$PG_LOG" pg_accepting pg_failed
}

pg_stop() {
  if ! pg_running; then
    log "postgres already stopped"
    return 0
  fi
  log "stopping postgres"
  as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$READY_TIMEOUT" -s \
    || { show_tail "$PG_LOG"; die "pg_ctl stop failed"; }
}

# psql over TCP; trust auth, password given anyway in case hba is tightened.
pg_psql() {
  PGPASSWORD="$AGENSIUM_PG_PASSWORD" PGCONNECT_TIMEOUT=10 PGOPTIONS='-c client_min_messages=warning' \
    "$PG_BIN/psql" -h 127.0.0.1 -p "$AGENSIUM_PG_PORT" -X -q -v ON_ERROR_STOP=1 "$@"
}

pg_bootstrap() {
  pg_psql -U postgres -d postgres -v role="$AGENSIUM_PG_USER" -v pw="$AGENSIUM_PG_PASSWORD" \
          -v db="$AGENSIUM_PG_DB" -f - <<'SQL' || die "creating role/database failed"
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS need_role \gset
\if :need_role
CREATE ROLE :"role" LOGIN SUPERUSER PASSWORD :'pw';
\else
ALTER ROLE :"role" LOGIN SUPERUSER PASSWORD :'pw';
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS need_db \gset
\if :need_db
CREATE DATABASE :"db" OWNER :"role";
\echo created database :db
\endif
SQL
}

# Same protocol as the C# migrator: schema_migrations(version, name, applied_at);
# each file in ONE transaction holding pg_advisory_xact_lock(74382001), skipped
# if its version (3-digit prefix) is already recorded.
apply_migrations() {
  local -a files=()
  if [[ -d "$SQL_DIR" ]]; then
    shopt -s nullglob
    files=("$SQL_DIR"/[0-9][0-9][0-9]_*.sql)
    shopt -u nullglob
  fi

  pg_psql -U "$AGENSIUM_PG_USER" -d "$AGENSIUM_PG_DB" -v lock_id="$MIGRATION_LOCK_ID" -f - <<'SQL' \
    || die "creating schema_migrations failed"
BEGIN;
SELECT pg_advisory_xact_lock(:lock_id) \gset
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    text        PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
COMMIT;
SQL

  if ((${#files[@]} == 0)); then
    log "migrations: no $SQL_DIR/NNN_*.sql files"
    return 0
  fi

  local f name version seen=" " applied=0 out
  for f in "${files[@]}"; do
    name="$(basename -- "$f")"
    version="${name:0:3}"
    [[ "$seen" == *" $version "* ]] && die "duplicate migration version $version ($name)"
    seen+="$version "
    if ! out="$(pg_psql -U "$AGENSIUM_PG_USER" -d "$AGENSIUM_PG_DB" \
          -v lock_id="$MIGRATION_LOCK_ID" -v version="$version" -v name="$name" -v file="$f" \
          -f - <<'SQL'
BEGIN;
SELECT pg_advisory_xact_lock(:lock_id) \gset
-- As the C# migrator with Database:MigrationLockTimeout's default: a script waits at most 10 s for a table's lock.
SET LOCAL lock_timeout = '10s';
SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = :'version') AS already_applied \gset
\if :already_applied
\else
\i :file
INSERT INTO schema_migrations (version, name) VALUES (:'version', :'name');
\echo @@applied
\endif
COMMIT;
SQL
    )"; then
      [[ -n "$out" ]] && printf '%s\n' "$out" >&2
      die "migration $name failed (rolled back)"
    fi
    if [[ "$out" == *"@@applied"* ]]; then
      log "migration applied: $name"
      applied=$((applied + 1))
    fi
  done
  log "migrations: ${#files[@]} file(s), $applied newly applied"
}

seed_dev_user() {
  local out
  out="$(pg_psql -U "$AGENSIUM_PG_USER" -d "$AGENSIUM_PG_DB" -f - <<'SQL'
SELECT to_regclass('users') IS NOT NULL AS has_users \gset
\if :has_users
SELECT COALESCE((SELECT a.attidentity = 'a' FROM pg_attribute a
                 WHERE a.attrelid = 'users'::regclass AND a.attname = 'id' AND NOT a.attisdropped),
                false) AS id_always \gset
\if :id_always
WITH ins AS (
  INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE
  VALUES (1, 'dev@agensium.local', 'Development User') ON CONFLICT (id) DO NOTHING RETURNING id)
SELECT count(*) AS seeded FROM ins \gset
\else
WITH ins AS (
  INSERT INTO users (id, email, name)
  VALUES (1, 'dev@agensium.local', 'Development User') ON CONFLICT (id) DO NOTHING RETURNING id)
SELECT count(*) AS seeded FROM ins \gset
\endif
\if :seeded
-- keep a serial/identity sequence ahead of the explicit id
SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST((SELECT max(id) FROM users), 1)) AS seq \gset
\echo @@seeded
\endif
\echo @@users
\endif
SQL
  )" || die "seeding the development user failed"
  if [[ "$out" == *"@@users"* ]]; then
    if [[ "$out" == *"@@seeded"* ]]; then
      log "development user created: id 1 (dev@agensium.local)"
    else
      log "development user: id 1 (dev@agensium.local, already present)"
    fi
  else
    log "development user not seeded: table 'users' does not exist (yet)"
  fi
}

pg_migrate_and_seed() {
  pg_bootstrap
  apply_migrations
  seed_dev_user
}

# ------------------------------------------------------------------ redis ---

redis_pid() {
  local pid
  pid="$(read_pidfile "$REDIS_PID" 2>/dev/null || true)"
  [[ -n "$pid" ]] && pid_alive "$pid" "$REDIS_DIR" redis-server && echo "$pid"
}

redis_running() { [[ -n "$(redis_pid || true)" ]]; }

redis_ping() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$AGENSIUM_REDIS_PORT" ping 2>/dev/null || true)" == PONG ]] && redis_running
}

REDIS_LOG_OFFSET=0
redis_failed() {
  redis_running && return 1
  log_since "$REDIS_LOG" "$REDIS_LOG_OFFSET" | grep -qiE 'aborting|fatal|exiting now'
}

redis_conf_quote() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }

redis_start() {
  mkdir -p "$REDIS_DIR"
  if [[ -e "$REDIS_PID" ]]; then
    warn "removing stale redis pid file"
    rm -f -- "$REDIS_PID"
  fi
  if port_in_use "$AGENSIUM_REDIS_PORT"; then
    die "port $AGENSIUM_REDIS_PORT is already in use by another process (set AGENSIUM_REDIS_PORT)"
  fi
  cat >"$REDIS_CONF" <<EOF
# Managed by scripts/stack.sh - local development Redis (no password, loopback only).
bind 127.0.0.1
port $AGENSIUM_REDIS_PORT
protected-mode yes
daemonize yes
supervised no
pidfile $(redis_conf_quote "$REDIS_PID")
logfile $(redis_conf_quote "$REDIS_LOG")
dir $(redis_conf_quote "$REDIS_DIR")
save ""
appendonly no
EOF
  log "starting redis on 127.0.0.1:$AGENSIUM_REDIS_PORT"
  REDIS_LOG_OFFSET="$(file_size "$REDIS_LOG")"
  # Output to a file, not a pipe: the daemon would otherwise hold it open.
  if ! (cd "$REDIS_DIR" && redis-server "$REDIS_CONF" >"$REDIS_DIR/redis-start.out" 2>&1 </dev/null 9>&-); then
    cat -- "$REDIS_DIR/redis-start.out" >&2 || true
    show_tail "$REDIS_LOG"; die "redis-server failed to start"
  fi
  wait_ready redis "$REDIS_LOG" redis_ping redis_failed
}

redis_stop() {
  local pid
  pid="$(redis_pid || true)"
  if [[ -z "$pid" ]]; then
    rm -f -- "$REDIS_PID"
    log "redis already stopped"
    return 0
  fi
  log "stopping redis"
  redis-cli -h 127.0.0.1 -p "$AGENSIUM_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$READY_TIMEOUT"; then
    warn "redis did not stop in ${READY_TIMEOUT}s; killing"
    kill -9 "$pid" 2>/dev/null || true
    wait_gone "$pid" 5 || die "could not stop redis (pid $pid)"
  fi
  rm -f -- "$REDIS_PID"
}

# ----------------------------------------------------------------- s3rver ---

s3_pid() {
  local pid
  pid="$(read_pidfile "$S3_PID" 2>/dev/null || true)"
  [[ -n "$pid" ]] && pid_alive "$pid" "$LOCAL_DIR" s3rver && echo "$pid"
}

s3_running() { [[ -n "$(s3_pid || true)" ]]; }

s3_http() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$AGENSIUM_S3_PORT/" 2>/dev/null || true)"
  [[ -n "$code" && "$code" != 000 ]]
}

s3_ready() { s3_running && s3_http; }

s3_failed() {
  # pid file written by the launcher but the process is gone
  [[ -s "$S3_PID" ]] && ! s3_running
}

s3_start() {
  ensure_s3rver
  mkdir -p "$S3_DIR"
  if [[ -e "$S3_PID" ]]; then
    warn "removing stale s3rver pid file"
    rm -f -- "$S3_PID"
  fi
  if port_in_use "$AGENSIUM_S3_PORT"; then
    die "port $AGENSIUM_S3_PORT is already in use by another process (set AGENSIUM_S3_PORT)"
  fi
  log "starting s3rver on 127.0.0.1:$AGENSIUM_S3_PORT (bucket $AGENSIUM_S3_BUCKET)"
  echo "==== $(date -Is) starting s3rver" >>"$S3_LOG"
  # The inner shell records its own pid, then execs s3rver (same pid), in a
  # new session so it survives the caller's process group. --configure-bucket
  # is variadic (<name> [configs...]) so it must stay last.
  (
    cd "$LOCAL_DIR"
    nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$S3_PID" \
      "$S3RVER_BIN" -d "$S3_DIR" -a 127.0.0.1 -p "$AGENSIUM_S3_PORT" \
      --configure-bucket "$AGENSIUM_S3_BUCKET" \
      >>"$S3_LOG" 2>&1 </dev/null 9>&- &
  )
  wait_ready s3rver "$S3_LOG" s3_ready s3_failed
}

s3_stop() {
  local pid
  pid="$(s3_pid || true)"
  if [[ -z "$pid" ]]; then
    rm -f -- "$S3_PID"
    log "s3rver already stopped"
    return 0
  fi
  log "stopping s3rver"
  kill "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" 15; then
    warn "s3rver did not stop in 15s; killing"
    kill -9 "$pid" 2>/dev/null || true
    wait_gone "$pid" 5 || die "could not stop s3rver (pid $pid)"
  fi
  rm -f -- "$S3_PID"
}

# --------------------------------------------------------------- commands ---

# fd 9 holds the lock; every command that may leave a daemon behind (apt
# postinst scripts, pg_ctl, redis-server, s3rver) is started with 9>&- so the
# daemon does not inherit - and keep holding - the lock.
take_lock() {
  mkdir -p "$LOCAL_DIR"
  exec 9>"$LOCAL_DIR/.stack.lock"
  flock -w 300 9 || die "another scripts/stack.sh is still running (lock $LOCAL_DIR/.stack.lock)"
}

# A running stack stays on the ports it was started on (recorded in $STACK_PORTS_FILE): asking for others while it runs
# would report or use ports nothing listens on, or another checkout's stack.
# Only services that run are compared (a file left by a crash holds no one to). A stack started before ports were
# recorded is checked where it matters: `up` records ports only once each running service answers on them.
check_ports() {
  [[ -f "$STACK_PORTS_FILE" ]] || return 0
  local key recorded service
  for service in postgres:AGENSIUM_PG_PORT:pg_running redis:AGENSIUM_REDIS_PORT:redis_running s3rver:AGENSIUM_S3_PORT:s3_running; do
    IFS=: read -r _ key running <<<"$service"
    "$running" || continue
    recorded="$(sed -n "s/^$key=//p" "$STACK_PORTS_FILE")"
    if [[ -n "$recorded" && "$recorded" != "${!key}" ]]; then
      die "this checkout's stack runs with $key=$recorded ($STACK_PORTS_FILE), not ${!key}: unset $key to use it, or stop it first (scripts/stack.sh down)"
    fi
  done
}

# Every running service answers on the ports asked for (a stack started with other ports before they were recorded
# would otherwise have the wrong ones recorded).
answers_on_ports() {
  local bad=""
  pg_running && ! pg_accepting && bad+=" postgres:$AGENSIUM_PG_PORT"
  redis_running && ! redis_ping && bad+=" redis:$AGENSIUM_REDIS_PORT"
  s3_running && ! s3_http && bad+=" s3rver:$AGENSIUM_S3_PORT"
  [[ -z "$bad" ]] || die "running but not answering on${bad}: this checkout's stack was started on other ports; set them (AGENSIUM_PG_PORT, AGENSIUM_REDIS_PORT, AGENSIUM_S3_PORT) or stop it (scripts/stack.sh down)"
}

# The node port offset is recorded too (scripts/node.sh and demo.sh read it in a new shell; not compared by check_ports).
record_ports() {
  printf 'AGENSIUM_PG_PORT=%s\nAGENSIUM_REDIS_PORT=%s\nAGENSIUM_S3_PORT=%s\nAGENSIUM_TEST_PORT_OFFSET=%s\n' \
    "$AGENSIUM_PG_PORT" "$AGENSIUM_REDIS_PORT" "$AGENSIUM_S3_PORT" "${AGENSIUM_TEST_PORT_OFFSET:-0}" > "$STACK_PORTS_FILE"
}

print_status() { # returns 0 if all running
  local all=0 pid
  if pid="$(pg_pid)"; then
    printf '%-9s running  127.0.0.1:%s  pid %s  db %s\n' postgres "$AGENSIUM_PG_PORT" "$pid" "$AGENSIUM_PG_DB"
  else
    printf '%-9s stopped  127.0.0.1:%s\n' postgres "$AGENSIUM_PG_PORT"; all=3
  fi
  if pid="$(redis_pid)"; then
    printf '%-9s running  127.0.0.1:%s  pid %s\n' redis "$AGENSIUM_REDIS_PORT" "$pid"
  else
    printf '%-9s stopped  127.0.0.1:%s\n' redis "$AGENSIUM_REDIS_PORT"; all=3
  fi
  if pid="$(s3_pid)"; then
    printf '%-9s running  127.0.0.1:%s  pid %s  bucket %s\n' s3rver "$AGENSIUM_S3_PORT" "$pid" "$AGENSIUM_S3_BUCKET"
  else
    printf '%-9s stopped  127.0.0.1:%s\n' s3rver "$AGENSIUM_S3_PORT"; all=3
  fi
  return "$all"
}

print_env() {
  cat <<EOF

Connection settings (or: source scripts/lib/stack-env.sh):
  ConnectionStrings__Postgres=$ConnectionStrings__Postgres
  Redis__Configuration=$Redis__Configuration
  S3__ServiceUrl=$S3__ServiceUrl
  S3__Bucket=$S3__Bucket
  S3__AccessKey=$S3__AccessKey
  S3__SecretKey=$S3__SecretKey
EOF
}

cmd_up() {
  take_lock
  check_ports
  if pg_running && redis_running && s3_running; then
    answers_on_ports
    record_ports
    print_status
    return 0
  fi
  ensure_packages
  mkdir -p "$LOCAL_DIR"

  if pg_running; then
    pg_accepting || wait_ready postgres "$PG_LOG" pg_accepting pg_failed
  else
    pg_start
  fi
  pg_migrate_and_seed

  if redis_running; then
    wait_ready redis "$REDIS_LOG" redis_ping redis_failed
  else
    redis_start
  fi

  if s3_running; then
    wait_ready s3rver "$S3_LOG" s3_ready s3_failed
  else
    s3_start
  fi
  record_ports

  echo
  print_status
  print_env
}

cmd_down() {
  take_lock
  s3_stop
  redis_stop
  pg_stop
  rm -f "$STACK_PORTS_FILE"
  print_status || true
}

cmd_status() {
  check_ports
  print_status && exit 0
  exit 3
}

cmd_migrate() {
  take_lock
  pg_running && pg_accepting || die "postgres is not running (scripts/stack.sh up)"
  pg_migrate_and_seed
}

case "${1:-}" in
  up)      cmd_up ;;
  browser) mkdir -p "$LOCAL_DIR"; ensure_browser; log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)" ;;
  down)    cmd_down ;;
  status)  cmd_status ;;
  migrate) cmd_migrate ;;
  *)
    echo "usage: $(basename -- "$0") up|down|status|migrate|browser" >&2
    exit 2
    ;;
esac
