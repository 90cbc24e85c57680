#!/usr/bin/python3
"""Peer comparison helper for MlNetSegment (driven by compare.sh).

Sub-commands
  check-deps                      exit 0 when numpy, sklearn, cv2 and PIL import
  machine                         print the machine and library versions (Markdown)
  bench IMAGE [options]           run the peers and ours on one image, write the raw results as JSON
  report JSON [JSON ...]          print the Markdown summary, goal checks, stage breakdown and details
  measure --out F --log L -- CMD  run CMD as a fresh process: wall clock and peak RSS (used by bench)
  list-images DIR                 the .png/.jpg files in DIR of 8-24 MP (compare.sh --wallpapers all)
  make-mosaic DIR OUT.png MP      tile the photos in DIR into one large image (not a performance claim)
  selftest                        check features, SSE, label reading, timing parser, launcher, seed-style program

Inputs are the original files: every tool decodes them itself. The reference decode for the in-process peers
and for every SSE is Pillow's (EXIF orientation applied, alpha dropped); for a PNG every decoder gives the same
pixels, for a JPEG decoders differ by a few levels, so SSE is reported for JPEG but its goal is checked on PNG only.

Features (in-process peers, SSE): (H/360, S, V) in [0,1] from 8-bit sRGB, computed like colorsys / OpenCV full
range: V = max, S = (max-min)/max (0 if max = 0), H in degrees [0, 360) (0 for grey). Float64, then float32.

Clustering error (every tool): per-pixel SSE in that float space with every cluster at the mean of its members,
recomputed from the labels (reported centroids are not trusted). Fully transparent pixels, which ours does not
cluster, are left out of every tool's SSE.

Must run with /usr/bin/python3 (the Debian packages python3-sklearn, python3-opencv, python3-numpy, python3-pil).
"""

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import threading
import time

CHUNK = 1 << 21  # pixels per chunk for feature / SSE computation (bounds the temporaries)
HERE = os.path.dirname(os.path.abspath(__file__))
SEED_STYLE = os.path.join(HERE, "seed_style.py")

# Goals of issue #11: ours end to end (a fresh process of the installed tool) against each peer's median.
GOAL_SKLEARN = 0.1       # ours <= 0.1 x scikit-learn fit
GOAL_CV_TUTORIAL = 0.6   # ours <= 0.6 x OpenCV tutorial fit
GOAL_SEED_STYLE = 0.2    # ours <= 0.2 x seed-style program end to end
GOAL_RSS_MIB = 200.0     # our peak RSS, checked on images of at least GOAL_RSS_MIN_MP megapixels
GOAL_RSS_MIN_MP = 14.0
LOSSLESS = {"PNG"}       # formats whose decoders all agree: the SSE goal is checked on these only


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

def load_image(path):
    """Reference decode with Pillow: (HxWx3 uint8 RGB, HxW uint8 alpha or None, format such as 'PNG' or 'JPEG').
    EXIF orientation applied (as every tool here does); the RGB of partly or fully transparent pixels kept."""
    import numpy as np
    from PIL import Image, ImageOps
    with Image.open(path) as im:
        fmt = im.format or "?"
        im = ImageOps.exif_transpose(im)
        alpha = None
        if "A" in im.getbands() or (im.mode == "P" and "transparency" in im.info):
            alpha = np.asarray(im.convert("RGBA"), dtype=np.uint8)[..., 3].copy()
        rgb = im if im.mode == "RGB" else im.convert("RGB")
        return np.asarray(rgb, dtype=np.uint8).copy(), alpha, fmt


def load_rgb(path):
    """Decode with Pillow to an HxWx3 uint8 array (alpha dropped, EXIF orientation applied)."""
    return load_image(path)[0]


def distinct_colours(rgb):
    import numpy as np
    packed = (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]
    return int(np.unique(packed.ravel()).size)


def cmd_make_mosaic(args):
    """Tile real photos at their own resolution (no resampling, no added noise) into one large image. A mosaic is a
    test input for robustness and scaling only: its numbers are not the issue's performance figures."""
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


def cmd_list_images(args):
    """Print the .png/.jpg/.jpeg files directly in DIR whose size is within [min-mp, max-mp] megapixels, sorted."""
    from PIL import Image
    for f in sorted(os.listdir(args.dir)):
        path = os.path.join(args.dir, f)
        if os.path.islink(path) or not (os.path.isfile(path) and f.lower().endswith((".png", ".jpg", ".jpeg"))):
            continue
        try:
            with Image.open(path) as im:
                mp = im.size[0] * im.size[1] / 1e6
        except Exception as exc:  # noqa: BLE001
            log(f"skipping {path}: {exc}")
            continue
        if args.min_mp <= mp <= args.max_mp:
            print(path)
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


def sse_from_labels(X, labels, k, mask=None):
    """SSE of X (Nx3) with every cluster at the float64 mean of its members. With a boolean mask (N), only those
    pixels count (for means and SSE). Returns (sse, clusters_used)."""
    import numpy as np
    lab = np.asarray(labels).reshape(-1).astype(np.int64)
    if lab.shape[0] != X.shape[0]:
        raise ValueError(f"{lab.shape[0]} labels for {X.shape[0]} pixels")
    if mask is not None:
        X = X[mask]
        lab = lab[mask]
    if lab.size == 0:
        return 0.0, 0
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


