#ifndef TRAINHUB_PROTO_TRAINHUB_V1_ACCOUNT_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_ACCOUNT_WIRE_H_

// What the generated account.grpc.pb.h includes instead of account.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/account.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_ACCOUNT_WIRE_H_
