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
  std::string runner;  // --runner; empty: every execution context cae can run

  // Declares --file-root, --allow-public-listen and --runner on `sub`.
  void configure(CLI::App& sub);
};

struct LoadedPipeline {
  rdf::LoadedDocument document;
  model::Pipeline pipeline;
  Diagnostics diagnostics;  // sorted
  bool resolved = false;    // false when a syntax or import error stopped loading
};

LoadedPipeline load_pipeline(const std::string& path, const PipelineOptions& options);

// "1 processor", "2 processors": for the one-line summaries of check and validate.
std::string counted(std::size_t count, std::string_view noun);

}  // namespace cae::cli
