#!/usr/bin/env python3
"""Runs every command that reads a pipeline on every pipeline we have, and checks the exit code.

    all_commands.py --cae PATH_TO_CAE [--conformance DIR] [--pipelines DIR [--build DIR]]

Pipelines: the conformance cases (NAME.ttl with NAME.expected.json is valid, with
NAME.expected-error.txt invalid; run in the corpus folder with its CAE_TEST_* environment) and
every pipelines/*.ttl (all valid). Commands that resolve the pipeline (check, inspect, validate,
graph) must exit 0 on a valid one and 2 on an invalid one; those that only load it (query,
processors, describe of each class it declares) may also exit 0 on an invalid one, since a
resolution error does not stop them. With --build, the pipelines run in a scratch copy beside a
`build` link to the build folder, as tests/pipelines/run_examples.py runs them. Anything else (a crash, a signal, exit 1, a timeout) fails.
Prints one FAIL line per failure, then "N runs, M failed"; exits 77 (skipped) when there was
nothing to run.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

RESOLVING = [["check", "-q"], ["inspect"], ["inspect", "--json"], ["validate"],
             ["validate", "--format", "json"], ["graph"], ["graph", "--format", "dot"]]
LOADING = [["query", "--format", "tsv"], ["processors"]]
QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5"

# The environment of the conformance checker (conformance/README.md).
CONFORMANCE_ENV = {
    "CAE_TEST_STRING": "from-env", "CAE_TEST_INT": "8080", "CAE_TEST_DOUBLE": "2.5",
    "CAE_TEST_BOOL": "false", "CAE_TEST_IRI": "http://example.org/from-env",
    "CAE_TEST_WORD": "eight", "CAE_TEST_EMPTY": "",
}


class Runner:
    def __init__(self, cae):
        self.cae = cae
        self.runs = 0
        self.failures = []

    def run(self, args, cwd, env, allowed):
        self.runs += 1
        try:
            proc = subprocess.run([self.cae] + args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=30)
        except subprocess.TimeoutExpired:
            self.failures.append("%s (in %s): timed out" % (" ".join(args), cwd))
            return None
        if proc.returncode not in allowed:
            self.failures.append("%s (in %s): exit %d, expected %s\n%s" % (
                " ".join(args), cwd, proc.returncode, " or ".join(map(str, sorted(allowed))),
                proc.stderr.decode("utf-8", "replace")[-2000:]))
        return proc

    def pipeline(self, path, valid, env):
        cwd, name = path.parent, path.name
        resolving = {0} if valid else {2}
        loading = {0} if valid else {0, 2}
        for command in RESOLVING:
            self.run(command + [name], cwd, env, resolving)
        for command in LOADING:
            extra = [QUERY] if command[0] == "query" else []
            self.run(command + [name] + extra, cwd, env, loading)
        listing = self.run(["processors", "--names", name], cwd, env, loading)
        if listing is not None and listing.returncode == 0:
            for cls in listing.stdout.decode("utf-8").split():
                self.run(["describe", cls, name], cwd, env, {0})


def conformance_cases(corpus):
    for ttl in sorted(corpus.glob("*.ttl")):
        if (corpus / (ttl.stem + ".expected.json")).exists():
            yield ttl, True
        elif (corpus / (ttl.stem + ".expected-error.txt")).exists():
            yield ttl, False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cae", required=True)
    parser.add_argument("--conformance", type=pathlib.Path)
    parser.add_argument("--pipelines", type=pathlib.Path)
    parser.add_argument("--build", type=pathlib.Path)
    options = parser.parse_args()
    runner = Runner(str(pathlib.Path(options.cae).resolve()))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("CAE_TEST_")}
    if options.conformance and options.conformance.is_dir():
        env = dict(base_env, **CONFORMANCE_ENV)
        for ttl, valid in conformance_cases(options.conformance.resolve()):
            runner.pipeline(ttl, valid, env)
    if options.pipelines and options.pipelines.is_dir():
        with tempfile.TemporaryDirectory() as scratch:
            pipelines = options.pipelines.resolve()
            if options.build:
                pipelines = shutil.copytree(pipelines, pathlib.Path(scratch) / "pipelines")
                (pipelines.parent / "build").symlink_to(options.build.resolve())
            for ttl in sorted(pipelines.glob("*.ttl")):
                runner.pipeline(ttl, True, base_env)
    for failure in runner.failures:
        print("FAIL " + failure)
    print("%d runs, %d failed" % (runner.runs, len(runner.failures)))
    if runner.runs == 0:
        return 77  # nothing to run (no corpus, no example): meson counts the test as skipped
    return 1 if runner.failures else 0


if __name__ == "__main__":
    sys.exit(main())
