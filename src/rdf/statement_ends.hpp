// Finds where top-level statements end in a stream of RDF text, so that a converter can hand
// Serd whole statements only and run it on the caller's thread. Internal to src/rdf.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rdf/syntax.hpp"

namespace cae::rdf::detail {

// Scans the text of a document as it grows and reports the last place where Serd may stop
// reading and later go on with a fresh read of the rest: after a top-level statement, before
// the white space that follows it. Every place it reports is one in valid input; the scan stops
// short of a construct whose end has not arrived yet (an IRI, a string, a blank node, a graph),
// so such a construct is never cut.
//
// N-Triples and N-Quads end statements at line ends (no literal or IRI holds a raw newline).
// Turtle and TriG need a scan of strings, IRIs, comments and brackets: a statement ends at a
// '.' outside all of them that is followed by white space (a name or number never ends in a
// '.'), and a TriG graph at its closing '}' followed by white space. Text that cannot be valid
// (a line end inside an IRI or short string, an unmatched closing bracket) ends the scan for
// good: from then on all of the text is reported, and Serd finds the error in it.
class StatementEnds {
 public:
  explicit StatementEnds(Syntax syntax);

  // `text` is all the input not yet handed to Serd; it extends the text of the previous call.
  // Returns the length of its longest prefix that ends at a statement end (0: none yet).
  std::size_t scan(std::string_view text);

  // The caller handed the first `length` bytes to Serd and dropped them from its text; `length`
  // is at most the last result of scan.
  void drop(std::size_t length);

 private:
  enum class State : std::uint8_t {
    top,            // between terms
    iri,            // inside <...>
    short_string,   // inside "..." or '...'
    long_string,    // inside """...""" or '''...'''
    comment,        // from '#' to the line end
    invalid,        // the text cannot be valid: hand over all of it
  };

  std::size_t scan_lines(std::string_view text);
  // Scans one byte or token at pos_ in the `top` state; false when it needs more text.
  bool step_top(std::string_view text);
  bool step_string(std::string_view text);
  void step_iri(std::string_view text);
  void step_comment(std::string_view text);

  bool line_based_;
  State state_ = State::top;
  char quote_ = '"';     // the quote character of the string being scanned
  std::size_t depth_ = 0;  // open '[', '(' and '{' in the `top` state
  std::size_t pos_ = 0;    // next byte to scan
  std::size_t end_ = 0;    // the last statement end found
};

}  // namespace cae::rdf::detail
