// The `cae` executable: a thin front end over the engine library.
#include <array>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "cli/command.hpp"

namespace cae::cli {
namespace {

constexpr std::array commands = {
    CommandSpec{"run", "Run a pipeline until its sources end, a processor fails or a signal",
                make_run_command},
    CommandSpec{"check", "Load a pipeline with its imports and report every problem",
                make_check_command},
    CommandSpec{"validate",
                "Check a pipeline, then its shapes' constraints, its topology and custom rules",
                make_validate_command},
    CommandSpec{"inspect", "Show the resolved pipeline: processors, arguments and channels",
                make_inspect_command},
    CommandSpec{"graph", "Draw a pipeline as a Mermaid flowchart or Graphviz DOT",
                make_graph_command},
    CommandSpec{"processors", "List the processor classes cae knows", make_processors_command},
    CommandSpec{"describe", "Show a processor class's arguments and runner", make_describe_command},
    CommandSpec{"query", "Run a SPARQL query over a pipeline and its vocabularies",
                make_query_command},
};

int usage_error(const std::string& message) {
  fmt::print(stderr, "cae: error: {} [usage]\n", message);
  return exit_invalid;
}

int run(int argc, char** argv) {
  CLI::App app{"cae runs streaming data pipelines described in RDF (RDF-Connect).", "cae"};
  app.set_version_flag("--version", std::string{"cae " CAE_VERSION});
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<std::unique_ptr<Command>> instances;
  std::vector<std::pair<CLI::App*, Command*>> subs;
  for (const auto& spec : commands) {
    instances.push_back(spec.make());
    CLI::App* sub = app.add_subcommand(spec.name, spec.summary);
    instances.back()->configure(*sub);
    subs.emplace_back(sub, instances.back().get());
  }

  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for a command");
  help->add_option("command", help_topic, "The command to describe");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    fmt::print("{}", app.help());
    return exit_ok;
  } catch (const CLI::CallForVersion&) {
    fmt::print("cae {}\n", CAE_VERSION);
    return exit_ok;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help of a subcommand
      app.exit(e);
      return exit_ok;
    }
    return usage_error(e.what());
  }

  if (help->parsed()) {
    if (help_topic.empty()) {
      fmt::print("{}", app.help());
      return exit_ok;
    }
    for (auto& [sub, command] : subs) {
      if (sub->get_name() == help_topic) {
        fmt::print("{}", sub->help());
        return exit_ok;
      }
    }
    return usage_error(fmt::format("no command named '{}'; see 'cae --help'", help_topic));
  }
  for (auto& [sub, command] : subs) {
    if (sub->parsed()) return command->run();
  }
  return usage_error("no command given; see 'cae --help'");
}

}  // namespace
}  // namespace cae::cli

int main(int argc, char** argv) {
  try {
    return cae::cli::run(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "cae: error: {} [runtime]\n", e.what());
    return cae::cli::exit_runtime;
  }
}
