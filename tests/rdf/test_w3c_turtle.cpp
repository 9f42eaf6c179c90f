// The W3C Turtle suite (../shared/testdata/w3c-turtle), its manifest read with cae's own loader.
// Every positive document loads, with as many statements as its expected N-Triples, and with
// every position confirmed against Serd: that is the proof that the position scan follows Serd
// statement for statement. Every negative document gives a syntax error. tests/rdf/
// w3c_turtle_check.py runs the same documents through `cae check`.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "rdf/loader.hpp"

using namespace cae;
using namespace cae::rdf;

namespace {

constexpr std::string_view suite_dir = CAE_SOURCE_ROOT "/../shared/testdata/w3c-turtle";
constexpr std::string_view rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view rdft = "http://www.w3.org/ns/rdftest#";

struct W3cTest {
  std::string kind;  // local name of the rdft: class
  std::string action;
  std::string result;  // expected N-Triples of an evaluation test
};

std::string read_text(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

std::string path_of(const Graph& graph, Term test, std::string_view property) {
  const Term value = graph.object(test, graph.find_iri(fmt::format("{}{}", mf, property)));
  return value ? path_from_file_iri(value.text()) : std::string{};
}

std::vector<W3cTest> read_manifest() {
  Diagnostics diagnostics;
  const auto manifest = load_document(fmt::format("{}/manifest.ttl", suite_dir), diagnostics);
  REQUIRE(diagnostics.empty());
  const Graph& graph = manifest.graph;
  std::vector<W3cTest> tests;
  for (const Triple& t : graph.match({}, graph.find_iri(rdf_type), {})) {
    const std::string_view type = t.o.text();
    if (!type.starts_with(rdft)) continue;
    tests.push_back(W3cTest{std::string{type.substr(rdft.size())}, path_of(graph, t.s, "action"),
                            path_of(graph, t.s, "result")});
  }
  return tests;
}

std::size_t count_statement_lines(const std::string& ntriples) {
  std::size_t count = 0;
  std::istringstream lines{ntriples};
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line[first] != '#') ++count;
  }
  return count;
}

LoadedDocument load_file(const std::string& path, Syntax syntax, Diagnostics& diagnostics) {
  return load_text(read_text(path), path, diagnostics, syntax);
}

void check_positive(const W3cTest& test) {
  Diagnostics diagnostics;
  const LoadedDocument loaded = load_file(test.action, Syntax::turtle, diagnostics);
  CHECK_MESSAGE(diagnostics.empty(), diagnostics.format(loaded.sources));
  CHECK(loaded.position_mismatches == 0);
  if (test.kind != "TestTurtleEval") return;
  const std::size_t expected = count_statement_lines(read_text(test.result));
  CHECK(loaded.graph.size() == expected);
  Diagnostics expected_diagnostics;
  const LoadedDocument reference = load_file(test.result, Syntax::ntriples, expected_diagnostics);
  CHECK(expected_diagnostics.empty());
  CHECK(reference.position_mismatches == 0);
  CHECK(reference.graph.size() == expected);
}

void check_negative(const W3cTest& test) {
  Diagnostics diagnostics;
  load_file(test.action, Syntax::turtle, diagnostics);
  REQUIRE_FALSE(diagnostics.items().empty());
  CHECK(diagnostics.items().front().code == Code::syntax);
}

}  // namespace

TEST_CASE("W3C Turtle suite: positive documents load, positions proven, negative ones refused") {
  const std::vector<W3cTest> tests = read_manifest();
  std::map<std::string, int> kinds;
  for (const W3cTest& test : tests) {
    ++kinds[test.kind];
    INFO(test.action);
    if (test.kind == "TestTurtleEval" || test.kind == "TestTurtlePositiveSyntax") {
      check_positive(test);
    } else {
      check_negative(test);
    }
  }
  CHECK(kinds == std::map<std::string, int>{{"TestTurtleEval", 145},
                                            {"TestTurtleNegativeSyntax", 94},
                                            {"TestTurtlePositiveSyntax", 74}});
}
