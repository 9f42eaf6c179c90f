// conn:HttpWriterChannel: sends each message of the channel as the body of one request
// (conn:httpMethod, POST by default) to conn:httpEndpoint, and the next only once the answer has
// come (spec/channels.md §7 "http"). The channel's close is a last request with the header
// `Cae-End-Of-Stream: ok` and an empty body, or `error` with the reason as body.
//
// Every request carries `Cae-Stream` (a random id made at open) and `Cae-Sequence` (1, 2, …),
// so a cae reader answers a request sent again without taking its message twice. A request that
// gets no answer (refused, cut, or answered 503) is sent again: until the far side has answered
// once every --connect-retry up to --connect-timeout, later with growing pauses for up to
// --reconnect-timeout (reconnect.hpp). Any other answer than 2xx is fatal. A stream is gathered
// and sent as one body (libwebsockets 4.1 sends no chunked request bodies), so it is bound by
// --max-message-bytes here.
#include <array>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/lws_context.hpp"
#include "runtime/reconnect.hpp"
#include "runtime/transports.hpp"

namespace cae::runtime {
namespace {

class HttpEgress final : public EgressEnd {
 public:
  HttpEgress(const model::Channel& model, std::string name, TransportServices& services)
      : EgressEnd(model, std::move(name), services),
        url_(model.settings.value("httpEndpoint", std::string{})),
        method_(model.settings.value("httpMethod", std::string{"POST"})),
        reconnect_(services.options()) {}

  [[nodiscard]] std::string address() const override { return url_; }
  void open() override;
  void close() noexcept override;

  // The protocol callback lws calls for this end's requests.
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t size);

 private:
  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size);
  void send() noexcept;
  void next_request(std::string body, std::string marker);
  void not_sent(const std::string& why) noexcept;
  int add_headers(lws* wsi, unsigned char** at, std::size_t room);
  int write_body(lws* wsi);
  void answered() noexcept;
  Flow send_chunk(Chunk chunk) override;
  void send_close(const std::optional<std::string>& error) override;
  void fail_transport(const std::string& message) noexcept override;

  std::string url_;
  std::string method_;
  libws::Url target_;
  libws::Context context_;
  Handle<uv_timer_t> retry_timer_;
  Reconnect reconnect_;
  bool retrying_ = false;      // the request in flight was sent before and got no answer
  std::string stream_id_;      // Cae-Stream: 32 hexadecimal digits
  std::uint64_t sequence_ = 0; // Cae-Sequence of the request in flight
  lws* wsi_ = nullptr;         // the request in flight
  lws* sending_ = nullptr;     // its connection, once its headers are being sent
  std::string body_;           // its body
  std::string marker_;         // its Cae-End-Of-Stream value, empty for a message
  int status_ = 0;             // the answer's status
  bool busy_ = false;          // a request is in flight or waits for a retry
  std::string stream_;         // a stream being gathered
  Promise sent_;               // completes when the far side has answered the request
  bool closing_ = false;       // close() has begun
};

