// Shapes and fields (spec/arguments.md §1): names, kinds, counts, defaults, malformed
// properties, two shapes for one class, lazy checking.
#include <doctest/doctest.h>

#include "fixture.hpp"

using cae::test::compact;
using cae::test::resolve_example;

TEST_CASE("field name, kind, cardinality and documentation come from the property shape") {
  const auto r = resolve_example(R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:a; sh:codeIdentifier "alpha"; sh:name "Alpha value"; sh:datatype xsd:string; sh:maxCount 1;
    sh:description "The first letter." ],
  [ sh:path ex:b; sh:name "pair"; sh:datatype xsd:integer; sh:maxCount 2; rdfs:comment "Two at most." ],
  [ sh:path ex:c; sh:name "nested"; sh:class ex:N; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path ex:d; sh:name "needed"; sh:datatype xsd:string; sh:minCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:N; sh:property [ sh:path ex:x; sh:name "x"; sh:datatype xsd:integer; sh:maxCount 1 ].
ex:P rdfs:comment "A test processor.".
<p> a ex:P; ex:a "A"; ex:b 1; ex:c [ ex:x 5 ]; ex:d "D".)");
  CHECK(r.errors() == "");
  CHECK(r.arguments_text("file:///demo/p") ==
        compact(R"({"alpha": "A", "pair": [1], "nested": {"x": 5}, "needed": ["D"]})"));
  const auto& doc = r.pipeline.class_docs.at("http://ex.org/P");
  CHECK(doc.comment == "A test processor.");
  using Docs = std::vector<std::pair<std::string, std::string>>;
  CHECK(doc.arguments == Docs{{"alpha", "The first letter."},
                              {"pair", "Two at most."},
                              {"nested", ""},
                              {"needed", ""}});
}

TEST_CASE("malformed property shapes are bad-value at the property, the others still resolve") {
  const auto r = resolve_example(R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:a; sh:datatype xsd:string ],
  [ sh:path ex:b; sh:name "b", "bee"; sh:datatype xsd:string ],
  [ sh:path ex:c; sh:name ex:c; sh:datatype xsd:string ],
  [ sh:name "d"; sh:datatype xsd:string ],
  [ sh:path ex:e; sh:name "e" ],
  [ sh:path ex:f; sh:name "f"; sh:class "ex:F" ],
  [ sh:path ex:g; sh:name "g"; sh:datatype xsd:string; sh:minCount "one" ],
  [ sh:path ex:h; sh:name "h"; sh:datatype xsd:string; sh:minCount 2; sh:maxCount 1 ],
  [ sh:path ex:i; sh:name "i"; sh:datatype xsd:string; sh:maxCount 1; sh:defaultValue "x", "y" ],
  [ sh:path ex:j; sh:name "ok"; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path ex:k; sh:name "ok"; sh:datatype xsd:string ].
<p> a ex:P; ex:j "fine".)");
  const std::string shape = "of the shape of ex:P";
  CHECK(
      r.errors() ==
      "demo/p.ttl:3:3: error: property _:b2 " + shape +
          ": no sh:codeIdentifier or sh:name [bad-value]\n"
          "demo/p.ttl:4:3: error: property _:b3 " +
          shape +
          ": expected at most one sh:name, found 2 [bad-value]\n"
          "demo/p.ttl:5:3: error: property _:b4 " +
          shape +
          ": sh:name must be a non-empty literal, found ex:c [bad-value]\n"
          "demo/p.ttl:6:3: error: property 'd' " +
          shape +
          ": expected exactly one sh:path, found 0 [bad-value]\n"
          "demo/p.ttl:7:3: error: property 'e' " +
          shape +
          ": no sh:class or sh:datatype [bad-value]\n"
          "demo/p.ttl:8:3: error: property 'f' " +
          shape +
          ": sh:class must be an IRI, found \"ex:F\" [bad-value]\n"
          "demo/p.ttl:9:3: error: property 'g' " +
          shape +
          ": sh:minCount must be a non-negative integer, found \"one\" [bad-value]\n"
          "demo/p.ttl:10:3: error: property 'h' " +
          shape +
          ": sh:minCount 2 is greater than sh:maxCount 1 [bad-value]\n"
          "demo/p.ttl:11:3: error: property 'i' " +
          shape +
          ": a single-valued argument takes one sh:defaultValue, found 2 [bad-value]\n"
          "demo/p.ttl:13:3: error: the shape of ex:P has two properties named 'ok' [bad-value]\n");
  CHECK(r.arguments_text("file:///demo/p") == compact(R"({"ok": "fine"})"));
}

TEST_CASE("two shapes for one class are too-many-values naming both") {
  const auto r = resolve_example(
      R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property [ sh:path ex:a; sh:name "a"; sh:datatype xsd:string ].
ex:S2 a sh:NodeShape; sh:targetClass ex:P.
<p> a ex:P.)");
  CHECK(r.errors() ==
        "demo/p.ttl:3:38: error: ex:P has 2 SHACL shapes (_:b1, ex:S2); cae needs "
        "exactly one [too-many-values]\n"
        "demo/p.ttl:2:35: note: the first shape is here\n");
}

TEST_CASE("shapes are checked only when used, and only shapes typed sh:NodeShape count") {
  const auto r =
      resolve_example(R"([] a sh:NodeShape; sh:targetClass ex:Unused; sh:property [ sh:name 5 ].
[] a sh:NodeShape; sh:targetClass ex:P; sh:property [ sh:path ex:a; sh:name "a"; sh:class ex:Untyped; sh:maxCount 1 ].
[] sh:targetClass ex:Untyped; sh:property [ sh:path ex:x; sh:name "x"; sh:datatype xsd:string ].
ex:Js rdfc:jsImplementationOf rdfc:Processor.
[] a sh:NodeShape; sh:targetClass ex:Js; sh:property [ sh:path ex:broken ].
<js> a ex:Js.
<p> a ex:P; ex:a [ ex:x "y" ].)");
  CHECK(r.errors() ==
        "demo/p.ttl:3:91: error: processor <p> (ex:P): argument 'a' (ex:a): "
        "ex:Untyped has no SHACL shape; import the file that defines it [no-shape]\n");
}

TEST_CASE("a class field without a value needs no shape") {
  const auto r = resolve_example(
      R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property [ sh:path ex:a; sh:name "a"; sh:class ex:Nowhere; sh:maxCount 1 ].
<p> a ex:P.)");
  CHECK(r.errors() == "");
  CHECK(r.arguments_text("file:///demo/p") == "{}");
}
