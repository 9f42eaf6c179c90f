#!/usr/bin/env python3
"""Data-driven end-to-end tests of the cae command line.

    run_cases.py --cae PATH_TO_CAE CASES_DIR [-k SUBSTRING] [--bless]

Each folder below CASES_DIR is one case:
  args             the command line after `cae`, one argument per line
  expected-exit    the exit code (default 0)
  expected-stdout  exact standard output (default: empty)
  expected-stderr  exact standard error (default: empty)
  stdin            what cae reads on standard input (default: stdin is closed)
  expected-files/  files the run must write: each must then exist, with the same content, at
                   the same path relative to the case folder
  uses-build       present when the documents name what meson built (plugin libraries) as
                   <build/...>: the copy the case runs in has `build` linking to --build
cae runs in the case folder, or in a temporary copy of it when the case expects files or uses
the build, so that runs never write into the source tree. In the outputs, that folder's absolute
path and its file: URL read as @CASE_DIR@ and @CASE_URL@, and the seconds of a failed run's
summary as @SECONDS@, so expectations depend neither on where the tree is checked out nor on
speed.
Prints one FAIL block per failing case, then "N passed, M failed".
--bless writes the actual outputs of the selected cases as their expectations (review the diff).
"""
import argparse
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
    return re.sub(r"run failed after \d+\.\d+ s", "run failed after @SECONDS@ s", text)


def difference(name, expected, actual):
    lines = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                 "expected-" + name, "actual " + name)
    return "".join(lines)


BUILD = None  # --build


def expected_files(case_dir):
    folder = case_dir / "expected-files"
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def run_cae(cae, case_dir):
    args = [line for line in read(case_dir / "args").splitlines() if line]
    stdin_path = case_dir / "stdin"
    # A regular file, as `cae run ... < file` gives it.
    with open(stdin_path if stdin_path.is_file() else "/dev/null", "rb") as stdin:
        return subprocess.run([cae] + args, cwd=case_dir, stdin=stdin,
                              capture_output=True, timeout=60)


def in_work_dir(case_dir, check):
    """Runs check(work_dir) in the case folder, or in a copy when the case writes files or
    uses the build."""
    uses_build = (case_dir / "uses-build").exists()
    if not expected_files(case_dir) and not uses_build:
        return check(case_dir)
    with tempfile.TemporaryDirectory(prefix="cae-case-") as temp:
        work_dir = pathlib.Path(temp).resolve() / case_dir.name
        shutil.copytree(case_dir, work_dir, ignore=shutil.ignore_patterns("expected-*"))
        if uses_build:
            if BUILD is None:
                raise SystemExit("case %s uses the build: pass --build" % case_dir.name)
            (work_dir / "build").symlink_to(BUILD, target_is_directory=True)
        return check(work_dir)


def file_problems(case_dir, work_dir):
    problems = []
    for name in expected_files(case_dir):
        expected = (case_dir / "expected-files" / name).read_bytes()
        path = work_dir / name
        if not path.is_file():
            problems.append("%s was not written" % name)
        elif path.read_bytes() != expected:
            problems.append(difference(str(name), expected.decode("utf-8", "replace"),
                                       path.read_text("utf-8", "replace")))
    return problems


def bless_case(cae, case_dir):
    in_work_dir(case_dir, lambda work_dir: bless_outputs(cae, case_dir, work_dir))


def bless_outputs(cae, case_dir, work_dir):
    proc = run_cae(cae, work_dir)
    for name in expected_files(case_dir):
        if (work_dir / name).is_file():
            shutil.copyfile(work_dir / name, case_dir / "expected-files" / name)
    for name, data in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        path = case_dir / ("expected-" + name)
        text = normalise(data.decode("utf-8", "replace"), work_dir)
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
    return in_work_dir(case_dir, lambda work_dir: check_case(cae, case_dir, work_dir))


def check_case(cae, case_dir, work_dir):
    proc = run_cae(cae, work_dir)
    problems = []
    want_exit = int(read(case_dir / "expected-exit", "0").strip())
    if proc.returncode != want_exit:
        problems.append("exit code %d, expected %d" % (proc.returncode, want_exit))
    for name, data in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        actual = normalise(data.decode("utf-8", "replace"), work_dir)
        expected = read(case_dir / ("expected-" + name))
        if actual != expected:
            problems.append(difference(name, expected, actual))
    return problems + file_problems(case_dir, work_dir)


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
