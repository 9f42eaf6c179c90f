#include "rdf/syntax.hpp"

#include <array>
#include <utility>

namespace cae::rdf {

std::optional<Syntax> syntax_for_path(std::string_view path, std::string_view* refused) {
  static constexpr std::array<std::pair<std::string_view, Syntax>, 3> known = {{
      {".nt", Syntax::ntriples},
      {".nq", Syntax::nquads},
      {".trig", Syntax::trig},
  }};
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> refused_formats = {{
      {".jsonld", "JSON-LD"},
      {".jar", "Java archive"},
      {".zip", "zip archive"},
  }};
  for (const auto& [ext, syntax] : known) {
    if (path.ends_with(ext)) return syntax;
  }
  for (const auto& [ext, format] : refused_formats) {
    if (path.ends_with(ext)) {
      if (refused != nullptr) *refused = format;
      return std::nullopt;
    }
  }
  return Syntax::turtle;
}

}  // namespace cae::rdf
