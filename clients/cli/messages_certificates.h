#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_CERTIFICATES_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_CERTIFICATES_H_

// The CLI's texts of completion and certificates; part of messages.h, which
// includes it (include messages.h).

namespace trainhub::cli::msg {

// What a series issues, and who signs an organisation's certificates
inline constexpr char kDocumentsOption[] =
    "what completing the series earns: certificate-and-confirmation (a Zertifikat, or a "
    "Teilnahmebestätigung for partial attendance; the default) or confirmation-only (only "
    "Teilnahmebestätigungen, worded for an event such as a Fachtag or a workshop)";
inline constexpr char kLabelDocuments[] = "Certificates";
inline constexpr char kDocumentsBoth[] =
    "Zertifikat, or Teilnahmebestätigung for partial attendance";
inline constexpr char kDocumentsConfirmationOnly[] =
    "Teilnahmebestätigung only (worded for an event)";
inline constexpr char kSignatoryNameOption[] =
    "who signs the organisation's certificates, printed on them with place and date (\"\": the "
    "coordinator who issues them)";
inline constexpr char kSignatoryRoleOption[] =
    "the signatory's role printed under the name, e.g. \"Projektleitung\"";
inline constexpr char kLabelSignatory[] = "Certificates signed by";
inline constexpr char kSignatoryIssuer[] = "the coordinator who issues them";
inline constexpr char kCertificateSignatory[] = "  signed:    {}";
inline constexpr char kCertificateTopicsLine[] = "       {}";
inline constexpr char kVerifyLastReplacedBy[] = "  last replaced by {} (replaced {} times)";
inline constexpr char kVerifyReplacementValid[] = "  the new certificate {} is valid";
inline constexpr char kVerifyReplacementRevoked[] =
    "  the new certificate {} was REVOKED {}: none of them is valid";

// Completion
inline constexpr char kCompletionHelp[] =
    "who completes a series: its rule, everyone's outcome and forecast, coordinators' decisions";
inline constexpr char kCompletionRuleHelp[] =
    "show a series' completion rule, or change it with the options (the rest stays)";
inline constexpr char kAllModulesOption[] = "every module must be attended (--no-all-modules: not)";
inline constexpr char kMinModulesOption[] =
    "at least N modules attended (instead of all, unless --all-modules is given too; 0: none)";
inline constexpr char kMandatoryModulesOption[] =
    "the modules marked mandatory must be attended (--no-mandatory-modules: not)";
inline constexpr char kMaxExcusedOption[] =
    "at most K sessions with an excused absence, or \"any\"";
inline constexpr char kMinPercentOption[] =
    "at least P % of the series' teaching units (UE) attended (0: no such requirement)";
inline constexpr char kLateMinutesOption[] =
    "minutes a person may miss of a session (late, early leave) and still count as attending";
inline constexpr char kConfirmationModulesOption[] =
    "modules needed for a Teilnahmebestätigung when the rule is not met (0: none)";
inline constexpr char kBadMaxExcused[] = "--max-excused: \"{}\" is neither a number nor \"any\"";
inline constexpr char kCompletionStatusHelp[] =
    "everyone's outcome (Zertifikat, Teilnahmebestätigung) and forecast, with the reasons";
inline constexpr char kCompletionAtRiskHelp[] =
    "the people of a series who are at risk or can no longer complete it, with the reasons";
inline constexpr char kCompletionDecideHelp[] =
    "decide one person's outcome against the rule, with a reason (--outcome automatic: let the "
    "rule decide again)";
inline constexpr char kDecideParticipantArg[] = "participant id";
inline constexpr char kOutcomeOption[] = "certificate, confirmation, none or automatic";
inline constexpr char kDecisionReasonOption[] = "why (kept in the history)";
inline constexpr char kCompletionHistoryHelp[] =
    "every decision recorded for a series, oldest first";
inline constexpr char kRuleHeading[] = "Completion rule of series {}";
inline constexpr char kRuleIsDefault[] = " (the default; none set yet)";
inline constexpr char kRuleAllModules[] = "all modules attended";
inline constexpr char kRuleMinModules[] = "at least {} modules attended";
inline constexpr char kRuleMandatoryModules[] = "the mandatory modules attended";
inline constexpr char kRuleMaxExcused[] = "at most {} excused absences";
inline constexpr char kRuleMinPercent[] = "at least {} % of the teaching units (UE)";
inline constexpr char kRuleLateMinutes[] =
    "A session counts with up to {} minutes missed (present or late).";
inline constexpr char kRuleConfirmation[] =
    "Teilnahmebestätigung when the rule is not met: from {} module(s) attended.";
inline constexpr char kRuleNoConfirmation[] = "The series gives no Teilnahmebestätigung.";
inline constexpr char kRuleUpdated[] = "Set {} by {}.";
inline constexpr char kCompletionHeading[] = "{} (series {}) · as of {}";
inline constexpr char kNobodyToShow[] = "nobody to show";
inline constexpr char kColOutcome[] = "OUTCOME";
inline constexpr char kColProgress[] = "FORECAST";
inline constexpr char kOutcomeCertificate[] = "Zertifikat";
inline constexpr char kOutcomeConfirmation[] = "Teilnahmebestätigung";
inline constexpr char kOutcomeNone[] = "none";
inline constexpr char kOutcomeAutomatic[] = "automatic (the rule decides)";
inline constexpr char kDecidedMark[] = " (decided)";
inline constexpr char kProgressOnTrack[] = "on track";
inline constexpr char kProgressAtRisk[] = "AT RISK";
inline constexpr char kProgressCannotComplete[] = "cannot complete";
inline constexpr char kProgressCompleted[] = "completed";
inline constexpr char kProgressNotCompleted[] = "not completed";
inline constexpr char kCompletionReasonLine[] = "  {} {}: {}";
inline constexpr char kDecisionLine[] = "  {} decided {}: {} ({})";
inline constexpr char kDecisionRecorded[] = "{} ({}): {} (by the rule alone: {})";
inline constexpr char kNoDecisions[] = "no decisions yet";

// Certificates
inline constexpr char kCertificateHelp[] =
    "Zertifikate and Teilnahmebestätigungen: issue, list, download, revoke, reissue, verify";
inline constexpr char kCertificateIssueHelp[] =
    "issue the certificate a person's completion gives (Zertifikat or Teilnahmebestätigung)";
inline constexpr char kCertificateIssueAllHelp[] =
    "issue everyone's certificate of a series at once (--preview: only show who gets what)";
inline constexpr char kPreviewOption[] = "only show who would get what; issue nothing";
inline constexpr char kCertificateListHelp[] =
    "certificates issued (participants: their own), in the order issued";
inline constexpr char kCertificateSeriesOption[] = "only this series";
inline constexpr char kCertificateShowHelp[] = "one certificate with everything printed on it";
inline constexpr char kCertificatePdfHelp[] = "download a certificate's PDF as issued";
inline constexpr char kCertificateRevokeHelp[] =
    "revoke a certificate; verification then says so, with the reason";
inline constexpr char kCertificateReissueHelp[] =
    "issue a new certificate from today's data that replaces this one (e.g. a corrected name)";
inline constexpr char kCertificateReasonOption[] = "why (shown by verification)";
inline constexpr char kCertificateVerifyHelp[] =
    "check a certificate number (no login needed): status, holder, series, signature; or an "
    "exported Open Badge file (FILE.json) without the server, with --issuer-key";
inline constexpr char kVerifyTargetArg[] =
    "certificate number (e.g. 7K3M-Q9ZD-X2RT-4HNB), or an Open Badge file (.json) to check offline";
inline constexpr char kIssuerKeyOption[] =
    "the issuer key you trust, as its KEY (k...) or did:key from 'trainhub certificate keys' or "
    "the verification page; may be given more than once";
inline constexpr char kIssuerKeyNeeded[] =
    "checking a badge file needs the issuer key you trust: add --issuer-key KEY (see 'trainhub "
    "certificate keys', or the issuer's verification page)";
inline constexpr char kIssuerKeyOnlyForFiles[] =
    "--issuer-key is for checking a badge file; a certificate number is checked by the server";
inline constexpr char kBadgeFileTooLarge[] = "{} is larger than a badge file can be (1 MB)";
inline constexpr char kBadgeNotJson[] = "the file cannot be checked: {}";
inline constexpr char kBadgeInvalid[] = "{}: NOT VALID - {}";
inline constexpr char kBadgeUnpinnedKey[] =
    "signed by {} (key {}), which is not the issuer key you gave; anyone can make a file signed "
    "by a key of their own";
inline constexpr char kBadgeValid[] = "{}: signature valid";
inline constexpr char kBadgeWhat[] = "  {}";
inline constexpr char kBadgeHolder[] = "  for:       {}";
inline constexpr char kBadgeIssuer[] = "  issued by: {} · {}";
inline constexpr char kBadgeValidFrom[] = "  valid from: {}";
inline constexpr char kBadgeSignedBy[] = "  signed by: key {} ({}) on {}";
inline constexpr char kBadgeStatusOnline[] =
    "  whether it was revoked since is only known online: {}";
inline constexpr char kCertificateBadgeHelp[] =
    "download a valid certificate as an Open Badges 3.0 credential (JSON, signed; "
    "not a certified 1EdTech implementation)";
inline constexpr char kCertificateZipHelp[] =
    "download the PDFs of a series' certificates as one ZIP file";
inline constexpr char kZipAllOption[] = "also the revoked and replaced certificates";
inline constexpr char kZipOutOption[] =
    "write the ZIP file here (default: the file name the server gives, in this folder; - for "
    "standard output)";
inline constexpr char kZipWritten[] = "wrote {} ({} bytes)";
inline constexpr char kCertificateKeysHelp[] =
    "the issuer's public keys (no login needed), old ones included";
inline constexpr char kSerialArg[] = "certificate number, e.g. 7K3M-Q9ZD-X2RT-4HNB";
inline constexpr char kCertificateHeading[] = "{} {} · {}";
inline constexpr char kCertificateHolder[] = "  for:       {} (participant {})";
inline constexpr char kCertificateSeries[] = "  series:    {} (series {})";
inline constexpr char kCertificateIssuer[] = "  issued by: {}";
inline constexpr char kCertificateIssued[] = "  issued:    {} · {} UE";
inline constexpr char kCertificateModuleLine[] = "  {}. {} ({}): {} UE";
inline constexpr char kCertificateSupersedes[] = "  replaces:  {}";
inline constexpr char kCertificateRevokedLine[] = "  revoked {}: {}";
inline constexpr char kCertificateSupersededLine[] = "  replaced by {}: {}";
inline constexpr char kCertificateSha[] = "  PDF SHA-256: {}";
inline constexpr char kCertificateUrl[] = "  verify at: {}";
inline constexpr char kCertificateValid[] = "valid";
inline constexpr char kCertificateRevoked[] = "REVOKED";
inline constexpr char kCertificateSuperseded[] = "replaced";
inline constexpr char kCertificateUnknown[] = "unknown";
inline constexpr char kCertificateUnconfirmed[] = "STATUS NOT CONFIRMED";
inline constexpr char kVerifyStatusProblem[] =
    "  status:    cannot be trusted, treat it as not valid: {} (the server's data was changed "
    "outside trainhub; ask the issuing organisation)";
inline constexpr char kNobodyCompleted[] =
    "nobody of this series has an outcome to certify yet (see: trainhub completion status)";
inline constexpr char kColSerial[] = "NUMBER";
inline constexpr char kColIssued[] = "ISSUED";
inline constexpr char kHeldMark[] = " (held already)";
inline constexpr char kPreviewNote[] = "preview only: nothing was issued";
inline constexpr char kIssuedCount[] = "{} certificate(s) issued";
inline constexpr char kNoCertificates[] = "no certificates";
inline constexpr char kVerifyUnknown[] = "{}: no certificate has this number";
inline constexpr char kVerifyHolder[] = "  for:       {}";
inline constexpr char kVerifyHolderErased[] =
    "(name no longer stored: the holder's data was erased; check a name with --name)";
inline constexpr char kVerifyNameMatches[] = "  name:      \"{}\" is the holder's name";
inline constexpr char kVerifyNameDiffers[] = "  name:      \"{}\" is NOT the holder's name";
inline constexpr char kVerifyNameTransliterated[] =
    "  name:      \"{}\" matches the holder's name in Latin transliteration\n"
    "             (its consonants; Arabic and Hebrew script write no short vowels):\n"
    "             compare the spelling with an ID";
inline constexpr char kVerifyNameOption[] =
    "check that this is the holder's name (works also after the holder's data was erased)";
inline constexpr char kVerifySeries[] = "  series:    {} ({})";
inline constexpr char kVerifySupersededBy[] = "  replaced by {}";
inline constexpr char kSignatureGood[] = "  signature: intact (issuer key {})";
inline constexpr char kSignatureBad[] =
    "  signature: DOES NOT MATCH - the stored certificate was changed";
inline constexpr char kColKeyId[] = "KEY";
inline constexpr char kColPublicKey[] = "PUBLIC KEY (Ed25519)";
inline constexpr char kColDid[] = "DID (for badge files)";
inline constexpr char kColSince[] = "SINCE";
inline constexpr char kKeyActive[] = "signs new certificates";
inline constexpr char kKeyRetired[] = "verifies old ones";

inline constexpr char kConflictLine[] = "  conflicting session: {} (see: trainhub session show {})";
inline constexpr char kUnreachable[] =
    "cannot reach trainhubd at {}: {}\n  start it (scripts/run), or pass --server HOST:PORT (or "
    "set TRAINHUB_SERVER) where it listens";
inline constexpr char kBadTime[] = "{}: cannot read \"{}\" as a time; use {}";
inline constexpr char kSkippedTime[] =
    "{}: {} does not exist in Europe/Berlin (clocks jump forward then)";
inline constexpr char kRepeatedTime[] =
    "{}: {} happens twice in Europe/Berlin (clocks go back then); give {} for the first "
    "(summer time) or {} for the second (winter time)";
inline constexpr char kSubSecondTime[] = "{}: \"{}\" has parts of a second; give whole seconds";
inline constexpr char kTimeOutOfRange[] =
    "{}: \"{}\" is in the year {}; trainhub takes dates from {} to {} (write the year with four "
    "digits)";
inline constexpr char kBadUtf8[] = "{}: the text is not valid UTF-8";
inline constexpr char kNothingToUpdate[] = "nothing to update: give at least one option to change";
inline constexpr char kCannotWrite[] = "cannot write {}";

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_CERTIFICATES_H_
