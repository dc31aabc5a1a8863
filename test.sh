#!/usr/bin/env bash
# Runs the whole OrleansGossip test suite. It first installs, idempotently and without prompts, whatever the
# tests need beyond the .NET SDK, then runs `dotnet test` over the solution and prints one closing line:
# "N passed, N failed, N skipped". Extra arguments go to `dotnet test` (e.g. --filter Category=Security).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Prerequisites beyond the .NET SDK, each installed only when missing: Debian's chromium, which the dashboard's
# browser test drives (through Playwright, with /usr/bin/chromium: no browser is downloaded), Node.js with npm,
# which build the dashboard's page from src/Dashboard/client when its sources changed, and the servers that the
# hosting tests start on loopback themselves: redis-server and PostgreSQL (only its binaries are used: the tests run
# initdb into a temporary folder, as the postgres user when they run as root).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The page's npm packages (esbuild, the SignalR client, Chart.js, Cytoscape.js), exactly as locked.
if [ ! -d src/Dashboard/client/node_modules ]; then
  npm ci --prefix src/Dashboard/client --no-audit --no-fund --loglevel=error
fi
# The Kubernetes schema validator of tests/Deploy.Tests (kubernetes-models: the API's schemas, offline), as locked.
if [ ! -d tests/Deploy.Tests/k8s-schema/node_modules ]; then
  npm ci --prefix tests/Deploy.Tests/k8s-schema --no-audit --no-fund --loglevel=error
fi

# Azurite, the Azure Storage emulator that the hosting tests (and scripts/cluster-up.sh) start on loopback.
if [ ! -x tools/azurite/node_modules/.bin/azurite-blob ]; then
  npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
fi

results="TestResults"
rm -rf "$results"

status=0
# One test project at a time (-m:1): the cluster, TLS and browser tests each start servers of their own, and on a
# small machine running them side by side makes their timings the machine's rather than the code's.
dotnet test OrleansGossip.sln -m:1 \
  --logger "trx" \
  --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 15m \
  "$@" || status=$?

passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  total=$(value total)
  executed=$(value executed)
  skipped=$((skipped + total - executed))
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
