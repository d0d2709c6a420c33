#!/usr/bin/env bash
# The device cost model (issue #15; docs/PERFORMANCE.md "Device cost model"): builds in Release,
# instruments the portable assemblies and prints IL instructions and native calls per operation.
set -euo pipefail
cd "$(dirname "$0")/.."
make -C native/c >/dev/null
dotnet build tests/CostModel -c Release -v q -nologo >/dev/null
exec dotnet tests/CostModel/bin/Release/net10.0/NanoGate.CostModel.dll "$@"
