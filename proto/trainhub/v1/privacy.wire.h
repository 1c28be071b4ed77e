#ifndef TRAINHUB_PROTO_TRAINHUB_V1_PRIVACY_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_PRIVACY_WIRE_H_

// What the generated privacy.grpc.pb.h includes instead of privacy.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/privacy.pb.h"
#include "wire/strict_parse.h"

TRAINHUB_STRICT_PARSE_STREAMED_REQUEST(::trainhub::v1::ExportPersonalDataRequest)

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_PRIVACY_WIRE_H_
