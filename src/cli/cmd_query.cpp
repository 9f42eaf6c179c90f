// `cae query PIPELINE QUERY`: run SPARQL over the pipeline's merged graph.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "query/format.hpp"
#include "query/query.hpp"
#include "rdf/loader.hpp"

namespace cae::cli {
namespace {

class QueryCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("pipeline", pipeline_, "Pipeline document")->required();
    auto* text = sub.add_option("query", text_, "SPARQL 1.1 SELECT, ASK or CONSTRUCT query");
    auto* file = sub.add_option("-f,--file", file_, "Read the query from this file");
    text->excludes(file);
    sub.add_option("--format", format_,
                   "table (default), csv, tsv or json; turtle (default) or ntriples for graphs");
  }

  int run() override {
    if (text_.empty() == file_.empty())
      return usage("give the query as an argument or with --file");
    std::optional<query::Format> format;
    if (!format_.empty() && !(format = query::parse_format(format_))) {
      return usage(fmt::format("unknown format '{}'", format_));
    }
    if (!file_.empty() && !read_query_file()) return exit_invalid;

    Diagnostics diagnostics;
    auto loaded = rdf::load_document(pipeline_, diagnostics);
    const auto query_file = loaded.sources.add(file_.empty() ? "<query>" : file_, "");
    std::optional<query::Result> result;
    if (!diagnostics.has_errors()) {
      result = query::run_query(loaded, query::QueryText{text_, query_file}, diagnostics);
    }
    diagnostics.sort();
    fmt::print(stderr, "{}", diagnostics.format(loaded.sources));
    if (!result) return failure_exit(diagnostics);
    return print(*result, format.value_or(query::default_format(result->form)), loaded);
  }

 private:
  static int usage(const std::string& message) {
    fmt::print(stderr, "cae: error: {} [usage]\n", message);
    return exit_invalid;
  }

  static int failure_exit(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.items()) {
      if (d.code == Code::runtime) return exit_runtime;
    }
    return exit_invalid;
  }

  bool read_query_file() {
    std::ifstream in{file_, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      usage(fmt::format("cannot read the query file {}", file_));
      return false;
    }
    text_ = std::move(text).str();
    return true;
  }

  static int print(const query::Result& result, query::Format format,
                   const rdf::LoadedDocument& loaded) {
    if (!query::format_fits(result.form, format)) {
      const bool graph = result.form == query::Form::construct;
      return usage(fmt::format("a {} result cannot be written as {}; use {}",
                               graph ? "graph" : "solution", query::format_name(format),
                               graph ? "turtle or ntriples" : "table, csv, tsv or json"));
    }
    fmt::print("{}", query::format_result(result, format, query::Names{loaded}));
    return exit_ok;
  }

  std::string pipeline_;
  std::string text_;
  std::string file_;
  std::string format_;
};

}  // namespace

std::unique_ptr<Command> make_query_command() {
  return std::make_unique<QueryCommand>();
}

}  // namespace cae::cli
