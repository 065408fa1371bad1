#!/usr/bin/env bash
# HTTP throughput of `jigsaw serve` against nginx serving static files of the
# same sizes, in the same run on the same machine, with wrk (all Debian).
#
#   bench/http/run.sh [DURATION_SECONDS] [CONNECTIONS]
#
# Measures GET /healthz (no I/O), GET /api/v1/me (authenticated: a session
# lookup and a practitioner read in SQLite per request) and GET
# /api/v1/practitioners (a read of personal data: its audit record is durable,
# group-committed with the other requests' records, before the answer is
# sent), and prints the ratio of each to nginx. Both servers log nothing per request and use two worker
# threads/processes; wrk runs on the same cores, so absolute numbers are
# lower than on separate machines, but the ratio is fair.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/common.sh
duration=${1:-10}
connections=${2:-64}

ensure_packages "${BUILD_PACKAGES[@]}" wrk nginx-light curl bc
configure_and_build build Release jigsaw

work=$(mktemp -d /tmp/jigsaw-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { while :; do p=$(( 20000 + RANDOM % 30000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }

db="sqlite:$work/bench.db"
JIGSAW_PASSWORD_HASH_COST=minimum-for-tests-only ./build/jigsaw init --demo --database "$db" >/dev/null
jport=$(free_port)
./build/jigsaw serve --database "$db" --port "$jport" --threads 2 --access-log false >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$jport/healthz" >/dev/null && break; sleep 0.1; done

token=$(curl -sf -X POST "http://127.0.0.1:$jport/api/v1/sessions" \
  -d '{"username":"primary.teacher@demo.jigsaw","password":"brackenford-demo"}' |
  sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -sf "http://127.0.0.1:$jport/healthz" > "$work/healthz.json"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$jport/api/v1/me" > "$work/me.json"
admin=$(curl -sf -X POST "http://127.0.0.1:$jport/api/v1/sessions" \
  -d '{"username":"csc.admin@demo.jigsaw","password":"brackenford-demo"}' |
  sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -sf -H "Authorization: Bearer $admin" "http://127.0.0.1:$jport/api/v1/practitioners" > "$work/practitioners.json"

nport=$(free_port)
mkdir -p "$work/nginx/logs"
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  default_type application/json;
  server {
    listen 127.0.0.1:$nport;
    root $work;
    location = /healthz { try_files /healthz.json =404; }
    location = /api/v1/me { try_files /me.json =404; }
    location = /api/v1/practitioners { try_files /practitioners.json =404; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport/healthz" >/dev/null && break; sleep 0.1; done

rps() {  # rps URL [HEADER]
  local args=(-t2 -c"$connections" -d"${duration}s" --latency)
  [ -n "${2:-}" ] && args+=(-H "$2")
  wrk "${args[@]}" "$1" | awk '/Requests\/sec/ {print $2}'
}

echo "wrk -t2 -c$connections -d${duration}s; sizes: healthz $(wc -c < "$work/healthz.json") B, me $(wc -c < "$work/me.json") B, practitioners $(wc -c < "$work/practitioners.json") B"
j_h=$(rps "http://127.0.0.1:$jport/healthz")
n_h=$(rps "http://127.0.0.1:$nport/healthz")
j_m=$(rps "http://127.0.0.1:$jport/api/v1/me" "Authorization: Bearer $token")
n_m=$(rps "http://127.0.0.1:$nport/api/v1/me")
j_p=$(rps "http://127.0.0.1:$jport/api/v1/practitioners" "Authorization: Bearer $admin")
n_p=$(rps "http://127.0.0.1:$nport/api/v1/practitioners")
printf '%-28s %12s %12s %8s\n' endpoint jigsaw nginx ratio
printf '%-28s %12.0f %12.0f %8.2f\n' "GET /healthz" "$j_h" "$n_h" "$(echo "$j_h / $n_h" | bc -l)"
printf '%-28s %12.0f %12.0f %8.2f\n' "GET /api/v1/me (signed in)" "$j_m" "$n_m" "$(echo "$j_m / $n_m" | bc -l)"
printf '%-28s %12.0f %12.0f %8.2f\n' "GET /api/v1/practitioners" "$j_p" "$n_p" "$(echo "$j_p / $n_p" | bc -l)"
echo "audit log after the run: $(./build/jigsaw audit verify --database "$db" 2>&1 | head -n 1)"
