#!/usr/bin/env bash
# Packs MlNetSegment (library) and MlNetSegment.Cli (tool) into a temporary folder and checks the packages, then
# installs the tool from them and runs it. Prints the packages with their sizes; exits non-zero with a one-line
# reason ("check.sh: FAIL: ...") on the first failure. Runs from any folder; takes several minutes (five ReadyToRun
# compilations).
#
#   tests/package/check.sh            # temporary files removed at the end
#   KEEP=1 tests/package/check.sh     # keep them (the folder is printed)
#
# Builds into its own artifacts folder, so builds of the working tree running beside it neither disturb it nor are
# disturbed, and installs with a fresh NUGET_PACKAGES, so that no package cached under the same id and version from an
# earlier pack is installed instead of the one just packed.
set -euo pipefail

root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/mlnetsegment-package.XXXXXX")"
if [[ -n "${KEEP:-}" ]]; then
  echo "check.sh: temporary files kept in $tmp"
else
  trap 'rm -rf -- "$tmp"' EXIT
fi
fail() { echo "check.sh: FAIL: $*" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null 2>&1 || fail "dotnet not found"
command -v python3 >/dev/null 2>&1 || fail "python3 not found (used to read the packages)"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)"
[[ -n "$version" ]] || fail "no <Version> in Directory.Build.props"

out="$tmp/packages"
pack() { # pack NAME PROJECT: dotnet pack, failing on an error or any warning
  local name="$1" project="$2" log="$tmp/pack-$1.log"
  echo "check.sh: dotnet pack $project -c Release"
  if ! dotnet pack "$root/$project" -c Release -o "$out" \
      -p:UseArtifactsOutput=true -p:ArtifactsPath="$tmp/artifacts" >"$log" 2>&1; then
    grep -E ': error |error [A-Z]+[0-9]+' "$log" | sort -u | head -n 5 >&2 || tail -n 20 "$log" >&2
    fail "dotnet pack $project failed (log above)"
  fi
  if grep -qE ': warning |warning [A-Z]+[0-9]+:' "$log"; then
    grep -E ': warning |warning [A-Z]+[0-9]+:' "$log" | sort -u | head -n 5 >&2
    fail "dotnet pack $project gave warnings (above)"
  fi
}
start=$SECONDS
pack lib src/MlNetSegment/MlNetSegment.csproj
pack cli src/MlNetSegment.Cli/MlNetSegment.Cli.csproj
echo "check.sh: packed in $((SECONDS - start)) s:"
(cd -- "$out" && for f in *; do printf '  %-48s %12s bytes\n' "$f" "$(stat -c %s -- "$f")"; done)

# Package contents: one Python pass over every package (zip listing, nuspec, and the headers of the binaries).
python3 - "$out" "$version" <<'PY' || exit 1
import os, re, struct, sys, zipfile

