// Loading and resolving a pipeline document, as every command that reads one does: a syntax or
// import error stops before resolution; all other problems are reported in one run.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "base/diagnostic.hpp"
#include "model/pipeline.hpp"
#include "rdf/loader.hpp"

namespace cae::cli {

// The command-line options that change what a valid pipeline is.
struct PipelineOptions {
  std::string file_root;  // --file-root; empty: the entry document's directory
  bool allow_public_listen = false;

  // Declares --file-root and --allow-public-listen on `sub`.
  void configure(CLI::App& sub);
};

struct LoadedPipeline {
  rdf::LoadedDocument document;
  model::Pipeline pipeline;
  Diagnostics diagnostics;  // sorted
};

LoadedPipeline load_pipeline(const std::string& path, const PipelineOptions& options);

}  // namespace cae::cli
