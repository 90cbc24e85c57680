#!/usr/bin/env bash
# Side-by-side peer comparison: mlnetsegment vs scikit-learn KMeans vs OpenCV kmeans.
# See README.md beside this file. Prints Markdown on stdout, progress on stderr.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../../.." && pwd)"
PY=/usr/bin/python3
HELPER="$SCRIPT_DIR/peers.py"
# The CLI as users should install it: published ReadyToRun (precompiled), which starts about 0.1 s sooner than the
# JIT-only build output (see the README's performance section).
case "$(uname -m)" in
  aarch64|arm64) RID=linux-arm64 ;;
  *) RID=linux-x64 ;;
esac
DEFAULT_BIN="$REPO_ROOT/artifacts/cli/mlnetsegment"

usage() {
  cat <<EOF
Usage: $(basename "$0") [options] IMAGE [IMAGE ...]
       $(basename "$0") [options] --make-large SRC OUT.png MP [IMAGE ...]
       $(basename "$0") [options] --make-mosaic DIR OUT.png MP [IMAGE ...]

Clusters every IMAGE's pixels in (H/360, S, V) with scikit-learn KMeans, OpenCV kmeans
(tutorial and tight criteria) and mlnetsegment, and prints one Markdown table per image
(median time over seeds, time ratio to ours, median/min/max SSE, peak RSS of ours) plus
the goal checks. Every image is first re-saved as a lossless 8-bit RGB PNG so that all
tools see the same pixels.

Options:
  -k K                  clusters (default 10)
  --seeds LIST          comma-separated seeds (default 0,1,2)
  --no-build            do not publish the CLI first (dotnet publish -c Release -r RID -p:PublishReadyToRun=true -o artifacts/cli)
                        (the build is also skipped when MLNETSEGMENT is set)
  --no-tight            skip OpenCV with tight criteria (300 iterations, eps 1e-4)
  --no-warmup           no untimed warm-up run of mlnetsegment before the timed ones
  --make-large SRC OUT.png MP
                        write a stand-in large photo: SRC upscaled (Lanczos) to about MP
                        megapixels plus Gaussian noise; OUT.png is then benchmarked too.
                        May be repeated.
  --make-mosaic DIR OUT.png MP
                        write a large image of real photographic pixels: the photos in DIR
                        tiled at their own resolution (portraits turned, repeats mirrored)
                        until at least MP megapixels; OUT.png is then benchmarked too.
                        May be repeated.
  --noise-sigma S       noise sigma for --make-large, in 8-bit levels (default 2)
  --noise-seed N        noise seed for --make-large (default 0)
  --prepare-only        stop after --make-large / --make-mosaic (no benchmark)
  --keep DIR            keep the converted PNGs, our outputs, logs and raw JSON in DIR
  --timeout SEC         limit for one run of mlnetsegment (default 900)
  -h, --help            this help

Environment:
  MLNETSEGMENT          the CLI to benchmark, a path or a command line
                        (default: $DEFAULT_BIN)

Exit status: 0 when every table was produced with our row, 3 when our row could not be
measured for some image (missing binary, crash, bad labels PNG), 2 on usage errors,
1 on other failures. A failed goal does not change the exit status.

Tip: the machine is shared: run heavy comparisons as 'nice -n 10 $0 ...'.
EOF
}

die_usage() { echo "error: $*" >&2; echo "Run '$(basename "$0") --help' for usage." >&2; exit 2; }
info() { echo "[compare] $*" >&2; }

