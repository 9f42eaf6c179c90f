// List fields and RDF collections (spec/arguments.md §2.2).
#include <doctest/doctest.h>

#include "fixture.hpp"

using cae::test::compact;
using cae::test::resolve_example;

namespace {

constexpr std::string_view shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:tag; sh:name "tags"; sh:datatype xsd:string ],
  [ sh:path ex:dft; sh:name "defaults"; sh:datatype xsd:string; sh:defaultValue ( "x" "y" ) ],
  [ sh:path ex:one; sh:name "one"; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path ex:node; sh:name "nodes"; sh:class ex:N ], [ sh:path ex:sn; sh:name "single"; sh:class ex:N; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:N; sh:property [ sh:path ex:x; sh:name "x"; sh:datatype xsd:integer; sh:maxCount 1 ].
)";

std::string with(std::string_view instance) {
  return std::string{shape} + std::string{instance};
}

}  // namespace

TEST_CASE("rdf:nil gives nothing, default lists are expanded, nested values may be listed") {
  const auto r = resolve_example(with(
      R"(<p> a ex:P; ex:tag (), "a", ( "b" ); ex:node ( [ ex:x 1 ] [ ex:x 2 ] ), [ ex:x 3 ].)"));
  CHECK(r.errors() == "");
  CHECK(
      r.arguments_text("file:///demo/p") ==
      compact(
          R"({"defaults": ["x", "y"], "nodes": [{"x": 1}, {"x": 2}, {"x": 3}], "tags": ["a", "b"]})"));
}

TEST_CASE("collections expand one level only") {
  const auto r = resolve_example(with(R"(<p> a ex:P; ex:tag ( "a" ( "b" ) ).)"));
  CHECK(r.errors() ==
        "demo/p.ttl:8:26: error: processor <p> (ex:P): argument 'tags[1]' (ex:tag): "
        "expected an xsd:string, found a blank node [bad-value]\n");
}

TEST_CASE("broken collections are bad-value at the value that heads them") {
  const auto r = resolve_example(with(R"(<a> a ex:P; ex:tag _:l1. _:l1 rdf:first "a".
<b> a ex:P; ex:tag _:m1. _:m1 rdf:first "a"; rdf:rest _:m2. _:m2 rdf:first "b"; rdf:rest _:m1.
<c> a ex:P; ex:tag _:n1. _:n1 rdf:first "a", "b"; rdf:rest rdf:nil.
<d> a ex:P; ex:tag _:o1. _:o1 rdf:first "a"; rdf:rest "end".)"));
  CHECK(r.errors() ==
        "demo/p.ttl:8:20: error: processor <a> (ex:P): argument 'tags' (ex:tag): broken RDF list: "
        "a list cell has no rdf:rest [bad-value]\n"
        "demo/p.ttl:9:20: error: processor <b> (ex:P): argument 'tags' (ex:tag): broken RDF list: "
        "a list loops back on itself [bad-value]\n"
        "demo/p.ttl:10:20: error: processor <c> (ex:P): argument 'tags' (ex:tag): broken RDF list: "
        "a list cell has 2 rdf:first values [bad-value]\n"
        "demo/p.ttl:11:20: error: processor <d> (ex:P): argument 'tags' (ex:tag): broken RDF list: "
        "a list ends in a literal instead of rdf:nil [bad-value]\n");
}

TEST_CASE("a scalar given a list, even an empty one, takes a single value") {
  const auto r = resolve_example(with(R"(<a> a ex:P; ex:one ().
<b> a ex:P; ex:sn ( [ ex:x 1 ] ).)"));
  CHECK(r.errors() ==
        "demo/p.ttl:8:20: error: processor <a> (ex:P): argument 'one' (ex:one): expected one "
        "literal, found an RDF list; this argument takes a single value [bad-value]\n"
        "demo/p.ttl:9:19: error: processor <b> (ex:P): argument 'single' (ex:sn): expected one "
        "node, found an RDF list; this argument takes a single value [bad-value]\n");
}
