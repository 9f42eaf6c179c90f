#include "validate/rules.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "query/names.hpp"

namespace cae::validate {
namespace {

// The value of `variable` in one solution, if the query projects it and it is bound.
const query::Value* cell(const query::Solutions& solutions, std::size_t row,
                         std::string_view variable) {
  const auto& names = solutions.variables;
  const auto column = std::find(names.begin(), names.end(), variable);
  if (column == names.end()) return nullptr;
  const auto& value = solutions.rows[row][static_cast<std::size_t>(column - names.begin())];
  return value ? &*value : nullptr;
}

class ViolationWriter {
 public:
  ViolationWriter(const rdf::LoadedDocument& document, std::uint32_t rule_file)
      : document_{document}, names_{document}, rule_file_{rule_file} {}

  void add(const query::Solutions& solutions, std::size_t row, Diagnostics& diagnostics) const {
    const query::Value* focus = cell(solutions, row, "focus");
    const query::Value* message = cell(solutions, row, "message");
    const query::Value* severity = cell(solutions, row, "severity");
    const Location where = locate(focus);
    Diagnostic violation{Severity::error, Code::rule, where, text(focus, message), {}};
    if (severity != nullptr && severity->text == "warning") violation.severity = Severity::warning;
    if (where.file != rule_file_) {
      violation.notes.push_back(Note{Location{rule_file_, 0, 0}, "reported by this rule"});
    }
    diagnostics.add(std::move(violation));
  }

 private:
  // Where the focus node is first written; the rule itself when it names none the graph has.
  [[nodiscard]] Location locate(const query::Value* focus) const {
    if (focus == nullptr) return Location{rule_file_, 0, 0};
    const rdf::Term term = query::find_term(document_.graph, *focus);
    const Location where = term ? document_.graph.first_position(term) : Location{};
    return where.known() ? where : Location{rule_file_, 0, 0};
  }

  [[nodiscard]] std::string text(const query::Value* focus, const query::Value* message) const {
    const std::string about = focus != nullptr ? names_.term(*focus) + ": " : std::string{};
    if (message != nullptr) return about + message->text;
    return about + "matches a rule";
  }

  const rdf::LoadedDocument& document_;
  query::Names names_;
  std::uint32_t rule_file_;
};

}  // namespace

void check_rule(const rdf::LoadedDocument& document, const query::QueryText& rule,
                Diagnostics& diagnostics) {
  const auto result = query::run_query(document, rule, diagnostics);
  if (!result) return;
  if (result->form != query::Form::select) {
    diagnostics.error(Code::usage, Location{rule.file, 0, 0},
                      "a rule must be a SELECT query; each solution is one violation");
    return;
  }
  const ViolationWriter writer{document, rule.file};
  for (std::size_t row = 0; row < result->solutions.rows.size(); ++row) {
    writer.add(result->solutions, row, diagnostics);
  }
}

}  // namespace cae::validate