out, version = sys.argv[1], sys.argv[2]
def fail(msg):
    print(f"check.sh: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)

rids = ["linux-x64", "linux-arm64", "osx-arm64", "osx-x64", "win-x64"]
names = {f"MlNetSegment.{version}.nupkg", f"MlNetSegment.{version}.snupkg", f"MlNetSegment.Cli.{version}.nupkg",
         f"MlNetSegment.Cli.any.{version}.nupkg"} | {f"MlNetSegment.Cli.{r}.{version}.nupkg" for r in rids}
present = set(os.listdir(out))
if names - present:
    fail(f"missing packages: {', '.join(sorted(names - present))}")
if present - names:
    fail(f"unexpected files among the packages: {', '.join(sorted(present - names))}")

limit = 25_000_000
size = os.path.getsize(os.path.join(out, f"MlNetSegment.Cli.linux-x64.{version}.nupkg"))
if size > limit:
    fail(f"MlNetSegment.Cli.linux-x64.{version}.nupkg is {size} bytes, over {limit}")

def open_pkg(name):
    z = zipfile.ZipFile(os.path.join(out, name))
    return z, z.namelist()

def nuspec(z, files):
    spec = [f for f in files if f.endswith(".nuspec") and "/" not in f]
    return z.read(spec[0]).decode("utf-8-sig") if spec else ""

# Every .nupkg: licence, notices and readme at the root, named in the nuspec; no LdaNative, no native debug files.
for name in sorted(n for n in names if n.endswith(".nupkg")):
    z, files = open_pkg(name)
    for f in ("LICENSE", "THIRD-PARTY-NOTICES", "README.md"):
        if f not in files:
            fail(f"{name} has no {f} at its root")
    spec = nuspec(z, files)
    if '<license type="expression">MIT</license>' not in spec:
        fail(f"{name}: nuspec has no MIT licence expression")
    if "<readme>README.md</readme>" not in spec:
        fail(f"{name}: nuspec names no README.md readme")
    if not re.search(r"<description>[^<]+</description>", spec) or not re.search(r"<tags>[^<]+</tags>", spec):
        fail(f"{name}: nuspec has no description or no tags")
    bad = [f for f in files if "ldanative" in f.lower() or f.lower().endswith((".dbg", ".dwarf"))]
    if bad:
        fail(f"{name} ships {bad[0]} (LdaNative and native debug files are excluded)")

# Library: the assembly, its XML docs, and a symbols package with the pdb.
z, files = open_pkg(f"MlNetSegment.{version}.nupkg")
for f in ("lib/net10.0/MlNetSegment.Core.dll", "lib/net10.0/MlNetSegment.Core.xml"):
    if f not in files:
        fail(f"MlNetSegment.{version}.nupkg has no {f}")
z, files = open_pkg(f"MlNetSegment.{version}.snupkg")
if "lib/net10.0/MlNetSegment.Core.pdb" not in files:
    fail(f"MlNetSegment.{version}.snupkg has no lib/net10.0/MlNetSegment.Core.pdb")

# Pointer package: settings only, naming every RID package and the any fallback.
z, files = open_pkg(f"MlNetSegment.Cli.{version}.nupkg")
settings = [f for f in files if f.endswith("DotnetToolSettings.xml")]
if not settings:
    fail("the pointer package MlNetSegment.Cli has no DotnetToolSettings.xml")
xml = z.read(settings[0]).decode("utf-8-sig")
for r in rids + ["any"]:
    if f'RuntimeIdentifier="{r}" Id="MlNetSegment.Cli.{r}"' not in xml:
        fail(f"the pointer package does not name MlNetSegment.Cli.{r}")
if any(f.endswith(".dll") for f in files):
    fail("the pointer package carries assemblies")

# Binary headers. ReadyToRun code for a non-Windows OS has the machine XOR-ed with an OS value (crossgen2's rule).
X64, ARM64 = 0x8664, 0xAA64
OS = {"linux": 0x7B79, "osx": 0x4644, "win": 0}
ELF = {"x64": 62, "arm64": 183}

def pe_info(b):
    """(machine, is ReadyToRun) of a PE file: ReadyToRun when the CLI header's ManagedNativeHeader is set."""
    if b[:2] != b"MZ":
        return None, False
    pe = struct.unpack_from("<I", b, 0x3C)[0]
    if b[pe:pe + 4] != b"PE\0\0":
        return None, False
    machine, nsec = struct.unpack_from("<HH", b, pe + 4)
    optsize = struct.unpack_from("<H", b, pe + 20)[0]
    opt = pe + 24
    magic = struct.unpack_from("<H", b, opt)[0]
    dirs = opt + (96 if magic == 0x10B else 112)
    cli_rva = struct.unpack_from("<I", b, dirs + 14 * 8)[0]
    if cli_rva == 0:
        return machine, False
    sec = opt + optsize
    for i in range(nsec):
        s = sec + 40 * i
        vsize, va, rawsize, raw = struct.unpack_from("<IIII", b, s + 8)
        if va <= cli_rva < va + max(vsize, rawsize):
            cli = cli_rva - va + raw
            return machine, struct.unpack_from("<I", b, cli + 64)[0] != 0
    return machine, False

def native_kind(b):
    if b[:4] == b"\x7fELF":
        return ("elf", struct.unpack_from("<H", b, 18)[0])
    if b[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        return ("macho", None)
    if b[:2] == b"MZ":
        return ("pe", pe_info(b)[0])
    return (None, None)

# RID packages: tools/net10.0/<rid>/ only, natives of that platform only (libSkiaSharp and the apphost),
# ReadyToRun start-up assemblies and MlNetSegment.Core for that OS and architecture, ML.NET left to the JIT.
jit_only = {"Microsoft.ML.Core.dll", "Microsoft.ML.CpuMath.dll", "Microsoft.ML.Data.dll",
            "Microsoft.ML.KMeansClustering.dll", "Microsoft.ML.StandardTrainers.dll"}
for r in rids:
    name = f"MlNetSegment.Cli.{r}.{version}.nupkg"
    z, files = open_pkg(name)
    os_name, arch = r.split("-")
    base = f"tools/net10.0/{r}/"
    tool = [f for f in files if f.startswith("tools/")]
    stray = [f for f in tool if not f.startswith(base) or "/runtimes/" in f]
    if stray:
        fail(f"{name} has files outside {base} or another RID's runtimes/ folder: {stray[0]}")
    skia = {"linux": "libSkiaSharp.so", "osx": "libSkiaSharp.dylib", "win": "libSkiaSharp.dll"}[os_name]
    apphost = "mlnetsegment.exe" if os_name == "win" else "mlnetsegment"
    for f in (skia, apphost, "mlnetsegment.dll", "DotnetToolSettings.xml"):
        if base + f not in files:
            fail(f"{name} has no {base}{f}")
    others = [f for f in tool if re.search(r"libSkiaSharp\.(so|dylib|dll)$", f) and f != base + skia]
    if others or any(f.endswith((".so", ".dylib")) for f in tool if os_name == "win") \
            or any(f.endswith(".dylib") for f in tool if os_name == "linux") \
            or any(f.endswith(".so") for f in tool if os_name == "osx"):
        fail(f"{name} carries another platform's native library")
    for f in (skia, apphost):
        kind, machine = native_kind(z.read(base + f))
        want = {"linux": "elf", "osx": "macho", "win": "pe"}[os_name]
        if kind != want:
            fail(f"{name}: {f} is not a {want} binary")
        if kind == "elf" and machine != ELF[arch]:
            fail(f"{name}: {f} is an ELF binary for machine {machine}, not {r}")
        if kind == "pe" and machine != {"x64": X64, "arm64": ARM64}[arch]:
            fail(f"{name}: {f} is a PE binary for machine {machine:#x}, not {r}")
    r2r_machine = {"x64": X64, "arm64": ARM64}[arch] ^ OS[os_name]
    for f in ("mlnetsegment.dll", "Spectre.Console.dll", "SixLabors.ImageSharp.dll"):
        machine, r2r = pe_info(z.read(base + f))
        if not r2r or machine != r2r_machine:
            fail(f"{name}: {f} is not ReadyToRun for {r} (machine {machine:#x}, ReadyToRun {r2r})")
    for f in jit_only:
        if pe_info(z.read(base + f))[1]:
            fail(f"{name}: {f} is ReadyToRun, but the project leaves it to the JIT (PublishReadyToRunExclude)")

# The any fallback: framework-dependent IL only, run by `dotnet`, natives for each platform under runtimes/.
name = f"MlNetSegment.Cli.any.{version}.nupkg"
z, files = open_pkg(name)
base = "tools/net10.0/any/"
if base + "mlnetsegment.dll" not in files:
    fail(f"{name} has no {base}mlnetsegment.dll")
if 'Runner="dotnet"' not in z.read(base + "DotnetToolSettings.xml").decode("utf-8-sig"):
    fail(f"{name}: the tool is not run by dotnet")
for f in files:
    if f.endswith(".dll") and "/runtimes/" not in f and pe_info(z.read(f))[1]:
        fail(f"{name}: {f} is ReadyToRun (the any package is IL only)")
for r, lib in (("linux-x64", "libSkiaSharp.so"), ("linux-arm64", "libSkiaSharp.so"), ("osx", "libSkiaSharp.dylib"),
               ("win-x64", "libSkiaSharp.dll")):
    if f"{base}runtimes/{r}/native/{lib}" not in files:
        fail(f"{name} has no {base}runtimes/{r}/native/{lib}")
print("check.sh: package contents ok (licence, notices, readme, natives, ReadyToRun, symbols, XML docs)")
PY

# Install from the packages just made, with a fresh NuGet cache, and run the tool.
tools="$tmp/tools"
echo "check.sh: dotnet tool install --tool-path <tmp>/tools --add-source <tmp>/packages --version $version MlNetSegment.Cli"
if ! NUGET_PACKAGES="$tmp/nuget" dotnet tool install --tool-path "$tools" --add-source "$out" --version "$version" \
    MlNetSegment.Cli >"$tmp/install.log" 2>&1; then
  tail -n 20 "$tmp/install.log" >&2
  fail "dotnet tool install failed (log above)"
fi
rid_dir="$tools/.store/mlnetsegment.cli/$version/mlnetsegment.cli.linux-x64"
if [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]]; then
  [[ -d "$rid_dir" ]] || fail "dotnet tool install did not pick MlNetSegment.Cli.linux-x64 on this linux-x64 machine"
  installed="$(find "$rid_dir" -name mlnetsegment.dll -print -quit)"
  python3 - "$out/MlNetSegment.Cli.linux-x64.$version.nupkg" "$installed" <<'PY' \
    || fail "the installed mlnetsegment.dll is not the one just packed (stale NuGet cache?)"
import sys, zipfile
packed = zipfile.ZipFile(sys.argv[1]).read("tools/net10.0/linux-x64/mlnetsegment.dll")
sys.exit(0 if open(sys.argv[2], "rb").read() == packed else 1)
PY
fi
got="$("$tools/mlnetsegment" --version 2>&1)" || fail "mlnetsegment --version exited non-zero: $got"
[[ "$got" == "$version" ]] || fail "mlnetsegment --version printed '$got', not '$version'"
"$tools/mlnetsegment" segment "$root/data/coffee.png" -k 4 -o "$tmp/x.png" >"$tmp/segment.log" 2>&1 \
  || fail "mlnetsegment segment data/coffee.png -k 4 exited non-zero: $(tail -n 1 "$tmp/segment.log")"
[[ -s "$tmp/x.png" ]] || fail "mlnetsegment segment wrote no $tmp/x.png"
echo "check.sh: installed tool ok: mlnetsegment --version = $got; segment data/coffee.png -k 4 exit 0"

# The any fallback runs too: unpacked, under `dotnet`.
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  "$out/MlNetSegment.Cli.any.$version.nupkg" "$tmp/any"
any_dll="$tmp/any/tools/net10.0/any/mlnetsegment.dll"
"$(command -v dotnet)" "$any_dll" segment "$root/data/coffee.png" -k 4 -o "$tmp/any.png" >"$tmp/any.log" 2>&1 \
  || fail "the any package's mlnetsegment segment exited non-zero: $(tail -n 1 "$tmp/any.log")"
echo "check.sh: any fallback ok: dotnet mlnetsegment.dll segment data/coffee.png -k 4 exit 0"
echo "check.sh: all package checks passed"
