// conn:WsReaderChannel: a WebSocket server on conn:wsHost:conn:wsPort that takes one writer
// connection at a time and feeds the channel with what it sends (spec/channels.md §7 "ws", §8).
// A message that arrives as one frame is a plain message; a fragmented one is a stream, one chunk
// per fragment. A Close with status 1000 or none is end-of-stream, 1011 an error close; any other
// end is a lost connection, which is fatal: this end speaks plain WebSocket (no `cae.v1`
// acknowledgements), so messages in flight may be gone. While a write into the channel is pending
// the socket is not read (lws_rx_flow_control), so TCP pushes back on the far writer.
#include <array>
#include <deque>

#include <fmt/format.h>

#include "runtime/lws_context.hpp"
#include "runtime/transports.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {
namespace {

// What the far writer sent, in order, waiting for the channel to take it.
struct Step {
  enum class Kind : std::uint8_t { message, begin, chunk, end, end_of_stream, error };
  Kind kind = Kind::message;
  Message bytes;
  std::string reason;  // of an error
};

constexpr std::uint16_t going_away = 1001;
constexpr std::uint16_t too_big = 1009;

class WsIngress final : public IngressEnd {
 public:
  WsIngress(const model::Channel& model, std::string name, TransportServices& services)
      : IngressEnd(model, std::move(name), services),
        host_(model.settings.value("wsHost", std::string{"127.0.0.1"})),
        port_(model.settings.value("wsPort", 0)) {}

  [[nodiscard]] std::string address() const override {
    return fmt::format("ws://{}:{}/", host_.find(':') == std::string::npos
                                          ? host_ : fmt::format("[{}]", host_), port_);
  }
  void open() override;
  void stop_accepting() noexcept override;
  void close() noexcept override;

  // The protocol callback lws calls for every connection of this end's context.
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t size);

 private:
  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size);
  bool admit(lws* wsi);
  int receive(lws* wsi, const char* data, std::size_t size);
  void peer_closed(const unsigned char* data, std::size_t size);
  void connection_closed(lws* wsi);
  void push(Step step);
  void pump() noexcept;
  Flow pass(Step& step);
  void hang_up(std::uint16_t status, std::string reason) noexcept;
  void fail_transport(const std::string& message) noexcept override;

  std::string host_;
  int port_;
  libws::Context context_;
  lws* wsi_ = nullptr;         // the writer's connection, once its handshake is done
  std::string frame_;          // the frame being received
  bool in_stream_ = false;     // between the first and the last fragment of a message
  std::deque<Step> steps_;
  bool waiting_ = false;       // a write into the channel is pending
  bool ended_ = false;         // the far side closed, or this end stopped: take nothing more
  bool over_ = false;          // end-of-stream delivered, failed or closed
  std::optional<std::pair<std::uint16_t, std::string>> hang_up_;  // Close frame to send
  bool hung_up_ = false;       // this end sent its Close frame
};

const std::array<lws_protocols, 2> protocols{{
    {"cae-ws-reader", &WsIngress::callback, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
}};

void WsIngress::open() {
  context_.open(services().loop(), protocols.data(), this, libws::Listen{host_, port_});
  log(LogLevel::debug, fmt::format("listening on {}", address()));
}

int WsIngress::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                        std::size_t size) {
  switch (reason) {
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
    case LWS_CALLBACK_ESTABLISHED:
    case LWS_CALLBACK_RECEIVE:
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
    case LWS_CALLBACK_SERVER_WRITEABLE:
    case LWS_CALLBACK_CLOSED:
      return libws::owner_of<WsIngress>(wsi)->handle(wsi, reason, in, size);
    case LWS_CALLBACK_HTTP:
      return -1;  // a plain HTTP request: this port only speaks WebSocket
    default:
      // Among them the destroy callbacks lws makes after the owner is gone (lws_context.hpp).
      return 0;
  }
}

int WsIngress::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size) {
  try {
    switch (reason) {
      case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: return admit(wsi) ? 0 : 1;
      case LWS_CALLBACK_ESTABLISHED:
        wsi_ = wsi;
        log(LogLevel::debug, "a writer connected");
        return 0;
      case LWS_CALLBACK_RECEIVE: return receive(wsi, static_cast<const char*>(in), size);
      case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        if (wsi == wsi_) peer_closed(static_cast<const unsigned char*>(in), size);
        return 0;
      case LWS_CALLBACK_SERVER_WRITEABLE:
        if (wsi == wsi_ && hang_up_) {
          hung_up_ = true;
          if (!libws::write_close(wsi, hang_up_->first, hang_up_->second)) return -1;
          hang_up_.reset();
        }
        return 0;
      case LWS_CALLBACK_CLOSED: connection_closed(wsi); return 0;
      default: return 0;
    }
  } catch (const std::exception& error) {  // no exception may cross into lws
    fail_transport(error.what());
    return -1;
  }
}

// One writer at a time, and never a web page: a handshake with an Origin header is refused
// (spec/channels.md §8).
bool WsIngress::admit(lws* wsi) {
  if (lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN) > 0) {
    log(LogLevel::warn, "refused a connection with an Origin header (web pages may not write)");
    return false;
  }
  if (wsi_ != nullptr || ended_ || over_) {
    log(LogLevel::warn, "refused a connection: a writer is already connected or has ended");
    return false;
  }
  return true;
}

