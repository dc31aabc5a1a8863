#!/usr/bin/env bash
# Runs the whole OrleansGossip test suite. It first installs, idempotently and without prompts, whatever the
# tests need beyond the .NET SDK, then runs `dotnet test` over the solution and prints one closing line:
# "N passed, N failed, N skipped". Extra arguments go to `dotnet test` (e.g. --filter Category=Security).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="TestResults"
rm -rf "$results"

status=0
dotnet test OrleansGossip.sln \
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
