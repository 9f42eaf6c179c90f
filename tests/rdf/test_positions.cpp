// Exact source positions of statements (rdf/positions.hpp). Every document is also read by the
// loader, whose check against Serd proves that the scan reports Serd's statements in Serd's
// order: `position_mismatches` stays 0 and the graph holds the scanned positions.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "rdf/loader.hpp"
#include "rdf/positions.hpp"

using namespace cae;
using namespace cae::rdf;

namespace {

char kind_letter(TermKind kind) {
  switch (kind) {
    case TermKind::iri: return 'i';
    case TermKind::blank: return 'b';
    case TermKind::literal: return 'l';
  }
  return '?';
}

std::string show(const ScannedTerm& term) {
  return fmt::format("{}:{}{}", term.where.line, term.where.col, kind_letter(term.kind));
}

std::string show(const Location& where) { return fmt::format("{}:{}", where.line, where.col); }

// "line:col kind" of subject, predicate and object, one string per statement, after checking
// that the loader confirmed every position against Serd and stored it in the graph.
std::vector<std::string> positions(std::string_view text, Syntax syntax = Syntax::turtle) {
  Diagnostics diagnostics;
  const LoadedDocument loaded = load_text(text, "test", diagnostics, syntax);
  CHECK(diagnostics.format(loaded.sources) == "");
  CHECK(loaded.position_mismatches == 0);
  const auto scanned = scan_statements(text, syntax, loaded.entry_file);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scanned.size(); ++i) {
    const ScannedStatement& st = scanned[i];
    out.push_back(fmt::format("{} {} {}", show(st.s), show(st.p), show(st.o)));
    if (i < loaded.graph.statements().size()) {
      const TriplePos& stored = loaded.graph.statements()[i].pos;
      CHECK(stored.s == st.s.where);
      CHECK(stored.p == st.p.where);
      CHECK(stored.o == st.o.where);
    }
  }
  CHECK(loaded.graph.size() == scanned.size());  // the documents below repeat no statement
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("nested blank nodes are emitted before their contents, collections member by member") {
  const auto text =
      "@prefix ex: <http://example.org/> .\n"
      "<p> ex:a [ ex:b [ ex:c 1 ] ; ex:d 2 ], 3 ; ex:l ( \"a\" [ ex:e 4 ] ( 5 ) ) .\n";
  CHECK(positions(text) == Lines{
                               "2:1i 2:5i 2:10b",   // <p> ex:a [
                               "2:10b 2:12i 2:17b",  // [ ex:b [
                               "2:17b 2:19i 2:24l",  // [ ex:c 1
                               "2:10b 2:30i 2:35l",  // [ ex:d 2
                               "2:1i 2:5i 2:40l",   // <p> ex:a 3
                               "2:1i 2:44i 2:49b",  // <p> ex:l (
                               "2:49b 2:51i 2:51l",  // first "a"
                               "2:49b 2:51i 2:55b",  // rest -> the node holding [
                               "2:55b 2:55i 2:55b",  // first [
                               "2:55b 2:57i 2:62l",  // [ ex:e 4
                               "2:55b 2:55i 2:66b",  // rest -> the node holding (
                               "2:66b 2:66i 2:66b",  // first ( 5 )
                               "2:66b 2:68i 2:68l",  // inner first 5
                               "2:66b 2:68i 2:70i",  // inner rest -> rdf:nil at its )
                               "2:66b 2:66i 2:72i",  // rest -> rdf:nil at the outer )
                           });
}

TEST_CASE("a collection as subject, empty collections are rdf:nil at their parenthesis") {
  const auto text =
      "@prefix ex: <http://example.org/> .\n"
      "( 1 ( ) ) ex:p () .\n";
  CHECK(positions(text) == Lines{
                               "2:1b 2:3i 2:3l",
                               "2:1b 2:3i 2:5b",
                               "2:5b 2:5i 2:5i",
                               "2:5b 2:5i 2:9i",
                               "2:1b 2:11i 2:16i",
                           });
}

TEST_CASE("predicate and object lists, long literals over lines, comments holding quotes") {
  const auto text =
      "@prefix ex: <http://example.org/> . # a \"quoted\" comment\n"
      "ex:s ex:p \"one\", \"\"\"two\n"
      "lines\"\"\" ; # it's \"fine\", even \"\"\" here\n"
      "  ex:q '''x''', 'y' ;\n"
      "  a ex:C .\n"
      "ex:t ex:p \"after\" .\n";
  CHECK(positions(text) == Lines{
                               "2:1i 2:6i 2:11l",
                               "2:1i 2:6i 2:18l",
                               "2:1i 4:3i 4:8l",
                               "2:1i 4:3i 4:17l",
                               "2:1i 5:3i 5:5i",
                               "6:1i 6:6i 6:11l",
                           });
}

TEST_CASE("the dot that ends a statement may close a number, a prefixed name or a label") {
  const auto text =
      "@prefix ex: <http://example.org/> .\n"
      "ex:a ex:n 1.\n"
      "ex:a ex:n 1.0.\n"
      "ex:a ex:n 2.5e3 .\n"
      "ex:a ex:m ex:b.\n"
      "ex:a ex:m ex:c.d.\n"
      "ex:a ex:m _:x.\n"
      "ex:a ex:n -7.\n";
  CHECK(positions(text) == Lines{
                               "2:1i 2:6i 2:11l",
                               "3:1i 3:6i 3:11l",
                               "4:1i 4:6i 4:11l",
                               "5:1i 5:6i 5:11i",
                               "6:1i 6:6i 6:11i",
                               "7:1i 7:6i 7:11b",
                               "8:1i 8:6i 8:11l",
                           });
}

TEST_CASE("an integer before the statement's dot keeps its datatype, which Serd 0.30 drops") {
  Diagnostics diagnostics;
  const auto loaded = load_text(
      "<s> <n> 1.\n<s> <n> \"2\".\n<s> <d> 1.0.\n<s> <m> <x.y>.\n", "test", diagnostics);
  REQUIRE(diagnostics.empty());
  const auto& statements = loaded.graph.statements();
  REQUIRE(statements.size() == 4);
  CHECK(statements[0].o.text() == "1");
  CHECK(statements[0].o.datatype().text() == "http://www.w3.org/2001/XMLSchema#integer");
  CHECK(statements[1].o.text() == "2");
  CHECK_FALSE(statements[1].o.datatype());
  CHECK(statements[2].o.datatype().text() == "http://www.w3.org/2001/XMLSchema#decimal");
  CHECK(statements[3].o.text() == "file:///x.y");
}

TEST_CASE("blank subjects, the keyword a, and statements of only a bracket") {
  const auto text =
      "@prefix ex: <http://example.org/> .\n"
      "[ a ex:C ] .\n"
      "[ ex:p 1 ] ex:q 2 .\n"
      "[] a ex:D .\n";
  CHECK(positions(text) == Lines{
                               "2:1b 2:3i 2:5i",
                               "3:1b 3:3i 3:8l",
                               "3:1b 3:12i 3:17l",
                               "4:1b 4:4i 4:6i",
                           });
}

TEST_CASE("columns count bytes; lines count every newline, CRLF once") {
  const auto text =
      "@prefix ex: <http://example.org/> .\r\n"
      "ex:s ex:p \"\"\"\xC3\xA9\r\n"
      "x\"\"\" ; ex:q \"\xC3\xBC\", ex:\xC3\xA4 .\r\n"
      "ex:\xC3\xA9 ex:p ex:o .\r\n";
  CHECK(positions(text) == Lines{
                               "2:1i 2:6i 2:11l",
                               "2:1i 3:8i 3:13l",
                               "2:1i 3:8i 3:19i",
                               "4:1i 4:7i 4:12i",
                           });
}

TEST_CASE("a byte order mark is skipped but counted in the columns") {
  CHECK(positions("\xEF\xBB\xBF<s> <p> <o> .") == Lines{"1:4i 1:8i 1:12i"});
}

TEST_CASE("TriG: named, GRAPH and default graphs; names are not statements") {
  const auto text =
      "@prefix ex: <http://example.org/> .\n"
      "ex:g1 { ex:a ex:p ex:b . ex:c ex:p [ ex:q 1 ] }\n"
      "GRAPH ex:g2 { ex:d ex:p \"x\" }\n"
      "{ ex:e ex:p ex:f . }\n"
      "[] { ex:h ex:p ex:i }\n";
  CHECK(positions(text, Syntax::trig) == Lines{
                                             "2:9i 2:14i 2:19i",
                                             "2:26i 2:31i 2:36b",
                                             "2:36b 2:38i 2:43l",
                                             "3:15i 3:20i 3:25l",
                                             "4:3i 4:8i 4:13i",
                                             "5:6i 5:11i 5:16i",
                                         });
}

TEST_CASE("N-Quads with and without graph terms, N-Triples") {
  const auto quads =
      "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n"
      "_:b <http://a/p> \"x\"@en .\n"
      "<http://a/s> <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .\n";
  CHECK(positions(quads, Syntax::nquads) == Lines{
                                                "1:1i 1:14i 1:27i",
                                                "2:1b 2:5i 2:18l",
                                                "3:1i 3:14i 3:27l",
                                            });
  const auto triples =
      "# comment\n"
      "<http://a/s> <http://a/p> _:o .\n"
      "   _:o <http://a/p> \"\\u00E9\" .\n";
  CHECK(positions(triples, Syntax::ntriples) == Lines{"2:1i 2:14i 2:27b", "3:4b 3:8i 3:21l"});
}

TEST_CASE("directives produce no statements") {
  const auto text =
      "@base <http://example.org/> .\n"
      "BASE <http://example.org/>\n"
      "PREFIX ex: <http://example.org/>\n"
      "prefix ex2: <http://example.org/2/>\n"
      "@prefix ex3: <http://example.org/3/> .\n"
      "ex:a ex2:b ex3:c .\n";
  CHECK(positions(text) == Lines{"6:1i 6:6i 6:12i"});
}

TEST_CASE("the scan stops at an error and never reads past the text") {
  CHECK(scan_statements("<s> <p> \"open", Syntax::turtle, 0).empty());
  const auto first_only = scan_statements("<s> <p> <o> .\n<s> <p> ", Syntax::turtle, 0);
  REQUIRE(first_only.size() == 1);
  CHECK(show(first_only[0].o.where) == "1:9");
  CHECK(scan_statements("", Syntax::turtle, 0).empty());
  CHECK(scan_statements("\xEF\xBB", Syntax::turtle, 0).empty());
  CHECK(scan_statements(std::string_view{"<s> <p> \"a\0b\" .", 15}, Syntax::turtle, 0).size() == 1);
}

TEST_CASE("an undefined prefix is reported at the term that uses it") {
  Diagnostics diagnostics;
  const auto loaded = load_text(
      "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n   ex:d nope:e .\n", "test",
      diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(format_diagnostic(diagnostics.items()[0], loaded.sources) ==
        "test:3:9: error: undefined prefix in 'nope:e' [syntax]\n");
}

TEST_CASE("nesting deeper than max_nesting is refused at the first bracket too deep") {
  std::string deepest = "<s> <p> ";
  for (unsigned i = 0; i < max_nesting; ++i) deepest += "[ <p> ";
  deepest += "<o>";
  for (unsigned i = 0; i < max_nesting; ++i) deepest += " ]";
  Diagnostics diagnostics;
  const auto accepted = load_text(deepest + " .", "test", diagnostics);
  CHECK(diagnostics.empty());
  CHECK(accepted.graph.size() == max_nesting + 1);
  CHECK(accepted.position_mismatches == 0);

  const std::string too_deep = "<s> <p> " + std::string(max_nesting + 1, '(');
  const auto refused = load_text(too_deep, "test", diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(format_diagnostic(diagnostics.items()[0], refused.sources) ==
        fmt::format("test:1:{}: error: blank nodes and collections are nested more than {} levels "
                    "deep here [syntax]\n",
                    9 + max_nesting, max_nesting));
  CHECK(refused.graph.size() == 0);
}

TEST_CASE("escapes of UTF-16 surrogates are refused where Serd would accept them") {
  const std::vector<std::pair<std::string_view, std::string_view>> refused = {
      {"<s> <p> \"a\\ud800\" .", "1:11"},
      {"<s> <p> '''a\\uDFFF''' .", "1:13"},
      {"<s> <p> <a\\uDBFF> .", "1:11"},
  };
  for (const auto& [text, backslash] : refused) {
    Diagnostics diagnostics;
    const auto loaded = load_text(text, "test", diagnostics);
    REQUIRE(diagnostics.items().size() == 1);
    const auto& diagnostic = diagnostics.items()[0];
    CHECK(diagnostic.code == Code::syntax);
    CHECK(show(diagnostic.where) == backslash);
    CHECK(diagnostic.message.find("names a UTF-16 surrogate") != std::string::npos);
    CHECK(loaded.graph.size() == 0);
  }
  Diagnostics diagnostics;
  load_text("<s> <p> \"\\uD7FF\\uE000\\U0010FFFF\" .", "test", diagnostics);
  CHECK(diagnostics.empty());
}
