# shellcheck shell=bash
# Shared helpers for bin/run, bin/stop and bin/test. Source it; do not execute it.
#
# Names, ports and credentials follow docs/decisions/0001-local-topology.md.
# Everything this tooling creates lives under .data/ (git-ignored):
#   .data/logs/*.log      logs of the processes we start
#   .data/run/*.pid       pid (= process group id) of each process we started
#   .data/run/*.started   markers ("we started PostgreSQL", ...)
#   .data/keycloak/       the Keycloak distribution (fetched once) and realm checksum
#   .data/pg/             a private PostgreSQL cluster (only when no system cluster exists)
#   .data/state/          checksums to skip rebuilding what did not change

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/.data"
LOGS="$DATA/logs"
RUN="$DATA/run"
STATE="$DATA/state"

PG_PORT=5432
PG_USER=bastion
PG_PASSWORD=bastion
KC_VERSION=26.7.3
KC_PORT=8180
KC_MGMT_PORT=9180
KC_REALM=bastion
KC_DIR="$DATA/keycloak"
KC_HOME="$KC_DIR/keycloak-$KC_VERSION"
BACKEND_PORT=8080
SPA_PORT=5173

# Processes started by *this* invocation (names: keycloak backend frontend); stopped by cleanup.
STARTED_HERE=()
PG_STARTED_HERE=""

mkdir -p "$LOGS" "$RUN" "$STATE"

# ---------------------------------------------------------------- output

if [[ -t 1 ]]; then _B=$'\e[1m'; _R=$'\e[31m'; _G=$'\e[32m'; _Y=$'\e[33m'; _N=$'\e[0m'; else _B='' _R='' _G='' _Y='' _N=''; fi
info() { printf '%s==>%s %s\n' "$_B" "$_N" "$*"; }
ok()   { printf '%s ok%s %s\n' "$_G" "$_N" "$*"; }
warn() { printf '%swarn:%s %s\n' "$_Y" "$_N" "$*" >&2; }
die()  {
  printf '%serror:%s %s\n' "$_R" "$_N" "$*" >&2
  # bin/test records why a suite could not run.
  if [[ -n "${DIE_NOTE_FILE:-}" ]]; then printf 'notrun: %s\n' "$*" >"$DIE_NOTE_FILE"; fi
  exit 1
}

sha_of_files() { # sha_of_files PATH... -> one checksum over the content and names of all files
  # Skips build output and dependencies.
  { find "$@" \( -name target -o -name node_modules -o -name dist -o -name test-results \
      -o -name playwright-report -o -name .vite -o -name coverage \) -prune -o -type f -print0 2>/dev/null || true; } \
    | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -d' ' -f1
}

# ---------------------------------------------------------------- JDK

java_major() { # java_major /path/to/java -> 17, 21, 25 ...
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1 | cut -d. -f1
}

find_jdk() { # sets JAVA_HOME to a JDK >= 21 and puts it first on PATH
  local candidates=() c v
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  # newest first
  # shellcheck disable=SC2012  # plain directory names
  while IFS= read -r c; do candidates+=("$c"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" && -x "$c/bin/javac" ]] || continue
    v="$(java_major "$c/bin/java")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK >= 21 found (checked JAVA_HOME, javac on PATH and /usr/lib/jvm/*). Install one, e.g. apt-get install openjdk-21-jdk-headless, or set JAVA_HOME."
}

# ---------------------------------------------------------------- processes

port_in_use() { # port_in_use PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# What the command line of each process we start looks like (guards against pid reuse).
proc_pattern() {
  case "$1" in
    keycloak) echo 'keycloak|kc\.sh' ;;
    backend) echo 'quarkus-run\.jar' ;;
    frontend) echo 'npm|node|vite' ;;
    *) echo . ;;
  esac
}

# pid of NAME from .data/run/NAME.pid if that process still runs and looks like ours, else empty.
# Each process we start leads its own process group (setsid), so pid = pgid.
our_pid() { # our_pid NAME
  local f="$RUN/$1.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -Eq "$(proc_pattern "$1")"; then
    echo "$pid"
  else
    rm -f "$f"
  fi
}

