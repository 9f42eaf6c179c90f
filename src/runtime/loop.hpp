// The event loop of one run, owned by value: runs are independent and tests can run many.
#pragma once

#include <uv.h>

namespace cae::runtime {

class Loop {
 public:
  Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  // Closes whatever is left if close() failed or was not called.
  ~Loop();

  [[nodiscard]] uv_loop_t* get() noexcept { return &loop_; }

  // Runs until nothing is active or uv_stop() is called.
  void run();

  // Runs the close callbacks and requests still in flight to completion, then closes the loop.
  // Returns uv_loop_close's status: 0 when every handle had been closed by its owner.
  int close();

  // Handles that are not closing: what close() would have to close.
  [[nodiscard]] int open_handles();

 private:
  uv_loop_t loop_{};
  bool closed_ = false;
};

}  // namespace cae::runtime
