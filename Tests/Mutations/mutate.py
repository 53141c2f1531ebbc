#!/usr/bin/env python3
"""Mutation testing: does the suite catch a real bug?

`make mutate` runs this. Each file beside it (one per module) lists small
deliberate bugs, each breaking one rule that SPEC.md or the code fixes:

    name: the inner loop stops when the gradient's length is below tol
    file: Sources/Descent/Optimizer.swift
    tests: DescentTests
    from: } else if norm < tolerance {
    to: } else if false {

`from` is one whole line (spaces around it do not count) that occurs exactly
once in the file; `to` replaces it, keeping its indentation. Each mutation
is applied to a scratch copy of the tree (.build-mutate/tree, so that its
build is incremental from one run to the next), the copy is built, the test
target named by `tests` is run, and the line is put back. A mutation the
tests fail on is killed; one they pass with survived, and the run exits 1.
Every mutation must be killed: a survivor is a rule no test holds.

It is written in Python, not Swift, because it drives builds of the Swift
package from outside and needs nothing but the standard library.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
LISTS = pathlib.Path(__file__).resolve().parent
SCRATCH = ROOT / ".build-mutate" / "tree"
KEYS = ("name", "file", "tests", "from", "to")


class Mutation:
    def __init__(self, fields, origin):
        self.name, self.file, self.tests = fields["name"], fields["file"], fields["tests"]
        self.before, self.after = fields["from"], fields["to"]
        self.origin = origin


def read_lists(only):
    mutations = []
    for path in sorted(LISTS.glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        for number, block in enumerate(blocks, 1):
            lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
            if not lines:
                continue
            fields = {}
            for line in lines:
                key, _, value = line.partition(":")
                fields[key.strip()] = value.strip()
            missing = [key for key in KEYS if key not in fields]
            if missing:
                sys.exit(f"{path.name}, block {number}: missing {', '.join(missing)}")
            mutation = Mutation(fields, f"{path.name}")
            text = (mutation.name + " " + mutation.origin).lower()
            if not only or any(part.lower() in text for part in only):
                mutations.append(mutation)
    return mutations


def sync_tree():
    """Copies the tracked and new files into the scratch tree, touching only
    those that differ, so that the scratch build stays incremental."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    wanted = {name for name in listed if name and (ROOT / name).is_file()}
    for name in wanted:
        source, target = ROOT / name, SCRATCH / name
        data = source.read_bytes()
        if not target.exists() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for folder in ("Sources", "Tests", "Fuzz"):
        for path in (SCRATCH / folder).rglob("*"):
            if path.is_file() and str(path.relative_to(SCRATCH)) not in wanted:
                path.unlink()


def run(command, timeout):
    try:
        result = subprocess.run(command, cwd=SCRATCH, capture_output=True, text=True, timeout=timeout)
        return result.returncode, result.stdout + result.stderr
    except subprocess.TimeoutExpired:
        return None, "timed out"


def build():
    return run(["swift", "build", "--build-tests"], timeout=1800)


def test(target):
    return run(["swift", "test", "--skip-build", "--filter", target, "--skip", "SoakTests"], timeout=900)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append",
                        help="run only the mutations whose name or list contains this text (repeat for several)")
    parser.add_argument("--check", action="store_true",
                        help="only check that each listed line occurs once in its file (no build)")
    options = parser.parse_args()
    mutations = read_lists(options.only)
    if not mutations:
        sys.exit("no mutations to run")
    if options.check:
        stale = [m for m in mutations if not (ROOT / m.file).is_file()
                 or [line.strip() for line in (ROOT / m.file).read_text(encoding="utf-8").split("\n")].count(m.before) != 1]
        for m in stale:
            print(f"  stale: {m.name} ({m.origin}, {m.file}): {m.before}")
        print(f"mutate: {len(mutations) - len(stale)} of {len(mutations)} listed lines found once in their files")
        return 1 if stale else 0
    SCRATCH.mkdir(parents=True, exist_ok=True)
    sync_tree()

    print(f"mutate: building a scratch copy of the tree in {SCRATCH.relative_to(ROOT)}", flush=True)
    status, output = build()
    if status != 0:
        sys.exit("mutate: the unchanged tree does not build:\n" + output[-3000:])
    # Tests that already fail would kill every mutation: the targets must pass first.
    for target in sorted({mutation.tests for mutation in mutations}):
        status, output = test(target)
        if status != 0:
            sys.exit(f"mutate: {target} fails without any mutation; fix that first:\n" + output[-3000:])

    results = []
    started = time.time()
    for index, mutation in enumerate(mutations, 1):
        path = SCRATCH / mutation.file
        original = path.read_text(encoding="utf-8")
        lines = original.split("\n")
        matches = [i for i, line in enumerate(lines) if line.strip() == mutation.before]
        label = f"[{index}/{len(mutations)}] {mutation.name}"
        if len(matches) != 1:
            results.append((mutation, "stale"))
            print(f"{label}: STALE, the line occurs {len(matches)} times in {mutation.file}", flush=True)
            continue
        line = lines[matches[0]]
        lines[matches[0]] = line[: len(line) - len(line.lstrip())] + mutation.after
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            status, output = build()
            if status != 0:
                verdict = "does not compile"
            else:
                status, output = test(mutation.tests)
                verdict = "killed" if status != 0 else "SURVIVED"
        finally:
            path.write_text(original, encoding="utf-8")
        results.append((mutation, verdict))
        print(f"{label}: {verdict}", flush=True)

    survived = [m for m, verdict in results if verdict in ("SURVIVED", "stale", "does not compile")]
    killed = sum(1 for _, verdict in results if verdict == "killed")
    minutes = (time.time() - started) / 60
    print(f"mutate: {killed} of {len(results)} mutations killed in {minutes:.0f} min")
    for mutation, verdict in results:
        if verdict != "killed":
            print(f"  {verdict}: {mutation.name} ({mutation.origin}, {mutation.file})")
    # Leave the scratch tree built as the source is, for the next run.
    build()
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