# start_bg NAME LOGFILE CMD... : start CMD in its own session, log to LOGFILE, write .data/run/NAME.pid.
start_bg() {
  local name="$1" logfile="$2"; shift 2
  : >"$logfile"
  # The inner bash records its own pid then execs the command, so the pid file holds the real
  # process (and group leader), whatever setsid does about forking.
  # shellcheck disable=SC2016  # expanded by the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$RUN/$name.pid" "$@" </dev/null >>"$logfile" 2>&1 &
  local i
  for i in $(seq 1 50); do [[ -s "$RUN/$name.pid" ]] && break; sleep 0.1; done
  [[ -s "$RUN/$name.pid" ]] || die "could not start $name"
  STARTED_HERE+=("$name")
}

# stop_bg NAME : stop the process group recorded in .data/run/NAME.pid (TERM, then KILL after 20 s).
stop_bg() {
  local name="$1" pid i
  pid="$(our_pid "$name")"
  if [[ -z "$pid" ]]; then rm -f "$RUN/$name.pid"; return 0; fi
  info "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do pid_alive "$pid" || break; sleep 0.5; done
  if pid_alive "$pid"; then
    warn "$name did not stop in 20 s, killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$name.pid"
  [[ "$name" == backend ]] && rm -f "$RUN/backend.db"
  return 0
}

# wait_http NAME URL TIMEOUT_S [PIDNAME] : wait until URL answers 2xx; fail early if PIDNAME died.
wait_http() {
  local name="$1" url="$2" timeout="$3" pidname="${4:-}" start now code
  start=$(date +%s)
  while :; do
    code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" || true)"
    [[ "$code" == 2* ]] && return 0
    if [[ -n "$pidname" && -z "$(our_pid "$pidname")" ]]; then
      warn "$name exited while starting; last lines of $LOGS/$pidname.log:"
      tail -n 40 "$LOGS/$pidname.log" >&2 || true
      return 1
    fi
    now=$(date +%s)
    if (( now - start > timeout )); then
      warn "$name not ready after ${timeout}s ($url answered '$code'); last lines of $LOGS/${pidname:-$name}.log:"
      tail -n 40 "$LOGS/${pidname:-$name}.log" >&2 || true
      return 1
    fi
    sleep 1
  done
}

