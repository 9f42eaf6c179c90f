// Datatype conversion and its JSON encoding (spec/arguments.md §3). The lexical form decides;
// the literal's own datatype is not checked.
#pragma once

#include <optional>
#include <string>

#include "model/pipeline.hpp"
#include "rdf/term.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

// Converts `value` for a field whose sh:datatype is `datatype`. When the value does not fit,
// returns nothing and may set `why` to a detail for the message (such as a range).
std::optional<model::Json> convert_datatype(const Vocabulary& vocab, rdf::Term datatype,
                                            rdf::Term value, std::string& why);

// True when `text` starts with a URI scheme ("http:", "urn:", ...): an absolute IRI.
bool is_absolute_iri(std::string_view text);

}  // namespace cae::resolve
