#!/usr/bin/env bash
# Rerun the shards of an apply array that did not finish cleanly: those without a manifest (failed, cancelled, never
# ran) or whose manifest lists a failure. Each is resubmitted with --array=I and the same N, so it takes the same
# inputs; images already written are skipped.
#   deploy/slurm/rerun.sh MODEL LIST OUT N [extra sbatch options...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 4 ] || { echo "usage: $0 MODEL LIST OUT N [sbatch options...]" >&2; exit 2; }
model="$1"; list="$2"; out="$3"; shards="$4"; shift 4
todo=()
for ((i = 0; i < shards; i++)); do
  manifest="$out/manifests/shard-$i.jsonl"
  if [ ! -f "$manifest" ] || grep -q '"status":"failed"' "$manifest"; then
    todo+=("$i")
  fi
done
if [ ${#todo[@]} -eq 0 ]; then
  echo "every shard of $shards has a clean manifest; nothing to rerun"
  exit 0
fi
indices=$(IFS=,; echo "${todo[*]}")
job=$(sbatch --parsable --array="$indices" --export="ALL,MODEL=$model,LIST=$list,OUT=$out,SHARDS=$shards" "$@" "$here/apply.sbatch")
echo "rerunning shard(s) $indices of $shards as job ${job%%;*}"
