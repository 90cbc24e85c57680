#!/usr/bin/env bash
# Map/reduce training on Slurm: an array of N sample tasks, then one reduce job that runs only if all of them
# succeeded (--dependency=afterok). Prints the two job ids.
#   deploy/slurm/train.sh LIST N PARTS MODEL [extra sbatch options...]
# Environment passed on: K, SEED, SAMPLE_PIXELS, COLOR_SPACE, MLNETSEGMENT (see sample.sbatch and reduce.sbatch).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 4 ] || { echo "usage: $0 LIST N PARTS MODEL [sbatch options...]" >&2; exit 2; }
list="$1"; shards="$2"; parts="$3"; model="$4"; shift 4
map=$(sbatch --parsable --array="0-$((shards - 1))" --export="ALL,LIST=$list,PARTS=$parts,SHARDS=$shards" "$@" "$here/sample.sbatch")
map="${map%%;*}"
reduce=$(sbatch --parsable --dependency="afterok:$map" --export="ALL,PARTS=$parts,MODEL=$model" "$@" "$here/reduce.sbatch")
echo "sample array $map, reduce $reduce"