def labels_from_colours(path, k):
    """Labels of a posterised output image: each of its k most frequent colours is one cluster, and any other colour
    joins the nearest of them (OpenCV's HSV2BGR can round the same HSV value differently in its vector and scalar
    paths, so one centre may come out as two colours a level apart)."""
    import numpy as np
    rgb = load_rgb(path)
    packed = (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]
    uniq, inv, counts = np.unique(packed.ravel(), return_inverse=True, return_counts=True)
    if uniq.size <= k:
        return inv
    cols = np.stack([(uniq >> 16) & 255, (uniq >> 8) & 255, uniq & 255], axis=1).astype(np.int64)
    top = np.argsort(-counts, kind="stable")[:k]
    nearest = ((cols[:, None, :] - cols[None, top, :]) ** 2).sum(axis=2).argmin(axis=1)
    return nearest[inv]


# --------------------------------------------------------------------------- in-process peers (fit alone)

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
    ("sklearn", "scikit-learn KMeans (n_init=1), fit alone", run_sklearn),
    ("cv_tutorial", "OpenCV kmeans, tutorial criteria (10, 1.0), fit alone", run_cv_tutorial),
    ("cv_tight", "OpenCV kmeans, tight criteria (300, 1e-4), fit alone", run_cv_tight),
]


# --------------------------------------------------------------------------- fresh processes

