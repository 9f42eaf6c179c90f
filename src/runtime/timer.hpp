// The runtime side of cae::Timer: a uv_timer_t on the heap, freed in its close callback, whose
// callback runs as the processor's code.
#pragma once

#include <chrono>
#include <functional>

#include "cae/context.hpp"
#include "runtime/end_host.hpp"

namespace cae::runtime {

class LoopTimer final : public detail::TimerControl {
 public:
  // Starts a timer; the returned Timer owns it.
  static Timer start(uv_loop_t* loop, EndHost& host, std::chrono::milliseconds delay,
                     std::chrono::milliseconds repeat, std::function<void()> callback);

  void cancel() noexcept override;

 private:
  LoopTimer(EndHost& host, Phase phase, std::function<void()> callback)
      : host_(host), phase_(phase), callback_(std::move(callback)) {}
  ~LoopTimer() = default;

  uv_timer_t timer_{};  // first member: the close callback finds the object from the handle
  EndHost& host_;
  Phase phase_;  // the phase that started it: its callback's failures belong there
  std::function<void()> callback_;
};

}  // namespace cae::runtime
