#!/usr/bin/env bash
# Full test run: unit tests (vitest), production build, browser tests (Playwright on Chromium).
#   bash scripts/test.sh        all three stages
#   bash scripts/test.sh unit   vitest only
#   bash scripts/test.sh e2e    build + playwright only
# Exits non-zero when any stage fails; prints each runner's summary.
set -uo pipefail
cd "$(dirname "$0")/.."

stage="${1:-all}"

find_chromium() {
  if [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then echo "$CHROMIUM_PATH"; return 0; fi
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [[ -x "$c" ]]; then echo "$c"; return 0; fi
  done
  # Playwright's own download, if any.
  node -e "try{const p=require('@playwright/test').chromium.executablePath();if(require('fs').existsSync(p)){console.log(p);process.exit(0)}}catch{}process.exit(1)" 2>/dev/null
}

ensure_chromium() {
  local path
  if path="$(find_chromium)"; then export CHROMIUM_PATH="$path"; return 0; fi
  echo "No Chromium found: installing one." >&2
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    npx playwright install chromium
  fi
  path="$(find_chromium)" || { echo "Chromium installation failed" >&2; return 1; }
  export CHROMIUM_PATH="$path"
}

status=0
run() {
  local name="$1"
  shift
  echo "=== $name: $*"
  "$@"
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "=== $name FAILED (exit $rc)"
    status=1
  fi
  return $rc
}

if [[ "$stage" == "all" || "$stage" == "unit" ]]; then
  run unit npx vitest run
fi

if [[ "$stage" == "all" || "$stage" == "e2e" ]]; then
  if ensure_chromium; then
    echo "=== using Chromium at $CHROMIUM_PATH"
    if run build npx vite build --logLevel warn; then
      run e2e npx playwright test
    fi
  else
    status=1
  fi
fi

if [[ $status -eq 0 ]]; then echo "=== all tests passed"; else echo "=== TESTS FAILED"; fi
exit $status
