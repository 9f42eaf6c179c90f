#include "rdf/positions.hpp"

#include "rdf/statement_scanner.hpp"

namespace cae::rdf {

StatementScan scan_document(std::string_view text, Syntax syntax, std::uint32_t file) {
  return detail::StatementScanner{text, syntax, file}.run();
}

std::vector<ScannedStatement> scan_statements(std::string_view text, Syntax syntax,
                                              std::uint32_t file) {
  return scan_document(text, syntax, file).statements;
}

}  // namespace cae::rdf
