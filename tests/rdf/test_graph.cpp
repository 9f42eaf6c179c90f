// The merged graph (rdf/graph.hpp): ownership, source order, duplicates, blank node labels.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "rdf/graph.hpp"
#include "rdf/loader.hpp"

using namespace cae;
using namespace cae::rdf;

namespace {

TriplePos at(std::uint32_t line, std::uint32_t col) {
  const Location where{0, line, col};
  return TriplePos{where, where, where};
}

std::vector<std::string> texts(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  for (const Term t : terms) out.emplace_back(t.text());
  return out;
}

LoadedDocument load(std::string_view text) {
  Diagnostics diagnostics;
  LoadedDocument loaded = load_text(text, "test", diagnostics);
  REQUIRE(diagnostics.empty());
  return loaded;
}

}  // namespace

TEST_CASE("a moved graph keeps its terms and statements; the source gives them up") {
  Graph first;
  const Term s = first.iri("http://example.org/s");
  const Term p = first.iri("http://example.org/p");
  const Term o = first.literal("x", {}, "en");
  REQUIRE(first.add(s, p, o, at(1, 1)));

  Graph second{std::move(first)};
  CHECK(second.size() == 1);
  CHECK(second.contains(s, p, o));
  CHECK(second.find_iri("http://example.org/s") == s);
  CHECK(o.lang() == "en");

  Graph third;
  third.add(third.iri("http://example.org/old"), third.iri("http://example.org/old-p"),
            third.blank("b"), at(2, 2));
  third = std::move(second);  // frees what `third` held before, exactly once
  CHECK(third.size() == 1);
  CHECK(third.contains(s, p, o));
  CHECK_FALSE(third.find_iri("http://example.org/old"));
  CHECK_FALSE(third.find_iri("http://example.org/old-p"));
  CHECK(third.find_iri("http://example.org/p") == p);
}

TEST_CASE("a relative IRI is no term, and a statement needs all three terms") {
  Graph graph;
  CHECK_FALSE(graph.iri("relative"));
  const Term s = graph.iri("http://example.org/s");
  CHECK_FALSE(graph.add(s, s, graph.iri("relative"), at(1, 1)));
  CHECK_FALSE(graph.add(Term{}, s, s, at(1, 1)));
  CHECK(graph.size() == 0);
  CHECK(graph.match({}, {}, {}).empty());
}

TEST_CASE("interning is idempotent and a lookup never interns") {
  Graph graph;
  CHECK(graph.iri("http://example.org/a") == graph.iri("http://example.org/a"));
  const Term integer = graph.iri("http://www.w3.org/2001/XMLSchema#integer");
  CHECK(graph.literal("1", integer) == graph.literal("1", integer));
  CHECK_FALSE(graph.literal("1", integer) == graph.literal("1"));
  CHECK_FALSE(graph.literal("1", {}, "en") == graph.literal("1", {}, "nl"));
  CHECK_FALSE(graph.find_iri("http://example.org/never"));
  CHECK_FALSE(graph.find_iri("http://example.org/never"));
  CHECK(graph.size() == 0);
}

TEST_CASE("objects come in source order, whatever order they were added in") {
  Graph graph;
  const Term s = graph.iri("http://example.org/s");
  const Term p = graph.iri("http://example.org/p");
  graph.add(s, p, graph.literal("third"), at(3, 1));
  graph.add(s, p, graph.literal("first"), at(1, 9));
  graph.add(s, p, graph.literal("second"), at(1, 20));
  graph.add(s, graph.iri("http://example.org/q"), graph.literal("other"), at(1, 1));
  CHECK(texts(graph.objects(s, p)) == std::vector<std::string>{"first", "second", "third"});
  CHECK(graph.object(s, p).text() == "first");
  CHECK(graph.match(s, {}, {}).size() == 4);
  const auto other = graph.match({}, {}, graph.literal("other"));
  REQUIRE(other.size() == 1);
  CHECK(other.front().p == graph.iri("http://example.org/q"));
  CHECK_FALSE(graph.object(s, graph.iri("http://example.org/none")));
}

TEST_CASE("objects of a loaded document follow the text, across lines and lists") {
  const auto loaded = load(
      "<s> <p> \"c\" .\n"
      "<s> <p> \"a\", \"b\" ;\n"
      "    <q> 1 .\n"
      "<t> <p> \"z\" .\n");
  const Graph& graph = loaded.graph;
  const Term s = graph.find_iri("file:///s");
  const Term p = graph.find_iri("file:///p");
  CHECK(texts(graph.objects(s, p)) == std::vector<std::string>{"c", "a", "b"});
  CHECK(texts(graph.subjects(p, {})) ==
        std::vector<std::string>{"file:///s", "file:///s", "file:///s", "file:///t"});
}

TEST_CASE("a statement written twice counts once, at its first position") {
  const auto loaded = load("<s> <p> <o> .\n<s> <p> <o>, <o> .\n");
  const Graph& graph = loaded.graph;
  CHECK(graph.size() == 1);
  const TriplePos* pos = graph.position(graph.find_iri("file:///s"), graph.find_iri("file:///p"),
                                        graph.find_iri("file:///o"));
  REQUIRE(pos != nullptr);
  CHECK(pos->o == Location{loaded.entry_file, 1, 9});

  Graph direct;
  const Term s = direct.iri("http://example.org/s");
  CHECK(direct.add(s, s, s, at(4, 4)));
  CHECK_FALSE(direct.add(s, s, s, at(1, 1)));
  CHECK(direct.position(s, s, s)->s == Location{0, 4, 4});
  CHECK(direct.position(s, s, direct.iri("http://example.org/other")) == nullptr);
}

TEST_CASE("blank nodes are labelled _:b1, _:b2 … in order of first appearance") {
  const auto loaded = load(
      "_:zebra <p> _:apple .\n"
      "_:apple <p> [ <q> _:zebra ] .\n"
      "( <x> ) <p> <o> .\n");
  const Graph& graph = loaded.graph;
  std::vector<std::string> labels;
  for (const Triple& t : graph.statements()) {
    for (const Term term : {t.s, t.o}) {
      if (term.is_blank()) labels.push_back(graph.blank_label(term));
    }
  }
  // zebra, apple, the [ ], then the list node written before its members.
  CHECK(labels == std::vector<std::string>{"_:b1", "_:b2", "_:b2", "_:b3", "_:b3", "_:b1",
                                           "_:b4", "_:b4", "_:b4"});
}

TEST_CASE("a blank node is first located where it is written as a subject, at its bracket") {
  const auto loaded = load("<s> <p>\n  [ <q> 1 ] .\n[ <r> 2 ] <t> 3 .\n");
  const Graph& graph = loaded.graph;
  const Term q = graph.find_iri("file:///q");
  const Term inner = graph.match({}, q, {}).front().s;
  CHECK(graph.first_position(inner) == Location{loaded.entry_file, 2, 3});
  const Term t = graph.find_iri("file:///t");
  const Term subject = graph.match({}, t, {}).front().s;
  CHECK(graph.first_position(subject) == Location{loaded.entry_file, 3, 1});
  CHECK(graph.has_subject(inner));
  CHECK_FALSE(graph.has_subject(q));
  CHECK(graph.first_position(Term{}) == Location{});
}
