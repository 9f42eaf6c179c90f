// Channels (spec/arguments.md §2.5, spec/vocabulary.md §5): ids, pairing nodes, topology rules
// and transport settings read through the cae ontology's shapes.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "fixture.hpp"

using namespace cae::test;

namespace {

// ex:R reads one channel, ex:W writes one; both built in.
constexpr std::string_view header =
    R"(@prefix sh: <http://www.w3.org/ns/shacl#>. @prefix rdfc: <https://w3id.org/rdf-connect#>. @prefix cae: <https://w3id.org/cae#>. @prefix conn: <https://w3id.org/conn#>. @prefix js: <https://w3id.org/conn/js#>. @prefix ex: <http://ex.org/>.
ex:R cae:cppImplementationOf rdfc:Processor. ex:W cae:cppImplementationOf rdfc:Processor.
[] a sh:NodeShape; sh:targetClass ex:R; sh:property [ sh:path ex:in; sh:name "in"; sh:class rdfc:Reader; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:W; sh:property [ sh:path ex:out; sh:name "out"; sh:class rdfc:Writer; sh:maxCount 1 ].
)";

class ChannelCase {
 public:
  // Writes header + `body` as p.ttl (lines of `body` start at line 5) and resolves it.
  explicit ChannelCase(std::string_view body, bool allow_public_listen = false) {
    path_ = dir_.write("p.ttl", std::string{header} + std::string{body});
    auto options = options_with_builtins({"http://ex.org/R", "http://ex.org/W"});
    options.file_root = dir_.path().string();
    options.allow_public_listen = allow_public_listen;
    result_ = resolve_file(path_, options);
  }

  // Errors with the directory's path replaced by "DIR", so that expectations stay short.
  [[nodiscard]] std::string errors() const {
    std::string text = result_.errors();
    const std::string dir = dir_.path().string();
    for (auto at = text.find(dir); at != std::string::npos; at = text.find(dir)) {
      text.replace(at, dir.size(), "DIR");
    }
    return text;
  }

  [[nodiscard]] const cae::model::Channel& channel(std::string_view id) const {
    const auto* found = result_.pipeline.find_channel(id);
    REQUIRE(found != nullptr);
    return *found;
  }

  [[nodiscard]] std::string iri(std::string_view name) const {
    return fmt::format(
        "{}/{}", result_.document.entry_iri.substr(0, result_.document.entry_iri.rfind('/')), name);
  }

  [[nodiscard]] const Resolution& result() const { return result_; }

