#include <doctest/doctest.h>

#include <cae/arguments.hpp>

using cae::ArgumentError;
using cae::Arguments;
using Json = nlohmann::json;

namespace {

// Ends for channel "a" only: reader and writer objects are never used, only their addresses.
struct OneChannel final : cae::ChannelEnds {
  cae::Reader* find_reader(std::string_view channel) override {
    return channel == "a" ? reader : nullptr;
  }
  cae::Writer* find_writer(std::string_view channel) override {
    return channel == "a" ? writer : nullptr;
  }
  cae::Reader* reader = nullptr;
  cae::Writer* writer = nullptr;
};

// A writer that is only compared by address.
struct NullWriter final : cae::Writer {
  std::string_view channel() const noexcept override { return "a"; }
  cae::Flow write(cae::Message /*message*/) override { return cae::Flow::done(); }
  cae::Flow begin_stream() override { return cae::Flow::done(); }
  cae::Flow write_chunk(cae::Message /*chunk*/) override { return cae::Flow::done(); }
  cae::Flow end_stream() override { return cae::Flow::done(); }
  void close() override {}
  void fail(std::string /*error*/) override {}
  void forward_close(const std::optional<std::string>& /*error*/) override {}
  bool closed() const noexcept override { return false; }
};

}  // namespace

TEST_CASE("typed accessors read the spec's JSON encoding") {
  const Json json = Json::parse(R"({"n": 42, "s": "x", "list": ["a", "b"], "b": true,
      "d": 2.5, "u": {"iri": "http://ex.org/z"}, "io": {"outs": [{"writer": "a"}]}})");
  OneChannel ends;
  NullWriter writer;
  ends.writer = &writer;
  const Arguments args{json, ends};
  CHECK(args.integer("n") == 42);
  CHECK(args.string("s") == "x");
  CHECK(args.strings("list") == std::vector<std::string>{"a", "b"});
  CHECK(args.strings("absent").empty());
  CHECK(args.boolean("b"));
  CHECK(args.number("d") == 2.5);
  CHECK(args.number("n") == 42.0);
  CHECK(args.iri("u") == "http://ex.org/z");
  CHECK_FALSE(args.optional_integer("absent").has_value());
  CHECK(args.object("io").writers("outs").front() == &writer);
}

TEST_CASE("argument errors name the field, what was expected and what was found") {
  const Json json = Json::parse(R"({"n": "4x", "io": {"outs": [{"reader": "a"}, 3]},
      "in": {"reader": "b"}})");
  OneChannel ends;
  const Arguments args{json, ends};
  CHECK_THROWS_WITH_AS(static_cast<void>(args.integer("n")),
                       "argument 'n': expected an integer, found the string \"4x\"", ArgumentError);
  CHECK_THROWS_WITH_AS(static_cast<void>(args.string("missing")), "argument 'missing' is missing",
                       ArgumentError);
  CHECK_THROWS_WITH_AS(static_cast<void>(args.object("io").writers("outs")),
                       "argument 'io.outs[0]': expected a writer, found a reader", ArgumentError);
  CHECK_THROWS_WITH_AS(static_cast<void>(args.reader("in")),
                       "argument 'in': channel b has no reader end for this processor",
                       ArgumentError);
  CHECK_THROWS_WITH_AS(static_cast<void>(args.strings("n")),
                       "argument 'n': expected a list, found the string \"4x\"", ArgumentError);
}