def cmd_measure(args):
    """Launcher: run CMD as a child of this small process and write {wall_s, maxrss_kib, exit_code, timed_out}.
    The bench process holds the image and its features (hundreds of MiB); a child forked from it would start with
    that RSS on its books (the kernel keeps the pre-exec high-water mark in ru_maxrss). Forked from this launcher
    (~10 MiB) the child's ru_maxrss is its own peak: what GNU time -f %M reports, without needing GNU time."""
    import resource
    import signal
    cmd = list(args.cmd)
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    result = {"cmd": cmd}
    try:
        with open(args.log, "wb") as logfh:
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=logfh, stderr=subprocess.STDOUT)
            timed_out = threading.Event()

            def kill():
                timed_out.set()
                try:
                    os.kill(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

            timer = threading.Timer(args.timeout, kill)
            timer.daemon = True
            timer.start()
            _pid, status, ru = os.wait4(proc.pid, 0)
            dt = time.perf_counter() - t0
            timer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)
        result.update(wall_s=dt, maxrss_kib=ru.ru_maxrss, exit_code=proc.returncode, timed_out=timed_out.is_set(),
                      launcher_maxrss_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except OSError as exc:
        result["error"] = f"cannot start: {exc}"
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    return 0 if "error" not in result else 1


def run_measured(cmd, logf, timeout):
    """Run cmd through the launcher; returns (wall seconds, peak RSS KiB, output text). Raises on failure."""
    outf = logf + ".measure.json"
    launcher = [sys.executable, os.path.abspath(__file__), "measure", "--out", outf, "--log", logf,
                "--timeout", str(timeout), "--"] + list(cmd)
    subprocess.run(launcher, stdin=subprocess.DEVNULL, check=False)
    try:
        with open(outf, encoding="utf-8") as fh:
            m = json.load(fh)
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"launcher wrote no result for: {shlex.join(cmd)} ({exc})") from exc
    text = ""
    if os.path.exists(logf):
        with open(logf, "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
    if "error" in m:
        raise RuntimeError(f"{m['error']}: {shlex.join(cmd)}")
    if m.get("timed_out"):
        raise RuntimeError(f"timed out after {timeout} s: {shlex.join(cmd)}")
    if m["exit_code"] != 0:
        raise RuntimeError(f"exit code {m['exit_code']}: {shlex.join(cmd)}\n--- output tail ---\n{text[-2000:]}")
    return m["wall_s"], m["maxrss_kib"], text


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_TIMING_PAIR = re.compile(r"([A-Za-z][^,;:=]*?)\s+(-?\d+(?:\.\d+)?)\s*ms\b")


def parse_timing(text):
    """The last line beginning 'timing:' as [(name, ms), ...]: every '<words> <number> ms' pair in it, in order
    (e.g. 'timing: start-up 80 ms, decode 150 ms, fit 100 ms, label 40 ms, encode 30 ms, total 450 ms'). None if
    there is no such line."""
    found = None
    for line in text.splitlines():
        line = _ANSI.sub("", line).strip()
        if line.lower().startswith("timing:"):
            pairs = [(m.group(1).strip(), float(m.group(2))) for m in _TIMING_PAIR.finditer(line[len("timing:"):])]
            if pairs:
                found = pairs
    return found


def read_labels_masked(path, shape, k):
    """Our --labels PNG: single-channel 8-bit, value = cluster index; or grey + alpha when the input had fully
    transparent pixels (alpha 0 = not clustered). Returns (labels N, clustered mask N or None)."""
    import numpy as np
    from PIL import Image
    with Image.open(path) as im:
        mode = im.mode
        arr = np.asarray(im)
    mask = None
    if arr.ndim == 3:
        if mode == "LA" or arr.shape[2] == 2:
            mask = arr[..., 1].reshape(-1) > 0
            arr = arr[..., 0]
        elif arr.shape[2] >= 3 and np.array_equal(arr[..., 0], arr[..., 1]) and np.array_equal(arr[..., 0], arr[..., 2]):
            log(f"WARNING: labels PNG {path} is mode {mode}, not single-channel; using channel 0 (all equal)")
            arr = arr[..., 0]
        else:
            raise ValueError(f"labels PNG {path} is mode {mode} with {arr.shape[2]} differing channels; "
                             "expected single-channel 8-bit (value = cluster index)")
    if arr.shape != shape:
        raise ValueError(f"labels PNG {path} is {arr.shape[1]}x{arr.shape[0]}, image is {shape[1]}x{shape[0]}")
    lab = arr.reshape(-1)
    top = int(lab[mask].max()) if mask is not None and mask.any() else int(lab.max())
    if top >= k:
        raise ValueError(f"labels PNG {path} has value {top} >= K={k} (mode {mode})")
    if mask is not None:
        lab = np.where(mask, lab, 0)
    return lab, mask


def read_labels(path, shape, k):
    """Our --labels PNG as a flat array of cluster indices (transparent pixels 0)."""
    return read_labels_masked(path, shape, k)[0]


def ours_prefix(spec):
    """MLNETSEGMENT may be a path or a command line such as 'dotnet path/mlnetsegment.dll'."""
    prefix = shlex.split(spec)
    if not prefix:
        raise RuntimeError("MLNETSEGMENT is empty")
    exe = prefix[0]
    if os.sep in exe:
        if not os.path.isfile(exe):
            raise RuntimeError(f"binary not found: {exe} (let compare.sh pack and install the tool, or set MLNETSEGMENT)")
        if not os.access(exe, os.X_OK):
            raise RuntimeError(f"binary is not executable: {exe}")
    else:
        import shutil
        if shutil.which(exe) is None:
            raise RuntimeError(f"command not found on PATH: {exe}")
    return prefix


def run_ours(cmd_prefix, image, k, seed, workdir, timeout):
    """Our CLI as a fresh process with --verbose. Returns (wall s, peak RSS KiB, labels path, timing pairs or None)."""
    out = os.path.join(workdir, f"ours_seed{seed}.png")
    labels = os.path.join(workdir, f"ours_seed{seed}_labels.png")
    cmd = cmd_prefix + ["segment", image, "-k", str(k), "--color-space", "hsv-linear", "--seed", str(seed),
                        "-o", out, "--labels", labels, "--force", "--verbose"]
    dt, peak, text = run_measured(cmd, os.path.join(workdir, f"ours_seed{seed}.log"), timeout)
    if not os.path.isfile(labels):
        raise RuntimeError(f"no labels PNG written at {labels}: {shlex.join(cmd)}")
    return dt, peak, labels, parse_timing(text)


def run_seed_style(image, k, seed, workdir, timeout):
    """The seed-style program (seed_style.py) as a fresh Python process. Returns (wall s, peak RSS KiB, output)."""
    out = os.path.join(workdir, f"seed_style_seed{seed}.png")
    cmd = [sys.executable, SEED_STYLE, image, out, str(k), str(seed)]
    dt, peak, _text = run_measured(cmd, os.path.join(workdir, f"seed_style_seed{seed}.log"), timeout)
    if not os.path.isfile(out):
        raise RuntimeError(f"no output written at {out}: {shlex.join(cmd)}")
    return dt, peak, out


# --------------------------------------------------------------------------- bench

def cmd_bench(args):
    import numpy as np
    seeds = [int(s) for s in args.seeds.split(",") if s.strip() != ""]
    k = args.k
    label = args.label or os.path.basename(args.image)
    rgb, alpha, fmt = load_image(args.image)
    h, w, _ = rgb.shape
    n = h * w
    if n < k:
        raise SystemExit(f"image has {n} pixels, fewer than K={k}")
    mask = None
    transparent = 0
    if alpha is not None:
        transparent = int((alpha == 0).sum())
        if transparent:
            mask = alpha.reshape(-1) > 0
    t0 = time.perf_counter()
    X = hsv_features(rgb)
    log(f"{label}: {fmt} {w}x{h} ({n / 1e6:.2f} MP), features in {time.perf_counter() - t0:.2f} s (not timed)")
    colours = distinct_colours(rgb)
    decoder_diff = None
    if fmt not in LOSSLESS:
        import cv2
        bgr = cv2.imread(args.image, cv2.IMREAD_COLOR)
        if bgr is not None and bgr.shape[:2] == (h, w):
            d = np.abs(bgr[..., ::-1].astype(np.int16) - rgb.astype(np.int16)).max(axis=2)
            decoder_diff = {"max": int(d.max()), "mean": float(d.mean()), "share": float((d > 0).mean())}
            del bgr, d
    png_copy = None
    if fmt not in LOSSLESS and args.png_copy_sse:
        # Untimed diagnostic only: ours on a lossless copy of the very pixels its SSE is scored on.
        from PIL import Image
        os.makedirs(os.path.join(args.workdir, "png_copy"), exist_ok=True)
        png_copy = os.path.join(args.workdir, "png_copy", "pillow_decode.png")
        Image.fromarray(rgb, "RGB").save(png_copy, format="PNG", compress_level=1)
    del rgb, alpha

    results = {"image": label, "path": os.path.abspath(args.image), "format": fmt, "width": w, "height": h,
               "mp": n / 1e6, "distinct_colours": colours, "transparent_pixels": transparent,
               "decoder_diff_pillow_vs_cv2": decoder_diff, "k": k, "seeds": seeds, "tools": {}}

    def save():
        if args.json:
            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump(results, fh, indent=1)

    # ------------------------------------------------------------ peers in this process, fit alone
    peers = [p for p in PEERS if args.tight or p[0] != "cv_tight"]
    sub = np.ascontiguousarray(X[:: max(1, n // 20000)])  # untimed warm-up: OpenMP / OpenCV thread pools
    for key, _name, fn in peers:
        try:
            fn(sub, min(k, sub.shape[0]), 0)
        except Exception as exc:  # noqa: BLE001
            log(f"warm-up of {key} failed: {exc}")
    del sub
    for key, name, fn in peers:
        runs = []
        for seed in seeds:
            try:
                dt, labels, extra = fn(X, k, seed)
                sse, used = sse_from_labels(X, labels, k, mask)
                runs.append({"seed": seed, "time_s": dt, "sse": sse, "clusters_used": used, **extra})
                log(f"{label}: {key} seed {seed}: fit {dt:.3f} s, SSE {sse:.6g}, clusters {used} {extra}")
            except Exception as exc:  # noqa: BLE001
                runs.append({"seed": seed, "error": f"{exc.__class__.__name__}: {exc}"})
                log(f"{label}: {key} seed {seed} FAILED: {exc}")
        results["tools"][key] = {"name": name, "runs": runs}
        save()

    # ------------------------------------------------------------ fresh processes: ours and the seed-style program
    os.makedirs(args.workdir, exist_ok=True)
    ours = {"name": "ours: installed mlnetsegment segment, fresh process, end to end", "runs": []}
    style = {"name": "seed-style program (seed_style.py), fresh process, end to end", "runs": []}
    results["tools"]["seed_style"] = style
    results["tools"]["ours"] = ours
    prefix = None
    try:
        prefix = ours_prefix(args.bin)
        if args.warmup:  # untimed: page cache for the runtime and the tool's assemblies
            try:
                run_ours(prefix, args.image, k, seeds[0], args.workdir, args.timeout)
            except Exception as exc:  # noqa: BLE001
                raise RuntimeError(f"warm-up run failed: {exc}") from exc
    except Exception as exc:  # noqa: BLE001
        ours["error"] = str(exc)
        log(f"{label}: ours FAILED: {exc}")
        prefix = None
    for seed in seeds:  # interleaved, so that a change of load hits both alike
        if prefix is not None:
            try:
                dt, rss, labels_png, timing = run_ours(prefix, args.image, k, seed, args.workdir, args.timeout)
                labels, _ours_mask = read_labels_masked(labels_png, (h, w), k)
                sse, used = sse_from_labels(X, labels, k, mask)
                ours["runs"].append({"seed": seed, "time_s": dt, "peak_rss_kib": rss, "sse": sse,
                                     "clusters_used": used, "timing": timing})
                log(f"{label}: ours seed {seed}: wall {dt:.3f} s, peak RSS {rss / 1024:.0f} MiB, SSE {sse:.6g}, "
                    f"clusters {used}, {timing}")
            except Exception as exc:  # noqa: BLE001
                ours["error"] = str(exc)
                log(f"{label}: ours FAILED: {exc}")
                prefix = None
        if args.seed_style:
            try:
                dt, rss, out_png = run_seed_style(args.image, k, seed, args.workdir, args.timeout)
                run = {"seed": seed, "time_s": dt, "peak_rss_kib": rss}
                labels = labels_from_colours(out_png, k)
                if labels is not None and labels.shape[0] == n:
                    run["sse"], run["clusters_used"] = sse_from_labels(X, labels, k, mask)
                style["runs"].append(run)
                log(f"{label}: seed-style seed {seed}: wall {dt:.3f} s, peak RSS {rss / 1024:.0f} MiB, "
                    f"SSE {run.get('sse', float('nan')):.6g}")
            except Exception as exc:  # noqa: BLE001
                style["runs"].append({"seed": seed, "error": f"{exc.__class__.__name__}: {exc}"})
                log(f"{label}: seed-style seed {seed} FAILED: {exc}")
        save()
    if not args.seed_style:
        del results["tools"]["seed_style"]
    if png_copy is not None and prefix is not None:
        ours["png_copy_sse"] = []
        for seed in seeds:
            try:
                _dt, _rss, labels_png, _t = run_ours(prefix, png_copy, k, seed, os.path.dirname(png_copy), args.timeout)
                labels, _m = read_labels_masked(labels_png, (h, w), k)
                sse, _used = sse_from_labels(X, labels, k, mask)
                ours["png_copy_sse"].append({"seed": seed, "sse": sse})
                log(f"{label}: ours on the lossless copy of Pillow's decode (untimed), seed {seed}: SSE {sse:.6g}")
            except Exception as exc:  # noqa: BLE001
                log(f"{label}: ours on the PNG copy, seed {seed} FAILED: {exc}")
        os.remove(png_copy)
    save()
    sse_seeds = parse_seeds(args.sse_seeds) if args.sse_seeds else []
    if fmt in LOSSLESS and prefix is not None and len(sse_seeds) > len(seeds):
        # Untimed: the SSE goal on more seeds than the timed runs. On an image with many local optima three seeds do
        # not estimate a median: scikit-learn's seeds 0-2 on calla.png all land in its best basin (41,834-41,862),
        # which 4 of its first 30 seeds do (median 42,052).
        study = {"seeds": sse_seeds, "sklearn": {}, "ours": {}}
        timed = {"sklearn": results["tools"]["sklearn"]["runs"], "ours": ours["runs"]}
        for key, runs in timed.items():
            for run in runs:
                if run.get("sse") is not None and run["seed"] in sse_seeds:
                    study[key][str(run["seed"])] = run["sse"]
        for seed in sse_seeds:
            if str(seed) not in study["sklearn"]:
                try:
                    _dt, labels, _extra = run_sklearn(X, k, seed)
                    study["sklearn"][str(seed)] = sse_from_labels(X, labels, k, mask)[0]
                except Exception as exc:  # noqa: BLE001
                    log(f"{label}: sklearn SSE seed {seed} FAILED: {exc}")
            if str(seed) not in study["ours"]:
                try:
                    _dt, _rss, labels_png, _t = run_ours(prefix, args.image, k, seed, args.workdir, args.timeout)
                    labels, _m = read_labels_masked(labels_png, (h, w), k)
                    study["ours"][str(seed)] = sse_from_labels(X, labels, k, mask)[0]
                except Exception as exc:  # noqa: BLE001
                    log(f"{label}: ours SSE seed {seed} FAILED: {exc}")
            log(f"{label}: SSE seed {seed} (untimed): sklearn {study['sklearn'].get(str(seed), float('nan')):.6g}, "
                f"ours {study['ours'].get(str(seed), float('nan')):.6g}")
        results["sse_study"] = study
        save()
    return 3 if not ours["runs"] else 0


def parse_seeds(text):
    """'0,1,2' or '0-29' (or a mix, '0-9,20') -> sorted distinct seeds."""
    seeds = set()
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            first, last = part.split("-", 1)
            seeds.update(range(int(first), int(last) + 1))
        elif part:
            seeds.add(int(part))
    return sorted(seeds)


# --------------------------------------------------------------------------- report

def summarise(runs):
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return None
    sses = [r["sse"] for r in ok if r.get("sse") is not None]
    rss = [r["peak_rss_kib"] for r in ok if "peak_rss_kib" in r]
    return {
        "median_time_s": statistics.median(r["time_s"] for r in ok),
        "median_sse": statistics.median(sses) if sses else None,
        "min_sse": min(sses) if sses else None,
        "max_sse": max(sses) if sses else None,
        "peak_rss_mib": (max(rss) / 1024.0) if rss else None,
        "n": len(ok),
    }


def _fmt_sse(x):
    return "n/a" if x is None else f"{x:,.6g}"


def _image_title(r):
    return f"{r['image']} ({r['format']}, {r['mp']:.1f} MP)"


def _verdict(ok):
    return "n/a" if ok is None else ("PASS" if ok else "**FAIL**")


def _breakdown(ours_runs):
    """Median ms per stage over the runs that printed a timing line, in first-seen order."""
    per = {}
    for r in ours_runs:
        for name, ms in (r.get("timing") or []):
            per.setdefault(name, []).append(ms)
    return {name: statistics.median(v) for name, v in per.items()}


def _sse_medians(r, s):
    """(ours, sklearn, number of seeds) for the SSE goal: the untimed SSE study when there is one, else the timed
    runs' medians; None when either is missing."""
    study = r.get("sse_study")
    if study and study["ours"] and study["sklearn"]:
        both = [k for k in study["ours"] if k in study["sklearn"]]
        if both:
            return (statistics.median(study["ours"][k] for k in both),
                    statistics.median(study["sklearn"][k] for k in both), len(both))
    ours, sk = s.get("ours"), s.get("sklearn")
    if ours and sk and ours["median_sse"] is not None and sk["median_sse"]:
        return ours["median_sse"], sk["median_sse"], min(ours["n"], sk["n"])
    return None


def _png_copy_median(r):
    runs = r["tools"].get("ours", {}).get("png_copy_sse") or []
    return statistics.median(x["sse"] for x in runs) if runs else None


def cmd_report(args):
    results = []
    for path in args.json:
        with open(path, encoding="utf-8") as fh:
            results.append(json.load(fh))
    summ = [{key: summarise(t["runs"]) for key, t in r["tools"].items()} for r in results]
    missing_ours = False

    print("## Summary")
    print()
    print("Times are medians over the seeds. Ours: the installed tool as a fresh process, wall clock (start-up, decode, "
          "fit, labelling, writing the segmented PNG and the label map). `/ peer` = our time divided by the peer's, "
          "both measured in this run (peer time in brackets): scikit-learn and OpenCV are their fit call alone on "
          "decoded features, the seed-style program is a whole Python process. SSE: our median over scikit-learn's, "
          "on the same (Pillow-decoded) pixels. Peak RSS: ours, highest over the seeds.")
    print()
    print("| image (format, MP) | ours, installed tool | / scikit-learn fit | / OpenCV tutorial fit | "
          "/ seed-style program end to end | SSE ours / sklearn median | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r, s in zip(results, summ):
        ours = s.get("ours")
        if ours is None:
            missing_ours = True

        def ratio(key):
            p = s.get(key)
            if p is None:
                return "n/a"
            if ours is None:
                return f"n/a ({p['median_time_s']:.2f} s)"
            return f"{ours['median_time_s'] / p['median_time_s']:.3f}× ({p['median_time_s']:.2f} s)"

        sk = s.get("sklearn")
        medians = _sse_medians(r, s)
        if medians and r.get("sse_study"):
            sse = f"{medians[0] / medians[1]:.4f} ({medians[2]} seeds; {ours['median_sse'] / sk['median_sse']:.4f} on the timed ones)"
        elif ours and sk and ours["median_sse"] is not None and sk["median_sse"]:
            sse = f"{ours['median_sse'] / sk['median_sse']:.4f}"
            copy = _png_copy_median(r)
            if r["format"] not in LOSSLESS:
                sse += f" ({r['format']}: not checked" + (f"; {copy / sk['median_sse']:.4f} on a PNG copy)" if copy else ")")
        else:
            sse = "n/a"
        t = f"**{ours['median_time_s']:.2f} s**" if ours else "not measured"
        rss = f"{ours['peak_rss_mib']:.0f} MiB" if ours and ours["peak_rss_mib"] is not None else "n/a"
        print(f"| {_image_title(r)} | {t} | {ratio('sklearn')} | {ratio('cv_tutorial')} | {ratio('seed_style')} | "
              f"{sse} | {rss} |")
    print()

    # ------------------------------------------------------------ goals
    print("## Goals")
    print()
    print(f"Ours end to end ≤ {GOAL_SKLEARN}× scikit-learn's fit, ≤ {GOAL_CV_TUTORIAL}× OpenCV's tutorial fit, "
          f"≤ {GOAL_SEED_STYLE}× the seed-style program end to end; median SSE ≤ scikit-learn's median (checked on "
          f"PNG only: JPEG decoders may differ by a level or two, and then ours clustered other pixels than the "
          f"scored ones; see the PNG-copy figure); "
          f"peak RSS ≤ {GOAL_RSS_MIB:.0f} MiB, checked at ≥ {GOAL_RSS_MIN_MP:.0f} MP and reported for all.")
    print()
    print(f"| image | ≤ {GOAL_SKLEARN}× sklearn fit | ≤ {GOAL_CV_TUTORIAL}× OpenCV tutorial fit | "
          f"≤ {GOAL_SEED_STYLE}× seed-style | SSE ≤ sklearn (PNG) | peak RSS ≤ {GOAL_RSS_MIB:.0f} MiB (≥ {GOAL_RSS_MIN_MP:.0f} MP) |")
    print("|---|---|---|---|---|---|")
    checked = passed = 0
    for r, s in zip(results, summ):
        ours = s.get("ours")
        cells = []
        for key, limit in (("sklearn", GOAL_SKLEARN), ("cv_tutorial", GOAL_CV_TUTORIAL), ("seed_style", GOAL_SEED_STYLE)):
            p = s.get(key)
            if ours is None or p is None:
                cells.append("n/a")
                continue
            q = ours["median_time_s"] / p["median_time_s"]
            ok = q <= limit
            checked += 1
            passed += ok
            cells.append(f"{_verdict(ok)} ({q:.3f}×)")
        sk = s.get("sklearn")
        medians = _sse_medians(r, s)
        if medians and r["format"] in LOSSLESS:
            ok = medians[0] <= medians[1]
            checked += 1
            passed += ok
            cells.append(f"{_verdict(ok)} ({medians[0] / medians[1]:.4f}, {medians[2]} seeds)")
        elif ours and sk and ours["median_sse"] is not None and sk["median_sse"]:
            q = ours["median_sse"] / sk["median_sse"]
            if r["format"] in LOSSLESS:
                ok = ours["median_sse"] <= sk["median_sse"]
                checked += 1
                passed += ok
                cells.append(f"{_verdict(ok)} ({q:.4f})")
            else:
                copy = _png_copy_median(r)
                extra = f"; {copy / sk['median_sse']:.4f} on a PNG copy" if copy else ""
                cells.append(f"not checked, {r['format']} ({q:.4f}{extra})")
        else:
            cells.append("n/a")
        if ours and ours["peak_rss_mib"] is not None:
            ok = ours["peak_rss_mib"] <= GOAL_RSS_MIB
            if r["mp"] >= GOAL_RSS_MIN_MP:
                checked += 1
                passed += ok
                cells.append(f"{_verdict(ok)} ({ours['peak_rss_mib']:.0f} MiB)")
            else:
                cells.append(f"report only, < {GOAL_RSS_MIN_MP:.0f} MP ({ours['peak_rss_mib']:.0f} MiB)")
        else:
            cells.append("n/a")
        print(f"| {_image_title(r)} | " + " | ".join(cells) + " |")
    print()
    print(f"{passed} of {checked} checked goals met.")
    print()

    # ------------------------------------------------------------ stage breakdown
    stages = []
    per_image = []
    for r in results:
        b = _breakdown(r["tools"].get("ours", {}).get("runs", []))
        per_image.append(b)
        for name in b:
            if name not in stages:
                stages.append(name)
    print("## Our stage breakdown")
    print()
    if stages:
        print("Medians over the seeds of the `timing:` line our CLI prints with `--verbose` (its own clock, ms); "
              "the last column is the wall clock measured from outside (ms), which also sees what the CLI's clock "
              "cannot (process exit, and start-up when its line has no start-up figure).")
        print()
        print("| image | " + " | ".join(stages) + " | wall clock |")
        print("|---|" + "---:|" * (len(stages) + 1))
        for r, s, b in zip(results, summ, per_image):
            ours = s.get("ours")
            wall = f"{ours['median_time_s'] * 1000:.0f}" if ours else "n/a"
            print(f"| {_image_title(r)} | " + " | ".join(f"{b[n]:.0f}" if n in b else "" for n in stages)
                  + f" | {wall} |")
    else:
        print("No `timing:` line found in our `--verbose` output.")
    print()

    # ------------------------------------------------------------ details
    print("## Details per image")
    print()
    for r, s in zip(results, summ):
        print(f"### {r['image']}")
        print()
        facts = [f"{r['width']}x{r['height']} = {r['mp']:.2f} MP {r['format']}", f"{r['distinct_colours']:,} distinct colours",
                 f"K={r['k']}", f"seeds {','.join(map(str, r['seeds']))}"]
        if r.get("transparent_pixels"):
            facts.append(f"{r['transparent_pixels']:,} fully transparent pixels left out of every SSE")
        print("- " + ", ".join(facts) + f"; `{r['path']}`")
        d = r.get("decoder_diff_pillow_vs_cv2")
        if d and d["max"] == 0:
            print(f"- Pillow and cv2.imread decode this {r['format']} identically; ours uses its own decoder")
        elif d:
            print(f"- Pillow vs cv2.imread on this {r['format']}: {d['share'] * 100:.1f}% of pixels differ, by up to "
                  f"{d['max']} levels (mean max-channel difference {d['mean']:.3f}); ours uses its own decoder")
        study = r.get("sse_study")
        if study:
            for key, name in (("ours", "ours"), ("sklearn", "scikit-learn")):
                v = sorted(study[key].values())
                if v:
                    print(f"- SSE over {len(v)} seeds (untimed, with the timed ones): {name} median {statistics.median(v):,.6g}, "
                          f"mean {statistics.mean(v):,.6g}, min {v[0]:,.6g}, max {v[-1]:,.6g}")
        copy = _png_copy_median(r)
        if copy is not None:
            sk = s.get("sklearn")
            vs = f", {copy / sk['median_sse']:.4f}× scikit-learn's median" if sk and sk["median_sse"] else ""
            per = "; ".join(f"seed {x['seed']}: {x['sse']:,.6g}" for x in r["tools"]["ours"]["png_copy_sse"])
            from_file = {x["seed"]: x["sse"] for x in r["tools"]["ours"]["runs"]}
            same = all(from_file.get(x["seed"]) == x["sse"] for x in r["tools"]["ours"]["png_copy_sse"])
            same = ("; equal to the SSE from the original file on every seed, so ours decoded it to the same pixels"
                    if same else "; differs from the SSE from the original file, so ours decoded other pixels")
            print(f"- ours on a lossless PNG copy of Pillow's decode (untimed, so that ours clusters exactly the "
                  f"scored pixels): median SSE {copy:,.6g}{vs} ({per}){same}")
        print()
        ours = s.get("ours")
        print("| tool | median time (s) | ours / tool | median SSE | min SSE | max SSE | peak RSS (MiB) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for key, tool in r["tools"].items():
            t = s[key]
            if t is None:
                print(f"| {tool['name']} | n/a | n/a | n/a | n/a | n/a | n/a |")
                continue
            q = f"{ours['median_time_s'] / t['median_time_s']:.3f}" if ours else "n/a"
            rss = f"{t['peak_rss_mib']:.0f}" if t["peak_rss_mib"] is not None else ""
            failed = len(tool["runs"]) - t["n"]
            note = f" ({failed} seed(s) failed)" if failed else ""
            print(f"| {tool['name']}{note} | {t['median_time_s']:.3f} | {q} | {_fmt_sse(t['median_sse'])} | "
                  f"{_fmt_sse(t['min_sse'])} | {_fmt_sse(t['max_sse'])} | {rss} |")
        print()
        for key, tool in r["tools"].items():
            cells = []
            for run in tool["runs"]:
                if "error" in run:
                    cells.append(f"seed {run['seed']}: failed ({run['error'].splitlines()[0][:200]})")
                    continue
                c = f"seed {run['seed']}: {run['time_s']:.3f} s"
                if run.get("sse") is not None:
                    c += f", SSE {run['sse']:,.6g}, {run['clusters_used']} clusters"
                if "n_iter" in run:
                    c += f", {run['n_iter']} iter"
                if "peak_rss_kib" in run:
                    c += f", {run['peak_rss_kib'] / 1024:.0f} MiB"
                cells.append(c)
            print(f"- {key}: " + ("; ".join(cells) if cells else "no runs"))
            if tool.get("error"):
                print(f"  - > {key}: not (fully) measured: {tool['error'].splitlines()[0]}")
        print()
    return 3 if missing_ours else 0


# --------------------------------------------------------------------------- selftest

def cmd_selftest(_args):
    import colorsys
    import tempfile
    import numpy as np
    from PIL import Image
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
    mask = rng.random(X.shape[0]) < 0.7
    msse, _ = sse_from_labels(X, labels, 7, mask)
    Xm, lm = X[mask].astype(np.float64), labels[mask]
    ref_msse = sum(float(((Xm[lm == c] - Xm[lm == c].mean(0)) ** 2).sum()) for c in range(5))
    assert abs(msse - ref_msse) <= 1e-9 * ref_msse, (msse, ref_msse)

    for text, want in [
        ("note: x\ntiming: start-up and parsing 369 ms, decode 138 ms, segment and write 247 ms, total 385 ms\n",
         [("start-up and parsing", 369.0), ("decode", 138.0), ("segment and write", 247.0), ("total", 385.0)]),
        ("timing: start-up 80 ms, decode 150 ms, fit 100 ms, label 40 ms, encode 30 ms, total 450 ms",
         [("start-up", 80.0), ("decode", 150.0), ("fit", 100.0), ("label", 40.0), ("encode", 30.0), ("total", 450.0)]),
        ("\x1b[2mtiming: fit 1.5 ms\x1b[0m", [("fit", 1.5)]),
        ("no timing here", None),
    ]:
        got = parse_timing(text)
        assert got == want, (text, got)

    with tempfile.TemporaryDirectory(prefix="peers-selftest.") as tmp:
        lab = rng.integers(0, 4, size=(20, 30), dtype=np.uint8)
        p = os.path.join(tmp, "l.png")
        Image.fromarray(lab, "L").save(p)
        got, m = read_labels_masked(p, (20, 30), 4)
        assert m is None and np.array_equal(got, lab.reshape(-1))
        la = np.stack([lab, np.where(lab == 3, 0, 255).astype(np.uint8)], axis=2)
        Image.fromarray(la, "LA").save(p)
        got, m = read_labels_masked(p, (20, 30), 4)
        assert np.array_equal(m, lab.reshape(-1) != 3) and np.array_equal(got[m], lab.reshape(-1)[m])

        img = os.path.join(tmp, "in.png")
        Image.fromarray(rgb, "RGB").save(img)
        dt, rss, out = run_seed_style(img, 4, 0, tmp, 120)
        got = labels_from_colours(out, 4)
        assert got is not None and got.shape[0] == rgb.shape[0] * rgb.shape[1], "seed-style output"
        print(f"seed-style program on 300x200: {dt:.2f} s, peak RSS {rss / 1024:.0f} MiB, "
              f"{int(got.max()) + 1} colours out")
        try:
            run_measured(["sh", "-c", "exit 3"], os.path.join(tmp, "fail.log"), 30)
            raise AssertionError("non-zero exit not reported")
        except RuntimeError as exc:
            assert "exit code 3" in str(exc), exc
    print(f"selftest OK: HSV max abs diff vs colorsys {err:.2e}; SSE {sse:.6f} == reference {ref_sse:.6f}; "
          "masked SSE, label PNGs (L, LA), timing parser, launcher, seed-style program")
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
    p = sp.add_parser("list-images")
    p.add_argument("dir")
    p.add_argument("--min-mp", type=float, default=8.0)
    p.add_argument("--max-mp", type=float, default=24.0)
    p.set_defaults(fn=cmd_list_images)
    p = sp.add_parser("make-mosaic")
    p.add_argument("dir")
    p.add_argument("out")
    p.add_argument("mp", type=float, help="at least this many megapixels")
    p.set_defaults(fn=cmd_make_mosaic)
    p = sp.add_parser("bench")
    p.add_argument("image", help="the original image file (every tool decodes it itself)")
    p.add_argument("--label", default=None)
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--sse-seeds", default="", help="PNG only: also score SSE (untimed) on these seeds, '0-29' or a "
                   "list; the SSE goal is then judged on their medians")
    p.add_argument("--bin", required=True, help="mlnetsegment binary or command line")
    p.add_argument("--workdir", required=True, help="where ours and the seed-style program write their outputs")
    p.add_argument("--tight", action="store_true", help="also OpenCV with tight criteria (300, 1e-4)")
    p.add_argument("--no-seed-style", dest="seed_style", action="store_false", help="skip the seed-style program")
    p.add_argument("--no-warmup", dest="warmup", action="store_false", help="no untimed warm-up run of ours")
    p.add_argument("--no-png-copy-sse", dest="png_copy_sse", action="store_false",
                   help="for a lossy input, skip the untimed runs of ours on a lossless copy of Pillow's decode")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per fresh process (default 900)")
    p.add_argument("--json", required=True, help="write the raw per-seed results here")
    p.set_defaults(fn=cmd_bench)
    p = sp.add_parser("report")
    p.add_argument("json", nargs="+", help="results written by bench")
    p.set_defaults(fn=cmd_report)
    p = sp.add_parser("measure")
    p.add_argument("--out", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--timeout", type=float, default=900.0)
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    p.set_defaults(fn=cmd_measure)
    sp.add_parser("selftest").set_defaults(fn=cmd_selftest)
    args = ap.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
