#include "cli/load_pipeline.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "processors/builtins.hpp"
#include "resolve/resolver.hpp"

namespace cae::cli {

void PipelineOptions::configure(CLI::App& sub) {
  sub.add_option("--file-root", file_root,
                 "Directory that conn:filePath values must stay beneath (default: the "
                 "pipeline's directory)");
  sub.add_flag("--allow-public-listen", allow_public_listen,
               "Let ingress channel ends listen on non-loopback addresses");
  sub.add_option("--runner", runner,
                 "Only the execution contexts of this runner IRI (absolute, prefixed, <name> or "
                 "#name relative to the pipeline document)");
}

LoadedPipeline load_pipeline(const std::string& path, const PipelineOptions& options) {
  LoadedPipeline out;
  out.document = rdf::load_document(path, out.diagnostics);
  if (!out.diagnostics.has_errors()) {
    resolve::ResolveOptions resolve_options;
    resolve_options.is_builtin = [builtins = processors::builtin_types()](std::string_view iri) {
      return std::find(builtins.begin(), builtins.end(), iri) != builtins.end();
    };
    resolve_options.environment = resolve::Environment::capture();
    resolve_options.file_root = options.file_root;
    resolve_options.allow_public_listen = options.allow_public_listen;
    resolve_options.runner = options.runner;
    out.pipeline = resolve::resolve_pipeline(out.document, resolve_options, out.diagnostics);
    out.resolved = true;
  }
  out.diagnostics.sort();
  return out;
}

std::string counted(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

}  // namespace cae::cli
