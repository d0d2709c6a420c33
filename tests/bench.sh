#!/usr/bin/env bash
# Runs the benchmarks in Release and prints their tables: tests/bench.sh [--quick] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tests/Bench -- "$@"
