#include "resolve/settings.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>

#include <fmt/format.h>

#include "rdf/loader.hpp"
#include "resolve/path.hpp"

namespace cae::resolve {
namespace {

using model::Json;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// 127.0.0.0/8 in dotted-quad form.
bool is_ipv4_loopback(std::string_view host) {
  std::array<int, 4> parts{};
  const char* at = host.data();
  const char* end = host.data() + host.size();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto [next, error] = std::from_chars(at, end, parts[i]);
    if (error != std::errc{} || parts[i] > 255 || (i < 3 && (next == end || *next != '.'))) {
      return false;
    }
    at = i < 3 ? next + 1 : next;
  }
  return at == end && parts[0] == 127;
}

bool is_loopback(std::string_view host) {
  return equals_ignoring_case(host, "localhost") || host == "::1" || host == "[::1]" ||
         is_ipv4_loopback(host);
}

// Host and port of an http:// URL ("http://host:port/path"); port 0 when none is written.
std::pair<std::string, int> http_authority(std::string_view url) {
  std::string_view rest = url.substr(std::string_view{"http://"}.size());
  rest = rest.substr(0, rest.find('/'));
  const auto colon = rest.rfind(':');
  if (colon == std::string_view::npos || rest.ends_with("]")) return {std::string{rest}, 0};
  int port = 0;
  std::from_chars(rest.data() + colon + 1, rest.data() + rest.size(), port);
  return {std::string{rest.substr(0, colon)}, port};
}

struct LevelAlias {
  std::string_view name;
  std::string_view level;
};

// rdfc:logLevel values, with the upstream spellings cae maps onto its own levels.
constexpr std::array log_levels = {
    LevelAlias{"error", "error"},   LevelAlias{"warn", "warn"},   LevelAlias{"info", "info"},
    LevelAlias{"debug", "debug"},   LevelAlias{"trace", "trace"}, LevelAlias{"http", "info"},
    LevelAlias{"verbose", "debug"}, LevelAlias{"silly", "trace"},
};

}  // namespace

bool SettingsCheck::run(Json& settings) const {
  bool ok = true;
  for (const auto& field : shape_.fields) {
    auto value = settings.find(field.name);
    if (value != settings.end()) ok = check(field, *value, settings) && ok;
  }
  return ok;
}

bool SettingsCheck::check(const Field& field, Json& value, const Json& settings) const {
  const std::string& name = field.name;
  if (name == "wsPort" || name == "httpPort" || name == "tcpPort") return check_port(field, value);
  if (!value.is_string()) {
    if (name == "responseCode") return check_range(field, value, 200, 299, "an HTTP status");
    if (name == "queueMessages" || name == "queueBytes") {
      return check_range(field, value, 1, INT64_MAX, "a positive integer");
    }
    return true;
  }
  const auto text = value.get<std::string>();
  if ((name == "wsHost" || name == "tcpHost") && is_ingress())
    return check_listen_host(field, text);
  if (name == "httpEndpoint") return check_http_endpoint(field, text, settings);
  if (name == "wsUrl") {
    return text.starts_with("ws://") || text.starts_with("wss://") ||
           fail(field,
                fmt::format("expected a ws:// or wss:// URL, found {}", turtle_string(text)));
  }
  if (name == "httpMethod") return check_choice(field, text, {"POST", "PUT"}, false);
  if (name == "fileEncoding") return check_choice(field, text, {"utf-8", "utf8"}, true);
  if (name == "filePath") return check_file_path(field, value);
  if (name == "logLevel") return check_log_level(field, value);
  return true;
}

bool SettingsCheck::check_port(const Field& field, const Json& value) const {
  return check_range(field, value, 1, 65535, "a port number");
}

bool SettingsCheck::check_range(const Field& field, const Json& value, std::int64_t min,
                                std::int64_t max, std::string_view what) const {
  const auto number = value.get<std::int64_t>();
  if (number >= min && number <= max) return true;
  const std::string range =
      max == INT64_MAX ? std::string{} : fmt::format(" from {} to {}", min, max);
  return fail(field, fmt::format("expected {}{}, found {}", what, range, number));
}

