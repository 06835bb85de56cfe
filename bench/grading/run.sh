#!/usr/bin/env bash
# Performance bench of issue 6 (grading); docs/performance.md ("Issue 6 — grading") explains the goals and results.
#
#   bench/grading/run.sh                  both scales: the demo city (1 city) and a province (20 cities)
#   BENCH_SCALES=city bench/grading/run.sh
#
# Per scale it creates a fresh database bastion_bench_grading_<scale>, starts the backend on 127.0.0.1:$BENCH_PORT
# (default 8093) with the demo loader (BASTION_DEMO_CITIES=N), creates Keycloak users for cities that have none, then
#   goal 1: GradingBench.java — every county cycle of the scope graded end to end through the API (POST .../grading-runs,
#           poll GET /api/v1/grading-runs/{id} until SUCCEEDED) against the SQL floor (one aggregate over the same
#           score rows), interleaved in each run; plus one SQL aggregate of the summary's shape over all current results;
#   goal 2: wrk — GET .../grading-summary of every cycle (each county's whole summary), 50 connections, 2 threads.
# It stops the backend, deletes its Keycloak users and drops its databases on exit, even on failure.
#
# Knobs (environment): BENCH_WORK (/tmp/bastion-bench-grading), BENCH_PORT (8093), BENCH_SCALES ("city province"),
# BENCH_PROVINCE_CITIES (20), BENCH_WARMUP (1), BENCH_RUNS (3), BENCH_WRK_DURATION (30s), BENCH_WRK_CONNECTIONS (50),
# BENCH_WRK_THREADS (2), BENCH_APP_DIR (a built target/quarkus-app: skip the build), BENCH_KEEP_DB=1, BENCH_JVM_OPTS.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${BENCH_WORK:-/tmp/bastion-bench-grading}"
PORT="${BENCH_PORT:-8093}"  # not 8081: Quarkus tests (quarkus.http.test-port) of other engineers use it
SCALES="${BENCH_SCALES:-city province}"
PROVINCE_CITIES="${BENCH_PROVINCE_CITIES:-20}"
WARMUP="${BENCH_WARMUP:-1}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-20}"   # goal 1 warms up for at least this long too (0: the 3 passes only, as before)
RUNS="${BENCH_RUNS:-3}"
WRK_DURATION="${BENCH_WRK_DURATION:-30s}"
WRK_CONNECTIONS="${BENCH_WRK_CONNECTIONS:-50}"
WRK_THREADS="${BENCH_WRK_THREADS:-2}"
WRK_TARGETS="${BENCH_WRK_TARGETS:-5000}"
PROFILE="${BENCH_PROFILE:-0}"
KC_URL="${BENCH_KC_URL:-http://localhost:8180}"
REALM=bastion
CLIENT_ID=bastion-test
CLIENT_SECRET=bastion-test-secret
DEMO_USER=city.admin          # realm user with jurisdiction = city 1 (P231200000000)
DEMO_PASSWORD=bastion
DEMO_CITY_CODE=P231200000000
USER_PREFIX=bench-grading-   # Keycloak users this script creates (and deletes)
PG_PASSWORD=bastion
YEAR=2026

STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="$WORK/results/$STAMP"
mkdir -p "$OUT"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- JDK >= 21 (as bin/lib.sh does)
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1 | cut -d. -f1; }
find_jdk() {
  local candidates=() c v
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  command -v javac >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  while IFS= read -r c; do candidates+=("$c"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" && -x "$c/bin/javac" ]] || continue
    v="$(java_major "$c/bin/java")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then export JAVA_HOME="$c" PATH="$c/bin:$PATH"; return 0; fi
  done
  die "no JDK >= 21 found (set JAVA_HOME)"
}

# ---------------------------------------------------------------- cleanup (always)
BACKEND_PID=""
KC_USER_IDS_FILE="$OUT/keycloak-user-ids.txt"   # a file, not an array: users are created inside $(...) subshells
: >"$KC_USER_IDS_FILE"
DATABASES=()

stop_backend() {
  [[ -n "$BACKEND_PID" ]] || return 0
  if kill -0 "$BACKEND_PID" 2>/dev/null; then
    kill -TERM "$BACKEND_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$BACKEND_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$BACKEND_PID" 2>/dev/null && kill -KILL "$BACKEND_PID" 2>/dev/null || true
  fi
  wait "$BACKEND_PID" 2>/dev/null || true
  BACKEND_PID=""
}

kc_admin_token() { # master-realm admin token (lives 60 s: fetch one per batch of calls)
  curl -fsS -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
    "$KC_URL/realms/master/protocol/openid-connect/token" | jq -r .access_token
}

remove_stale_users() { # users left by an earlier run that was killed with SIGKILL
  local admin ids id
  admin="$(kc_admin_token)"
  ids="$(curl -fsS -H "Authorization: Bearer $admin" "$KC_URL/admin/realms/$REALM/users?search=$USER_PREFIX&max=1000" \
    | jq -r --arg p "$USER_PREFIX" '.[] | select(.username | startswith($p)) | .id')"
  for id in $ids; do
    curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $admin" "$KC_URL/admin/realms/$REALM/users/$id" || true
  done
  [[ -z "$ids" ]] || log "removed $(wc -w <<<"$ids") leftover bench user(s) (prefix $USER_PREFIX)"
}

delete_kc_users() {
  [[ -s "$KC_USER_IDS_FILE" ]] || return 0
  local admin id n=0
  admin="$(kc_admin_token)" || { echo "warning: cannot delete the Keycloak users listed in $KC_USER_IDS_FILE" >&2; return 0; }
  while read -r id; do
    if curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $admin" "$KC_URL/admin/realms/$REALM/users/$id"; then
      n=$((n + 1))
    else
      echo "warning: Keycloak user $id not deleted" >&2
    fi
    if ((n % 20 == 19)); then admin="$(kc_admin_token)"; fi
  done <"$KC_USER_IDS_FILE"
  : >"$KC_USER_IDS_FILE"
  log "deleted $n Keycloak bench user(s)"
}

drop_database() {
  [[ "$1" == bastion_bench_grading_* ]] || die "refusing to drop $1"
  runuser -u postgres -- psql -qAtX -c 'SET client_min_messages = warning' -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_backend
  delete_kc_users
  remove_stale_users || true   # safety net: any user with our prefix
  if [[ "${BENCH_KEEP_DB:-0}" != 1 ]]; then
    for db in "${DATABASES[@]}"; do drop_database "$db" || true; done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- preflight
find_jdk
command -v jq >/dev/null || die "jq is needed"
command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y wrk >/dev/null 2>&1 || die "wrk missing (apt-get install -y wrk)"; }
curl -fsS -o /dev/null "$KC_URL/realms/$REALM/.well-known/openid-configuration" || die "Keycloak realm $REALM not reachable at $KC_URL"
runuser -u postgres -- psql -qAtX -c 'SELECT 1' >/dev/null || die "PostgreSQL not reachable as postgres"
if ss -ltn "sport = :$PORT" | grep -q LISTEN; then die "port $PORT is in use (set BENCH_PORT)"; fi

# ---------------------------------------------------------------- build a private copy of the backend
if [[ -n "${BENCH_APP_DIR:-}" ]]; then
  APP="$BENCH_APP_DIR"
else
  log "building the backend into $WORK/src (private copy)"
  rm -rf "$WORK/src" && mkdir -p "$WORK/src"
  (cd "$ROOT" && tar --exclude=backend/target -cf - backend openapi.yaml) | (cd "$WORK/src" && tar xf -)
  (cd "$WORK/src/backend" && { ./mvnw -q -B -o package -DskipTests || ./mvnw -q -B package -DskipTests; }) >"$OUT/build.log" 2>&1 \
    || { tail -30 "$OUT/build.log" >&2; die "backend build failed"; }
  APP="$WORK/src/backend/target/quarkus-app"
fi
[[ -f "$APP/quarkus-run.jar" ]] || die "no $APP/quarkus-run.jar"
# the goal-1 client runs the backend's own recompute code (bastion.scoring.FortressTotals): app jar + its libraries
CP="$APP/app/*:$APP/lib/main/*"

# ---------------------------------------------------------------- helpers
psql_db() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -U bastion -d "$1" -v ON_ERROR_STOP=1 -qAtX "${@:2}"; }

start_backend() { # start_backend DB CITIES LOG
  local db="$1" cities="$2" logfile="$3"
  # shellcheck disable=SC2086  # BENCH_JVM_OPTS is a list of options
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
    QUARKUS_OIDC_AUTH_SERVER_URL="$KC_URL/realms/$REALM" \
    BASTION_DEMO_LOAD=true BASTION_DEMO_CITIES="$cities" BASTION_LOG_JSON=false \
    "$JAVA_HOME/bin/java" ${BENCH_JVM_OPTS:-} -jar "$APP/quarkus-run.jar" >"$logfile" 2>&1 &
  BACKEND_PID=$!
  for _ in $(seq 1 1200); do
    kill -0 "$BACKEND_PID" 2>/dev/null || { tail -40 "$logfile" >&2; die "backend exited during start"; }
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" == 200 ]] && return 0
    sleep 0.5
  done
  die "backend not ready after 600 s (see $logfile)"
}