int WsIngress::receive(lws* wsi, const char* data, std::size_t size) {
  if (wsi != wsi_ || ended_) return 0;
  if (frame_.size() + size > options().max_message_bytes) {
    // The Close goes out now, not from the writeable callback: the run is about to end.
    ended_ = true;
    hung_up_ = true;
    libws::write_close(wsi, too_big, "message too large");
    fail_transport(fmt::format("the writer sent a message above --max-message-bytes ({} bytes)",
                               options().max_message_bytes));
    return -1;
  }
  frame_.append(data, size);
  // lws hands a frame over in pieces; the frame is whole when nothing of it remains.
  if (lws_remaining_packet_payload(wsi) > 0) return 0;
  const bool last = lws_is_final_fragment(wsi) != 0;
  Message bytes{std::exchange(frame_, std::string{})};
  if (!in_stream_ && last) {
    push({Step::Kind::message, std::move(bytes), {}});
    return 0;
  }
  if (!in_stream_) push({Step::Kind::begin, {}, {}});
  in_stream_ = !last;
  push({Step::Kind::chunk, std::move(bytes), {}});
  if (last) push({Step::Kind::end, {}, {}});
  return 0;
}

// A Close from the writer: its status says how the stream ended (spec/channels.md §7 "ws").
void WsIngress::peer_closed(const unsigned char* data, std::size_t size) {
  if (hung_up_ || ended_) return;  // the answer to this end's own Close
  ended_ = true;
  const int status = size >= 2 ? data[0] << 8 | data[1] : 0;
  const std::string reason = size > 2 ? std::string(reinterpret_cast<const char*>(data) + 2,
                                                    size - 2)
                                      : std::string{};
  if ((status == 0 || status == 1000) && !in_stream_) {
    push({Step::Kind::end_of_stream, {}, {}});
  } else if (status == 1011) {
    push({Step::Kind::error, {}, fmt::format("the writer closed the stream with an error: {}",
                                             reason)});
  } else {
    push({Step::Kind::error, {},
          fmt::format("the writer closed the connection with status {}{} before end of stream",
                      status, reason.empty() ? std::string{} : fmt::format(" ({})", reason))});
  }
}

void WsIngress::connection_closed(lws* wsi) {
  if (wsi != wsi_) return;  // a refused handshake
  wsi_ = nullptr;
  if (ended_ || over_) return;
  ended_ = true;
  push({Step::Kind::error, {}, "connection lost before end of stream"});
}

void WsIngress::push(Step step) {
  steps_.push_back(std::move(step));
  pump();
}

// Hands the steps to the channel in order until a write has to wait; the socket is not read
// while it waits.
void WsIngress::pump() noexcept {
  try {
    while (!waiting_ && !over_ && !steps_.empty()) {
      Step step = std::move(steps_.front());
      steps_.pop_front();
      if (step.kind == Step::Kind::end_of_stream) {
        over_ = true;
        log(LogLevel::debug, "end of stream");
        end_of_stream();
        return;
      }
      if (step.kind == Step::Kind::error) {
        fail_transport(step.reason);
        return;
      }
      const Flow flow = pass(step);
      if (flow.ready()) continue;
      waiting_ = true;
      if (wsi_ != nullptr) lws_rx_flow_control(wsi_, 0);
      flow.then([this](Outcome) {
        waiting_ = false;
        if (wsi_ != nullptr && !ended_) lws_rx_flow_control(wsi_, 1);
        pump();
      });
    }
  } catch (const std::exception& error) {
    fail_transport(error.what());
  }
}

Flow WsIngress::pass(Step& step) {
  switch (step.kind) {
    case Step::Kind::message: return writer().write(std::move(step.bytes));
    case Step::Kind::begin: return writer().begin_stream();
    case Step::Kind::chunk: return writer().write_chunk(std::move(step.bytes));
    default: return writer().end_stream();
  }
}

// Sends a Close frame with `status` once the connection may write.
void WsIngress::hang_up(std::uint16_t status, std::string reason) noexcept {
  ended_ = true;
  if (wsi_ == nullptr || hung_up_ || hang_up_) return;
  hang_up_.emplace(status, std::move(reason));
  lws_rx_flow_control(wsi_, 0);
  lws_callback_on_writable(wsi_);
}

void WsIngress::stop_accepting() noexcept {
  if (ended_ || over_ || failed()) return;
  hang_up(going_away, "the reader is shutting down");
  // What arrived is delivered first, then the channel closes normally.
  try {
    push({Step::Kind::end_of_stream, {}, {}});
  } catch (const std::exception& error) {
    fail_transport(error.what());
  }
}

void WsIngress::fail_transport(const std::string& message) noexcept {
  if (over_) return;
  over_ = true;
  ended_ = true;
  steps_.clear();
  hang_up(1011, message);
  IngressEnd::fail_transport(message);
}

void WsIngress::close() noexcept {
  over_ = true;
  ended_ = true;
  steps_.clear();
  wsi_ = nullptr;
  context_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_ws_ingress(const model::Channel& model, std::string name,
                                              TransportServices& services) {
  return std::make_unique<WsIngress>(model, std::move(name), services);
}

}  // namespace cae::runtime
