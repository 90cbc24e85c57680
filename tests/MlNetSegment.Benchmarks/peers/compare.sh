#!/usr/bin/env bash
# Side-by-side peer comparison: the installed mlnetsegment tool vs scikit-learn KMeans, OpenCV kmeans and the
# "seed-style" OpenCV program. See README.md beside this file. Prints Markdown on stdout, progress on stderr.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../../.." && pwd)"
PY=/usr/bin/python3
HELPER="$SCRIPT_DIR/peers.py"
PY_PKGS=(python3-sklearn python3-opencv python3-numpy python3-pil)

# Test photos: Debian wallpaper packages, downloaded and unpacked (never installed, never committed).
# mate-backgrounds and plasma-workspace-wallpapers are reserved for independent checks: never use them here.
WALLPAPER_PKGS=(lomiri-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 ukui-wallpapers)
WALLPAPER_SUBDIR=usr/share/backgrounds
DEFAULT_WALLPAPERS=(
  warty-final-ubuntu.png              # lomiri-wallpapers: PNG, RGB, 4096x2304 = 9.4 MP
  calla.png                           # ukui-wallpapers: PNG, RGBA (opaque), 3700x2400 = 8.9 MP
  seeding_by_Clements_Engelhardt.jpg  # lomiri-wallpapers-16.04: JPEG photo, 5312x2988 = 15.9 MP
  Kleiber_by_Lukas_Baubkus.jpg        # lomiri-wallpapers-20.04: JPEG photo, 6028x3391 = 20.4 MP
)
DEFAULT_WALLPAPER_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/mlnetsegment/wallpapers"

