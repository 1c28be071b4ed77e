#ifndef TRAINHUB_PROTO_TRAINHUB_V1_ENROLMENT_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_ENROLMENT_WIRE_H_

// What the generated enrolment.grpc.pb.h includes instead of enrolment.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/enrolment.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_ENROLMENT_WIRE_H_
