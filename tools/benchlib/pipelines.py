"""Pipeline documents for the benchmark workloads, written as Turtle into a scratch folder.

The shapes mirror the peer kit's Generate → Pass × d → Sink pipelines: cae:Generate writes n
messages of one size, d cae:Pass stages forward them, and cae:Count with timing is the sink; its
totals (messages, bytes, first_ns, last_ns) reach standard output through cae:Print.
"""

PREFIXES = """@prefix rdfc: <https://w3id.org/rdf-connect#> .
@prefix cae:  <https://w3id.org/cae#> .
"""


def _document(processors, body):
    names = ", ".join(f"<{p}>" for p in processors)
    return (PREFIXES + "\n<> a rdfc:Pipeline ;\n"
            f"  rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ; rdfc:processor {names} ] .\n\n"
            + body)


def chain(count, size, depth):
    """Generate (count × size bytes) → Pass × depth → Count with timing → Print."""
    lines = [f"<generate> a cae:Generate ; cae:count {count} ; cae:size {size} ; "
             "cae:output <c0> ."]
    processors = ["generate"]
    for stage in range(1, depth + 1):
        lines.append(f"<pass{stage}> a cae:Pass ; cae:input <c{stage - 1}> ; "
                     f"cae:output <c{stage}> .")
        processors.append(f"pass{stage}")
    lines.append(f"<sink> a cae:Count ; cae:input <c{depth}> ; cae:timing true ; "
                 f"cae:expect {count} ; cae:output <totals> .")
    lines.append("<print> a cae:Print ; cae:input <totals> .")
    processors += ["sink", "print"]
    return _document(processors, "\n".join(lines) + "\n")


def slow_consumer(source):
    """ReadFile streams `source` in 1 MiB chunks to Print, whose standard output the benchmark
    reads slowly: each chunk is a fresh buffer, so only backpressure keeps memory bounded."""
    body = f"""<read> a cae:ReadFile ; cae:path "{source}" ; cae:mode "stream" ;
  cae:chunkSize 1048576 ; cae:output <bytes> .
<print> a cae:Print ; cae:input <bytes> .
"""
    return _document(["read", "print"], body)


def long_chain(processors):
    """A pipeline of `processors` processors (Generate, Pass × (n − 2), Count), each with its
    arguments: the size at which `cae check` must stay under a second."""
    lines = ["<p0> a cae:Generate ; cae:count 10 ; cae:size 100 ; cae:output <c0> ."]
    for index in range(1, processors - 1):
        lines.append(f"<p{index}> a cae:Pass ; cae:input <c{index - 1}> ; "
                     f"cae:output <c{index}> .")
    last = processors - 1
    lines.append(f"<p{last}> a cae:Count ; cae:input <c{last - 1}> ; cae:expect 10 .")
    return _document([f"p{i}" for i in range(processors)], "\n".join(lines) + "\n")
