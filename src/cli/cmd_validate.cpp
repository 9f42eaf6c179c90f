// `cae validate PIPELINE [--rules FILE.rq]... [--format text|json] [--strict]`: everything
// `cae check` reports, plus the SHACL Core constraints of each processor's shape, the topology
// checks and custom SPARQL rules.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/load_pipeline.hpp"
#include "validate/instances.hpp"
#include "validate/rules.hpp"
#include "validate/topology.hpp"

namespace cae::cli {
namespace {

nlohmann::ordered_json located(Location where, const SourceMap& sources) {
  nlohmann::ordered_json out;
  const bool known = where.known() && where.file < sources.size();
  out["file"] = known ? nlohmann::ordered_json(sources.file(where.file).display) : nullptr;
  out["line"] = where.line > 0 ? nlohmann::ordered_json(where.line) : nullptr;
  out["column"] = where.col > 0 ? nlohmann::ordered_json(where.col) : nullptr;
  return out;
}

// One object per diagnostic; notes, when there are any, under "notes".
std::string format_json(const Diagnostics& diagnostics, const SourceMap& sources) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& d : diagnostics.items()) {
    auto item = located(d.where, sources);
    item["severity"] = d.severity == Severity::error ? "error" : "warning";
    item["code"] = code_name(d.code);
    item["message"] = d.message;
    for (const auto& note : d.notes) {
      auto json_note = located(note.where, sources);
      json_note["message"] = note.message;
      item["notes"].push_back(std::move(json_note));
    }
    out.push_back(std::move(item));
  }
  return out.dump(2) + "\n";
}

class ValidateCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("pipeline", pipeline_, "Pipeline document (Turtle, TriG, N-Triples, N-Quads)")
        ->required();
    // One file per --rules, so that a pipeline after it is never taken for a second rule.
    sub.add_option("--rules", rules_,
                   "A SPARQL SELECT query whose every solution is a violation (repeatable)")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    sub.add_option("--format", format_, "text (default: GCC style on stderr) or json (stdout)")
        ->check(CLI::IsMember({"text", "json"}));
    sub.add_flag("--strict", strict_, "Fail (exit 2) on warnings too");
    sub.add_flag("-v,--verbose", verbose_, "Print a one-line summary when nothing is wrong");
    options_.configure(sub);
  }

  int run() override {
    std::vector<std::string> rule_texts;
    for (const auto& path : rules_) {
      if (!read_file(path, rule_texts.emplace_back())) {
        fmt::print(stderr, "cae: error: cannot read the rule file {} [usage]\n", path);
        return exit_invalid;
      }
    }
    auto loaded = load_pipeline(pipeline_, options_);
    if (loaded.resolved) add_checks(loaded, rule_texts);
    return report(loaded);
  }

 private:
  static bool read_file(const std::string& path, std::string& text) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = std::move(buffer).str();
    return static_cast<bool>(in);
  }

  void add_checks(LoadedPipeline& loaded, const std::vector<std::string>& rule_texts) const {
    auto& diagnostics = loaded.diagnostics;
    validate::check_instances(loaded.document, loaded.pipeline, diagnostics);
    validate::check_topology(loaded.document, loaded.pipeline, diagnostics);
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      const auto file = loaded.document.sources.add(rules_[i], "");
      validate::check_rule(loaded.document, query::QueryText{rule_texts[i], file}, diagnostics);
    }
    diagnostics.sort();
  }

  int report(const LoadedPipeline& loaded) const {
    const auto& diagnostics = loaded.diagnostics;
    const auto& sources = loaded.document.sources;
    if (format_ == "json") {
      fmt::print("{}", format_json(diagnostics, sources));
    } else {
      fmt::print(stderr, "{}", diagnostics.format(sources));
    }
    const bool failed = diagnostics.has_errors() || (strict_ && !diagnostics.empty());
    if (!failed && verbose_ && format_ != "json") {
      const auto& pipeline = loaded.pipeline;
      fmt::print("{}: valid ({}, {}, {}, {})\n", display_path(pipeline_),
                 counted(pipeline.processors.size(), "processor"),
                 counted(pipeline.channels.size(), "channel"), counted(rules_.size(), "rule file"),
                 counted(diagnostics.items().size(), "warning"));
    }
    return failed ? exit_invalid : exit_ok;
  }

  std::string pipeline_;
  std::vector<std::string> rules_;
  std::string format_ = "text";
  bool strict_ = false;
  bool verbose_ = false;
  PipelineOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_validate_command() {
  return std::make_unique<ValidateCommand>();
}

}  // namespace cae::cli
