// Environment variables (spec/arguments.md §2.4, spec/vocabulary.md §5-§6).
#include <doctest/doctest.h>

#include <cstdlib>

#include "fixture.hpp"
#include "resolve/environment.hpp"

using cae::test::compact;
using cae::test::resolve_example;

namespace {

constexpr std::string_view shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:day; sh:name "day"; sh:datatype xsd:date; sh:maxCount 1 ],
  [ sh:path ex:str; sh:name "str"; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path ex:iri; sh:name "iri"; sh:datatype xsd:iri; sh:maxCount 1 ],
  [ sh:path ex:out; sh:name "out"; sh:class rdfc:Writer; sh:maxCount 1 ],
  [ sh:path ex:in; sh:name "in"; sh:class rdfc:Reader; sh:maxCount 1 ].
)";

std::string with(std::string_view instance) {
  return std::string{shape} + std::string{instance};
}

}  // namespace

TEST_CASE(
    "rdfl:datatype types the raw value; legacy conn: spellings; an empty variable takes the "
    "default") {
  const auto r = resolve_example(
      with(R"(<p> a ex:P; ex:day [ a rdfl:EnvVariable; rdfl:envKey "DAY"; rdfl:datatype ex:Day ];
  ex:str [ a conn:EnvVariable; conn:envKey "EMPTY"; conn:envDefault "fallback" ];
  ex:iri [ a rdfl:EnvVariable; rdfl:envKey "HOME_PAGE" ].)"),
      {{"DAY", "2024-05-01"}, {"EMPTY", ""}, {"HOME_PAGE", "http://example.org/"}});
  CHECK(r.errors() == "");
  CHECK(r.arguments_text("file:///demo/p") == compact(R"({
    "day": {"literal": "2024-05-01", "datatype": "http://ex.org/Day"},
    "iri": {"iri": "http://example.org/"},
    "str": "fallback"})"));
}

TEST_CASE("a variable without rdfl:datatype takes the field's datatype") {
  const auto r =
      resolve_example(with(R"(<p> a ex:P; ex:day [ a rdfl:EnvVariable; rdfl:envKey "DAY" ].)"),
                      {{"DAY", "2024-05-01"}});
  CHECK(
      r.arguments_text("file:///demo/p") ==
      compact(
          R"({"day": {"literal": "2024-05-01", "datatype": "http://www.w3.org/2001/XMLSchema#date"}})"));
}

TEST_CASE("for class fields a variable is an IRI only with rdfl:datatype xsd:iri or xsd:anyURI") {
  const auto r =
      resolve_example(with(R"(<a> a ex:P; ex:out [ a rdfl:EnvVariable; rdfl:envKey "OUT" ].
<b> a ex:P; ex:in [ a rdfl:EnvVariable; rdfl:envKey "OUT"; rdfl:datatype xsd:anyURI ].
<c> a ex:P; ex:in [ a rdfl:EnvVariable; rdfl:envKey "REL"; rdfl:datatype xsd:iri ].)"),
                      {{"OUT", "urn:ch:x"}, {"REL", "not/absolute"}});
  CHECK(r.errors() ==
        "demo/p.ttl:8:54: error: processor <a> (ex:P): argument 'out' (ex:out): a writer must be "
        "a channel IRI, found \"urn:ch:x\" [not-an-iri]\n"
        "demo/p.ttl:10:53: error: processor <c> (ex:P): argument 'in' (ex:in): expected an "
        "absolute IRI, found \"not/absolute\" (from environment variable REL) [bad-value]\n");
}

TEST_CASE("an environment node needs exactly one key") {
  const auto r =
      resolve_example(with(R"(<a> a ex:P; ex:str [ a rdfl:EnvVariable; rdfl:envDefault "d" ].
<b> a ex:P; ex:str [ a rdfl:EnvVariable; rdfl:envKey "A", "B" ].
<c> a ex:P; ex:str [ a rdfl:EnvVariable; rdfl:envKey ex:key ].)"));
  CHECK(r.errors() ==
        "demo/p.ttl:8:20: error: processor <a> (ex:P): argument 'str' (ex:str): the environment "
        "variable node has no rdfl:envKey [missing-argument]\n"
        "demo/p.ttl:9:59: error: processor <b> (ex:P): argument 'str' (ex:str): the environment "
        "variable node has 2 values of rdfl:envKey, expected one [too-many-values]\n"
        "demo/p.ttl:10:54: error: processor <c> (ex:P): argument 'str' (ex:str): rdfl:envKey must "
        "be a literal, found ex:key [bad-value]\n");
}

TEST_CASE("the environment is read once: later changes are not seen") {
  ::setenv("CAE_UNIT_ENV_ONCE", "before", 1);
  const auto environment = cae::resolve::Environment::capture();
  ::setenv("CAE_UNIT_ENV_ONCE", "after", 1);
  REQUIRE(environment.find("CAE_UNIT_ENV_ONCE") != nullptr);
  CHECK(*environment.find("CAE_UNIT_ENV_ONCE") == "before");
  ::unsetenv("CAE_UNIT_ENV_ONCE");
}
