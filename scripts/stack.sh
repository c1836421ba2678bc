#!/usr/bin/env bash
# Dev stack: PostgreSQL + scim-server (FastCGI workers) + nginx (TLS), all under one
# var dir, used by `make run` and by the integration tests.
#
#   scripts/stack.sh start   start (or reuse) everything, write $VAR/stack.env, return
#   scripts/stack.sh run     start, stay in the foreground until SIGINT/SIGTERM, then stop;
#                            exits non-zero if the scim-server master dies on its own
#   scripts/stack.sh stop    stop what runs from $VAR (only PIDs / pid files in $VAR); idempotent
#   scripts/stack.sh db-stop | db-start   stop or start only PostgreSQL (fault tests)
#
# Env: SCIM_VAR_DIR (default <repo>/var), SCIM_HTTPS_PORT (default 8443), SCIM_RATE_LIMITS_FILE,
#      SCIM_WORKERS (default 2 per CPU, as the server), SCIM_SERVER_BIN / SCIMCTL_BIN (default <repo>/build/...),
#      SCIM_PG_SETTINGS (extra postgresql.conf lines; the benchmark loads pg_stat_statements).
# As root, PostgreSQL, the workers and the nginx workers run as the system user `scim`
# (created once); otherwise everything runs as the invoking user. No TCP port is opened
# but 127.0.0.1:$SCIM_HTTPS_PORT, so stacks with different var dirs and ports run side by side.
set -euo pipefail
umask 022

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
PORT=${SCIM_HTTPS_PORT:-8443}
WORKERS=${SCIM_WORKERS:-$((2 * $(nproc)))}
SERVER_BIN=$(realpath -m -- "${SCIM_SERVER_BIN:-$REPO/build/scim-server}")
SCIMCTL=$(realpath -m -- "${SCIMCTL_BIN:-$REPO/build/scimctl}")

VAR=$(realpath -m -- "${SCIM_VAR_DIR:-$REPO/var}")

if ! [[ $PORT =~ ^[1-9][0-9]{0,4}$ ]] || ((PORT > 65535)); then
  echo "stack: SCIM_HTTPS_PORT must be a TCP port, not '$PORT'" >&2
  exit 2
fi
if ! [[ $WORKERS =~ ^[1-9][0-9]*$ ]]; then
  echo "stack: SCIM_WORKERS must be a positive integer, not '$WORKERS'" >&2
  exit 2
fi

PG_DATA=$VAR/pg
RUN_DIR=$VAR/run
LOG_DIR=$VAR/log
NGX_DIR=$VAR/nginx
SERVER_SOCK=$RUN_DIR/scim.sock
SERVER_PID_FILE=$RUN_DIR/scim-server.pid
NGX_CONF=$NGX_DIR/nginx.conf
NGX_PID_FILE=$NGX_DIR/nginx.pid
SCIM_DB="host=$RUN_DIR dbname=scim user=scim"

if [[ $(id -u) -eq 0 ]]; then
  IS_ROOT=1
  RUN_USER=scim
else
  IS_ROOT=0
  RUN_USER=$(id -un)
fi

say() { printf 'stack: %s\n' "$*" >&2; }

# Processes this invocation started, so a failure stops exactly those.
STARTED_PG=0 STARTED_SERVER=0 STARTED_NGINX=0
SERVER_PID=

# fail MESSAGE [LOGFILE]: report and show the log tail. The EXIT trap set by cmd_start
# then stops what this invocation started (also after any other failing command).
fail() {
  say "FAILED: $1"
  if [[ -n ${2:-} ]]; then
    say "see $2 (last lines follow)"
    tail -n 20 "$2" >&2 2>/dev/null || true
  fi
  exit 1
}

START_DONE=0
cleanup_failed_start() {
  local rc=$?
  ((START_DONE)) && return 0
  ((rc == 0)) && return 0
  set +e
  say "start failed; stopping what this run started"
  ((STARTED_NGINX)) && stop_nginx
  ((STARTED_SERVER)) && stop_server
  ((STARTED_PG)) && stop_postgres
  exit "$rc"
}

