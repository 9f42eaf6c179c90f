#include "runtime/child_pipes.hpp"

#include <stdexcept>
#include <vector>

namespace cae::runtime {
namespace {

struct WriteRequest {
  uv_write_t request{};
  std::vector<Message> parts;  // kept alive until libuv has sent them
  std::uint64_t bytes = 0;
  ChildHandles* handles = nullptr;
};

}  // namespace

void ChildHandles::close(uv_handle_t* handle) noexcept {
  if (uv_is_closing(handle) != 0) return;
  handle->data = this;
  uv_close(handle, [](uv_handle_t* closed) {
    auto* self = static_cast<ChildHandles*>(closed->data);
    if (--self->open == 0 && self->owner == nullptr) delete self;
  });
}

void ChildHandles::close_all() noexcept {
  owner = nullptr;
  if (spawned) {
    spawned = false;
    ++open;
    close(reinterpret_cast<uv_handle_t*>(&process));
  }
  for (auto& pipe : pipes) close(reinterpret_cast<uv_handle_t*>(&pipe));
  if (open == 0) delete this;
}

Flow PipeSink::failed(Promise& promise, const std::string& reason) {
  Flow flow = promise.flow();
  promise.fail(reason);
  return flow;
}

Flow PipeSink::write(std::span<const Message> parts) {
  if (closing_) throw std::logic_error("write on a program's closed input");
  if (error_) return failed(room_, *error_);
  auto* request = new WriteRequest{};
  request->handles = &handles_;
  std::vector<uv_buf_t> buffers;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    request->parts.push_back(part);
    request->bytes += part.size();
    buffers.push_back(uv_buf_init(const_cast<char*>(part.data()),  // libuv only reads them
                                  static_cast<unsigned>(part.size())));
  }
  const int status = uv_write(&request->request, handles_.stream(0), buffers.data(),
                              static_cast<unsigned>(buffers.size()), [](uv_write_t* done, int s) {
                                auto* finished = reinterpret_cast<WriteRequest*>(done);
                                if (auto* sink = finished->handles->input)
                                  sink->sent(finished->bytes, s);
                                delete finished;
                              });
  if (status != 0) {  // a failed call never calls its callback
    delete request;
    error_ = uv_strerror(status);
    return failed(room_, *error_);
  }
  unsent_ += request->bytes;
  return unsent_ <= high_water ? Flow::done() : room_.flow();
}

void PipeSink::sent(std::uint64_t bytes, int status) noexcept {
  unsent_ -= std::min(bytes, unsent_);
  if (status < 0 && status != UV_ECANCELED && !error_) error_ = uv_strerror(status);
  run_guarded(host_, host_.phase(), [this] {
    if (room_.pending() && error_) room_.fail(*error_);
    if (room_.pending() && unsent_ <= high_water / 2) room_.complete();
  });
  if (closing_ && unsent_ == 0) close_pipe();
}

Flow PipeSink::close() {
  if (closing_) return Flow::done();
  closing_ = true;
  const Flow flow = closed_.flow();
  if (unsent_ == 0) close_pipe();
  return flow;
}

// Closing our end is the program's end of input.
void PipeSink::close_pipe() noexcept {
  handles_.close(reinterpret_cast<uv_handle_t*>(&handles_.pipes[0]));
  run_guarded(host_, host_.phase(), [this] { closed_.complete(); });
}

void PipeSource::begin() {
  handles_.pipes[index_].data = this;
  const int status = start_reading();
  if (status != 0) end(std::string{uv_strerror(status)});
}

int PipeSource::start_reading() {
  return uv_read_start(
      handles_.stream(index_),
      [](uv_handle_t* handle, std::size_t, uv_buf_t* buffer) {
        auto* self = static_cast<PipeSource*>(handle->data);
        self->buffer_.resize(read_chunk_bytes);
        *buffer = uv_buf_init(self->buffer_.data(), static_cast<unsigned>(read_chunk_bytes));
      },
      [](uv_stream_t* stream, ssize_t count, const uv_buf_t*) {
        static_cast<PipeSource*>(stream->data)->read(count);
      });
}

void PipeSource::read(ssize_t count) {
  if (count == 0) return;  // nothing this time (EAGAIN)
  if (count < 0) {
    uv_read_stop(handles_.stream(index_));
    end(count == UV_EOF ? std::nullopt
                        : std::optional<std::string>{uv_strerror(static_cast<int>(count))});
    return;
  }
  buffer_.resize(static_cast<std::size_t>(count));
  Message chunk = count < 4096 ? Message::copy(buffer_) : Message{std::move(buffer_)};
  buffer_ = std::string{};
  const auto resume = [](SourceBase& self) {
    auto& source = static_cast<PipeSource&>(self);
    if (!source.detached_) source.start_reading();
  };
  uv_read_stop(handles_.stream(index_));  // until this chunk's Flow is ready: backpressure
  if (pass(std::move(chunk), resume)) resume(*this);
}

void PipeSource::stop() {
  if (!detached_) uv_read_stop(handles_.stream(index_));
  end(std::nullopt);
}

void PipeSource::detach() noexcept {
  if (detached_) return;
  detached_ = true;
  uv_read_stop(handles_.stream(index_));
  handles_.pipes[index_].data = &handles_;
}

}  // namespace cae::runtime
