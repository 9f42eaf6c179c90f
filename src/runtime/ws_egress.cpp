// conn:WsWriterChannel: a WebSocket client that connects to conn:wsUrl and sends the channel's
// messages (spec/channels.md §7 "ws"): a plain message as one binary frame, a stream as one
// fragmented message, one fragment per chunk; the channel's close as a Close frame with status
// 1000, or 1011 and the reason after an error close. Until the far side is reached (retried every
// --connect-retry up to --connect-timeout) messages wait in the channel's queue. One chunk is in
// flight at a time and the next is taken only once lws may write again, so a far reader that
// reads slowly fills the local queue and pauses the local writers. A connection lost before the
// closing handshake is fatal: this end speaks plain WebSocket, without `cae.v1` resending.
#include <array>
#include <deque>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/lws_context.hpp"
#include "runtime/transports.hpp"

namespace cae::runtime {
namespace {

class WsEgress final : public EgressEnd {
 public:
  WsEgress(const model::Channel& model, std::string name, TransportServices& services)
      : EgressEnd(model, std::move(name), services),
        url_(model.settings.value("wsUrl", std::string{})) {}

  [[nodiscard]] std::string address() const override { return url_; }
  void open() override;
  void close() noexcept override;

  // The protocol callback lws calls for this end's connection.
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t size);

 private:
  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size);
  void connect() noexcept;
  void not_connected(const std::string& why) noexcept;
  int writeable(lws* wsi);
  void closed() noexcept;
  Flow send_chunk(Chunk chunk) override;
  void send_close(const std::optional<std::string>& error) override;
  void fail_transport(const std::string& message) noexcept override;
  void want_write() noexcept;

  std::string url_;
  libws::Url target_;
  libws::Context context_;
  Handle<uv_timer_t> retry_timer_;
  std::uint64_t started_ = 0;  // loop time of the first attempt
  lws* wsi_ = nullptr;
  bool established_ = false;
  std::deque<Chunk> outbox_;   // at most one chunk: the one the reader handed over last
  Promise sent_;               // completes when that chunk is written
  bool in_stream_ = false;     // a stream's first fragment went out
  std::optional<std::pair<std::uint16_t, std::string>> close_;  // Close frame to send
  bool close_sent_ = false;
  std::string peer_close_;     // why the far side closed first, for the report
  bool closing_ = false;       // close() has begun
};

const std::array<lws_protocols, 2> protocols{{
    {"cae-ws-writer", &WsEgress::callback, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
}};

void WsEgress::open() {
  target_ = libws::parse_url(url_);
  context_.open(services().loop(), protocols.data(), this, std::nullopt, target_.tls);
  uv_timer_init(services().loop(), retry_timer_.get());
  retry_timer_.initialized();
  retry_timer_.get()->data = this;
  started_ = uv_now(services().loop());
  connect();  // in the background: writes queue meanwhile (spec/channels.md §4 phase 1)
}

void WsEgress::connect() noexcept {
  lws_client_connect_info info{};
  info.context = context_.get();
  info.address = target_.host.c_str();
  info.port = target_.port;
  info.path = target_.path.c_str();
  info.host = target_.host.c_str();
  info.ssl_connection = target_.tls ? LCCSCF_USE_SSL : 0;
  info.pwsi = &wsi_;
  if (lws_client_connect_via_info(&info) == nullptr && wsi_ == nullptr && !failed()) {
    // lws may already have reported the failure through the callback, which retries.
    if (!uv_is_active(retry_timer_.base())) not_connected("cannot start a connection");
  }
}

// Tries again after --connect-retry until --connect-timeout has passed since the first attempt.
void WsEgress::not_connected(const std::string& why) noexcept {
  wsi_ = nullptr;
  const std::uint64_t waited = uv_now(services().loop()) - started_;
  const auto limit = options().connect_timeout;
  if (waited >= static_cast<std::uint64_t>(limit.count())) {
    fail_transport(fmt::format("cannot connect within {} s: {}",
                               static_cast<double>(limit.count()) / 1000.0, why));
    return;
  }
  uv_timer_start(
      retry_timer_.get(), [](uv_timer_t* timer) { static_cast<WsEgress*>(timer->data)->connect(); },
      static_cast<std::uint64_t>(options().connect_retry.count()), 0);
}

int WsEgress::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                       std::size_t size) {
  switch (reason) {
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
    case LWS_CALLBACK_CLIENT_WRITEABLE:
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
    case LWS_CALLBACK_CLIENT_CLOSED:
      return libws::owner_of<WsEgress>(wsi)->handle(wsi, reason, in, size);
    default:
      // Among them the destroy callbacks lws makes after the owner is gone (lws_context.hpp).
      return 0;
  }
}

