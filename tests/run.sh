#!/usr/bin/env bash
# The one test command (README): installs what the browser, print, PostgreSQL and proxy tests need when missing,
# starts a private PostgreSQL, builds, runs every test project of the solution, and ends with a
# "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need_packages+=(fonts-wqy-zenhei)
# The ledgers' and the announcement document's real-client checks print them with LibreOffice (Calc and Writer) and
# read the PDFs with poppler (Arial's metrics: Liberation).
command -v soffice >/dev/null || need_packages+=(libreoffice-calc)
[ -e /usr/lib/libreoffice/program/swriter ] || need_packages+=(libreoffice-writer)
command -v pdftotext >/dev/null || need_packages+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need_packages+=(fonts-liberation)
# PostgreSQL for the provider tests, nginx for the two-instance test: never skipped, so installed here.
pg_bin=$(postgres_bin)
{ [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && command -v pg_dump >/dev/null; } || need_packages+=(postgresql)
[ -x /usr/sbin/nginx ] || need_packages+=(nginx)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]} for the browser, print, PostgreSQL and proxy tests..."
  if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root, or install first: apt-get install -y ${need_packages[*]}" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null || exit 1
fi

# A private, throw-away PostgreSQL cluster: a temporary folder, loopback only, a free port, stopped on exit
# (failure included). PostgreSQL refuses to run as root, so root runs it as the `postgres` user.
pg_bin=$(postgres_bin)
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/diqing-pg.XXXXXX")
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_postgres() {
  [ -f "$pg_dir/data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; exit 1; }
pg_port=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
  if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
      -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
    pg_port=$port
    break
  fi
done
[ -n "$pg_port" ] || { echo "The private PostgreSQL did not start:" >&2; cat "$pg_dir/server.log" >&2; exit 1; }
export DIQING_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port for the tests."

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