usage() {
  cat <<EOF
Usage: $(basename "$0") [options] [IMAGE ...]

Benchmarks the INSTALLED mlnetsegment tool (packed with 'dotnet pack' and installed with 'dotnet tool install
--tool-path' into a temporary folder) against scikit-learn KMeans (fit alone), OpenCV kmeans with the tutorial
criteria (fit alone) and the seed-style OpenCV program (seed_style.py, a whole process), K-means with K clusters
on (H/360, S, V), and prints one Markdown summary table, the goal checks, our stage breakdown and per-seed details.
Every tool reads the original file.

With no IMAGE (and no --make-mosaic), the Debian wallpaper test photos are fetched into
$DEFAULT_WALLPAPER_DIR (as with --fetch-wallpapers) and the default set is benchmarked:
$(printf '  %s\n' "${DEFAULT_WALLPAPERS[@]}")

Options:
  -k K                  clusters (default 10)
  --seeds LIST          comma-separated seeds of the timed runs (default 0,1,2)
  --sse-seeds LIST      PNG inputs: also score the clustering error, untimed, on these seeds ('0-29' or a list; the
                        SSE goal is then judged on their medians; default 0-29; 'none' for the timed seeds only).
                        Three seeds do not estimate a median on an image with many local optima: scikit-learn's
                        seeds 0-2 on calla.png all land in its best basin, which 4 of its first 30 seeds do.
                        Costs about 30 scikit-learn fits per PNG (3-4 minutes each at 9 MP).
  --fetch-wallpapers DIR
                        apt-get download ${WALLPAPER_PKGS[*]}
                        and unpack them with dpkg -x into DIR (not installed; skipped when already there), then
                        benchmark the wallpapers chosen by --wallpapers besides any IMAGE
  --wallpapers LIST     comma-separated file names in DIR/$WALLPAPER_SUBDIR (default: the set above),
                        or 'all' for every PNG/JPEG there of 8-24 MP
  --tool-path DIR       benchmark the tool already installed in DIR (dotnet tool install --tool-path DIR);
                        no pack, no install
  --tight               also OpenCV with tight criteria (300 iterations, eps 1e-4), fit alone
  --no-seed-style       skip the seed-style program
  --no-png-copy-sse     for JPEG inputs, skip the untimed runs of ours on a lossless PNG copy of Pillow's decode
                        (SSE diagnostic: ours on exactly the pixels every SSE is scored on)
  --no-warmup           no untimed warm-up run of ours before the timed ones
  --make-mosaic DIR OUT.png MP
                        write a large image by tiling the photos in DIR (robustness / scaling input, not a
                        performance claim); OUT.png is then benchmarked too. May be repeated.
  --prepare-only        stop after fetching wallpapers / making mosaics (no pack, no benchmark)
  --keep DIR            keep outputs, logs, pack/install logs and raw JSON in DIR
  --timeout SEC         limit for one fresh process (ours, seed-style; default 900)
  -h, --help            this help

Environment:
  MLNETSEGMENT          the CLI to benchmark instead, a path or a command line; nothing is packed or installed

Exit status: 0 when every image has our numbers, 3 when ours could not be measured for some image, 2 on usage
errors, 1 on other failures. A failed goal does not change the exit status.

Needs root only to apt-get install ${PY_PKGS[*]} when an import fails, and for apt-get update when
the wallpaper download fails. The machine is shared: run as 'nice -n 10 $0 ...'.
EOF
}

die_usage() { echo "error: $*" >&2; echo "Run '$(basename "$0") --help' for usage." >&2; exit 2; }
die() { echo "error: $*" >&2; exit 1; }
info() { echo "[compare] $*" >&2; }

K=10
SEEDS="0,1,2"
SSE_SEEDS="0-29"
TIGHT=0
SEED_STYLE=1
PNG_COPY_SSE=1
WARMUP=1
PREPARE_ONLY=0
KEEP=""
TIMEOUT=900
TOOL_PATH=""
WALLPAPER_DIR=""
WALLPAPERS=""
IMAGES=()
MAKE_MOSAIC=()  # triples DIR OUT MP

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -k) [[ $# -ge 2 ]] || die_usage "-k needs a value"; K="$2"; shift 2 ;;
    --seeds) [[ $# -ge 2 ]] || die_usage "--seeds needs a value"; SEEDS="$2"; shift 2 ;;
    --sse-seeds) [[ $# -ge 2 ]] || die_usage "--sse-seeds needs a value"; SSE_SEEDS="$2"; shift 2 ;;
    --fetch-wallpapers) [[ $# -ge 2 ]] || die_usage "--fetch-wallpapers needs a directory"; WALLPAPER_DIR="$2"; shift 2 ;;
    --wallpapers) [[ $# -ge 2 ]] || die_usage "--wallpapers needs a list"; WALLPAPERS="$2"; shift 2 ;;
    --tool-path) [[ $# -ge 2 ]] || die_usage "--tool-path needs a directory"; TOOL_PATH="$2"; shift 2 ;;
    --tight) TIGHT=1; shift ;;
    --no-tight) TIGHT=0; shift ;;
    --no-seed-style) SEED_STYLE=0; shift ;;
    --no-png-copy-sse) PNG_COPY_SSE=0; shift ;;
    --no-warmup) WARMUP=0; shift ;;
    --make-mosaic)
      [[ $# -ge 4 ]] || die_usage "--make-mosaic needs DIR OUT.png MP"
      MAKE_MOSAIC+=("$2" "$3" "$4"); shift 4 ;;
    --prepare-only) PREPARE_ONLY=1; shift ;;
    --keep) [[ $# -ge 2 ]] || die_usage "--keep needs a directory"; KEEP="$2"; shift 2 ;;
    --timeout) [[ $# -ge 2 ]] || die_usage "--timeout needs a value"; TIMEOUT="$2"; shift 2 ;;
    --make-large|--no-build) die_usage "$1 was removed: see README.md (real photos: --fetch-wallpapers; an installed tool: --tool-path)" ;;
    --) shift; IMAGES+=("$@"); break ;;
    -*) die_usage "unknown option: $1" ;;
    *) IMAGES+=("$1"); shift ;;
  esac
done

