#!/usr/bin/env bash
# Where the backend's CPU goes, from a JFR recording (run.sh with BENCH_PROFILE=1 writes them):
# every execution sample is put in the first category, in the order below, that a frame of its
# stack belongs to; prints the share of each category and the exceptions thrown.
#
#   bench/fortress/jfr-breakdown.sh RECORDING.jfr
set -euo pipefail
[[ $# -eq 1 && -f "$1" ]] || { echo "usage: $0 RECORDING.jfr" >&2; exit 2; }
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"

"$JFR" print --json --stack-depth 300 --events jdk.ExecutionSample "$1" | jq -r '
  def cat:
    [.values.stackTrace.frames[] | (.method.type.name + "." + .method.name)] as $f
    | ($f | join(" ")) as $s
    | if   ($s | test("java/lang/Throwable\\.fillInStackTrace|java/lang/StackTraceElement|java/lang/StackStreamFactory")) then "exceptions: stack traces (fillInStackTrace)"
      elif ($s | test("bastion/rules/RuleSetService\\.engineRules")) then "rule set: JSON definition parsed per request"
      elif ($s | test("bastion/engine/")) then "engine (FortressIndexEngine, Validation)"
      elif ($s | test("bastion/scoring/FortressService\\.toEngine|bastion/scoring/ScorecardRepository\\.(plain|evaluation)")) then "scorecard mapping (toEngine, decimal strings)"
      elif ($s | test("org/jose4j|io/smallrye/jwt|sun/security/rsa|java/security/Signature|io/quarkus/oidc/runtime/OidcProvider")) then "token verification (OIDC, JWT, RSA)"
      elif ($s | test("org/postgresql")) then "JDBC driver (pgjdbc)"
      elif ($s | test("org/hibernate|io/agroal|com/arjuna|io/quarkus/narayana|io/quarkus/hibernate")) then "Hibernate, Agroal, transactions"
      elif ($s | test("bastion/scoring/FortressService\\.(list|order)|java/util/TimSort|java/util/Arrays\\.sort")) then "list: filter, sort, page"
      elif ($s | test("com/fasterxml/jackson")) then "Jackson (response JSON)"
      elif ($s | test("bastion/")) then "application code, other"
      elif ($s | test("io/vertx|io/netty|org/jboss/resteasy|io/quarkus/resteasy|io/quarkus/vertx")) then "HTTP stack (Vert.x, Netty, REST)"
      else "other" end;
  .recording.events | length as $n
  | group_by(cat) | map({c: (.[0] | cat), k: length}) | sort_by(-.k)[]
  | "\(.k * 1000 / $n | floor / 10)%\t\(.k)\t\(.c)"' | { printf 'share\tsamples\tcategory\n'; cat; } | column -t -s $'\t'
echo
echo "exceptions thrown (jdk.JavaExceptionThrow):"
"$JFR" print --json --events jdk.JavaExceptionThrow "$1" | jq -r '.recording.events[].values.thrownClass.name' | sort | uniq -c | sort -rn | head -8