# as_run CMD...: one-shot command as the run user, from a directory it can read.
as_run() {
  if ((IS_ROOT)); then
    (cd / && runuser -u "$RUN_USER" -- "$@")
  else
    "$@"
  fi
}

# alive PID: the process exists and is not a zombie.
alive() {
  local st
  st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $st != Z* ]]
}

# pid_from FILE NEEDLE: the PID in FILE if that process is alive and its command line
# contains NEEDLE (guards against PID reuse and against a rewritten pid file).
pid_from() {
  local pid
  [[ -f $1 ]] || return 1
  pid=$(tr -dc '0-9' 2>/dev/null <"$1") || return 1
  [[ -n $pid ]] && alive "$pid" || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
  printf '%s\n' "$pid"
}

# wait_gone PID SECONDS: poll until the process is gone (reaps it if it is our child).
wait_gone() {
  local pid=$1 i
  for ((i = 0; i < $2 * 10; i++)); do
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  return 1
}

lock() {
  exec 9>"$VAR/.stack.lock"
  flock -w 120 9 || { say "another stack.sh holds $VAR/.stack.lock"; exit 1; }
}
unlock() { exec 9>&-; }

# ---------------------------------------------------------------- setup

ensure_run_user() {
  ((IS_ROOT)) || return 0
  id -u "$RUN_USER" >/dev/null 2>&1 && return 0
  say "creating system user $RUN_USER"
  useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_USER" ||
    id -u "$RUN_USER" >/dev/null 2>&1 || fail "useradd $RUN_USER"
}

# Give the run user search permission on DIR and every ancestor it cannot traverse
# (a checkout under /root is mode 0700): an ACL entry, or o+x where ACLs are unsupported.
make_traversable() {
  ((IS_ROOT)) || return 0
  local target=$1 dir="" part
  local -a parts
  IFS=/ read -r -a parts <<<"${target#/}"
  for part in / "${parts[@]}"; do
    [[ -z $part ]] && continue
    if [[ $part == / ]]; then dir=/; else dir=${dir%/}/$part; fi
    runuser -u "$RUN_USER" -- test -x "$dir" && continue
    say "granting $RUN_USER search permission on $dir"
    setfacl -m "u:$RUN_USER:x" "$dir" 2>/dev/null || chmod o+x "$dir" ||
      fail "cannot make $dir traversable for $RUN_USER"
  done
}

