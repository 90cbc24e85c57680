#!/usr/bin/env bash
# Shows that `train` keeps memory flat as the number of reference images grows: it trains at the same
# --sample-pixels on 10, 100 and 1,000 generated 0.25 MP photos and prints peak RSS (GNU time) and wall time of each.
# Usage: tests/MlNetSegment.Benchmarks/train-memory.sh [--no-build]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ "${1:-}" != "--no-build" ]]; then
  dotnet build -c Release src/MlNetSegment.Cli >&2
fi
bin="$root/src/MlNetSegment.Cli/bin/Release/net10.0/mlnetsegment"
need=()
/usr/bin/python3 -c "import PIL, numpy" 2>/dev/null || need+=(python3-pil python3-numpy)
[[ -x /usr/bin/time ]] || need+=(time)
if (( ${#need[@]} )); then
  apt-get update >&2 && apt-get install -y "${need[@]}" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mlnetsegment-trainmem.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT
/usr/bin/python3 - "$root/data" "$work" <<'PY'
import sys, os
import numpy as np
from PIL import Image
data, work = sys.argv[1], sys.argv[2]
sources = [Image.open(os.path.join(data, n)).convert("RGB") for n in sorted(os.listdir(data)) if n.endswith((".png", ".jpg"))]
rng = np.random.default_rng(0)
bases = [np.asarray(s.resize((500, 500), Image.BILINEAR)).astype(np.int16) for s in sources]
for n in (10, 100, 1000):
    os.makedirs(os.path.join(work, str(n)))
for i in range(1000):
    a = bases[i % len(bases)] + rng.integers(-6, 7, (500, 500, 3))
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    for n in (10, 100, 1000):
        if i < n:
            img.save(os.path.join(work, str(n), f"img{i:04}.png"), compress_level=1)
PY

echo "| images | sample pixels | peak RSS (MiB) | wall (s) |"
echo "|---:|---:|---:|---:|"
for n in 10 100 1000; do
  /usr/bin/time -f "%M %e" -o "$work/time.txt" "$bin" train "$work/$n" -k 12 --sample-pixels 250000 -o "$work/m$n.zip" > /dev/null
  read -r kb secs < "$work/time.txt"
  printf '| %d | 250,000 | %d | %s |\n' "$n" $((kb / 1024)) "$secs"
done
