#include "rdf/bundled.hpp"

#include <algorithm>

namespace cae::rdf {

const BundledDocument* find_bundled(std::string_view iri) {
  if (iri.ends_with('#') || iri.ends_with('/')) iri.remove_suffix(1);
  const auto documents = bundled_documents();
  const auto found = std::find_if(documents.begin(), documents.end(),
                                  [&](const BundledDocument& d) { return d.iri == iri; });
  return found == documents.end() ? nullptr : &*found;
}

}  // namespace cae::rdf
