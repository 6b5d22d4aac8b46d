#!/usr/bin/env bash
# The one test command (README): installs what the browser and print tests need when missing, builds,
# runs every test project of the solution, and ends with a "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need_packages+=(fonts-wqy-zenhei)
# The ledgers' real-client check prints them with LibreOffice and reads the PDFs with poppler (Arial's metrics: Liberation).
command -v soffice >/dev/null || need_packages+=(libreoffice-calc)
command -v pdftotext >/dev/null || need_packages+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need_packages+=(fonts-liberation)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]} for the browser and print tests..."
  if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root, or install first: apt-get install -y ${need_packages[*]}" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null || exit 1
fi

results=artifacts/test-results
rm -rf "$results"
dotnet tool restore >/dev/null || exit 1
dotnet build Diqing.Procurement.sln -c Release -nologo -v q || exit 1
dotnet test Diqing.Procurement.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit $status
