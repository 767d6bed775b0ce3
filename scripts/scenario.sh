#!/usr/bin/env bash
# Walks a two-user thread conversation against a running sample host and prints alice's unread counts at each step.
#   dotnet run --project samples/Matrix.Receipts.SampleHost -- --store memory &
#   scripts/scenario.sh [URL]            (default http://127.0.0.1:8008; uses the built-in demo world's users)
# Needs curl, and jq or python3 to read JSON.
set -euo pipefail

URL="${1:-http://127.0.0.1:8008}"
URL="${URL%/}"
ALICE="alice_token"
BOB="bob_token"
ROOM='!lobby:example.org'
ALICE_ID='@alice:example.org'
THREADED_FILTER='{"room":{"timeline":{"unread_thread_notifications":true}}}'

if command -v jq >/dev/null 2>&1; then JSON_TOOL=jq; elif command -v python3 >/dev/null 2>&1; then JSON_TOOL=python3; else
  echo "scenario.sh needs jq or python3" >&2; exit 1
fi

# urlenc VALUE: percent-encodes one path segment or query value.
urlenc() {
  if [ "$JSON_TOOL" = jq ]; then jq -rn --arg v "$1" '$v|@uri'
  else python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; fi
}

# jget JSON KEY...: the value at that key path (strings raw, anything else as compact JSON, "null" when missing).
jget() {
  local json="$1"; shift
  if [ "$JSON_TOOL" = jq ]; then
    local path; path=$(printf '%s\n' "$@" | jq -R . | jq -cs .)
    printf '%s' "$json" | jq -rc --argjson p "$path" 'getpath($p)'
  else
    printf '%s' "$json" | python3 -c '
import json, sys
v = json.load(sys.stdin)
for k in sys.argv[1:]:
    v = v.get(k) if isinstance(v, dict) else None
print(v if isinstance(v, str) else "null" if v is None else json.dumps(v, separators=(",", ":")))' "$@"
  fi
}

# call TOKEN METHOD PATH [BODY]: prints the response body; fails the script on a non-2xx status.
call() {
  local token="$1" method="$2" path="$3" body="${4:-}" out status
  local args=(-sS -X "$method" -H "Authorization: Bearer $token" -w '\n%{http_code}')
  if [ -n "$body" ]; then args+=(-H 'Content-Type: application/json' --data "$body"); fi
  out=$(curl "${args[@]}" "$URL$path")
  status="${out##*$'\n'}"
  out="${out%$'\n'*}"
  if [ "${status:0:1}" != 2 ]; then
    echo "FAILED: $method $path -> $status $out" >&2
    exit 1
  fi
  printf '%s' "$out"
}

ROOM_ENC=$(urlenc "$ROOM")
send() { # send TOKEN BODY [THREAD_ROOT] -> event ID
  # A fresh transaction ID per send (send runs in a subshell, so no counter survives); a reused one would be a retry.
  local content txn="scenario-$$-$(date +%s%N)-$RANDOM"
  if [ -n "${3:-}" ]; then
    content="{\"msgtype\":\"m.text\",\"body\":\"$2\",\"m.relates_to\":{\"rel_type\":\"m.thread\",\"event_id\":\"$3\"}}"
  else
    content="{\"msgtype\":\"m.text\",\"body\":\"$2\"}"
  fi
  jget "$(call "$1" PUT "/_matrix/client/v3/rooms/$ROOM_ENC/send/m.room.message/$txn" "$content")" event_id
}
receipt() { # receipt TYPE EVENT [THREAD_ID]
  local body='{}'
  if [ -n "${3:-}" ]; then body="{\"thread_id\":\"$3\"}"; fi
  call "$ALICE" POST "/_matrix/client/v3/rooms/$ROOM_ENC/receipt/$1/$(urlenc "$2")" "$body" >/dev/null
}
counts() { # counts "STEP": alice's unread counts in the room, main timeline and the thread
  local sync room
  sync=$(call "$ALICE" GET "/_matrix/client/v3/sync?filter=$(urlenc "$THREADED_FILTER")")
  room=$(jget "$sync" rooms join "$ROOM")
  printf '%-58s main %s/%s   thread %s/%s\n' "$1" \
    "$(jget "$room" unread_notifications notification_count)" "$(jget "$room" unread_notifications highlight_count)" \
    "$(jget "$room" unread_thread_notifications "$ROOT" notification_count | sed 's/^null$/-/')" \
    "$(jget "$room" unread_thread_notifications "$ROOT" highlight_count | sed 's/^null$/-/')"
}

echo "host: $URL ($(jget "$(call "$ALICE" GET /_matrix/client/v3/account/whoami)" user_id) and $(jget "$(call "$BOB" GET /_matrix/client/v3/account/whoami)" user_id))"
echo "room: $ROOM — alice catches up on what is already there first"
echo "counts are alice's notifications/highlights (- = no such thread yet)"
LAST=$(send "$BOB" "Morning all")
receipt m.read "$LAST"

ROOT=$(send "$BOB" "Planning the 0.2 release")
counts "1. bob posts in main (thread root to be)"
send "$BOB" "First: the SQLite store" "$ROOT" >/dev/null
REPLY=$(send "$BOB" "$ALICE_ID can you review the thread rule?" "$ROOT")
counts "2. bob replies twice in the thread (one mentions alice)"
MAIN=$(send "$BOB" "Also: lunch at noon")
counts "3. bob posts again in main"
receipt m.read "$MAIN" main
counts "4. alice reads main (m.read, thread_id main)"
receipt m.read "$REPLY" "$ROOT"
counts "5. alice reads the thread (m.read, thread_id root)"
LATE=$(send "$BOB" "One more thing" "$ROOT")
counts "6. bob adds a thread reply"
receipt m.read.private "$LATE"
counts "7. alice reads it privately (m.read.private, unthreaded)"
receipt m.read "$ROOT"
counts "8. alice's lagging public receipt (older event)"
call "$ALICE" POST "/_matrix/client/v3/rooms/$ROOM_ENC/read_markers" "{\"m.fully_read\":\"$LATE\"}" >/dev/null
echo "9. alice sets her fully-read marker: account data $(call "$ALICE" GET "/_matrix/client/v3/user/$(urlenc "$ALICE_ID")/rooms/$ROOM_ENC/account_data/m.fully_read")"

BOB_VIEW=$(jget "$(call "$BOB" GET /_matrix/client/v3/sync)" rooms join "$ROOM" ephemeral events)
echo "10. what bob sees of the receipts: $BOB_VIEW"
case "$BOB_VIEW" in
  *m.read.private*) echo "FAILED: bob sees alice's private receipt" >&2; exit 1 ;;
esac
echo "done: bob sees alice's public receipts only; her private receipt and fully-read marker stay hers."
