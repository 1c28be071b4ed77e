#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_ACCOUNTS_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_ACCOUNTS_H_

// The CLI's texts of accounts, logging in, the audit log, the installation's
// administration and the demo; part of messages.h, which includes it (include
// messages.h).

namespace trainhub::cli::msg {

// Accounts
inline constexpr char kLoginCommand[] = "log in and keep the token for the next commands";
inline constexpr char kHealthCommand[] =
    "check that trainhubd answers (no login needed; exit 0 when serving, 5 when not)";
inline constexpr char kServing[] = "SERVING";
inline constexpr char kNotServing[] = "NOT_SERVING (the server is stopping)";
inline constexpr char kLogoutCommand[] = "log out (revokes the token)";
inline constexpr char kWhoamiCommand[] = "show the account you are logged in as";
inline constexpr char kAccountCommand[] = "accounts (admin)";
inline constexpr char kCreateAccount[] = "create an account";
inline constexpr char kRevokeTokens[] = "end every session of an account";
inline constexpr char kPasswordStdinOption[] =
    "read the password from standard input (for scripts) instead of a prompt";
inline constexpr char kRoleOption[] =
    "role: admin, coordinator:ORG_ID, trainer:TRAINER_ID, participant or "
    "participant:PARTICIPANT_ID (repeat for several)";
inline constexpr char kPasswordPrompt[] = "Password: ";
inline constexpr char kNewPasswordPrompt[] = "Password for the new account: ";
inline constexpr char kRepeatPasswordPrompt[] = "Repeat the password: ";
inline constexpr char kPasswordsDiffer[] = "the passwords differ; nothing was changed";
inline constexpr char kBadRole[] =
    "--role {}: use admin, coordinator:ORG_ID, trainer:TRAINER_ID, participant or "
    "participant:PARTICIPANT_ID";
inline constexpr char kLoggedIn[] = "logged in as {} <{}> ({}); the token is valid until {}";
inline constexpr char kLoggedOut[] = "logged out";
inline constexpr char kCannotSaveToken[] = "cannot save the token to {}";
inline constexpr char kDemoDataBroken[] = "the built-in demo data is broken: {}";
inline constexpr char kDemoUnchanged[] =
    "the demo data is loaded already (by this account); nothing was changed";
inline constexpr char kDemoRecordGone[] =
    "a record of the demo was deleted since it was loaded ({}); demo load cannot repeat it (for a "
    "fresh demo, start with a new database)";
inline constexpr char kDemoLogins[] =
    "the demo's logins that this database holds (admins; exit 4 when it holds none)";
inline constexpr char kNoDemoHere[] = "this database holds none of the demo's logins";
inline constexpr char kDemoLoadedByOther[] =
    "the demo data is here already, loaded by another account; nothing was changed (demo load "
    "completes or repeats a load only for the account that started it)";
inline constexpr char kUnknownCommand[] = "{} has no command \"{}\"; see: {} --help";
inline constexpr char kUnknownCommandNear[] = "{} has no command \"{}\"; did you mean: {} {}?";
inline constexpr char kRevoked[] = "revoked {} token(s)";
inline constexpr char kAuditCommand[] =
    "the audit log (admins; coordinators for their organisation)";
inline constexpr char kAuditList[] = "who changed what, and refused calls, newest first";
inline constexpr char kAuditVerify[] =
    "admins: check that the audit log is unchanged (its hash chain); exit 3 when it was changed";
inline constexpr char kAuditIntact[] = "the audit log is intact: {} events, last hash {}";
inline constexpr char kAuditOpenRows[] =
    "  {} refusal row(s) of the last minute still count repeats; they join the chain when "
    "their minute ends";
inline constexpr char kAuditBroken[] = "the audit log was CHANGED: {}";
inline constexpr char kAdminCommand[] = "running the installation (admins only)";
inline constexpr char kAdminBackup[] =
    "a consistent copy of the whole database while the server runs, written to FILE "
    "(restore it with trainhubd --restore FILE --db PATH)";
inline constexpr char kBackupFileArg[] =
    "the file to write (\"-\": standard output); it holds every personal record";
inline constexpr char kBackupWritten[] = "wrote {} ({} bytes): a backup of the whole database";
inline constexpr char kColWhenLocal[] = "WHEN";
inline constexpr char kAccountGone[] = "account {} (deleted)";
inline constexpr char kUnknownCaller[] = "not signed in, from {}";
inline constexpr char kRepeatCount[] = " ×{}";
inline constexpr char kColAccount[] = "ACCOUNT";
inline constexpr char kColCall[] = "CALL";
inline constexpr char kColObject[] = "OBJECT";
inline constexpr char kColResult[] = "RESULT";
inline constexpr char kLabelRoles[] = "Roles";
inline constexpr char kColRoles[] = "ROLES";

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_ACCOUNTS_H_
