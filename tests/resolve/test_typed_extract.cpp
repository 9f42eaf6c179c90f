// rdfl:TypedExtract (spec/arguments.md §2.3): candidate types, merged ancestor shapes, ties.
#include <doctest/doctest.h>

#include "fixture.hpp"

using cae::test::compact;
using cae::test::resolve_example;

namespace {

constexpr std::string_view classes =
    R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property [ sh:path ex:v; sh:name "v"; sh:class rdfl:TypedExtract; sh:maxCount 1 ].
ex:T rdfs:subClassOf ex:A, ex:B. ex:A rdfs:subClassOf ex:Top. ex:B rdfs:subClassOf ex:Top.
[] a sh:NodeShape; sh:targetClass ex:T; sh:property [ sh:path ex:t; sh:name "t"; sh:datatype xsd:string; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:A; sh:property [ sh:path ex:a; sh:name "a"; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path ex:shared; sh:name "shared"; sh:datatype xsd:string; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:B; sh:property [ sh:path ex:b; sh:name "b"; sh:datatype xsd:string; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:Top; sh:property [ sh:path ex:shared; sh:name "shared"; sh:datatype xsd:integer; sh:maxCount 1 ],
  [ sh:path ex:top; sh:name "top"; sh:datatype xsd:string; sh:maxCount 1 ].
)";

std::string with(std::string_view instance) {
  return std::string{classes} + std::string{instance};
}

}  // namespace

TEST_CASE("a type with two ancestors merges every shape, the nearest class winning a field") {
  const auto r = resolve_example(with(
      R"(<p> a ex:P; ex:v [ a ex:T; ex:t "t"; ex:a "a"; ex:b "b"; ex:shared "near"; ex:top "up" ].)"));
  CHECK(r.errors() == "");
  CHECK(r.arguments_text("file:///demo/p") ==
        compact(R"({"v": {"a": "a", "b": "b", "shared": "near", "t": "t", "top": "up"}})"));
}

TEST_CASE("a field defined by two equally near classes is a tie") {
  const auto r = resolve_example(with(
      R"([] a sh:NodeShape; sh:targetClass ex:C; sh:property [ sh:path ex:a; sh:name "a"; sh:datatype xsd:string ].
ex:D rdfs:subClassOf ex:A, ex:C.
<p> a ex:P; ex:v [ a ex:D ].)"));
  CHECK(r.errors() ==
        "demo/p.ttl:12:18: error: processor <p> (ex:P): argument 'v' (ex:v): field "
        "'a' is defined by both ex:A and ex:C, which are equally near ex:D (1 "
        "rdfs:subClassOf steps) [bad-value]\n");
}

TEST_CASE("types without shapes, rival types and literals are refused") {
  const auto r = resolve_example(with(R"(<a> a ex:P; ex:v [ a ex:Nope ].
<b> a ex:P; ex:v [ a ex:A, ex:B ].
<c> a ex:P; ex:v "text".)"));
  CHECK(r.errors() ==
        "demo/p.ttl:10:22: error: processor <a> (ex:P): argument 'v' (ex:v): no SHACL shape for "
        "ex:Nope or its superclasses; import the file that defines it [no-shape]\n"
        "demo/p.ttl:11:28: error: processor <b> (ex:P): argument 'v' (ex:v): rdfl:TypedExtract "
        "needs exactly one rdf:type with a shape, found 2 (ex:A, ex:B) [too-many-values]\n"
        "demo/p.ttl:11:22: note: the first type is here\n"
        "demo/p.ttl:12:18: error: processor <c> (ex:P): argument 'v' (ex:v): rdfl:TypedExtract "
        "needs an IRI or blank node, found \"text\" [bad-value]\n");
}

TEST_CASE("a value that also states an ancestor of its type has one candidate") {
  const auto r = resolve_example(with(R"(<p> a ex:P; ex:v [ a ex:Top, ex:T; ex:t "t" ].)"));
  CHECK(r.errors() == "");
  CHECK(r.arguments_text("file:///demo/p") == compact(R"({"v": {"t": "t"}})"));
  using Typed = std::vector<std::pair<std::string, std::string>>;
  CHECK(r.pipeline.processors[0].extracted_types == Typed{{"v", "http://ex.org/T"}});
}
