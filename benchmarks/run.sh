#!/usr/bin/env bash
# Runs every benchmark and writes benchmarks/results/<date>.md (see benchmarks/README.md).
# Usage: benchmarks/run.sh [--quick]     --quick: fewer tenants and shorter runs, to check that it all works.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
if [ "${1:-}" = "--quick" ]; then quick=true; fi

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else echo "run.sh: wrk is needed (Debian package wrk)" >&2; exit 1; fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=0
dotnet build GovPlatform.sln -c Release -nologo -v quiet
runner=benchmarks/GovPlatform.Benchmarks/bin/Release/net10.0/GovPlatform.Benchmarks.dll

if $quick; then
  args_startup=(--runs 2); args_throughput=(--rounds 1 --duration 3); args_activation=(--tenants 40)
  args_memory=(--counts 100,200); args_micro=(--quick true)
else
  args_startup=(); args_throughput=(); args_activation=(--tenants 500)
  args_memory=(--counts 1000,5000); args_micro=()
fi

parts=$(mktemp -d)
trap 'rm -rf "$parts"' EXIT
for figure in startup throughput activation memory micro; do
  echo "run.sh: $figure…" >&2
  started=$(date +%s)
  args_name="args_${figure}[@]"
  dotnet "$runner" "$figure" --out "$parts/$figure.md" "${!args_name}" >/dev/null
  echo "run.sh: $figure done in $(( $(date +%s) - started )) s" >&2
done

mkdir -p benchmarks/results
out="benchmarks/results/$(date -u +%Y-%m-%d)$($quick && echo -quick || true).md"
# A second run on the same day gets its own file (…-2.md, …-3.md): a day's earlier results stay.
n=2
while [ -e "$out" ] && ! $quick; do out="benchmarks/results/$(date -u +%Y-%m-%d)-$n.md"; n=$((n + 1)); done
{
  echo "# Benchmark results, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`; $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1024/1024}' /proc/meminfo) RAM, Linux $(uname -r), .NET SDK $(dotnet --version), Release build, workstation GC.$($quick && echo ' **Quick run**: small counts, not for the README.' || true)"
  for figure in startup throughput activation memory micro; do
    echo
    cat "$parts/$figure.md"
  done
} > "$out"
echo "run.sh: wrote $out" >&2
