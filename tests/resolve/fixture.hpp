// Helpers for argument-resolution tests: resolve inline Turtle (load_text, no bundled
// vocabularies) or files written to a temporary directory (load_document, with them).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/diagnostic.hpp"
#include "model/pipeline.hpp"
#include "rdf/loader.hpp"
#include "resolve/resolver.hpp"

namespace cae::test {

// The prefixes of spec/arguments.md §6, on one line, so that line N of an example body is line
// N + 1 of the document.
inline constexpr std::string_view example_prefixes =
    "@prefix sh: <http://www.w3.org/ns/shacl#>. @prefix xsd: <http://www.w3.org/2001/XMLSchema#>. "
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>. "
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#>. "
    "@prefix rdfc: <https://w3id.org/rdf-connect#>. "
    "@prefix rdfl: <https://w3id.org/rdf-lens/ontology#>. @prefix cae: <https://w3id.org/cae#>. "
    "@prefix conn: <https://w3id.org/conn#>. @prefix js: <https://w3id.org/conn/js#>. "
    "@prefix ex: <http://ex.org/>.\n";

struct Resolution {
  rdf::LoadedDocument document;
  model::Pipeline pipeline;
  Diagnostics diagnostics;

  // Every diagnostic as cae prints it.
  [[nodiscard]] std::string errors() const { return diagnostics.format(document.sources); }
  // The arguments of the processor with this id (an empty object when there is none).
  [[nodiscard]] model::Json arguments(std::string_view id) const;
  // The arguments of the processor as compact JSON text, keys sorted.
  [[nodiscard]] std::string arguments_text(std::string_view id) const;
};

// Options for inline documents: classes ex:P, ex:Q ... listed in `builtins` need no library.
resolve::ResolveOptions options_with_builtins(std::initializer_list<std::string_view> builtins);

// Resolves `example_prefixes` + `body`, loaded as file:///NAME with load_text.
Resolution resolve_text(std::string_view body, const resolve::ResolveOptions& options,
                        std::string_view name = "demo/p.ttl");

// The E-examples' setting: ex:P and ex:Q are runnable classes (treated as built in).
Resolution resolve_example(std::string_view body,
                           const std::unordered_map<std::string, std::string>& environment = {});

// `json` in the compact form arguments_text() prints, to compare integers and reals exactly.
std::string compact(std::string_view json);

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to `name` below the directory and returns its path.
  std::filesystem::path write(std::string_view name, std::string_view text) const;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Loads `path` with its imports and the bundled vocabularies, then resolves it.
Resolution resolve_file(const std::filesystem::path& path, const resolve::ResolveOptions& options);

}  // namespace cae::test
