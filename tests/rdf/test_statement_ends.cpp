#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "rdf/statement_ends.hpp"

using cae::rdf::Syntax;
using cae::rdf::detail::StatementEnds;

namespace {

// The text before the last statement end StatementEnds finds in `text`, fed whole.
std::string_view before_last_end(Syntax syntax, std::string_view text) {
  StatementEnds ends{syntax};
  return text.substr(0, ends.scan(text));
}

// The same, fed one byte more at a time: the result must not depend on how the text arrives.
std::string_view before_last_end_bytewise(Syntax syntax, std::string_view text) {
  StatementEnds ends{syntax};
  std::size_t end = 0;
  for (std::size_t n = 1; n <= text.size(); ++n) end = ends.scan(text.substr(0, n));
  return text.substr(0, end);
}

}  // namespace

TEST_CASE("N-Triples statements end before the last line end") {
  CHECK(before_last_end(Syntax::ntriples, "<a:s> <a:p> <a:o> .\n<a:s> <a:p> \"x") ==
        "<a:s> <a:p> <a:o> .");
  CHECK(before_last_end(Syntax::nquads, "<a:s> <a:p> <a:o> <a:g> .\r\n") ==
        "<a:s> <a:p> <a:o> <a:g> .\r");
  CHECK(before_last_end(Syntax::ntriples, "<a:s> <a:p> <a:o> .").empty());
}

TEST_CASE("a Turtle statement ends at a top-level dot followed by white space") {
  const std::string_view text =
      "@prefix ex: <http://e/> .\n"
      "ex:a ex:b ex:c.d , 1.5 , \". \" , '''. #\n''' , [ ex:p ex:q ] .\n"
      "ex:a ex:b ex:c";
  const std::string_view expected =
      "@prefix ex: <http://e/> .\n"
      "ex:a ex:b ex:c.d , 1.5 , \". \" , '''. #\n''' , [ ex:p ex:q ] .";
  CHECK(before_last_end(Syntax::turtle, text) == expected);
  CHECK(before_last_end_bytewise(Syntax::turtle, text) == expected);
}

TEST_CASE("dots inside IRIs, strings, comments, brackets and escaped names end nothing") {
  for (const std::string_view text : {
           "<http://e/a.>", "\"a. b\"", "'a. b'", "\"\"\"a. \"\" . b\"\"\"", "# a. b\n",
           "[ ex:p ex:o . ]", "( 1 . 2 )", "ex:a\\. ", "\"a\\\". b\"",
       }) {
    CAPTURE(text);
    CHECK(before_last_end(Syntax::turtle, text).empty());
    CHECK(before_last_end_bytewise(Syntax::turtle, text).empty());
  }
}

TEST_CASE("an empty string is not the start of a long one") {
  CHECK(before_last_end(Syntax::turtle, "ex:a ex:b \"\" . ex:c") == "ex:a ex:b \"\" .");
  CHECK(before_last_end_bytewise(Syntax::turtle, "ex:a ex:b '' . ex:c") == "ex:a ex:b '' .");
}

TEST_CASE("a TriG graph ends at its closing brace") {
  const std::string_view text = "ex:g { ex:a ex:b ex:c . ex:d ex:e [ ex:f 1 ] . }\nex:h {";
  CHECK(before_last_end(Syntax::trig, text) == "ex:g { ex:a ex:b ex:c . ex:d ex:e [ ex:f 1 ] . }");
  CHECK(before_last_end_bytewise(Syntax::trig, text) ==
        "ex:g { ex:a ex:b ex:c . ex:d ex:e [ ex:f 1 ] . }");
}

TEST_CASE("text that cannot be valid is handed over whole, for Serd to report") {
  for (const std::string_view text : {"ex:a ex:b \"line\nend", "<http://e/a b> . ",
                                      "ex:a ex:b ex:c ] . x"}) {
    CAPTURE(text);
    CHECK(before_last_end(Syntax::turtle, text) == text);
  }
}

TEST_CASE("dropping the handed-over text keeps the scan in step") {
  StatementEnds ends{Syntax::turtle};
  std::string text = "ex:a ex:b \"x\" . ex:c ex:d";
  REQUIRE(ends.scan(text) == 15);
  text.erase(0, 15);
  ends.drop(15);
  text += " \"y. \" . ";
  CHECK(text.substr(0, ends.scan(text)) == " ex:c ex:d \"y. \" .");
}