check_socket_path() {
  # sun_path holds 107 bytes plus NUL.
  local longest="$RUN_DIR/.s.PGSQL.5432"
  ((${#longest} <= 107)) ||
    fail "var dir path too long for unix sockets ($longest); set SCIM_VAR_DIR to a shorter path"
}

make_layout() {
  local d
  mkdir -p "$VAR"
  check_socket_path
  ensure_run_user
  [[ -x $SERVER_BIN ]] || fail "scim-server binary not found: $SERVER_BIN (run make, or set SCIM_SERVER_BIN)"
  [[ -x $SCIMCTL ]] || fail "scimctl binary not found: $SCIMCTL (run make, or set SCIMCTL_BIN)"
  make_traversable "$VAR"
  make_traversable "$(dirname "$SERVER_BIN")"
  if ((IS_ROOT)); then
    runuser -u "$RUN_USER" -- test -x "$SERVER_BIN" ||
      fail "$RUN_USER cannot execute $SERVER_BIN"
  fi
  mkdir -p "$NGX_DIR/tmp"
  # The nginx dir stays the invoker's: its master (root when we are root) writes the pid
  # file and reads the key there, so the run user must not be able to replace them.
  chmod 0711 "$NGX_DIR" "$NGX_DIR/tmp"
  for d in "$PG_DATA" "$RUN_DIR" "$LOG_DIR"; do
    mkdir -p "$d"
    ((IS_ROOT)) && chown "$RUN_USER:" "$d"
    chmod 0700 "$d"
  done
}

# ---------------------------------------------------------------- postgres

# pg_bin: the newest /usr/lib/postgresql/*/bin, or nothing.
pg_bin() {
  local -a dirs=(/usr/lib/postgresql/*/bin/pg_ctl)
  [[ -x ${dirs[0]} ]] || return 0
  printf '%s\n' "${dirs[@]%/pg_ctl}" | sort -V | tail -n 1
}

FRESH_CLUSTER=0

start_postgres() {
  local bin log=$LOG_DIR/postgres.log
  bin=$(pg_bin)
  [[ -n $bin ]] || fail "no PostgreSQL in /usr/lib/postgresql/*/bin (run scripts/deps.sh)"
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    say "initdb $PG_DATA"
    as_run "$bin/initdb" -D "$PG_DATA" -U scim -A trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$LOG_DIR/initdb.log" 2>&1 ||
      as_run "$bin/initdb" -D "$PG_DATA" -U scim -A trust --encoding=UTF8 --locale=C \
        >"$LOG_DIR/initdb.log" 2>&1 ||
      fail "initdb" "$LOG_DIR/initdb.log"
    printf "\ninclude_if_exists = 'scim-stack.conf'\n" >>"$PG_DATA/postgresql.conf"
    FRESH_CLUSTER=1
  fi
  # Re-rendered on every start so a moved var dir keeps working. No TCP listener.
  cat >"$PG_DATA/scim-stack.conf" <<EOF
# Written by scripts/stack.sh on every start.
listen_addresses = ''
unix_socket_directories = '$RUN_DIR'
unix_socket_permissions = 0700
${SCIM_PG_SETTINGS:-}
EOF
  ((IS_ROOT)) && chown "$RUN_USER:" "$PG_DATA/scim-stack.conf"
  if as_run "$bin/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; then
    say "postgres already running"
  else
    as_run "$bin/pg_ctl" start -w -t 60 -D "$PG_DATA" -l "$log" >/dev/null 9>&- ||
      fail "postgres did not start" "$log"
    STARTED_PG=1
  fi
  if [[ $(as_run "$bin/psql" -X -h "$RUN_DIR" -U scim -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'scim'") != 1 ]]; then
    as_run "$bin/createdb" -h "$RUN_DIR" -U scim scim || fail "createdb scim" "$log"
  fi
}

stop_postgres() {
  [[ -f $PG_DATA/postmaster.pid ]] || return 0
  local bin
  bin=$(pg_bin)
  [[ -n $bin ]] || return 0
  as_run "$bin/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1 || return 0
  as_run "$bin/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null 2>&1 ||
    say "pg_ctl stop failed; see $LOG_DIR/postgres.log"
}

# ---------------------------------------------------------------- scimctl

# scimctl ARGS...: run scimctl against this stack's database; stderr goes to the log.
# stdout is the caller's (it may carry a token, which stays out of the log).
scimctl() {
  printf '== %s scimctl %s\n' "$(date -Is)" "$*" >>"$LOG_DIR/scimctl.log"
  SCIM_DB=$SCIM_DB "$SCIMCTL" "$@" 2>>"$LOG_DIR/scimctl.log"
}

migrate() {
  scimctl migrate "$REPO/sql" >>"$LOG_DIR/scimctl.log" ||
    fail "scimctl migrate $REPO/sql" "$LOG_DIR/scimctl.log"
}

# last_line ARGS...: the last line of a scimctl create command's stdout (the new id or token).
last_line() {
  local out
  out=$(scimctl "$@") || fail "scimctl $*" "$LOG_DIR/scimctl.log"
  out=$(printf '%s\n' "$out" | tail -n 1 | tr -d '\r')
  [[ -n $out && $out != *[[:space:]]* ]] ||
    fail "scimctl $* printed no id on its last line" "$LOG_DIR/scimctl.log"
  printf '%s\n' "$out"
}

demo_data() {
  local org app token tmp
  # A new cluster has none of the ids an old demo.env names.
  ((FRESH_CLUSTER)) && rm -f "$VAR/demo.env"
  [[ -f $VAR/demo.env ]] && return 0
  say "creating demo org, app and token"
  org=$(last_line org create demo)
  app=$(last_line app create "$org" demo-app)
  token=$(last_line token create "$app")
  tmp=$(mktemp "$VAR/.demo.env.XXXXXX")
  printf 'SCIM_ORG_ID=%s\nSCIM_APP_ID=%s\nSCIM_TOKEN=%s\n' "$org" "$app" "$token" >"$tmp"
  chmod 0600 "$tmp"
  mv "$tmp" "$VAR/demo.env"
}

# The demo organisation's administrator for the portal, once (a demo.env of an older
# version has none): its password generated by scimctl and kept in demo.env.
demo_admin() {
  local org email=admin@example.com password
  grep -q '^SCIM_PORTAL_PASSWORD=' "$VAR/demo.env" && return 0
  org=$(sed -n 's/^SCIM_ORG_ID=//p' "$VAR/demo.env")
  say "creating the demo administrator"
  password=$(last_line admin create "$org" "$email" </dev/null)
  printf 'SCIM_PORTAL_EMAIL=%s\nSCIM_PORTAL_PASSWORD=%s\n' "$email" "$password" >>"$VAR/demo.env"
}

# ---------------------------------------------------------------- scim-server

start_server() {
  local pid i log=$LOG_DIR/scim.log
  if pid=$(pid_from "$SERVER_PID_FILE" "$SERVER_SOCK"); then
    say "scim-server already running (pid $pid)"
    SERVER_PID=$pid
    return 0
  fi
  stop_server # a stale socket, pid file or workers orphaned by a dead master
  printf '== %s starting %s --workers %s\n' "$(date -Is)" "$SERVER_BIN" "$WORKERS" >>"$log"
  # Own session (Ctrl-C reaches only this script, which stops things in order) and
  # setpriv, which execs in place: $! is the master's PID, not a wrapper's.
  local -a drop=()
  ((IS_ROOT)) && drop=(setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --init-groups --
    env HOME=/nonexistent USER="$RUN_USER" LOGNAME="$RUN_USER")
  (cd / && exec setsid "${drop[@]}" env SCIM_DB="$SCIM_DB" \
    "$SERVER_BIN" --socket "$SERVER_SOCK" --workers "$WORKERS") \
    </dev/null >>"$log" 2>&1 9>&- &
  pid=$!
  SERVER_PID=$pid
  STARTED_SERVER=1
  printf '%s\n' "$pid" >"$SERVER_PID_FILE"
  for ((i = 0; i < 300; i++)); do
    [[ -S $SERVER_SOCK ]] && return 0
    alive "$pid" || fail "scim-server exited during start-up" "$log"
    sleep 0.1
  done
  fail "scim-server did not create $SERVER_SOCK within 30 s" "$log"
}

# group_members PGID: PIDs in the server's process group (it runs in its own session,
# so the group id is the master's PID) that are still scim-server processes for this var
# dir: workers left behind by a master that died.
group_members() {
  local p
  for p in $(pgrep -g "$1" 2>/dev/null); do
    tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | grep -qF -- "$SERVER_SOCK" && printf '%s\n' "$p"
  done
  return 0
}

stop_server() {
  local pid raw
  local -a left
  raw=$(tr -dc '0-9' 2>/dev/null <"$SERVER_PID_FILE" || true)
  if pid=$(pid_from "$SERVER_PID_FILE" "$SERVER_SOCK"); then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 15; then
      say "scim-server (pid $pid) ignored SIGTERM for 15 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || true
    fi
  fi
  if [[ -n $raw ]]; then
    mapfile -t left < <(group_members "$raw")
    if ((${#left[@]})); then
      say "terminating leftover scim-server processes: ${left[*]}"
      kill -TERM "${left[@]}" 2>/dev/null || true
      sleep 1
      mapfile -t left < <(group_members "$raw")
      ((${#left[@]} == 0)) || kill -KILL "${left[@]}" 2>/dev/null || true
    fi
  fi
  rm -f "$SERVER_PID_FILE" "$SERVER_SOCK"
}

# ---------------------------------------------------------------- nginx

make_cert() {
  [[ -s $NGX_DIR/cert.pem && -s $NGX_DIR/key.pem ]] && return 0
  say "generating self-signed certificate in $NGX_DIR"
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$NGX_DIR/key.pem" -out "$NGX_DIR/cert.pem" -days 825 \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost") \
    >"$LOG_DIR/openssl.log" 2>&1 || fail "openssl req" "$LOG_DIR/openssl.log"
  chmod 0644 "$NGX_DIR/cert.pem"
}

render_nginx_conf() {
  local nproc user_line=""
  nproc=$(nproc)
  ((IS_ROOT)) && user_line="user $RUN_USER;"
  # `include fastcgi_params;` in the snippet resolves against this conf's directory.
  cp /etc/nginx/fastcgi_params "$NGX_DIR/fastcgi_params"
  # snippets/scim-http.conf includes snippets/scim-rate-limits.conf relative to the conf
  # directory, as in production; SCIM_RATE_LIMITS_FILE replaces it (the benchmark does).
  mkdir -p "$NGX_DIR/snippets"
  cp "${SCIM_RATE_LIMITS_FILE:-$REPO/nginx/snippets/scim-rate-limits.conf}" "$NGX_DIR/snippets/scim-rate-limits.conf"
  cat >"$NGX_CONF" <<EOF
# Written by scripts/stack.sh on every start; edit nginx/snippets/*.conf instead.
$user_line
worker_processes $((nproc < 2 ? 1 : 2));
pid $NGX_PID_FILE;
error_log $LOG_DIR/nginx-error.log warn;

# A burst of 2,000 requests holds 4,000 connections (client and worker side): room for it.
worker_rlimit_nofile 20000;
events {
    worker_connections 8192;
}

http {
    include $REPO/nginx/snippets/scim-http.conf;
    access_log $LOG_DIR/access.log scim_json;

    client_body_temp_path $NGX_DIR/tmp/client_body;
    fastcgi_temp_path     $NGX_DIR/tmp/fastcgi;
    proxy_temp_path       $NGX_DIR/tmp/proxy;
    uwsgi_temp_path       $NGX_DIR/tmp/uwsgi;
    scgi_temp_path        $NGX_DIR/tmp/scgi;

    # No HSTS on localhost (see nginx/snippets/scim-fastcgi.conf).
    map \$scheme \$scim_hsts {
        default "";
    }

    upstream scim_workers {
        server unix:$SERVER_SOCK;
        include $REPO/nginx/snippets/scim-upstream.conf;
    }

    server {
        listen 127.0.0.1:$PORT ssl http2;
        server_name 127.0.0.1 localhost;

        ssl_certificate     $NGX_DIR/cert.pem;
        ssl_certificate_key $NGX_DIR/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;

        include $REPO/nginx/snippets/scim-fastcgi.conf;
        include $REPO/nginx/snippets/scim-locations.conf;
    }
}
EOF
}

NGINX=(nginx -p "$NGX_DIR/" -c "$NGX_CONF" -e "$LOG_DIR/nginx-error.log")

start_nginx() {
  local pid log=$LOG_DIR/nginx-error.log
  command -v nginx >/dev/null || fail "nginx not installed (run scripts/deps.sh)"
  make_cert
  render_nginx_conf
  "${NGINX[@]}" -q -t >>"$log" 2>&1 || fail "nginx configuration test ($NGX_CONF)" "$log"
  if pid=$(pid_from "$NGX_PID_FILE" "$NGX_CONF"); then
    say "nginx already running (pid $pid); reloading"
    kill -HUP "$pid"
    return 0
  fi
  rm -f "$NGX_PID_FILE"
  "${NGINX[@]}" </dev/null >>"$log" 2>&1 9>&- ||
    fail "nginx did not start (port 127.0.0.1:$PORT busy?)" "$log"
  STARTED_NGINX=1
  pid_from "$NGX_PID_FILE" "$NGX_CONF" >/dev/null || fail "nginx wrote no pid file" "$log"
}

stop_nginx() {
  local pid
  if pid=$(pid_from "$NGX_PID_FILE" "$NGX_CONF"); then
    kill -QUIT "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 10; then
      kill -TERM "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || say "nginx (pid $pid) did not exit"
    fi
  fi
  rm -f "$NGX_PID_FILE"
}

# ---------------------------------------------------------------- commands

write_stack_env() {
  local org token tmp base portal email password
  org=$(sed -n 's/^SCIM_ORG_ID=//p' "$VAR/demo.env")
  token=$(sed -n 's/^SCIM_TOKEN=//p' "$VAR/demo.env")
  email=$(sed -n 's/^SCIM_PORTAL_EMAIL=//p' "$VAR/demo.env")
  password=$(sed -n 's/^SCIM_PORTAL_PASSWORD=//p' "$VAR/demo.env")
  portal="https://127.0.0.1:$PORT/orgs/$org/portal/applications"
  base="https://127.0.0.1:$PORT/orgs/$org/api/v1/scim/v2"
  tmp=$(mktemp "$VAR/.stack.env.XXXXXX")
  cat >"$tmp" <<EOF
SCIM_BASE_URL=$base
SCIM_TOKEN=$token
SCIM_DB=$SCIM_DB
SCIM_ORG_ID=$org
SCIM_VAR_DIR=$VAR
SCIM_HTTPS_PORT=$PORT
SCIM_PORTAL_URL=$portal
SCIM_PORTAL_EMAIL=$email
SCIM_PORTAL_PASSWORD=$password
EOF
  chmod 0600 "$tmp"
  mv "$tmp" "$VAR/stack.env"
  head -n 3 "$VAR/stack.env"
  printf 'try: curl -k -H "Authorization: Bearer %s" "%s/Users"\n' "$token" "$base"
  say "settings in $VAR/stack.env, logs in $LOG_DIR"
  printf 'SCIM_PORTAL_URL=%s\nSCIM_PORTAL_EMAIL=%s\nSCIM_PORTAL_PASSWORD=%s\n' "$portal" "$email" "$password"
}

cmd_start() {
  trap cleanup_failed_start EXIT
  mkdir -p "$VAR"
  lock
  make_layout
  start_postgres
  migrate
  start_server
  start_nginx
  demo_data
  demo_admin
  write_stack_env
  START_DONE=1
  unlock
}

cmd_stop() {
  [[ -d $VAR ]] || return 0
  lock
  stop_nginx
  stop_server
  stop_postgres
  unlock
}

cmd_run() {
  local stopping=0 rc=0
  if pid_from "$SERVER_PID_FILE" "$SERVER_SOCK" >/dev/null; then
    say "a stack is already running from $VAR; stop it first: scripts/stack.sh stop"
    exit 1
  fi
  trap 'stopping=1' INT TERM
  cmd_start
  say "running; Ctrl-C stops the stack"
  while ((!stopping)) && alive "$SERVER_PID"; do
    sleep 1 &
    wait $! || true
  done
  if ((!stopping)); then
    wait "$SERVER_PID" 2>/dev/null && rc=$? || rc=$?
    say "scim-server (pid $SERVER_PID) exited unexpectedly (status $rc); stopping the stack; see $LOG_DIR/scim.log"
    tail -n 20 "$LOG_DIR/scim.log" >&2 || true
    cmd_stop
    exit 1
  fi
  say "stopping"
  cmd_stop
}

# For fault tests: stop or start only the database of a running stack.
cmd_db_stop() {
  lock
  stop_postgres
  unlock
}

cmd_db_start() {
  lock
  start_postgres
  unlock
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  run) cmd_run ;;
  db-stop) cmd_db_stop ;;
  db-start) cmd_db_start ;;
  *)
    echo "usage: $0 run | start | stop | db-stop | db-start" >&2
    exit 2
    ;;
esac
