// How messages print terms (spec/arguments.md §5).
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "resolve/naming.hpp"

using namespace cae;

TEST_CASE("IRIs print relative to the entry directory, else with the entry file's prefixes") {
  Diagnostics diagnostics;
  auto document = rdf::load_text(
      "@prefix ex: <http://ex.org/>. @prefix deep: <http://ex.org/deep/>. ex:a ex:b ex:c.",
      "demo/p.ttl", diagnostics);
  const resolve::Naming naming{document.graph, document.entry_iri, document.prefixes};
  CHECK(naming.iri("file:///demo/lib/x.so") == "<lib/x.so>");
  CHECK(naming.iri("file:///demo/p.ttl") == "<p.ttl>");
  CHECK(naming.iri("http://ex.org/deep/x") == "deep:x");
  CHECK(naming.iri("http://ex.org/a") == "ex:a");
  CHECK(naming.iri("http://ex.org/a/b") == "<http://ex.org/a/b>");
  CHECK(naming.iri("http://ex.org/a.") == "<http://ex.org/a.>");
  CHECK(naming.iri("https://w3id.org/cae#Emit") == "<https://w3id.org/cae#Emit>");
}

TEST_CASE("literals print in Turtle form") {
  Diagnostics diagnostics;
  auto document = rdf::load_text(
      R"(@prefix ex: <http://ex.org/>. @prefix xsd: <http://www.w3.org/2001/XMLSchema#>.
ex:s ex:p 42, -1.5, 1e3, true, "x\"y\n", "hoi"@nl, "7"^^xsd:integer, "x"^^xsd:integer, "d"^^ex:T, "s"^^xsd:string.)",
      "demo/p.ttl", diagnostics);
  const resolve::Naming naming{document.graph, document.entry_iri, document.prefixes};
  std::vector<std::string> shown;
  for (const auto term : document.graph.objects(document.graph.iri("http://ex.org/s"),
                                                document.graph.iri("http://ex.org/p"))) {
    shown.push_back(naming.term(term));
  }
  CHECK(shown == std::vector<std::string>{"42", "-1.5", "1e3", "true", "\"x\\\"y\\n\"",
                                          "\"hoi\"@nl", "7", "\"x\"^^xsd:integer", "\"d\"^^ex:T",
                                          "\"s\""});
  CHECK(resolve::with_article("xsd:integer") == "an xsd:integer");
  CHECK(resolve::with_article("ex:Code") == "an ex:Code");
  CHECK(resolve::with_article("<http://x>") == "a <http://x>");
  CHECK(resolve::with_article("js:JsReaderChannel") == "a js:JsReaderChannel");
}
