// Runs the processor of docs/writing-processors.md as the runtime would.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "../processors/processor_harness.hpp"
#include "cae/registry.hpp"

namespace example {
void register_upper_case(cae::Registry& registry);
}

namespace {

const std::string upper_case = "http://example.org/UpperCase";

cae::Registry example_registry() {
  cae::Registry registry;
  example::register_upper_case(registry);
  return registry;
}

nlohmann::json arguments() {
  return {{"input", {{"reader", "in"}}}, {"output", {{"writer", "out"}}}};
}

}  // namespace

TEST_CASE("The documented UpperCase processor upper-cases each message, then closes") {
  const auto registry = example_registry();
  cae::test::ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(upper_case, registry);
  CHECK(in.write(cae::Message::copy("hello")).ready());
  CHECK(in.write(cae::Message::copy("World 42")).ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
  CHECK(out == std::vector<std::string>{"message HELLO", "message WORLD 42", "closed"});
}

TEST_CASE("The documented UpperCase processor passes an upstream error on") {
  const auto registry = example_registry();
  cae::test::ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(upper_case, registry);
  CHECK(in.write(cae::Message::copy("a")).ready());
  in.fail("the source broke");
  run.run();
  REQUIRE(out.size() == 2);
  CHECK(out[0] == "message A");
  CHECK(out[1].find("the source broke") != std::string::npos);
}
