#!/usr/bin/env bash
# Scores region segmentation on the BSDS500 subset in ../shared/data/bsds (relative to the repository root) and prints
# Markdown tables: the default, plain K-means, the settings tried, and the half-split check.
# The images and annotations are never copied into the repository (research-only licence); without them this skips.
# Usage: tests/MlNetSegment.Benchmarks/bsds/run.sh [--grid none|small|full] [--csv PATH]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
if [ ! -d "$root/../shared/data/bsds/groundtruth" ]; then
  echo "skipped: ../shared/data/bsds not found"
  exit 0
fi
dotnet build "$root/tests/MlNetSegment.Benchmarks.Bsds" -c Release -v quiet -nologo >/dev/null
exec nice -n 10 dotnet "$root/tests/MlNetSegment.Benchmarks.Bsds/bin/Release/net10.0/MlNetSegment.Benchmarks.Bsds.dll" "$@"
