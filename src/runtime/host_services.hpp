// What a processor host needs from its run: the loop's services and the lifecycle's ears.
#pragma once

#include <string>
#include <string_view>

#include "runtime/end_host.hpp"

namespace cae::runtime {

class OutputStream;
class SourceBase;
class ProcessorHost;

class HostServices {
 public:
  [[nodiscard]] virtual uv_loop_t* loop() noexcept = 0;
  [[nodiscard]] virtual Scheduler& scheduler() noexcept = 0;
  [[nodiscard]] virtual const Logger& logger() const noexcept = 0;
  [[nodiscard]] virtual std::string_view file_root() const noexcept = 0;
  // Processors may start programs (--allow-exec).
  [[nodiscard]] virtual bool allow_exec() const noexcept = 0;
  // The run's standard output, opened on first use.
  virtual OutputStream& standard_output() = 0;
  // The run's standard input for `reader`; throws when another processor already reads it.
  virtual SourceBase& standard_input(EndHost& reader) = 0;

  virtual void processor_failed(ProcessorHost& host, Phase phase,
                                const std::string& message) noexcept = 0;
  virtual void phase_call_done() noexcept = 0;
  virtual void processor_finished(ProcessorHost& host) noexcept = 0;

 protected:
  ~HostServices() = default;
};

}  // namespace cae::runtime
