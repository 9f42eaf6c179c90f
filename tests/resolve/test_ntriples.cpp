// Canonical N-Triples for rdfl:CBD, rdfl:Path and rdfl:Context values (spec/arguments.md §3).
#include <doctest/doctest.h>

#include "fixture.hpp"

using cae::test::compact;
using cae::test::resolve_example;

namespace {

constexpr std::string_view shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:cbd; sh:name "cbd"; sh:class rdfl:CBD; sh:maxCount 1 ],
  [ sh:path ex:path; sh:name "path"; sh:class rdfl:PathLens; sh:maxCount 1 ],
  [ sh:path ex:all; sh:name "all"; sh:class rdfl:Context; sh:maxCount 1 ].
)";

std::string ntriples(const cae::test::Resolution& r, const char* field) {
  return r.arguments("file:///demo/p")[field]["ntriples"].get<std::string>();
}

}  // namespace

TEST_CASE("literals and IRIs are escaped as canonical N-Triples requires") {
  const auto r = resolve_example(
      std::string{shape} +
      "<p> a ex:P; ex:cbd ex:v. ex:v ex:s \"q\\\"b\\\\n\\n\\t\\r\\u0001\\u007F é\"; "
      "ex:l \"hi\"@en-GB; ex:i <http://ex.org/a%20b>; ex:t \"x\"^^xsd:string.");
  CHECK(r.errors() == "");
  CHECK(ntriples(r, "cbd") ==
        "<http://ex.org/v> <http://ex.org/i> <http://ex.org/a%20b> .\n"
        "<http://ex.org/v> <http://ex.org/l> \"hi\"@en-GB .\n"
        "<http://ex.org/v> <http://ex.org/s> \"q\\\"b\\\\n\\n\\t\\r\\u0001\\u007F é\" .\n"
        "<http://ex.org/v> <http://ex.org/t> \"x\" .\n");
}

TEST_CASE("a CBD follows blank objects only, and relabels blank nodes in load order") {
  const auto r = resolve_example(std::string{shape} +
                                 R"(<p> a ex:P; ex:cbd [ ex:z [ ex:y ex:named ]; ex:a [ ex:b 1 ] ].
ex:named ex:not "included".)");
  CHECK(ntriples(r, "cbd") ==
        "_:c0 <http://ex.org/a> _:c2 .\n"
        "_:c0 <http://ex.org/z> _:c1 .\n"
        "_:c1 <http://ex.org/y> <http://ex.org/named> .\n"
        "_:c2 <http://ex.org/b> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST_CASE("rdfl:PathLens values must be paths; rdfl:Context is the whole graph") {
  const auto r = resolve_example(
      std::string{shape} + R"(<p> a ex:P; ex:path [ sh:inversePath ex:q ]; ex:all ex:ignored.)");
  CHECK(r.errors() == "");
  CHECK(ntriples(r, "path") ==
        "_:c0 <http://www.w3.org/ns/shacl#inversePath> <http://ex.org/q> .\n");
  const std::string all = ntriples(r, "all");
  CHECK(all.find("<file:///demo/p> <http://ex.org/path> _:c") != std::string::npos);
  CHECK(static_cast<std::size_t>(std::count(all.begin(), all.end(), '\n')) ==
        r.document.graph.size());

  const auto bad =
      resolve_example(std::string{shape} + R"(<p> a ex:P; ex:path [ ex:not ex:path ].)");
  CHECK(bad.errors() ==
        "demo/p.ttl:6:21: error: processor <p> (ex:P): argument 'path' (ex:path): "
        "not a SHACL property path: not a SHACL path: expected an IRI, a list, or "
        "a node with one of sh:inversePath, sh:alternativePath, sh:zeroOrMorePath, "
        "sh:oneOrMorePath, sh:zeroOrOnePath [bad-value]\n");
}
