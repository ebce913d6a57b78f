# shellcheck shell=bash
# Local development stack settings. Source this file (do not execute it):
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/stack-env.sh"
#
# Defines the ports / names used by scripts/stack.sh and exports the .NET
# configuration environment variables the service and the tests read.
# Every AGENSIUM_* value can be overridden from the environment beforehand.
# This file is safe to source under `set -euo pipefail`.

# Repository root, resolved from this file's location (scripts/lib/..).
REPO_ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# All runtime data of the local stack lives here (git-ignored). AGENSIUM_LOCAL_DIR names another folder for a second,
# private stack of this checkout (the tests that stop or freeze PostgreSQL, Redis or S3 start one on spare ports).
LOCAL_DIR="${AGENSIUM_LOCAL_DIR:-$REPO_ROOT/.local}"

# The ports the running stack was started on: scripts/stack.sh up records them and down removes them, so a new shell
# that sources this file reaches that stack whatever ports it was started with, unless it sets its own. The node port
# offset (AGENSIUM_TEST_PORT_OFFSET) is recorded beside them, so scripts/node.sh and demo.sh in a new shell find this
# checkout's nodes (5100+N+offset), not another checkout's on the default ports; a value set in the environment wins.
STACK_PORTS_FILE="$LOCAL_DIR/stack-ports.env"
if [[ -f "$STACK_PORTS_FILE" ]]; then
  while IFS='=' read -r key value; do
    case "$key" in
      AGENSIUM_PG_PORT|AGENSIUM_REDIS_PORT|AGENSIUM_S3_PORT|AGENSIUM_TEST_PORT_OFFSET)
        if [[ -z "${!key:-}" ]]; then printf -v "$key" '%s' "$value"; fi ;;
    esac
  done < "$STACK_PORTS_FILE"
fi

AGENSIUM_PG_HOST="127.0.0.1"
AGENSIUM_PG_PORT="${AGENSIUM_PG_PORT:-55432}"
AGENSIUM_PG_DB="${AGENSIUM_PG_DB:-agensium}"
AGENSIUM_PG_USER="agensium"
AGENSIUM_PG_PASSWORD="agensium"
AGENSIUM_REDIS_PORT="${AGENSIUM_REDIS_PORT:-56379}"
AGENSIUM_S3_PORT="${AGENSIUM_S3_PORT:-54569}"
AGENSIUM_S3_BUCKET="${AGENSIUM_S3_BUCKET:-agensium-files}"

export REPO_ROOT LOCAL_DIR
export AGENSIUM_PG_HOST AGENSIUM_PG_PORT AGENSIUM_PG_DB AGENSIUM_PG_USER AGENSIUM_PG_PASSWORD
export AGENSIUM_REDIS_PORT AGENSIUM_S3_PORT AGENSIUM_S3_BUCKET
# The tests and scripts read the offset from the environment: pass the recorded one on.
if [[ -n "${AGENSIUM_TEST_PORT_OFFSET:-}" ]]; then export AGENSIUM_TEST_PORT_OFFSET; fi
# The CLI's write commands (submit, status, tasks, download, cancel, retry, debug) go to AGENSIUM_URL, else 5101: point
# them at this checkout's node 1 (5101 + offset, as scripts/node.sh starts it), not another checkout's; one set wins.
export AGENSIUM_URL="${AGENSIUM_URL:-http://127.0.0.1:$((5101 + ${AGENSIUM_TEST_PORT_OFFSET:-0}))}"

# .NET configuration (double underscore = ':' section separator).
# AGENSIUM_PG_OPTIONS: extra Npgsql keywords for trials, e.g. "Max Auto Prepare=64".
export ConnectionStrings__Postgres="Host=${AGENSIUM_PG_HOST};Port=${AGENSIUM_PG_PORT};Database=${AGENSIUM_PG_DB};Username=${AGENSIUM_PG_USER};Password=${AGENSIUM_PG_PASSWORD}${AGENSIUM_PG_OPTIONS:+;${AGENSIUM_PG_OPTIONS}}"
export Redis__Configuration="127.0.0.1:${AGENSIUM_REDIS_PORT}"
export S3__ServiceUrl="http://127.0.0.1:${AGENSIUM_S3_PORT}"
export S3__Bucket="${AGENSIUM_S3_BUCKET}"
export S3__AccessKey="S3RVER"
export S3__SecretKey="S3RVER"
