// When an egress end tries again to reach its far side, and when it gives up.
#include <doctest/doctest.h>

#include "runtime/reconnect.hpp"

using namespace cae::runtime;
using namespace std::chrono_literals;

TEST_CASE("before the first connection, attempts follow each other until the connect timeout") {
  RunOptions options;
  options.connect_timeout = 1000ms;
  options.connect_retry = 250ms;
  Reconnect reconnect{options};
  reconnect.begin(10'000);
  reconnect.failed("connection refused");
  CHECK(reconnect.next_pause(10'100) == 250);
  CHECK(reconnect.next_pause(10'600) == 250);
  CHECK_FALSE(reconnect.next_pause(11'000));
  CHECK(reconnect.give_up() == "cannot connect within 1 s: connection refused");
}

TEST_CASE("after a loss the pauses double up to 2 s, within the reconnect timeout") {
  RunOptions options;
  options.reconnect_timeout = 10'000ms;
  options.connect_retry = 250ms;
  Reconnect reconnect{options};
  reconnect.connected();
  reconnect.begin(0, "the peer closed the connection");
  CHECK(reconnect.next_pause(0) == 250);
  CHECK(reconnect.next_pause(250) == 500);
  CHECK(reconnect.next_pause(750) == 1000);
  CHECK(reconnect.next_pause(1750) == 2000);
  CHECK(reconnect.next_pause(3750) == 2000);
  CHECK_FALSE(reconnect.next_pause(10'000));
  CHECK(reconnect.give_up() == "connection lost before end of stream (the peer closed the "
                               "connection); no reconnect within 10 s");
  reconnect.connected();  // back: the next loss starts with short pauses again
  reconnect.begin(20'000);
  CHECK(reconnect.next_pause(20'000) == 250);
}
