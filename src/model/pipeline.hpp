// The resolved pipeline as plain values: what argument resolution produces and what the runtime,
// `cae inspect`, `cae graph` and `cae validate` consume. Nothing here knows about RDF libraries.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.hpp"

namespace cae::model {

// Resolved arguments use the JSON encoding of spec/arguments.md §3: field names are sorted
// (nlohmann::json keeps object keys ordered), readers are {"reader": id}, writers
// {"writer": id}, IRIs {"iri": …}, raw literals {"literal": …, "datatype": …}.
using Json = nlohmann::json;

enum class Transport : std::uint8_t { memory, ws, http, file, tcp };
std::string_view transport_name(Transport transport);

// What kind of runner executes a processor: cae itself, or one it only recognises.
struct Runner {
  std::string id;        // runner IRI (https://w3id.org/cae#CppRunner in connector mode)
  std::string handles;   // IRI of its rdfc:handlesSubjectsOf property
  Location where;        // rdfc:instantiates object
};

struct Processor {
  std::string id;         // IRI, or _:bN in connector-architecture mode
  std::string type;       // IRI of its runnable class
  std::string runner;     // runner IRI
  Json arguments;         // object, spec/arguments.md §3
  Location where;         // the rdf:type object that made it runnable
  std::string library;    // absolute path of the class's cae:library; empty for built-ins
  Location library_where; // the cae:library object
  // Nested rdfl:TypedExtract values name the class that was chosen, by argument path.
  std::vector<std::pair<std::string, std::string>> extracted_types;
};

// Queue bounds of one channel's reader queues (spec/channels.md §3); unset means "the run's".
struct QueueLimits {
  std::optional<std::uint64_t> messages;
  std::optional<std::uint64_t> bytes;
};

struct Channel {
  std::string id;                    // channel IRI or pairing node (_:bN when blank)
  std::vector<std::string> writers;  // processor ids, in processor order, each once
  std::vector<std::string> readers;
  Transport transport = Transport::memory;
  Json settings = Json::object();    // resolved transport settings (spec/vocabulary.md §5)
  std::string log_level;             // rdfc:logLevel, normalised; empty when not set
  QueueLimits queue;
  Location where;                    // first use by a resolved processor
};

// What `cae inspect` shows about a processor class: its rdfs:comment and, by argument name, the
// sh:description (else rdfs:comment) of each field of its shape.
struct ClassDoc {
  std::string comment;
  std::vector<std::pair<std::string, std::string>> arguments;
};

struct Pipeline {
  std::string iri;                   // pipeline resource, or the entry document IRI
  bool connector_mode = false;       // no rdfc:Pipeline resource: connector-architecture mode
  std::vector<Runner> runners;
  std::string only_runner;           // --runner: the one runner resolved; empty: all of them
  std::vector<Processor> processors; // run order
  std::vector<Channel> channels;     // sorted by id
  std::map<std::string, ClassDoc> class_docs;  // by class IRI, for the classes of `processors`

  [[nodiscard]] const Processor* find_processor(std::string_view id) const;
  [[nodiscard]] const Channel* find_channel(std::string_view id) const;
};

// spec/arguments.md §4: the `cae inspect --json` document.
nlohmann::ordered_json to_inspect_json(const Pipeline& pipeline);

}  // namespace cae::model
