// conn:HttpReaderChannel: an HTTP server on conn:httpEndpoint's host and conn:httpPort that
// takes one message per POST or PUT request body (spec/channels.md §7 "http", §8). The answer,
// conn:responseCode, goes out once the channel has taken the message, so a full queue delays it
// and the far writer, which waits for each answer, slows down. A request with the header
// `Cae-End-Of-Stream: ok` and an empty body ends the stream; `error` closes it with the body as
// the reason. Later requests get 410, other methods 405, bodies above --max-message-bytes 413
// (and the run fails). Request bodies must come with a Content-Length: libwebsockets 4.1 does
// not decode chunked request bodies, so those get 411.
//
// A cae writer numbers its requests (`Cae-Stream`, `Cae-Sequence`) and sends one again when its
// answer is lost: a request whose number this end has already taken from that stream is
// answered at once and not taken again. While a request is being taken, another gets 503,
// which a cae writer retries.
#include <array>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "runtime/channel.hpp"
#include "runtime/lws_context.hpp"
#include "runtime/transports.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {
namespace {

enum class Marker : std::uint8_t { none, end_of_stream, error };

// The request being received: one at a time, since writers wait for each answer.
struct Request {
  lws* wsi = nullptr;
  Marker marker = Marker::none;
  std::string body;
  int answer = 0;  // the status to send once writeable; 0 while the channel has not taken it
  bool whole = false;  // the body has all arrived
  std::string stream;          // its Cae-Stream
  std::uint64_t sequence = 0;  // its Cae-Sequence; 0 without one
};

// A request header's value, empty when absent or longer than `Size`.
template <std::size_t Size>
std::string header_value(lws* wsi, const char* name) {
  std::array<char, Size> value{};
  const int length = lws_hdr_custom_copy(wsi, value.data(), static_cast<int>(value.size()), name,
                                         static_cast<int>(std::strlen(name)));
  return length > 0 ? std::string(value.data(), static_cast<std::size_t>(length)) : std::string{};
}

// conn:httpEndpoint on an ingress end is a host or an http:// URL; only its host is used here.
std::string listen_host(const model::Json& settings) {
  const std::string endpoint = settings.value("httpEndpoint", std::string{"127.0.0.1"});
  return endpoint.starts_with("http://") ? libws::parse_url(endpoint).host : endpoint;
}

class HttpIngress final : public IngressEnd {
 public:
  HttpIngress(const model::Channel& model, std::string name, TransportServices& services)
      : IngressEnd(model, std::move(name), services),
        host_(listen_host(model.settings)),
        port_(model.settings.value("httpPort", 0)),
        response_(model.settings.value("responseCode", 200)),
        wait_handled_(model.settings.value("waitHandled", false)) {}

  [[nodiscard]] std::string address() const override {
    return fmt::format("http://{}:{}/", host_, port_);
  }
  void open() override;
  void stop_accepting() noexcept override;
  void close() noexcept override;

  // The protocol callback lws calls for every connection of this end's context.
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t size);

 private:
  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size);
  int begin(lws* wsi);
  bool taken_before(const Request& request);
  int body(lws* wsi, const char* data, std::size_t size);
  int complete(lws* wsi);
  void taken() noexcept;
  int answer(lws* wsi);
  void deliver_end() noexcept;
  void fail_transport(const std::string& message) noexcept override;

  std::string host_;
  int port_;
  int response_;
  bool wait_handled_;  // answer once every local reader has taken the message
  libws::Context context_;
  Request request_;
  std::string stream_;          // Cae-Stream of the last numbered request
  std::uint64_t last_taken_ = 0;  // the highest Cae-Sequence taken from that stream
  bool ended_ = false;  // end-of-stream, an error close, a drain or a failure: answer 410
  bool end_due_ = false;  // end of stream taken, to deliver once its answer is out
  bool is_closing_ = false;  // close() has begun: lws_context_destroy() drops the connections
};

const std::array<lws_protocols, 2> protocols{{
    {"cae-http-reader", &HttpIngress::callback, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
}};

// Answers `status` at once, with no body; the callback returns what this returns.
int refuse(lws* wsi, int status) {
  if (lws_return_http_status(wsi, static_cast<unsigned>(status), nullptr) != 0) return -1;
  return lws_http_transaction_completed(wsi) != 0 ? -1 : 0;
}

void HttpIngress::open() {
  context_.open(services().loop(), protocols.data(), this, libws::Listen{host_, port_});
  log(LogLevel::debug, fmt::format("listening on {}", address()));
}

int HttpIngress::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                          std::size_t size) {
  switch (reason) {
    case LWS_CALLBACK_HTTP:
    case LWS_CALLBACK_HTTP_BODY:
    case LWS_CALLBACK_HTTP_BODY_COMPLETION:
    case LWS_CALLBACK_HTTP_WRITEABLE:
    case LWS_CALLBACK_CLOSED_HTTP:
      return libws::owner_of<HttpIngress>(wsi)->handle(wsi, reason, in, size);
    default:
      // Among them the destroy callbacks lws makes after the owner is gone (lws_context.hpp).
      return 0;
  }
}

int HttpIngress::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size) {
  if (is_closing_) return 0;
  try {
    switch (reason) {
      case LWS_CALLBACK_HTTP: return begin(wsi);
      case LWS_CALLBACK_HTTP_BODY: return body(wsi, static_cast<const char*>(in), size);
      case LWS_CALLBACK_HTTP_BODY_COMPLETION: return complete(wsi);
      case LWS_CALLBACK_HTTP_WRITEABLE: return answer(wsi);
      case LWS_CALLBACK_CLOSED_HTTP:
        if (wsi == request_.wsi) request_ = Request{};
        deliver_end();  // a writer that missed the answer sends the request again
        return 0;
      default: return 0;
    }
  } catch (const std::exception& error) {  // no exception may cross into lws
    fail_transport(error.what());
    return -1;
  }
}

