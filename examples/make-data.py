"""Makes the example data files; run from this folder: python3 make-data.py

The numbers are generated, not measured: points on a known line with
noise added, so that a fit can be checked against the line they came from.

  points.csv       20 rows: x = 0, 0.5, ..., 9.5 and y = 2x + 1 + noise (sd 0.5)
  noisy-line.csv  200 rows: x uniform in [-3, 3] and y = 3x + 2 + noise (sd 1),
                  enough rows for mini-batch (stochastic) descent
"""
import random

random.seed(7)
with open("points.csv", "w") as f:
    f.write("x,y\n")
    for i in range(20):
        x = i * 0.5
        f.write(f"{x:g},{2 * x + 1 + random.gauss(0, 0.5):.3f}\n")

with open("noisy-line.csv", "w") as f:
    f.write("x,y\n")
    for _ in range(200):
        x = random.uniform(-3, 3)
        f.write(f"{x:.4f},{3 * x + 2 + random.gauss(0, 1):.4f}\n")
