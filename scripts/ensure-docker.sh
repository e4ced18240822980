#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine: installs docker.io from apt when dockerd is
# missing, starts dockerd when no engine answers, and waits until `docker info` succeeds.
# Idempotent; safe to call from CI before every build. Needs root (or sudo) to install or start.
set -euo pipefail

log() { echo "ensure-docker: $*" >&2; }

if docker info >/dev/null 2>&1; then
  log "engine already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { log "not root and no sudo: start Docker yourself, then rerun"; exit 1; }
  SUDO="sudo"
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "dockerd not found: installing docker.io with apt-get"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

log "starting dockerd (log: /tmp/dockerd.log)"
# setsid detaches the daemon from this shell so it outlives the CI step that started it.
$SUDO setsid dockerd >/tmp/dockerd.log 2>&1 < /dev/null &

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    log "engine up ($(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within 60 s; last lines of /tmp/dockerd.log:"
tail -n 20 /tmp/dockerd.log >&2 || true
exit 1
