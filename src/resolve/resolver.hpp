// Argument resolution: the loaded graph becomes a pipeline of processors with typed arguments
// and a channel table (spec/vocabulary.md §3-§7, spec/arguments.md).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/diagnostic.hpp"
#include "model/pipeline.hpp"
#include "rdf/loader.hpp"
#include "resolve/environment.hpp"

namespace cae::resolve {

struct ResolveOptions {
  // True for the class IRIs of the built-in registry: they run without a cae:library. The
  // registry lives in a later module, so the caller hands it in.
  std::function<bool(std::string_view)> is_builtin;
  // rdfl:EnvVariable values come from here (Environment::capture() for a real run).
  Environment environment;
  // conn:filePath must stay beneath this directory; empty means the entry document's directory.
  std::string file_root;
  // Lets ingress ends listen on non-loopback hosts (spec/channels.md §8).
  bool allow_public_listen = false;
  // --runner: resolve only the execution contexts of this runner, as written by the operator
  // (see Naming::expand); empty resolves every context.
  std::string runner;
};

// Resolves `document` (its graph is only extended with interned terms). Every problem is added
// to `diagnostics`, all of them in one run; the result is meaningful only when none is an error.
model::Pipeline resolve_pipeline(rdf::LoadedDocument& document, const ResolveOptions& options,
                                 Diagnostics& diagnostics);

}  // namespace cae::resolve
