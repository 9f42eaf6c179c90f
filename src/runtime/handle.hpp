// A libuv handle embedded in its C++ owner (style: the caller owns every handle; its memory is
// freed only after the close callback). The owner keeps the Handle alive until closed() is
// true, that is until the loop has run the close callback; Loop::close() guarantees that for
// every handle of a run before the owners are destroyed.
#pragma once

#include <cassert>
#include <type_traits>

#include <uv.h>

namespace cae::runtime {

template <typename H>
class Handle {
 public:
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { assert(closed() && "a libuv handle was destroyed before its close callback"); }

  [[nodiscard]] H* get() noexcept { return &handle_; }
  [[nodiscard]] uv_handle_t* base() noexcept { return reinterpret_cast<uv_handle_t*>(&handle_); }

  // Call after the uv_*_init function succeeded.
  void initialized() noexcept { state_ = State::open; }
  [[nodiscard]] bool is_open() const noexcept { return state_ == State::open; }
  [[nodiscard]] bool closed() const noexcept {
    return state_ == State::never_opened || state_ == State::closed;
  }

  // Idempotent; the handle's callbacks stop at once, the memory stays in use until the loop
  // runs the close callback.
  void close() noexcept {
    if (state_ != State::open) return;
    state_ = State::closing;
    uv_close(base(), &Handle::on_close);
  }

 private:
  enum class State : unsigned char { never_opened, open, closing, closed };

  static void on_close(uv_handle_t* handle) noexcept {
    // handle_ is the first member of a standard-layout class: the handle's address is ours.
    reinterpret_cast<Handle*>(handle)->state_ = State::closed;
  }

  H handle_{};
  State state_ = State::never_opened;
};

static_assert(std::is_standard_layout_v<Handle<uv_timer_t>>);

}  // namespace cae::runtime
