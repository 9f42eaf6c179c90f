#!/usr/bin/env python3
"""Runs every example in pipelines/ with `cae run` and checks what it produced.

    run_examples.py --cae PATH_TO_CAE --pipelines DIR --expected DIR [--build DIR]

Each example runs in a scratch copy of the pipelines folder, so files it writes never land in
the source tree. Beside the copy, `build` links to the build folder (--build), so that examples
reach what meson built (plugins) as ../build/... exactly as from a checkout built in build/.
For pipelines/NAME.ttl the expected folder holds:

    NAME.stdout          exactly what the run prints (required: every example is checked)
    NAME.args            arguments of `cae run` before NAME.ttl, one a line (--plugin-dir ...)
    NAME.unordered       present when the order of stdout lines is not fixed (fan-in)
    NAME.files/PATH      each file the run must write, at PATH relative to the pipelines folder

The run must exit 0 and print no error. Prints one FAIL line per problem, then a summary.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

TIMEOUT_SECONDS = 120


def check_example(cae, pipeline, expected_dir, build):
    name = pipeline.stem
    expected_stdout = expected_dir / f"{name}.stdout"
    if not expected_stdout.exists():
        return [f"no {expected_stdout.name} in {expected_dir}: every example must be checked"]
    with tempfile.TemporaryDirectory() as scratch:
        work = pathlib.Path(scratch) / "pipelines"
        shutil.copytree(pipeline.parent, work, ignore=shutil.ignore_patterns("out"))
        if build:
            (work.parent / "build").symlink_to(build, target_is_directory=True)
        args_file = expected_dir / f"{name}.args"
        args = args_file.read_text().splitlines() if args_file.exists() else []
        run = subprocess.run([cae, "run", *filter(None, args), pipeline.name], cwd=work,
                             capture_output=True, timeout=TIMEOUT_SECONDS)
        problems = []
        if run.returncode != 0:
            problems.append(f"exit {run.returncode}; stderr:\n{run.stderr.decode(errors='replace')}")
        if b"error:" in run.stderr:
            problems.append(f"stderr has an error:\n{run.stderr.decode(errors='replace')}")
        problems += compare_stdout(run.stdout, expected_stdout,
                                   (expected_dir / f"{name}.unordered").exists())
        problems += compare_files(expected_dir / f"{name}.files", work)
        return problems


def compare_stdout(actual, expected_path, unordered):
    expected = expected_path.read_bytes()
    if unordered:
        same = sorted(actual.splitlines()) == sorted(expected.splitlines())
    else:
        same = actual == expected
    if same:
        return []
    return [f"stdout differs from {expected_path.name}:\n--- expected\n"
            f"{expected.decode(errors='replace')}--- actual\n{actual.decode(errors='replace')}"]


def compare_files(expected_root, work):
    if not expected_root.is_dir():
        return []
    problems = []
    for expected in sorted(p for p in expected_root.rglob("*") if p.is_file()):
        relative = expected.relative_to(expected_root)
        actual = work / relative
        if not actual.exists():
            problems.append(f"the run did not write {relative}")
        elif actual.read_bytes() != expected.read_bytes():
            problems.append(f"{relative} differs from {expected}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cae", required=True)
    parser.add_argument("--pipelines", required=True, type=pathlib.Path)
    parser.add_argument("--expected", required=True, type=pathlib.Path)
    parser.add_argument("--build", type=pathlib.Path)
    options = parser.parse_args()
    cae = str(pathlib.Path(options.cae).resolve())
    examples = sorted(options.pipelines.glob("*.ttl"))
    failed = 0
    for pipeline in examples:
        build = options.build.resolve() if options.build else None
        problems = check_example(cae, pipeline, options.expected, build)
        for problem in problems:
            print(f"FAIL {pipeline.name}: {problem}")
        failed += bool(problems)
    print(f"{len(examples)} examples, {failed} failed")
    return 1 if failed or not examples else 0


if __name__ == "__main__":
    sys.exit(main())