bool SettingsCheck::check_listen_host(const Field& field, const std::string& host) const {
  if (context_.options.allow_public_listen || is_loopback(host)) return true;
  return fail(field, fmt::format("listening on {} would expose this machine; use a loopback host "
                                 "(127.0.0.1, localhost, ::1) or pass --allow-public-listen",
                                 turtle_string(host)));
}

bool SettingsCheck::check_http_endpoint(const Field& field, const std::string& url,
                                        const Json& settings) const {
  if (!is_ingress()) {
    return url.starts_with("http://") || url.starts_with("https://") ||
           fail(field,
                fmt::format("expected an http:// or https:// URL, found {}", turtle_string(url)));
  }
  if (url.starts_with("https://")) {
    return fail(field, fmt::format("an ingress end cannot serve {}: listeners have no TLS",
                                   turtle_string(url)));
  }
  if (!url.starts_with("http://")) return check_listen_host(field, url);
  const auto [host, port] = http_authority(url);
  const auto listen = settings.find("httpPort");
  if (port != 0 && listen != settings.end() && listen->get<std::int64_t>() != port) {
    return fail(field, fmt::format("the port of {} disagrees with conn:httpPort {}",
                                   turtle_string(url), listen->get<std::int64_t>()));
  }
  return check_listen_host(field, host);
}

bool SettingsCheck::check_file_path(const Field& field, Json& value) const {
  namespace fs = std::filesystem;
  const Location at = where(field);
  const auto& sources = context_.sources;
  const std::string document = at.known() && at.file < sources.size()
                                   ? rdf::path_from_file_iri(sources.file(at.file).iri)
                                   : std::string{};
  const fs::path base =
      document.empty() ? fs::path{context_.file_root} : fs::path{document}.parent_path();
  const fs::path path = (base / value.get<std::string>()).lexically_normal();
  const fs::path root = fs::path{context_.file_root}.lexically_normal();
  const auto relative = path.lexically_relative(root);
  if (relative.empty() || *relative.begin() == ".." || relative == ".") {
    return fail(field, fmt::format("{} is not beneath the file root {}; use --file-root to allow "
                                   "another directory",
                                   turtle_string(value.get<std::string>()), root.string()));
  }
  value = path.string();
  return true;
}

bool SettingsCheck::check_log_level(const Field& field, Json& value) const {
  const auto text = value.get<std::string>();
  for (const auto& alias : log_levels) {
    if (alias.name == text) {
      value = std::string{alias.level};
      return true;
    }
  }
  return fail(field, fmt::format("expected one of error, warn, info, debug, trace (or http, "
                                 "verbose, silly), found {}",
                                 turtle_string(text)));
}

bool SettingsCheck::check_choice(const Field& field, const std::string& value,
                                 std::initializer_list<std::string_view> allowed,
                                 bool ignore_case) const {
  std::string names;
  for (const auto choice : allowed) {
    if (ignore_case ? equals_ignoring_case(value, choice) : value == choice) return true;
    names += fmt::format("{}{}", names.empty() ? "" : " or ", choice);
  }
  return fail(field, fmt::format("expected {}, found {}", names, turtle_string(value)));
}

bool SettingsCheck::is_ingress() const {
  return end_ != nullptr && end_->side == EndSide::ingress;
}

// Where the value is written: on the channel, else the shape's default.
Location SettingsCheck::where(const Field& field) const {
  const auto values = evaluate(context_.graph, field.path, Value{channel_, {}, {}});
  if (!values.empty()) return values.front().where;
  return field.defaults.empty() ? Location{} : field.defaults.front().where;
}

bool SettingsCheck::fail(const Field& field, const std::string& detail) const {
  report_failure(context_, walk_, field.name, field,
                 Failure{Code::bad_value, where(field), detail, {}, false});
  return false;
}

void apply_settings(Json settings, model::Channel& channel) {
  if (auto level = settings.find("logLevel"); level != settings.end()) {
    channel.log_level = level->get<std::string>();
    settings.erase(level);
  }
  if (auto messages = settings.find("queueMessages"); messages != settings.end()) {
    channel.queue.messages = messages->get<std::uint64_t>();
    settings.erase(messages);
  }
  if (auto bytes = settings.find("queueBytes"); bytes != settings.end()) {
    channel.queue.bytes = bytes->get<std::uint64_t>();
    settings.erase(bytes);
  }
  channel.settings = std::move(settings);
}

}  // namespace cae::resolve
