// The channel table of a resolved pipeline (spec/arguments.md §2.5): channels grouped from the
// reader and writer arguments, checked against the topology rules, with their transport
// settings resolved from the cae ontology's shapes.
#pragma once

#include <vector>

#include "model/pipeline.hpp"
#include "resolve/context.hpp"
#include "resolve/extract.hpp"
#include "resolve/selection.hpp"

namespace cae::resolve {

// Runs after every processor is resolved; returns the channels sorted by id. When some processor
// failed (`processors_complete` false), its channel ends may be unknown, so a channel that lacks
// a writer or a reader is not reported: that would only be a follow-on error. With --runner,
// an in-memory channel that a processor of another runner (`selection.foreign`) also names is a
// `channel` error: it would have to cross processes.
std::vector<model::Channel> resolve_channels(Context& context, Extractor& extractor,
                                             const Selection& selection, bool processors_complete);

}  // namespace cae::resolve