K=10
SEEDS="0,1,2"
BUILD=1
TIGHT=1
WARMUP=1
NOISE_SIGMA=2
NOISE_SEED=0
PREPARE_ONLY=0
KEEP=""
TIMEOUT=900
IMAGES=()
MAKE_LARGE=()   # triples SRC OUT MP
MAKE_MOSAIC=()  # triples DIR OUT MP

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -k) [[ $# -ge 2 ]] || die_usage "-k needs a value"; K="$2"; shift 2 ;;
    --seeds) [[ $# -ge 2 ]] || die_usage "--seeds needs a value"; SEEDS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-tight) TIGHT=0; shift ;;
    --no-warmup) WARMUP=0; shift ;;
    --make-large)
      [[ $# -ge 4 ]] || die_usage "--make-large needs SRC OUT.png MP"
      MAKE_LARGE+=("$2" "$3" "$4"); shift 4 ;;
    --make-mosaic)
      [[ $# -ge 4 ]] || die_usage "--make-mosaic needs DIR OUT.png MP"
      MAKE_MOSAIC+=("$2" "$3" "$4"); shift 4 ;;
    --noise-sigma) [[ $# -ge 2 ]] || die_usage "--noise-sigma needs a value"; NOISE_SIGMA="$2"; shift 2 ;;
    --noise-seed) [[ $# -ge 2 ]] || die_usage "--noise-seed needs a value"; NOISE_SEED="$2"; shift 2 ;;
    --prepare-only) PREPARE_ONLY=1; shift ;;
    --keep) [[ $# -ge 2 ]] || die_usage "--keep needs a directory"; KEEP="$2"; shift 2 ;;
    --timeout) [[ $# -ge 2 ]] || die_usage "--timeout needs a value"; TIMEOUT="$2"; shift 2 ;;
    --) shift; IMAGES+=("$@"); break ;;
    -*) die_usage "unknown option: $1" ;;
    *) IMAGES+=("$1"); shift ;;
  esac
done

[[ "$K" =~ ^[0-9]+$ ]] && (( K >= 2 && K <= 256 )) || die_usage "-k must be an integer in 2..256 (labels are 8-bit), got '$K'"
[[ "$SEEDS" =~ ^[0-9]+(,[0-9]+)*$ ]] || die_usage "--seeds must look like 0,1,2, got '$SEEDS'"
[[ "$TIMEOUT" =~ ^[0-9]+([.][0-9]+)?$ ]] || die_usage "--timeout must be a number of seconds, got '$TIMEOUT'"
for ((i = 0; i < ${#MAKE_LARGE[@]}; i += 3)); do
  [[ -f "${MAKE_LARGE[i]}" ]] || die_usage "--make-large source not found: ${MAKE_LARGE[i]}"
  [[ "${MAKE_LARGE[i+2]}" =~ ^[0-9]+([.][0-9]+)?$ ]] || die_usage "--make-large MP must be a number, got '${MAKE_LARGE[i+2]}'"
done
for ((i = 0; i < ${#MAKE_MOSAIC[@]}; i += 3)); do
  [[ -d "${MAKE_MOSAIC[i]}" ]] || die_usage "--make-mosaic folder not found: ${MAKE_MOSAIC[i]}"
  [[ "${MAKE_MOSAIC[i+2]}" =~ ^[0-9]+([.][0-9]+)?$ ]] || die_usage "--make-mosaic MP must be a number, got '${MAKE_MOSAIC[i+2]}'"
done
if (( ${#IMAGES[@]} == 0 && ${#MAKE_LARGE[@]} == 0 && ${#MAKE_MOSAIC[@]} == 0 )); then
  usage >&2; exit 2
fi
for img in ${IMAGES[@]+"${IMAGES[@]}"}; do
  [[ -f "$img" ]] || die_usage "image not found: $img"
done

# ---------------------------------------------------------------- dependencies
if ! "$PY" "$HELPER" check-deps 2>/dev/null; then
  info "installing Debian packages python3-sklearn python3-opencv python3-numpy python3-pil"
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "error: Python modules missing and not root; run as root or: sudo apt-get install -y python3-sklearn python3-opencv python3-numpy python3-pil" >&2
    exit 1
  fi
  # wait (up to 10 min) for another apt/dpkg instead of failing on its lock
  apt-get -o DPkg::Lock::Timeout=600 update >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y python3-sklearn python3-opencv python3-numpy python3-pil >&2
  "$PY" "$HELPER" check-deps || { echo "error: Python modules still missing after apt-get install" >&2; exit 1; }
fi

# GNU time measures our peak RSS (see peers.py run_ours)
if [[ ! -x /usr/bin/time && "$(id -u)" -eq 0 ]]; then
  apt-get -o DPkg::Lock::Timeout=600 install -y time >&2 || apt-get -o DPkg::Lock::Timeout=600 update >&2 && apt-get -o DPkg::Lock::Timeout=600 install -y time >&2
fi

# ---------------------------------------------------------------- work dir
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mlnetsegment-peers.XXXXXX")"
cleanup() { rm -rf -- "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [[ -n "$KEEP" ]]; then
  mkdir -p -- "$KEEP"
  KEEP="$(cd -- "$KEEP" && pwd)"
  OUTDIR="$KEEP"
else
  OUTDIR="$WORK"
fi

# ---------------------------------------------------------------- stand-in large photos
for ((i = 0; i < ${#MAKE_LARGE[@]}; i += 3)); do
  src="${MAKE_LARGE[i]}"; out="${MAKE_LARGE[i+1]}"; mp="${MAKE_LARGE[i+2]}"
  mkdir -p -- "$(dirname -- "$out")"
  "$PY" "$HELPER" make-large "$src" "$out" "$mp" --sigma "$NOISE_SIGMA" --seed "$NOISE_SEED"
  IMAGES+=("$out")
done
for ((i = 0; i < ${#MAKE_MOSAIC[@]}; i += 3)); do
  dir="${MAKE_MOSAIC[i]}"; out="${MAKE_MOSAIC[i+1]}"; mp="${MAKE_MOSAIC[i+2]}"
  mkdir -p -- "$(dirname -- "$out")"
  "$PY" "$HELPER" make-mosaic "$dir" "$out" "$mp"
  IMAGES+=("$out")
done
if (( PREPARE_ONLY )); then
  info "prepare-only: done"
  exit 0
fi

# ---------------------------------------------------------------- build ours
if [[ -n "${MLNETSEGMENT:-}" ]]; then
  BIN="$MLNETSEGMENT"
  info "using MLNETSEGMENT=$BIN (no build)"
else
  BIN="$DEFAULT_BIN"
  if (( BUILD )); then
    if ! command -v dotnet >/dev/null 2>&1; then
      info "WARNING: dotnet not found; not building, our row needs an existing $BIN"
    else
      info "publishing: (cd $REPO_ROOT && dotnet publish src/MlNetSegment.Cli -c Release -r $RID --self-contained false -p:PublishReadyToRun=true -o artifacts/cli)"
      if ! (cd -- "$REPO_ROOT" && dotnet publish src/MlNetSegment.Cli -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o artifacts/cli) >"$WORK/build.log" 2>&1; then
        info "WARNING: build failed; our row will use an existing binary if there is one. Build log tail:"
        tail -n 30 "$WORK/build.log" >&2
        [[ -n "$KEEP" ]] && cp -- "$WORK/build.log" "$KEEP/build.log"
      fi
    fi
  fi
fi

# ---------------------------------------------------------------- machine
NICE="$(nice)"
DOTNET_VER="$(dotnet --version 2>/dev/null || echo 'not found')"
COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git --no-optional-locks -C "$REPO_ROOT" status --porcelain --untracked-files=no -- src 2>/dev/null)" ]]; then
  COMMIT="$COMMIT + uncommitted changes under src/"
fi
echo "# mlnetsegment peer comparison"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), repo commit: $COMMIT"
echo "- ours: \`$BIN\`"
echo
"$PY" "$HELPER" machine --dotnet "$DOTNET_VER" --nice "$NICE"

# ---------------------------------------------------------------- benchmark
status=0
idx=0
BENCH_OPTS=(-k "$K" --seeds "$SEEDS" --bin "$BIN" --timeout "$TIMEOUT")
(( TIGHT )) || BENCH_OPTS+=(--no-tight)
(( WARMUP )) || BENCH_OPTS+=(--no-warmup)
for img in "${IMAGES[@]}"; do
  idx=$((idx + 1))
  base="$(basename -- "$img")"
  stem="${idx}_${base%.*}"
  dir="$OUTDIR/$stem"
  mkdir -p -- "$dir"
  png="$dir/input.png"
  info "[$idx/${#IMAGES[@]}] $img"
  if ! "$PY" "$HELPER" to-png "$img" "$png"; then
    echo "## $base"; echo; echo "> could not decode $img"; echo
    status=1
    continue
  fi
  rc=0
  "$PY" "$HELPER" bench "$png" --label "$base" --workdir "$dir" --json "$dir/results.json" "${BENCH_OPTS[@]}" || rc=$?
  if (( rc == 3 )); then
    (( status == 0 )) && status=3
  elif (( rc != 0 )); then
    echo "> benchmark of $base failed (exit $rc)"; echo
    status=1
  fi
done
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (a load above nproc means other work shared the cores: treat the times with care)"
[[ -n "$KEEP" ]] && info "outputs kept in $KEEP"
if (( status == 3 )); then
  info "our row could not be measured for at least one image (see the '> ours:' lines)"
fi
exit "$status"
