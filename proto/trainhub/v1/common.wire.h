#ifndef TRAINHUB_PROTO_TRAINHUB_V1_COMMON_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_COMMON_WIRE_H_

// What the generated common.grpc.pb.h includes instead of common.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/common.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_COMMON_WIRE_H_
