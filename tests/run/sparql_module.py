#!/usr/bin/env python3
"""The SPARQL engine is a module `cae` loads only for the commands that run queries
(src/query/engine.hpp): `cae` itself does not link Rasqal, a run never opens the module, and a
module that cannot be loaded is a runtime error that names its path.

    sparql_module.py --cae PATH_TO_CAE
"""
import pathlib
import shutil
import subprocess
import sys

from cae_process import PATIENCE, pipeline, run_tests

ASK = "ASK { ?s ?p ?o }"


def cae_beside_broken_module(cae, folder):
    """A copy of `cae` in `folder` with a file that is no library where it looks for the module
    first; returns the copy and the module's path."""
    copy = pathlib.Path(folder) / "cae"
    shutil.copy(cae, copy)
    module = pathlib.Path(folder) / "cae-sparql.so"
    module.write_text("not a library\n")
    return str(copy), str(module)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, timeout=PATIENCE, check=False)


def test_cae_does_not_link_rasqal(cae, _folder):
    libraries = run("ldd", cae).stdout
    assert "libcurl" not in libraries and "libraptor2" not in libraries, libraries
    assert "librasqal" not in libraries, libraries


def test_queries_run_with_the_module(cae, folder):
    done = run(cae, "query", str(pipeline(folder, "p.ttl", "a cae:Emit")), ASK)
    assert done.returncode == 0 and done.stdout == "yes\n", done


def test_a_broken_module_is_a_runtime_error_naming_it(cae, folder):
    copy, module = cae_beside_broken_module(cae, folder)
    done = run(copy, "query", str(pipeline(folder, "p.ttl", "a cae:Emit")), ASK)
    assert done.returncode == 1, done
    expected = "cannot load the SPARQL engine module %s: " % module
    assert expected in done.stderr and "[runtime]" in done.stderr, done.stderr


def test_a_run_never_loads_the_module(cae, folder):
    copy, _module = cae_beside_broken_module(cae, folder)
    done = run(copy, "run", str(pipeline(folder, "p.ttl", 'a cae:Emit ; cae:text "hi"')))
    assert done.returncode == 0 and done.stdout == "hi\n", done


if __name__ == "__main__":
    sys.exit(run_tests([test_cae_does_not_link_rasqal, test_queries_run_with_the_module,
                        test_a_broken_module_is_a_runtime_error_naming_it,
                        test_a_run_never_loads_the_module], sys.argv[1:]))
