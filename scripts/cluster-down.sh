#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started, and nothing else: each process named by a pid file in $CLUSTER_DIR/pids
# (default .cluster/pids), first asked to stop (SIGTERM, which each of them takes as a clean shutdown), killed when
# still there after fifteen seconds. The logs, certificates and data
# stay in $CLUSTER_DIR; delete that folder to start afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CLUSTER_DIR:-$PWD/.cluster}

shopt -s nullglob
pidfiles=("$dir"/pids/*.pid)
if [ "${#pidfiles[@]}" -eq 0 ]; then
  echo "no cluster is up (no pid files in $dir/pids)"
  exit 0
fi

# Clients first, then the silos, then the servers they use.
order=(dashboard gateway)
for f in "${pidfiles[@]}"; do
  name=$(basename "$f" .pid)
  case $name in silo-*) order+=("$name") ;; esac
done
order+=(azurite redis)

for name in "${order[@]}"; do
  f="$dir/pids/$name.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      echo "killed $name ($pid)"
    else
      echo "stopped $name ($pid)"
    fi
  else
    echo "$name ($pid) had already stopped"
  fi
  rm -f "$f"
done

# Any pid file left names something cluster-up.sh started under another name: stop it the same way.
for f in "$dir"/pids/*.pid; do
  pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null || true
  echo "stopped $(basename "$f" .pid) ($pid)"
  rm -f "$f"
done
