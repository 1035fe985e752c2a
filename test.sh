#!/usr/bin/env bash
# Runs every test of GovPlatform. Installs what the tests need when it is missing (PostgreSQL and Chromium,
# Debian packages), starts a throwaway PostgreSQL server for the tests, then runs `dotnet test`.
# Usage: ./test.sh [extra dotnet test arguments]
# The tests read: GOVPLATFORM_TEST_POSTGRES (connection string; when it is already set, that server is used
# and none is started), GOVPLATFORM_POSTGRES_BIN (PostgreSQL's bin folder) and GOVPLATFORM_CHROMIUM.
set -euo pipefail
cd "$(dirname "$0")"

need() { command -v "$1" >/dev/null 2>&1; }

if ! need dotnet; then
  echo "test.sh: the .NET 10 SDK is required (https://dotnet.microsoft.com/download)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The bin folder of the highest PostgreSQL version installed the Debian way, or nothing.
pg_bin_dir() {
  local initdb
  initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  if [ -x "$initdb" ]; then dirname "$initdb"; fi
}

# Debian packages the tests need: PostgreSQL's server, and Chromium for the browser tests.
missing=()
if [ -z "$(pg_bin_dir)" ]; then missing+=(postgresql); fi
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif need sudo; then
    as_root=(sudo)
  else
    echo "test.sh: the Debian packages ${missing[*]} are missing and this is neither root nor has sudo;" \
      "install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  if ! need apt-get; then
    echo "test.sh: the packages ${missing[*]} are missing and there is no apt-get to install them; install them" \
      "(PostgreSQL's binaries under /usr/lib/postgresql/<version>/bin, Chromium at /usr/bin/chromium)." >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_bin=$(pg_bin_dir)
if [ -z "$pg_bin" ] || [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: PostgreSQL (/usr/lib/postgresql/<version>/bin/initdb) or /usr/bin/chromium is still missing." >&2
  exit 1
fi
export GOVPLATFORM_POSTGRES_BIN="$pg_bin" GOVPLATFORM_CHROMIUM=/usr/bin/chromium

dotnet build GovPlatform.sln -c Release -nologo -v quiet
# The SDK packages (GovPlatform.Abstractions, the modules' *.Abstractions) and the templates, as vendors get them: docs/vendors.md.
for sdk in src/GovPlatform.Abstractions modules/*.Abstractions templates/GovPlatform.Templates.csproj; do
  dotnet pack "$sdk" -c Release --no-build -nologo -v quiet -o artifacts/packages
done

# The throwaway PostgreSQL server: its folder (data, socket, log), and how its programs are run. initdb refuses
# root, so as root they run as the postgres user, from its folder (postgres may not enter the current one).
pg_dir=""
pg_as=()
if [ "$(id -u)" -eq 0 ]; then pg_as=(runuser -u postgres --); fi
pg() { (cd "$pg_dir" && "${pg_as[@]}" "$pg_bin/$1" "${@:2}"); }

log=""
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  if [ -n "$pg_dir" ]; then
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
      pg pg_ctl -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir" || true
  fi
  if [ -n "$log" ]; then rm -f "$log" || true; fi
}
trap cleanup EXIT

if [ -n "${GOVPLATFORM_TEST_POSTGRES:-}" ]; then
  echo "test.sh: PostgreSQL from GOVPLATFORM_TEST_POSTGRES"
else
  started=$(date +%s%3N)
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/govplatform-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir"; fi
  if ! pg initdb -D "$pg_dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1; then
    cat "$pg_dir/initdb.log" >&2
    echo "test.sh: initdb failed" >&2
    exit 1
  fi
  # A free loopback port: from a random start, skip ports something answers on, and take the first one the
  # server starts on (it fails at once when the port was taken in between).
  port=$((20000 + RANDOM % 10000))
  pg_port=""
  for _ in $(seq 1 20); do
    port=$((port + 1))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if pg pg_ctl -D "$pg_dir/data" -w -t 60 -l "$pg_dir/log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k '$pg_dir' -c fsync=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null 2>&1; then
      pg_port=$port
      break
    fi
    if [ -f "$pg_dir/data/postmaster.pid" ]; then  # started too slowly: not a port problem
      break
    fi
  done
  if [ -z "$pg_port" ]; then
    cat "$pg_dir/log" >&2 || true
    echo "test.sh: could not start PostgreSQL (from $pg_bin)" >&2
    exit 1
  fi
  export GOVPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  echo "test.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, ready in $(($(date +%s%3N) - started)) ms"
fi

log=$(mktemp)
status=0
dotnet test GovPlatform.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?

# The host tests once more with PostgreSQL as every tenant's provider (the Data tests run on both already, the
# package tests need no database of their own). A --filter given to this script narrows this run too.
pg_filter="FullyQualifiedName!~GovPlatform.Host.Tests.Data.&FullyQualifiedName!~GovPlatform.Host.Tests.Packages."
pg_args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --filter) pg_filter="($2)&$pg_filter"; shift 2 ;;
    --filter=*) pg_filter="(${1#--filter=})&$pg_filter"; shift ;;
    *) pg_args+=("$1"); shift ;;
  esac
done
GOVPLATFORM_TEST_PROVIDER=Postgres dotnet test tests/GovPlatform.Host.Tests/GovPlatform.Host.Tests.csproj -c Release --no-build -nologo \
  --filter "$pg_filter" "${pg_args[@]}" 2>&1 | tee -a "$log" || status=$?

# One plain summary line for CI: the totals over every test project.
passed=$( { grep -oE 'Passed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$( { grep -oE 'Failed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
skipped=$( { grep -oE 'Skipped: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
