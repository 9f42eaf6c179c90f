#include "rdf/positions.hpp"
namespace cae::rdf {
std::vector<ScannedStatement> scan_statements(std::string_view, Syntax, std::uint32_t) { return {}; }
}
