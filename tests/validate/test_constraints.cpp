#include <doctest/doctest.h>

#include <fmt/format.h>

#include "rdf/loader.hpp"
#include "validate/constraints.hpp"

using namespace cae;

namespace {

constexpr std::string_view shapes = R"(@prefix sh: <http://www.w3.org/ns/shacl#>.
@prefix xsd: <http://www.w3.org/2001/XMLSchema#>.
@prefix ex: <http://ex.org/>.
ex:mode sh:in ( "fast" "slow" ).
ex:port sh:datatype xsd:integer; sh:minInclusive 1; sh:maxInclusive 65535.
ex:ratio sh:minExclusive 0; sh:maxExclusive 1.
ex:name sh:pattern "^[a-z]+$"; sh:flags "i"; sh:minLength 2; sh:maxLength 5.
ex:target sh:nodeKind sh:IRI.
ex:tag sh:hasValue "required".
ex:since sh:minInclusive "2024-01-01"^^xsd:date.
ex:broken sh:in "not a list"; sh:pattern "(".
ex:plain sh:datatype xsd:string.
)";

constexpr std::string_view values = R"(@prefix ex: <http://ex.org/>.
@prefix xsd: <http://www.w3.org/2001/XMLSchema#>.
ex:v ex:mode "fast", "medium";
  ex:port 8080, 0, "80";
  ex:ratio 0.5, 1.0;
  ex:name "Abc", "a", "abcdef", "a-b", [];
  ex:target ex:x, "x", [];
  ex:tag "other";
  ex:since "2024-05-01"^^xsd:date, "2023-12-31"^^xsd:date, 7;
  ex:plain "text", "en"@en.
)";

// Terms as messages write them, with ex: for the example namespace.
std::string name(rdf::Term term) {
  const std::string_view ex = "http://ex.org/";
  if (term.is_blank()) return "[]";
  if (term.is_iri()) {
    return term.text().starts_with(ex) ? fmt::format("ex:{}", term.text().substr(ex.size()))
                                       : fmt::format("<{}>", term.text());
  }
  if (!term.lang().empty()) return fmt::format("\"{}\"@{}", term.text(), term.lang());
  return fmt::format("\"{}\"", term.text());
}

class Fixture {
 public:
  // The violations of ex:<property>'s constraints on the values of ex:v ex:<property>, one per
  // line: severity, the value (or -), the message.
  std::string check(std::string_view property) {
    const rdf::Term p = document_.graph.find_iri(fmt::format("http://ex.org/{}", property));
    std::vector<std::string> problems;
    const auto constraints = validate::Constraints::read(document_.graph, p, problems);
    const rdf::Term v = document_.graph.find_iri("http://ex.org/v");
    std::string out;
    for (const auto& problem : problems) out += fmt::format("shape: {}\n", problem);
    for (const auto& violation : constraints.check(document_.graph.objects(v, p), name)) {
      out += fmt::format("{} {} {}\n", violation.severity == Severity::error ? "error" : "warning",
                         violation.value ? name(violation.value) : "-", violation.message);
    }
    return out;
  }

 private:
  Diagnostics diagnostics_;
  rdf::LoadedDocument document_ = rdf::load_text(
      std::string{shapes} + std::string{values}.substr(values.find("ex:v")), "c.ttl", diagnostics_);
};

}  // namespace

TEST_CASE("sh:in admits only the listed terms") {
  CHECK(Fixture{}.check("mode") ==
        "error \"medium\" expected one of \"fast\", \"slow\", found \"medium\"\n");
}

TEST_CASE("ranges compare numbers; the literal's own datatype differing is a warning") {
  CHECK(Fixture{}.check("port") ==
        "error \"0\" expected a value >= \"1\", found \"0\"\n"
        "warning \"80\" expected a literal typed <http://www.w3.org/2001/XMLSchema#integer>, "
        "found \"80\"\n");
  CHECK(Fixture{}.check("ratio") == "error \"1.0\" expected a value < \"1\", found \"1.0\"\n");
}

TEST_CASE("dates compare in order; a value of another kind cannot be compared") {
  CHECK(Fixture{}.check("since") ==
        "error \"2023-12-31\" expected a value >= \"2024-01-01\", found \"2023-12-31\"\n"
        "error \"7\" expected a value >= \"2024-01-01\", found \"7\"\n");
}

TEST_CASE("patterns search with sh:flags; lengths count characters; blank nodes have no text") {
  CHECK(Fixture{}.check("name") ==
        "error \"a\" expected at least 2 characters, found \"a\" (1)\n"
        "error \"abcdef\" expected at most 5 characters, found \"abcdef\" (6)\n"
        "error \"a-b\" expected a value matching /^[a-z]+$/, found \"a-b\"\n"
        "error [] expected a literal or IRI, found []\n");
}

TEST_CASE("sh:nodeKind and sh:hasValue") {
  CHECK(Fixture{}.check("target") ==
        "error \"x\" expected an IRI, found \"x\"\nerror [] expected an IRI, found []\n");
  CHECK(Fixture{}.check("tag") == "error - expected the value \"required\", found other values\n");
}

TEST_CASE("a plain literal is an xsd:string, a language-tagged one is not") {
  CHECK(Fixture{}.check("plain") ==
        "warning \"en\"@en expected a literal typed "
        "<http://www.w3.org/2001/XMLSchema#string>, found \"en\"@en\n");
}

TEST_CASE("constraints cae cannot use are reported against the shape") {
  CHECK(Fixture{}.check("broken") ==
        "shape: sh:in must be an RDF list\n"
        "shape: sh:pattern \"(\" is not a regular expression\n");
}
