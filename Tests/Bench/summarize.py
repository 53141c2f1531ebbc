"""Runs the benchmark five times and reports each measure as the range of
its five runs, with its goal, and the instructions a descent step and a
native step take as callgrind counts them (steady however busy the machine).

Usage: python3 Tests/Bench/summarize.py [--runs 5] [--filter TEXT]
Exit status 1 when a goal was missed in any run."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "descent-bench")
DESCENT = os.path.join(ROOT, ".build", "release", "descent")


def instructions(command):
    """The instructions callgrind counts for a command, or None without valgrind."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        try:
            result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + command,
                                    capture_output=True, text=True)
        except FileNotFoundError:
            return None
        match = re.search(r"Collected : (\d+)", result.stderr)
        return int(match.group(1)) if match else None


def per_step_instructions():
    """Instructions a step: the difference between runs of 400,000 and 200,000 steps, over 200,000."""
    def descent(steps):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as script:
            script.write("rosenbrock(x, y) = (1 - x)^2 + 100(y - x^2)^2\n"
                         f"r = descend(rosenbrock, from: (-1.2, 1), step: 0.001, tol: 0, max: {steps})\n")
        try:
            return instructions([DESCENT, script.name])
        finally:
            os.unlink(script.name)
    counts = {}
    for name, run in (("descend", descent), ("native", lambda n: instructions([BENCH, "--native-loop", str(n)]))):
        low, high = run(200_000), run(400_000)
        counts[name] = None if low is None or high is None else (high - low) / 200_000
    return counts


def first_answer_instructions():
    """Instructions of a script's first answer (f(x) = x^2 + 2, f(3)): the installed (static) binary, and bc."""
    static = os.path.join(ROOT, ".build-static", "release", "descent")
    binary = static if os.path.exists(static) else DESCENT
    with tempfile.TemporaryDirectory() as folder:
        script, bc_script = os.path.join(folder, "first.txt"), os.path.join(folder, "first.bc")
        with open(script, "w") as f:
            f.write("f(x) = x^2 + 2\nf(3)\n")
        with open(bc_script, "w") as f:
            f.write("define f(x) { return x^2 + 2 }\nf(3)\n")
        bc = next((p for p in ("/usr/bin/bc", "/bin/bc") if os.path.exists(p)), None)
        return instructions([binary, script]), instructions([bc, "-q", bc_script]) if bc else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--filter")
    options = parser.parse_args()
    results = {}
    for run in range(1, options.runs + 1):
        print(f"bench: run {run} of {options.runs}", flush=True)
        output = subprocess.run([BENCH] + ([options.filter] if options.filter else []), capture_output=True, text=True).stdout
        if run == 1:
            print("\n".join(line for line in output.splitlines() if not line.startswith("RESULT")))
        for line in output.splitlines():
            if line.startswith("RESULT "):
                _, key, value, verdict, goal = line.split(" ", 4)
                entry = results.setdefault(key, {"values": [], "verdicts": [], "goal": goal})
                entry["values"].append(float(value))
                entry["verdicts"].append(verdict)
    print(f"\nranges over {options.runs} runs:")
    missed = False
    for key, entry in results.items():
        values = entry["values"]
        met = entry["verdicts"].count("met")
        if entry["verdicts"][0] == "info":
            print(f"  {key:22} {min(values):9.3f} – {max(values):9.3f} {entry['goal']}")
            continue
        missed |= met < len(values)
        print(f"  {key:22} {min(values):9.3f} – {max(values):9.3f}   goal {entry['goal']}: met in {met} of {len(values)}")
    counts = per_step_instructions()
    if counts.get("descend") and counts.get("native"):
        print(f"\ninstructions a step (callgrind): descend {counts['descend']:.0f}, the native loop {counts['native']:.0f}, "
              f"{counts['descend'] / counts['native']:.2f}x")
    else:
        print("\ninstructions a step: valgrind is not installed here (apt-get install valgrind)")
    descent, bc = first_answer_instructions()
    if descent and bc:
        print(f"instructions of the first answer (callgrind): descent {descent / 1e6:.1f} million, bc {bc / 1e6:.1f} million")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
