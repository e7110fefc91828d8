# Source this file: progress reporting for the set-up scripts, so a first run never sits silent.
#   progress_step "title"                       a heading with the time of day
#   progress_note "text"                        an indented line
#   progress_fail "text"                        prints the text and exits 1
#   progress_run "label" SECONDS command…       runs the command with its output in a log file, printing a heartbeat
#                                               (elapsed, the usual duration, and `progress_detail` when defined)
#                                               every 10 s (a single updated line on a terminal); on failure
#                                               prints the log's tail and exits with the command's status.
progress_step() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
progress_note() { printf '    %s\n' "$*"; }
progress_fail() {
  printf '\n[dev] %s\n' "$*" >&2
  exit 1
}

progress_run() {
  local label="$1" usual="$2"
  shift 2
  local log started=$SECONDS pid status=0 line detail
  log="$(mktemp "${TMPDIR:-/tmp}/opsm-setup.XXXXXX")"
  progress_note "$label: usually about $(progress_duration "$usual") on a first run (2 cores)…"
  "$@" >"$log" 2>&1 &
  pid=$!
  # Kill the step too when the user presses Ctrl-C (it runs in the background of this shell).
  trap 'kill "$pid" 2>/dev/null; rm -f "$log"; exit 130' INT TERM
  while kill -0 "$pid" 2>/dev/null; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      sleep 1
      kill -0 "$pid" 2>/dev/null || break 2
    done
    detail=""
    if declare -F progress_detail >/dev/null; then detail="; $(progress_detail 2>/dev/null || true)"; fi
    line="$label: $(progress_duration $((SECONDS - started))) so far (usually about $(progress_duration "$usual"))$detail"
    if [ -t 1 ]; then printf '\r\033[K    … %s' "$line"; else progress_note "… $line"; fi
  done
  wait "$pid" || status=$?
  trap - INT TERM
  [ -t 1 ] && printf '\r\033[K'
  if [ "$status" -ne 0 ]; then
    printf '    %s failed (exit %s) after %s. Its last output:\n' "$label" "$status" \
      "$(progress_duration $((SECONDS - started)))" >&2
    tail -n 40 "$log" | sed 's/^/      /' >&2
    rm -f "$log"
    exit "$status"
  fi
  rm -f "$log"
  progress_note "$label: done in $(progress_duration $((SECONDS - started)))"
}

progress_duration() {
  local s="$1"
  if [ "$s" -ge 60 ]; then printf '%d min %02d s' $((s / 60)) $((s % 60)); else printf '%d s' "$s"; fi
}