create_city_user() { # create_city_user ADMIN_TOKEN ORG_CODE PASSWORD -> prints the username
  local admin="$1" code="$2" password="$3" name id role
  name="${USER_PREFIX}$(tr 'A-Z' 'a-z' <<<"$code")"
  id="$(curl -fsS -D - -o /dev/null -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      "$KC_URL/admin/realms/$REALM/users" -d "$(jq -n --arg u "$name" --arg c "$code" --arg p "$password" \
      '{username:$u, enabled:true, email:($u+"@bench.invalid"), emailVerified:true, firstName:"Bench", lastName:$c,
        attributes:{org_code:[$c]}, credentials:[{type:"password", value:$p, temporary:false}]}')" \
    | tr -d '\r' | sed -n 's|^[Ll]ocation: .*/users/||p')"
  [[ -n "$id" ]] || die "Keycloak user $name not created"
  echo "$id" >>"$KC_USER_IDS_FILE"
  role="$(curl -fsS -H "Authorization: Bearer $admin" "$KC_URL/admin/realms/$REALM/roles/city-admin")"
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    "$KC_URL/admin/realms/$REALM/users/$id/role-mappings/realm" -d "[$role]"
  echo "$name"
}


user_token() { # user_token USER PASSWORD
  curl -fsS -d grant_type=password -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" \
    --data-urlencode username="$1" --data-urlencode password="$2" \
    "$KC_URL/realms/$REALM/protocol/openid-connect/token" | jq -r .access_token
}

prop() { sed -n "s/^$2=//p" "$1" | head -1; }
cpu_ms() { awk '{ sub(/^.*\) /, ""); print ($12 + $13) * 10 }' "/proc/$1/stat"; }  # utime + stime of a process, ms

