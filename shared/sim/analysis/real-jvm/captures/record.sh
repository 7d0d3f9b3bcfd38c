#!/usr/bin/env bash
# Re-records the real-JVM captures beside this script: each line of CAPTURES below runs TaskManagerProbe.java on the
# installed JDK (17+) and writes NAME.csv (time_ms, direct_bytes, rss_kib every 250 ms) and NAME.json (kind, seed,
# JVM flags, restart times). All captures run at once (they mostly sleep); the longest takes about 11 minutes.
#
#   shared/sim/analysis/real-jvm/captures/record.sh            # every capture
#   shared/sim/analysis/real-jvm/captures/record.sh blip-1     # only the captures whose name contains "blip-1"
#
# A re-recording is a new real capture, not the same numbers: timing, GC and scheduling differ from run to run.
# The seed fixes what the program decides (sizes, which restarts leak, interval lengths), not what the JVM does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
filter="${1:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
javac -d "$work" "$here/TaskManagerProbe.java"

# name kind seed restarts min_interval_s max_interval_s jvm_flags...
CAPTURES=(
  "sporadic-leak-1 sporadic-leak 11 5 35 60 -Xms128m -Xmx128m -Xmn16m"
  "sporadic-leak-2 sporadic-leak 12 5 35 60 -Xms192m -Xmx192m -Xmn24m"
  "sporadic-leak-3 sporadic-leak 13 4 90 140 -Xms128m -Xmx128m -Xmn16m"
  "restart-blip-1 restart-blip 21 5 35 60 -Xms128m -Xmx128m -Xmn16m"
  "restart-blip-2 restart-blip 22 5 35 60 -Xms192m -Xmx192m -Xmn24m"
  "restart-blip-3 restart-blip 23 4 90 140 -Xms128m -Xmx128m -Xmn16m"
  "gc-left-step-1 gc-left-step 31 5 35 60 -Xms128m -Xmx128m -Xmn16m"
  "gc-left-step-2 gc-left-step 32 5 35 60 -Xms192m -Xmx192m -Xmn24m"
  "gc-left-step-3 gc-left-step 33 4 90 140 -Xms128m -Xmx128m -Xmn16m"
  "unsafe-leak-1 unsafe-leak 41 5 35 60 -Xms128m -Xmx128m -Xmn16m"
  "unsafe-leak-2 unsafe-leak 42 5 35 60 -Xms192m -Xmx192m -Xmn24m"
  "unsafe-leak-3 unsafe-leak 43 4 90 140 -Xms128m -Xmx128m -Xmn16m"
)

pids=()
for line in "${CAPTURES[@]}"; do
  read -r name kind seed restarts min max flags <<<"$line"
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  # shellcheck disable=SC2086 # the flags are words on purpose
  java $flags -XX:+UseG1GC -XX:MaxDirectMemorySize=512m -cp "$work" TaskManagerProbe \
    "$kind" "$work/$name" "$seed" "$restarts" "$min" "$max" 250 &
  pids+=("$!:$name")
done
status=0
for entry in "${pids[@]}"; do
  pid="${entry%%:*}"
  name="${entry#*:}"
  if wait "$pid"; then
    mv "$work/$name.csv" "$work/$name.json" "$here/"
    echo "recorded $name"
  else
    echo "failed: $name" >&2
    status=1
  fi
done
exit "$status"
