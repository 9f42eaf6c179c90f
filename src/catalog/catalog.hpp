// The processor classes a document knows (built in, or declared with an rdfc:*ImplementationOf
// property) and what their SHACL shapes say about their arguments: the data of `cae processors`
// and `cae describe`. Every name here is already written for people (`cae:Generate`, `<x>`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "rdf/loader.hpp"

namespace cae::catalog {

struct ProcessorClass {
  std::string iri;
  std::string name;       // as messages write it
  std::string runs;       // "built in", "library <libx.so>", "JavaScript runner" …
  bool runnable = false;  // cae can run it
  std::string comment;    // rdfs:comment of the class
};

struct Argument {
  std::string name;                   // sh:codeIdentifier, else sh:name
  std::string path;                   // in SPARQL notation
  std::string type;                   // the sh:class or sh:datatype
  bool required = false;              // sh:minCount > 0
  bool list = false;                  // any sh:maxCount but 1
  std::string count;                  // "1", "0..1", "1..*", "2..5" …
  std::vector<std::string> defaults;  // sh:defaultValue, in Turtle form
  std::string description;            // sh:description, else rdfs:comment
};

struct Description {
  ProcessorClass cls;
  std::string runner;  // what executes it
  bool has_shape = false;
  std::vector<Argument> arguments;
};

class Catalog {
 public:
  // Reads `document` (its graph is only extended with interned vocabulary terms);
  // `builtins` are the class IRIs of the built-in registry.
  Catalog(rdf::LoadedDocument& document, std::vector<std::string> builtins);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // Every processor class, sorted by name.
  [[nodiscard]] std::vector<ProcessorClass> classes() const;
  // The absolute IRI a user's class name stands for: `cae:Generate` (the document's and the
  // well-known prefixes), `<Step>` (relative to the document), or a full IRI.
  [[nodiscard]] std::optional<std::string> expand(std::string_view name) const;
  // The class with its arguments; none when `iri` is no processor class. Defects of its shape
  // are added to `diagnostics`.
  std::optional<Description> describe(std::string_view iri, Diagnostics& diagnostics);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The document at `pipeline` with its imports and the bundled vocabularies; only the
// vocabularies loaded with every pipeline when `pipeline` is empty.
rdf::LoadedDocument load_known_classes(const std::string& pipeline, Diagnostics& diagnostics);

// `cae processors`: an aligned table of class, how it runs, and the first sentence of its
// comment; or one class name per line.
std::string format_classes(const std::vector<ProcessorClass>& classes);
std::string format_names(const std::vector<ProcessorClass>& classes);
// `cae describe`: the class, its runner and each argument, for a terminal or as a Markdown
// section (docs/processors.md is made of these).
std::string format_description(const Description& description);
std::string format_markdown(const Description& description);

}  // namespace cae::catalog
