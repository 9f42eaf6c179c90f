#include <doctest/doctest.h>

#include <cae/message.hpp>

#include <string>

using cae::Message;

TEST_CASE("an empty message allocates nothing and reads as no bytes") {
  const Message empty;
  CHECK(empty.size() == 0);
  CHECK(empty.text().empty());
  CHECK(empty.use_count() == 0);
}

TEST_CASE("adopting a string keeps its heap buffer: no copy of the bytes") {
  std::string text(1000, 'x');
  const char* original = text.data();
  const Message message{std::move(text)};
  CHECK(message.data() == original);
  CHECK(message.size() == 1000);
}

TEST_CASE("copied bytes live in one buffer that copies of the handle share") {
  const std::string text = "hello";
  const Message first = Message::copy(text);
  CHECK(first.data() != text.data());
  CHECK(first.text() == "hello");
  Message second = first;
  CHECK(second.shares_buffer_with(first));
  CHECK(first.use_count() == 2);
  const Message third = std::move(second);
  CHECK(first.use_count() == 2);
  CHECK(second.size() == 0);  // NOLINT(bugprone-use-after-move): a moved-from handle is empty
  CHECK(third.data() == first.data());
}

TEST_CASE("a message may hold any bytes, NUL included") {
  const std::string bytes{"a\0b", 3};
  const Message message = Message::copy(std::as_bytes(std::span{bytes}));
  CHECK(message.size() == 3);
  CHECK(message.text() == bytes);
}
