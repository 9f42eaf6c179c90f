// Vocabularies compiled into cae, so that loading never touches the network
// (spec/vocabulary.md §2). The texts are generated from ontology/ at build time.
#pragma once

#include <span>
#include <string_view>

namespace cae::rdf {

struct BundledDocument {
  std::string_view iri;   // the document IRI, without trailing '#' or '/'
  std::string_view name;  // path below ontology/, used as the file name in diagnostics
  std::string_view text;  // Turtle
  bool always_loaded;     // cae's own vocabulary and built-in processor shapes
};

std::span<const BundledDocument> bundled_documents();

// The bundled copy of `iri`, compared after dropping one trailing '#' or '/'; nullptr if none.
const BundledDocument* find_bundled(std::string_view iri);

}  // namespace cae::rdf
