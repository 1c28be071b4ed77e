#include "wire/strict_parse.h"

#include <google/protobuf/stubs/common.h>
#include <google/protobuf/unknown_field_set.h>

#include <map>
#include <vector>

#include "trainhub/v1/common.pb.h"

namespace trainhub::wire {

bool IsValidUtf8(absl::string_view text) {
  // The very check protobuf applies to string fields.
  return google::protobuf::internal::IsStructurallyValidUTF8(text.data(),
                                                             static_cast<int>(text.size()));
}

std::string FindMalformedUtf8(const google::protobuf::Descriptor& type, const std::string& bytes) {
  google::protobuf::UnknownFieldSet fields;
  if (!fields.ParseFromString(bytes)) return "";
  std::map<int, int> seen;  // field number -> occurrences so far
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    const google::protobuf::FieldDescriptor* descriptor = type.FindFieldByNumber(field.number());
    if (descriptor == nullptr ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    std::string path = descriptor->name();
    const int index = seen[field.number()]++;
    if (descriptor->is_repeated()) path += "[" + std::to_string(index) + "]";
    using FD = google::protobuf::FieldDescriptor;
    if (descriptor->type() == FD::TYPE_STRING) {
      if (!IsValidUtf8(field.length_delimited())) return path;
    } else if (descriptor->type() == FD::TYPE_MESSAGE) {
      std::string inner = FindMalformedUtf8(*descriptor->message_type(), field.length_delimited());
      if (!inner.empty()) return path + "." + inner;
    }
  }
  return "";
}

grpc::Status StrictDeserialize(grpc::ByteBuffer* buffer, google::protobuf::Message* message) {
  if (buffer == nullptr) return grpc::Status(grpc::StatusCode::INTERNAL, "No payload");
  std::vector<grpc::Slice> slices;
  grpc::Status dumped = buffer->Dump(&slices);
  buffer->Clear();
  if (!dumped.ok()) return dumped;
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  if (message->ParseFromString(bytes)) return grpc::Status::OK;

  const std::string field = FindMalformedUtf8(*message->GetDescriptor(), bytes);
  trainhub::v1::ErrorDetails details;
  std::string text;
  if (!field.empty()) {
    auto* violation = details.add_field_violations();
    violation->set_field(field);
    violation->set_description("is not valid UTF-8");
    text = field + ": is not valid UTF-8";
  } else {
    text = "the request is not a valid " + message->GetDescriptor()->full_name() + " message";
  }
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, text, details.SerializeAsString());
}

}  // namespace trainhub::wire
