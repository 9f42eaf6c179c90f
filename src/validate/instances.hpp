// The SHACL Core value constraints of each processor's shape, checked on each resolved processor
// instance (spec/vocabulary.md §7). Argument resolution has already checked counts, datatypes
// and classes; this adds sh:in, sh:pattern, ranges, lengths, sh:nodeKind, sh:hasValue, and a
// literal whose own datatype differs from sh:datatype (a warning: resolution accepts it).
#pragma once

#include "base/diagnostic.hpp"
#include "model/pipeline.hpp"
#include "rdf/loader.hpp"

namespace cae::validate {

// Adds one diagnostic per violation to `diagnostics`: `bad-value` at the offending value, or
// `missing-argument` at the processor when an sh:hasValue has no value at all. A value that
// already has an error in `diagnostics` is skipped: one problem per term is enough. The graph is
// only extended with interned vocabulary terms.
void check_instances(rdf::LoadedDocument& document, const model::Pipeline& pipeline,
                     Diagnostics& diagnostics);

}  // namespace cae::validate