 private:
  TempDir dir_;
  std::filesystem::path path_;
  Resolution result_;
};

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("a pairing node joins two ends into one channel whose id it is") {
  const ChannelCase c{R"(<w> a ex:W; ex:out <in>.
<r> a ex:R; ex:in <out>.
[] a conn:Channel; conn:writer <in>; conn:reader <out>.
)"};
  CHECK(c.errors() == "");
  CHECK(c.result().arguments_text(c.iri("w")) == compact(R"({"out": {"writer": "_:b5"}})"));
  CHECK(c.result().arguments_text(c.iri("r")) == compact(R"({"in": {"reader": "_:b5"}})"));
  const auto& channel = c.channel("_:b5");
  CHECK(channel.writers == Ids{c.iri("w")});
  CHECK(channel.readers == Ids{c.iri("r")});
  CHECK(channel.transport == cae::model::Transport::memory);
}

TEST_CASE("pairing rules: one pairing node per end, IRIs only, no network transport") {
  const ChannelCase c{R"(<w> a ex:W; ex:out <a>.
<r> a ex:R; ex:in <b>.
<x> a conn:Channel; conn:writer <a>; conn:reader <b>, "c".
<y> a js:JsChannel; conn:reader <b>.
<w2> a ex:W; ex:out <d>.
<r2> a ex:R; ex:in <e>.
<z> a conn:JsChannel; conn:writer <d>; conn:reader <e>.
<e> a conn:WsReaderChannel; conn:wsPort 8000.
)"};
  CHECK(c.errors() ==
        "DIR/p.ttl:5:20: error: channel <x> has end <b> in 2 pairing nodes (<x>, <y>); an end may "
        "be in only one [channel]\n"
        "DIR/p.ttl:7:55: error: channel <x>: a pairing end must be an IRI, found \"c\" "
        "[not-an-iri]\n"
        "DIR/p.ttl:9:21: error: channel <z> pairs end <e>, which has the ws transport type "
        "conn:WsReaderChannel; pairing nodes join in-memory ends only [channel]\n");
}

TEST_CASE("in-memory end types must match the field's direction") {
  const ChannelCase c{R"(<w> a ex:W; ex:out <c>.
<r> a ex:R; ex:in <c>.
<c> a js:JsReaderChannel.
)"};
  CHECK(c.errors() ==
        "DIR/p.ttl:5:20: error: channel <c> has end <c>, a js:JsReaderChannel, but "
        "<w> uses it as a writer [channel]\n");
}

TEST_CASE("an end has at most one transport type; Kafka and NiFi ends are not supported") {
  const ChannelCase c{R"(<r> a ex:R; ex:in <c>.
<c> a conn:WsReaderChannel, cae:TcpReaderChannel; conn:wsPort 1; cae:tcpPort 2.
<r2> a ex:R; ex:in <k>.
<k> a conn:KafkaReaderChannel.
)"};
  CHECK(c.errors() ==
        "DIR/p.ttl:5:19: error: channel <c> has end <c> with 2 transport types "
        "(conn:WsReaderChannel, cae:TcpReaderChannel); expected at most one [channel]\n"
        "DIR/p.ttl:7:20: error: channel <k>: conn:KafkaReaderChannel ends are not supported by "
        "cae; use ws, http, file or tcp ends, or an in-memory channel [unknown-type]\n");
}

TEST_CASE("egress ends are only written and ingress ends only read by local processors") {
  const ChannelCase c{R"(<r> a ex:R; ex:in <to>.
<w> a ex:W; ex:out <to>.
<to> a conn:HttpWriterChannel; conn:httpEndpoint "https://example.org/in".
)"};
  CHECK(c.errors() ==
        "DIR/p.ttl:5:19: error: channel <to> is an egress end "
        "(conn:HttpWriterChannel) that local processors may only write, but it has "
        "a reader (<r>) [channel]\n");
}

TEST_CASE("transport settings: defaults, old spellings, normalised log levels, queue bounds") {
  const ChannelCase c{R"(<r> a ex:R; ex:in <ws>.
<ws> a conn:WsReaderChannel; conn:wsPort 8123; rdfc:logLevel "verbose"; cae:queueMessages 10.
<w> a ex:W; ex:out <up>.
<up> a conn:WsWriterChannel; conn:wsUri "ws://127.0.0.1:8123"; cae:queueBytes 1024.
<r2> a ex:R; ex:in <file>.
<file> a conn:FileReaderChannel; conn:filePath "data/in.txt"; conn:fileEncoding "UTF8".
[] a sh:NodeShape; sh:targetClass conn:WsReaderChannel; sh:property [ sh:path conn:wsUrl; sh:name "url"; sh:datatype sh:string; sh:minCount 1 ].
)"};
  CHECK(c.errors() == "");
  const auto& ws = c.channel(c.iri("ws"));
  CHECK(ws.transport == cae::model::Transport::ws);
  CHECK(ws.settings.dump() == compact(R"({"wsHost": "127.0.0.1", "wsPort": 8123})"));
  CHECK(ws.log_level == "debug");
  CHECK(ws.queue.messages == 10);
  CHECK_FALSE(ws.queue.bytes.has_value());
  const auto& up = c.channel(c.iri("up"));
  CHECK(up.settings.dump() == compact(R"({"wsUrl": "ws://127.0.0.1:8123"})"));
  CHECK(up.queue.bytes == 1024);
  const auto& file = c.channel(c.iri("file"));
  CHECK(file.settings["filePath"] == c.result().document.entry_dir + "/data/in.txt");
  CHECK(file.settings["fileOnReplace"] == false);
  CHECK(file.settings["fileReadFirstContent"] == false);
}

TEST_CASE("invalid transport settings are bad-value and name the channel") {
  const ChannelCase c{
      R"(<r> a ex:R; ex:in <a>. <a> a conn:WsReaderChannel; conn:wsPort 70000; conn:wsHost "0.0.0.0".
<r2> a ex:R; ex:in <b>. <b> a conn:HttpReaderChannel; conn:httpPort 8080; conn:httpEndpoint "http://127.0.0.1:9090/in".
<r3> a ex:R; ex:in <c>. <c> a conn:FileReaderChannel; conn:filePath "../../etc/passwd"; conn:fileEncoding "latin1".
<w> a ex:W; ex:out <d>. <d> a conn:WsWriterChannel; conn:wsUrl "http://x"; rdfc:logLevel "loud"; cae:queueMessages 0.
<w2> a ex:W; ex:out <e>. <e> a conn:WsWriterChannel.
<w3> a ex:W; ex:out <f>. <f> a conn:HttpWriterChannel; conn:httpEndpoint "x"; conn:httpMethod "GET".
)"};
  CHECK(c.errors() ==
        "DIR/p.ttl:5:64: error: channel <a>: argument 'wsPort' (conn:wsPort): expected a port "
        "number from 1 to 65535, found 70000 [bad-value]\n"
        "DIR/p.ttl:5:83: error: channel <a>: argument 'wsHost' (conn:wsHost): listening on "
        "\"0.0.0.0\" would expose this machine; use a loopback host (127.0.0.1, localhost, ::1) "
        "or pass --allow-public-listen [bad-value]\n"
        "DIR/p.ttl:6:93: error: channel <b>: argument 'httpEndpoint' (conn:httpEndpoint): the "
        "port of \"http://127.0.0.1:9090/in\" disagrees with conn:httpPort 8080 [bad-value]\n"
        "DIR/p.ttl:7:69: error: channel <c>: argument 'filePath' (conn:filePath): "
        "\"../../etc/passwd\" is not beneath the file root DIR; use --file-root to allow another "
        "directory [bad-value]\n"
        "DIR/p.ttl:7:107: error: channel <c>: argument 'fileEncoding' (conn:fileEncoding): "
        "expected utf-8 or utf8, found \"latin1\" [bad-value]\n"
        "DIR/p.ttl:8:64: error: channel <d>: argument 'wsUrl' (conn:wsUrl|conn:wsUri): expected "
        "a ws:// or wss:// URL, found \"http://x\" [bad-value]\n"
        "DIR/p.ttl:8:90: error: channel <d>: argument 'logLevel' (rdfc:logLevel): expected one of "
        "error, warn, info, debug, trace (or http, verbose, silly), found \"loud\" [bad-value]\n"
        "DIR/p.ttl:8:116: error: channel <d>: argument 'queueMessages' (cae:queueMessages): "
        "expected a positive integer, found 0 [bad-value]\n"
        "DIR/p.ttl:9:26: error: channel <e>: argument 'wsUrl' (conn:wsUrl|conn:wsUri): expected at "
        "least 1 value, found 0 [missing-argument]\n"
        "<bundled>/cae.ttl:124:15: note: argument 'wsUrl' is declared here\n"
        "DIR/p.ttl:10:74: error: channel <f>: argument 'httpEndpoint' (conn:httpEndpoint): "
        "expected an http:// or https:// URL, found \"x\" [bad-value]\n"
        "DIR/p.ttl:10:95: error: channel <f>: argument 'httpMethod' (conn:httpMethod): expected "
        "POST or PUT, found \"GET\" [bad-value]\n");
}

TEST_CASE("--allow-public-listen lets ingress ends listen on any host") {
  const ChannelCase c{
      R"(<r> a ex:R; ex:in <a>. <a> a cae:TcpReaderChannel; cae:tcpPort 9000; cae:tcpHost "0.0.0.0".
<w> a ex:W; ex:out <b>. <b> a cae:TcpWriterChannel; cae:tcpPort 9000; cae:tcpHost "example.org".
)",
      true};
  CHECK(c.errors() == "");
  CHECK(c.channel(c.iri("a")).transport == cae::model::Transport::tcp);
  CHECK(c.channel(c.iri("b")).settings.dump() ==
        compact(R"({"tcpHost": "example.org", "tcpPort": 9000})"));
}
