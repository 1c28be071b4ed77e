#ifndef TRAINHUB_PROTO_TRAINHUB_V1_PARTICIPANT_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_PARTICIPANT_WIRE_H_

// What the generated participant.grpc.pb.h includes instead of participant.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/participant.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_PARTICIPANT_WIRE_H_