# ---------------------------------------------------------------- one scale
run_scale() { # run_scale LABEL CITIES
  local label="$1" cities="$2" db="bastion_bench_grading_$1" logfile="$OUT/backend-$1.log" users="$OUT/users-$1.txt"
  local code password name n admin
  log "[$label] fresh database $db, backend with BASTION_DEMO_CITIES=$cities"
  drop_database "$db"
  runuser -u postgres -- psql -qAtX -c "CREATE DATABASE $db OWNER bastion" >/dev/null
  DATABASES+=("$db")
  local t0=$SECONDS
  start_backend "$db" "$cities" "$logfile"
  log "[$label] backend ready after $((SECONDS - t0)) s"
  runuser -u postgres -- psql -qAtX -d "$db" -c 'VACUUM ANALYZE' >/dev/null

  : >"$users"
  password="Bench-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  admin="$(kc_admin_token)"
  n=0
  while read -r code; do
    if [[ "$code" == "$DEMO_CITY_CODE" ]]; then
      echo "$DEMO_USER $DEMO_PASSWORD" >>"$users"
    else
      name="$(create_city_user "$admin" "$code" "$password")"
      echo "$name $password" >>"$users"
      n=$((n + 1))
      if ((n % 10 == 0)); then admin="$(kc_admin_token)"; fi
    fi
  done < <(psql_db "$db" -c "SELECT code FROM organization WHERE level = 'CITY' ORDER BY id")
  log "[$label] $(wc -l <"$users") city administrator(s), $n created in Keycloak"

  log "[$label] goal 1: $WARMUP warm-up pass(es), $RUNS measured runs of grading every cycle"
  BENCH_LABEL="$label" BENCH_WARMUP="$WARMUP" BENCH_RUNS="$RUNS" BENCH_YEAR="$YEAR" BENCH_USERS="$users" \
    BENCH_BASE_URL="http://127.0.0.1:$PORT" BENCH_TOKEN_URL="$KC_URL/realms/$REALM/protocol/openid-connect/token" \
    BENCH_CLIENT_ID="$CLIENT_ID" BENCH_CLIENT_SECRET="$CLIENT_SECRET" \
    BENCH_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" BENCH_OUT="$OUT/goal1-$label.properties" \
    "$JAVA_HOME/bin/java" -cp "$CP" "$HERE/GradingBench.java" | tee "$OUT/goal1-$label.txt"
  grep -o 'Grading run [0-9]* of cycle [0-9]*: [0-9]* organisations in [0-9]* ms' "$logfile" | tail -3 >&2 || true

  # goal 2: the summary of every cycle (each a county's whole summary), with its city's token
  local tokens="$OUT/wrk-tokens-$label.txt" targets="$OUT/wrk-targets-$label.txt"
  : >"$tokens"
  while read -r name password; do user_token "$name" "$password" >>"$tokens"; done <"$users"
  psql_db "$db" -F ' ' -c "
    WITH cities AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organization WHERE level = 'CITY')
    SELECT '/api/v1/cycles/' || c.id || '/grading-summary', ci.n
    FROM cycle c JOIN organization co ON co.id = c.jurisdiction_id JOIN cities ci ON ci.id = co.parent_id
    WHERE c.year = $YEAR ORDER BY md5(c.id::text)" >"$targets"
  read -r path code < <(sed -n "1p" "$targets")
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(sed -n "${code}p" "$tokens")" \
    "http://127.0.0.1:$PORT$path")" == 200 ]] || die "GET $path does not answer 200"
  # the year summary of each city (all its counties' cycles in one summary), with that city's token
  local years="$OUT/wrk-years-$label.txt"
  psql_db "$db" -F ' ' -c "SELECT '/api/v1/grading-summary?year=$YEAR&phase=ANNUAL', row_number() OVER (ORDER BY id)
    FROM organization WHERE level = 'CITY' ORDER BY id" >"$years"
  log "[$label] goal 2: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION over $(wc -l <"$years") city year summaries (5 s warm-up first)"
  WRK_RESULT=/dev/null wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d5s --timeout 10s -s "$ROOT/bench/fortress/one-index.lua" \
    "http://127.0.0.1:$PORT" -- "$tokens" "$years" >/dev/null
  WRK_RESULT="$OUT/goal2-$label.properties" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --timeout 10s --latency \
    -s "$ROOT/bench/fortress/one-index.lua" "http://127.0.0.1:$PORT" -- "$tokens" "$years" | tee "$OUT/goal2-$label.txt"
  log "[$label] goal 2 (per cycle): wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION over $(wc -l <"$targets") cycle summaries"
  WRK_RESULT="$OUT/goal2-$label-cycles.properties" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --timeout 10s --latency \
    -s "$ROOT/bench/fortress/one-index.lua" "http://127.0.0.1:$PORT" -- "$tokens" "$targets" | tee "$OUT/goal2-$label-cycles.txt"
  # control: the cheapest authenticated call under the same load
  awk '{print "/api/v1/me", $2}' "$years" >"$OUT/wrk-me-$label.txt"
  WRK_RESULT="$OUT/goal2-$label-me.properties" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --timeout 10s --latency \
    -s "$ROOT/bench/fortress/one-index.lua" "http://127.0.0.1:$PORT" -- "$tokens" "$OUT/wrk-me-$label.txt" >/dev/null
  rm -f "$tokens" "$users"

  stop_backend
  delete_kc_users
  if [[ "${BENCH_KEEP_DB:-0}" != 1 ]]; then drop_database "$db"; fi
}

log "results in $OUT; machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(uname -r); JDK $(java_major "$JAVA_HOME/bin/java")"
remove_stale_users
for scale in $SCALES; do
  case "$scale" in
    city) run_scale city 1 ;;
    province) run_scale province "$PROVINCE_CITIES" ;;
    *) die "unknown scale $scale (city, province)" ;;
  esac
done

{
  echo
  echo "Goal 1 — every cycle graded through the API (one batch per city, + poll until SUCCEEDED) vs the SQL floor (ms; goal: ≤ 3 × floor, < 60 s province)"
  for scale in $SCALES; do [[ -f "$OUT/goal1-$scale.txt" ]] && head -1 "$OUT/goal1-$scale.txt"; done
  echo
  echo "Goal 2 — GET /api/v1/grading-summary?year= (each city's year summary) [-cycles: GET .../cycles/{c}/grading-summary per cycle;"
  echo "  -me: GET /api/v1/me, the control], wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION (ms; goal: p99 ≤ 200)"
  printf '%-16s %9s %8s %8s %8s %8s %8s %7s\n' scale requests 'req/s' p50 p90 p99 p99.9 non2xx
  for scale in $SCALES; do
    for suffix in "" -cycles -me; do
      f="$OUT/goal2-$scale$suffix.properties"; [[ -f "$f" ]] || continue
      printf '%-16s %9s %8s %8s %8s %8s %8s %7s\n' "$scale$suffix" "$(prop "$f" requests)" "$(prop "$f" rps)" "$(prop "$f" p50)" \
        "$(prop "$f" p90)" "$(prop "$f" p99)" "$(prop "$f" p99_9)" "$(prop "$f" non2xx)"
    done
  done
} | tee "$OUT/summary.txt"
