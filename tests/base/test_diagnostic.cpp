#include <doctest/doctest.h>

#include "base/diagnostic.hpp"

using namespace cae;

TEST_CASE("diagnostics print GCC style, sorted by file, line and column, notes after errors") {
  SourceMap sources;
  const auto a = sources.add("/nowhere/a.ttl", "file:///nowhere/a.ttl");
  const auto b = sources.add("/nowhere/b.ttl", "file:///nowhere/b.ttl");
  Diagnostics diagnostics;
  diagnostics.error(Code::bad_value, Location{b, 1, 2}, "second file");
  auto& first = diagnostics.error(Code::too_many_values, Location{a, 7, 3}, "later line");
  first.notes.push_back(Note{Location{a, 6, 1}, "first value is here"});
  diagnostics.error(Code::syntax, Location{a, 2, 9}, "earlier line");
  diagnostics.error(Code::usage, Location{}, "no place");
  diagnostics.sort();
  CHECK(diagnostics.format(sources) ==
        "/nowhere/a.ttl:2:9: error: earlier line [syntax]\n"
        "/nowhere/a.ttl:7:3: error: later line [too-many-values]\n"
        "/nowhere/a.ttl:6:1: note: first value is here\n"
        "/nowhere/b.ttl:1:2: error: second file [bad-value]\n"
        "cae: error: no place [usage]\n");
  CHECK(diagnostics.error_count() == 4);
}

TEST_CASE("warnings do not count as errors") {
  Diagnostics diagnostics;
  diagnostics.warning(Code::bad_value, Location{}, "odd datatype");
  CHECK_FALSE(diagnostics.has_errors());
}

TEST_CASE("at most fifty diagnostics are printed") {
  SourceMap sources;
  Diagnostics diagnostics;
  for (int i = 0; i < 60; ++i) diagnostics.error(Code::bad_value, Location{}, "x");
  const auto text = diagnostics.format(sources);
  CHECK(text.find("10 more diagnostics not shown") != std::string::npos);
}

TEST_CASE("code names are the stable strings of the specification") {
  CHECK(code_name(Code::missing_argument) == "missing-argument");
  CHECK(code_name(Code::not_an_iri) == "not-an-iri");
  CHECK(code_name(Code::runtime) == "runtime");
  CHECK(code_name(Code::rule) == "rule");
  CHECK(code_name(Code::topology) == "topology");  // the last: the name table has every code
}
