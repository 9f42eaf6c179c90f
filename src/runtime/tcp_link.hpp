// One TCP connection of a tcp transport end. It lives on the heap and frees itself in its close
// callback, so an end can drop a broken connection and make a new one while libuv still holds
// the old handle; after release() it calls its owner no more.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <uv.h>

#include "cae/message.hpp"
#include "runtime/tcp_wire.hpp"

namespace cae::runtime::tcp {

class Link;

class LinkOwner {
 public:
  virtual void link_connected(int status) noexcept = 0;
  virtual void link_read(const char* data, std::size_t size) noexcept = 0;
  // End of file, a read or write error: the connection is gone. `reason` says how.
  virtual void link_lost(const std::string& reason) noexcept = 0;
  // A finishing link (finish()) is gone: its memory is freed after this returns.
  virtual void link_gone(Link* link) noexcept = 0;

 protected:
  ~LinkOwner() = default;
};

class Link {
 public:
  // A connection not yet connected or accepted. Null when the handle cannot be made.
  static Link* make(uv_loop_t* loop, LinkOwner& owner);

  [[nodiscard]] uv_tcp_t* tcp() noexcept { return &tcp_; }
  [[nodiscard]] uv_stream_t* stream() noexcept { return reinterpret_cast<uv_stream_t*>(&tcp_); }
  // Starts connecting; link_connected follows. Returns a libuv error when it cannot start.
  int connect(const sockaddr* address);
  int start_reading();
  void stop_reading() noexcept;
  // Queues a header and its payload (bytes the caller may drop at once). A write error is
  // reported through link_lost.
  void send(const Header& header, const Message& payload);
  // Queues several frames as one write.
  void send(std::vector<Header> headers, std::vector<Message> payloads);
  void send_raw(std::string bytes);
  // Bytes queued but not yet handed to the kernel.
  [[nodiscard]] std::size_t unsent() const noexcept { return tcp_.write_queue_size; }
  // Sends what is queued, then closes; the owner hears only link_gone. If the far side does
  // not take the bytes, release() ends the wait.
  void finish() noexcept;
  // Closes at once (what is queued is dropped); the owner hears nothing more.
  void release() noexcept;
  // Another owner takes the link over from here on.
  void adopt(LinkOwner& owner) noexcept {
    owner_ = &owner;
    watcher_ = &owner;
  }

 private:
  explicit Link(LinkOwner& owner) : owner_(&owner), watcher_(&owner) {}
  void lost(const std::string& reason) noexcept;
  void close() noexcept;

  uv_tcp_t tcp_{};  // its data points at this Link
  uv_connect_t connect_{};
  uv_shutdown_t shutdown_{};
  LinkOwner* owner_;    // null once finishing or released
  LinkOwner* watcher_;  // told when a finishing link is gone; null once released
  std::string read_buffer_;
  bool closing_ = false;
  bool shutting_ = false;
  bool tuned_ = false;  // socket options set (on the first start_reading)
};

}  // namespace cae::runtime::tcp
