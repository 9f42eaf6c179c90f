#!/bin/sh
# Loads, checks and runs a pipeline that imports the RDF-Connect ontology by its web IRI inside a
# network namespace with no network at all (unshare -n; as root, or through a user namespace).
# Skipped (77) where namespaces are not allowed.
#   run_offline.sh CAE PIPELINE
set -eu
cae=$1
pipeline=$2
if unshare -n true 2>/dev/null; then
  isolate="unshare -n"
elif unshare -rn true 2>/dev/null; then
  isolate="unshare -rn"
else
  echo "skipped: this machine does not allow network namespaces"
  exit 77
fi
# The namespace really has no network: not even name resolution works.
if $isolate getent hosts w3id.org >/dev/null 2>&1; then
  echo "FAIL: the namespace still resolves names"
  exit 1
fi
$isolate "$cae" check "$pipeline"
out=$($isolate "$cae" run "$pipeline")
if [ "$out" != "offline" ]; then
  echo "FAIL: cae run printed '$out', expected 'offline'"
  exit 1
fi
echo "check and run passed without network"
