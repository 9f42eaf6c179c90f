// Writes realistic N-Triples for the RDF conversion benchmark (docs/benchmarks.md): resources
// described by a few statements each (so Turtle output groups them), IRIs under a handful of
// namespaces, plain, language-tagged and typed literals, escapes and non-ASCII text, and blank
// nodes. The output is the same for the same seed and size.
//
//   gen_ntriples --bytes 1G [--seed 1] [--output FILE]     (stdout without --output)
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace {

// xorshift64*: fast, and the same sequence on every machine.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_{seed * 0x9E3779B97F4A7C15ULL + 1} {}
  std::uint64_t next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1DULL;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

constexpr std::string_view data_ns = "http://example.org/data/";
constexpr std::string_view rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";

constexpr std::array<std::string_view, 4> classes = {
    "<http://schema.org/Person>", "<http://schema.org/Book>",
    "<http://xmlns.com/foaf/0.1/Document>", "<http://example.org/vocab/Record>"};
constexpr std::array<std::string_view, 6> words = {"river",  "Überlingen", "étude",
                                                   "東京", "north", "quartz"};
constexpr std::array<std::string_view, 4> languages = {"en", "de", "fr", "ja"};

// Appends one resource's statements: a type, then three to seven more.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : random_{seed} {}

  void resource(std::string& out) {
    const std::uint64_t id = next_id_++;
    const std::string subject = (id % 16 == 15) ? fmt::format("_:n{}", id)
                                                : fmt::format("<{}item/{}>", data_ns, id);
    triple(out, subject, rdf_type, classes[random_.below(classes.size())]);
    const std::size_t more = 3 + random_.below(5);
    for (std::size_t i = 0; i < more; ++i) statement(out, subject, id);
  }

 private:
  void statement(std::string& out, std::string_view subject, std::uint64_t id) {
    switch (random_.below(7)) {
      case 0:
        triple(out, subject, "<http://purl.org/dc/terms/title>",
               fmt::format("\"{} {} of {}\"@{}", word(), word(), id,
                           languages[random_.below(languages.size())]));
        break;
      case 1:
        triple(out, subject, "<http://schema.org/description>",
               fmt::format("\"A \\\"{}\\\" line\\nand a {} one\\t({})\"", word(), word(), id));
        break;
      case 2:
        triple(out, subject, "<http://example.org/vocab/count>",
               fmt::format("\"{}\"^^<{}integer>", random_.below(100000), xsd));
        break;
      case 3:
        triple(out, subject, "<http://purl.org/dc/terms/created>",
               fmt::format("\"20{:02}-{:02}-{:02}\"^^<{}date>", random_.below(25),
                           1 + random_.below(12), 1 + random_.below(28), xsd));
        break;
      case 4:
        triple(out, subject, "<http://example.org/vocab/price>",
               fmt::format("\"{}.{:02}\"^^<{}decimal>", random_.below(1000), random_.below(100),
                           xsd));
        break;
      case 5:
        triple(out, subject, "<http://xmlns.com/foaf/0.1/knows>",
               fmt::format("<{}item/{}>", data_ns, random_.below(next_id_)));
        break;
      default:
        triple(out, subject, "<http://example.org/vocab/part>",
               fmt::format("_:n{}", random_.below(next_id_) | 15));
        break;
    }
  }

  std::string_view word() { return words[random_.below(words.size())]; }

  static void triple(std::string& out, std::string_view s, std::string_view p,
                     std::string_view o) {
    out += s;
    out += ' ';
    out += p;
    out += ' ';
    out += o;
    out += " .\n";
  }

  Random random_;
  std::uint64_t next_id_ = 0;
};

// "1G", "100M", "64k" or a plain number of bytes.
std::uint64_t parse_size(const std::string& text) {
  std::size_t used = 0;
  std::uint64_t value = std::stoull(text, &used);
  const std::string unit = text.substr(used);
  if (unit == "k" || unit == "K") return value << 10;
  if (unit == "m" || unit == "M") return value << 20;
  if (unit == "g" || unit == "G") return value << 30;
  if (!unit.empty()) throw std::invalid_argument("unknown size unit '" + unit + "'");
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes realistic N-Triples of about the given size."};
  std::string size_text = "100M";
  std::uint64_t seed = 1;
  std::string output;
  app.add_option("--bytes,-b", size_text, "approximate size: bytes, or with k, M, G")
      ->capture_default_str();
  app.add_option("--seed,-s", seed, "random seed")->capture_default_str();
  app.add_option("--output,-o", output, "file to write (default: standard output)");
  CLI11_PARSE(app, argc, argv);

  std::uint64_t limit = 0;
  try {
    limit = parse_size(size_text);
  } catch (const std::exception& e) {
    fmt::print(stderr, "gen_ntriples: --bytes {}: {}\n", size_text, e.what());
    return 2;
  }
  std::FILE* file = output.empty() ? stdout : std::fopen(output.c_str(), "wb");
  if (file == nullptr) {
    fmt::print(stderr, "gen_ntriples: cannot open {}\n", output);
    return 1;
  }
  Generator generator{seed};
  std::string buffer;
  std::uint64_t written = 0;
  while (written < limit) {
    buffer.clear();
    while (buffer.size() < (std::size_t{1} << 20)) generator.resource(buffer);
    if (std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size()) break;
    written += buffer.size();
  }
  const bool ok = std::fflush(file) == 0 && !std::ferror(file);
  if (file != stdout) std::fclose(file);
  if (!ok) fmt::print(stderr, "gen_ntriples: write failed\n");
  return ok ? 0 : 1;
}
