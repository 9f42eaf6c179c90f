// Source positions of statements. Serd 0.30 hands no position to its statement callback, so
// cae scans the document text itself, alongside Serd, and lines the results up by order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rdf/syntax.hpp"
#include "rdf/term.hpp"

namespace cae::rdf {

// Where a scanned term starts, and what kind of term Serd will make of it.
struct ScannedTerm {
  Location where;
  TermKind kind = TermKind::iri;
  // A literal written as a bare number. Serd 0.30 gives an integer that the statement's dot
  // follows (`ex:n 1.`) no datatype at all; the loader restores xsd:integer.
  bool number = false;
};

struct ScannedStatement {
  ScannedTerm s;
  ScannedTerm p;
  ScannedTerm o;
};

// Blank nodes and collections nested deeper than this are refused: Serd recurses once per level
// and overflows the stack some ten thousand levels down.
inline constexpr unsigned max_nesting = 1000;

// Text that Serd 0.30 reads without complaint but cae refuses: nesting deeper than max_nesting,
// and numeric escapes of UTF-16 surrogates (\uD800 to \uDFFF), which name no character.
struct ScanRefusal {
  Location where;
  std::string message;
};

struct StatementScan {
  std::vector<ScannedStatement> statements;
  // The first refused text; the scan stops there.
  std::optional<ScanRefusal> refusal;
};

// Returns, for every statement Serd emits when reading `text` as `syntax`, in Serd's emission
// order, where its subject, predicate and object start (file index `file`, 1-based line and
// byte column). Blank nodes written as `[` or `(` are located at that bracket, and so are the
// statements whose subject they are. Collection statements (rdf:first/rdf:rest) are located
// at the member they hold and at the following member or `)`; the first list node of a
// collection is located at its `(`, every further one at the member it holds.
// The scan assumes Serd accepted the text; on text Serd rejects, it returns what it could
// scan up to the fault, never reading out of bounds.
std::vector<ScannedStatement> scan_statements(std::string_view text, Syntax syntax,
                                              std::uint32_t file);

// The same scan, also telling whether the text holds something cae refuses.
StatementScan scan_document(std::string_view text, Syntax syntax, std::uint32_t file);

}  // namespace cae::rdf
