// A libwebsockets context on the run's libuv loop (the "foreign loop" mode of lws's libuv
// event library), for the ws transport and the http writer. The only code besides ws_*.cpp and
// http_egress.cpp that includes libwebsockets.h (which cannot sit beside http_parser.h: both
// define enum http_status).
//
// Each transport end owns one context. lws runs its sockets and timers as handles of our loop;
// close() asks lws to destroy the context, and lws then closes those handles itself, so the
// loop must run on until their close callbacks have run (Loop::close() does). lws may still
// call the protocol callback from those close callbacks with LWS_CALLBACK_WSI_DESTROY and
// LWS_CALLBACK_PROTOCOL_DESTROY, after the owner is gone: callbacks must not look at their
// owner for those reasons. close() must not be called from inside an lws callback (lws then
// leaves part of the context unfreed); the lifecycle calls it at shutdown.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <string_view>

#include <libwebsockets.h>
#include <uv.h>

namespace cae::runtime::libws {

struct Listen {
  std::string host;
  int port = 0;
};

class Context {
 public:
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  ~Context() { close(); }

  // Creates the context on `loop` with `protocols` (the array must outlive the context) and
  // `user` as lws_context_user(); with `listen`, a listening vhost; with `tls`, OpenSSL set up
  // for wss:// and https:// clients. Throws std::runtime_error when lws cannot start or bind.
  void open(uv_loop_t* loop, const lws_protocols* protocols, void* user,
            const std::optional<Listen>& listen, bool tls = false);
  [[nodiscard]] lws_context* get() const noexcept { return context_; }
  // Idempotent; see the file comment.
  void close() noexcept;

 private:
  lws_context* context_ = nullptr;
};

// Where an egress end connects: a ws://, wss://, http:// or https:// URL cut into the parts
// lws_client_connect_info wants.
struct Url {
  std::string host;
  int port = 0;
  std::string path;  // from the first '/', "/" when the URL has none
  bool tls = false;  // wss:// or https://
};
// Throws std::runtime_error when `url` has no host.
Url parse_url(const std::string& url);

// The owner stored with Context::open() for a callback's connection.
template <typename T>
T* owner_of(lws* wsi) noexcept {
  return static_cast<T*>(lws_context_user(lws_get_context(wsi)));
}

// Writes a WebSocket Close frame with `status` and `reason` (cut to what a control frame holds).
// lws 4.1 sends no Close frame when a callback returns -1 after lws_close_reason() on a client
// connection, so both sides write their own and let lws finish the closing handshake. Call
// from the connection's writeable callback. Returns false when the write failed.
bool write_close(lws* wsi, std::uint16_t status, std::string_view reason) noexcept;

// A binary WebSocket message being put together: lws wants LWS_PRE bytes of room for the frame
// header in front of the payload, in the same buffer.
class Outgoing {
 public:
  Outgoing() : bytes_(LWS_PRE, '\0') {}
  void append(std::string_view bytes) { bytes_.append(bytes); }
  [[nodiscard]] std::size_t size() const noexcept { return bytes_.size() - LWS_PRE; }
  // Writes the message. Returns false when the write failed.
  bool write(lws* wsi);

 private:
  std::string bytes_;
};

// The subprotocol two cae processes speak over ws: the tcp transport's opening, frames and
// acks (tcp_wire.hpp) carried in binary WebSocket messages, so that a lost connection is
// resumed without loss (docs/transports.md, "ws"). A writer offers `offer_v1`: a cae reader
// knows only the second name and takes it; a peer that takes the first offered name (the ws
// library of Node.js does) gets plain WebSocket.
inline constexpr const char* plain_protocol = "cae.plain";
inline constexpr const char* v1_protocol = "cae.v1";
inline constexpr const char* offer_v1 = "cae.plain, cae.v1";
// Whether a server connection took `cae.v1`.
[[nodiscard]] bool speaks_v1(lws* wsi) noexcept;
// Whether the server answered `cae.v1` to a client's offer; only while its handshake headers are
// there (LWS_CALLBACK_CLIENT_FILTER_PRE_ESTABLISH).
[[nodiscard]] bool answered_v1(lws* wsi) noexcept;

}  // namespace cae::runtime::libws
