#!/usr/bin/python3
"""Clustering error of mlnetsegment's fit settings against scikit-learn, over a folder of photos.

For every photo (re-saved as a lossless PNG so both tools see the same pixels): scikit-learn KMeans(K, n_init=1)
on every pixel, median SSE over the seeds; then `mlnetsegment segment` with each setting given as
SAMPLE:RESTARTS:ITERATIONS, median SSE over the same seeds. SSE is per pixel in the clustered features
((H/360, S, V) by default as in compare.sh; (S cos H, S sin H, V) with --color-space hsv) with every cluster at the
mean of its pixels. Prints one line per photo and a summary per setting: on how many photos
the setting's error is at or below scikit-learn's median, and the mean / median / worst ratio to it.

This is how the README's "Defaults, and why" figures were measured:

  tests/MlNetSegment.Benchmarks/peers/defaults-study.py --bin artifacts/cli/mlnetsegment \\
      --settings 50000:2:100,16000:6:50 ../shared/data/bsds/images ../shared/data/samples

Needs python3-sklearn, python3-numpy, python3-pil (compare.sh installs them).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def features(rgb, space):
    """The features the CLI clusters in that space, as float32 rows."""
    import numpy as np
    X = peers.hsv_features(rgb)
    if space == "hsv-linear":
        return X
    angle = X[:, 0].astype(np.float64) * 2 * np.pi
    s = X[:, 1].astype(np.float64)
    return np.stack([s * np.cos(angle), s * np.sin(angle), X[:, 2]], axis=1).astype(np.float32)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", help="folders of .png/.jpg photos")
    ap.add_argument("--bin", required=True, help="the mlnetsegment binary")
    ap.add_argument("--settings", default="16000:6:50", help="comma-separated SAMPLE:RESTARTS:ITERATIONS")
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--color-space", default="hsv-linear", choices=["hsv-linear", "hsv"],
                    help="hsv-linear: (H/360, S, V), the peers' features (default); hsv: (S cos H, S sin H, V), "
                         "the CLI's default space")
    args = ap.parse_args()
    import numpy as np
    from PIL import Image

    settings = [tuple(s.split(":")) for s in args.settings.split(",")]
    for setting in settings:
        if len(setting) != 3 or not all(part.isdigit() for part in setting):
            ap.error(f"--settings takes SAMPLE:RESTARTS:ITERATIONS triples, got '{':'.join(setting)}'")
    seeds = [int(s) for s in args.seeds.split(",")]
    photos = [os.path.join(d, f) for d in args.folders for f in sorted(os.listdir(d))
              if f.lower().endswith((".png", ".jpg", ".jpeg"))]
    ratios = {s: [] for s in settings}
    with tempfile.TemporaryDirectory(prefix="defaults-study.") as work:
        for photo in photos:
            png = os.path.join(work, "input.png")
            Image.fromarray(peers.load_rgb(photo)).save(png)
            rgb = peers.load_rgb(png)
            X = features(rgb, args.color_space)
            sk = statistics.median(peers.sse_from_labels(X, peers.run_sklearn(X, args.k, s)[1], args.k)[0] for s in seeds)
            line = f"{os.path.basename(photo)}: scikit-learn {sk:.1f}"
            for setting in settings:
                sample, restarts, iterations = setting
                sses = []
                for seed in seeds:
                    labels = os.path.join(work, "labels.png")
                    run = subprocess.run([args.bin, "segment", png, "-k", str(args.k), "--color-space", args.color_space,
                                          "--seed", str(seed), "--sample-pixels", sample, "--restarts", restarts,
                                          "--max-iterations", iterations, "-o", os.path.join(work, "out.png"),
                                          "--labels", labels, "--force"], capture_output=True, text=True)
                    if run.returncode != 0:
                        sys.exit(f"error: {photo}, setting {':'.join(setting)}, seed {seed}: mlnetsegment exited "
                                 f"{run.returncode}: {run.stderr.strip()}")
                    sses.append(peers.sse_from_labels(X, peers.read_labels(labels, rgb.shape[:2], args.k), args.k)[0])
                ratio = statistics.median(sses) / sk
                ratios[setting].append(ratio)
                line += f" | {':'.join(setting)} {statistics.median(sses):.1f} ({ratio:.3f})"
            print(line, flush=True)
    print()
    print("| setting (sample:restarts:iterations) | photos at or below scikit-learn's median | mean ratio | median ratio | worst ratio |")
    print("|---|---:|---:|---:|---:|")
    for setting in settings:
        r = ratios[setting]
        print(f"| {':'.join(setting)} | {sum(x <= 1.0 for x in r)}/{len(r)} | {np.mean(r):.4f} | {np.median(r):.4f} | {max(r):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
