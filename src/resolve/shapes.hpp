// The SHACL shapes that type arguments (spec/arguments.md §1): which shape belongs to which
// class, and the fields of a shape, read and checked lazily, the first time a class is used.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.hpp"
#include "rdf/graph.hpp"
#include "resolve/naming.hpp"
#include "resolve/path.hpp"
#include "resolve/value.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

// One sh:property node.
struct Field {
  std::string name;  // sh:codeIdentifier, else sh:name
  Path path;
  std::string path_text;           // the path in SPARQL notation, for messages
  rdf::Term cls;                   // sh:class; when present it wins over sh:datatype
  Location class_where;            // the sh:class object: where no-shape points
  rdf::Term datatype;              // sh:datatype, used only without sh:class
  std::size_t min = 0;             // sh:minCount
  std::optional<std::size_t> max;  // sh:maxCount; none means unbounded
  std::vector<Value> defaults;     // sh:defaultValue objects
  rdf::Term node;                  // the property shape itself
  Location where;                  // where it is written
  std::string description;         // sh:description, else rdfs:comment

  // max = 1 makes a scalar field, anything else a list field.
  [[nodiscard]] bool scalar() const { return max == 1; }
};

struct Shape {
  rdf::Term node;
  std::vector<Field> fields;  // in the order of the sh:property values
};

class ShapeIndex {
 public:
  // `cae_only` names the classes whose shapes count only when the cae ontology (file
  // `cae_file`) declares them: the transport classes. Every reference must outlive the index.
  ShapeIndex(const rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming,
             Diagnostics& diagnostics, std::function<bool(rdf::Term)> cae_only,
             std::uint32_t cae_file);

  // The shape of `cls`, read and checked on first use (defects are reported once, as bad-value
  // at the property). nullptr when `cls` has no shape, and also when it has several, which is
  // reported once as too-many-values.
  const Shape* shape_of(rdf::Term cls);
  // True when at least one shape targets `cls`.
  [[nodiscard]] bool has_shape(rdf::Term cls) const;
  // The shape written at `node` (typed sh:NodeShape), used without a target class, such as the
  // settings shape of in-memory channels; nullptr when there is none.
  const Shape* named_shape(rdf::Term node);

 private:
  struct Target {
    rdf::Term shape;
    Location where;  // the sh:targetClass object
  };

  void index_targets(const std::function<bool(rdf::Term)>& cae_only, std::uint32_t cae_file);
  const Shape& read_shape(rdf::Term shape, rdf::Term cls);

  const rdf::Graph& graph_;
  const Vocabulary& vocab_;
  const Naming& naming_;
  Diagnostics& diagnostics_;
  std::unordered_map<rdf::Term, std::vector<Target>> targets_;  // by class
  std::unordered_map<rdf::Term, const Shape*> by_class_;        // classes already looked up
  std::unordered_map<rdf::Term, Shape> shapes_;                 // by shape node
};

}  // namespace cae::resolve
