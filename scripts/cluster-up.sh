#!/usr/bin/env bash
# Starts a local OrleansGossip cluster on loopback: Redis (membership), Azurite (grain state and reports), three silos
# with mutual TLS, the Gateway (HTTP API) and the Dashboard, each a process of its own. Every process's pid goes to
# $CLUSTER_DIR/pids and its output to $CLUSTER_DIR/logs; scripts/cluster-down.sh stops exactly those processes.
#
#   scripts/cluster-up.sh            # then: scripts/cluster-down.sh
#
# Settings (environment): CLUSTER_DIR (default .cluster), REDIS_PORT (6380), AZURITE_PORT (10000), SILO_PORT (11111,
# then +1 per silo), GATEWAY_PORT (30000, +1 per silo), API_PORT (5081), DASHBOARD_PORT (5082), SILOS (3), JIT_LOG
# (1: each silo writes the methods the runtime compiles, with their tier, to logs/jit-silo-N.txt, to see what a run
# compiles).
# Needs redis-server and tools/azurite (./test.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

dir=${CLUSTER_DIR:-$root/.cluster}
redis_port=${REDIS_PORT:-6380}
azurite_port=${AZURITE_PORT:-10000}
silo_port=${SILO_PORT:-11111}
gateway_port=${GATEWAY_PORT:-30000}
api_port=${API_PORT:-5081}
dashboard_port=${DASHBOARD_PORT:-5082}
silos=${SILOS:-3}
jit_log=${JIT_LOG:-0}

if compgen -G "$dir/pids/*.pid" >/dev/null; then
  echo "a cluster is already up (pid files in $dir/pids); stop it with scripts/cluster-down.sh" >&2
  exit 1
fi

command -v redis-server >/dev/null || { echo "redis-server is missing: ./test.sh installs it" >&2; exit 1; }
azurite=$root/tools/azurite/node_modules/.bin/azurite-blob
[ -x "$azurite" ] || { echo "$azurite is missing: npm ci --prefix tools/azurite" >&2; exit 1; }

mkdir -p "$dir/pids" "$dir/logs" "$dir/redis" "$dir/azurite"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building the silo, the Gateway and the Dashboard…"
for project in Silo Gateway Dashboard; do
  dotnet build "src/$project" -c Release -v quiet -nologo >"$dir/logs/build-$project.log" 2>&1 \
    || { echo "building src/$project failed: $dir/logs/build-$project.log" >&2; exit 1; }
done
bin() { echo "$root/src/$1/bin/Release/net10.0/OrleansGossip.$1.dll"; }

# start NAME COMMAND...: runs a process in the background, its output in logs/NAME.log, its pid in pids/NAME.pid.
start() {
  local name=$1
  shift
  "$@" >"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name.pid"
}

# wait_until NAME SECONDS WHAT COMMAND...: until COMMAND succeeds, or NAME's process died, or SECONDS passed.
wait_until() {
  local name=$1 seconds=$2 what=$3
  shift 3
  for _ in $(seq 1 $((seconds * 2))); do
    if "$@"; then
      return 0
    fi
    if ! kill -0 "$(cat "$dir/pids/$name.pid")" 2>/dev/null; then
      echo "$name stopped; its log, $dir/logs/$name.log:" >&2
      tail -n 30 "$dir/logs/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name did not $what within $seconds s: $dir/logs/$name.log" >&2
  exit 1
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for NAME PORT: until something listens on loopback PORT.
wait_for() { wait_until "$1" 120 "listen on port $2" listening "$2"; }

if [ ! -f "$dir/certs/ca.pem" ]; then
  dotnet "$(bin Silo)" certs create --out "$dir/certs" --silos "$silos" --clients gateway,dashboard >"$dir/logs/certs.log"
fi
[ -f "$dir/api-key" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/api-key"

start redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir/redis"
wait_for redis "$redis_port"
start azurite "$azurite" --blobHost 127.0.0.1 --blobPort "$azurite_port" --location "$dir/azurite" --skipApiVersionCheck --silent
wait_for azurite "$azurite_port"

storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"
export Clustering__Provider=redis
export Clustering__ConnectionString="127.0.0.1:$redis_port"
export Clustering__ClusterId=local
export Clustering__ServiceId=orleansgossip
export Clustering__AdvertisedAddress=127.0.0.1
export GrainStorage__Provider=azureblob
export GrainStorage__ConnectionString="$storage"
export ReportExport__ConnectionString="$storage"

for i in $(seq 1 "$silos"); do
  jit=()
  [ "$jit_log" = 1 ] && jit=(env "DOTNET_JitStdOutFile=$dir/logs/jit-silo-$i.txt" DOTNET_JitDisasmSummary=1)
  start "silo-$i" "${jit[@]}" dotnet "$(bin Silo)" silo --certs "$dir/certs" --name "silo-$i" \
    --port $((silo_port + i - 1)) --gateway-port $((gateway_port + i - 1))
done
for i in $(seq 1 "$silos"); do
  wait_for "silo-$i" $((gateway_port + i - 1))
done

client_tls() {
  echo "Tls__CertificatePath=$dir/certs/$1.pem" "Tls__KeyPath=$dir/certs/$1.key" "Tls__CaCertificatePath=$dir/certs/ca.pem"
}
# shellcheck disable=SC2046
start gateway env $(client_tls gateway) "Gateway__Access__ApiKeys__0=$(cat "$dir/api-key")" \
  dotnet "$(bin Gateway)" --urls "http://127.0.0.1:$api_port"
# shellcheck disable=SC2046
start dashboard env $(client_tls dashboard) dotnet "$(bin Dashboard)" --urls "http://127.0.0.1:$dashboard_port"
wait_for gateway "$api_port"
wait_for dashboard "$dashboard_port"

cat <<EOT
The cluster is up ($silos silos on Redis 127.0.0.1:$redis_port, state and reports in Azurite 127.0.0.1:$azurite_port):
  API        http://127.0.0.1:$api_port/api   (changes need: -H "X-Api-Key: \$(cat $dir/api-key)")
  dashboard  http://127.0.0.1:$dashboard_port/
  logs       $dir/logs/
  stop it    scripts/cluster-down.sh
Try: curl -X POST "http://127.0.0.1:$api_port/api/runs?id=demo" -H "X-Api-Key: \$(cat $dir/api-key)" \\
       -H 'content-type: application/json' --data @scenarios/quickstart.json
EOT
