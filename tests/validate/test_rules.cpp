#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "validate/rules.hpp"

using namespace cae;

namespace {

constexpr std::string_view pipeline = R"(@prefix conn: <https://w3id.org/conn#>.
@prefix ex: <http://ex.org/>.
<good> a conn:FileWriterChannel; conn:filePath "out/result.txt".
<dotted> a conn:FileWriterChannel; conn:filePath "./out/x.txt".
<outside> a conn:FileWriterChannel;
  conn:filePath "/tmp/result.txt".
<climbing> a conn:FileWriterChannel; conn:filePath "out/../../etc/x".
<in> a conn:FileReaderChannel; conn:filePath "/tmp/in.txt".
)";

std::string read_text(const std::string& path) {
  std::ifstream in{path};
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

// Runs `rule` (registered as file `rule_name`) over `pipeline` and prints what it reports.
std::string check(std::string_view rule, std::string_view rule_name) {
  Diagnostics diagnostics;
  auto document = rdf::load_text(pipeline, "p.ttl", diagnostics);
  const auto rule_file = document.sources.add(std::string{rule_name}, "");
  validate::check_rule(document, query::QueryText{rule, rule_file}, diagnostics);
  return diagnostics.format(document.sources);
}

}  // namespace

TEST_CASE("the shipped rule: every file writer must write under ./out") {
  const std::string rule = read_text(CAE_SOURCE_ROOT "/pipelines/rules/file-writers-under-out.rq");
  CHECK(check(rule, "under-out.rq") ==
        "p.ttl:5:1: error: <outside>: file writer writes to \"/tmp/result.txt\", outside ./out "
        "[rule]\n"
        "under-out.rq: note: reported by this rule\n"
        "p.ttl:7:1: error: <climbing>: file writer writes to \"out/../../etc/x\", outside ./out "
        "[rule]\n"
        "under-out.rq: note: reported by this rule\n");
}

TEST_CASE("a rule without ?focus or ?message reports at the rule with a generic message") {
  CHECK(check("SELECT ?x WHERE { ?x a conn:FileReaderChannel }", "r.rq") ==
        "r.rq: error: matches a rule [rule]\n");
}

TEST_CASE("?severity \"warning\" makes a warning") {
  CHECK(check("SELECT ?focus ?severity WHERE { ?focus a conn:FileReaderChannel "
              "BIND(\"warning\" AS ?severity) }",
              "r.rq") ==
        "p.ttl:8:1: warning: <in>: matches a rule [rule]\nr.rq: note: reported by this rule\n");
}

TEST_CASE("a rule must be a SELECT query") {
  CHECK(check("ASK { ?x a conn:FileReaderChannel }", "r.rq") ==
        "r.rq: error: a rule must be a SELECT query; each solution is one violation [usage]\n");
}
