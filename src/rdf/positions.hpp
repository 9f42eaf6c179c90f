// Source positions of statements. Serd 0.30 hands no position to its statement callback, so
// cae scans the document text itself, alongside Serd, and lines the results up by order.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "rdf/syntax.hpp"
#include "rdf/term.hpp"

namespace cae::rdf {

// Where a scanned term starts, and what kind of term Serd will make of it.
struct ScannedTerm {
  Location where;
  TermKind kind = TermKind::iri;
};

struct ScannedStatement {
  ScannedTerm s;
  ScannedTerm p;
  ScannedTerm o;
};

// Returns, for every statement Serd emits when reading `text` as `syntax`, in Serd's emission
// order, where its subject, predicate and object start (file index `file`, 1-based line and
// byte column). Blank nodes written as `[` or `(` are located at that bracket, and so are the
// statements whose subject they are. Collection statements (rdf:first/rdf:rest) are located
// at the member they hold and at the following member or `)`.
// The scan assumes Serd accepted the text; on text Serd rejects, it returns what it could
// scan up to the fault, never reading out of bounds.
std::vector<ScannedStatement> scan_statements(std::string_view text, Syntax syntax,
                                              std::uint32_t file);

}  // namespace cae::rdf