[[ "$K" =~ ^[0-9]+$ ]] && (( K >= 2 && K <= 256 )) || die_usage "-k must be an integer in 2..256 (labels are 8-bit), got '$K'"
[[ "$SEEDS" =~ ^[0-9]+(,[0-9]+)*$ ]] || die_usage "--seeds must look like 0,1,2, got '$SEEDS'"
[[ "$SSE_SEEDS" == none || "$SSE_SEEDS" =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] \
  || die_usage "--sse-seeds must look like 0-29 or 0,1,2 (or none), got '$SSE_SEEDS'"
[[ "$TIMEOUT" =~ ^[0-9]+([.][0-9]+)?$ ]] || die_usage "--timeout must be a number of seconds, got '$TIMEOUT'"
for ((i = 0; i < ${#MAKE_MOSAIC[@]}; i += 3)); do
  [[ -d "${MAKE_MOSAIC[i]}" ]] || die_usage "--make-mosaic folder not found: ${MAKE_MOSAIC[i]}"
  [[ "${MAKE_MOSAIC[i+2]}" =~ ^[0-9]+([.][0-9]+)?$ ]] || die_usage "--make-mosaic MP must be a number, got '${MAKE_MOSAIC[i+2]}'"
done
for img in ${IMAGES[@]+"${IMAGES[@]}"}; do
  [[ -f "$img" ]] || die_usage "image not found: $img"
done
if [[ -n "$WALLPAPERS" && -z "$WALLPAPER_DIR" && ( ${#IMAGES[@]} -gt 0 || ${#MAKE_MOSAIC[@]} -gt 0 ) ]]; then
  die_usage "--wallpapers needs --fetch-wallpapers DIR when images are given"
fi
if (( ${#IMAGES[@]} == 0 && ${#MAKE_MOSAIC[@]} == 0 )) && [[ -z "$WALLPAPER_DIR" ]]; then
  WALLPAPER_DIR="$DEFAULT_WALLPAPER_DIR"
  info "no IMAGE given: using the Debian wallpaper photos in $WALLPAPER_DIR"
fi
if [[ -n "$WALLPAPER_DIR" ]]; then
  mkdir -p -- "$WALLPAPER_DIR"
  WALLPAPER_DIR="$(cd -- "$WALLPAPER_DIR" && pwd -P)"
  case "$WALLPAPER_DIR/" in
    "$(cd -- "$REPO_ROOT" && pwd -P)"/*) die_usage "--fetch-wallpapers DIR is inside the repository ($WALLPAPER_DIR): the photos must never be committed; use a folder outside it" ;;
  esac
fi
if [[ -n "$TOOL_PATH" ]]; then
  [[ -x "$TOOL_PATH/mlnetsegment" ]] || die_usage "--tool-path: no executable $TOOL_PATH/mlnetsegment"
  TOOL_PATH="$(cd -- "$TOOL_PATH" && pwd)"
fi

# ---------------------------------------------------------------- Python peers (the only packages this installs)
if ! "$PY" "$HELPER" check-deps 2>/dev/null; then
  info "installing Debian packages ${PY_PKGS[*]}"
  [[ "$(id -u)" -eq 0 ]] || die "Python modules missing and not root; run as root or: sudo apt-get install -y ${PY_PKGS[*]}"
  # wait (up to 10 min) for another apt/dpkg instead of failing on its lock
  apt-get -o DPkg::Lock::Timeout=600 update >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y "${PY_PKGS[@]}" >&2
  "$PY" "$HELPER" check-deps || die "Python modules still missing after apt-get install"
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

# ---------------------------------------------------------------- wallpapers (download + unpack only)
WALLPAPER_NOTE=""
if [[ -n "$WALLPAPER_DIR" ]]; then
  BG="$WALLPAPER_DIR/$WALLPAPER_SUBDIR"
  wanted=()
  if [[ -z "$WALLPAPERS" ]]; then
    wanted=("${DEFAULT_WALLPAPERS[@]}")
  elif [[ "$WALLPAPERS" != all ]]; then
    IFS=, read -r -a wanted <<<"$WALLPAPERS"
  fi
  have_all=1
  for pkg in "${WALLPAPER_PKGS[@]}"; do compgen -G "$WALLPAPER_DIR/debs/${pkg}_*.deb" >/dev/null || have_all=0; done
  for f in ${wanted[@]+"${wanted[@]}"}; do [[ -f "$BG/$f" ]] || have_all=0; done
  mkdir -p -- "$WALLPAPER_DIR/debs"
  if (( have_all )); then
    info "wallpapers already downloaded and unpacked in $WALLPAPER_DIR"
  else
    command -v apt-get >/dev/null && command -v dpkg >/dev/null || die "--fetch-wallpapers needs apt-get and dpkg (Debian)"
    info "downloading (not installing) ${WALLPAPER_PKGS[*]} into $WALLPAPER_DIR/debs"
    if ! (cd -- "$WALLPAPER_DIR/debs" && apt-get download "${WALLPAPER_PKGS[@]}") >&2; then
      [[ "$(id -u)" -eq 0 ]] || die "apt-get download failed; 'apt-get update' needs root: run as root, or run 'sudo apt-get update' first"
      info "download failed: apt-get update, then retry"
      apt-get -o DPkg::Lock::Timeout=600 update >&2
      (cd -- "$WALLPAPER_DIR/debs" && apt-get download "${WALLPAPER_PKGS[@]}") >&2 || die "apt-get download ${WALLPAPER_PKGS[*]} failed"
    fi
    for pkg in "${WALLPAPER_PKGS[@]}"; do
      for deb in "$WALLPAPER_DIR/debs/${pkg}"_*.deb; do
        [[ -f "$deb" ]] || die "no .deb downloaded for $pkg"
        info "unpacking $(basename -- "$deb") into $WALLPAPER_DIR (dpkg -x, not installed)"
        dpkg -x "$deb" "$WALLPAPER_DIR"
      done
    done
  fi
  if [[ "$WALLPAPERS" == all ]]; then
    mapfile -t found < <("$PY" "$HELPER" list-images "$BG" --min-mp 8 --max-mp 24)
    (( ${#found[@]} > 0 )) || die "no PNG/JPEG of 8-24 MP in $BG"
    IMAGES+=("${found[@]}")
  else
    for f in "${wanted[@]}"; do
      [[ -f "$BG/$f" ]] || die "wallpaper not found: $BG/$f (not in ${WALLPAPER_PKGS[*]}?)"
      IMAGES+=("$BG/$f")
    done
  fi
  debs=()
  for deb in "$WALLPAPER_DIR"/debs/*.deb; do debs+=("$(basename -- "$deb" .deb)"); done
  WALLPAPER_NOTE="Debian wallpaper packages, downloaded and unpacked, not installed: ${debs[*]}"
fi

# ---------------------------------------------------------------- mosaics (not a performance claim)
for ((i = 0; i < ${#MAKE_MOSAIC[@]}; i += 3)); do
  dir="${MAKE_MOSAIC[i]}"; out="${MAKE_MOSAIC[i+1]}"; mp="${MAKE_MOSAIC[i+2]}"
  mkdir -p -- "$(dirname -- "$out")"
  "$PY" "$HELPER" make-mosaic "$dir" "$out" "$mp"
  IMAGES+=("$out")
done
if (( PREPARE_ONLY )); then
  info "prepare-only: done"
  (( ${#IMAGES[@]} > 0 )) && printf '%s\n' "${IMAGES[@]}"
  exit 0
fi
(( ${#IMAGES[@]} > 0 )) || die "no images to benchmark"

# ---------------------------------------------------------------- ours: the installed tool
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
OURS_LINES=()
store_listing() {  # "id version" of every package in a tool-path's .store (.store/<tool>/<version>/<id>/<version>)
  local store="$1/.store"
  [[ -d "$store" ]] || { echo "no .store in $1"; return 0; }
  (cd -- "$store" && find . -mindepth 4 -maxdepth 4 -type d -not -path './.*' | awk -F/ '{ print $4 " " $5 }' | sort -u)
}
if [[ -n "${MLNETSEGMENT:-}" ]]; then
  BIN="$MLNETSEGMENT"
  info "using MLNETSEGMENT=$BIN (nothing packed or installed)"
  OURS_LINES+=("- ours: \`$BIN\` (MLNETSEGMENT override: not the installed tool)")
elif [[ -n "$TOOL_PATH" ]]; then
  BIN="$TOOL_PATH/mlnetsegment"
  info "using the tool installed in $TOOL_PATH (no pack, no install)"
  OURS_LINES+=("- ours: installed tool \`$BIN\` (--tool-path; installed before this run); store: $(store_listing "$TOOL_PATH" | paste -sd, - | sed 's/,/, /g')")
else
  command -v dotnet >/dev/null 2>&1 || die "dotnet not found: cannot pack the tool (set MLNETSEGMENT or --tool-path)"
  PKG="$WORK/pkg"; TOOL="$WORK/tool"; NUGET="$WORK/nuget"
  info "packing: (cd $REPO_ROOT && dotnet pack src/MlNetSegment.Cli -c Release -o $PKG)"
  if ! (cd -- "$REPO_ROOT" && dotnet pack src/MlNetSegment.Cli -c Release -o "$PKG") >"$WORK/pack.log" 2>&1; then
    tail -n 30 "$WORK/pack.log" >&2
    [[ -n "$KEEP" ]] && cp -- "$WORK/pack.log" "$KEEP/pack.log"
    die "dotnet pack failed (log tail above)"
  fi
  shopt -s nullglob
  pointer=("$PKG"/MlNetSegment.Cli.[0-9]*.nupkg)   # not the RID-specific MlNetSegment.Cli.<rid>.<version>.nupkg
  all_pkgs=("$PKG"/*.nupkg)
  shopt -u nullglob
  (( ${#pointer[@]} == 1 )) || die "expected one MlNetSegment.Cli.<version>.nupkg in $PKG, found: $(ls -- "$PKG")"
  VERSION="$(basename -- "${pointer[0]}" .nupkg)"; VERSION="${VERSION#MlNetSegment.Cli.}"
  info "packed: $(cd -- "$PKG" && ls -- *.nupkg | paste -sd' ' -)"
  # A fresh NUGET_PACKAGES: NuGet caches packages by id + version, so re-packing the same version and installing
  # could otherwise silently install an old cached copy.
  info "installing: NUGET_PACKAGES=$NUGET dotnet tool install --tool-path $TOOL --add-source $PKG --version $VERSION MlNetSegment.Cli"
  if ! NUGET_PACKAGES="$NUGET" dotnet tool install --tool-path "$TOOL" --add-source "$PKG" --version "$VERSION" MlNetSegment.Cli \
      >"$WORK/install.log" 2>&1; then
    cat "$WORK/install.log" >&2
    die "dotnet tool install failed"
  fi
  [[ -n "$KEEP" ]] && cp -- "$WORK/pack.log" "$WORK/install.log" "$KEEP/"
  BIN="$TOOL/mlnetsegment"
  OURS_LINES+=("- ours: installed tool \`mlnetsegment\` from \`dotnet tool install --tool-path <tmp>/tool --add-source <tmp>/pkg --version $VERSION MlNetSegment.Cli\` (fresh NUGET_PACKAGES) after \`dotnet pack src/MlNetSegment.Cli -c Release\`; store: $(store_listing "$TOOL" | paste -sd, - | sed 's/,/, /g')")
  for f in "${all_pkgs[@]}"; do
    base="$(basename -- "$f")"
    copy="$(find "$TOOL/.store" -type f -name "${base,,}" -print -quit 2>/dev/null || true)"
    size="$(awk -v b="$(stat -c %s -- "$f")" 'BEGIN { if (b >= 1e5) printf "%.1f MB", b / 1e6; else printf "%.1f kB", b / 1e3 }')"
    if [[ -z "$copy" ]]; then
      state="packed, not installed"
    elif cmp -s -- "$f" "$copy"; then
      state="installed, identical to the package just packed"
    else
      state="**installed copy differs from the package just packed** (stale NuGet cache?)"
      info "WARNING: the installed $base differs from the one just packed"
    fi
    OURS_LINES+=("  - \`$base\` ($size): $state")
  done
  info "installed: $(store_listing "$TOOL" | paste -sd' ' -)"
fi

# ---------------------------------------------------------------- header and machine
NICE="$(nice)"
DOTNET_VER="$(dotnet --version 2>/dev/null || echo 'not found')"
COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git --no-optional-locks -C "$REPO_ROOT" status --porcelain --untracked-files=no -- src 2>/dev/null)" ]]; then
  COMMIT="$COMMIT + uncommitted changes under src/"
fi
echo "# mlnetsegment peer comparison"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), repo commit: $COMMIT"
printf '%s\n' "${OURS_LINES[@]}"
echo "- K=$K, seeds $SEEDS (clustering error of PNGs also on seeds $SSE_SEEDS, untimed), our \`--color-space hsv-linear\`; peers on (H/360, S, V) float32"
[[ -n "$WALLPAPER_NOTE" ]] && echo "- test images: $WALLPAPER_NOTE"
echo
"$PY" "$HELPER" machine --dotnet "$DOTNET_VER" --nice "$NICE"

# ---------------------------------------------------------------- benchmark
status=0
idx=0
JSONS=()
NOTES=()
BENCH_OPTS=(-k "$K" --seeds "$SEEDS" --bin "$BIN" --timeout "$TIMEOUT")
[[ "$SSE_SEEDS" == none ]] || BENCH_OPTS+=(--sse-seeds "$SSE_SEEDS")
(( TIGHT )) && BENCH_OPTS+=(--tight)
(( SEED_STYLE )) || BENCH_OPTS+=(--no-seed-style)
(( PNG_COPY_SSE )) || BENCH_OPTS+=(--no-png-copy-sse)
(( WARMUP )) || BENCH_OPTS+=(--no-warmup)
for img in "${IMAGES[@]}"; do
  idx=$((idx + 1))
  base="$(basename -- "$img")"
  stem="${idx}_${base%.*}"
  dir="$OUTDIR/$stem"
  mkdir -p -- "$dir"
  info "[$idx/${#IMAGES[@]}] $img"
  rc=0
  "$PY" "$HELPER" bench "$img" --label "$base" --workdir "$dir" --json "$dir/results.json" "${BENCH_OPTS[@]}" || rc=$?
  if [[ -f "$dir/results.json" ]]; then
    JSONS+=("$dir/results.json")
  else
    NOTES+=("> $base: benchmark failed (exit $rc), no results")
    status=1
    continue
  fi
  if (( rc == 3 )); then
    (( status == 0 )) && status=3
  elif (( rc != 0 )); then
    NOTES+=("> $base: benchmark ended with exit $rc (partial results)")
    status=1
  fi
done
if (( ${#JSONS[@]} > 0 )); then
  rc=0
  "$PY" "$HELPER" report "${JSONS[@]}" || rc=$?
  (( rc == 3 && status == 0 )) && status=3
  (( rc != 0 && rc != 3 )) && status=1
fi
for note in ${NOTES[@]+"${NOTES[@]}"}; do echo "$note"; echo; done
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (a load above nproc means other work shared the cores: treat the times with care)"
[[ -n "$KEEP" ]] && info "outputs kept in $KEEP"
if (( status == 3 )); then
  info "ours could not be measured for at least one image (see the details)"
fi
exit "$status"
