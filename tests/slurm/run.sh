#!/usr/bin/env bash
# End-to-end test of issue #14 on a real Slurm (Debian's slurm-wlm 22.05) on this one machine: a controller and two
# node daemons, private ports, a private munge socket, all under one scratch folder.
#   tests/slurm/run.sh
# 1. installs slurmctld, slurmd, slurm-client and munge with apt-get if they are missing;
# 2. starts munged, slurmctld and two slurmd (n1, n2; one CPU each), niced, and waits for both nodes to be idle;
# 3. writes 48 PNGs (the three bundled PNG photos and 45 crops of them), trains a palette by map/reduce through
#    deploy/slurm/train.sh (a 4-task sample array, then the reduce with --dependency=afterok), and applies it through
#    deploy/slurm/apply.sh (an 8-task array, at most 2 at once);
# 4. cancels one running apply task (scancel) and reruns it through deploy/slurm/rerun.sh;
# 5. compares with one machine: the apply outputs byte for byte with one `apply`, and the map/reduce palette's
#    partition SSE (RGB, all images) with the median of one machine's `train` over seeds 0-2 (bar: at most 1.02x);
# 6. checks that the manifests name every input once (`summarize`, and against the list);
# 7. measures the scheduler's overhead per task (an array of 20 empty tasks) and the cost per image;
# 8. shuts everything down by PID (never by name).
# Exit 0: passed. Exit 77 with "slurm test: SKIPPED ..." when it cannot run here (not root, packages not installable):
# that never counts as passed. Anything else: failed. Keep the scratch folder with KEEP=1.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

skip() { echo "slurm test: SKIPPED: $*"; exit 77; }
fail() { echo "slurm test: FAILED: $*"; exit 1; }
say() { echo "slurm test: $*"; }

[ "$(id -u)" = 0 ] || skip "needs root (to install packages and start munged and the Slurm daemons)"

# 1. Packages.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  if ! { timeout 300 apt-get update -qq && timeout 600 apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge; } >/tmp/mlnetsegment-slurm-apt.log 2>&1; then
    skip "the packages slurmctld slurmd slurm-client munge could not be installed (see /tmp/mlnetsegment-slurm-apt.log)"
  fi
fi