const std::array<lws_protocols, 2> protocols{{
    {"cae-http-writer", &HttpEgress::callback, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
}};

void HttpEgress::open() {
  target_ = libws::parse_url(url_);
  context_.open(services().loop(), protocols.data(), this, std::nullopt, target_.tls);
  uv_timer_init(services().loop(), retry_timer_.get());
  retry_timer_.initialized();
  retry_timer_.get()->data = this;
  std::array<unsigned char, 16> id{};
  if (uv_random(nullptr, nullptr, id.data(), id.size(), 0, nullptr) != 0) {
    throw std::runtime_error("cannot make a random stream id");
  }
  for (const unsigned char byte : id) stream_id_ += fmt::format("{:02x}", byte);
  reconnect_.begin(uv_now(services().loop()));
}

void HttpEgress::next_request(std::string body, std::string marker) {
  body_ = std::move(body);
  marker_ = std::move(marker);
  ++sequence_;
  send();
}

// Starts the request for body_ and marker_.
void HttpEgress::send() noexcept {
  busy_ = true;
  status_ = 0;
  lws_client_connect_info info{};
  info.context = context_.get();
  info.address = target_.host.c_str();
  info.port = target_.port;
  info.path = target_.path.c_str();
  info.host = target_.host.c_str();
  info.method = method_.c_str();
  info.protocol = protocols[0].name;
  info.ssl_connection = target_.tls ? LCCSCF_USE_SSL : 0;
  info.pwsi = &wsi_;
  if (lws_client_connect_via_info(&info) == nullptr && wsi_ == nullptr &&
      !uv_is_active(retry_timer_.base()) && !failed()) {
    not_sent("cannot start a request");
  }
}

// The request goes again after a pause, unless the time allowed is over (reconnect.hpp).
void HttpEgress::not_sent(const std::string& why) noexcept {
  wsi_ = nullptr;
  const std::uint64_t now = uv_now(services().loop());
  if (!retrying_ && reconnect_.ever_connected()) {
    log(LogLevel::warn, fmt::format("request {} got no answer ({}); sending it again",
                                    sequence_, why));
    reconnect_.begin(now);
  }
  retrying_ = true;
  reconnect_.failed(why);
  const auto pause = reconnect_.next_pause(now);
  if (!pause) {
    fail_transport(reconnect_.give_up());
    return;
  }
  uv_timer_start(
      retry_timer_.get(), [](uv_timer_t* timer) { static_cast<HttpEgress*>(timer->data)->send(); },
      *pause, 0);
}

int HttpEgress::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                         std::size_t size) {
  switch (reason) {
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
    case LWS_CALLBACK_CLIENT_HTTP_WRITEABLE:
    case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
    case LWS_CALLBACK_RECEIVE_CLIENT_HTTP:
    case LWS_CALLBACK_COMPLETED_CLIENT_HTTP:
    case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
      return libws::owner_of<HttpEgress>(wsi)->handle(wsi, reason, in, size);
    default:
      // Among them the destroy callbacks lws makes after the owner is gone (lws_context.hpp).
      return 0;
  }
}

int HttpEgress::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size) {
  if (closing_) return 0;  // lws_context_destroy() dropping the request at shutdown
  try {
    switch (reason) {
      case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        if (wsi == sending_) sending_ = nullptr;
        if (busy_ && !failed() && !uv_is_active(retry_timer_.base())) {
          not_sent(in != nullptr ? std::string{static_cast<const char*>(in)}
                                 : std::string{"connection refused"});
        }
        return 0;
      case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
        sending_ = wsi;
        return add_headers(wsi, static_cast<unsigned char**>(in), size);
      case LWS_CALLBACK_CLIENT_HTTP_WRITEABLE: return write_body(wsi);
      case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
        status_ = static_cast<int>(lws_http_client_http_response(wsi));
        return 0;
      case LWS_CALLBACK_RECEIVE_CLIENT_HTTP: {
        // The answer's body says nothing cae needs; lws wants it read all the same.
        std::array<char, LWS_PRE + 1024> buffer{};
        char* at = buffer.data() + LWS_PRE;
        int room = static_cast<int>(buffer.size() - LWS_PRE);
        return lws_http_client_read(wsi, &at, &room) < 0 ? -1 : 0;
      }
      case LWS_CALLBACK_COMPLETED_CLIENT_HTTP: answered(); return 0;
      case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
        // A request cut after it was sent; attempts that never connected end in
        // CLIENT_CONNECTION_ERROR instead. The close of an answered request is no news.
        if (wsi == sending_ && busy_ && !failed()) {
          sending_ = nullptr;
          not_sent(status_ == 0 ? std::string{"the connection closed before an answer"}
                                : fmt::format("the answer ({}) was cut off", status_));
        }
        return 0;
      default: return 0;
    }
  } catch (const std::exception& error) {  // no exception may cross into lws
    fail_transport(error.what());
    return -1;
  }
}

