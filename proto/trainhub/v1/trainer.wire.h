#ifndef TRAINHUB_PROTO_TRAINHUB_V1_TRAINER_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_TRAINER_WIRE_H_

// What the generated trainer.grpc.pb.h includes instead of trainer.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/trainer.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_TRAINER_WIRE_H_
