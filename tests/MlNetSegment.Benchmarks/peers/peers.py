#!/usr/bin/python3
"""Peer comparison helper for MlNetSegment (driven by compare.sh).

Sub-commands
  check-deps                      exit 0 when numpy, sklearn, cv2 and PIL import
  machine                         print the machine and library versions (Markdown)
  to-png SRC OUT.png              decode anything PIL reads, save a lossless 8-bit RGB PNG
  make-large SRC OUT.png MP       Lanczos upscale to about MP megapixels + seeded Gaussian noise
  bench IMAGE.png [options]       run the peers and ours on one image, print a Markdown table
  selftest                        check the HSV features and the SSE against reference code

Features (every tool): (H/360, S, V) in [0,1] from 8-bit sRGB, computed like
colorsys / OpenCV full range: V = max, S = (max-min)/max (0 if max = 0),
H in degrees [0, 360) (0 for grey). Computed vectorised in float64, then float32.

Clustering error (every tool): per-pixel SSE in that float space with every
cluster at the mean of its members, recomputed from the labels (reported
centroids are not trusted).

Must run with /usr/bin/python3 (the Debian packages python3-sklearn,
python3-opencv, python3-numpy and python3-pil).
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

CHUNK = 1 << 21  # pixels per chunk for feature / SSE computation (bounds the temporaries)


def log(msg):
    print(f"[peers] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- deps

def cmd_check_deps(_args):
    missing = []
    for mod in ("numpy", "sklearn", "cv2", "PIL"):
        try:
            __import__(mod)
        except Exception as exc:  # noqa: BLE001 - any import failure means "install it"
            missing.append(f"{mod} ({exc.__class__.__name__}: {exc})")
    if missing:
        print("missing Python modules: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


# --------------------------------------------------------------------------- machine

def _cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform
    return platform.processor() or "unknown"


def _mem_total_gib():
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / (1024 * 1024)
    except OSError:
        pass
    return float("nan")


def _nproc():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count()


def cmd_machine(args):
    import numpy as np
    import sklearn
    import cv2
    import PIL
    lines = [
        "## Machine",
        "",
        f"- nproc: {_nproc()} (os.cpu_count: {os.cpu_count()})",
        f"- CPU: {_cpu_model()}",
        f"- memory: {_mem_total_gib():.1f} GiB",
        f"- load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"- python {sys.version.split()[0]}, numpy {np.__version__}, scikit-learn {sklearn.__version__}, "
        f"OpenCV {cv2.__version__} (cv2.getNumThreads = {cv2.getNumThreads()}), Pillow {PIL.__version__}",
    ]
    try:
        from threadpoolctl import threadpool_info
        pools = ", ".join(f"{p.get('internal_api')}={p.get('num_threads')}" for p in threadpool_info())
        lines.append(f"- native thread pools seen by scikit-learn: {pools or 'none loaded yet'}")
    except Exception:  # noqa: BLE001
        pass
    if args.dotnet:
        lines.append(f"- dotnet: {args.dotnet}")
    if args.nice is not None:
        lines.append(f"- niceness of the run: {args.nice}")
    print("\n".join(lines))
    print()
    return 0


# --------------------------------------------------------------------------- images

def load_rgb(path):
    """Decode with PIL to an HxWx3 uint8 array (alpha dropped, EXIF orientation applied)."""
    import numpy as np
    from PIL import Image, ImageOps
    with Image.open(path) as im:
        im = ImageOps.exif_transpose(im)
        if im.mode != "RGB":
            im = im.convert("RGB")
        return np.asarray(im, dtype=np.uint8).copy()


def cmd_to_png(args):
    from PIL import Image
    rgb = load_rgb(args.src)
    Image.fromarray(rgb, "RGB").save(args.out, format="PNG", compress_level=1)
    h, w, _ = rgb.shape
    log(f"{args.src} -> {args.out} ({w}x{h}, lossless 8-bit RGB PNG)")
    return 0


def distinct_colours(rgb):
    import numpy as np
    packed = (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]
    return int(np.unique(packed.ravel()).size)


def cmd_make_large(args):
    import numpy as np
    from PIL import Image
    rgb = load_rgb(args.src)
    h, w, _ = rgb.shape
    scale = (args.mp * 1e6 / (w * h)) ** 0.5
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    big = Image.fromarray(rgb, "RGB").resize((nw, nh), Image.Resampling.LANCZOS)
    arr = np.asarray(big, dtype=np.uint8)
    if args.sigma > 0:
        rng = np.random.default_rng(args.seed)
        out = np.empty_like(arr)
        rows = max(1, CHUNK // nw)
        for y in range(0, nh, rows):  # chunked so a 12 MP image does not need 300 MB of float64 at once
            block = arr[y:y + rows].astype(np.float32)
            block += rng.normal(0.0, args.sigma, size=block.shape).astype(np.float32)
            out[y:y + rows] = np.clip(np.rint(block), 0, 255).astype(np.uint8)
        arr = out
    Image.fromarray(arr, "RGB").save(args.out, format="PNG", compress_level=1)
    log(f"{args.src} ({w}x{h}, {distinct_colours(rgb):,} colours) -> {args.out} "
        f"({nw}x{nh} = {nw * nh / 1e6:.2f} MP, Lanczos x{scale:.2f}, noise sigma {args.sigma} seed {args.seed}, "
        f"{distinct_colours(arr):,} colours)")
    return 0


def cmd_make_mosaic(args):
    """Tile real photos at their own resolution (no resampling, no added noise) into one large image: camera noise,
    JPEG history and colour statistics stay those of real photos, unlike an upscaled stand-in."""
    import numpy as np
    from PIL import Image
    files = sorted(f for f in os.listdir(args.dir) if f.lower().endswith((".png", ".jpg", ".jpeg")))
    if not files:
        raise RuntimeError(f"no .png/.jpg images in {args.dir}")
    tiles = []
    for f in files:
        rgb = load_rgb(os.path.join(args.dir, f))
        if rgb.shape[0] > rgb.shape[1]:
            rgb = np.rot90(rgb)  # portraits lie down so every tile has the landscape shape
        tiles.append(rgb)
    th = min(t.shape[0] for t in tiles)
    tw = min(t.shape[1] for t in tiles)
    tiles = [t[:th, :tw] for t in tiles]
    need = int(np.ceil(args.mp * 1e6 / (th * tw)))
    cols = max(1, int(round((1.5 * need * th / tw) ** 0.5)))  # about 3:2 overall: cols * tw = 1.5 * rows * th
    rows = int(np.ceil(need / cols))
    out = np.empty((rows * th, cols * tw, 3), dtype=np.uint8)
    for i in range(rows * cols):
        t = tiles[i % len(tiles)]
        flip = (i // len(tiles)) % 4  # a repeated photo is mirrored, then flipped, then both, not copied
        if flip & 1:
            t = t[:, ::-1]
        if flip & 2:
            t = t[::-1, :]
        r, c = divmod(i, cols)
        out[r * th:(r + 1) * th, c * tw:(c + 1) * tw] = t
    Image.fromarray(out, "RGB").save(args.out, format="PNG", compress_level=1)
    log(f"{len(files)} photos from {args.dir} ({tw}x{th} tiles) -> {args.out} ({cols}x{rows} tiles = "
        f"{out.shape[1]}x{out.shape[0]} = {out.shape[0] * out.shape[1] / 1e6:.2f} MP, {max(0, rows * cols - len(files))} "
        f"mirrored repeats, {distinct_colours(out):,} colours)")
    return 0


# --------------------------------------------------------------------------- features & SSE

def hsv_features(rgb):
    """HxWx3 uint8 -> Nx3 float32 (H/360, S, V), colorsys / OpenCV full-range definition."""
    import numpy as np
    flat = rgb.reshape(-1, 3)
    n = flat.shape[0]
    out = np.empty((n, 3), dtype=np.float32)
    for a in range(0, n, CHUNK):
        x = flat[a:a + CHUNK].astype(np.float64) / 255.0
        r, g, b = x[:, 0], x[:, 1], x[:, 2]
        mx = x.max(axis=1)
        mn = x.min(axis=1)
        d = mx - mn
        s = np.divide(d, mx, out=np.zeros_like(d), where=mx > 0)
        dd = np.where(d > 0, d, 1.0)
        # same precedence as colorsys: red max first, then green, then blue
        h = np.where(mx == r, np.mod((g - b) / dd, 6.0),
                     np.where(mx == g, (b - r) / dd + 2.0, (r - g) / dd + 4.0))
        h = np.where(d > 0, h / 6.0, 0.0)  # = H/360
        h = np.where(h >= 1.0, h - 1.0, h)
        out[a:a + CHUNK, 0] = h
        out[a:a + CHUNK, 1] = s
        out[a:a + CHUNK, 2] = mx
    return out


def sse_from_labels(X, labels, k):
    """SSE of X (Nx3) with every cluster at the float64 mean of its members.
    Returns (sse, clusters_used)."""
    import numpy as np
    lab = np.asarray(labels).reshape(-1).astype(np.int64)
    if lab.shape[0] != X.shape[0]:
        raise ValueError(f"{lab.shape[0]} labels for {X.shape[0]} pixels")
    if lab.min() < 0 or lab.max() >= k:
        raise ValueError(f"labels out of range 0..{k - 1}: min {lab.min()}, max {lab.max()}")
    counts = np.bincount(lab, minlength=k)
    sums = np.zeros((k, X.shape[1]), dtype=np.float64)
    for j in range(X.shape[1]):
        sums[:, j] = np.bincount(lab, weights=X[:, j].astype(np.float64), minlength=k)
    means = sums / np.maximum(counts, 1)[:, None]
    total = 0.0
    for a in range(0, X.shape[0], CHUNK):
        diff = X[a:a + CHUNK].astype(np.float64) - means[lab[a:a + CHUNK]]
        total += float(np.einsum("ij,ij->", diff, diff))
    return total, int((counts > 0).sum())


# --------------------------------------------------------------------------- peers

def run_sklearn(X, k, seed):
    from sklearn.cluster import KMeans
    km = KMeans(n_clusters=k, n_init=1, random_state=seed)
    t0 = time.perf_counter()
    km.fit(X)
    dt = time.perf_counter() - t0
    return dt, km.labels_, {"n_iter": int(km.n_iter_)}


def _run_cv(X, k, seed, max_iter, eps):
    import cv2
    crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, max_iter, eps)
    cv2.setRNGSeed(seed)
    t0 = time.perf_counter()
    compactness, labels, _centers = cv2.kmeans(X, k, None, crit, 1, cv2.KMEANS_PP_CENTERS)
    dt = time.perf_counter() - t0
    return dt, labels, {"reported_compactness": float(compactness)}


def run_cv_tutorial(X, k, seed):
    return _run_cv(X, k, seed, 10, 1.0)


def run_cv_tight(X, k, seed):
    return _run_cv(X, k, seed, 300, 1e-4)


PEERS = [
    ("sklearn", "scikit-learn KMeans (n_init=1), fit only", run_sklearn),
    ("cv_tutorial", "OpenCV kmeans, tutorial criteria (10, 1.0), fit only", run_cv_tutorial),
    ("cv_tight", "OpenCV kmeans, tight criteria (300, 1e-4), fit only", run_cv_tight),
]


# --------------------------------------------------------------------------- ours

def read_labels(path, shape, k):
    import numpy as np
    from PIL import Image
    with Image.open(path) as im:
        mode = im.mode
        arr = np.asarray(im)
    if arr.ndim == 3:
        if arr.shape[2] >= 3 and np.array_equal(arr[..., 0], arr[..., 1]) and np.array_equal(arr[..., 0], arr[..., 2]):
            log(f"WARNING: labels PNG {path} is mode {mode}, not single-channel; using channel 0 (all equal)")
            arr = arr[..., 0]
        else:
            raise ValueError(f"labels PNG {path} is mode {mode} with {arr.shape[2]} differing channels; "
                             "expected single-channel 8-bit (value = cluster index)")
    if arr.shape != shape:
        raise ValueError(f"labels PNG {path} is {arr.shape[1]}x{arr.shape[0]}, image is {shape[1]}x{shape[0]}")
    if arr.max() >= k:
        raise ValueError(f"labels PNG {path} has value {int(arr.max())} >= K={k} (mode {mode})")
    return arr.reshape(-1)


def run_ours(cmd_prefix, image, k, seed, workdir, timeout):
    """Run the CLI as a fresh process. Returns (wall seconds, peak RSS KiB, labels path)."""
    out = os.path.join(workdir, f"ours_seed{seed}.png")
    labels = os.path.join(workdir, f"ours_seed{seed}_labels.png")
    cmd = cmd_prefix + ["segment", image, "-k", str(k), "--color-space", "hsv-linear", "--seed", str(seed),
                        "-o", out, "--labels", labels, "--force"]
    logf = os.path.join(workdir, f"ours_seed{seed}.log")
    # Peak RSS comes from GNU time: the rusage of a child forked from this (large) Python process counts the
    # parent's pages copied at fork time, which overstated our peak by 600+ MiB.
    rssf = os.path.join(workdir, f"ours_seed{seed}.rss")
    if os.path.exists("/usr/bin/time"):
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rssf] + cmd
    with open(logf, "wb") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT)
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _pid, status, ru = os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise RuntimeError(f"timed out after {timeout} s: {shlex.join(cmd)}")
            time.sleep(0.002)
        dt = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        with open(logf, "rb") as fh:
            tail = fh.read()[-2000:].decode("utf-8", "replace")
        raise RuntimeError(f"exit code {proc.returncode}: {shlex.join(cmd)}\n--- output tail ---\n{tail}")
    if not os.path.isfile(labels):
        raise RuntimeError(f"no labels PNG written at {labels}: {shlex.join(cmd)}")
    peak = ru.ru_maxrss
    if os.path.exists(rssf):
        with open(rssf) as fh:
            peak = int(fh.read().split()[-1])
    return dt, peak, labels


def ours_prefix(spec):
    """MLNETSEGMENT may be a path or a command line such as 'dotnet path/mlnetsegment.dll'."""
    prefix = shlex.split(spec)
    if not prefix:
        raise RuntimeError("MLNETSEGMENT is empty")
    exe = prefix[0]
    if os.sep in exe:
        if not os.path.isfile(exe):
            raise RuntimeError(f"binary not found: {exe} (build it with: dotnet build -c Release src/MlNetSegment.Cli, "
                               "or set MLNETSEGMENT)")
        if not os.access(exe, os.X_OK):
            raise RuntimeError(f"binary is not executable: {exe}")
    else:
        import shutil
        if shutil.which(exe) is None:
            raise RuntimeError(f"command not found on PATH: {exe}")
    return prefix


# --------------------------------------------------------------------------- bench

def _fmt_t(x):
    return "n/a" if x is None else f"{x:.3f}"


def _fmt_sse(x):
    return "n/a" if x is None else f"{x:.6g}"


def summarise(runs):
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return None
    times = [r["time_s"] for r in ok]
    sses = [r["sse"] for r in ok]
    rss = [r["peak_rss_kib"] for r in ok if "peak_rss_kib" in r]
    return {
        "median_time_s": statistics.median(times),
        "median_sse": statistics.median(sses),
        "min_sse": min(sses),
        "max_sse": max(sses),
        "peak_rss_mib": (max(rss) / 1024.0) if rss else None,
        "n": len(ok),
    }


def cmd_bench(args):
    import numpy as np
    seeds = [int(s) for s in args.seeds.split(",") if s.strip() != ""]
    k = args.k
    rgb = load_rgb(args.image)
    h, w, _ = rgb.shape
    n = h * w
    if n < k:
        raise SystemExit(f"image has {n} pixels, fewer than K={k}")
    t0 = time.perf_counter()
    X = hsv_features(rgb)
    log(f"{args.label}: {w}x{h} ({n / 1e6:.2f} MP), features in {time.perf_counter() - t0:.2f} s (not timed in any row)")
    colours = distinct_colours(rgb)
    del rgb

    peers = [p for p in PEERS if not (args.no_tight and p[0] == "cv_tight")]
    results = {"image": args.label, "path": args.image, "width": w, "height": h, "distinct_colours": colours,
               "k": k, "seeds": seeds, "tools": {}}

    # untimed warm-up on a small subset (loads OpenMP / OpenCV thread pools)
    sub = np.ascontiguousarray(X[:: max(1, n // 20000)])
    for key, _name, fn in peers:
        try:
            fn(sub, min(k, sub.shape[0]), 0)
        except Exception as exc:  # noqa: BLE001
            log(f"warm-up of {key} failed: {exc}")

    for key, name, fn in peers:
        runs = []
        for seed in seeds:
            try:
                dt, labels, extra = fn(X, k, seed)
                sse, used = sse_from_labels(X, labels, k)
                runs.append({"seed": seed, "time_s": dt, "sse": sse, "clusters_used": used, **extra})
                log(f"{args.label}: {key} seed {seed}: fit {dt:.3f} s, SSE {sse:.6g}, clusters used {used} {extra}")
            except Exception as exc:  # noqa: BLE001
                runs.append({"seed": seed, "error": f"{exc.__class__.__name__}: {exc}"})
                log(f"{args.label}: {key} seed {seed} FAILED: {exc}")
        results["tools"][key] = {"name": name, "runs": runs}

    ours_runs = []
    ours_error = None
    try:
        prefix = ours_prefix(args.bin)
        os.makedirs(args.workdir, exist_ok=True)
        if args.warmup:
            try:
                run_ours(prefix, args.image, k, seeds[0], args.workdir, args.timeout)
            except Exception as exc:  # noqa: BLE001
                raise RuntimeError(f"warm-up run failed: {exc}") from exc
        for seed in seeds:
            dt, rss, labels_png = run_ours(prefix, args.image, k, seed, args.workdir, args.timeout)
            labels = read_labels(labels_png, (h, w), k)
            sse, used = sse_from_labels(X, labels, k)
            ours_runs.append({"seed": seed, "time_s": dt, "peak_rss_kib": rss, "sse": sse, "clusters_used": used})
            log(f"{args.label}: ours seed {seed}: wall {dt:.3f} s, peak RSS {rss / 1024:.0f} MiB, SSE {sse:.6g}, "
                f"clusters used {used}")
    except Exception as exc:  # noqa: BLE001
        ours_error = f"{exc}"
        log(f"{args.label}: ours FAILED: {exc}")
    results["tools"]["ours"] = {"name": "ours: mlnetsegment segment, fresh process, end to end", "runs": ours_runs}
    if ours_error:
        results["tools"]["ours"]["error"] = ours_error

    # ------------------------------------------------------------ table
    summ = {key: summarise(t["runs"]) for key, t in results["tools"].items()}
    results["summary"] = summ
    ours = summ.get("ours")
    print(f"## {args.label}")
    print()
    print(f"{w}x{h} = {n / 1e6:.2f} MP, {colours:,} distinct colours, K={k}, seeds {','.join(map(str, seeds))}; "
          f"features (H/360, S, V) float32. Peer times are the fit call alone; ours is the whole CLI process "
          f"(start-up, decode, features, fit, both PNG encodes).")
    print()
    print("| tool | median time (s) | time / ours | median SSE | min SSE | max SSE | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key, tool in results["tools"].items():
        s = summ[key]
        if s is None:
            print(f"| {tool['name']} | n/a | n/a | n/a | n/a | n/a | n/a (failed, see below) |")
            continue
        ratio = f"{s['median_time_s'] / ours['median_time_s']:.2f}" if ours else "n/a"
        rss = f"{s['peak_rss_mib']:.0f}" if s["peak_rss_mib"] is not None else ""
        failed = len(tool["runs"]) - s["n"]
        note = f" ({failed} seed(s) failed)" if failed else ""
        print(f"| {tool['name']}{note} | {_fmt_t(s['median_time_s'])} | {ratio} | {_fmt_sse(s['median_sse'])} | "
              f"{_fmt_sse(s['min_sse'])} | {_fmt_sse(s['max_sse'])} | {rss} |")
    print()
    per_seed = []
    for key, tool in results["tools"].items():
        cells = []
        for r in tool["runs"]:
            if "error" in r:
                cells.append(f"seed {r['seed']}: failed")
            else:
                extra = f", {r['n_iter']} iter" if "n_iter" in r else ""
                cells.append(f"seed {r['seed']}: {r['time_s']:.3f} s, SSE {r['sse']:.6g}, {r['clusters_used']} clusters{extra}")
        per_seed.append(f"- {key}: " + ("; ".join(cells) if cells else "no runs"))
    print("Per seed:")
    print()
    print("\n".join(per_seed))
    print()

    # ------------------------------------------------------------ goals
    goals = []
    sk, cvt = summ.get("sklearn"), summ.get("cv_tutorial")

    def line(text, ok):
        goals.append({"goal": text, "pass": ok})
        verdict = "n/a" if ok is None else ("PASS" if ok else "FAIL")
        print(f"- GOAL {text}: {verdict}")

    print("Goals:")
    print()
    if ours and sk:
        line(f"ours ≤ 1/8 scikit-learn fit ({ours['median_time_s']:.3f} s vs {sk['median_time_s'] / 8:.3f} s; "
             f"scikit-learn/ours = {sk['median_time_s'] / ours['median_time_s']:.2f}x, need ≥ 8x)",
             ours["median_time_s"] <= sk["median_time_s"] / 8)
    else:
        line("ours ≤ 1/8 scikit-learn fit (ours or scikit-learn missing)", None)
    if ours and cvt:
        line(f"ours ≤ OpenCV tutorial fit ({ours['median_time_s']:.3f} s vs {cvt['median_time_s']:.3f} s)",
             ours["median_time_s"] <= cvt["median_time_s"])
    else:
        line("ours ≤ OpenCV tutorial fit (ours or OpenCV missing)", None)
    if ours and sk:
        line(f"our median SSE ≤ scikit-learn median SSE ({ours['median_sse']:.6g} vs {sk['median_sse']:.6g}, "
             f"ratio {ours['median_sse'] / sk['median_sse']:.4f})",
             ours["median_sse"] <= sk["median_sse"])
    else:
        line("our median SSE ≤ scikit-learn median SSE (ours or scikit-learn missing)", None)
    if ours_error:
        print()
        print(f"> ours: not measured: {ours_error.splitlines()[0]}")
    print()
    results["goals"] = goals
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)
    return 3 if ours is None else 0


# --------------------------------------------------------------------------- selftest

def cmd_selftest(_args):
    import colorsys
    import numpy as np
    rng = np.random.default_rng(1)
    rgb = rng.integers(0, 256, size=(200, 300, 3), dtype=np.uint8)
    rgb[0, :6] = [[0, 0, 0], [255, 255, 255], [128, 128, 128], [255, 0, 0], [255, 0, 1], [0, 255, 255]]
    X = hsv_features(rgb)
    ref = np.array([colorsys.rgb_to_hsv(*(p / 255.0)) for p in rgb.reshape(-1, 3).astype(np.float64)],
                   dtype=np.float32)
    err = float(np.abs(X - ref).max())
    assert err <= 1e-6, f"HSV mismatch vs colorsys: {err}"
    assert X[:, 0].max() < 1.0 and X.min() >= 0.0 and X.max() <= 1.0
    try:
        import cv2
        hsv_cv = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2HSV).reshape(-1, 3)
        cv_err = np.abs(hsv_cv[:, 0] / 360.0 - X[:, 0])
        cv_err = np.minimum(cv_err, 1.0 - cv_err)  # hue wraps
        print(f"max |H/360| diff vs OpenCV float RGB2HSV: {cv_err.max():.2e}; "
              f"S,V: {np.abs(hsv_cv[:, 1:] - X[:, 1:]).max():.2e}")
    except ImportError:
        pass
    labels = rng.integers(0, 5, size=X.shape[0])
    sse, used = sse_from_labels(X, labels, 7)
    ref_sse = sum(float(((X[labels == c].astype(np.float64) - X[labels == c].astype(np.float64).mean(0)) ** 2).sum())
                  for c in range(5))
    assert used == 5 and abs(sse - ref_sse) <= 1e-9 * ref_sse, (sse, ref_sse, used)
    print(f"selftest OK: HSV max abs diff vs colorsys {err:.2e}; SSE {sse:.6f} == reference {ref_sse:.6f}")
    return 0


# --------------------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sp = ap.add_subparsers(dest="cmd", required=True)
    sp.add_parser("check-deps").set_defaults(fn=cmd_check_deps)
    p = sp.add_parser("machine")
    p.add_argument("--dotnet", default="")
    p.add_argument("--nice", type=int, default=None)
    p.set_defaults(fn=cmd_machine)
    p = sp.add_parser("to-png")
    p.add_argument("src")
    p.add_argument("out")
    p.set_defaults(fn=cmd_to_png)
    p = sp.add_parser("make-large")
    p.add_argument("src")
    p.add_argument("out")
    p.add_argument("mp", type=float, help="target megapixels")
    p.add_argument("--sigma", type=float, default=2.0, help="Gaussian noise sigma in 8-bit levels (default 2)")
    p.add_argument("--seed", type=int, default=0, help="noise seed (default 0)")
    p.set_defaults(fn=cmd_make_large)
    p = sp.add_parser("make-mosaic")
    p.add_argument("dir")
    p.add_argument("out")
    p.add_argument("mp", type=float, help="at least this many megapixels")
    p.set_defaults(fn=cmd_make_mosaic)
    p = sp.add_parser("bench")
    p.add_argument("image", help="lossless 8-bit RGB PNG (see to-png)")
    p.add_argument("--label", default=None)
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--bin", required=True, help="mlnetsegment binary or command line")
    p.add_argument("--workdir", required=True, help="where ours writes its PNGs and logs")
    p.add_argument("--no-tight", action="store_true", help="skip OpenCV with tight criteria")
    p.add_argument("--no-warmup", dest="warmup", action="store_false", help="no untimed warm-up run of ours")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per run of ours (default 900)")
    p.add_argument("--json", default=None, help="also write raw per-seed results here")
    p.set_defaults(fn=cmd_bench)
    sp.add_parser("selftest").set_defaults(fn=cmd_selftest)
    args = ap.parse_args(argv)
    if getattr(args, "label", "x") is None:
        args.label = os.path.basename(args.image)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
