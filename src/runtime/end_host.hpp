// What channel ends need from the processor that holds them and from the run, so that the
// channel layer does not depend on the lifecycle.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/log.hpp"
#include "runtime/scheduler.hpp"

namespace cae::runtime {

// The phases of spec/channels.md §4 in which a processor can fail. Failures while handling
// messages belong to transform, the phase that attached the handlers.
enum class Phase : std::uint8_t { open, init, transform, produce };
std::string_view phase_name(Phase phase);

class EndHost {
 public:
  // The processor's name as logs print it.
  [[nodiscard]] virtual std::string_view name() const noexcept = 0;
  // False once the processor failed or the run ended: its code is not called any more.
  [[nodiscard]] virtual bool alive() const noexcept = 0;
  // The phase of the processor code running now; `enter` switches it and returns the previous.
  [[nodiscard]] virtual Phase phase() const noexcept = 0;
  virtual Phase enter(Phase phase) noexcept = 0;
  // A fatal error of the processor (spec/channels.md §5).
  virtual void fail(Phase phase, std::string message) noexcept = 0;
  // One of its readers is done: its close was handled (`error` set after an error close), or
  // it detached.
  virtual void reader_done(const std::optional<std::string>& error) noexcept = 0;

 protected:
  ~EndHost() = default;
};

// Shared by the channels of one run.
struct ChannelEnv {
  Scheduler& scheduler;
  const Logger& logger;
  std::uint64_t gather_limit = std::uint64_t{64}
                               << 20;  // bytes of a stream gathered for on_message
  std::uint64_t discarded = 0;         // messages dropped so far
};

// Runs `work` as the host's code in `phase`: exceptions become failures of the host.
template <typename Work>
void run_guarded(EndHost& host, Phase phase, Work&& work) noexcept {
  if (!host.alive()) return;
  const Phase previous = host.enter(phase);
  try {
    work();
  } catch (const std::exception& error) {
    host.fail(phase, error.what());
  } catch (...) {
    host.fail(phase, "unknown exception");
  }
  host.enter(previous);
}

}  // namespace cae::runtime
