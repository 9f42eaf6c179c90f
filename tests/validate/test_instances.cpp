#include <doctest/doctest.h>

#include "../resolve/fixture.hpp"
#include "validate/instances.hpp"

using namespace cae;

namespace {

constexpr std::string_view shape =
    "[] a sh:NodeShape; sh:targetClass ex:P; sh:property\n"
    "  [ sh:path ex:n; sh:name \"n\"; sh:datatype xsd:integer; sh:maxCount 1; sh:maxInclusive 9 "
    "],\n"
    "  [ sh:path ex:s; sh:name \"s\"; sh:datatype xsd:string; sh:pattern \"(\" ].\n";

// Resolution's diagnostics, then those of the constraint check, as cae prints them.
std::string check(std::string_view body) {
  auto resolution = test::resolve_example(std::string{shape} + std::string{body});
  validate::check_instances(resolution.document, resolution.pipeline, resolution.diagnostics);
  resolution.diagnostics.sort();
  return resolution.errors();
}

}  // namespace

TEST_CASE("a value over a bound is bad-value at the value, with a note at the property shape") {
  CHECK(check("<p> a ex:P; ex:n 12.\n") ==
        "demo/p.ttl:4:3: error: argument 's' (ex:s): sh:pattern \"(\" is not a regular "
        "expression [bad-value]\n"
        "demo/p.ttl:5:18: error: processor <p> (ex:P): argument 'n' (ex:n): expected a value "
        "<= 9, found 12 [bad-value]\n"
        "demo/p.ttl:3:3: note: argument 'n' is declared here\n");
}

TEST_CASE("a value resolution already rejected is not reported again; a shape defect once") {
  CHECK(check("<p> a ex:P; ex:n \"ten\". <q> a ex:P; ex:n 1.\n") ==
        "demo/p.ttl:4:3: error: argument 's' (ex:s): sh:pattern \"(\" is not a regular "
        "expression [bad-value]\n"
        "demo/p.ttl:5:18: error: processor <p> (ex:P): argument 'n' (ex:n): expected an "
        "xsd:integer, found \"ten\" [bad-value]\n");
}

TEST_CASE("a value from an environment variable is left to the run") {
  CHECK(check("<p> a ex:P; ex:n [ a rdfl:EnvVariable; rdfl:envKey \"N\"; rdfl:envDefault 3 ].\n") ==
        "demo/p.ttl:4:3: error: argument 's' (ex:s): sh:pattern \"(\" is not a regular "
        "expression [bad-value]\n");
}