# Stop what this invocation started (newest first), and PostgreSQL if we started it.
cleanup_started() {
  local i
  for (( i=${#STARTED_HERE[@]}-1; i>=0; i-- )); do stop_bg "${STARTED_HERE[$i]}"; done
  STARTED_HERE=()
  if [[ -n "$PG_STARTED_HERE" ]]; then pg_stop_ours; PG_STARTED_HERE=""; fi
}

# ---------------------------------------------------------------- PostgreSQL

# shellcheck disable=SC2012  # plain directory names
pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1; }

pg_ready() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; }

as_postgres() { # run a command as the postgres OS user
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"
  elif [[ "$(id -un)" == postgres ]]; then "$@"
  else sudo -n -u postgres "$@"; fi
}

# psql as superuser: over the private cluster's socket, or as the postgres OS user on the system one.
pg_super() {
  if [[ -f "$RUN/postgres.private" ]]; then
    psql -X -q -v ON_ERROR_STOP=1 -h "$DATA/pg-socket" -p "$PG_PORT" -U postgres -d postgres "$@"
  else
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"
  fi
}

pg_start() { # start PostgreSQL on 127.0.0.1:5432 unless something already answers there
  if pg_ready; then ok "PostgreSQL already running on 127.0.0.1:$PG_PORT"; return 0; fi
  local v; v="$(pg_version)"
  [[ -n "$v" ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)"
  if command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$v main"; then
    info "starting PostgreSQL cluster $v/main"
    pg_ctlcluster "$v" main start || die "pg_ctlcluster $v main start failed (see /var/log/postgresql/)"
    echo "cluster $v main" >"$RUN/postgres.started"
  else
    local bin="/usr/lib/postgresql/$v/bin" pgdata="$DATA/pg" sock="$DATA/pg-socket"
    mkdir -p "$sock"
    if [[ ! -f "$pgdata/PG_VERSION" ]]; then
      info "creating a private PostgreSQL $v cluster in .data/pg"
      mkdir -p "$pgdata"
      if [[ $EUID -eq 0 ]]; then chown postgres: "$pgdata" "$sock"; fi
      # initdb refuses to run as root, hence as_postgres when we are root.
      if [[ $EUID -eq 0 ]]; then
        as_postgres "$bin/initdb" -D "$pgdata" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/postgres-initdb.log" 2>&1 \
          || die "initdb failed, see $LOGS/postgres-initdb.log"
      else
        "$bin/initdb" -D "$pgdata" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/postgres-initdb.log" 2>&1 \
          || die "initdb failed, see $LOGS/postgres-initdb.log"
      fi
    fi
    [[ $EUID -eq 0 ]] && { chown postgres: "$sock"; touch "$LOGS/postgres.log"; chown postgres: "$LOGS/postgres.log"; }
    chmod 700 "$sock"
    info "starting private PostgreSQL $v (.data/pg) on 127.0.0.1:$PG_PORT"
    local pgctl=("$bin/pg_ctl" -D "$pgdata" -l "$LOGS/postgres.log" -w -t 60 -o "-p $PG_PORT -k $sock -c listen_addresses=127.0.0.1" start)
    if [[ $EUID -eq 0 ]]; then as_postgres "${pgctl[@]}" >/dev/null; else "${pgctl[@]}" >/dev/null; fi \
      || die "private PostgreSQL did not start, see $LOGS/postgres.log"
    echo "private $v" >"$RUN/postgres.started"
    touch "$RUN/postgres.private"
  fi
  PG_STARTED_HERE=1
  local i; for i in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT"
  ok "PostgreSQL started"
}

pg_stop_ours() { # stop PostgreSQL only if our tooling started it
  [[ -f "$RUN/postgres.started" ]] || return 0
  local kind v cluster
  read -r kind v cluster <"$RUN/postgres.started"
  info "stopping PostgreSQL ($kind $v ${cluster:-})"
  case "$kind" in
    cluster) pg_ctlcluster "$v" "$cluster" stop || warn "could not stop PostgreSQL $v/$cluster" ;;
    private)
      if [[ $EUID -eq 0 ]]; then as_postgres "/usr/lib/postgresql/$v/bin/pg_ctl" -D "$DATA/pg" -m fast -w stop >/dev/null
      else "/usr/lib/postgresql/$v/bin/pg_ctl" -D "$DATA/pg" -m fast -w stop >/dev/null; fi || warn "could not stop the private PostgreSQL" ;;
  esac
  rm -f "$RUN/postgres.started" "$RUN/postgres.private"
}

pg_can_login() { # pg_can_login DB : can role bastion log in to DB over TCP?
  PGPASSWORD="$PG_PASSWORD" psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$1" -c 'select 1' >/dev/null 2>&1
}

