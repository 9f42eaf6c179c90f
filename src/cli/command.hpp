// One short file per command: each fills in its CLI11 subcommand and runs it.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

namespace cae::cli {

// Exit codes of spec/arguments.md §5.
enum Exit : int {
  exit_ok = 0,
  exit_runtime = 1,
  exit_invalid = 2,
  exit_sigint = 130,
  exit_sigterm = 143,
};

class Command {
 public:
  virtual ~Command() = default;
  // Declares the subcommand's options; the options write into members of the command.
  virtual void configure(CLI::App& sub) = 0;
  virtual int run() = 0;
};

struct CommandSpec {
  const char* name;
  const char* summary;
  std::unique_ptr<Command> (*make)();
};

std::unique_ptr<Command> make_check_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_validate_command();
std::unique_ptr<Command> make_inspect_command();
std::unique_ptr<Command> make_query_command();
std::unique_ptr<Command> make_graph_command();
std::unique_ptr<Command> make_processors_command();
std::unique_ptr<Command> make_describe_command();

}  // namespace cae::cli
