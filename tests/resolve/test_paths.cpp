// SHACL property paths (spec/arguments.md §2.1): reading, SPARQL notation, evaluation.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "fixture.hpp"
#include "resolve/naming.hpp"
#include "resolve/path.hpp"
#include "resolve/vocabulary.hpp"

using namespace cae;

namespace {

// A document whose `ex:pN sh:path ...` statements hold the paths under test.
class PathDocument {
 public:
  explicit PathDocument(std::string_view turtle)
      : document_{rdf::load_text(fmt::format("{}{}", test::example_prefixes, turtle), "demo/p.ttl",
                                 diagnostics_)},
        vocab_{document_.graph},
        naming_{document_.graph, document_.entry_iri, document_.prefixes} {}

  // The path of `holder` in SPARQL notation, or "error: ..." when it does not read.
  std::string sparql_of(std::string_view holder) {
    resolve::Problem problem;
    auto path = read(holder, problem);
    return path ? resolve::sparql(*path, naming_) : "error: " + problem.message;
  }

  // The values of the path of `holder` from `focus`, as the naming prints them.
  std::vector<std::string> values(std::string_view holder, std::string_view focus) {
    resolve::Problem problem;
    auto path = read(holder, problem);
    REQUIRE(path);
    std::vector<std::string> out;
    const resolve::Value start{document_.graph.iri(fmt::format("http://ex.org/{}", focus)), {}, {}};
    for (const auto& value : resolve::evaluate(document_.graph, *path, start)) {
      out.push_back(naming_.term(value.term));
    }
    return out;
  }

 private:
  std::optional<resolve::Path> read(std::string_view holder, resolve::Problem& problem) {
    const auto subject = document_.graph.iri(fmt::format("http://ex.org/{}", holder));
    const auto node = document_.graph.object(subject, vocab_.sh_path);
    return resolve::read_path(document_.graph, vocab_, node, {}, problem);
  }

  Diagnostics diagnostics_;
  rdf::LoadedDocument document_;
  resolve::Vocabulary vocab_;
  resolve::Naming naming_;
};

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("paths print in SPARQL notation, brackets only where needed") {
  PathDocument doc{R"(
ex:p1 sh:path ex:a.
ex:p2 sh:path ( ex:a [ sh:zeroOrMorePath ex:b ] ).
ex:p3 sh:path [ sh:alternativePath ( ex:a [ sh:inversePath ex:b ] ) ].
ex:p4 sh:path [ sh:oneOrMorePath ( ex:a ex:b ) ].
ex:p5 sh:path [ sh:inversePath ( ex:a ex:b ) ].
ex:p6 sh:path [ sh:zeroOrOnePath [ sh:alternativePath ( ex:a ex:b ) ] ].
ex:p7 sh:path ( ).
ex:p8 sh:path ( ex:a ).
ex:p9 sh:path ( [ sh:alternativePath ( ex:a ex:b ) ] ex:c ).
)"};
  CHECK(doc.sparql_of("p1") == "ex:a");
  CHECK(doc.sparql_of("p2") == "ex:a/ex:b*");
  CHECK(doc.sparql_of("p3") == "ex:a|^ex:b");
  CHECK(doc.sparql_of("p4") == "(ex:a/ex:b)+");
  CHECK(doc.sparql_of("p5") == "^(ex:a/ex:b)");
  CHECK(doc.sparql_of("p6") == "(ex:a|ex:b)?");
  CHECK(doc.sparql_of("p7") == "()");
  CHECK(doc.sparql_of("p8") == "ex:a");
  CHECK(doc.sparql_of("p9") == "(ex:a|ex:b)/ex:c");
}

TEST_CASE("nodes that are not paths are described") {
  PathDocument doc{R"(
ex:p1 sh:path "ex:a".
ex:p2 sh:path [ ex:x ex:y ].
ex:p3 sh:path [ sh:inversePath ex:a; sh:zeroOrOnePath ex:b ].
ex:p4 sh:path [ sh:alternativePath ex:a ].
ex:p5 sh:path ( ex:a "b" ).
ex:p6 sh:path _:loop. _:loop sh:inversePath _:loop.
)"};
  CHECK(doc.sparql_of("p1") == "error: a literal is not a SHACL path");
  CHECK(doc.sparql_of("p2") ==
        "error: not a SHACL path: expected an IRI, a list, or a node with one of sh:inversePath, "
        "sh:alternativePath, sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath");
  CHECK(doc.sparql_of("p3") == "error: a path node must have exactly one path operator");
  CHECK(doc.sparql_of("p4") == "error: sh:alternativePath needs a non-empty list of paths");
  CHECK(doc.sparql_of("p5") == "error: a literal is not a SHACL path");
  CHECK(doc.sparql_of("p6") == "error: the path contains itself");
}

TEST_CASE("sequences, inverses and alternatives evaluate in value order, duplicates once") {
  PathDocument doc{R"(
ex:seq sh:path ( ex:a ex:b ).
ex:inv sh:path [ sh:inversePath ( ex:a ex:b ) ].
ex:alt sh:path [ sh:alternativePath ( ex:b ex:a ex:b ) ].
ex:n ex:a ex:m1, ex:m2.
ex:m1 ex:b ex:z, ex:y.
ex:m2 ex:b ex:y, ex:x.
ex:n ex:b ex:m2.
)"};
  CHECK(doc.values("seq", "n") == Strings{"ex:z", "ex:y", "ex:x"});
  CHECK(doc.values("inv", "y") == Strings{"ex:n"});
  CHECK(doc.values("alt", "n") == Strings{"ex:m2", "ex:m1"});
}

TEST_CASE("closures are breadth-first; oneOrMore reaches the focus only through a cycle") {
  PathDocument doc{R"(
ex:star sh:path [ sh:zeroOrMorePath ex:next ].
ex:plus sh:path [ sh:oneOrMorePath ex:next ].
ex:opt sh:path [ sh:zeroOrOnePath ex:next ].
ex:back sh:path [ sh:oneOrMorePath [ sh:inversePath ex:next ] ].
ex:a ex:next ex:b, ex:c.
ex:b ex:next ex:d.
ex:c ex:next ex:a.
)"};
  CHECK(doc.values("star", "a") == Strings{"ex:a", "ex:b", "ex:c", "ex:d"});
  CHECK(doc.values("plus", "a") == Strings{"ex:b", "ex:c", "ex:d", "ex:a"});
  CHECK(doc.values("plus", "d") == Strings{});
  CHECK(doc.values("opt", "b") == Strings{"ex:b", "ex:d"});
  CHECK(doc.values("back", "d") == Strings{"ex:b", "ex:a", "ex:c"});
}

TEST_CASE("a malformed path is bad-value at the path node, naming the property") {
  const auto r = test::resolve_example(R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path [ sh:inversePath "x" ]; sh:name "owner"; sh:datatype xsd:iri ].
<p> a ex:P.)");
  CHECK(r.errors() ==
        "demo/p.ttl:3:30: error: property 'owner' of the shape of ex:P: sh:path: a "
        "literal is not a SHACL path [bad-value]\n");
}
