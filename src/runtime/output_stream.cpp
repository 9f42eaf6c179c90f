#include "runtime/output_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

namespace cae::runtime {

struct OutputStream::WriteRequest {
  uv_write_t request{};
  std::vector<Message> parts;  // kept alive until libuv has sent them
  std::uint64_t bytes = 0;
  OutputStream* owner = nullptr;
};

OutputStream::OutputStream(uv_loop_t* loop, Scheduler& scheduler, int fd, bool take_fd)
    : scheduler_(scheduler) {
  if (take_fd) {
    fd_ = fd;
    return;
  }
  const uv_handle_type type = uv_guess_handle(fd);
  if (type == UV_TTY || type == UV_NAMED_PIPE || type == UV_TCP) {
    open_stream(loop, fd);
  } else {
    fd_ = ::dup(fd);
    if (fd_ < 0) fail(std::strerror(errno));
  }
}

void OutputStream::open_stream(uv_loop_t* loop, int fd) {
  original_fd_ = fd;
  original_flags_ = ::fcntl(fd, F_GETFL);
  fd_ = ::dup(fd);
  if (fd_ < 0) {
    fail(std::strerror(errno));
    return;
  }
  int status = 0;
  switch (uv_guess_handle(fd)) {
    case UV_TTY: status = uv_tty_init(loop, &stream_.tty, fd_, 0); break;
    case UV_TCP:
      uv_tcp_init(loop, &stream_.tcp);
      status = uv_tcp_open(&stream_.tcp, fd_);
      break;
    default:
      uv_pipe_init(loop, &stream_.pipe, 0);
      status = uv_pipe_open(&stream_.pipe, fd_);
      break;
  }
  is_stream_ = true;
  stream_.handle.data = this;
  if (status != 0) fail(uv_strerror(status));
}

OutputStream::~OutputStream() { scheduler_.cancel(*this); }

bool OutputStream::write(std::span<const Message> parts) {
  for (const auto& part : parts) {
    if (part.empty()) continue;
    unsent_ += part.size();
    batch_.push_back(part);
  }
  if (!batch_.empty()) scheduler_.schedule(*this);
  return unsent_ <= high_water;
}

void OutputStream::wait(Task& waiter) {
  if (error_ || unsent_ <= low_water) {
    scheduler_.schedule(waiter);
    return;
  }
  waiters_.push_back(&waiter);
}

void OutputStream::unwait(Task& waiter) noexcept {
  waiters_.erase(std::remove(waiters_.begin(), waiters_.end(), &waiter), waiters_.end());
  empty_waiters_.erase(std::remove(empty_waiters_.begin(), empty_waiters_.end(), &waiter),
                       empty_waiters_.end());
}

void OutputStream::wait_empty(Task& waiter) {
  if (error_ || unsent_ == 0) {
    scheduler_.schedule(waiter);
    return;
  }
  empty_waiters_.push_back(&waiter);
}

void OutputStream::run() noexcept { flush_now(); }

void OutputStream::flush_now() {
  if (batch_.empty()) return;
  std::uint64_t bytes = 0;
  for (const auto& part : batch_) bytes += part.size();
  if (error_ || state_ != State::open) {
    batch_.clear();
    sent(bytes, 0);
    return;
  }
  if (is_stream_) {
    send(std::move(batch_), bytes);
    batch_.clear();
    return;
  }
  auto parts = std::move(batch_);
  batch_.clear();
  write_file(parts);
  sent(bytes, 0);
}

void OutputStream::send(std::vector<Message> parts, std::uint64_t bytes) {
  auto* request = new WriteRequest{};
  request->parts = std::move(parts);
  request->bytes = bytes;
  request->owner = this;
  std::vector<uv_buf_t> buffers;
  buffers.reserve(request->parts.size());
  for (const auto& part : request->parts) {
    buffers.push_back(uv_buf_init(const_cast<char*>(part.data()),  // libuv only reads them
                                  static_cast<unsigned>(part.size())));
  }
  const int status = uv_write(&request->request, &stream_.stream, buffers.data(),
                              static_cast<unsigned>(buffers.size()), [](uv_write_t* done, int s) {
                                auto* finished = reinterpret_cast<WriteRequest*>(done);
                                finished->owner->sent(finished->bytes, s);
                                delete finished;
                              });
  if (status != 0) {  // a failed call never calls its callback
    sent(bytes, status);
    delete request;
  }
}

void OutputStream::write_file(const std::vector<Message>& parts) {
  constexpr std::size_t max_buffers = 512;
  std::vector<iovec> buffers;
  std::size_t next = 0;
  std::size_t offset = 0;  // bytes of parts[next] already written
  while (next < parts.size()) {
    buffers.clear();
    for (std::size_t i = next; i < parts.size() && buffers.size() < max_buffers; ++i) {
      const std::size_t skip = i == next ? offset : 0;
      buffers.push_back(iovec{const_cast<char*>(parts[i].data() + skip), parts[i].size() - skip});
    }
    const ssize_t written = ::writev(fd_, buffers.data(), static_cast<int>(buffers.size()));
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(std::strerror(errno));
      return;
    }
    auto left = static_cast<std::size_t>(written);
    while (next < parts.size() && left >= parts[next].size() - offset) {
      left -= parts[next].size() - offset;
      offset = 0;
      ++next;
    }
    offset += left;
  }
}

void OutputStream::sent(std::uint64_t bytes, int status) {
  unsent_ -= std::min(bytes, unsent_);
  if (status < 0 && status != UV_ECANCELED) fail(uv_strerror(status));
  wake_waiters();
}

void OutputStream::fail(std::string reason) {
  if (!error_) error_ = std::move(reason);
  wake_waiters();
}

void OutputStream::wake_waiters() noexcept {
  if (unsent_ > low_water && !error_) return;
  for (auto* waiter : waiters_) scheduler_.schedule(*waiter);
  waiters_.clear();
  if (unsent_ > 0 && !error_) return;
  for (auto* waiter : empty_waiters_) scheduler_.schedule(*waiter);
  empty_waiters_.clear();
}

void OutputStream::close() noexcept {
  if (state_ != State::open) return;
  scheduler_.cancel(*this);
  if (!is_stream_) {
    try {
      flush_now();
    } catch (...) {  // out of memory while flushing: the bytes are lost either way
    }
    if (fd_ >= 0) ::close(fd_);
    state_ = State::closed;
    return;
  }
  if (!batch_.empty()) {
    try {
      flush_now();  // queued: uv_close cancels what the descriptor cannot take now
    } catch (...) {
    }
  }
  state_ = State::closing;
  uv_close(&stream_.handle, [](uv_handle_t* handle) {
    auto* self = static_cast<OutputStream*>(handle->data);
    self->state_ = State::closed;
    if (self->original_flags_ >= 0) ::fcntl(self->original_fd_, F_SETFL, self->original_flags_);
  });
}

}  // namespace cae::runtime
