// `cae inspect PIPELINE [--json]`: the resolved pipeline, either as a listing for people
// (runners, processors with their arguments and documentation, channels) or as the JSON
// document of spec/arguments.md §4.
#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/load_pipeline.hpp"
#include "resolve/naming.hpp"

namespace cae::cli {
namespace {

class Listing {
 public:
  explicit Listing(const LoadedPipeline& loaded)
      : pipeline_{loaded.pipeline},
        naming_{loaded.document.graph, loaded.document.entry_iri, loaded.document.prefixes} {}

  void print() const {
    fmt::print("pipeline {}{}\n", name(pipeline_.iri),
               pipeline_.connector_mode ? " (connector-architecture mode)" : "");
    fmt::print("\nrunners\n");
    for (const auto& runner : pipeline_.runners) fmt::print("  {}\n", name(runner.id));
    fmt::print("\nprocessors\n");
    for (const auto& processor : pipeline_.processors) print_processor(processor);
    fmt::print("\nchannels\n");
    for (const auto& channel : pipeline_.channels) print_channel(channel);
  }

 private:
  // Ids as diagnostics print them: `<name>`, a prefixed name, or _:bN.
  [[nodiscard]] std::string name(const std::string& id) const {
    return id.starts_with("_:") ? id : naming_.iri(id);
  }

  [[nodiscard]] std::string names(const std::vector<std::string>& ids) const {
    std::string out;
    for (const auto& id : ids) out += fmt::format("{}{}", out.empty() ? "" : ", ", name(id));
    return out.empty() ? "-" : out;
  }

  void print_processor(const model::Processor& processor) const {
    fmt::print("  {} ({}) on {}\n", name(processor.id), name(processor.type),
               name(processor.runner));
    if (!processor.library.empty()) fmt::print("    library: {}\n", processor.library);
    const auto doc = pipeline_.class_docs.find(processor.type);
    if (doc != pipeline_.class_docs.end() && !doc->second.comment.empty()) {
      fmt::print("    {}\n", doc->second.comment);
    }
    for (const auto& [field, value] : processor.arguments.items()) {
      fmt::print("    {}: {}\n", field, human(value));
      const std::string description = describe(doc, field);
      if (!description.empty()) fmt::print("        {}\n", description);
    }
  }

  // An argument value for people: channel ends and IRIs by their short names, raw literals in
  // Turtle form, graph fragments by their size; everything else as JSON.
  [[nodiscard]] std::string human(const model::Json& value) const {
    if (value.is_array()) {
      std::string out;
      for (const auto& item : value)
        out += fmt::format("{}{}", out.empty() ? "" : ", ", human(item));
      return fmt::format("[{}]", out);
    }
    if (!value.is_object()) return value.dump();
    for (const char* end : {"reader", "writer"}) {
      if (value.size() == 1 && value.contains(end))
        return fmt::format("{} {}", end, name(value[end].get<std::string>()));
    }
    if (value.size() == 1 && value.contains("iri")) return name(value["iri"].get<std::string>());
    if (value.size() == 1 && value.contains("ntriples")) {
      const auto text = value["ntriples"].get<std::string>();
      return fmt::format("N-Triples, {} lines", std::count(text.begin(), text.end(), '\n'));
    }
    if (value.contains("literal") && value.contains("datatype")) {
      const std::string lexical = model::Json(value["literal"]).dump();
      return value.contains("lang")
                 ? fmt::format("{}@{}", lexical, value["lang"].get<std::string>())
                 : fmt::format("{}^^{}", lexical, name(value["datatype"].get<std::string>()));
    }
    std::string out;
    for (const auto& [field, item] : value.items()) {
      out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", field, human(item));
    }
    return fmt::format("{{{}}}", out);
  }

  static std::string describe(std::map<std::string, model::ClassDoc>::const_iterator doc,
                              const std::string& field) {
    for (const auto& [argument, description] : doc->second.arguments) {
      if (argument == field) return description;
    }
    return {};
  }

  void print_channel(const model::Channel& channel) const {
    fmt::print("  {} ({})\n", name(channel.id), model::transport_name(channel.transport));
    fmt::print("    writers: {}\n    readers: {}\n", names(channel.writers),
               names(channel.readers));
    if (!channel.settings.empty()) fmt::print("    settings: {}\n", human(channel.settings));
    if (!channel.log_level.empty()) fmt::print("    log level: {}\n", channel.log_level);
    if (channel.queue.messages) fmt::print("    queue messages: {}\n", *channel.queue.messages);
    if (channel.queue.bytes) fmt::print("    queue bytes: {}\n", *channel.queue.bytes);
  }

  const model::Pipeline& pipeline_;
  resolve::Naming naming_;
};

class InspectCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("pipeline", pipeline_, "Pipeline document (Turtle, TriG, N-Triples, N-Quads)")
        ->required();
    sub.add_flag("--json", json_, "Print the resolved pipeline as JSON (spec/arguments.md §4)");
    options_.configure(sub);
  }

  int run() override {
    const auto loaded = load_pipeline(pipeline_, options_);
    fmt::print(stderr, "{}", loaded.diagnostics.format(loaded.document.sources));
    if (loaded.diagnostics.has_errors()) return exit_invalid;
    if (json_) {
      fmt::print("{}\n", model::to_inspect_json(loaded.pipeline).dump(2));
    } else {
      Listing{loaded}.print();
    }
    return exit_ok;
  }

 private:
  std::string pipeline_;
  bool json_ = false;
  PipelineOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_inspect_command() {
  return std::make_unique<InspectCommand>();
}

}  // namespace cae::cli
