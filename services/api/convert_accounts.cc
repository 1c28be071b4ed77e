#include "api/convert_accounts.h"

namespace trainhub::api {

domain::Account FromProto(const trainhub::v1::Account& in) {
  domain::Account out;
  out.id = in.id();
  out.email = in.email();
  out.display_name = in.display_name();
  for (const auto& g : in.roles()) {
    out.roles.push_back({ConvertEnum<domain::Role>(g.role()), g.organization_id(), g.trainer_id(),
                         g.participant_id()});
  }
  return out;
}

}  // namespace trainhub::api

namespace trainhub::v1 {
using api::ConvertEnum;
using api::TimeToProto;

void ToProto(const domain::AuditEvent& in, AuditEvent* out) {
  out->set_id(in.id);
  TimeToProto(in.time, out->mutable_time());
  out->set_account_id(in.account_id);
  out->set_method(in.method);
  out->set_object(in.object);
  out->set_organization_id(in.organization_id);
  out->set_result(in.result);
  out->set_request_id(in.request_id);
  out->set_peer(in.peer);
  out->set_repeat_count(in.repeat_count);
  out->set_account_name(in.account_name);
}

void ToProto(const domain::Account& in, Account* out) {
  out->set_id(in.id);
  out->set_email(in.email);
  out->set_display_name(in.display_name);
  for (const domain::RoleGrant& g : in.roles) {
    auto* grant = out->add_roles();
    grant->set_role(ConvertEnum<trainhub::v1::Role>(g.role));
    grant->set_organization_id(g.organization_id);
    grant->set_trainer_id(g.trainer_id);
    grant->set_participant_id(g.participant_id);
  }
  TimeToProto(in.create_time, out->mutable_create_time());
}

void ToProto(const domain::AuditChainCheck& in, v1::AuditLogVerification* out) {
  out->set_intact(in.intact);
  out->set_event_count(in.event_count);
  out->set_head_hash(in.head_hash);
  out->set_first_bad_event_id(in.first_bad_event_id);
  out->set_problem(in.problem);
  out->set_open_count(in.open_count);
}

}  // namespace trainhub::v1
