#!/usr/bin/env bash
# Longer mutation-fuzz run over decode -> segment, with a time budget.
#   tests/MlNetSegment.Fuzz/fuzz.sh [SECONDS=300] [SEED=1] [FINDINGS=fuzz-findings]
# Prints "fuzz: N inputs, F failures (C crashes, H hangs), T s" and exits 1 if anything failed. Each failing input
# is saved as FINDINGS/<crash|hang>-<index>-<sha256>.bin with its exception beside it (.txt); reproduce one with the
# same seed, or add it to tests/MlNetSegment.Tests/Corpus/fuzz-regressions/ and FUZZ_REGRESSIONS in generate.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-300}"
seed="${2:-1}"
findings="${3:-fuzz-findings}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/MlNetSegment.Fuzz -c Release -v quiet -nologo >/dev/null
exec dotnet tests/MlNetSegment.Fuzz/bin/Release/net10.0/mlnetsegment-fuzz.dll --seconds "$seconds" --seed "$seed" --findings "$findings"