int WsEgress::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size) {
  if (closing_) return 0;  // lws_context_destroy() closing the connection at shutdown
  try {
    switch (reason) {
      case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        if (alive()) {
          not_connected(in != nullptr ? std::string{static_cast<const char*>(in)}
                                      : std::string{"connection refused"});
        }
        return 0;
      case LWS_CALLBACK_CLIENT_ESTABLISHED:
        wsi_ = wsi;
        established_ = true;
        log(LogLevel::debug, fmt::format("connected to {}", url_));
        want_write();
        return 0;
      case LWS_CALLBACK_CLIENT_WRITEABLE: return writeable(wsi);
      case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        if (!close_sent_ && size >= 2) {
          const auto* data = static_cast<const unsigned char*>(in);
          peer_close_ = fmt::format(" (the reader closed with status {}{})", data[0] << 8 | data[1],
                                    size > 2 ? fmt::format(": {}", std::string_view{
                                        reinterpret_cast<const char*>(data) + 2, size - 2})
                                             : std::string{});
        }
        return 0;
      case LWS_CALLBACK_CLIENT_CLOSED: closed(); return 0;
      default: return 0;
    }
  } catch (const std::exception& error) {  // no exception may cross into lws
    fail_transport(error.what());
    return -1;
  }
}

// Writes the chunk the reader handed over, or else the Close frame once everything before it is
// out. lws calls this only when the socket has taken what was written before.
int WsEgress::writeable(lws* wsi) {
  if (!outbox_.empty()) {
    Chunk chunk = std::move(outbox_.front());
    outbox_.pop_front();
    const bool plain = chunk.first && chunk.last;
    const auto kind = lws_write_ws_flags(LWS_WRITE_BINARY, plain || !in_stream_ ? 1 : 0,
                                         chunk.last ? 1 : 0);
    in_stream_ = !plain && !chunk.last;
    // lws needs LWS_PRE writable bytes before the payload for the frame header.
    std::string buffer(LWS_PRE + chunk.bytes.size(), '\0');
    std::copy_n(chunk.bytes.data(), chunk.bytes.size(), buffer.data() + LWS_PRE);
    auto* payload = reinterpret_cast<unsigned char*>(buffer.data() + LWS_PRE);
    if (lws_write(wsi, payload, chunk.bytes.size(), static_cast<lws_write_protocol>(kind)) < 0) {
      return -1;  // lws closes the connection: reported by closed()
    }
    sent_.complete();  // the reader may hand over the next chunk at once
    return 0;
  }
  if (close_ && !close_sent_) {
    close_sent_ = true;
    if (!libws::write_close(wsi, close_->first, close_->second)) return -1;
  }
  return 0;
}

void WsEgress::closed() noexcept {
  wsi_ = nullptr;
  if (!established_) return;  // a failed attempt: CLIENT_CONNECTION_ERROR retries
  established_ = false;
  if (close_sent_) {
    log(LogLevel::debug, "closed");
    set_finished();
    return;
  }
  fail_transport(fmt::format("connection lost before end of stream{}", peer_close_));
}

Flow WsEgress::send_chunk(Chunk chunk) {
  if (failed()) return Flow::failed();
  if (chunk.first && chunk.last && chunk.bytes.size() > options().max_message_bytes) {
    fail_transport(fmt::format("{} wrote a message of {} bytes, above --max-message-bytes ({} "
                               "bytes); write it as a stream instead",
                               writer_names(), chunk.bytes.size(), options().max_message_bytes));
    return Flow::failed();
  }
  // A stream's opening marker has nothing to send: its first fragment carries the first chunk.
  if (chunk.first && !chunk.last) {
    in_stream_ = false;
    return Flow::done();
  }
  outbox_.push_back(std::move(chunk));
  want_write();
  return sent_.flow();
}

void WsEgress::send_close(const std::optional<std::string>& error) {
  if (close_) return;
  close_.emplace(error ? 1011 : 1000, error.value_or(std::string{}));
  want_write();
}

void WsEgress::want_write() noexcept {
  if (wsi_ != nullptr && established_) lws_callback_on_writable(wsi_);
}

void WsEgress::fail_transport(const std::string& message) noexcept {
  if (failed()) return;
  outbox_.clear();
  EgressEnd::fail_transport(message);
  sent_.fail(message);
  // The far reader learns of the failure through an error close (spec/channels.md §7).
  if (!close_) close_.emplace(1011, message);
  want_write();
}

void WsEgress::close() noexcept {
  closing_ = true;
  outbox_.clear();
  retry_timer_.close();
  wsi_ = nullptr;
  context_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_ws_egress(const model::Channel& model, std::string name,
                                             TransportServices& services) {
  return std::make_unique<WsEgress>(model, std::move(name), services);
}

}  // namespace cae::runtime
