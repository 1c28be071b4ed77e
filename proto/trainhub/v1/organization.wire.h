#ifndef TRAINHUB_PROTO_TRAINHUB_V1_ORGANIZATION_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_ORGANIZATION_WIRE_H_

// What the generated organization.grpc.pb.h includes instead of organization.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/organization.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_ORGANIZATION_WIRE_H_
