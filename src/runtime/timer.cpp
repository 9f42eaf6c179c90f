#include "runtime/timer.hpp"

#include <stdexcept>
#include <string>

namespace cae::runtime {

Timer LoopTimer::start(uv_loop_t* loop, EndHost& host, std::chrono::milliseconds delay,
                       std::chrono::milliseconds repeat, std::function<void()> callback) {
  if (delay.count() < 0 || repeat.count() < 0) {
    throw std::invalid_argument("a timer's delay and repeat must not be negative");
  }
  auto* timer = new LoopTimer(host, host.phase(), std::move(callback));
  uv_timer_init(loop, &timer->timer_);  // cannot fail for a live loop
  timer->timer_.data = timer;
  // libuv measures the delay from its cached "now", which is stale after long work or before the
  // loop first runs; refresh it so an interval is never shorter than asked.
  uv_update_time(loop);
  uv_timer_start(
      &timer->timer_,
      [](uv_timer_t* handle) {
        auto* self = static_cast<LoopTimer*>(handle->data);
        run_guarded(self->host_, self->phase_, [self] { self->callback_(); });
      },
      static_cast<std::uint64_t>(delay.count()), static_cast<std::uint64_t>(repeat.count()));
  return Timer{timer};
}

void LoopTimer::cancel() noexcept {
  uv_timer_stop(&timer_);
  uv_close(reinterpret_cast<uv_handle_t*>(&timer_),
           [](uv_handle_t* handle) { delete static_cast<LoopTimer*>(handle->data); });
}

}  // namespace cae::runtime
