#!/usr/bin/env bash
# Runs service node N of a local cluster in the background: port 5100+N (+ AGENSIUM_TEST_PORT_OFFSET, from the environment or
# else the one scripts/stack.sh up recorded in .local/stack-ports.env), against the local stack (scripts/stack.sh). A running
# node is reported on the port it was started on (.local/nodes/N/node.port) unless the offset is set explicitly. Every node shares one Quartz store, so any number of them form one cluster.
#   scripts/node.sh start N | stop N | status N | logs N
# Extra settings pass through the environment in the usual .NET form, e.g. Scheduler__Concurrency=8.
# AGENSIUM_NODE_ENV="NAME=value …" sets variables for the node process alone (see start).
# AGENSIUM_NODE_DLL runs another build of the service (e.g. an older commit's, for paired benchmark runs); it is used
# as it is, never rebuilt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
explicit_offset="${AGENSIUM_TEST_PORT_OFFSET:-}"  # set by the caller (stack-env.sh fills it from stack-ports.env otherwise)
# shellcheck source=lib/stack-env.sh
source "$here/lib/stack-env.sh"

cmd="${1:-}"; n="${2:-}"
if [[ -z "$cmd" || ! "$n" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 start|stop|status|logs N" >&2; exit 2
fi
port=$((5100 + n + ${AGENSIUM_TEST_PORT_OFFSET:-0}))  # the offset lets several checkouts run clusters at once
dir="$LOCAL_DIR/nodes/$n"
pidfile="$dir/node.pid"
portfile="$dir/node.port"  # the port a running node was started on
log="$dir/node.log"
dll="${AGENSIUM_NODE_DLL:-$REPO_ROOT/Agensium.Scheduler/bin/Release/net10.0/Agensium.Scheduler.dll}"

running() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

# A running node is reported on the port it was started on, unless the caller sets the offset explicitly.
if [[ -z "$explicit_offset" && -f "$portfile" ]] && running; then
  recorded_port="$(cat "$portfile")"
  if [[ "$recorded_port" =~ ^[0-9]+$ ]]; then port="$recorded_port"; fi
fi

case "$cmd" in
  start)
    if running; then echo "node $n already running (pid $(cat "$pidfile"), http://127.0.0.1:$port)"; exit 0; fi
    # Another process on the port (another checkout's node N) would answer the health check below for this one.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is already in use by another process (another checkout's node $n?); set AGENSIUM_TEST_PORT_OFFSET to move this checkout's nodes" >&2
      exit 1
    fi
    # Built when missing, when asked, or when a source file is newer than the build (after a pull or an edit).
    stale=""
    if [[ -n "${AGENSIUM_NODE_DLL:-}" ]]; then
      [[ -f "$dll" ]] || { echo "AGENSIUM_NODE_DLL: $dll not found" >&2; exit 1; }
    elif [[ -f "$dll" ]]; then
      stale="$(find "$REPO_ROOT/Agensium.Scheduler" "$REPO_ROOT/Agensium.Analysis" "$REPO_ROOT/appsettings.json" "$REPO_ROOT/sql" \
        \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$dll" -print -quit 2>/dev/null || true)"
    fi
    if [[ -z "${AGENSIUM_NODE_DLL:-}" && ( ! -f "$dll" || -n "$stale" || "${AGENSIUM_BUILD:-auto}" == "always" ) ]]; then
      echo "building Agensium.Scheduler (Release)…"
      dotnet build "$REPO_ROOT/Agensium.Scheduler/Agensium.Scheduler.csproj" -c Release -nologo -v q >/dev/null
    fi
    mkdir -p "$dir/logs" "$dir/work"
    # The last run's output is kept (node.log.1): a node that was killed or crashed said why there, and a restart
    # overwrote it.
    if [[ -s "$log" ]]; then mv -f "$log" "$log.1"; fi
    (
      export Urls="http://127.0.0.1:$port"
      export Scheduler__WorkDirectory="$dir/work"
      export Serilog__WriteTo__1__Args__path="$dir/logs/agensium-scheduler-.log"
      # AGENSIUM_NODE_ENV="NAME=value …": settings for the node process only (and the workers it starts), not for the
      # shell that starts it, e.g. a runtime switch tried in a paired benchmark without the benchmark client taking it too.
      if [[ -n "${AGENSIUM_NODE_ENV:-}" ]]; then
        # shellcheck disable=SC2086  # words on purpose: one NAME=value each
        export ${AGENSIUM_NODE_ENV?}
      fi
      cd "$dir"
      nohup dotnet "$dll" >"$log" 2>&1 &
      echo $! >"$pidfile"
      echo "$port" >"$portfile"
    )
    deadline=$((SECONDS + 90))
    until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
      if ! running; then echo "node $n exited during start; last log lines:" >&2; tail -n 30 "$log" >&2; exit 1; fi
      if (( SECONDS > deadline )); then echo "node $n not healthy after 90 s; last log lines:" >&2; tail -n 30 "$log" >&2; exit 1; fi
      sleep 0.2
    done
    if ! running; then echo "node $n exited during start; last log lines:" >&2; tail -n 30 "$log" >&2; exit 1; fi
    echo "node $n running (pid $(cat "$pidfile"), http://127.0.0.1:$port, log $log)"
    ;;
  stop)
    if ! running; then echo "node $n not running"; rm -f "$pidfile" "$portfile"; exit 0; fi
    pid="$(cat "$pidfile")"
    kill -TERM "$pid"
    deadline=$((SECONDS + ${AGENSIUM_STOP_TIMEOUT:-60}))  # more than Scheduler:ShutdownGrace (45 s): a stopping node finishes its jobs within the grace; those still running after it are run again by another node once this one is seen dead
    while kill -0 "$pid" 2>/dev/null; do
      if (( SECONDS > deadline )); then echo "node $n did not stop in time; killing" >&2; kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.1
    done
    rm -f "$pidfile" "$portfile"
    echo "node $n stopped"
    ;;
  status)
    if running; then echo "node $n running (pid $(cat "$pidfile"), http://127.0.0.1:$port)"; else echo "node $n stopped"; exit 3; fi
    ;;
  logs)
    tail -n "${LINES:-50}" "$log"
    ;;
  *)
    echo "usage: $0 start|stop|status|logs N" >&2; exit 2
    ;;
esac
