// Programs started for processors (cae:RunCommand): spawned by the loop (uv_spawn) from an
// argument list, never through a shell, with pipes for standard input, output and error that
// are written and read on the loop with backpressure. A run starts programs only when the
// operator allows it (--allow-exec).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cae/context.hpp"
#include "cae/io.hpp"

namespace cae::runtime {

struct ChildSpec {
  std::vector<std::string> arguments;  // the program, then its arguments; PATH finds a bare name
  std::string directory;               // absolute working directory
  // "NAME=value" entries; nullopt: the program gets cae's own environment.
  std::optional<std::vector<std::string>> environment;
};

struct ChildExit {
  std::int64_t status = 0;
  int signal = 0;  // the signal that ended it, or 0
};

// A running program, owned by the processor that started it. Destroying it kills the program
// (SIGKILL) if it still runs. Callbacks and Flows complete as the processor's code.
class ChildProcess {
 public:
  virtual ~ChildProcess() = default;

  // The program's standard input. Writes are pending while much is unsent and fail once the
  // program no longer reads (it closed its input or ended); close() ends the input after
  // everything written so far.
  virtual FileSink& standard_input() = 0;
  virtual ByteSource& standard_output() = 0;
  virtual ByteSource& standard_error() = 0;

  // Ready once the program has ended; exit() then says how.
  virtual Flow exited() = 0;
  [[nodiscard]] virtual std::optional<ChildExit> exit() const = 0;
  virtual void kill(int signal) noexcept = 0;
};

// What a Context that can start programs also implements (the run's processor host).
class Spawner {
 public:
  // Starts a program. Throws std::runtime_error when it cannot be started, and when the run does
  // not allow programs.
  virtual std::unique_ptr<ChildProcess> spawn(const ChildSpec& spec) = 0;

 protected:
  ~Spawner() = default;
};

// The Spawner of `context`. Throws std::runtime_error when the context cannot start programs.
Spawner& spawner(Context& context);

}  // namespace cae::runtime
