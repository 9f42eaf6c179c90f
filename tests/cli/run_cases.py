#!/usr/bin/env python3
"""Data-driven end-to-end tests of the cae command line.

    run_cases.py --cae PATH_TO_CAE CASES_DIR [-k SUBSTRING] [--bless]

Each folder below CASES_DIR is one case:
  args             the command line after `cae`, one argument per line
  expected-exit    the exit code (default 0)
  expected-stdout  exact standard output (default: empty)
  expected-stderr  exact standard error (default: empty)
cae runs in the case folder with stdin closed. In the outputs, the case folder's absolute path
and its file: URL read as @CASE_DIR@ and @CASE_URL@, so expectations do not depend on where the
tree is checked out; a failed run's duration reads as @SECONDS@. A case with a file `uses-build` runs in a scratch copy of its folder in
which `build` links to the build folder (--build), so that its documents can name what meson
built (plugin libraries) as <build/...>. Prints one FAIL block per failing case, then
"N passed, M failed".
--bless writes the actual outputs of the selected cases as their expectations (review the diff).
"""
import argparse
import contextlib
import difflib
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile


def read(path, default=""):
    return path.read_text(encoding="utf-8") if path.is_file() else default


def normalise(text, case_dir):
    url = case_dir.as_uri()
    text = text.replace(url, "@CASE_URL@").replace(str(case_dir), "@CASE_DIR@")
    return re.sub(r"run failed after [0-9.]+ s", "run failed after @SECONDS@ s", text)


def difference(name, expected, actual):
    lines = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                 "expected-" + name, "actual " + name)
    return "".join(lines)


BUILD = None  # --build


@contextlib.contextmanager
def where_to_run(case_dir):
    if not (case_dir / "uses-build").exists():
        yield case_dir
        return
    with tempfile.TemporaryDirectory() as scratch:
        work = pathlib.Path(scratch) / case_dir.name
        shutil.copytree(case_dir, work)
        (work / "build").symlink_to(BUILD, target_is_directory=True)
        yield work


def run_cae(cae, case_dir):
    args = [line for line in read(case_dir / "args").splitlines() if line]
    with where_to_run(case_dir) as work:
        proc = subprocess.run([cae] + args, cwd=work, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60)
        proc.stdout = normalise(proc.stdout.decode("utf-8", "replace"), work)
        proc.stderr = normalise(proc.stderr.decode("utf-8", "replace"), work)
        return proc


def bless_case(cae, case_dir):
    proc = run_cae(cae, case_dir)
    for name, data in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        path = case_dir / ("expected-" + name)
        text = data
        if text:
            path.write_text(text, encoding="utf-8")
        elif path.exists():
            path.unlink()
    exit_path = case_dir / "expected-exit"
    if proc.returncode:
        exit_path.write_text("%d\n" % proc.returncode)
    elif exit_path.exists():
        exit_path.unlink()


def run_case(cae, case_dir):
    proc = run_cae(cae, case_dir)
    problems = []
    want_exit = int(read(case_dir / "expected-exit", "0").strip())
    if proc.returncode != want_exit:
        problems.append("exit code %d, expected %d" % (proc.returncode, want_exit))
    for name, data in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        actual = data
        expected = read(case_dir / ("expected-" + name))
        if actual != expected:
            problems.append(difference(name, expected, actual))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cae", required=True)
    parser.add_argument("cases")
    parser.add_argument("-k", dest="pattern")
    parser.add_argument("--bless", action="store_true")
    parser.add_argument("--build", type=pathlib.Path)
    options = parser.parse_args()
    global BUILD
    BUILD = options.build.resolve() if options.build else None
    cae = str(pathlib.Path(options.cae).resolve())
    cases = sorted(p for p in pathlib.Path(options.cases).resolve().iterdir() if p.is_dir())
    if options.pattern:
        cases = [c for c in cases if options.pattern in c.name]
    if options.bless:
        for case_dir in cases:
            bless_case(cae, case_dir)
        return 0
    failed = 0
    for case_dir in cases:
        problems = run_case(cae, case_dir)
        if problems:
            failed += 1
            print("FAIL %s:\n%s" % (case_dir.name, "\n".join(problems)))
    print("%d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
