// Topology checks of `cae validate` on a pipeline-mode document: who runs each processor, and
// whether channels cross runners. Argument resolution already reports channels without a writer
// or reader, ends used the wrong way, foreign runners and processors listed twice among cae's own
// contexts (spec/arguments.md §2.5, spec/vocabulary.md §3.1); these checks add what only the
// whole document shows, including the contexts of runners cae does not start.
#pragma once

#include "base/diagnostic.hpp"
#include "model/pipeline.hpp"
#include "rdf/loader.hpp"

namespace cae::validate {

// Adds `topology` diagnostics, each at the statement at fault:
// - warning: an instance of a processor class (any rdfc:*ImplementationOf) in a user document
//   that no execution context lists: nothing will run it;
// - warning: the processors of a context whose runner cae does not start (resolution reports
//   the runner itself as an error): cae will not run them;
// - error: a processor listed under two different runners, where resolution has not said so;
// - error: an in-memory channel of cae's processors that a processor of another runner also
//   names: different runners are different processes, so they need a network or file end.
// With --runner (pipeline.only_runner), the last two are left out. Connector-architecture
// documents declare no runners and get no topology diagnostics. The graph
// is only extended with interned vocabulary terms.
void check_topology(rdf::LoadedDocument& document, const model::Pipeline& pipeline,
                    Diagnostics& diagnostics);

}  // namespace cae::validate
