#include "runtime/byte_source.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace cae::runtime {

void SourceBase::start(ChunkReceiver on_chunk, EndReceiver on_end) {
  if (started_) throw std::logic_error("a byte source is started once");
  started_ = true;
  on_chunk_ = std::move(on_chunk);
  on_end_ = std::move(on_end);
  begin();
}

bool SourceBase::pass(Message chunk, void (*resume)(SourceBase&)) {
  bool go_on = false;
  run_guarded(*host_, host_->phase(), [&] {
    const Flow flow = on_chunk_(std::move(chunk));
    if (flow.ready()) {
      go_on = flow.outcome() != Outcome::cancelled;
      if (!go_on) end(std::nullopt);
      return;
    }
    flow.then([this, resume](Outcome outcome) {
      if (outcome == Outcome::cancelled) {
        end(std::nullopt);
      } else if (!ended_) {
        resume(*this);
      }
    });
  });
  return go_on && !ended_;
}

void SourceBase::end(const std::optional<std::string>& error) noexcept {
  if (ended_) return;
  ended_ = true;
  if (host_ != nullptr && on_end_) {
    run_guarded(*host_, host_->phase(), [&] { on_end_(error); });
  }
}

FileSource::~FileSource() {
  scheduler_.cancel(*this);
  if (fd_ >= 0) ::close(fd_);
}

void FileSource::stop() {
  scheduler_.cancel(*this);
  end(std::nullopt);
}

void FileSource::run() noexcept {
  if (ended()) return;
  std::string buffer;
  ssize_t count = -1;
  try {
    buffer.resize(read_chunk_bytes);
    do {
      count = ::read(fd_, buffer.data(), buffer.size());
    } while (count < 0 && errno == EINTR);
  } catch (const std::bad_alloc&) {
    end(std::string{"out of memory"});
    return;
  }
  if (count < 0) {
    end(std::string{std::strerror(errno)});
    return;
  }
  if (count == 0) {
    end(std::nullopt);
    return;
  }
  buffer.resize(static_cast<std::size_t>(count));
  const auto resume = [](SourceBase& self) {
    auto& file = static_cast<FileSource&>(self);
    file.scheduler_.schedule(file);
  };
  if (pass(Message{std::move(buffer)}, resume)) scheduler_.schedule(*this);
}

StreamSource::StreamSource(uv_loop_t* loop, int fd) {
  original_fd_ = fd;
  original_flags_ = ::fcntl(fd, F_GETFL);
  const int copy = ::dup(fd);
  int status = copy < 0 ? uv_translate_sys_error(errno) : 0;
  const uv_handle_type type = uv_guess_handle(fd);
  if (type == UV_TTY) {
    if (status == 0) status = uv_tty_init(loop, &stream_.tty, copy, 1);
  } else if (type == UV_TCP) {
    uv_tcp_init(loop, &stream_.tcp);
    if (status == 0) status = uv_tcp_open(&stream_.tcp, copy);
  } else {
    uv_pipe_init(loop, &stream_.pipe, 0);
    if (status == 0) status = uv_pipe_open(&stream_.pipe, copy);
  }
  stream_.handle.data = this;
  if (status != 0) open_error_ = uv_strerror(status);
}

int StreamSource::start_reading() {
  return uv_read_start(
      &stream_.stream,
      [](uv_handle_t* handle, std::size_t, uv_buf_t* buffer) {
        auto* self = static_cast<StreamSource*>(handle->data);
        self->buffer_.resize(read_chunk_bytes);
        *buffer = uv_buf_init(self->buffer_.data(), static_cast<unsigned>(read_chunk_bytes));
      },
      [](uv_stream_t* stream, ssize_t count, const uv_buf_t*) {
        static_cast<StreamSource*>(stream->data)->read(count);
      });
}

void StreamSource::begin() {
  if (open_error_) {
    end(open_error_);
    return;
  }
  const int status = start_reading();
  if (status != 0) end(std::string{uv_strerror(status)});
}

void StreamSource::read(ssize_t count) {
  if (count == 0) return;  // nothing this time (EAGAIN)
  if (count < 0) {
    uv_read_stop(&stream_.stream);
    end(count == UV_EOF ? std::nullopt
                        : std::optional<std::string>{uv_strerror(static_cast<int>(count))});
    return;
  }
  buffer_.resize(static_cast<std::size_t>(count));
  // A small read gets a buffer of its size, not the whole 64 KiB.
  Message chunk = count < 4096 ? Message::copy(buffer_) : Message{std::move(buffer_)};
  buffer_ = std::string{};
  const auto resume = [](SourceBase& self) {
    auto& source = static_cast<StreamSource&>(self);
    if (source.state_ == State::open) source.start_reading();
  };
  uv_read_stop(&stream_.stream);  // until this chunk's Flow is ready
  if (pass(std::move(chunk), resume)) resume(*this);
}

void StreamSource::stop() {
  if (state_ == State::open) uv_read_stop(&stream_.stream);
  end(std::nullopt);
}

void StreamSource::close() noexcept {
  if (state_ != State::open) return;
  state_ = State::closing;
  uv_close(&stream_.handle, [](uv_handle_t* handle) {
    auto* self = static_cast<StreamSource*>(handle->data);
    self->state_ = State::closed;
    if (self->original_flags_ >= 0) ::fcntl(self->original_fd_, F_SETFL, self->original_flags_);
  });
}

}  // namespace cae::runtime
