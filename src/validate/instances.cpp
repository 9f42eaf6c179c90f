#include "validate/instances.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "resolve/end_classes.hpp"
#include "resolve/naming.hpp"
#include "resolve/path.hpp"
#include "resolve/shapes.hpp"
#include "resolve/vocabulary.hpp"
#include "validate/constraints.hpp"
#include "validate/node_id.hpp"

namespace cae::validate {
namespace {

class InstanceChecker {
 public:
  InstanceChecker(rdf::LoadedDocument& document, Diagnostics& diagnostics)
      : graph_{document.graph},
        vocab_{document.graph},
        naming_{document.graph, document.entry_iri, document.prefixes},
        // Shape defects were reported by resolution already; the index reports into a scratch
        // sink so that they are not reported twice.
        shapes_{graph_,
                vocab_,
                naming_,
                shape_defects_,
                [](rdf::Term cls) { return resolve::find_end_class(cls.text()) != nullptr; },
                Location::no_file},
        diagnostics_{diagnostics},
        ids_{document.graph} {
    for (const auto& d : diagnostics.items()) {
      if (d.severity == Severity::error) erroneous_.insert(d.where);
    }
  }

  void check(const model::Processor& processor) {
    const rdf::Term node = ids_.find(processor.id);
    const resolve::Shape* shape = shapes_.shape_of(graph_.find_iri(processor.type));
    if (!node || shape == nullptr) return;
    const std::string subject =
        fmt::format("processor {} ({})", naming_.term(node), naming_.iri(processor.type));
    for (const auto& field : shape->fields) check_field(node, subject, field);
  }

 private:
  void check_field(rdf::Term node, const std::string& subject, const resolve::Field& field) {
    const Constraints& constraints = constraints_of(field);
    if (constraints.empty()) return;
    const Location focus_where = graph_.first_position(node);
    std::vector<rdf::Term> terms;
    std::vector<Location> places;
    for (const auto& value : resolve::evaluate(graph_, field.path, {node, focus_where, {}})) {
      if (from_environment(value.term)) continue;
      terms.push_back(value.term);
      places.push_back(value.where);
    }
    const auto name = [this](rdf::Term term) { return naming_.term(term); };
    for (const auto& violation : constraints.check(terms, name)) {
      const auto at = std::find(terms.begin(), terms.end(), violation.value);
      const Location where =
          at != terms.end() ? places[static_cast<std::size_t>(at - terms.begin())] : focus_where;
      if (erroneous_.contains(where)) continue;
      const Code code =
          violation.value || !terms.empty() ? Code::bad_value : Code::missing_argument;
      diagnostics_.add(Diagnostic{
          violation.severity,
          code,
          where,
          fmt::format("{}: argument '{}' ({}): {}", subject, field.name, field.path_text,
                      violation.message),
          {Note{field.where, fmt::format("argument '{}' is declared here", field.name)}}});
    }
  }

  // An rdfl:EnvVariable node stands for a value the environment gives at run time; the node
  // itself would fail every constraint.
  [[nodiscard]] bool from_environment(rdf::Term value) const {
    return value.is_blank() && (graph_.contains(value, vocab_.rdf_type, vocab_.rdfl_env_variable) ||
                                graph_.contains(value, vocab_.rdf_type, vocab_.conn_env_variable));
  }

  // Each property shape is read once (its pattern compiled once), however many processors use
  // it. A constraint cae cannot use is a defect of the shape, reported once, at the shape.
  const Constraints& constraints_of(const resolve::Field& field) {
    if (auto known = constraints_.find(field.node); known != constraints_.end()) {
      return known->second;
    }
    std::vector<std::string> problems;
    auto read = Constraints::read(graph_, field.node, problems);
    for (const auto& problem : problems) {
      diagnostics_.error(
          Code::bad_value, field.where,
          fmt::format("argument '{}' ({}): {}", field.name, field.path_text, problem));
    }
    return constraints_.emplace(field.node, std::move(read)).first->second;
  }

  rdf::Graph& graph_;
  resolve::Vocabulary vocab_;
  resolve::Naming naming_;
  Diagnostics shape_defects_;
  resolve::ShapeIndex shapes_;
  Diagnostics& diagnostics_;
  std::set<Location> erroneous_;
  std::unordered_map<rdf::Term, Constraints> constraints_;  // by property shape
  NodeIds ids_;
};

}  // namespace

void check_instances(rdf::LoadedDocument& document, const model::Pipeline& pipeline,
                     Diagnostics& diagnostics) {
  InstanceChecker checker{document, diagnostics};
  for (const auto& processor : pipeline.processors) checker.check(processor);
}

}  // namespace cae::validate
