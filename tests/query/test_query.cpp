#include <doctest/doctest.h>

#include "query/format.hpp"
#include "query/query.hpp"

using namespace cae;

namespace {

constexpr std::string_view pipeline = R"(@prefix ex: <http://ex.org/>.
@prefix cae: <https://w3id.org/cae#>.
<say> a cae:Emit; cae:text "ping", "pong"; cae:output <words>.
<show> a cae:Print; cae:input <words>; cae:prefix "got: "@en.
<show> ex:count 3; ex:knows [ ex:name "anon" ], <say>.
<loop> ex:self <loop>.
)";

// A document loaded from `pipeline` as file:///dir/p.ttl, and the query runs made over it.
class Fixture {
 public:
  Fixture() { query_file_ = document_.sources.add("q.rq", ""); }

  std::optional<query::Result> run(std::string_view text) {
    diagnostics_ = Diagnostics{};
    return query::run_query(document_, query::QueryText{text, query_file_}, diagnostics_);
  }

  std::string output(std::string_view text, query::Format format = query::Format::table) {
    const auto result = run(text);
    REQUIRE_MESSAGE(result, errors());
    return query::format_result(*result, format, query::Names{document_});
  }

  std::string errors() const { return diagnostics_.format(document_.sources); }
  const rdf::LoadedDocument& document() const { return document_; }

 private:
  Diagnostics load_diagnostics_;
  rdf::LoadedDocument document_ = rdf::load_text(pipeline, "dir/p.ttl", load_diagnostics_);
  std::uint32_t query_file_ = 0;
  Diagnostics diagnostics_;
};

}  // namespace

TEST_CASE("SELECT prints an aligned table in source order, named as in the pipeline") {
  Fixture f;
  CHECK(f.output("SELECT ?p ?type WHERE { ?p a ?type }") ==
        "p       type\n"
        "------  ---------\n"
        "<say>   cae:Emit\n"
        "<show>  cae:Print\n");
}

TEST_CASE("the entry file's prefixes and the well-known ones need no declaration") {
  Fixture f;
  CHECK(f.output("SELECT ?n WHERE { <show> ex:count ?n FILTER(datatype(?n) = xsd:integer) }") ==
        "n\n-\n3\n");
}

TEST_CASE("a prefix the query declares wins over the pipeline's") {
  Fixture f;
  CHECK(f.output("PREFIX ex: <http://other.org/> SELECT ?s WHERE { ?s ex:count ?n }") == "s\n-\n");
}

TEST_CASE("literals match as RDF terms: a simple literal equals its xsd:string form") {
  Fixture f;
  CHECK(f.output("SELECT ?s WHERE { ?s cae:text 'ping'^^xsd:string }") == "s\n-----\n<say>\n");
  CHECK(f.output("SELECT ?s WHERE { ?s ex:count 3 }") == "s\n------\n<show>\n");
  CHECK(f.output("SELECT ?s WHERE { ?s cae:text 'nothing' }") == "s\n-\n");
}

TEST_CASE("blank nodes print with their document labels; joins follow them") {
  Fixture f;
  CHECK(f.output("SELECT ?b ?name WHERE { <show> ex:knows ?b . ?b ex:name ?name }") ==
        "b     name\n"
        "----  ------\n"
        "_:b1  \"anon\"\n");
}

TEST_CASE("a variable written twice matches only statements that agree") {
  Fixture f;
  CHECK(f.output("SELECT ?x WHERE { ?x ?p ?x }") == "x\n------\n<loop>\n");
}

TEST_CASE("unbound variables are empty cells; csv, tsv and json follow SPARQL 1.1") {
  Fixture f;
  const std::string_view q =
      "SELECT ?s ?prefix WHERE { ?s a ?t OPTIONAL { ?s cae:prefix ?prefix } }";
  CHECK(f.output(q) ==
        "s       prefix\n"
        "------  ----------\n"
        "<say>   \n"
        "<show>  \"got: \"@en\n");
  CHECK(f.output(q, query::Format::csv) ==
        "s,prefix\r\nfile:///dir/say,\r\nfile:///dir/show,got: \r\n");
  CHECK(f.output(q, query::Format::tsv) ==
        "?s\t?prefix\n<file:///dir/say>\t\n<file:///dir/show>\t\"got: \"@en\n");
  CHECK(f.output("SELECT ?s ?n WHERE { ?s ex:count ?n }", query::Format::json) == R"({
  "head": {
    "vars": [
      "s",
      "n"
    ]
  },
  "results": {
    "bindings": [
      {
        "s": {
          "type": "uri",
          "value": "file:///dir/show"
        },
        "n": {
          "type": "literal",
          "value": "3",
          "datatype": "http://www.w3.org/2001/XMLSchema#integer"
        }
      }
    ]
  }
}
)");
}

TEST_CASE("ASK answers yes or no, and a JSON boolean") {
  Fixture f;
  CHECK(f.output("ASK { <say> a cae:Emit }") == "yes\n");
  CHECK(f.output("ASK { <say> a cae:Print }") == "no\n");
  CHECK(f.output("ASK { <say> a cae:Emit }", query::Format::json) ==
        "{\n  \"head\": {},\n  \"boolean\": true\n}\n");
}

TEST_CASE("CONSTRUCT writes Turtle with only the declarations it uses, or N-Triples") {
  Fixture f;
  const std::string_view q = "CONSTRUCT { ?s ex:says ?t } WHERE { ?s cae:text ?t }";
  CHECK(f.output(q, query::Format::turtle) ==
        "@base <file:///dir/> .\n"
        "@prefix ex: <http://ex.org/> .\n"
        "\n"
        "<say> ex:says \"ping\", \"pong\" .\n");
  CHECK(f.output(q, query::Format::ntriples) ==
        "<file:///dir/say> <http://ex.org/says> \"ping\" .\n"
        "<file:///dir/say> <http://ex.org/says> \"pong\" .\n");
}

TEST_CASE("a query that does not parse is a usage error at its line") {
  Fixture f;
  CHECK_FALSE(f.run("SELECT ?s\nWHERE { ?s ?p ?o . FILTER( }"));
  CHECK(f.errors() == "q.rq:2:1: error: syntax error, unexpected '}' [usage]\n");
}

TEST_CASE("an undeclared prefix is located in the query text") {
  Fixture f;
  CHECK_FALSE(f.run("SELECT ?s\nWHERE { ?s nope:count ?c }"));
  CHECK(f.errors() ==
        "q.rq:2:12: error: The namespace prefix in \"nope:count\" was not declared. [usage]\n");
}

TEST_CASE("result values map back to the graph's terms") {
  Fixture f;
  const auto result = f.run("SELECT ?b ?n WHERE { <show> ex:knows ?b ; ex:count ?n }");
  REQUIRE(result);
  REQUIRE(result->solutions.rows.size() == 2);
  const auto& graph = f.document().graph;
  const rdf::Term blank = query::find_term(graph, *result->solutions.rows[0][0]);
  CHECK(graph.blank_label(blank) == "_:b1");
  CHECK(query::find_term(graph, *result->solutions.rows[1][0]).text() == "file:///dir/say");
  CHECK_FALSE(query::find_term(graph, *result->solutions.rows[0][1]).valid());
}
