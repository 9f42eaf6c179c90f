#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::Message;
using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string convert_rdf = "https://w3id.org/cae#ConvertRdf";

json arguments(json fields) {
  fields["input"] = {{"reader", "in"}};
  fields["output"] = {{"writer", "out"}};
  if (!fields.contains("inputSyntax")) fields["inputSyntax"] = "turtle";
  if (!fields.contains("outputSyntax")) fields["outputSyntax"] = "ntriples";
  return fields;
}

const char* const turtle =
    "@prefix ex: <http://example.org/> .\n"
    "ex:a ex:p \"x\" ; ex:q ex:b .\n";
const char* const ntriples =
    "<http://example.org/a> <http://example.org/p> \"x\" .\n"
    "<http://example.org/a> <http://example.org/q> <http://example.org/b> .\n";

}  // namespace

TEST_CASE("ConvertRdf converts a plain message to a plain message") {
  ProcessorHarness run{arguments({})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(convert_rdf);
  CHECK(in.write(Message::copy(turtle)).ready());
  CHECK(in.write(Message::copy("<http://e/a> <http://e/b> <http://e/c> .\n")).ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
  CHECK(out == std::vector<std::string>{std::string{"message "} + ntriples,
                                        "message <http://e/a> <http://e/b> <http://e/c> .\n",
                                        "closed"});
}

TEST_CASE("ConvertRdf converts a stream chunk by chunk into a stream") {
  ProcessorHarness run{arguments({{"outputSyntax", "text/turtle"},
                                  {"inputSyntax", "N-Triples"},
                                  {"baseIri", "http://example.org/"}})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(convert_rdf);
  CHECK(in.begin_stream().ready());
  const std::string text = ntriples;
  for (std::size_t at = 0; at < text.size(); at += 10) {
    CHECK(in.write_chunk(Message::copy(text.substr(at, 10))).ready());
  }
  CHECK(in.end_stream().ready());
  in.close();
  run.run();
  CHECK(out == std::vector<std::string>{"begin", "chunk </a>\n\t</p> \"x\" ;\n\t</q> </b> .\n\n",
                                        "end", "closed"});
}

TEST_CASE("ConvertRdf streams a large document out in blocks while it is read") {
  std::string big;
  for (int i = 0; i < 20000; ++i) {
    big += "<http://example.org/s" + std::to_string(i) + "> <http://example.org/p> \"v\" .\n";
  }
  ProcessorHarness run{arguments({{"inputSyntax", "ntriples"}})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(convert_rdf);
  CHECK(in.begin_stream().ready());
  std::size_t blocks_while_reading = 0;
  for (std::size_t at = 0; at < big.size(); at += 65536) {
    CHECK(in.write_chunk(Message::copy(big.substr(at, 65536))).ready());
    run.run();
    blocks_while_reading = out.size();
  }
  CHECK(in.end_stream().ready());
  in.close();
  run.run();
  CHECK(blocks_while_reading > 4);
  REQUIRE(out.size() > 4);
  std::string converted;
  for (std::size_t i = 1; i + 2 < out.size(); ++i) converted += out[i].substr(sizeof "chunk");
  CHECK(converted == big);
  CHECK(out.back() == "closed");
}

TEST_CASE("ConvertRdf fails on a syntax error, naming the message, line and column") {
  ProcessorHarness run{arguments({})};
  auto& in = run.feed("in");
  run.collect("out");
  run.start(convert_rdf);
  CHECK(in.write(Message::copy(turtle)).ready());
  CHECK(in.write(Message::copy("@prefix ex: <http://e/> .\nex:a ex:b \"open .\n")).ready());
  in.close();
  run.run();
  CHECK(run.failures() ==
        std::vector<std::string>{"transform: message 2 is not valid Turtle: 2:18: line end in "
                                 "short string"});
}

TEST_CASE("ConvertRdf refuses an unknown syntax") {
  ProcessorHarness run{arguments({{"outputSyntax", "rdfxml"}})};
  run.start(convert_rdf);
  CHECK(run.failures() ==
        std::vector<std::string>{"init: outputSyntax: unknown RDF syntax 'rdfxml'; expected "
                                 "turtle, trig, ntriples or nquads"});
}
