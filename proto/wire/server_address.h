#ifndef TRAINHUB_PROTO_WIRE_SERVER_ADDRESS_H_
#define TRAINHUB_PROTO_WIRE_SERVER_ADDRESS_H_

// How the clients (the CLI and the desktop client) read the address of
// trainhubd that a user typed: "HOST:PORT", or a host alone, which means
// trainhubd's default port.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace trainhub::wire {

// The port trainhubd listens on unless told otherwise (--listen).
inline constexpr int kDefaultServerPort = 50051;

// The gRPC target for `typed`: "127.0.0.1" -> "127.0.0.1:50051",
// "localhost" -> "localhost:50051", "::1" and "[::1]" -> "[::1]:50051";
// an address with a port ("host:8443", "[::1]:8443") and gRPC target URIs
// ("dns:///host:port", "unix:/path", "ipv4:...") stay as they are. Spaces
// around it are dropped. nullopt when it cannot be an address (empty, a
// port that is not 1-65535, a bracket left open, spaces inside).
std::optional<std::string> ServerTarget(absl::string_view typed);

}  // namespace trainhub::wire

#endif  // TRAINHUB_PROTO_WIRE_SERVER_ADDRESS_H_
