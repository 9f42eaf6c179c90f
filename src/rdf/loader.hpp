// Loading a pipeline document with its imports and the bundled vocabularies into one Graph
// (spec/vocabulary.md §2).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.hpp"
#include "rdf/graph.hpp"
#include "rdf/syntax.hpp"

namespace cae::rdf {

struct LoadedDocument {
  Graph graph;
  SourceMap sources;      // every file read, in load order
  std::string entry_iri;  // the entry file's absolute file: URL, the base of its relative IRIs
  std::string entry_dir;  // absolute directory of the entry file
  std::uint32_t entry_file = 0;
  // The entry file's @prefix/PREFIX declarations as (name, absolute IRI), in order; a name
  // declared again keeps its last IRI. Tools use them to print and query with the author's names.
  std::vector<std::pair<std::string, std::string>> prefixes;
  // Stable counts for `cae check` summaries and benchmarks.
  std::size_t documents = 0;
  // Documents read without error whose position scan parted ways with Serd, so that their
  // statements name the file only. Always 0 unless the scan has a bug; tests assert that.
  std::size_t position_mismatches = 0;
};

// Loads `path`, then its owl:imports depth-first in source order, then the bundled
// vocabularies. Problems (unreadable files, syntax errors, refused imports) are added to
// `diagnostics` with the position of their cause; whatever could be read is returned.
LoadedDocument load_document(std::string_view path, Diagnostics& diagnostics);

// Loads only the bundled vocabularies that load with every pipeline (the cae ontology and the
// built-in processor shapes): what cae knows before it reads a document. There is no entry file.
LoadedDocument load_vocabularies(Diagnostics& diagnostics);

// Loads text (Turtle unless told otherwise; no imports are followed, no bundled vocabularies are
// added) into a graph whose only file is `name`. For tests and tools.
LoadedDocument load_text(std::string_view text, std::string_view name, Diagnostics& diagnostics,
                         Syntax syntax = Syntax::turtle);

// IRI helpers shared by the layers above.
std::string file_iri_from_path(std::string_view absolute_path);
// The filesystem path of a file: IRI, percent-decoded; empty when the IRI is not a local file.
std::string path_from_file_iri(std::string_view iri);

}  // namespace cae::rdf