int HttpIngress::begin(lws* wsi) {
  if (lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI) == 0 &&
      lws_hdr_total_length(wsi, WSI_TOKEN_PUT_URI) == 0) {
    return refuse(wsi, 405);
  }
  Request numbered{};
  numbered.stream = header_value<40>(wsi, "cae-stream:");
  const std::string number = header_value<24>(wsi, "cae-sequence:");
  if (std::from_chars(number.data(), number.data() + number.size(), numbered.sequence).ec !=
      std::errc{}) {
    numbered.sequence = 0;
  }
  if (taken_before(numbered)) return refuse(wsi, response_);
  if (ended_) return refuse(wsi, 410);
  if (request_.wsi != nullptr) return refuse(wsi, 503);  // one request at a time
  if (lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH) == 0) return refuse(wsi, 411);
  const std::string marker = header_value<16>(wsi, "cae-end-of-stream:");
  request_ = Request{wsi,
                     marker == "ok"      ? Marker::end_of_stream
                     : marker == "error" ? Marker::error
                                         : Marker::none,
                     {}, 0, false, std::move(numbered.stream), numbered.sequence};
  // lws 4.1 never reports the end of an empty PUT body: such a request is whole at once.
  std::array<char, 24> declared{};
  if (lws_hdr_copy(wsi, declared.data(), declared.size(), WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0 &&
      std::string_view{declared.data()} == "0") {
    return complete(wsi);
  }
  return 0;
}

// A numbered request this end took before: its answer was lost and the writer sent it again.
bool HttpIngress::taken_before(const Request& request) {
  if (request.sequence == 0 || request.stream != stream_ || request.sequence > last_taken_) {
    return false;
  }
  log(LogLevel::info, fmt::format("request {} came again; answered without taking it twice",
                                  request.sequence));
  return true;
}

int HttpIngress::body(lws* wsi, const char* data, std::size_t size) {
  if (wsi != request_.wsi) return -1;
  if (request_.body.size() + size > options().max_message_bytes) {
    fail_transport(fmt::format("the writer sent a message above --max-message-bytes ({} bytes)",
                               options().max_message_bytes));
    request_ = Request{};
    return refuse(wsi, 413);
  }
  request_.body.append(data, size);
  return 0;
}

int HttpIngress::complete(lws* wsi) {
  if (wsi != request_.wsi || request_.whole) return 0;  // an empty body, already taken
  request_.whole = true;
  if (request_.sequence != 0) {
    // Taken from here on, even if the answer never reaches the writer.
    stream_ = request_.stream;
    last_taken_ = request_.sequence;
  }
  if (request_.marker == Marker::end_of_stream) {
    // Delivered once the answer is out (or the connection gone), so that the run does not end
    // before the writer has heard that its end of stream arrived.
    ended_ = true;
    end_due_ = true;
    request_.answer = response_;
    lws_callback_on_writable(wsi);
    return 0;
  }
  if (request_.marker == Marker::error) {
    const std::string reason = std::move(request_.body);
    request_.answer = response_;
    lws_callback_on_writable(wsi);
    fail_transport(fmt::format("the writer closed the stream with an error: {}", reason));
    return 0;
  }
  const Flow flow = writer().write(Message{std::exchange(request_.body, std::string{})});
  // The answer waits while the write does: that is this transport's backpressure.
  flow.then([this, wsi](Outcome) {
    if (request_.wsi != wsi) return;  // the connection went away meanwhile
    if (!wait_handled_) {
      taken();
      return;
    }
    // One request at a time: with the queues empty, every reader has taken this message.
    channel().all_taken().then([this, wsi](Outcome) {
      if (request_.wsi == wsi) taken();
    });
  });
  return 0;
}

void HttpIngress::taken() noexcept {
  request_.answer = response_;
  lws_callback_on_writable(request_.wsi);
}

int HttpIngress::answer(lws* wsi) {
  if (wsi != request_.wsi || request_.answer == 0) return 0;
  std::array<unsigned char, LWS_PRE + 512> head{};
  unsigned char* start = head.data() + LWS_PRE;
  unsigned char* at = start;
  unsigned char* end = head.data() + head.size();
  const auto status = static_cast<unsigned>(request_.answer);
  request_ = Request{};
  const bool written = lws_add_http_common_headers(wsi, status, "text/plain", 0, &at, end) == 0 &&
                       lws_finalize_write_http_header(wsi, start, &at, end) == 0;
  deliver_end();
  if (!written) return -1;
  return lws_http_transaction_completed(wsi) != 0 ? -1 : 0;
}

void HttpIngress::deliver_end() noexcept {
  if (!end_due_) return;
  end_due_ = false;
  log(LogLevel::debug, "end of stream");
  end_of_stream();
}

void HttpIngress::stop_accepting() noexcept {
  if (ended_ || failed()) return;
  ended_ = true;
  end_of_stream();
}

void HttpIngress::fail_transport(const std::string& message) noexcept {
  ended_ = true;
  IngressEnd::fail_transport(message);
}

void HttpIngress::close() noexcept {
  is_closing_ = true;
  ended_ = true;
  request_ = Request{};
  context_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_http_ingress(const model::Channel& model, std::string name,
                                                TransportServices& services) {
  return std::make_unique<HttpIngress>(model, std::move(name), services);
}

}  // namespace cae::runtime
