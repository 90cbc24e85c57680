#!/usr/bin/python3
"""The "seed-style program": what a user writes from the OpenCV K-means tutorial to posterise a photo in HSV.

    seed_style.py IN OUT.png [K] [SEED]

cv2.imread (BGR, alpha dropped) -> cv2.cvtColor(COLOR_BGR2HSV) (the 8-bit default: H 0..179, S and V 0..255, not
HSV_FULL) -> float32 rows reshape(-1, 3) -> cv2.kmeans(K, criteria (EPS+MAX_ITER, 10, 1.0), 1 attempt,
KMEANS_PP_CENTERS) -> every pixel replaced by its centre, centres[labels] -> cv2.cvtColor(COLOR_HSV2BGR) ->
cv2.imwrite PNG. compare.sh times this whole process from outside (wall clock, peak RSS). K defaults to 10; SEED,
when given, goes to cv2.setRNGSeed so that the runs repeat (the only line a naive program would not have).
Nothing else is added: no threading or memory tuning, no timing inside.
"""
import sys

import cv2
import numpy as np


def main(argv):
    if len(argv) not in (3, 4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = argv[1], argv[2]
    k = int(argv[3]) if len(argv) > 3 else 10
    if len(argv) > 4:
        cv2.setRNGSeed(int(argv[4]))

    img = cv2.imread(src)
    if img is None:
        print(f"error: cannot read {src}", file=sys.stderr)
        return 1
    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)
    Z = np.float32(hsv.reshape((-1, 3)))

    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    _compactness, label, center = cv2.kmeans(Z, k, None, criteria, 1, cv2.KMEANS_PP_CENTERS)

    center = np.uint8(center)
    res = center[label.flatten()]
    res2 = res.reshape(hsv.shape)
    out = cv2.cvtColor(res2, cv2.COLOR_HSV2BGR)
    if not cv2.imwrite(dst, out):
        print(f"error: cannot write {dst}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