pg_ensure_dbs() { # role bastion/bastion and databases bastion, bastion_test, bastion_e2e (idempotent)
  local db missing=()
  for db in bastion bastion_test bastion_e2e; do pg_can_login "$db" || missing+=("$db"); done
  if [[ ${#missing[@]} -eq 0 ]]; then ok "databases bastion, bastion_test, bastion_e2e ready"; return 0; fi
  info "creating role $PG_USER and databases: ${missing[*]}"
  pg_super -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
      ELSE
        ALTER ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
      END IF; END \$\$;" || die "could not create role $PG_USER (superuser access to PostgreSQL needed)"
  for db in "${missing[@]}"; do
    if [[ -z "$(pg_super -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
      pg_super -c "CREATE DATABASE $db OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0" || die "could not create database $db"
    fi
  done
  for db in "${missing[@]}"; do pg_can_login "$db" || die "role $PG_USER still cannot log in to $db on 127.0.0.1:$PG_PORT (check pg_hba.conf)"; done
  ok "databases ready"
}

pg_recreate_db() { # pg_recreate_db NAME : drop and create an empty database owned by bastion
  info "recreating empty database $1"
  pg_super -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0" \
    || die "could not recreate database $1"
}

# ---------------------------------------------------------------- Keycloak

kc_fetch() { # download and unpack the Keycloak distribution once, through the backend's Maven wrapper
  [[ -x "$KC_HOME/bin/kc.sh" ]] && return 0
  [[ -x "$ROOT/backend/mvnw" ]] || die "backend/mvnw is missing: it is used to fetch Keycloak from Maven Central"
  command -v unzip >/dev/null || die "unzip is missing (apt-get install unzip)"
  local zip="$KC_DIR/dist/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [[ ! -s "$zip" ]]; then
    info "fetching Keycloak $KC_VERSION (≈177 MB, once) through backend/mvnw"
    mkdir -p "$KC_DIR/dist"
    # Run outside the backend project so a broken pom.xml cannot break the fetch.
    (cd "$KC_DIR" && "$ROOT/backend/mvnw" -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$KC_DIR/dist") \
      >"$LOGS/keycloak-fetch.log" 2>&1 || { tail -n 30 "$LOGS/keycloak-fetch.log" >&2; die "Keycloak download failed, see $LOGS/keycloak-fetch.log"; }
  fi
  info "unpacking Keycloak into .data/keycloak"
  rm -rf "$KC_HOME.tmp" && mkdir -p "$KC_HOME.tmp"
  unzip -q "$zip" -d "$KC_HOME.tmp" || die "could not unzip $zip"
  mv "$KC_HOME.tmp/keycloak-$KC_VERSION" "$KC_HOME" && rm -rf "$KC_HOME.tmp"
}

kc_realm_sha() { sha256sum "$ROOT/keycloak/realm.json" | cut -d' ' -f1; }

kc_start() {
  local pid; pid="$(our_pid keycloak)"
  if [[ -n "$pid" ]]; then
    if [[ "$(cat "$KC_DIR/realm.sha256" 2>/dev/null)" != "$(kc_realm_sha)" ]]; then
      warn "Keycloak (pid $pid) runs with an older keycloak/realm.json; run bin/stop (or stop it) and start again to re-import"
    fi
    wait_http Keycloak "http://localhost:$KC_MGMT_PORT/health/ready" 180 keycloak || die "Keycloak (pid $pid) is not healthy"
    ok "Keycloak already running (pid $pid) on http://localhost:$KC_PORT"
    return 0
  fi
  if port_in_use "$KC_PORT" && curl -sf -o /dev/null "http://localhost:$KC_PORT/realms/bastion"; then
    # another checkout's Keycloak (same realm): share it rather than fail; its realm is whatever that checkout imported
    warn "reusing the Keycloak already serving realm bastion on http://localhost:$KC_PORT (not started by this checkout)"
    return 0
  fi
  port_in_use "$KC_PORT" && die "port $KC_PORT is in use by a process bin/run did not start; stop it first"
  port_in_use "$KC_MGMT_PORT" && die "port $KC_MGMT_PORT is in use by a process bin/run did not start; stop it first"
  [[ -f "$ROOT/keycloak/realm.json" ]] || die "keycloak/realm.json is missing"
  kc_fetch
  mkdir -p "$KC_HOME/data/import"
  rm -f "$KC_HOME/data/import/"*.json
  cp "$ROOT/keycloak/realm.json" "$KC_HOME/data/import/bastion-realm.json"
  local sha; sha="$(kc_realm_sha)"
  if [[ "$(cat "$KC_DIR/realm.sha256" 2>/dev/null)" != "$sha" ]]; then
    # --import-realm skips realms that exist: wipe the dev database so the changed realm is imported.
    [[ -d "$KC_HOME/data/h2" ]] && info "keycloak/realm.json changed: wiping Keycloak's dev database to re-import it"
    rm -rf "$KC_HOME/data/h2"
  fi
  info "starting Keycloak $KC_VERSION on http://localhost:$KC_PORT (first start ≈ 1 min, later ≈ 20 s)"
  start_bg keycloak "$LOGS/keycloak.log" env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$KC_HOME/bin/kc.sh" start-dev --http-port "$KC_PORT" --http-management-port "$KC_MGMT_PORT" \
    --health-enabled=true --import-realm
  wait_http Keycloak "http://localhost:$KC_MGMT_PORT/health/ready" 300 keycloak || die "Keycloak did not become ready"
  wait_http "realm $KC_REALM" "http://localhost:$KC_PORT/realms/$KC_REALM/.well-known/openid-configuration" 60 keycloak \
    || die "Keycloak is up but realm '$KC_REALM' is missing: the import failed, see $LOGS/keycloak.log"
  echo "$sha" >"$KC_DIR/realm.sha256"
  ok "Keycloak ready on http://localhost:$KC_PORT (admin console: admin / admin)"
}

# ---------------------------------------------------------------- backend

BACKEND_JAR="$ROOT/backend/target/quarkus-app/quarkus-run.jar"

be_build() {
  [[ -f "$ROOT/backend/pom.xml" && -x "$ROOT/backend/mvnw" ]] || die "backend/pom.xml or backend/mvnw is missing: no backend to build yet"
  local sha; sha="$(sha_of_files "$ROOT/backend" "$ROOT/openapi.yaml")"
  if [[ -f "$BACKEND_JAR" && "$(cat "$STATE/backend.sha256" 2>/dev/null)" == "$sha" ]]; then
    ok "backend unchanged since the last build, skipping the build"
    return 0
  fi
  info "building the backend (backend/mvnw package -DskipTests, log: .data/logs/backend-build.log)"
  rm -f "$STATE/backend.sha256"
  if ! "$ROOT/backend/mvnw" -f "$ROOT/backend/pom.xml" -B -q package -DskipTests >"$LOGS/backend-build.log" 2>&1; then
    tail -n 40 "$LOGS/backend-build.log" >&2
    die "backend build failed, see $LOGS/backend-build.log"
  fi
  [[ -f "$BACKEND_JAR" ]] || die "backend build produced no $BACKEND_JAR"
  echo "$sha" >"$STATE/backend.sha256"
  ok "backend built"
}

be_start() { # be_start DATABASE
  local db="${1:-bastion}" pid; pid="$(our_pid backend)"
  if [[ -n "$pid" ]]; then
    if [[ "$(cat "$RUN/backend.db" 2>/dev/null)" != "$db" ]]; then
      die "a backend started by bin/run (pid $pid) already runs against database '$(cat "$RUN/backend.db" 2>/dev/null)'; run bin/stop first"
    fi
    wait_http backend "http://localhost:$BACKEND_PORT/q/health/ready" 120 backend || die "backend (pid $pid) is not healthy"
    ok "backend already running (pid $pid) on http://localhost:$BACKEND_PORT"
    return 0
  fi
  port_in_use "$BACKEND_PORT" && die "port $BACKEND_PORT is in use by a process bin/run did not start; stop it first"
  [[ -f "$BACKEND_JAR" ]] || die "$BACKEND_JAR is missing (build the backend first)"
  info "starting the backend on http://localhost:$BACKEND_PORT (database $db, demo data on)"
  echo "$db" >"$RUN/backend.db"
  start_bg backend "$LOGS/backend.log" env \
    QUARKUS_HTTP_PORT="$BACKEND_PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://localhost:$KC_PORT/realms/$KC_REALM" \
    BASTION_DEMO_LOAD=true \
    "$JAVA_HOME/bin/java" -jar "$BACKEND_JAR"
  wait_http backend "http://localhost:$BACKEND_PORT/q/health/ready" 180 backend || die "backend did not become ready, see $LOGS/backend.log"
  ok "backend ready on http://localhost:$BACKEND_PORT"
}

# ---------------------------------------------------------------- frontend (SPA)

fe_require() {
  [[ -f "$ROOT/frontend/package.json" ]] || die "frontend/package.json is missing: no SPA to build yet"
  command -v node >/dev/null || die "node is missing (Node >= 20 needed)"
  local major; major="$(node -p 'process.versions.node.split(".")[0]')"
  [[ "$major" -ge 20 ]] || die "Node >= 20 needed, found $(node -v)"
}

fe_has_script() { # fe_has_script NAME
  node -e 'const p=require(process.argv[1]); process.exit(p.scripts && p.scripts[process.argv[2]] ? 0 : 1)' \
    "$ROOT/frontend/package.json" "$1" 2>/dev/null
}

fe_install() { # npm ci only when package-lock.json changed (or node_modules is missing)
  fe_require
  local lock="$ROOT/frontend/package-lock.json" sha
  if [[ -f "$lock" ]]; then
    sha="$(sha256sum "$lock" | cut -d' ' -f1)"
    if [[ -d "$ROOT/frontend/node_modules" && "$(cat "$STATE/frontend-lock.sha256" 2>/dev/null)" == "$sha" ]]; then
      return 0
    fi
    # node_modules installed by someone else (npm ci / npm install) after the last lock change: keep it.
    local hidden="$ROOT/frontend/node_modules/.package-lock.json"
    if [[ -f "$hidden" && "$hidden" -nt "$lock" && "$hidden" -nt "$ROOT/frontend/package.json" ]]; then
      echo "$sha" >"$STATE/frontend-lock.sha256"
      return 0
    fi
    info "npm ci in frontend/ (log: .data/logs/npm-ci.log)"
    rm -f "$STATE/frontend-lock.sha256"
    (cd "$ROOT/frontend" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) >"$LOGS/npm-ci.log" 2>&1 \
      || { tail -n 30 "$LOGS/npm-ci.log" >&2; die "npm ci failed, see $LOGS/npm-ci.log"; }
    echo "$sha" >"$STATE/frontend-lock.sha256"
  else
    warn "frontend/package-lock.json is missing: running npm install"
    (cd "$ROOT/frontend" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund) >"$LOGS/npm-ci.log" 2>&1 \
      || { tail -n 30 "$LOGS/npm-ci.log" >&2; die "npm install failed, see $LOGS/npm-ci.log"; }
  fi
}

fe_build() {
  fe_install
  fe_has_script build || die "frontend/package.json has no \"build\" script"
  local sha; sha="$(sha_of_files "$ROOT/frontend" "$ROOT/openapi.yaml")"
  if [[ -d "$ROOT/frontend/dist" && "$(cat "$STATE/frontend.sha256" 2>/dev/null)" == "$sha" ]]; then
    ok "SPA unchanged since the last build, skipping the build"
    return 0
  fi
  info "building the SPA (npm run build, log: .data/logs/frontend-build.log)"
  rm -f "$STATE/frontend.sha256"
  (cd "$ROOT/frontend" && npm run build) >"$LOGS/frontend-build.log" 2>&1 \
    || { tail -n 40 "$LOGS/frontend-build.log" >&2; die "SPA build failed, see $LOGS/frontend-build.log"; }
  echo "$sha" >"$STATE/frontend.sha256"
  ok "SPA built"
}

fe_start() {
  local pid; pid="$(our_pid frontend)"
  if [[ -n "$pid" ]]; then
    wait_http SPA "http://localhost:$SPA_PORT/" 60 frontend || die "SPA preview (pid $pid) is not answering"
    ok "SPA preview already running (pid $pid) on http://localhost:$SPA_PORT"
    return 0
  fi
  port_in_use "$SPA_PORT" && die "port $SPA_PORT is in use by a process bin/run did not start; stop it first"
  fe_has_script preview || die "frontend/package.json has no \"preview\" script"
  info "serving the SPA with npm run preview on http://localhost:$SPA_PORT"
  # shellcheck disable=SC2016  # expanded by the inner bash
  start_bg frontend "$LOGS/frontend.log" bash -c 'cd "$0" && exec npm run preview' "$ROOT/frontend"
  wait_http SPA "http://localhost:$SPA_PORT/" 60 frontend || die "SPA preview did not answer on :$SPA_PORT, see $LOGS/frontend.log"
  ok "SPA ready on http://localhost:$SPA_PORT"
}

# ---------------------------------------------------------------- text

print_logins() {
  cat <<EOF
  Demo logins (password for all: bastion)
    user                role               org_code        jurisdiction
    city.admin          city-admin         P231200000000   云岭市委组织部 (whole city)
    city.auditor        auditor            P231200000000   云岭市 (read-only)
    county.admin        county-admin       P231202000000   county 231202
    county2.admin       county-admin       P231203000000   county 231203
    county.auditor      auditor            P231202000000   county 231202 (read-only)
    township.official   township-official  P231202101000   township 231202101
    township2.official  township-official  P231203101000   township 231203101
    nobody              (no Bastion role)  P231202101000   — gets 403
  Machine client: bastion-gov / bastion-gov-secret (client credentials, role gov-system, scope bastion.read)
EOF
}
