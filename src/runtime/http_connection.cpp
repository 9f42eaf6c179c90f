#include "runtime/http_connection.hpp"

#include <cctype>

#include <fmt/format.h>

namespace cae::runtime::http {
namespace {

constexpr std::size_t read_size = 64 * 1024;

// An answer on its way: the write request and the bytes it points at.
struct Answer {
  uv_write_t write{};  // its data points at this Answer
  Connection* connection;
  std::string text;
};

Connection* self_of(http_parser* parser) { return static_cast<Connection*>(parser->data); }

}  // namespace

std::string RequestHead::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (field == name) return value;
  }
  return {};
}

const http_parser_settings Connection::settings = [] {
  http_parser_settings settings{};
  settings.on_message_begin = &Connection::on_message_begin;
  settings.on_header_field = &Connection::on_header_field;
  settings.on_header_value = &Connection::on_header_value;
  settings.on_headers_complete = &Connection::on_headers_complete;
  settings.on_body = &Connection::on_body;
  settings.on_message_complete = &Connection::on_message_complete;
  return settings;
}();

Connection::Connection(ConnectionOwner& owner) : owner_(&owner) {
  http_parser_init(&parser_, HTTP_REQUEST);
  parser_.data = this;
  tcp_.data = this;
}

Connection* Connection::accept(uv_stream_t* server, ConnectionOwner& owner) {
  auto* connection = new Connection(owner);
  if (uv_tcp_init(server->loop, &connection->tcp_) != 0) {
    delete connection;  // no handle yet: nothing for the loop to close
    return nullptr;
  }
  if (uv_accept(server, reinterpret_cast<uv_stream_t*>(&connection->tcp_)) != 0 ||
      connection->start_reading() != 0) {
    connection->release();
    return nullptr;
  }
  return connection;
}

int Connection::start_reading() noexcept {
  return uv_read_start(
      reinterpret_cast<uv_stream_t*>(&tcp_),
      [](uv_handle_t* handle, std::size_t /*suggested*/, uv_buf_t* buf) {
        auto& buffer = static_cast<Connection*>(handle->data)->buffer_;
        buffer.resize(read_size);
        *buf = uv_buf_init(buffer.data(), static_cast<unsigned>(buffer.size()));
      },
      [](uv_stream_t* from, ssize_t size, const uv_buf_t* buf) {
        auto* self = static_cast<Connection*>(from->data);
        if (size > 0) self->parse({buf->base, static_cast<std::size_t>(size)});
        else if (size < 0) self->lost();  // end of file or a read error
      });
}

// Parses what arrived; stops reading at the end of a request, keeping the bytes after it.
void Connection::parse(std::string_view data) noexcept {
  const std::size_t used = http_parser_execute(&parser_, &settings, data.data(), data.size());
  if (owner_ == nullptr || closing_) return;  // released by the owner meanwhile
  const http_errno error = HTTP_PARSER_ERRNO(&parser_);
  if (error == HPE_PAUSED) {
    held_ = std::string{data.substr(used)};
    uv_read_stop(reinterpret_cast<uv_stream_t*>(&tcp_));
    return;
  }
  if (error == HPE_OK) return;
  uv_read_stop(reinterpret_cast<uv_stream_t*>(&tcp_));
  // Not HTTP, or headers above http-parser's bound (80 KiB): answered, then closed.
  if (!answering_) answer(error == HPE_HEADER_OVERFLOW ? 431 : 400, true);
}

int Connection::on_message_begin(http_parser* parser) {
  Connection* self = self_of(parser);
  self->head_ = RequestHead{};
  self->in_value_ = false;
  self->refusal_ = 0;
  return 0;
}

int Connection::on_header_field(http_parser* parser, const char* at, std::size_t size) {
  RequestHead& head = self_of(parser)->head_;
  // A name may come in pieces when it spans two reads.
  if (self_of(parser)->in_value_ || head.headers.empty()) head.headers.emplace_back();
  self_of(parser)->in_value_ = false;
  for (std::size_t i = 0; i < size; ++i) {
    head.headers.back().first += static_cast<char>(std::tolower(static_cast<unsigned char>(at[i])));
  }
  return 0;
}

int Connection::on_header_value(http_parser* parser, const char* at, std::size_t size) {
  self_of(parser)->in_value_ = true;
  self_of(parser)->head_.headers.back().second.append(at, size);
  return 0;
}

int Connection::on_headers_complete(http_parser* parser) {
  Connection* self = self_of(parser);
  if (self->owner_ == nullptr) return -1;
  self->head_.method = static_cast<http_method>(parser->method);
  self->refusal_ = self->owner_->request_began(*self, self->head_);
  return 0;
}

int Connection::on_body(http_parser* parser, const char* at, std::size_t size) {
  Connection* self = self_of(parser);
  if (self->owner_ == nullptr) return -1;
  if (self->refusal_ != 0) return 0;  // dropped: the request is answered without taking it
  const int status = self->owner_->request_body(*self, {at, size});
  if (status == 0) return 0;
  self->answer(status, true);
  return -1;
}

int Connection::on_message_complete(http_parser* parser) {
  Connection* self = self_of(parser);
  if (self->owner_ == nullptr) return -1;
  // Nothing more is parsed or read until this request is answered.
  http_parser_pause(parser, 1);
  if (self->refusal_ != 0) self->answer(self->refusal_);
  else self->owner_->request_complete(*self);
  return 0;
}

void Connection::answer(int status, bool close_after) {
  if (owner_ == nullptr || closing_ || answering_) return;
  answering_ = true;
  close_after_ = close_after || http_should_keep_alive(&parser_) == 0;
  auto* answer = new Answer{{}, this, {}};
  answer->write.data = answer;
  answer->text = fmt::format("HTTP/1.1 {} {}\r\nContent-Length: 0\r\n{}\r\n", status,
                             http_status_str(static_cast<http_status>(status)),
                             close_after_ ? "Connection: close\r\n" : "");
  uv_buf_t buf = uv_buf_init(answer->text.data(), static_cast<unsigned>(answer->text.size()));
  const int result = uv_write(&answer->write, reinterpret_cast<uv_stream_t*>(&tcp_), &buf, 1,
                              [](uv_write_t* write, int outcome) {
                                auto* done = static_cast<Answer*>(write->data);
                                Connection* self = done->connection;
                                delete done;
                                self->written(outcome);
                              });
  if (result != 0) {
    delete answer;
    written(result);
  }
}

// The answer is out (or failed): read the next request, or close.
void Connection::written(int status) noexcept {
  answering_ = false;
  if (owner_ == nullptr || closing_) return;  // released: the write was cancelled
  owner_->answered(*this);
  if (owner_ == nullptr || closing_) return;
  if (status != 0 || close_after_) {
    lost();
    return;
  }
  http_parser_pause(&parser_, 0);
  const std::string rest = std::exchange(held_, std::string{});
  start_reading();
  if (!rest.empty()) parse(rest);  // a request the client sent before this answer
}

void Connection::lost() noexcept {
  if (ConnectionOwner* owner = std::exchange(owner_, nullptr); owner != nullptr) {
    owner->connection_gone(*this);
  }
  close();
}

void Connection::release() noexcept {
  owner_ = nullptr;
  close();
}

void Connection::close() noexcept {
  if (closing_) return;
  closing_ = true;
  uv_close(reinterpret_cast<uv_handle_t*>(&tcp_),
           [](uv_handle_t* handle) { delete static_cast<Connection*>(handle->data); });
}

}  // namespace cae::runtime::http
