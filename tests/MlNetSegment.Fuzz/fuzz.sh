#!/usr/bin/env bash
# Longer mutation-fuzz run with a time budget, over decode -> segment (image), the model loader (model), evaluate's label-map reader (label),
# the sample-file reader and merge of train --from-samples (sample), or all four (all, the default; both = image and model).
#   tests/MlNetSegment.Fuzz/fuzz.sh [SECONDS=300] [SEED=1] [FINDINGS=fuzz-findings] [TARGET=all]
# Prints "fuzz: N inputs, F failures (C crashes, H hangs), T s (...; target X)" per target (with both, the budget is
# split between them and a combined line follows) and exits 1 if anything failed. Each failing input is saved as
# FINDINGS/[model-]<crash|hang>-<index>-<sha256>.bin with its exception beside it (.txt); reproduce one with the same
# seed. To find an input that kills the whole process, run the program with --from INDEX --trace: it logs every input
# and keeps the current one as FINDINGS/last-input.bin. Image findings go to tests/MlNetSegment.Tests/Corpus/fuzz-regressions/ (FUZZ_REGRESSIONS in generate.py),
# model findings to Corpus/models/fuzz-regressions/ (FUZZ_REGRESSIONS in models/generate.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-300}"
seed="${2:-1}"
findings="${3:-fuzz-findings}"
target="${4:-all}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/MlNetSegment.Fuzz -c Release -v quiet -nologo >/dev/null
exec dotnet tests/MlNetSegment.Fuzz/bin/Release/net10.0/mlnetsegment-fuzz.dll --target "$target" --seconds "$seconds" --seed "$seed" --findings "$findings"
