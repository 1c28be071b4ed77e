#ifndef TRAINHUB_PROTO_WIRE_STRICT_PARSE_H_
#define TRAINHUB_PROTO_WIRE_STRICT_PARSE_H_

// Request parsing that explains itself. gRPC answers a request it cannot
// parse with a bare INTERNAL; trainhub answers INVALID_ARGUMENT naming the
// field, e.g. "organization.name: is not valid UTF-8". The generated
// *.grpc.pb.h files include this header through the *.wire.h headers beside
// the protos (grpc_cpp_plugin's message_header_extension=.wire.h).

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/impl/codegen/proto_utils.h>

#include <string>

#include "absl/strings/string_view.h"

namespace trainhub::wire {

// True when `text` is UTF-8 as protobuf requires of string fields.
bool IsValidUtf8(absl::string_view text);

// Path of the first string field of `bytes` (the wire form of a `type`
// message) whose value is not UTF-8, e.g. "session.trainers[0].note";
// "" when there is none or `bytes` is not protobuf at all.
std::string FindMalformedUtf8(const google::protobuf::Descriptor& type, const std::string& bytes);

// Parses `buffer` into `message`; on failure INVALID_ARGUMENT with
// trainhub.v1.ErrorDetails naming the field when one can be named.
grpc::Status StrictDeserialize(grpc::ByteBuffer* buffer, google::protobuf::Message* message);

}  // namespace trainhub::wire

namespace grpc {

// Generated handlers and stubs (de)serialize through the base type
// MessageLite, so this one specialization covers every trainhub message;
// it must be visible before their first use, hence the *.wire.h headers.
template <>
class SerializationTraits<protobuf::MessageLite, void> {
 public:
  static Status Serialize(const protobuf::MessageLite& msg, ByteBuffer* bb, bool* own_buffer) {
    return GenericSerialize<ProtoBufferWriter, protobuf::MessageLite>(msg, bb, own_buffer);
  }
  static Status Deserialize(ByteBuffer* buffer, protobuf::MessageLite* msg) {
    if (auto* full = dynamic_cast<google::protobuf::Message*>(msg)) {
      return ::trainhub::wire::StrictDeserialize(buffer, full);
    }
    return GenericDeserialize<ProtoBufferReader, protobuf::MessageLite>(buffer, msg);
  }
};

}  // namespace grpc

// Server-streaming handlers parse their request as its own type rather than
// as MessageLite; this makes `type` parse strictly too. Use it in the
// *.wire.h header of the proto that declares `type`, for each request of a
// streaming RPC.
#define TRAINHUB_STRICT_PARSE_STREAMED_REQUEST(type)                \
  namespace grpc {                                                  \
  template <>                                                       \
  class SerializationTraits<type, void>                             \
      : public SerializationTraits<protobuf::MessageLite, void> {}; \
  }

#endif  // TRAINHUB_PROTO_WIRE_STRICT_PARSE_H_