int HttpEgress::add_headers(lws* wsi, unsigned char** at, std::size_t room) {
  unsigned char* end = *at + room;
  const std::string length = std::to_string(body_.size());
  if (lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH,
                                   reinterpret_cast<const unsigned char*>(length.data()),
                                   static_cast<int>(length.size()), at, end) != 0) {
    return -1;
  }
  const auto add = [&](const char* name, const std::string& value) {
    return lws_add_http_header_by_name(wsi, reinterpret_cast<const unsigned char*>(name),
                                       reinterpret_cast<const unsigned char*>(value.data()),
                                       static_cast<int>(value.size()), at, end) == 0;
  };
  if (!add("Cae-Stream:", stream_id_) || !add("Cae-Sequence:", std::to_string(sequence_)) ||
      (!marker_.empty() && !add("Cae-End-Of-Stream:", marker_))) {
    return -1;
  }
  if (!body_.empty()) {
    lws_client_http_body_pending(wsi, 1);
    lws_callback_on_writable(wsi);
  }
  return 0;
}

int HttpEgress::write_body(lws* wsi) {
  if (body_.empty()) return 0;
  std::string buffer(LWS_PRE, '\0');
  buffer += body_;
  lws_client_http_body_pending(wsi, 0);
  auto* payload = reinterpret_cast<unsigned char*>(buffer.data() + LWS_PRE);
  return lws_write(wsi, payload, body_.size(), LWS_WRITE_HTTP_FINAL) < 0 ? -1 : 0;
}

void HttpEgress::answered() noexcept {
  wsi_ = nullptr;
  sending_ = nullptr;
  if (status_ == 503) {  // busy, for instance with this request's cut earlier attempt
    not_sent("the reader answered 503");
    return;
  }
  busy_ = false;
  if (status_ < 200 || status_ > 299) {
    fail_transport(fmt::format("the reader answered {}", status_));
    return;
  }
  if (retrying_ && reconnect_.ever_connected()) log(LogLevel::info, fmt::format("request {} answered after retrying", sequence_));
  retrying_ = false;
  reconnect_.connected();
  body_.clear();
  if (!marker_.empty()) {
    log(LogLevel::debug, "end of stream sent");
    set_finished();
    return;
  }
  sent_.complete();
}

Flow HttpEgress::send_chunk(Chunk chunk) {
  if (failed()) return Flow::failed();
  const bool plain = chunk.first && chunk.last;
  if (!plain) {
    stream_.append(chunk.bytes.data(), chunk.bytes.size());
    if (stream_.size() > options().max_message_bytes) {
      fail_transport(fmt::format("{} wrote a stream above --max-message-bytes ({} bytes): over "
                                 "http a stream goes as one request body",
                                 writer_names(), options().max_message_bytes));
      return Flow::failed();
    }
    if (!chunk.last) return Flow::done();
  } else if (chunk.bytes.size() > options().max_message_bytes) {
    fail_transport(fmt::format("{} wrote a message of {} bytes, above --max-message-bytes ({} "
                               "bytes)",
                               writer_names(), chunk.bytes.size(), options().max_message_bytes));
    return Flow::failed();
  }
  const Flow answer = sent_.flow();  // armed first: send() may fail at once
  next_request(plain ? std::string{chunk.bytes.data(), chunk.bytes.size()}
                     : std::exchange(stream_, std::string{}),
               {});
  return answer;
}

void HttpEgress::send_close(const std::optional<std::string>& error) {
  next_request(error.value_or(std::string{}), error ? "error" : "ok");
}

void HttpEgress::fail_transport(const std::string& message) noexcept {
  if (failed()) return;
  busy_ = false;
  EgressEnd::fail_transport(message);
  sent_.fail(message);
}

void HttpEgress::close() noexcept {
  closing_ = true;
  retry_timer_.close();
  wsi_ = nullptr;
  context_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_http_egress(const model::Channel& model, std::string name,
                                               TransportServices& services) {
  return std::make_unique<HttpEgress>(model, std::move(name), services);
}

}  // namespace cae::runtime
