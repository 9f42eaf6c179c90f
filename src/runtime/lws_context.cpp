#include "runtime/lws_context.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace cae::runtime::libws {
namespace {

// A reader pings a quiet connection after 30 s and gives it up when no pong came 30 s later
// (spec/channels.md §7 "ws").
const lws_retry_bo_t keepalive = {
    .retry_ms_table = nullptr,
    .retry_ms_table_count = 0,
    .conceal_count = 0,
    .secs_since_valid_ping = 30,
    .secs_since_valid_hangup = 60,
    .jitter_percent = 0,
};

// Per connection: the handshake or request head within 10 s, headers up to 16 KiB (§8).
constexpr unsigned handshake_seconds = 10;
constexpr unsigned short header_bytes = 16 * 1024;

}  // namespace

void Context::open(uv_loop_t* loop, const lws_protocols* protocols, void* user,
                   const std::optional<Listen>& listen, bool tls) {
  // lws logs to stderr by default; cae reports failures itself.
  lws_set_log_level(0, nullptr);
  std::array<void*, 1> loops{loop};
  lws_context_creation_info info{};
  info.options = LWS_SERVER_OPTION_LIBUV;
  if (tls) info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
  info.foreign_loops = loops.data();
  info.protocols = protocols;
  info.user = user;
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.timeout_secs = handshake_seconds;
  info.max_http_header_data = header_bytes;
  info.retry_and_idle_policy = &keepalive;
  if (listen) {
    info.port = listen->port;
    info.iface = listen->host.c_str();
  }
  context_ = lws_create_context(&info);
  if (context_ == nullptr) {
    throw std::runtime_error(
        listen ? fmt::format("cannot listen on {}:{} (is the port in use?)", listen->host,
                             listen->port)
               : std::string{"cannot start libwebsockets"});
  }
}

void Context::close() noexcept {
  if (context_ == nullptr) return;
  lws_context_destroy(std::exchange(context_, nullptr));
}

Url parse_url(const std::string& url) {
  std::string parts = url;  // lws_parse_uri cuts it up in place
  const char* scheme = "";
  const char* host = "";
  const char* path = "";
  Url out;
  if (lws_parse_uri(parts.data(), &scheme, &host, &out.port, &path) != 0 || *host == '\0') {
    throw std::runtime_error(fmt::format("cannot read the URL {}", url));
  }
  out.host = host;
  out.path = fmt::format("/{}", path);
  out.tls = std::string_view{scheme} == "wss" || std::string_view{scheme} == "https";
  if (out.tls && out.port == 80) out.port = 443;  // lws_parse_uri says 80 for any scheme
  return out;
}

bool write_close(lws* wsi, std::uint16_t status, std::string_view reason) noexcept {
  // A Close frame's payload: the status, big-endian, then at most 123 bytes of reason.
  std::array<unsigned char, LWS_PRE + 125> frame{};
  unsigned char* payload = frame.data() + LWS_PRE;
  payload[0] = static_cast<unsigned char>(status >> 8);
  payload[1] = static_cast<unsigned char>(status & 0xff);
  const std::size_t size = std::min<std::size_t>(reason.size(), 123);
  std::memcpy(payload + 2, reason.data(), size);
  // LWS_WRITE_CLOSE (4) is left out of lws's public enum; lws_write() still frames it.
  const auto close_opcode = static_cast<lws_write_protocol>(4);
  return lws_write(wsi, payload, size + 2, close_opcode) >= 0;
}

bool Outgoing::write(lws* wsi) {
  auto* payload = reinterpret_cast<unsigned char*>(bytes_.data() + LWS_PRE);
  return lws_write(wsi, payload, size(), LWS_WRITE_BINARY) >= 0;
}

bool speaks_v1(lws* wsi) noexcept {
  const lws_protocols* protocol = lws_get_protocol(wsi);
  return protocol != nullptr && protocol->name != nullptr &&
         std::string_view{protocol->name} == v1_protocol;
}

bool answered_v1(lws* wsi) noexcept {
  std::array<char, 64> name{};
  const int size = lws_hdr_copy(wsi, name.data(), static_cast<int>(name.size()), WSI_TOKEN_PROTOCOL);
  return size > 0 && std::string_view{name.data(), static_cast<std::size_t>(size)} == v1_protocol;
}

}  // namespace cae::runtime::libws