work="$(mktemp -d /tmp/mlnetsegment-slurm.XXXXXX)"
chmod 755 "$work"
mkdir -p "$work/state" "$work/spool" "$work/log" "$work/munge"
pids=()
cleanup() {
  # Stop only what this script started, by the PIDs in its own pid files.
  if [ -f "$work/slurmctld.pid" ]; then
    timeout 20 scontrol shutdown >/dev/null 2>&1 || true
  fi
  for file in "$work/slurmctld.pid" "$work/slurmd-n1.pid" "$work/slurmd-n2.pid" "$work/munge/munged.pid"; do
    [ -f "$file" ] || continue
    pid="$(cat "$file" 2>/dev/null)"
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; [ "$file" = "$work/munge/munged.pid" ] && kill "$pid" 2>/dev/null; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  done
  if [ "${KEEP:-0}" = 1 ]; then say "scratch folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# 2. Munge on a private socket, so that this test never meets another munged on the machine.
key=/etc/munge/munge.key
if [ ! -s "$key" ]; then
  mkdir -p /etc/munge && dd if=/dev/urandom of="$key" bs=1024 count=1 status=none && chown munge:munge "$key" && chmod 400 "$key"
fi
chown munge:munge "$work/munge" && chmod 755 "$work/munge" # munged wants its socket folder searchable by all
socket="$work/munge/munge.sock"
runuser -u munge -- /usr/sbin/munged --socket="$socket" --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" \
  --seed-file="$work/munge/munged.seed" --key-file="$key" || fail "munged did not start (see $work/munge/munged.log)"

read -r ctld_port n1_port n2_port < <(python3 -c 'import socket
s = [socket.socket() for _ in range(3)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
host="$(hostname)"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<EOF
ClusterName=mlnetsegment
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool/%n
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd-%n.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$work/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
MinJobAge=600
NodeName=n1 NodeHostname=$host NodeAddr=127.0.0.1 Port=$n1_port CPUs=1 RealMemory=4000
NodeName=n2 NodeHostname=$host NodeAddr=127.0.0.1 Port=$n2_port CPUs=1 RealMemory=4000
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
start=$(date +%s.%N)
nice -n 19 slurmctld -c || fail "slurmctld did not start (see $work/log/slurmctld.log)"
nice -n 19 slurmd -N n1 || fail "slurmd n1 did not start"
nice -n 19 slurmd -N n2 || fail "slurmd n2 did not start"
for _ in $(seq 1 150); do
  [ "$(sinfo -h -N -o '%N %T' 2>/dev/null | grep -c ' idle$')" = 2 ] && break
  sleep 0.2
done
[ "$(sinfo -h -N -o '%N %T' | grep -c ' idle$')" = 2 ] || fail "the two nodes did not become idle: $(sinfo -N 2>&1 | tr '\n' ' ')"
say "Slurm $(sinfo -V | awk '{print $2}') up in $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s: 2 nodes idle (controller port $ctld_port)"

# Wait until a job (or every task of an array) has left the queue.
wait_job() {
  for _ in $(seq 1 3000); do
    [ -z "$(squeue -h -j "$1" -o '%i' 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  fail "job $1 did not finish in 10 minutes"
}
state_of() { grep -h "JobId=$1 " "$work/jobcomp.txt" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | tail -1; }

# 3. Data and the tool.
say "building the CLI"
nice -n 19 dotnet build "$repo/src/MlNetSegment.Cli" -c Release -o "$work/bin" -v quiet -nologo >"$work/log/build.log" 2>&1 \
  || fail "the CLI did not build (see $work/log/build.log)"
cli=(nice -n 19 dotnet "$work/bin/mlnetsegment.dll")
export MLNETSEGMENT="dotnet $work/bin/mlnetsegment.dll"
cd "$work"
python3 "$repo/tests/slurm/pngtool.py" crops imgs 45 "$repo/data/coffee.png" "$repo/data/chelsea.png" "$repo/data/astronaut.png" \
  | sed "s#^$work/##" > list.txt
images=$(wc -l < list.txt)
[ "$images" -ge 40 ] || fail "only $images images"
export K=12 SAMPLE_PIXELS=50000 SEED=0

# One machine: train over seeds 0-2, each palette applied with --labels and scored.
one_sse=()
for seed in 0 1 2; do
  "${cli[@]}" train --inputs-from list.txt -k $K -o "one-s$seed.zip" --sample-pixels $SAMPLE_PIXELS --seed $seed --quiet || fail "one-machine train, seed $seed"
  "${cli[@]}" apply "one-s$seed.zip" --inputs-from list.txt -o "one-s$seed" --labels --quiet || fail "one-machine apply, seed $seed"
  one_sse+=("$(python3 "$repo/tests/slurm/pngtool.py" sse "one-s$seed/imgs" $(sed "s#^#$work/#" list.txt))")
done

# Map/reduce training on Slurm.
mkdir -p parts
line=$("$repo/deploy/slurm/train.sh" list.txt 4 parts mr.zip) || fail "train.sh: $line"
map_job=$(echo "$line" | sed -n 's/sample array \([0-9]*\), reduce \([0-9]*\)/\1/p')
reduce_job=$(echo "$line" | sed -n 's/sample array \([0-9]*\), reduce \([0-9]*\)/\2/p')
wait_job "$map_job"; wait_job "$reduce_job"
[ "$(state_of "$reduce_job")" = COMPLETED ] && [ -s mr.zip ] || fail "the reduce job $reduce_job ended $(state_of "$reduce_job"); see $work/mlnetsegment-*.out"
say "map/reduce training: 4 sample tasks (job $map_job) then the reduce (job $reduce_job, afterok) -> mr.zip"
"${cli[@]}" apply mr.zip --inputs-from list.txt -o mr-labels --labels --quiet || fail "apply of the map/reduce palette"
mr_sse="$(python3 "$repo/tests/slurm/pngtool.py" sse mr-labels/imgs $(sed "s#^#$work/#" list.txt))"

# 4. Apply on Slurm: 8 shards, 2 at a time. Cancel a task while it runs, once it has written its first image (its
# log shows "[1/"), so that the rerun finds some of its outputs done; should a task finish before the cancel reaches
# it, the next running one is tried.
export APPLY_FLAGS="--labels --masks"
apply_start=$(date +%s.%N)
apply_job=$("$repo/deploy/slurm/apply.sh" mr.zip list.txt out 8 2) || fail "apply.sh: $apply_job"
task_state() {
  for _ in $(seq 1 100); do
    st="$(grep -h "ArrayJobId=$apply_job ArrayTaskId=$1 " "$work/jobcomp.txt" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | tail -1)"
    [ -n "$st" ] && { echo "$st"; return; }
    sleep 0.1
  done
}
cancelled=""; cancelled_state=""; tried=" "
while [ -z "$cancelled" ] && [ -n "$(squeue -h -j "$apply_job" -o '%i' 2>/dev/null)" ]; do
  for task in $(squeue -h -r -t RUNNING -j "$apply_job" -o '%i' 2>/dev/null); do
    case "$tried" in *" $task "*) continue ;; esac
    grep -q '^\[1/' "mlnetsegment-apply-$task.out" 2>/dev/null || continue
    tried="$tried$task "
    scancel "$task"
    for _ in $(seq 1 300); do [ -z "$(squeue -h -r -j "$task" -o '%i' 2>/dev/null)" ] && break; sleep 0.1; done
    st="$(task_state "${task##*_}")"
    # A task whose images were all done when the signal came finishes and writes its manifest: not a cut-off task.
    if [ "$st" = CANCELLED ] && [ ! -e "out/manifests/shard-${task##*_}.jsonl" ]; then cancelled="$task"; cancelled_state="$st"; break; fi
    say "task $task had finished its shard when the cancel reached it ($st); trying another"
  done
  sleep 0.05
done
[ -n "$cancelled" ] || fail "no apply task could be cancelled while running"
wait_job "$apply_job"
index="${cancelled##*_}"
done_before=$(grep -c '^\[' "mlnetsegment-apply-$cancelled.out")
rerun=$("$repo/deploy/slurm/rerun.sh" mr.zip list.txt out 8) || fail "rerun.sh: $rerun"
echo "$rerun" | grep -q "rerunning shard(s) $index of 8 as job" || fail "rerun.sh resubmitted something else: $rerun"
rerun_job="${rerun##* }"
wait_job "$rerun_job"
apply_wall=$(python3 -c "print($(date +%s.%N) - $apply_start)")
say "apply array: job $apply_job, 8 tasks (%2); cancelled $cancelled while running, after $done_before image(s) ($cancelled_state); rerun of index $index as job $rerun_job"

# 5. Against one machine.
one_start=$(date +%s.%N)
"${cli[@]}" apply mr.zip --inputs-from list.txt -o one-apply $APPLY_FLAGS --quiet || fail "one-machine apply"
one_wall=$(python3 -c "print($(date +%s.%N) - $one_start)")
(cd out && find . -type f ! -path './manifests/*' ! -name '.*' | sort) > out-files.txt
(cd one-apply && find . -type f ! -name '.*' | sort) > one-files.txt
cmp -s out-files.txt one-files.txt || fail "the array wrote other files than one apply: $(diff out-files.txt one-files.txt | head -5 | tr '\n' ' ')"
while read -r f; do cmp -s "out/$f" "one-apply/$f" || fail "out/$f differs from one machine's"; done < out-files.txt
identical=$(wc -l < out-files.txt)
ratio=$(python3 -c "
import statistics
print(f'{$mr_sse / statistics.median([${one_sse[0]}, ${one_sse[1]}, ${one_sse[2]}]):.4f}')")
python3 -c "import sys; sys.exit(0 if $ratio <= 1.02 else 1)" || fail "map/reduce SSE ratio $ratio is above 1.02"

# 6. Manifests.
"${cli[@]}" summarize out/manifests > summary.txt || fail "summarize: $(cat summary.txt)"
grep -q "^summarize: 8 manifest(s), $images input(s): .* 0 failed, 0 named more than once" summary.txt || fail "$(head -1 summary.txt)"
cat out/manifests/*.jsonl | python3 -c 'import json, sys; print("\n".join(sorted(json.loads(l)["input"] for l in sys.stdin if l.strip())))' > named.txt
sort list.txt | cmp -s - named.txt || fail "the manifests do not name every input exactly once"
ok=$(cat out/manifests/*.jsonl | grep -c '"status":"ok"'); skipped=$(cat out/manifests/*.jsonl | grep -c '"status":"skipped"')

# 7. The scheduler's overhead: 20 empty tasks on the 2 one-CPU nodes.
noop_start=$(date +%s.%N)
noop_job=$(sbatch --parsable --array=0-19 --output=/dev/null --wrap=true) || fail "sbatch of the empty array"
wait_job "${noop_job%%;*}"
overhead=$(python3 -c "print(f'{($(date +%s.%N) - $noop_start) * 2 / 20:.2f}')")
per_image=$(python3 -c "print(f'{$one_wall / $images:.3f}')")

say "images: $images; apply tasks: 8 (+1 rerun), sample tasks: 4, reduce: 1"
say "cancelled task: $cancelled ($cancelled_state, after $done_before image(s)), rerun as job $rerun_job; manifests: $images inputs named once ($ok ok, $skipped skipped by the rerun), 0 failed"
say "identical outputs: $identical files of the array equal one machine's apply byte for byte"
say "SSE ratio: map/reduce $mr_sse / median one machine (${one_sse[*]}) = $ratio (bar 1.02)"
say "scheduler overhead per task: $overhead s (20 empty tasks on 2 one-CPU nodes); one machine's apply: $per_image s per image ($images images in $(python3 -c "print(f'{$one_wall:.1f}')") s, one process, 2 cores); apply array wall: $(python3 -c "print(f'{$apply_wall:.1f}')") s"
say "PASSED"
