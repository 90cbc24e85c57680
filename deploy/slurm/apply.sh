#!/usr/bin/env bash
# Apply a model to a list on Slurm: an array of N tasks, at most T running at once (%T), one shard each.
#   deploy/slurm/apply.sh MODEL LIST OUT N [T=N] [extra sbatch options...]
# Environment passed on: APPLY_FLAGS, MLNETSEGMENT (see apply.sbatch). Prints the array's job id.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 4 ] || { echo "usage: $0 MODEL LIST OUT N [T] [sbatch options...]" >&2; exit 2; }
model="$1"; list="$2"; out="$3"; shards="$4"; throttle="${5:-$4}"; shift $(( $# >= 5 ? 5 : 4 ))
mkdir -p "$out/manifests"
job=$(sbatch --parsable --array="0-$((shards - 1))%$throttle" --export="ALL,MODEL=$model,LIST=$list,OUT=$out,SHARDS=$shards" "$@" "$here/apply.sbatch")
echo "${job%%;*}"
