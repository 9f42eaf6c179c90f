#include "runtime/tcp_link.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <csignal>

#include <fmt/format.h>

namespace cae::runtime::tcp {
namespace {

constexpr std::size_t read_bytes = 256 * 1024;

// A peer that vanishes without a FIN or RST (a host that lost power, a NAT that forgot the
// connection) must count as a lost connection, so the writer reconnects and the reader takes the
// new connection: keepalive probes find a silent peer after about 10 + 4 × 5 = 30 s, and data
// that stays unacknowledged for 30 s fails the connection.
constexpr unsigned keepalive_idle_s = 10;
constexpr int keepalive_interval_s = 5;
constexpr int keepalive_probes = 4;
constexpr unsigned user_timeout_ms = 30'000;

void detect_dead_peers(uv_tcp_t* tcp) noexcept {
  uv_tcp_keepalive(tcp, 1, keepalive_idle_s);
  uv_os_fd_t fd = -1;
  if (uv_fileno(reinterpret_cast<uv_handle_t*>(tcp), &fd) != 0) return;
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &keepalive_interval_s, sizeof keepalive_interval_s);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &keepalive_probes, sizeof keepalive_probes);
  setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout_ms, sizeof user_timeout_ms);
}

// One uv_write: the header bytes and a handle on the payload, kept until libuv is done.
struct WriteRequest {
  uv_write_t request{};
  Header header{};
  Message payload;
  std::string raw;
  std::vector<Header> headers;
  std::vector<Message> payloads;
};

template <typename H>
Link* link_of(H* handle) {
  return static_cast<Link*>(handle->data);
}

}  // namespace

Link* Link::make(uv_loop_t* loop, LinkOwner& owner) {
  // A peer that goes away must not kill cae with SIGPIPE: the write fails with EPIPE instead,
  // and the end reconnects or reports it.
  std::signal(SIGPIPE, SIG_IGN);
  auto* link = new Link(owner);
  if (uv_tcp_init(loop, &link->tcp_) != 0) {
    delete link;
    return nullptr;
  }
  link->tcp_.data = link;
  return link;
}

int Link::connect(const sockaddr* address) {
  return uv_tcp_connect(&connect_, &tcp_, address, [](uv_connect_t* request, int status) {
    auto* self = link_of(request->handle);
    if (self->owner_ != nullptr) self->owner_->link_connected(status);
  });
}

int Link::start_reading() {
  if (!tuned_) {
    tuned_ = true;
    uv_tcp_nodelay(&tcp_, 1);
    detect_dead_peers(&tcp_);
  }
  return uv_read_start(
      stream(),
      [](uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
        auto* self = link_of(handle);
        self->read_buffer_.resize(read_bytes);
        *buf = uv_buf_init(self->read_buffer_.data(), read_bytes);
      },
      [](uv_stream_t* stream, ssize_t count, const uv_buf_t*) {
        auto* self = link_of(stream);
        if (self->owner_ == nullptr || count == 0) return;
        if (count < 0) {
          self->lost(count == UV_EOF ? std::string{"the peer closed the connection"}
                                     : std::string{uv_strerror(static_cast<int>(count))});
          return;
        }
        self->owner_->link_read(self->read_buffer_.data(), static_cast<std::size_t>(count));
      });
}

void Link::stop_reading() noexcept {
  if (!closing_) uv_read_stop(stream());
}

void Link::send(const Header& header, const Message& payload) {
  send(std::vector<Header>{header}, std::vector<Message>{payload});
}

void Link::send(std::vector<Header> headers, std::vector<Message> payloads) {
  auto* request = new WriteRequest{};
  request->headers = std::move(headers);
  request->payloads = std::move(payloads);
  std::vector<uv_buf_t> bufs;  // uv_write copies the array itself
  bufs.reserve(request->headers.size() * 2);
  for (std::size_t i = 0; i < request->headers.size(); ++i) {
    Header& header = request->headers[i];
    const Message& payload = request->payloads[i];
    bufs.push_back(uv_buf_init(header.data(), static_cast<unsigned>(header.size())));
    if (!payload.empty()) {
      bufs.push_back(
          uv_buf_init(const_cast<char*>(payload.data()), static_cast<unsigned>(payload.size())));
    }
  }
  const auto done = [](uv_write_t* write, int status) {
    auto* self = link_of(write->handle);
    delete static_cast<WriteRequest*>(write->data);
    if (status < 0 && status != UV_ECANCELED && self->owner_ != nullptr) {
      self->lost(uv_strerror(status));
    }
  };
  request->request.data = request;
  const int status = uv_write(&request->request, stream(), bufs.data(),
                              static_cast<unsigned>(bufs.size()), done);
  if (status < 0) {
    delete request;
    lost(uv_strerror(status));
  }
}

void Link::send_raw(std::string bytes) {
  auto* request = new WriteRequest{};
  request->raw = std::move(bytes);
  const uv_buf_t buf = uv_buf_init(request->raw.data(), static_cast<unsigned>(request->raw.size()));
  request->request.data = request;
  const int status = uv_write(&request->request, stream(), &buf, 1, [](uv_write_t* write, int) {
    delete static_cast<WriteRequest*>(write->data);
  });
  if (status < 0) {
    delete request;
    lost(uv_strerror(status));
  }
}

void Link::lost(const std::string& reason) noexcept {
  LinkOwner* owner = owner_;
  if (owner != nullptr) owner->link_lost(reason);
}

void Link::finish() noexcept {
  if (closing_ || shutting_) return;
  shutting_ = true;
  owner_ = nullptr;
  uv_read_stop(stream());
  const int status = uv_shutdown(&shutdown_, stream(), [](uv_shutdown_t* request, int) {
    link_of(request->handle)->close();
  });
  if (status != 0) close();
}

void Link::release() noexcept {
  owner_ = nullptr;
  watcher_ = nullptr;
  close();
}

void Link::close() noexcept {
  if (closing_) return;
  closing_ = true;
  uv_close(reinterpret_cast<uv_handle_t*>(&tcp_), [](uv_handle_t* handle) {
    Link* self = link_of(handle);
    if (self->watcher_ != nullptr) self->watcher_->link_gone(self);
    delete self;
  });
}

}  // namespace cae::runtime::tcp
