#include "absl/strings/escaping.h"
#include "api/convert_completion.h"

namespace trainhub::api {

domain::CompletionRule RuleFromProto(const v1::CompletionRule& in) {
  domain::CompletionRule out;
  out.series_id = in.series_id();
  out.all_modules = in.all_modules();
  out.min_modules = in.min_modules();
  out.mandatory_modules = in.mandatory_modules();
  if (in.has_max_excused()) out.max_excused = in.max_excused();
  out.min_teaching_unit_percent = in.min_teaching_unit_percent();
  out.allowed_minutes_missed = in.allowed_minutes_missed();
  out.confirmation_min_modules = in.confirmation_min_modules();
  return out;
}

}  // namespace trainhub::api

namespace trainhub::v1 {
using api::ConvertEnum;
using api::TimeToProto;

void ToProto(const domain::CompletionRule& in, CompletionRule* out) {
  out->set_series_id(in.series_id);
  out->set_all_modules(in.all_modules);
  out->set_min_modules(in.min_modules);
  out->set_mandatory_modules(in.mandatory_modules);
  if (in.max_excused) out->set_max_excused(*in.max_excused);
  out->set_min_teaching_unit_percent(in.min_teaching_unit_percent);
  out->set_allowed_minutes_missed(in.allowed_minutes_missed);
  out->set_confirmation_min_modules(in.confirmation_min_modules);
  out->set_is_default(in.is_default);
  if (!in.is_default) TimeToProto(in.update_time, out->mutable_update_time());
  out->set_updated_by(in.updated_by_name);
}

void ToProto(const domain::CompletionDecision& in, CompletionDecision* out) {
  out->set_id(in.id);
  out->set_series_id(in.series_id);
  out->set_participant_id(in.participant_id);
  out->set_outcome(ConvertEnum<v1::CompletionOutcome>(in.outcome));
  out->set_reason(in.reason);
  out->set_account_name(in.account_name);
  TimeToProto(in.record_time, out->mutable_record_time());
}

void ToProto(const domain::PersonCompletion& in, PersonCompletion* out) {
  out->set_participant_id(in.participant_id);
  out->set_participant_name(in.participant_name);
  out->set_outcome(ConvertEnum<v1::CompletionOutcome>(in.outcome));
  out->set_rule_outcome(ConvertEnum<v1::CompletionOutcome>(in.rule_outcome));
  if (in.decision) ToProto(*in.decision, out->mutable_decision());
  out->set_progress(ConvertEnum<v1::CompletionProgress>(in.progress));
  out->set_progress_reason(in.progress_reason);
  for (const domain::Message& unmet : in.unmet) out->add_unmet(unmet.English());
  out->set_modules_attended(in.modules_attended);
  out->set_module_count(in.module_count);
  out->set_excused(in.excused);
  out->set_absent(in.absent);
  out->set_sessions_remaining(in.sessions_remaining);
  out->set_teaching_units_attended(in.teaching_units_attended);
  out->set_teaching_units(in.teaching_units);
  out->set_teaching_unit_percent(in.teaching_unit_percent);
  for (const domain::ModuleCompletion& m : in.modules) {
    v1::ModuleCompletion* module = out->add_modules();
    module->set_module_id(m.module.module_id);
    module->set_position(m.module.position);
    module->set_title(m.module.title);
    module->set_mandatory(m.module.mandatory);
    module->set_attended(m.attended);
    module->set_session_count(m.session_count);
    module->set_sessions_attended(m.sessions_attended);
    module->set_teaching_units(m.teaching_units);
    module->set_teaching_units_attended(m.teaching_units_attended);
  }
}

void ToProto(const domain::CompletionReport& in, CompletionReport* out) {
  out->set_series_id(in.series.id);
  out->set_series_title(in.series.title);
  ToProto(in.rule, out->mutable_rule());
  TimeToProto(in.evaluate_time, out->mutable_evaluate_time());
  for (const domain::PersonCompletion& p : in.people) ToProto(p, out->add_people());
}

void ToProto(const domain::Certificate& in, const std::string& verification_url,
             Certificate* out) {
  const domain::CertificateContent& c = in.content;
  out->set_id(in.id);
  out->set_serial(c.serial);
  out->set_series_id(c.series_id);
  out->set_participant_id(in.participant_id);
  out->set_outcome(ConvertEnum<v1::CompletionOutcome>(c.outcome));
  out->set_status(ConvertEnum<v1::CertificateStatus>(in.status));
  out->set_holder_name(c.holder_name);
  out->set_series_title(c.series_title);
  out->set_organization_name(c.organization_name);
  for (const std::string& p : c.partner_names) out->add_partner_names(p);
  TimeToProto(c.issue_time, out->mutable_issue_time());
  out->set_teaching_units_attended(c.teaching_units_attended);
  for (const domain::CertificateModuleLine& m : c.modules) {
    v1::CertificateModule* module = out->add_modules();
    module->set_position(m.position);
    module->set_title(m.title);
    module->set_dates(m.dates);
    module->set_teaching_units(m.teaching_units);
    module->set_teaching_units_attended(m.teaching_units_attended);
    module->set_attended(m.attended);
    for (const std::string& t : m.trainers) module->add_trainers(t);
    for (const std::string& t : m.topics) module->add_topics(t);
  }
  out->set_revoke_reason(in.revoke_reason);
  if (in.revoke_time) TimeToProto(*in.revoke_time, out->mutable_revoke_time());
  out->set_superseded_by(in.superseded_by);
  out->set_supersedes(c.supersedes);
  out->set_pdf_sha256(in.pdf_sha256);
  out->set_key_id(c.key_id);
  out->set_document(in.document);
  out->set_signature(absl::WebSafeBase64Escape(in.signature));
  out->set_verification_url(verification_url);
  out->set_signatory_name(c.signatory_name);
  out->set_signatory_role(c.signatory_role);
  out->set_place(c.place);
  out->set_document_version(c.format_version);
}

void ToProto(const domain::CertificateVerification& in, CertificateVerification* out) {
  if (!in.certificate) return;  // unknown: nothing is said
  const domain::Certificate& cert = *in.certificate;
  const domain::CertificateContent& c = cert.content;
  out->set_status(ConvertEnum<v1::CertificateStatus>(cert.status));
  out->set_serial(c.serial);
  out->set_holder_name(c.holder_name);
  out->set_series_title(c.series_title);
  out->set_organization_name(c.organization_name);
  out->set_outcome(ConvertEnum<v1::CompletionOutcome>(c.outcome));
  TimeToProto(c.issue_time, out->mutable_issue_time());
  out->set_teaching_units_attended(c.teaching_units_attended);
  out->set_pdf_sha256(cert.pdf_sha256);
  out->set_revoke_reason(cert.revoke_reason);
  if (cert.revoke_time) TimeToProto(*cert.revoke_time, out->mutable_revoke_time());
  out->set_superseded_by(cert.superseded_by);
  out->set_key_id(c.key_id);
  out->set_signature_valid(in.signature_valid);
  out->set_holder_erased(!c.holder_name_hash.empty());
  out->set_status_problem(in.status_problem);
  if (in.holder_name_matches) {
    out->set_holder_name_check(*in.holder_name_matches ? v1::HOLDER_NAME_CHECK_MATCHES
                                                       : v1::HOLDER_NAME_CHECK_DIFFERS);
    out->set_holder_name_transliterated(in.holder_name_transliterated);
  }
  if (in.replacement) {
    out->set_replacement_serial(in.replacement->serial);
    out->set_replacement_count(in.replacement->replacements);
    out->set_replacement_status(ConvertEnum<v1::CertificateStatus>(in.replacement->status));
    if (in.replacement->revoke_time) {
      TimeToProto(*in.replacement->revoke_time, out->mutable_replacement_revoke_time());
    }
  }
}

}  // namespace trainhub::v1
