// Which processors run, of which class, on which runner (spec/vocabulary.md §3): the listed
// processors of the pipeline resource, or, without one, every instance of a runnable class.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/pipeline.hpp"
#include "resolve/context.hpp"

namespace cae::resolve {

struct SelectedProcessor {
  rdf::Term node;
  rdf::Term type;       // its one runnable class
  Location type_where;  // the rdf:type object
  std::string runner;   // runner IRI
};

// A processor that an execution context of another runner lists, when --runner selects one.
struct ForeignProcessor {
  rdf::Term node;
  rdf::Term runner;
  Location where;  // the rdfc:processor object
};

struct Selection {
  std::string pipeline;  // pipeline id; the entry document IRI in connector-architecture mode
  bool connector_mode = false;
  std::vector<model::Runner> runners;
  std::vector<SelectedProcessor> processors;  // run order
  std::string only_runner;                    // --runner's IRI, expanded; empty without it
  std::vector<ForeignProcessor> foreign;      // only with --runner: the other contexts' listings
};

// Selects the processors; pipeline candidates count only in the entry file (`entry_file`,
// whose document IRI is `entry_iri`). Problems are reported and their processors left out. With
// options.runner set, only that runner's contexts are read; the others are not checked at all.
Selection select_processors(Context& context, std::uint32_t entry_file, std::string_view entry_iri);

}  // namespace cae::resolve
