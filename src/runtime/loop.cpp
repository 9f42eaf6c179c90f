#include "runtime/loop.hpp"

#include <cassert>
#include <stdexcept>
#include <string>

namespace cae::runtime {

Loop::Loop() {
  const int status = uv_loop_init(&loop_);
  if (status != 0) {
    throw std::runtime_error(std::string{"cannot start the event loop: "} + uv_strerror(status));
  }
}

Loop::~Loop() {
  if (closed_) return;
  // A leak was already reported by close(); sweep so that freeing the loop is defined. The
  // forgotten handles' owners get no close callback.
  uv_walk(
      &loop_,
      [](uv_handle_t* handle, void*) {
        if (uv_is_closing(handle) == 0) uv_close(handle, nullptr);
      },
      nullptr);
  uv_run(&loop_, UV_RUN_DEFAULT);
  [[maybe_unused]] const int status = uv_loop_close(&loop_);
  assert(status == 0);
}

void Loop::run() {
  uv_run(&loop_, UV_RUN_DEFAULT);
}

int Loop::open_handles() {
  int count = 0;
  uv_walk(
      &loop_,
      [](uv_handle_t* handle, void* counter) {
        if (uv_is_closing(handle) == 0) ++*static_cast<int*>(counter);
      },
      &count);
  return count;
}

int Loop::close() {
  if (closed_) return 0;
  // A uv_stop() made while the loop was not running is still pending: it makes the first
  // uv_run() return at once (and clears it). The second runs the close callbacks and requests
  // still in flight.
  uv_run(&loop_, UV_RUN_NOWAIT);
  uv_run(&loop_, UV_RUN_DEFAULT);
  const int status = uv_loop_close(&loop_);
  closed_ = status == 0;
  return status;
}

}  // namespace cae::runtime
